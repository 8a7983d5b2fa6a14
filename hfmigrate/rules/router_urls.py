"""HFM601-HFM606, HFM608: router URLs that do not work today, in code, notebooks and text files.

    ROUTER/models/{id}                                   →  ROUTER/hf-inference/models/{id}      (HFM601)
    ROUTER/pipeline/{task}/{id}                          →  ROUTER/hf-inference/models/{id}[/pipeline/{task}]  (HFM602)
    ROUTER/hf-inference/pipeline/{task}/{id}             →  ROUTER/hf-inference/models/{id}[/pipeline/{task}]  (HFM603)
    ROUTER/v1/embeddings                                 →  marker: a provider's route or hf-inference (HFM604)
    OpenAI(base_url=ROUTER/v1).embeddings.create(...)    →  the same marker                       (HFM604)
    ROUTER/v1/{id}/chat/completions                      →  ROUTER/v1/chat/completions + model in the body (HFM605)
    ROUTER/hf-inference/models/{id}/v1/chat/completions  →  ROUTER/v1/chat/completions + model in the body (HFM606)
    HUB/api/inference-proxy/{provider}/...               →  ROUTER/{provider}/...                 (HFM608)

``[/pipeline/{task}]`` only for feature-extraction and sentence-similarity (hf-inference's own layout). An LLM
behind ``/models/{id}`` gets a marker instead (hf-inference serves no LLMs; chat needs the payload changed), and
so does a prefix the code completes elsewhere when the task would have to move. When a model leaves the URL for
the body, a Python call whose ``json=`` dict literal is in reach gets ``"model"`` added; otherwise a marker says
what to send. In Python only strings that are URLs (or URL prefixes) are edited; a URL inside longer text
(a docstring, a message) is reported and left for a person, as the 1xx rules do. A module-level constant holding
a router URL, bound once and used at the start of an f-string (``f"{ROUTER}/models/{m}"``), is judged with its
value in place; the f-string is edited, the constant kept. Constants of other modules and ``+`` joins are not
followed yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.engine.rule_api import (
    FileKind,
    Fix,
    Needle,
    NodeEdit,
    PythonViolation,
    RuleFamily,
    SpanEdit,
    TextViolation,
)
from hfmigrate.facts import embeddings_advice, looks_like_chat_model
from hfmigrate.rules.request_body import can_take_model, json_body, with_model
from hfmigrate.rules.router_url_entries import ENTRIES

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView

_P = urls.RouterProblem
FAMILY = RuleFamily("router_urls")
FAMILY.entry(*ENTRIES)
_ROUTER = urls.ROUTER_HOST.encode()
_HOST = _ROUTER + b"/"
_END = rb"""(?:["'`\s?#)]|$)"""  # where a URL ends in code and text
FAMILY.needle(
    Needle(_HOST + b"models/"),
    Needle(_HOST + b"pipeline/"),
    Needle(_HOST + b"hf-inference/pipeline/"),
    Needle(_HOST + b"v1/embeddings"),
    # every migrated chat call holds ROUTER/v1/chat/completions: only a /v1 path that goes on otherwise counts
    Needle(
        _HOST + b"v1/",
        confirm=re.compile(
            rb"router\.huggingface\.co/v1/(?!(?:chat/completions|completions|responses|messages)" + _END + rb")[\w{$]"
        ),
    ),
    Needle(
        _HOST + b"hf-inference/models/",
        confirm=re.compile(rb"router\.huggingface\.co/hf-inference/models/[^\s\"'`]*/v1"),
    ),
    Needle(b"/api/inference-proxy/"),  # (not "huggingface.co/...": a third of HF code holds that)
    # a router constant (the host, or host/hf-inference) joined in an f-string: f"{ROUTER}/models/{model}"
    Needle(
        _ROUTER,
        frozenset({FileKind.PYTHON}),
        confirm=re.compile(rb"""router\.huggingface\.co(?:/hf-inference)?/?["']"""),
    ),
    # an OpenAI client on the router's /v1 asked for embeddings: client.embeddings.create(...)
    Needle(_ROUTER, frozenset({FileKind.PYTHON}), confirm=re.compile(rb"\.embeddings\s*\.\s*create\b")),
)

_CODES = {
    _P.MODELS_PATH: "HFM601",
    _P.PIPELINE_PATH: "HFM602",
    _P.HF_INFERENCE_PIPELINE: "HFM603",
    _P.ROOT_EMBEDDINGS: "HFM604",
    _P.MODEL_IN_V1_PATH: "HFM605",
    _P.HF_INFERENCE_CHAT: "HFM606",
    _P.INFERENCE_PROXY: "HFM608",
}
_MODEL_TO_BODY = (_P.MODEL_IN_V1_PATH, _P.HF_INFERENCE_CHAT)


def _message(broken: urls.BrokenRouterUrl) -> str:
    shown = urls.display(broken.text)
    if broken.problem is _P.ROOT_EMBEDDINGS:
        return f"`{shown}` does not exist on the router; {embeddings_advice()}"
    target = _target(broken)
    if target is None:
        return f"`{shown}` does not work today; {_marker(broken)}"
    extra = " with the model in the request body" if broken.problem in _MODEL_TO_BODY else ""
    return f"`{shown}` does not work today (404 or retired); use `{urls.display(target)}`{extra}"


def _target(broken: urls.BrokenRouterUrl) -> str | None:
    """The URL rewrite writes, or None when a person must choose."""
    if broken.problem is _P.MODELS_PATH and broken.model and looks_like_chat_model(broken.model):
        return None  # an LLM: hf-inference serves none, and chat needs another payload
    return broken.fixed


def _with_known_model(broken: urls.BrokenRouterUrl, view: PythonView) -> urls.BrokenRouterUrl:
    """``{MODEL}`` in an f-string, with ``MODEL = "..."`` bound once in the module: judged by that model."""
    from dataclasses import replace

    model = broken.model or ""
    name = model[1:-1] if model.startswith("{") and model.endswith("}") else ""
    value = view.constant(name) if name.isidentifier() else None
    return replace(broken, model=value) if value and looks_like_chat_model(value) else broken


def _marker(broken: urls.BrokenRouterUrl) -> str:
    """The TODO text; it names no broken URL form, or the marker line would be a finding itself."""
    model = urls.display(broken.model or "{id}")
    if broken.problem is _P.ROOT_EMBEDDINGS:
        return embeddings_advice()
    if broken.problem is _P.MODELS_PATH and broken.model:
        return (
            f"{model} is an LLM, which hf-inference does not serve: POST {urls.chat_completions_url()} with "
            f'"model": "{model}" and "messages" instead of this payload'
        )
    if broken.problem in _MODEL_TO_BODY:
        return f'send "model": "{model}" in the request body (the URL no longer names it)'
    return "the task goes after the model id on hf-inference: build .../hf-inference/models/{id}/pipeline/{task}"


def _fix(broken: urls.BrokenRouterUrl, offset: int = 0, body_takes_model: bool = False) -> tuple[str | None, Fix]:
    """(the new URL, the fix) for a URL at ``offset`` in the text a check was given."""
    target = _target(broken)
    needs_marker = target is None or (broken.problem in _MODEL_TO_BODY and not body_takes_model)
    marker = _marker(broken) if needs_marker else None
    edits = (SpanEdit(offset + broken.start, offset + broken.end, target),) if target is not None else ()
    return target, Fix(edits, marker)


@FAMILY.text()
def broken_urls_in_text(text: str) -> Iterator[TextViolation]:
    for broken in urls.find_broken_router_urls(text):
        target, fix = _fix(broken)
        yield TextViolation(_CODES[broken.problem], _message(broken), broken.start, broken.end, fix, target)


@FAMILY.python("SimpleString", "FormattedString")
def broken_urls_in_strings(node: cst.SimpleString | cst.FormattedString, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    if "b" in node.prefix.lower():
        return
    code = view.code(node)
    opening = len(node.prefix) + len(node.quote)
    found = urls.find_broken_router_urls(code)
    if not found and isinstance(node, cst.FormattedString):
        yield from _joined_to_a_constant(node, view, code, opening)
    for broken in found:
        if broken.start == opening:  # the string is this URL (or starts with it): edited
            yield _url_string(node, view, code, broken)
        else:  # inside longer text (a docstring, a message): reported, left to a person
            yield PythonViolation(_CODES[broken.problem], _message(broken), node)


def _url_string(
    node: cst.SimpleString | cst.FormattedString, view: PythonView, code: str, broken: urls.BrokenRouterUrl
) -> PythonViolation:
    """The finding for a string that is a broken URL: the new string, and the model moved into the body in reach."""
    import libcst as cst

    if isinstance(node, cst.FormattedString) and broken.problem is _P.MODELS_PATH:
        broken = _with_known_model(broken, view)
    body = json_body(node, view) if broken.problem in _MODEL_TO_BODY else None
    takes_model = body is not None and can_take_model(broken.model, code)
    target, fix = _fix(broken, body_takes_model=takes_model)
    if target is None:
        return PythonViolation(_CODES[broken.problem], _message(broken), node, Fix(marker=fix.marker))
    new_code = code[: broken.start] + target + code[broken.end :]
    if isinstance(node, cst.FormattedString) and "{" not in new_code:  # its run-time part moved to the body
        new_code = new_code[: len(node.prefix)].replace("f", "").replace("F", "") + new_code[len(node.prefix) :]
    edits = [NodeEdit(node, cst.parse_expression(new_code))]
    if body is not None and takes_model:
        edits.append(with_model(body, broken.model or "", code))
    return PythonViolation(_CODES[broken.problem], _message(broken), node, Fix(tuple(edits), fix.marker), target)


def _joined_to_a_constant(
    node: cst.FormattedString, view: PythonView, code: str, opening: int
) -> Iterator[PythonViolation]:
    """``f"{ROUTER}/models/{model}"`` with ``ROUTER = "https://router.huggingface.co"`` bound once in the module:
    judged with the constant's value in place; the fix edits the f-string and leaves the constant alone."""
    import libcst as cst

    first = node.parts[0] if node.parts else None
    if not (isinstance(first, cst.FormattedStringExpression) and isinstance(first.expression, cst.Name)):
        return
    value = view.constant(first.expression.value)
    if not value or not urls.is_router(value) or first.format_spec or first.conversion:
        return
    hole = view.code(first)
    expanded = code[:opening] + value + code[opening + len(hole) :]
    for broken in urls.find_broken_router_urls(expanded):
        if broken.start != opening:
            continue
        target = _target(broken)
        body = json_body(node, view) if broken.problem in _MODEL_TO_BODY else None
        takes_model = body is not None and can_take_model(broken.model, code)
        _, fix = _fix(broken, body_takes_model=takes_model)
        edits: list[NodeEdit] = []
        if target is not None and target.startswith(value):
            new_code = code[:opening] + hole + target[len(value) :] + expanded[broken.end :]
            edits.append(NodeEdit(node, cst.parse_expression(new_code)))
            if body is not None and takes_model:
                edits.append(with_model(body, broken.model or "", code))
        marker = fix.marker if edits or target is None else _marker(broken)
        yield PythonViolation(_CODES[broken.problem], _message(broken), node, Fix(tuple(edits), marker), target)


_OPENAI_CLIENTS = frozenset({"openai.OpenAI", "openai.AsyncOpenAI"})


@FAMILY.python("Call")
def embeddings_through_an_openai_client(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    """``OpenAI(base_url=ROUTER/v1).embeddings.create(...)`` posts to ``ROUTER/v1/embeddings``, which does not exist."""
    import libcst as cst

    from hfmigrate.pysyntax import keyword, string_value

    func = node.func
    if not (
        isinstance(func, cst.Attribute)
        and func.attr.value == "create"
        and isinstance(func.value, cst.Attribute)
        and func.value.attr.value == "embeddings"
    ):
        return
    client = view.call_bound_to(func.value.value)
    if client is None or (view.imports.qualified(client.func) or "") not in _OPENAI_CLIENTS:
        return
    base = keyword(client, "base_url")
    url = string_value(base.value) if base is not None else None
    if url is None or not urls.is_router(url) or url.rstrip("/").rsplit("/", 1)[-1] != "v1":
        return
    if urls.router_provider(url) is not None:
        return  # a provider's own /v1 (ROUTER/together/v1) may serve embeddings
    message = (
        f"`embeddings.create` on a client whose base_url is `{url}` posts to its /embeddings, which does not exist"
    )
    yield PythonViolation("HFM604", f"{message}; {embeddings_advice()}", node, Fix(marker=embeddings_advice()))
