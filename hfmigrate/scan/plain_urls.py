"""The scan of a module whose only legacy usage is plain URL literals, from ``ast`` alone: no libcst.

Most legacy modules hold the retired host in a literal or two (``API_URL = "https://api-inference.huggingface.co/
models/gpt2"``) and nothing else any rule looks for. For them libcst costs a fifth of a second to import, then a
parse, and finds nothing ``ast`` (which scan runs first anyway) cannot see. :func:`plain_url_scan` reports such a
module's findings and model references exactly as the libcst scan does (tests/test_scan_plain_urls.py holds the
two to each other on every fixture), with the same verdicts (:func:`hfmigrate.rules.legacy_urls.judge_url`,
:mod:`hfmigrate.scan.url_reports`). It returns None, and the libcst scan runs, for anything else:

- a needle of a family on the rule API in the module (its checks run on libcst only);
- the host anywhere but in a plain literal: a comment, a docstring, bytes, an f-string, a literal joined to others
  (``+``, ``%``, side by side), one written with escapes or quotes inside, or over several lines;
- a literal that is not a single URL, or the second argument of a call (an environment variable's default);
- the name of a legacy client class anywhere (its call makes a model reference the visitor reads).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from hfmigrate import urls
from hfmigrate.engine.rule_api import FileKind
from hfmigrate.findings import Finding
from hfmigrate.lines import split_lines
from hfmigrate.rules import REGISTRY
from hfmigrate.rules.inference_api import INFERENCE_API
from hfmigrate.rules.langchain_llms import EMBEDDINGS, HUB
from hfmigrate.rules.legacy_urls import judge_url
from hfmigrate.scan.outcome import PythonScan
from hfmigrate.scan.url_reports import OWN_CHECKS, url_reference

_NEEDLE = "api-inference"  # what the pre-filter and the visitor look for, in any case
_CLIENT_NAMES = (*(name.rsplit(".", 1)[-1] for name in INFERENCE_API), HUB, EMBEDDINGS, "text_generation")
_PLAIN_PREFIXES = frozenset({"", "r", "u", "R", "U"})
#: What a literal inside is only a piece of: a docstring's statement (prose), a built string (f-strings; Python
#: 3.14's t-strings too, where the ast has them).
_BUILDERS = (
    ast.Expr,
    ast.BinOp,
    ast.JoinedStr,
    ast.FormattedValue,
    *(getattr(ast, name) for name in ("TemplateStr", "Interpolation") if hasattr(ast, name)),
)


@dataclass(frozen=True)
class _Literal:
    """A str constant holding the needle."""

    node: ast.Constant
    value: str


def plain_url_scan(display: str, text: str, tree: ast.Module) -> PythonScan | None:
    """The module's scan when it is one of plain URL literals; None when libcst has to look at it."""
    if "\f" in text or any(name in text for name in _CLIENT_NAMES):
        return None  # a form feed resets columns in CPython's tokenizer, not in libcst's
    if REGISTRY.may_match(text.encode("utf-8", "surrogatepass"), FileKind.PYTHON):
        return None
    literals = _needle_literals(tree)
    if literals is None or sum(lit.value.lower().count(_NEEDLE) for lit in literals) != text.lower().count(_NEEDLE):
        return None  # the host is also somewhere no literal of ours covers
    lines = split_lines(text)
    scanned = PythonScan()
    for literal in sorted(literals, key=lambda lit: (lit.node.lineno, lit.node.col_offset)):
        if not _reported(display, literal, lines, scanned):
            return None
    return scanned


def _needle_literals(tree: ast.Module) -> list[_Literal] | None:
    """The str constants holding the needle, each standing alone; None when one is part of something larger."""
    found: list[_Literal] = []
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            if not (isinstance(child, ast.Constant) and isinstance(child.value, str)):
                continue
            if _NEEDLE not in child.value.lower():
                continue
            if isinstance(parent, _BUILDERS):
                return None  # a docstring (prose), or a piece of a built string: the visitor's templates
            if isinstance(parent, ast.Call) and child in parent.args[1:2]:
                return None  # perhaps an environment variable's default (the message says so)
            found.append(_Literal(child, child.value))
    return found


def _reported(display: str, literal: _Literal, lines: list[str], scanned: PythonScan) -> bool:
    """Add the literal's finding and reference to ``scanned``; False when it is not plain enough to say."""
    node, value = literal.node, literal.value
    if node.end_lineno != node.lineno or node.end_col_offset is None:
        return False
    line = lines[node.lineno - 1]
    start, end = _column(line, node.col_offset), _column(line, node.end_col_offset)
    if not _written_plainly(line[start:end], value) or not urls.is_legacy(value):
        return False
    if urls.placeholders_in(value):
        return False
    shown = value.strip()
    legacy = urls.parse_legacy(shown)
    verdict = judge_url(legacy, shown, {})
    if verdict.code in OWN_CHECKS:
        return False  # the rule module's checks report those
    scanned.findings.append(
        Finding(
            display,
            node.lineno,
            start + 1,
            verdict.code,
            verdict.message,
            node.lineno,
            end + 1,
            replacement=verdict.replacement,
            fixable=verdict.fixable,
        )
    )
    if legacy is not None and legacy.model and "{" not in legacy.model:
        scanned.references.append(url_reference(legacy, legacy.model, display, node.lineno, urls.display(value)))
    return True


def _column(line: str, utf8_offset: int) -> int:
    """ast counts a column in UTF-8 bytes, libcst (and every report) in characters."""
    if line.isascii():
        return utf8_offset
    return len(line.encode("utf-8", "surrogatepass")[:utf8_offset].decode("utf-8", "surrogatepass"))


def _written_plainly(source: str, value: str) -> bool:
    """``"value"`` or ``'value'`` (``r``/``u`` prefix allowed): one literal, no escape, no quote inside."""
    quote_at = len(source) - len(value) - 2
    if quote_at < 0 or source[:quote_at] not in _PLAIN_PREFIXES:
        return False
    quote = source[quote_at]
    return quote in "\"'" and source == f"{source[:quote_at]}{quote}{value}{quote}" and "\\" not in value
