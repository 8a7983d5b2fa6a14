"""Run programs (fixture apps, before or after migration) against local stand-ins for the Hugging Face hosts.

    with start_stand_ins() as hf:
        result = run_program("app/generate.py", ["Summarise: ..."], hf.hosts, cwd=tmp_path)
        assert result.returncode == 0
        hf.router.requests[-1].json()["messages"]

``run_program`` starts ``sys.executable`` with ``tests/e2e/sitecustomize`` on ``PYTHONPATH`` and
``HFMIGRATE_TEST_HOSTS`` set, so requests/httpx/urllib traffic for the mapped hosts reaches the local servers
without editing the program. The stand-ins behave like the real hosts as described in
/work/shared/reference/hf-api.md: the legacy host answers 410 everywhere; the router serves LLMs only
as chat (``/v1/chat/completions``, also ``/{provider}/v1/chat/completions``), hf-inference serves no LLM (404 on
``/hf-inference/models/{llm}`` and on its ``/v1/chat/completions``), only the non-LLM task shapes for the models in
``CATALOG``; old models (gpt2, DialoGPT, flan-t5) are served nowhere; the Hub maps today's LLMs as
``conversational`` only, so ``InferenceClient.text_generation`` fails on them as it does for real ("Supported task:
conversational"); the Hub serves model info and ``whoami-v2``. Every router/Hub route requires ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.server import LocalHF, Reply, Request, chat_completion, chat_stream, hf_inference_not_found, legacy_host

REPO = Path(__file__).resolve().parents[2]
FIXTURE_APP = REPO / "fixtures" / "legacy-app"
SITECUSTOMIZE_DIR = Path(__file__).resolve().parent / "sitecustomize"

TEST_TOKEN = "test-token"
LEGACY_HOST = "api-inference.huggingface.co"
ROUTER_HOST = "router.huggingface.co"
HUB_HOST = "huggingface.co"

# --- what the stand-in router answers (fixed, so tests can compare program output) ---------------------------

GENERATED_CONTINUATION = " -- stand-in continuation."
IMAGE_CAPTION = "a screenshot of an error dialog"
SUMMARY_TEXT = "Customer cannot log in after the update."
EMBEDDING_DIM = 384


def chat_reply_text(model: str) -> str:
    """The assistant message the router stand-in returns for ``model`` (provider suffix stripped)."""
    return f"stand-in reply from {model}"


def make_png(width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (40, 120, 200)) -> bytes:
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


GENERATED_IMAGE = make_png()


def embedding(text: str, dim: int = EMBEDDING_DIM) -> list[float]:
    """A deterministic unit-ish vector for ``text``."""
    seed = hashlib.sha256(text.encode()).digest()
    return [round((seed[i % len(seed)] - 128) / 128.0 * (1 + i % 3) / 3, 6) for i in range(dim)]


@dataclass(frozen=True)
class Model:
    pipeline_tag: str
    hf_inference: bool = True  # served by ROUTER/hf-inference/models/{id}
    chat: bool = False  # served by ROUTER/v1/chat/completions
    provider: str | None = "hf-inference"  # None: no provider serves the model


CATALOG: dict[str, Model] = {
    # chat LLMs: served by providers through /v1/chat/completions, NOT by hf-inference
    "mistralai/Mistral-7B-Instruct-v0.3": Model(
        "text-generation", hf_inference=False, chat=True, provider="featherless-ai"
    ),
    "meta-llama/Llama-3.1-8B-Instruct": Model("text-generation", hf_inference=False, chat=True, provider="novita"),
    # old models that answered on the retired host and that no provider serves today (hf-api.md §0)
    "gpt2": Model("text-generation", hf_inference=False, provider=None),
    "openai-community/gpt2": Model("text-generation", hf_inference=False, provider=None),
    "google/flan-t5-xxl": Model("text2text-generation", hf_inference=False, provider=None),
    "microsoft/DialoGPT-medium": Model("conversational", hf_inference=False, provider=None),
    # hf-inference (CPU) models
    "Salesforce/blip-image-captioning-large": Model("image-to-text"),
    "distilbert/distilbert-base-uncased-finetuned-sst-2-english": Model("text-classification"),
    "distilbert-base-uncased-finetuned-sst-2-english": Model("text-classification"),
    "stabilityai/stable-diffusion-xl-base-1.0": Model("text-to-image"),
    "sentence-transformers/all-MiniLM-L6-v2": Model("sentence-similarity"),
    "facebook/bart-large-cnn": Model("summarization"),
}

PROVIDERS = (
    "baseten",
    "cerebras",
    "cohere",
    "deepinfra",
    "fal-ai",
    "featherless-ai",
    "fireworks-ai",
    "groq",
    "hf-inference",
    "novita",
    "nscale",
    "ovhcloud",
    "publicai",
    "replicate",
    "scaleway",
    "together",
    "wavespeed",
    "zai-org",
)


def _error(status: int, message: Any, **headers: str) -> Reply:
    return Reply(status, json={"error": message}, headers=dict(headers))


def _authorized(request: Request, token: str) -> bool:
    return request.headers.get("authorization", "") == f"Bearer {token}"


def _unauthorized() -> Reply:
    return _error(401, "Invalid credentials in Authorization header")


def _json_body(request: Request) -> Any:
    try:
        return request.json()
    except (ValueError, UnicodeDecodeError):
        return None


def _chat(request: Request, token: str, pinned_provider: str | None = None) -> Reply:
    if not _authorized(request, token):
        return _unauthorized()
    body = _json_body(request)
    if not isinstance(body, dict):
        return Reply(422, text="Failed to parse the request body as JSON")
    if "provider" in body:
        return Reply(
            422, json={"error": "Input validation error: unknown field `provider`", "error_type": "validation"}
        )
    if "messages" not in body:
        return Reply(422, text="Failed to deserialize the JSON body into the target type: missing field `messages`")
    model = str(body.get("model", ""))
    base = model.split(":", 1)[0]
    entry = CATALOG.get(base)
    if entry is None or not entry.chat:
        return Reply(
            400,
            json={
                "error": {
                    "message": f"The requested model '{model}' is not supported by any provider you have enabled.",
                    "type": "invalid_request_error",
                    "param": "model",
                    "code": "model_not_supported",
                }
            },
        )
    provider = pinned_provider or (model.split(":", 1)[1] if ":" in model else entry.provider)
    if provider in ("fastest", "cheapest", "preferred"):
        provider = entry.provider
    if body.get("stream"):
        text = chat_reply_text(base)
        reply = chat_stream((text[: len(text) // 2], text[len(text) // 2 :]))
        reply.headers["x-inference-provider"] = provider
        return reply
    return chat_completion(chat_reply_text(base), model=base, provider=provider)


def _hf_task(model_id: str, task: str, request: Request) -> Reply:
    headers = {"x-inference-provider": "hf-inference"}
    body = _json_body(request)
    inputs = body.get("inputs") if isinstance(body, dict) else None
    params = (body.get("parameters") or {}) if isinstance(body, dict) else {}

    if task in ("text-generation", "text2text-generation"):
        if not isinstance(inputs, str):
            return _error(422, "Input validation error: `inputs` must be a string", **headers)
        full = params.get("return_full_text", task == "text-generation")
        text = (inputs if full else "") + GENERATED_CONTINUATION
        return Reply(json=[{"generated_text": text}], headers=headers)
    if task == "image-to-text":
        if not request.body:
            return _error(400, "No image provided", **headers)
        return Reply(json=[{"generated_text": IMAGE_CAPTION}], headers=headers)
    if task == "text-classification":
        if inputs is None:
            return _error(400, "Missing inputs", **headers)
        return Reply(
            json=[[{"label": "POSITIVE", "score": 0.9866}, {"label": "NEGATIVE", "score": 0.0134}]], headers=headers
        )
    if task == "text-to-image":
        if not isinstance(inputs, str):
            return _error(400, "`inputs` must be a prompt string", **headers)
        return Reply(body=GENERATED_IMAGE, content_type="image/png", headers=headers)
    if task == "summarization":
        if inputs is None:
            return _error(400, "Missing inputs", **headers)
        return Reply(json=[{"summary_text": SUMMARY_TEXT}], headers=headers)
    if task == "feature-extraction":
        if isinstance(inputs, str):
            return Reply(json=embedding(inputs), headers=headers)
        if isinstance(inputs, list) and all(isinstance(t, str) for t in inputs):
            return Reply(json=[embedding(t) for t in inputs], headers=headers)
        return _error(400, "`inputs` must be a string or a list of strings", **headers)
    if task == "sentence-similarity":
        if isinstance(inputs, dict) and isinstance(inputs.get("sentences"), list):
            return Reply(json=[0.5 for _ in inputs["sentences"]], headers=headers)
        return _error(
            400, "SentenceSimilarityPipeline expects `inputs` with `source_sentence` and `sentences`", **headers
        )
    return _error(400, f"Task {task} is not supported by the stand-in", **headers)


def _hf_inference(request: Request, token: str) -> Reply:
    if not _authorized(request, token):
        return _unauthorized()
    rest = request.params["rest"]
    if rest.endswith("/v1/chat/completions"):
        return hf_inference_not_found()  # hf-inference serves no LLMs since mid 2026 (hf-api.md §0)
    task = None
    if "/pipeline/" in rest:
        rest, task = rest.split("/pipeline/", 1)
        if task not in ("feature-extraction", "sentence-similarity"):
            return hf_inference_not_found()
    entry = CATALOG.get(rest)
    if entry is None or not entry.hf_inference:
        return hf_inference_not_found()
    if task == "feature-extraction" and entry.pipeline_tag not in ("feature-extraction", "sentence-similarity"):
        return _error(400, f"Model {rest} does not support feature-extraction")
    return _hf_task(rest, task or entry.pipeline_tag, request)


def router_stand_in(token: str = TEST_TOKEN) -> LocalHF:
    router = LocalHF()
    router.route("POST", r"/v1/chat/completions", lambda req: _chat(req, token))
    providers = "|".join(p for p in PROVIDERS if p != "hf-inference")
    router.route(
        "POST",
        rf"/(?P<provider>{providers})/v1/chat/completions",
        lambda req: _chat(req, token, req.params["provider"]),
    )
    router.route(
        "GET",
        r"/v1/models",
        Reply(
            json={
                "object": "list",
                "data": [
                    {
                        "id": mid,
                        "object": "model",
                        "created": 1760000000,
                        "owned_by": mid.split("/")[0],
                        "providers": [{"provider": m.provider, "status": "live"}],
                    }
                    for mid, m in CATALOG.items()
                    if m.chat
                ],
            }
        ),
    )
    router.route("POST", r"/hf-inference/models/(?P<rest>.+)", lambda req: _hf_inference(req, token))
    return router


def _model_info(request: Request, token: str) -> Reply:
    model_id = request.params["id"]
    entry = CATALOG.get(model_id)
    if entry is None:
        return Reply(404, json={"error": "Repository Not Found"}, headers={"X-Error-Code": "RepoNotFound"})
    expand = request.query.get("expand[]", []) + request.query.get("expand", [])
    if expand:
        info: dict[str, Any] = {"_id": "0" * 24, "id": model_id}
        if "inference" in expand and entry.provider is not None:
            info["inference"] = "warm"
        if "inferenceProviderMapping" in expand:
            task = "conversational" if entry.chat else entry.pipeline_tag
            info["inferenceProviderMapping"] = (
                {}
                if entry.provider is None
                else {entry.provider: {"status": "live", "providerId": model_id, "task": task, "isModelAuthor": False}}
            )
        if "pipeline_tag" in expand:
            info["pipeline_tag"] = entry.pipeline_tag
        return Reply(json=info)
    return Reply(
        json={
            "_id": "0" * 24,
            "id": model_id,
            "modelId": model_id,
            "author": model_id.split("/")[0] if "/" in model_id else None,
            "sha": "0123456789abcdef0123456789abcdef01234567",
            "lastModified": "2024-01-01T00:00:00.000Z",
            "private": False,
            "disabled": False,
            "gated": False,
            "pipeline_tag": entry.pipeline_tag,
            "library_name": "transformers",
            "tags": [entry.pipeline_tag],
            "downloads": 1000,
            "likes": 10,
            "siblings": [{"rfilename": "config.json"}],
        }
    )


def hub_stand_in(token: str = TEST_TOKEN) -> LocalHF:
    hub = LocalHF()
    hub.route("GET", r"/api/models/(?P<id>[^/]+(?:/[^/]+)?)(?:/revision/[^/]+)?", lambda req: _model_info(req, token))
    hub.route(
        "GET",
        r"/api/whoami-v2",
        lambda req: (
            Reply(
                json={
                    "type": "user",
                    "name": "test-user",
                    "auth": {
                        "type": "access_token",
                        "accessToken": {
                            "displayName": "e2e",
                            "role": "fineGrained",
                            "fineGrained": {"global": ["inference.serverless.write"], "scoped": []},
                        },
                    },
                }
            )
            if _authorized(req, token)
            else _unauthorized()
        ),
    )
    return hub


@dataclass
class StandIns:
    legacy: LocalHF
    router: LocalHF
    hub: LocalHF

    @property
    def hosts(self) -> dict[str, str]:
        return {LEGACY_HOST: self.legacy.url, ROUTER_HOST: self.router.url, HUB_HOST: self.hub.url}

    def stop(self) -> None:
        # each shutdown waits for a 0.5 s serve_forever poll: stop the three in parallel
        threads = [threading.Thread(target=server.stop) for server in (self.legacy, self.router, self.hub)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def __enter__(self) -> StandIns:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_stand_ins(token: str = TEST_TOKEN, legacy_wording: int = 0) -> StandIns:
    """Start the legacy (410 everywhere), router and Hub stand-ins. Stop them with ``.stop()`` or ``with``."""
    return StandIns(legacy_host(legacy_wording).start(), router_stand_in(token).start(), hub_stand_in(token).start())


# --- running programs ---------------------------------------------------------------------------------------------

_STRIPPED_PREFIXES = ("HF_", "HUGGING", "OPENAI_", "LANGCHAIN_")
_PROXY_VARS = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}


def resolve_program(path: str | os.PathLike[str]) -> Path:
    """``path`` as given if it exists, else relative to the fixture app."""
    candidate = Path(path)
    if candidate.is_absolute() or candidate.exists():
        return candidate.resolve()
    return (FIXTURE_APP / candidate).resolve()


def program_env(hosts: Mapping[str, Any], env: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """The child environment: no inherited HF/OpenAI settings or proxies, a fake token, the redirect table,
    ``PYTHONPATH`` = the redirecting sitecustomize, then the test process's ``PYTHONPATH``.

    ``hosts`` values are base URLs or objects with a ``.url`` (LocalHF). In ``env``, None removes a variable and
    ``PYTHONPATH`` is appended to that.
    """
    child = {
        k: v
        for k, v in os.environ.items()
        if not k.upper().startswith(_STRIPPED_PREFIXES) and k.lower() not in _PROXY_VARS and k != "PYTHONPATH"
    }
    table = {host: getattr(target, "url", target) for host, target in hosts.items()}
    child.update(
        {
            "HF_TOKEN": TEST_TOKEN,
            "HF_HUB_DISABLE_TELEMETRY": "1",
            "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
            # the test process's own PYTHONPATH is kept, so the child imports what pytest.importorskip saw
            "PYTHONPATH": os.pathsep.join(filter(None, [str(SITECUSTOMIZE_DIR), os.environ.get("PYTHONPATH", "")])),
            "PYTHONDONTWRITEBYTECODE": "1",  # never leave __pycache__ in the fixture tree
            "PYTHONIOENCODING": "utf-8",
            "NO_PROXY": "*",
            "HFMIGRATE_TEST_HOSTS": json.dumps(table),
        }
    )
    for key, value in (env or {}).items():
        if value is None:
            child.pop(key, None)
        elif key == "PYTHONPATH":  # extra import paths go after the redirecting sitecustomize
            child[key] = os.pathsep.join([child["PYTHONPATH"], value])
        else:
            child[key] = value
    return child


def run_program(
    path: str | os.PathLike[str],
    args: Iterable[str] = (),
    hosts: Mapping[str, Any] | None = None,
    env: Mapping[str, str | None] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    timeout: float = 60,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a Python program with ``sys.executable``, its HTTP traffic redirected per ``hosts``.

    ``cwd`` defaults to a fresh temporary directory (programs may write files there); it is available as
    ``result.cwd``. ``result.args`` is the command line.
    """
    program = resolve_program(path)
    workdir = Path(cwd) if cwd is not None else Path(tempfile.mkdtemp(prefix="hfmigrate-e2e-"))
    result = subprocess.run(
        [sys.executable, str(program), *args],
        cwd=workdir,
        env=program_env(hosts or {}, env),
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )
    result.cwd = workdir  # type: ignore[attr-defined]
    return result
