"""Canned Hugging Face answers for the probe tests, in the style of :mod:`tests.server` (facts from hf-api.md).

:func:`hf_hosts` starts three :class:`LocalHF` instances (legacy, router, Hub) that answer like the real hosts do
for the two default models: the legacy host says 410, novita serves Llama for chat, hf-inference serves MiniLM.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer

from tests import server
from tests.server import LocalHF, Reply, Request, chat_completion, chat_stream, hf_inference_not_found, legacy_gone

CHAT_MODEL = "meta-llama/Llama-3.1-8B-Instruct"
EMBED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
CANARY = "hf_CanaryCanaryCanaryCanary0123456789xyz"  # a well-formed token that must never leak


def model_not_supported(model: str = "x") -> Reply:
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


def unauthorized(echo: str = "") -> Reply:
    """401; ``echo`` plays a careless server that repeats the credentials it got."""
    return Reply(401, json={"error": f"Invalid credentials in Authorization header {echo}".strip()})


def forbidden() -> Reply:
    return Reply(
        403,
        json={
            "error": "This authentication method does not have sufficient permissions to call "
            "Inference Providers on behalf of user someone"
        },
    )


def payment_required() -> Reply:
    return Reply(
        402,
        json={
            "error": "You have exceeded your monthly included credits for Inference Providers. "
            "Subscribe to PRO to get 20x more monthly included credits."
        },
    )


def rate_limited(retry_after: str | None = None, ratelimit: bool = True) -> Reply:
    """429; ``ratelimit`` adds the IETF ``RateLimit`` headers (an exhausted quota that resets in 1 s)."""
    headers = {"ratelimit": '"api";r=0;t=1', "ratelimit-policy": '"api";q=100;w=300'} if ratelimit else {}
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    return Reply(429, json={"error": "Rate limit reached"}, headers=headers)


def loading(estimated_time: float = 0.05) -> Reply:
    return Reply(503, json={"error": "Model x is currently loading", "estimated_time": estimated_time})


def embedding() -> Reply:
    return Reply(
        200, json=[0.12, -0.03, 0.5], headers={"x-inference-provider": "hf-inference", "x-request-id": "req-emb"}
    )


def models_list(*ids: str) -> Reply:
    data = [
        {
            "id": i,
            "object": "model",
            "created": 0,
            "owned_by": i.split("/")[0],
            "providers": [{"provider": "novita", "status": "live"}],
        }
        for i in ids
    ]
    return Reply(200, json={"object": "list", "data": data})


def whoami(role: str = "fineGrained", global_perms: tuple[str, ...] = (), scoped_perms: tuple[str, ...] = ()) -> Reply:
    token = {"displayName": "probe", "role": role}
    if role == "fineGrained":
        token["fineGrained"] = {
            "global": list(global_perms),
            "scoped": [{"entity": {"type": "user", "name": "someone"}, "permissions": list(scoped_perms)}],
        }
    return Reply(200, json={"type": "user", "name": "someone", "auth": {"type": "access_token", "accessToken": token}})


def mapping(model: str, pipeline_tag: str, providers: dict[str, str], as_list: bool = False) -> Reply:
    """``providers`` maps provider → task; all live."""
    entries = {
        name: {"status": "live", "providerId": model.lower(), "task": task, "isModelAuthor": False}
        for name, task in providers.items()
    }
    value = [dict(entry, provider=name) for name, entry in entries.items()] if as_list else entries
    return Reply(200, json={"id": model, "pipeline_tag": pipeline_tag, "inferenceProviderMapping": value})


def repo_not_found() -> Reply:
    return Reply(404, json={"error": "Repository not found"}, headers={"X-Error-Code": "RepoNotFound"})


def redirect(location: str, status: int = 307) -> Reply:
    return Reply(status, headers={"Location": location})


def chat_or_stream(request: Request) -> Reply:
    """The router's chat route: SSE when the body asks for ``stream``, one JSON completion otherwise."""
    body = request.json() or {}
    return chat_stream() if body.get("stream") else chat_completion(model=body.get("model", "x"))


@dataclass
class Hosts3:
    legacy: LocalHF
    router: LocalHF
    hub: LocalHF

    def cli_args(self) -> list[str]:
        return ["--legacy-url", self.legacy.url, "--router-url", self.router.url, "--hub-url", self.hub.url]


def happy(legacy: LocalHF, router: LocalHF, hub: LocalHF) -> None:
    """Routes for the default models, as the real hosts answer them today."""
    legacy.route("*", r"/.*", legacy_gone())
    router.route("POST", r"/v1/chat/completions", chat_or_stream)
    router.route("GET", r"/v1/models", models_list(CHAT_MODEL))
    router.route("POST", r"/hf-inference/models/.+", hf_inference_not_found())
    router.route("POST", rf"/hf-inference/models/{EMBED_MODEL}/pipeline/feature-extraction", embedding())
    hub.route("GET", r"/api/whoami-v2", whoami(scoped_perms=("inference.serverless.write",)))
    hub.route(
        "GET",
        rf"/api/models/{CHAT_MODEL}",
        mapping(CHAT_MODEL, "text-generation", {"novita": "conversational", "groq": "conversational"}),
    )
    hub.route(
        "GET",
        rf"/api/models/{EMBED_MODEL}",
        mapping(EMBED_MODEL, "sentence-similarity", {"hf-inference": "feature-extraction"}),
    )


class _Server(ThreadingHTTPServer):
    # The default listen backlog of 5 overflows when 30 probes connect at once; the kernel then drops SYNs and
    # the client retries a second later, which the benchmark would blame on the probe.
    request_queue_size = 128


class QuickLocalHF(LocalHF):
    """LocalHF that stops in milliseconds (shutdown polled every 10 ms, not 500) and takes bursts of connections."""

    def start(self) -> QuickLocalHF:
        self._server = _Server(("127.0.0.1", 0), server._handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        return self


@contextlib.contextmanager
def hf_hosts(latency: float = 0.0, routes: bool = True) -> Iterator[Hosts3]:
    with QuickLocalHF(latency) as legacy, QuickLocalHF(latency) as router, QuickLocalHF(latency) as hub:
        if routes:
            happy(legacy, router, hub)
        yield Hosts3(legacy, router, hub)
