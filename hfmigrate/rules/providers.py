"""HFM501: a provider removed from the router, pinned in code or text. HFM502, HFM503: what the catalogue says.

    client = InferenceClient(provider="sambanova")
        →  # hfmigrate: TODO(HFM501): provider `sambanova` was removed from the router on 2026-07-01; ...
           client = InferenceClient(provider="sambanova")

HFM501 finds a removed provider (:data:`hfmigrate.served.REMOVED_PROVIDERS`) where code pins one: a ``provider=``
argument, a ``"provider"`` key, a ``model:provider`` suffix, a router path ``ROUTER/{provider}/...``; in Python
and in text (JS/TS, shell, config, notebook prose). Which provider to pick instead depends on which ones serve the
model today (``hfmigrate check-models``), so the fix is a marker: rewrite never guesses. ``provider="nvidia"`` is
also GPU and cloud vocabulary: as a keyword it counts only in a module that talks to HF inference
(:mod:`hfmigrate.engine.evidence`); an organisation in a model id (``nvidia/...``) is never a pin.

HFM502 (no live provider serves the model) and HFM503 (only providers other than hf-inference do) are decided by
the check-models catalogue, which scan never reads (so that scan needs no network and no cache, and its findings
do not change with the day's cache). Their entries live here; the decision is
:meth:`hfmigrate.catalog.availability.Availability.marker`, and rewrite places the markers where it rewrites a URL
(``rules/legacy_urls_joins.py``, ``rules/legacy_urls_text_fix.py``, given ``--resolve-models`` or a warm cache).
scan reports them as the markers rewrite left.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    Fix,
    FixKind,
    Needle,
    PythonViolation,
    RuleFamily,
    TextViolation,
)

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView

FAMILY = RuleFamily("providers")
FAMILY.entry(
    CatalogueEntry(
        "HFM501",
        "removed-provider",
        "Provider removed from the router",
        "black-forest-labs, clarifai, hyperbolic, nebius, nvidia and sambanova left the router on 2026-07-01. Code "
        "that pins them (in `provider=`, a `model:provider` suffix or a router path) fails. Pick a live provider "
        "(`hfmigrate check-models MODEL`) or use `:fastest`.",
        'client = InferenceClient(provider="sambanova")',
        'client = InferenceClient(provider="auto")',
        fix=FixKind.MARKER,
    ),
    CatalogueEntry(
        "HFM502",
        "model-unavailable",
        "Model not served by any live provider",
        "The catalogue (the check-models cache, or `hfmigrate rewrite --resolve-models`) found no live provider "
        "serving this model for the task its call site uses. The marker names up to three alternatives for the "
        "same task, most downloaded first.",
        'API_URL = ".../models/some-org/retired-model"',
        "# hfmigrate: TODO(HFM502): not served; alternatives: ...",
        fix=FixKind.MARKER,
    ),
    CatalogueEntry(
        "HFM503",
        "model-on-other-providers",
        "Model served only by providers other than hf-inference",
        "The catalogue (the check-models cache, or `rewrite --resolve-models`) says hf-inference does not serve "
        "this model for the task the call uses, but other live providers do. Their routes take each provider's "
        "own payload, so the legacy payload cannot simply move: call the task method of `InferenceClient`, which "
        "picks a provider and speaks its format. The marker names the providers.",
        'image = requests.post(f"{API}/models/stabilityai/stable-diffusion-xl-base-1.0", json={"inputs": p}).content',
        'image = InferenceClient(provider="auto").text_to_image(p, model="stabilityai/stable-diffusion-xl-base-1.0")',
        fix=FixKind.MARKER,
    ),
)
#: Codes whose findings come from the catalogue (rewrite's markers), not from a check of this module.
DECIDED_BY_THE_CATALOGUE = frozenset({"HFM502", "HFM503"})

_NAMES = tuple(urls.REMOVED_PROVIDERS)
_NAME_BYTES = tuple(name.encode() for name in _NAMES)
_ALTERNATION = "|".join(re.escape(name) for name in _NAMES)


def _provider_needles(name: bytes) -> tuple[Needle, Needle]:
    """``"org/model:nvidia"`` (the name after a colon, ending the string or the word), and ``provider="nvidia"`` /
    ``{"provider": "nvidia"}`` (the name between quotes, in a file that says provider). Statements count only where
    a check looks (``nvidia`` alone is GPU talk)."""
    suffix = b":" + re.escape(name) + rb"""(?:["'` \t\r\n]|$)"""
    quoted = rb"""["']""" + re.escape(name) + rb"""["']"""
    keyword_forms = (b'provider="%s"', b"provider='%s'", b'"provider": "%s"')
    # the pre-filter searches the shapes themselves: "nvidia" alone is in every GPU-minded file
    return (
        Needle(b":" + name, confirm=re.compile(suffix), search=suffix, statements=(b':%s"' % name, b":%s'" % name)),
        Needle(
            name,
            companion=b"provider",
            confirm=re.compile(quoted),
            search=quoted,
            statements=tuple(form % name for form in keyword_forms),
        ),
    )


# the host case-sensitive, so that the regex engine searches for the literal; the provider name in any case
_ROUTER_PATH_BYTES = re.escape(urls.ROUTER_HOST.encode()) + rb"/(?i:" + "|".join(_NAMES).encode() + rb")"
FAMILY.needle(
    *(needle for name in _NAME_BYTES for needle in _provider_needles(name)),
    Needle(
        urls.ROUTER_HOST.encode() + b"/",
        confirm=re.compile(_ROUTER_PATH_BYTES),
        search=_ROUTER_PATH_BYTES,
        statements=tuple(b"co/" + name for name in _NAME_BYTES),
    ),
)


def removed_provider_message(name: str) -> str:
    return (
        f"provider `{name}` was removed from the router on {urls.REMOVED_PROVIDERS[name]}; pick a live provider "
        "(`hfmigrate check-models MODEL`) or use `:fastest`"
    )


def _violation(node: cst.CSTNode, provider: str) -> PythonViolation:
    message = removed_provider_message(provider)
    return PythonViolation("HFM501", message, node, Fix(marker=message))  # the marker names the provider, no pin


# --- Python --------------------------------------------------------------------------------------------------

_MENTIONS_A_NAME = re.compile(_ALTERNATION)


@FAMILY.python("SimpleString", "FormattedString", "ConcatenatedString", "BinaryOperation")
def provider_in_a_string(node: cst.BaseExpression, view: PythonView) -> Iterator[PythonViolation]:
    """A string expression (judged whole, at its outermost node) that is a router path or a ``model:provider``."""
    from hfmigrate.pysyntax import build_template, is_string_expression

    if not is_string_expression(node) or not _MENTIONS_A_NAME.search(_literal_text(node)):
        return  # the common case: no removed provider's name anywhere in the literal parts
    if _inside_a_string(view):
        return
    template = build_template(node, _hole_namer())
    provider = _pinned_provider(template.text) if template is not None else None
    if provider in urls.REMOVED_PROVIDERS:
        yield _violation(node, provider)


def _literal_text(node: cst.BaseExpression) -> str:
    """The literal parts of a string expression as written (cheap: no code generation), for a first look."""
    import libcst as cst

    if isinstance(node, cst.SimpleString):
        return node.value
    if isinstance(node, cst.FormattedString):
        return "".join(part.value for part in node.parts if isinstance(part, cst.FormattedStringText))
    if isinstance(node, (cst.ConcatenatedString, cst.BinaryOperation)):
        return _literal_text(node.left) + _literal_text(node.right)
    return ""


def _pinned_provider(text: str) -> str | None:
    if urls.is_router(text):
        return urls.router_provider(text)
    if "/" in text and " " not in text.strip():
        return urls.split_model_suffix(text.strip())[1]
    return None


def _inside_a_string(view: PythonView) -> bool:
    """Part of a larger string expression (judged there), or inside an f-string's hole."""
    import libcst as cst

    from hfmigrate.pysyntax import is_string_expression

    return any(
        is_string_expression(ancestor) or isinstance(ancestor, cst.FormattedStringExpression)
        for ancestor in view.ancestors
    )


@functools.cache
def _hole_namer() -> cst.Module:
    """An empty module: :func:`hfmigrate.pysyntax.build_template` asks one only for the code of a hole (a name
    shown in messages), which the provider check never shows."""
    import libcst as cst

    return cst.Module(body=())


@FAMILY.python("Call")
def provider_keyword(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    """``provider="sambanova"`` on any call (InferenceClient, HuggingFaceEndpoint, smolagents, LlamaIndex ...)."""
    from hfmigrate.pysyntax import keyword, string_value

    arg = keyword(node, "provider")
    value = string_value(arg.value) if arg is not None else None
    if value in urls.REMOVED_PROVIDERS and view.talks_to_hf_inference:  # "nvidia" is also GPU/cloud vocabulary
        yield _violation(arg.value, value)  # type: ignore[union-attr]


@FAMILY.python("Dict")
def provider_key(node: cst.Dict, view: PythonView) -> Iterator[PythonViolation]:
    """``{"provider": "nebius", ...}`` (a request body, a client's settings)."""
    from hfmigrate.pysyntax import dict_items, string_value

    for key, element in dict_items(node):
        value = string_value(element.value) if key.lower() == "provider" else None
        if value in urls.REMOVED_PROVIDERS:
            yield _violation(element.value, value)


# --- text files ----------------------------------------------------------------------------------------------

_PROVIDER_VALUE = re.compile(rf"""\bprovider["']?\s*[:=]\s*["'](?P<name>{_ALTERNATION})["']""")
_MODEL_SUFFIX = re.compile(rf"""[\w.\-]+/[\w.\-]+:(?P<name>{_ALTERNATION})(?=["'`\s])""")
_ROUTER_PATH = re.compile(rf"router\.huggingface\.co/(?P<name>{_ALTERNATION})(?=[/\s\"'`]|$)", re.IGNORECASE)
#: Text files keep the marker the leftover pass gave them before this family moved: the catalogue summary.
_TEXT_MARKER = f"{FAMILY.entries[0].summary}; see `hfmigrate rules HFM501`"


@FAMILY.text()
def provider_in_text(text: str) -> Iterator[TextViolation]:
    for pattern in (_PROVIDER_VALUE, _MODEL_SUFFIX, _ROUTER_PATH):
        for match in pattern.finditer(text):
            start, end = match.span("name")
            message = removed_provider_message(match.group("name").lower())
            yield TextViolation("HFM501", message, start, end, Fix(marker=_TEXT_MARKER))
