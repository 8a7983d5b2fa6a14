"""From an exchange to a reason code, a one-line diagnosis and a fix.

Pure functions: no I/O. Error bodies are matched loosely (JSON or text or HTML, any wording that carries the
key phrase), because Hugging Face has changed its wordings before. Everything taken from a response or an error
goes through :func:`hfmigrate.auth.redact`, so a server that echoes the token cannot make us print it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hfmigrate import urls
from hfmigrate.auth import redact
from hfmigrate.net import Hosts, server_advised_wait
from hfmigrate.probe import plan as p
from hfmigrate.probe.answers import check_shape
from hfmigrate.probe.bodies import body_text, error_message, loading_estimate, normalized
from hfmigrate.probe.credentials import CLASSIC_ROLES, check_whoami, forbidden, gated, new_token_fix, unauthorized
from hfmigrate.probe.mapping import ModelMapping, parse_mapping
from hfmigrate.probe.results import Exchange, Result

__all__ = [
    "CLASSIC_ROLES",
    "Context",
    "ModelMapping",
    "check_whoami",
    "diagnose",
    "error_message",
    "loading_estimate",
    "parse_mapping",
]


@dataclass(frozen=True)
class Context:
    hosts: Hosts
    token_source: str | None
    secrets: tuple[str, ...] = ()
    mappings: dict[str, ModelMapping] = field(default_factory=dict)


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
        return check_shape(ex, ctx)
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
    if status == 400 and "model_not_supported" in body_text(ex.body):
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
    if "no longer supported" not in normalized(ex.body):
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
