"""A small Hub and router, on :class:`tests.server.LocalHF`, for the check-models tests and the bench.

The Hub serves ``/api/models/{id}`` (provider mapping in the dict shape, or the list shape for ids listed in
``LIST_SHAPE``), 404 ``RepoNotFound``, 401 for gated repos, and ``/api/models`` listings per pipeline tag (list
shape, as the real Hub). The router serves ``/v1/models``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.server import LocalHF, Reply, Request


def mapping(**providers: tuple[str, str]) -> dict[str, dict[str, Any]]:
    """``mapping(groq=("live", "conversational"))`` → the Hub's dict shape."""
    return {
        name.replace("_", "-"): {"status": status, "task": task, "providerId": f"{name}/model", "isModelAuthor": False}
        for name, (status, task) in providers.items()
    }


#: id → (pipeline_tag, mapping, downloads)
HUB_MODELS: dict[str, tuple[str, dict[str, Any], int]] = {
    "meta-llama/Llama-3.1-8B-Instruct": (
        "text-generation",
        mapping(groq=("live", "conversational"), novita=("live", "conversational"), nebius=("live", "conversational")),
        900,
    ),
    "BAAI/bge-small-en-v1.5": ("feature-extraction", mapping(hf_inference=("live", "feature-extraction")), 800),
    "distilbert/distilbert-base-uncased-finetuned-sst-2-english": (
        "text-classification",
        mapping(hf_inference=("live", "text-classification")),
        700,
    ),
    "openai-community/gpt2": ("text-generation", {}, 5000),
    "acme/staging-model": ("text-generation", mapping(together=("staging", "conversational")), 10),
    "acme/removed-only": ("text-generation", mapping(sambanova=("live", "conversational")), 10),
    "acme/broken-model": ("text-generation", mapping(novita=("error", "conversational")), 10),
    "Qwen/Qwen2.5-7B-Instruct": ("text-generation", mapping(together=("live", "conversational")), 600),
    "mistralai/Mistral-7B-Instruct-v0.3": ("text-generation", mapping(hf_inference=("live", "text-generation")), 500),
    "sentence-transformers/all-MiniLM-L6-v2": (
        "sentence-similarity",
        mapping(hf_inference=("live", "sentence-similarity")),
        9000,
    ),
    # the other models of fixtures/legacy-app, as the Hub describes them today
    "gpt2": ("text-generation", {}, 4000),
    "google/flan-t5-xxl": ("text2text-generation", {}, 300),
    "Salesforce/blip-image-captioning-large": ("image-to-text", {}, 200),
    # served only by providers other than hf-inference, or only for text-generation (call-style tests)
    "stabilityai/stable-diffusion-xl-base-1.0": (
        "text-to-image",
        mapping(fal_ai=("live", "text-to-image"), replicate=("live", "text-to-image")),
        3000,
    ),
    "facebook/bart-large-cnn": ("summarization", mapping(hf_inference=("live", "summarization")), 2500),
    "acme/completion-only": ("text-generation", mapping(featherless_ai=("live", "text-generation")), 20),
    "zai-org/GLM-4.5": ("text-generation", mapping(zai_org=("live", "conversational")), 100),
}
LIST_SHAPE = {"Qwen/Qwen2.5-7B-Instruct", "BAAI/bge-small-en-v1.5"}
GATED = {"acme/gated-model"}

ROUTER_MODELS = [
    {
        "id": "meta-llama/Llama-3.1-8B-Instruct",
        "object": "model",
        "created": 1,
        "owned_by": "meta-llama",
        "providers": [
            {
                "provider": "groq",
                "status": "live",
                "context_length": 131072,
                "pricing": {"input": 0.05, "output": 0.08},
                "supports_tools": True,
            },
            {
                "provider": "novita",
                "status": "live",
                "context_length": 16384,
                "pricing": {"input": 0.02, "output": 0.05},
            },
        ],
    },
    {"id": "Qwen/Qwen2.5-7B-Instruct", "object": "model", "providers": [{"provider": "together", "status": "live"}]},
    {  # the optional catalogue extras of hf-api.md §0
        "id": "zai-org/GLM-4.5",
        "object": "model",
        "providers": [
            {
                "provider": "zai-org",
                "status": "live",
                "throughput": 87.5,
                "first_token_latency_ms": 420,
                "supports_structured_output": True,
                "is_free": False,
            }
        ],
    },
]


def _listed(model_id: str, tag: str, mapping_dict: dict[str, Any], downloads: int) -> dict[str, Any]:
    entries = [dict(value, provider=name) for name, value in mapping_dict.items()]
    return {"id": model_id, "pipeline_tag": tag, "downloads": downloads, "inferenceProviderMapping": entries}


def hub_model_reply(request: Request, models=None) -> Reply:
    models = HUB_MODELS if models is None else models
    model_id = (
        f"{request.params['org']}/{request.params['name']}" if request.params.get("org") else request.params["name"]
    )
    if model_id in GATED and "authorization" not in request.headers:
        return Reply(401, json={"error": "Access to model is restricted."}, headers={"X-Error-Code": "GatedRepo"})
    if model_id not in models:
        return Reply(404, json={"error": "Repository not found"}, headers={"X-Error-Code": "RepoNotFound"})
    tag, providers, _ = models[model_id]
    shaped: Any = [dict(v, provider=k) for k, v in providers.items()] if model_id in LIST_SHAPE else providers
    return Reply(200, json={"_id": "x", "id": model_id, "pipeline_tag": tag, "inferenceProviderMapping": shaped})


def listing_reply(request: Request, models=None) -> Reply:
    models = HUB_MODELS if models is None else models
    tag = (request.query.get("pipeline_tag") or [""])[0]
    items = [_listed(m, t, p, d) for m, (t, p, d) in models.items() if t == tag and p]
    items.sort(key=lambda item: -item["downloads"])
    return Reply(200, json=items)


def hub_host(latency: float = 0.0, models=None) -> LocalHF:
    hub = LocalHF(latency=latency)
    hub.route("GET", r"/api/models", lambda r: listing_reply(r, models))
    hub.route("GET", r"/api/models/(?P<name>[^/]+)", lambda r: hub_model_reply(r, models))
    hub.route("GET", r"/api/models/(?P<org>[^/]+)/(?P<name>[^/]+)", lambda r: hub_model_reply(r, models))
    return hub


def router_host(latency: float = 0.0, models=None) -> LocalHF:
    router = LocalHF(latency=latency)
    router.route(
        "GET", r"/v1/models", Reply(json={"object": "list", "data": ROUTER_MODELS if models is None else models})
    )
    return router


def model_requests(hub: LocalHF) -> list[Request]:
    return [r for r in hub.requests if r.path.startswith("/api/models/")]


TOKEN_VARIABLES = (
    "HF_TOKEN",
    "HUGGING_FACE_HUB_TOKEN",
    "HF_TOKEN_PATH",
    "HF_ENDPOINT",
    "HFMIGRATE_ROUTER_URL",
    "HF_INFERENCE_ENDPOINT",
)


def isolate_environment(monkeypatch, tmp_path) -> Path:
    """No token, host or cache from the developer's machine leaks into a test; returns the cache folder."""
    for name in TOKEN_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    cache = Path(tmp_path) / "cache"
    monkeypatch.setenv("HFMIGRATE_CACHE_DIR", str(cache))
    return cache


def run_cli(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """Run ``hfmigrate ARGS`` in-process through ``main()`` (so errors become one line and an exit code)."""
    import sys

    from hfmigrate.cli import main

    monkeypatch.setattr(sys, "argv", ["hfmigrate", *args])
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
