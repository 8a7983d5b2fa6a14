"""From an exchange to a reason code, a one-line diagnosis and a fix.

Pure functions: no I/O. Error bodies are matched loosely (JSON or text or HTML, any wording that carries the
key phrase), because Hugging Face has changed its wordings before. Everything taken from a response or an error
goes through :func:`hfmigrate.auth.redact`, so a server that echoes the token cannot make us print it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from hfmigrate import urls
from hfmigrate.auth import redact
from hfmigrate.net import Hosts, server_advised_wait
from hfmigrate.probe import plan as p
from hfmigrate.probe.credentials import CLASSIC_ROLES, check_whoami, forbidden, gated, new_token_fix, unauthorized
from hfmigrate.probe.results import Exchange, Result

__all__ = ["CLASSIC_ROLES", "Context", "ModelMapping", "check_whoami", "diagnose", "error_message", "parse_mapping"]

_MAX_MESSAGE = 160


@dataclass(frozen=True)
class ModelMapping:
    """What the Hub says about a model: its pipeline tag and, per provider, status and task."""

    pipeline_tag: str | None = None
    providers: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    provider_ids: dict[str, str] = field(default_factory=dict)  # provider → its own id for the model

    @property
    def live(self) -> list[str]:
        return sorted(name for name, (status, _) in self.providers.items() if status == "live")

    @property
    def chat_live(self) -> list[str]:
        return sorted(n for n, (s, task) in self.providers.items() if s == "live" and task == "conversational")

    @property
    def task(self) -> str | None:
        """hf-inference's own task when it lists the model, else the pipeline tag."""
        own = self.providers.get(urls.HF_INFERENCE)
        return (own[1] if own and own[1] else None) or self.pipeline_tag


@dataclass(frozen=True)
class Context:
    hosts: Hosts
    token_source: str | None
    secrets: tuple[str, ...] = ()
    mappings: dict[str, ModelMapping] = field(default_factory=dict)


def parse_mapping(body: bytes) -> ModelMapping | None:
    """``inferenceProviderMapping`` as an object keyed by provider, or as a list with a ``provider`` key."""
    data = _json(body)
    if not isinstance(data, dict):
        return None
    raw = data.get("inferenceProviderMapping") or {}
    entries = raw.items() if isinstance(raw, dict) else ((e.get("provider"), e) for e in raw if isinstance(e, dict))
    providers = {
        str(name): (str(entry.get("status", "")), entry.get("task"))
        for name, entry in entries
        if name and isinstance(entry, dict)
    }
    tag = data.get("pipeline_tag")
    ids = {
        str(name): entry["providerId"]
        for name, entry in _entries(raw)
        if name and isinstance(entry, dict) and isinstance(entry.get("providerId"), str)
    }
    return ModelMapping(tag if isinstance(tag, str) else None, providers, ids)


def _entries(raw: object):
    if isinstance(raw, dict):
        return raw.items()
    return ((e.get("provider"), e) for e in raw if isinstance(e, dict)) if isinstance(raw, list) else ()


def diagnose(exchange: Exchange, ctx: Context) -> Result:
    reason, diagnosis, fix = _diagnose(exchange, ctx)
    clean = lambda text: redact(text, ctx.secrets)  # noqa: E731 - one line, used three times
    return Result(exchange, reason, clean(diagnosis), clean(fix))


def _diagnose(ex: Exchange, ctx: Context) -> tuple[str, str, str]:
    request = ex.request
    if request.skip:
        return "skipped", request.skip, ""
    if request.kind == p.TOKEN and ctx.token_source is None:
        return "no-token", "no token found ($HF_TOKEN, $HUGGING_FACE_HUB_TOKEN, token file)", new_token_fix(ctx)
    if ex.error_code:
        return ex.error_code, ex.error_text or ex.error_code, _transport_fix(ex.error_code)
    if ex.status is None:
        return "skipped", "not sent", ""
    if 200 <= ex.status < 300:
        return _check_shape(ex, ctx)
    return _by_status(ex, ctx)


# --- errors ---------------------------------------------------------------------------------------------------


