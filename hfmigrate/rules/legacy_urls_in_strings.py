"""HFM101-HFM105 in Python strings: the one check on every outermost string expression, and the URLs inside text.

    raise ValueError("see https://api-inference.huggingface.co/models/x")  → a marker naming the rule (HFM101)

A string that is the URL (``urls.is_legacy``) is :func:`hfmigrate.rules.legacy_urls_python.whole_url`'s. A URL
inside a longer string (a message, a regex, a docstring) is reported where it is written; rewrite changes it only
in a docstring whose URL has an unambiguous equivalent (:mod:`.legacy_urls_prose` reports and rewrites those), and
marks the others. Part of the family in :mod:`hfmigrate.rules.legacy_urls`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.engine.rule_api import Fix, PythonViolation
from hfmigrate.rules.legacy_urls import FAMILY, Places, judge_url, prose_fixable, summary_marker
from hfmigrate.rules.legacy_urls_python import whole_url

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView


@FAMILY.python("SimpleString", "FormattedString", "ConcatenatedString", "BinaryOperation")
def urls_in_strings(node: cst.BaseExpression, view: PythonView) -> Iterator[PythonViolation]:
    """The outermost string expression only (a URL built from pieces is one finding)."""
    from hfmigrate.pysyntax import is_string_expression

    if not is_string_expression(node) or any(is_string_expression(n) for n in view.ancestors[:2]):
        return
    source = _source(node, view)
    if not urls.mentions_legacy_host(source):
        return
    template = view.template(node)
    if template is None:
        return
    if urls.is_legacy(template.text):
        yield from whole_url(node, view, template)
    else:
        yield from _inside_text(node, source, template, prose=_is_prose(node, view))


def _inside_text(node: cst.BaseExpression, source: str, template, prose: bool) -> Iterator[PythonViolation]:
    """URLs inside a longer string, each at its place in the source when it is written there as it reads (no escapes
    in it), in the order the leftover pass marked them (by line, then code). A pattern (HFM106) is the string
    literal's own check; a docstring URL with an unambiguous equivalent is :mod:`.legacy_urls_prose`'s."""
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

    return bool(view.ancestors) and isinstance(view.ancestors[0], cst.Expr) and plain_string(node)


def plain_string(node: cst.BaseExpression) -> bool:
    import libcst as cst

    if isinstance(node, cst.ConcatenatedString):
        return plain_string(node.left) and plain_string(node.right)
    return isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower()


def _source(node: cst.BaseExpression, view: PythonView) -> str:
    """The expression's source; a simple string's is its value attribute (most strings are simple: no codegen)."""
    import libcst as cst

    return node.value if type(node) is cst.SimpleString else view.code(node)
