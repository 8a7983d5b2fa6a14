"""The catalogue entries of the legacy-URL family (HFM101-HFM106, HFM108): what ``hfmigrate rules`` prints.

Data only, kept apart from the checks in :mod:`hfmigrate.rules.legacy_urls` so that each module stays short.
"""

from __future__ import annotations

from hfmigrate.engine.rule_api import CatalogueEntry
from hfmigrate.urls import HUB_URL, LEGACY_URL, ROUTER_URL

_L = LEGACY_URL
_R = ROUTER_URL

ENTRIES = (
    CatalogueEntry(
        "HFM101",
        "legacy-model-url",
        "Legacy model URL on the retired host",
        f"`POST {_L}/models/{{id}}` answers 410 Gone. HF's own provider serves the same payload at "
        f"`{_R}/hf-inference/models/{{id}}`, for the (mostly CPU) models it still deploys. Since mid 2026 it "
        "serves no LLMs, and today's LLMs are mapped only for chat: LLM text generation belongs on "
        f"`{_R}/v1/chat/completions` (see HFM107).",
        f'API_URL = "{_L}/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"',
        f'API_URL = "{_R}/hf-inference/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"',
        fixable=True,
    ),
    CatalogueEntry(
        "HFM102",
        "legacy-pipeline-url",
        "Legacy pipeline URL on the retired host",
        f"`{_L}/pipeline/{{task}}/{{id}}` is gone. For feature-extraction and sentence-similarity the task moves "
        f"after the id: `{_R}/hf-inference/models/{{id}}/pipeline/{{task}}`; other tasks use "
        f"`{_R}/hf-inference/models/{{id}}`.",
        f'url = f"{_L}/pipeline/feature-extraction/{{model_id}}"',
        f'url = f"{_R}/hf-inference/models/{{model_id}}/pipeline/feature-extraction"',
        fixable=True,
    ),
    CatalogueEntry(
        "HFM103",
        "legacy-openai-url",
        "OpenAI-compatible URL on the retired host",
        f"The OpenAI-compatible base `{_L}/v1/` and per-model chat URLs `{_L}/models/{{id}}/v1/...` are gone. "
        f"Use `{_R}/v1` with the model id in the request body. A per-model URL used as the base URL of an "
        f"OpenAI, InferenceClient or ChatOpenAI client becomes `{_R}/v1`, and its chat calls' `model` (a "
        'placeholder such as "tgi", or none) becomes the id; where a chat call is out of reach, a marker names '
        "the id to pass.",
        f'client = OpenAI(base_url="{_L}/v1/", api_key=token)',
        f'client = OpenAI(base_url="{_R}/v1/", api_key=token)',
        fixable=True,
    ),
    CatalogueEntry(
        "HFM104",
        "legacy-endpoint-without-equivalent",
        "Legacy endpoint with no router equivalent",
        "`/status/{id}`, `/framework/...` and `/models/{id}/info` have no router counterpart. Ask the Hub API "
        f"instead (`GET {HUB_URL}/api/models/{{id}}?expand[]=inference`). rewrite marks these; a person "
        "decides.",
        f'requests.get(f"{_L}/status/{{model}}")',
        f'requests.get(f"{HUB_URL}/api/models/{{model}}", params={{"expand[]": "inference"}})',
    ),
    CatalogueEntry(
        "HFM105",
        "legacy-host-prefix",
        "Legacy host or prefix completed elsewhere",
        "A constant or default holds only the legacy host (or `/models/`); the rest of the URL is joined elsewhere. "
        f"When every use of that binding (followed through imports in the tree; same-named variables elsewhere do "
        f"not count) is a join rewrite sees, the prefix becomes `{_R}/hf-inference` (an environment default gets "
        "the new default) and joins that append something other than `/models/{id}` are rewritten where they are. "
        "A function-local host variable joined in the same function is treated the same way. Otherwise the marker "
        "names the uses that blocked it (file:line), and joins on an environment-backed prefix are marked, never "
        "made absolute.",
        f'HF_API_BASE = "{_L}"\nurl = f"{{HF_API_BASE}}/models/{{model}}"',
        f'HF_API_BASE = "{_R}/hf-inference"\nurl = f"{{HF_API_BASE}}/models/{{model}}"',
        fixable=True,
    ),
    CatalogueEntry(
        "HFM106",
        "legacy-host-pattern",
        "Legacy host inside a regular expression or pattern",
        "A pattern (often a test mock) matches the retired host. Once the code is migrated, the mock no longer "
        "intercepts anything. Update it by hand to match the router URL.",
        r'responses.add(responses.POST, re.compile(r"^https://api-inference\.huggingface\.co/models/.*$"))',
        r'responses.add(responses.POST, re.compile(r"^https://router\.huggingface\.co/hf-inference/models/.*$"))',
    ),
    CatalogueEntry(
        "HFM108",
        "legacy-url-in-recording",
        "Legacy request in a recording (cassette, HAR, snapshot)",
        "A VCR.py / pytest-recording / betamax cassette, a `responses` recorder file, a HAR file or a snapshot "
        "(`__snapshots__/`, `*.ambr`, `*.snap`) holds a request to the retired host and what it answered then. "
        "Once the code is migrated, replay stops matching (the request URL changed), and a hand-edited recording "
        "would claim the router answered what the legacy host did. Re-record it against the router (pytest-"
        'recording `--record-mode=rewrite`, vcrpy `record_mode="all"`, `pytest --snapshot-update`); rewrite '
        "never edits recordings and lists them as left for a person. The message keeps the original finding's "
        "code and advice. Recognised by path (a folder named `*cassette*` or `__snapshots__`, `*.har`, `*.ambr`, "
        "`*.snap`) or by content (YAML/JSON with `interactions` + `request`, `responses` + `response` + `url`, "
        "HAR's `log` + `entries`, or `request` + `response` with a `url`/`uri`). Ignore HFM108 to keep old recordings "
        "on purpose.",
        f"# tests/cassettes/test_classify.yaml\ninteractions:\n- request:\n    uri: {_L}/models/gpt2",
        "# re-recorded: pytest --record-mode=rewrite\ninteractions:\n- request:\n"
        f"    uri: {_R}/hf-inference/models/gpt2",
    ),
)
