"""HFM201, HFM202, HFM203: request-body options, headers and ``parameters`` the retired API took. Python.

    {"inputs": text, "options": {"wait_for_model": True}}     → {"inputs": text}                 (HFM201)
    {"inputs": text, "wait_for_model": True}                   → {"inputs": text}                 (HFM201)
    {"parameters": {"max_new_tokens": 9, "use_cache": False}}   → {"parameters": {"max_new_tokens": 9}}
    dict(inputs=x, options={"wait_for_model": True})           → dict(inputs=x)                   (HFM201)
    headers = {"Authorization": auth, "x-wait-for-model": "1"}  → headers = {"Authorization": auth} (HFM202)
    payload["options"] = {"use_cache": False}                  → (statement removed)
    session.headers.update({"X-Use-Cache": "false"})           → (statement removed)
    {"messages": msgs, "parameters": {...}}                    → a marker: a person moves the fields (HFM203)

Only keys that belonged to the retired API go; an ``options`` dict without them is someone else's. ``use_cache``
and ``use_gpu`` are also transformers' and job runners' words: alone they count only in a module that talks to HF
inference (:mod:`hfmigrate.engine.evidence`). A statement that cannot go (the only one of its block) gets a marker.
In text files (JS/TS, shell, config, Markdown, notebook prose and shell lines) the same names are found by
pattern (:func:`hfmigrate.rules.legacy_options_text.options_and_headers_in_text`); where the text is code or a
request, the fix removes what one line can lose safely and leaves a marker otherwise:

    curl URL -H "x-wait-for-model: true" -d @body.json        → curl URL -d @body.json          (HFM202)
    body: JSON.stringify({inputs, options: {use_cache: false}}) → body: JSON.stringify({inputs})   (HFM201)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    FileKind,
    Fix,
    FixKind,
    Needle,
    NodeRemoval,
    PythonViolation,
    RuleFamily,
    Severity,
)
from hfmigrate.urls import ROUTER_URL

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView

FAMILY: RuleFamily = RuleFamily("legacy_options")  # annotated: legacy_options_text imports it back
FAMILY.entry(
    CatalogueEntry(
        "HFM201",
        "legacy-options",
        "Legacy `options` in the request body",
        "`options` (`wait_for_model`, `use_cache`, `use_gpu`, `dont_load_model`) and a top-level `wait_for_model` "
        "belonged to the retired API. The router ignores or rejects them.",
        'payload = {"inputs": text, "options": {"wait_for_model": True}}',
        'payload = {"inputs": text}',
        severity=Severity.WARNING,
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM202",
        "legacy-headers",
        "Legacy `x-wait-for-model` / `x-use-cache` header",
        "These headers steered the retired API's model loading and cache. The router does not use them.",
        'headers = {"Authorization": f"Bearer {token}", "x-wait-for-model": "true"}',
        'headers = {"Authorization": f"Bearer {token}"}',
        severity=Severity.WARNING,
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM203",
        "legacy-parameters-to-chat",
        "Legacy `parameters` block sent to router chat",
        "Chat completions take OpenAI-style fields at the top level (`max_tokens`, `temperature`, ...). A legacy "
        "`parameters` object is ignored or rejected with 422.",
        f'requests.post("{ROUTER_URL}/v1/chat/completions", json={{"model": m, "messages": msgs, '
        '"parameters": {"max_new_tokens": 50}})',
        f'requests.post("{ROUTER_URL}/v1/chat/completions", json={{"model": m, "messages": msgs, "max_tokens": 50}})',
        severity=Severity.WARNING,
        fix=FixKind.MARKER,
    ),
)

_PYTHON = frozenset({FileKind.PYTHON})
# "options": {... "use_cache" ...}, options=dict(use_gpu=...), payload["options"] = {
_OPTIONS_BLOCK = re.compile(rb"""options["']?\]?\s*[:=]\s*(?:\{[^}]{0,300}?|dict\([^)]{0,300}?)use_(?:cache|gpu)""")
_KEY_IN_PARAMETERS = rb"""parameters["']\s*:\s*\{[^}]{0,300}?["']use_cache["']"""
_CACHE = (b'"use_cache"', b"'use_cache'")
_GPU = (b'"use_gpu"', b"'use_gpu'")
FAMILY.needle(
    Needle(b"wait_for_model"),
    Needle(b"dont_load_model"),
    Needle(b"-wait-for-model", ignore_case=True, statements=(b"wait-for-model",)),
    Needle(b"-use-cache", ignore_case=True, statements=(b"use-cache",)),
    # common words: confirmed by the shape the checks look for; statements only where the key is quoted
    # (each pattern starts with a literal, so that the regex engine searches for it fast)
    # (searched for as such in the pre-filter's one pass: use_cache alone is in most transformers code)
    Needle(b"use_cache", confirm=_OPTIONS_BLOCK, statements=_CACHE, search=_OPTIONS_BLOCK.pattern),
    Needle(b"use_cache", confirm=re.compile(_KEY_IN_PARAMETERS), statements=_CACHE, search=_KEY_IN_PARAMETERS),
    Needle(b"use_gpu", confirm=_OPTIONS_BLOCK, statements=_GPU, search=_OPTIONS_BLOCK.pattern),
    # a chat payload with a "parameters" key (HFM203: a marker); both keys are string literals, so each ends with
    # its quote: the word "messages" in a docstring does not count. A statement holding the quoted key is worth
    # the check in rewrite too, which then places the family's marker itself.
    *(
        Needle(b"messages" + quote, _PYTHON, companion=b"parameters" + other, statements=(b"messages" + quote,))
        for quote in (b'"', b"'")
        for other in (b'"', b"'")
    ),
    # a "parameters" key in a module that names the router: the request HFM203 is about (the statements holding
    # the router's host are worth the checks)
    *(Needle(b"router.huggingface", _PYTHON, companion=b"parameters" + quote) for quote in (b'"', b"'")),
)

