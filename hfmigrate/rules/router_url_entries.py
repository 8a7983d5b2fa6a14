"""The catalogue entries of the router-URL family (HFM601-HFM606, HFM608): what ``hfmigrate rules`` prints.

Data only, kept apart from the checks in :mod:`hfmigrate.rules.router_urls` so that each module stays short.
"""

from __future__ import annotations

from hfmigrate.engine.rule_api import CatalogueEntry, FixKind
from hfmigrate.urls import ROUTER_URL

_R = ROUTER_URL

ENTRIES = (
    CatalogueEntry(
        "HFM601",
        "router-models-path",
        "`ROUTER/models/{id}` does not exist",
        f"The router has no `/models/{{id}}` route (404). HF's own provider serves a model's task at "
        f"`{_R}/hf-inference/models/{{id}}`; an LLM belongs on `{_R}/v1/chat/completions` (hf-inference serves "
        "no LLMs), which needs the payload changed: rewrite marks those.",
        f'API_URL = "{_R}/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"',
        f'API_URL = "{_R}/hf-inference/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"',
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM602",
        "router-pipeline-path",
        "`ROUTER/pipeline/...` does not exist",
        f"The legacy `/pipeline/{{task}}/{{id}}` form was never a router route. On hf-inference the task moves after "
        f"the id for feature-extraction and sentence-similarity (`{_R}/hf-inference/models/{{id}}/pipeline/{{task}}`); "
        "other tasks use the model route.",
        f'url = f"{_R}/pipeline/feature-extraction/{{model_id}}"',
        f'url = f"{_R}/hf-inference/models/{{model_id}}/pipeline/feature-extraction"',
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM603",
        "hf-inference-pipeline-path",
        "`ROUTER/hf-inference/pipeline/{task}/{id}` is dead",
        "This route has answered 404 since 2025-04-28; huggingface_hub 0.29-0.30 and @huggingface/inference "
        f"3.3.3-3.11 build it. The task goes after the id: `{_R}/hf-inference/models/{{id}}/pipeline/{{task}}`.",
        f'url = "{_R}/hf-inference/pipeline/feature-extraction/BAAI/bge-small-en-v1.5"',
        f'url = "{_R}/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction"',
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM604",
        "router-root-embeddings",
        "`ROUTER/v1/embeddings` does not exist",
        "The router has no OpenAI-style embeddings route at its root. Use a provider's embeddings route "
        f"(`{_R}/scaleway/v1/embeddings`, `{_R}/together/v1/embeddings`, `{_R}/deepinfra/v1/openai/embeddings`, "
        "each with that provider's model id) or hf-inference feature-extraction. That is a choice: rewrite marks it.",
        f'requests.post("{_R}/v1/embeddings", json={{"model": "BAAI/bge-small-en-v1.5", "input": texts}})',
        f'requests.post("{_R}/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction",'
        ' json={"inputs": texts})',
    ),
    CatalogueEntry(
        "HFM605",
        "model-in-v1-path",
        "Model id inside a router `/v1/...` path",
        f"OpenAI-compatible routes take the model in the request body. `{_R}/v1/{{id}}/chat/completions` and "
        f'`{_R}/models/{{id}}/v1/...` answer 404: use `{_R}/v1/chat/completions` with `"model": "{{id}}"`.',
        f'requests.post("{_R}/v1/meta-llama/Llama-3.1-8B-Instruct/chat/completions", json={{"messages": msgs}})',
        f'requests.post("{_R}/v1/chat/completions",'
        ' json={"model": "meta-llama/Llama-3.1-8B-Instruct", "messages": msgs})',
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM606",
        "hf-inference-chat-path",
        "Chat through `ROUTER/hf-inference/models/{id}/v1/...`",
        "hf-inference serves no LLMs since mid 2026, so its per-model chat route answers 404. Use "
        f"`{_R}/v1/chat/completions` with the model in the body: the router picks a provider that serves it.",
        f'requests.post("{_R}/hf-inference/models/Qwen/Qwen2.5-7B-Instruct/v1/chat/completions",'
        ' json={"messages": msgs})',
        f'requests.post("{_R}/v1/chat/completions", json={{"model": "Qwen/Qwen2.5-7B-Instruct", "messages": msgs}})',
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM608",
        "hub-inference-proxy",
        "Retired `huggingface.co/api/inference-proxy/{provider}`",
        "@huggingface/inference 3.1.4-3.3.2 called providers through the Hub's inference proxy, which is retired. "
        f"The same provider route lives on the router: `{_R}/{{provider}}/...`.",
        'const url = "https://huggingface.co/api/inference-proxy/together/v1/chat/completions";',
        f'const url = "{_R}/together/v1/chat/completions";',
        fix=FixKind.EDIT,
    ),
)
