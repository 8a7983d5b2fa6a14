"""HFM101-HFM105 in Python strings: the URLs no rewrite changes, each finding carrying its marker.

    requests.get(f"https://api-inference.huggingface.co/status/{m}")   → the Hub advice as a marker (HFM104)
    raise ValueError("see https://api-inference.huggingface.co/models/x")  → a marker naming the rule (HFM101)

A string that is the URL (``urls.is_legacy``) is still rewritten by ``rewrite/rules/legacy_url.py`` (HFM101-103,
HFM105: prefix constants joined in other modules); here only its HFM104 form, which has nothing to become. A URL
inside a longer string (a message, a regex, a docstring) is reported where it is written; rewrite changes it only
in a docstring whose URL has an unambiguous equivalent (``rewrite/prose.py``, still the older visitor's finding),
and marks the others. Part of the family in :mod:`hfmigrate.rules.legacy_urls`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.engine.rule_api import Fix, PythonViolation
from hfmigrate.rules.legacy_urls import (
    ENV_GETTERS,
    FAMILY,
    NO_EQUIVALENT_CODE,
    Places,
    judge_url,
    prose_fixable,
    summary_marker,
)

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView


@FAMILY.python("SimpleString", "FormattedString", "ConcatenatedString", "BinaryOperation")
def urls_in_strings(node: cst.BaseExpression, view: PythonView) -> Iterator[PythonViolation]:
    """The outermost string expression only (a URL built from pieces is one finding)."""
    from hfmigrate.pysyntax import build_template, is_string_expression

    if not is_string_expression(node) or any(is_string_expression(n) for n in view.ancestors[:2]):
        return
    source = _source(node, view)
    if not urls.mentions_legacy_host(source):
        return
    template = build_template(node, view.module)
    if template is None:
        return
    if urls.is_legacy(template.text):
        yield from _whole_url(node, view, template)
    else:
        yield from _inside_text(node, source, template, prose=_is_prose(node, view))


def _inside_text(node: cst.BaseExpression, source: str, template, prose: bool) -> Iterator[PythonViolation]:
    """URLs inside a longer string, each at its place in the source when it is written there as it reads (no escapes
    in it), in the order the leftover pass marked them (by line, then code). A pattern (HFM106) is the string
    literal's own check; a docstring URL with an unambiguous equivalent is the prose rewrite's."""
    places = Places(source)
    found = []
    for match in urls.find_legacy_urls(template.text):
        if match.url is None or (prose and prose_fixable(match.text)):
            continue
        verdict = judge_url(match.url, match.text, template.names)
        within = places.of(match.text)
        line = source.count("\n", 0, within[0]) if within else 0
        violation = PythonViolation(
            verdict.code,
            verdict.message,
            node,
            Fix(marker=summary_marker(verdict.code)),
            replacement=verdict.replacement,
            within=within,
        )
        found.append((line, verdict.code, violation))
    for _, _, violation in sorted(found, key=lambda item: item[:2]):
        yield violation


def _is_prose(node: cst.BaseExpression, view: PythonView) -> bool:
    """A bare string statement (a docstring): what ast calls a str constant, no f-string part, no bytes."""
    import libcst as cst

    return bool(view.ancestors) and isinstance(view.ancestors[0], cst.Expr) and _plain_string(node)


def _plain_string(node: cst.BaseExpression) -> bool:
    import libcst as cst

    if isinstance(node, cst.ConcatenatedString):
        return _plain_string(node.left) and _plain_string(node.right)
    return isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower()


def _whole_url(node: cst.BaseExpression, view: PythonView, template) -> Iterator[PythonViolation]:
    stripped = template.text.strip()
    legacy = urls.parse_legacy(stripped)
    if legacy is None or legacy.kind not in urls.NO_EQUIVALENT:
        return
    message = judge_url(legacy, stripped, template.names).message
    variable = _environment_default_of(node, view)
    if variable:
        message += f" (default of ${variable}: changing it matters only when the variable is unset)"
    # spaces around the URL: the advice would not be about this exact text
    advice = urls.no_equivalent_advice(legacy, template.names) if stripped == template.text else None
    yield PythonViolation(NO_EQUIVALENT_CODE, message, node, Fix(marker=advice or summary_marker(NO_EQUIVALENT_CODE)))


def _environment_default_of(node: cst.BaseExpression, view: PythonView) -> str | None:
    """``os.environ.get("VAR", URL)``: the variable whose default the URL is."""
    import libcst as cst

    from hfmigrate.pysyntax import string_value

    if len(view.ancestors) < 2:
        return None
    arg, call = view.ancestors[0], view.ancestors[1]
    if not (isinstance(arg, cst.Arg) and isinstance(call, cst.Call) and len(call.args) >= 2 and call.args[1] is arg):
        return None
    if (view.imports.qualified(call.func) or "") not in ENV_GETTERS:
        return None
    return string_value(call.args[0].value) or "?"


def _source(node: cst.BaseExpression, view: PythonView) -> str:
    """The expression's source; a simple string's is its value attribute (most strings are simple: no codegen)."""
    import libcst as cst

    return node.value if type(node) is cst.SimpleString else view.code(node)