def _by_status(ex: Exchange, ctx: Context) -> tuple[str, str, str]:
    status, kind = ex.status or 0, ex.request.kind
    message = error_message(ex.body)
    if status == 410:
        return _gone(ex, ctx, message)
    if kind == p.MAPPING and (status in (401, 403) or ex.headers.get("x-error-code") == "GatedRepo"):
        return gated(ex, ctx, status)
    if status == 401:
        return unauthorized(ctx, message)
    if status == 402:
        return (
            "payment-required",
            f"402: {message or 'out of credits'}",
            f"add credits at {urls.billing_url(ctx.hosts.hub)}",
        )
    if status == 403:
        return forbidden(ex, ctx, message)
    if status == 404:
        return _not_found(ex, ctx, message)
    if status == 400 and "model_not_supported" in _text(ex.body):
        return _model_not_supported(ex, ctx)
    if status in (400, 422):
        return "bad-request", f"{status}: the request was rejected: {message}", "check the model id and payload"
    if status == 429:
        return _rate_limited(ex)
    if status == 503 and loading_estimate(ex.body) is not None:
        wait = loading_estimate(ex.body)
        return "loading", f"503: the model is loading (estimated {wait:g} s)", "retry after that time (--retries)"
    if status >= 500:
        tip = "; for long generations, stream instead" if status == 504 else ""
        return "server-error", f"{status}: server error{': ' + message if message else ''}", f"retry later{tip}"
    return "client-error", f"{status}: {message or 'rejected'}", ""


def _gone(ex: Exchange, ctx: Context, message: str) -> tuple[str, str, str]:
    if "no longer supported" not in _normalized(ex.body):
        return "gone", f"410 Gone without the retirement notice: {message}", "treat the host as retired; use the router"
    return "legacy-retired", "the legacy host is retired (410 Gone)", f"use {_successor(ex, ctx)}"


def _successor(ex: Exchange, ctx: Context) -> str:
    """Where the legacy call should go now: router chat for LLMs (hf-inference serves none since mid 2026),
    hf-inference for the tasks it serves, InferenceClient for tasks only other providers serve."""
    model = ex.request.model or "{id}"
    mapping = ctx.mappings.get(model)
    task = ex.request.task or (mapping.task if mapping else None)
    chat = f'POST {urls.chat_completions_url(ctx.hosts.router)} with "model": "{model}"'
    if (mapping and mapping.chat_live) or ex.request.url.rstrip("/").endswith("/chat/completions"):
        return chat
    if task in urls.EMBEDDING_TASKS or (task is None and urls.looks_like_embedding_model(model)):
        return f"POST {urls.hf_inference_url(model, 'feature-extraction', ctx.hosts.router)}"
    if _is_llm(task, mapping) and not (mapping and _hf_serves(mapping)):
        return chat
    if mapping is not None and mapping.live and not _hf_serves(mapping):
        method = (task or "text-generation").replace("-", "_")
        return f'InferenceClient(provider="auto").{method}(..., model="{model}") (served by {", ".join(mapping.live)})'
    if mapping is not None:
        return f"POST {urls.hf_inference_url(model, origin=ctx.hosts.router)}"
    return (
        f'POST {urls.chat_completions_url(ctx.hosts.router)} with "model": "{model}" for a chat model, '
        f"else POST {urls.hf_inference_url(model, origin=ctx.hosts.router)}"
    )


def _not_found(ex: Exchange, ctx: Context, message: str) -> tuple[str, str, str]:
    model = ex.request.model or "the model"
    from_hf = ex.request.kind == p.HF_INFERENCE or ex.headers.get("x-inference-provider") == urls.HF_INFERENCE
    if not from_hf:
        return (
            "model-not-found",
            f"404: {model} is not known ({message or 'Not Found'})",
            ("check the id (case matters); a private or gated model needs a token that can read it"),
        )
    mapping = ctx.mappings.get(model)
    live = [name for name in mapping.live if name != urls.HF_INFERENCE] if mapping else []
    diagnosis = f"404: hf-inference does not serve {model}"
    if mapping is not None:
        diagnosis += f"; live providers: {', '.join(live)}" if live else "; no other live provider"
    return "not-deployed", diagnosis, _not_deployed_fix(model, mapping, live, ctx)