LEGACY_OPTION_KEYS = frozenset({"wait_for_model", "use_cache", "use_gpu", "dont_load_model"})
LEGACY_HEADERS = frozenset({"x-wait-for-model", "x-use-cache"})
GENERIC_OPTION_KEYS = frozenset({"use_cache", "use_gpu"})  # alone, they count only in HF inference modules

OPTIONS = "legacy `options` in the payload: the router ignores them; remove them"
MISPLACED = "misplaced legacy `wait_for_model`: remove it"
WAIT_IN_PAYLOAD = "legacy `wait_for_model` in the payload: remove it"
HEADER = "legacy header `{}`: the router does not use it; remove it"
IN_PARAMETERS = "legacy option `{}` inside `parameters`: remove it"
CHAT_PARAMETERS = "legacy `parameters` block in a chat request: move its fields to the top level (`max_tokens`, ...)"


def _marker(code: str) -> str:
    """The marker text for what cannot be removed (the rule's summary: it names no option, so is no finding)."""
    summary = next(entry.summary for entry in FAMILY.entries if entry.code == code)
    return f"{summary}; see `hfmigrate rules {code}`"


@FAMILY.python("Dict")
def payload_keys(node: cst.Dict, view: PythonView) -> Iterator[PythonViolation]:
    """Keys of a dict display: ``options``, a misplaced ``wait_for_model``, a header, ``parameters``."""
    import libcst as cst

    from hfmigrate.pysyntax import dict_items

    items = dict(dict_items(node))
    found: list[tuple[str, str, cst.DictElement]] = []  # (code, message, element removed)
    inner: list[PythonViolation] = []
    for key, element in items.items():
        lowered = key.lower()
        if lowered == "options":
            if _counts(_legacy_options(element.value), view):
                found.append(("HFM201", OPTIONS, element))
        elif lowered in LEGACY_HEADERS:
            found.append(("HFM202", HEADER.format(key), element))
        elif lowered == "wait_for_model" and "inputs" in items:
            found.append(("HFM201", MISPLACED, element))
        elif lowered == "parameters" and isinstance(element.value, cst.Dict):
            inner.extend(_legacy_keys_in_parameters(element.value, view))
    emptied = _emptied_update_statement(node, view) if found and len(found) == len(node.elements) else None
    for code, message, element in found:
        edits = (NodeRemoval(element),) + ((NodeRemoval(emptied),) if emptied is not None else ())
        yield PythonViolation(code, message, element, Fix(edits))
    yield from inner
    if "messages" in items and "parameters" in items:
        yield PythonViolation("HFM203", CHAT_PARAMETERS, items["parameters"], Fix(marker=_marker("HFM203")))


