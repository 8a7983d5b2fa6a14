"""Successful answers (2xx): is the body the shape its request expects (chat, hf-inference, a provider, the model
catalogue, the Hub mapping, a stream, the token)?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfmigrate.probe import plan as p
from hfmigrate.probe.bodies import parsed_json, preview
from hfmigrate.probe.credentials import check_whoami
from hfmigrate.probe.mapping import parse_mapping
from hfmigrate.probe.results import Exchange

if TYPE_CHECKING:
    from hfmigrate.probe.diagnose import Context


def check_shape(ex: Exchange, ctx: Context) -> tuple[str, str, str]:
    kind = ex.request.kind
    if kind == p.LEGACY:
        return "ok", f"{ex.status}: the legacy host still answers here", "move to the router before it stops"
    if kind == p.STREAM:
        return _check_stream(ex)
    if kind == p.TOKEN:
        return check_whoami(parsed_json(ex.body), ctx)
    data = parsed_json(ex.body)
    if data is None:
        return "bad-response", f"{ex.status} but the body is not JSON: {preview(ex.body)}", "check proxies in between"
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