def _is_llm(task: str | None, mapping: ModelMapping | None) -> bool:
    return task in ("text-generation", "conversational") or bool(mapping and mapping.pipeline_tag == "text-generation")


def _hf_serves(mapping: ModelMapping) -> bool:
    own = mapping.providers.get(urls.HF_INFERENCE)
    return bool(own and own[0] == "live")


def _not_deployed_fix(model: str, mapping: ModelMapping | None, live: list[str], ctx: Context) -> str:
    if (mapping and mapping.chat_live) or _is_llm(None, mapping):
        return f'use router chat ({urls.chat_completions_url(ctx.hosts.router)}) with "model": "{model}"'
    if live:
        return f"call it through {live[0]} (ROUTER/{live[0]}/...) or pick an hf-inference model"
    return f"pick a served model: hfmigrate check-models {model}"


def _model_not_supported(ex: Exchange, ctx: Context) -> tuple[str, str, str]:
    model = ex.request.model or "the model"
    mapping = ctx.mappings.get(model)
    known = f" (the Hub lists: {', '.join(mapping.live)})" if mapping and mapping.live else ""
    return (
        "model-not-supported",
        f"400 model_not_supported: no provider you have enabled serves {model} for chat{known}",
        f"find a served model with: hfmigrate check-models {model}",
    )


def _rate_limited(ex: Exchange) -> tuple[str, str, str]:
    wait = server_advised_wait(ex.headers)
    tried = f" after {ex.retries} retr{'y' if ex.retries == 1 else 'ies'}" if ex.retries else ""
    if wait is None:
        return "rate-limited", f"429: rate limited{tried}, no Retry-After given", "back off exponentially and retry"
    return (
        "rate-limited",
        f"429: rate limited{tried}; the server asks to wait {wait:g} s",
        f"wait {wait:g} s, then retry",
    )


def _transport_fix(code: str) -> str:
    return {
        "timeout": "raise --timeout, or check the host and proxy",
        "dns-error": "check the host name, DNS and proxy settings (HTTPS_PROXY)",
        "tls-error": "check the URL scheme, proxy and CA certificates (SSL_CERT_FILE)",
    }.get(code, "check the network, the proxy and the host URL")


# --- successful answers ---------------------------------------------------------------------------------------


def _check_shape(ex: Exchange, ctx: Context) -> tuple[str, str, str]:
    kind = ex.request.kind
    if kind == p.LEGACY:
        return "ok", f"{ex.status}: the legacy host still answers here", "move to the router before it stops"
    if kind == p.STREAM:
        return _check_stream(ex)
    if kind == p.TOKEN:
        return check_whoami(_json(ex.body), ctx)
    data = _json(ex.body)
    if data is None:
        return "bad-response", f"{ex.status} but the body is not JSON: {_preview(ex.body)}", "check proxies in between"
    checker = {
        p.CHAT: _chat_ok,
        p.HF_INFERENCE: _hf_ok,
        p.MODELS: _models_ok,
        p.MAPPING: _mapping_ok,
        p.PROVIDER: _provider_ok,
    }[kind]
    return checker(ex, data, ctx)


def _chat_ok(ex: Exchange, data: object, ctx: Context) -> tuple[str, str, str]:
    choices = data.get("choices") if isinstance(data, dict) else None
    if not (isinstance(choices, list) and choices and isinstance(choices[0], dict) and "message" in choices[0]):
        return "bad-response", f"{ex.status} but no choices[0].message in the body", ""
    provider = ex.headers.get("x-inference-provider") or "an unnamed provider"
    return "ok", f"chat works via {provider}", ""