def _legacy_keys_in_parameters(parameters: cst.Dict, view: PythonView) -> Iterator[PythonViolation]:
    from hfmigrate.pysyntax import dict_items

    for key, element in dict_items(parameters):
        if key in LEGACY_OPTION_KEYS and key != "use_gpu" and _counts({key}, view):
            yield PythonViolation("HFM201", IN_PARAMETERS.format(key), element, Fix((NodeRemoval(element),)))


def _counts(keys: set[str], view: PythonView) -> bool:
    """Legacy keys found, and not only generic ones in a module that shows no HF inference."""
    return bool(keys) and (not keys <= GENERIC_OPTION_KEYS or view.talks_to_hf_inference)


def _legacy_options(value: cst.BaseExpression) -> set[str]:
    """The legacy option keys in an ``options`` value (a dict display or ``dict(...)``)."""
    import libcst as cst

    from hfmigrate.pysyntax import dict_items

    if isinstance(value, cst.Dict):
        return {key for key, _ in dict_items(value) if key in LEGACY_OPTION_KEYS}
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "dict":
        return {arg.keyword.value for arg in value.args if arg.keyword and arg.keyword.value in LEGACY_OPTION_KEYS}
    return set()


def _emptied_update_statement(node: cst.Dict, view: PythonView) -> cst.SimpleStatementLine | None:
    """``x.update({"options": ...})`` would become ``x.update({})``: the whole statement goes instead."""
    import libcst as cst

    if len(view.ancestors) < 5:
        return None
    arg, call, expression, line, block = view.ancestors[:5]
    if not (
        isinstance(arg, cst.Arg)
        and isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value == "update"
        and isinstance(expression, cst.Expr)
        and isinstance(line, cst.SimpleStatementLine)
        and len(line.body) == 1
    ):
        return None
    return line if _has_siblings(block) else None


def _has_siblings(block: cst.CSTNode) -> bool:
    """Removing the only statement of a block would leave it empty (a syntax error)."""
    body = getattr(block, "body", None)
    return isinstance(body, (list, tuple)) and len(body) > 1


@FAMILY.python("Call")
def dict_call_keywords(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    """``dict(inputs=x, options={...}, wait_for_model=True)`` (the builtin, not a name imported as ``dict``)."""
    import libcst as cst

    if not (isinstance(node.func, cst.Name) and node.func.value == "dict" and "dict" not in view.imports.names):
        return
    for arg in node.args:
        if arg.keyword is None:
            continue
        if arg.keyword.value == "options" and _counts(_legacy_options(arg.value), view):
            yield PythonViolation("HFM201", OPTIONS, arg, Fix((NodeRemoval(arg),)))
        elif arg.keyword.value == "wait_for_model":
            yield PythonViolation("HFM201", WAIT_IN_PAYLOAD, arg, Fix((NodeRemoval(arg),)))


@FAMILY.python("Assign")
def subscript_assignment(node: cst.Assign, view: PythonView) -> Iterator[PythonViolation]:
    """``payload["options"] = {...}`` and ``session.headers["X-Use-Cache"] = "0"``: the statement goes."""
    for target in node.targets:
        code, message = _legacy_subscript(target.target, node.value, view)
        if code is None:
            continue
        line = _removable_line(node, view)
        fix = Fix((NodeRemoval(line),)) if line is not None else Fix(marker=_marker(code))
        yield PythonViolation(code, message, target.target, fix)


def _legacy_subscript(
    target: cst.BaseExpression, value: cst.BaseExpression, view: PythonView
) -> tuple[str | None, str]:
    import libcst as cst

    from hfmigrate.pysyntax import string_value

    if not isinstance(target, cst.Subscript) or len(target.slice) != 1:
        return None, ""
    index = target.slice[0].slice
    key = string_value(index.value) if isinstance(index, cst.Index) else None
    if key == "options" and _counts(_legacy_options(value), view):
        return "HFM201", OPTIONS
    if key is not None and key.lower() in LEGACY_HEADERS:
        return "HFM202", HEADER.format(key)
    return None, ""


def _removable_line(node: cst.Assign, view: PythonView) -> cst.SimpleStatementLine | None:
    """The statement line, when the assignment is all of it, has one target, and its block keeps another."""
    import libcst as cst

    if len(node.targets) != 1 or len(view.ancestors) < 2:
        return None
    line, block = view.ancestors[:2]
    if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and _has_siblings(block):
        return line
    return None


# the text-file check registers on FAMILY when its module loads (re-exported: its tests import it from here)
from hfmigrate.rules.legacy_options_text import options_and_headers_in_text  # noqa: E402, F401