def _hf_ok(ex: Exchange, data: object, ctx: Context) -> tuple[str, str, str]:
    if ex.request.url.endswith("/pipeline/feature-extraction"):
        if not _is_vector(data):
            return "bad-response", f"{ex.status} but the body is not an embedding vector", ""
        return "ok", "hf-inference serves the model (embedding returned)", ""
    if not isinstance(data, (list, dict)) or (isinstance(data, dict) and "error" in data):
        return "bad-response", f"{ex.status} but the body is not a {ex.request.task or 'task'} answer", ""
    return "ok", "hf-inference serves the model", ""


def _provider_ok(ex: Exchange, data: object, ctx: Context) -> tuple[str, str, str]:
    rows = data.get("data") if isinstance(data, dict) else None
    if not (isinstance(rows, list) and rows and isinstance(rows[0], dict) and _is_vector(rows[0].get("embedding"))):
        return "bad-response", f"{ex.status} but no data[0].embedding vector in the body", ""
    provider = ex.headers.get("x-inference-provider") or ex.request.url.split("/v1/")[0].rsplit("/", 1)[-1]
    return "ok", f"{provider} serves the model (embedding returned)", ""


def _is_vector(data: object) -> bool:
    if isinstance(data, list) and data and all(isinstance(x, (int, float)) for x in data):
        return True
    return isinstance(data, list) and bool(data) and all(_is_vector(row) for row in data)


def _models_ok(ex: Exchange, data: object, ctx: Context) -> tuple[str, str, str]:
    models = data.get("data") if isinstance(data, dict) else None
    if not isinstance(models, list):
        return "bad-response", f'{ex.status} but no "data" list in the body', ""
    return "ok", f"the catalogue lists {len(models)} chat model{'' if len(models) == 1 else 's'}", ""


def _mapping_ok(ex: Exchange, data: object, ctx: Context) -> tuple[str, str, str]:
    mapping = parse_mapping(ex.body)
    if mapping is None:
        return "bad-response", f"{ex.status} but not a model description", ""
    task = f" (task: {mapping.task})" if mapping.task else ""
    if not mapping.live:
        return (
            "no-provider",
            f"the Hub lists no live provider for {ex.request.model}{task}",
            (f"pick a served model: hfmigrate check-models {ex.request.model}"),
        )
    return "ok", f"live providers: {', '.join(mapping.live)}{task}", ""


def _check_stream(ex: Exchange) -> tuple[str, str, str]:
    check = ex.stream
    content_type = ex.headers.get("content-type", "")
    if check is None or "text/event-stream" not in content_type:
        return "bad-stream", f"{ex.status} but not an SSE stream (content-type {content_type or 'missing'})", ""
    if check.problem:
        return "bad-stream", f"stream broken after {check.chunks} chunks: {check.problem}", ""
    if not check.done:
        return (
            "bad-stream",
            f"{check.chunks} chunks but no [DONE] at the end",
            "check proxies that buffer or cut streams",
        )
    provider = ex.headers.get("x-inference-provider") or "an unnamed provider"
    return "ok", f"streamed {check.chunks} chunks ending with [DONE] via {provider}", ""


# --- body helpers ---------------------------------------------------------------------------------------------


def _json(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _text(body: bytes) -> str:
    return body.decode("utf-8", "replace")


def _normalized(body: bytes) -> str:
    """Lower case, tags removed, whitespace collapsed: what a loose match needs."""
    return " ".join(re.sub(r"<[^>]+>", " ", _text(body)).lower().split())


def error_message(body: bytes) -> str:
    """The human part of an error body: ``error`` (string or ``{message}``), else the text without tags."""
    data = _json(body)
    message: object = None
    if isinstance(data, dict):
        error = data.get("error")
        message = error.get("message") if isinstance(error, dict) else error or data.get("message")
    text = message if isinstance(message, str) else " ".join(re.sub(r"<[^>]+>", " ", _text(body)).split())
    return redact(text[:_MAX_MESSAGE] + ("…" if len(text) > _MAX_MESSAGE else ""))


def loading_estimate(body: bytes) -> float | None:
    data = _json(body)
    value = data.get("estimated_time") if isinstance(data, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _preview(body: bytes) -> str:
    text = " ".join(_text(body[:80]).split())
    return redact(repr(text))
