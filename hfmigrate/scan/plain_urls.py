"""The scan of a module whose only legacy usage is plain URL literals, from ``ast`` alone: no libcst.

Most legacy modules hold the retired host in a literal or two (``API_URL = "https://api-inference.huggingface.co/
models/gpt2"``, ``f"{HOST}/models/{model}"``) and nothing else any rule looks for. For them libcst costs a fifth
of a second to import, then a parse, and finds nothing ``ast`` (which scan runs first anyway) cannot see.
:func:`plain_url_scan` reports such a module's findings and model references exactly as the libcst scan does
(tests/test_scan_plain_urls.py holds the two to each other on every fixture), with the same verdicts
(:func:`hfmigrate.rules.legacy_urls.judge_url` and `url_mentions`). It returns None, and the
libcst scan runs, for anything else:

- a needle of a family on the rule API in the module (its checks run on libcst only);
- the host anywhere but in a plain literal (:mod:`hfmigrate.scan.plain_literals`: a string, an f-string whose
  holes are bare names, a ``+`` join of strings and bare names, each on one line): a comment, a docstring, bytes,
  ``%`` formatting, literals side by side, escapes, triple quotes, a hole that is an expression;
- a literal that is not a single URL, or the second argument of a call (an environment variable's default);
- the name of a legacy client class anywhere (its construction's finding carries the model it is built with).
"""

from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from hfmigrate import urls
from hfmigrate.engine.rule_api import FileKind
from hfmigrate.findings import Finding
from hfmigrate.lines import line_starts, split_lines
from hfmigrate.rules import REGISTRY
from hfmigrate.rules.hub_client import TGI_MODULE
from hfmigrate.rules.inference_api import INFERENCE_API
from hfmigrate.rules.langchain_llms import EMBEDDINGS, HUB
from hfmigrate.rules.legacy_urls import (
    NO_EQUIVALENT_CODE,
    PATTERN_CODE,
    PYTHON_HOST_NEEDLE,
    judge_url,
    url_mentions,
)
from hfmigrate.scan.outcome import PythonScan
from hfmigrate.scan.plain_literals import NEEDLE, PlainLiteral, column, holds_needle, is_join, plain_literal
from hfmigrate.scan.references import ModelReference, mentioned

#: The URL codes whose findings carry a marker (their advice): libcst's, with the rest of the rewrite.
_MARKED_CODES = frozenset({NO_EQUIVALENT_CODE, PATTERN_CODE})
_CLIENT_NAMES = (*(name.rsplit(".", 1)[-1] for name in INFERENCE_API), HUB, EMBEDDINGS, TGI_MODULE)
#: What a literal inside is only a piece of: a docstring's statement (prose), a built string (f-strings; Python
#: 3.14's t-strings too, where the ast has them).
_BUILDERS = (
    ast.Expr,
    ast.BinOp,
    ast.JoinedStr,
    ast.FormattedValue,
    *(getattr(ast, name) for name in ("TemplateStr", "Interpolation") if hasattr(ast, name)),
)


def plain_url_scan(display: str, text: str, tree: ast.Module) -> PythonScan | None:
    """The module's scan when it is one of plain URL literals; None when libcst has to look at it."""
    if "\f" in text or any(name in text for name in _CLIENT_NAMES):
        return None  # a form feed resets columns in CPython's tokenizer, not in libcst's
    data = text.encode("utf-8", "surrogatepass")
    if REGISTRY.may_match(data, FileKind.PYTHON, without=PYTHON_HOST_NEEDLE):
        return None  # another family's checks, or a URL inside a longer string: libcst's
    literals = _needle_literals(tree, _needle_lines(text))
    if literals is None or sum(lit.text.lower().count(NEEDLE) for lit in literals) != text.lower().count(NEEDLE):
        return None  # the host is also somewhere no literal of ours covers
    lines = split_lines(text)
    scanned = PythonScan()
    constants = _Constants(tree)
    for literal in sorted(literals, key=lambda lit: (lit.node.lineno, lit.node.col_offset)):
        if not _reported(display, literal, lines, scanned, constants):
            return None
    return scanned


def _needle_literals(tree: ast.Module, needle_lines: list[int]) -> list[PlainLiteral] | None:
    """The literals holding the needle, each standing alone; None when one is part of something larger, or an
    f-string holding it has a hole other than a bare name."""
    found: list[PlainLiteral] = []
    for parent, child in _near(tree, needle_lines):
        if (isinstance(parent, ast.JoinedStr) and isinstance(child, ast.Constant)) or is_join(parent):
            continue  # a piece of an f-string or of a join: read with it
        literal = plain_literal(child)
        if literal is None:
            if holds_needle(child):
                return None  # an f-string or a join that is not plain
            continue
        if isinstance(parent, _BUILDERS) or (isinstance(parent, ast.Call) and child in parent.args[1:2]):
            # a docstring (prose), a piece of a built string (the visitor's templates), or perhaps an
            # environment variable's default (the message says so)
            return None
        found.append(literal)
    return found


def _needle_lines(text: str) -> list[int]:
    """The lines the needle is on, in order (as ast numbers them: ``\\r\\n``, ``\\r`` and ``\\n`` end a line)."""
    lowered, lines, at = text.lower(), [], 0
    starts = line_starts(text)
    while (at := lowered.find(NEEDLE, at)) != -1:
        lines.append(bisect_right(starts, at))
        at += len(NEEDLE)
    return lines


def _near(tree: ast.Module, needle_lines: list[int]) -> Iterator[tuple[ast.AST, ast.AST]]:
    """(parent, child) for every node whose lines hold the needle, and for nodes that have no lines (arguments,
    comprehensions, match cases); the rest of a large module is never visited. What this misses, the count of
    the needle in :func:`plain_url_scan` catches (it then declines)."""
    pending: list[ast.AST] = [tree]
    while pending:
        parent = pending.pop()
        for child in ast.iter_child_nodes(parent):
            first = getattr(child, "lineno", None)
            if first is not None:
                at = bisect_left(needle_lines, first)
                if at == len(needle_lines) or needle_lines[at] > (getattr(child, "end_lineno", None) or first):
                    continue
            yield parent, child
            pending.append(child)


def _reported(
    display: str, literal: PlainLiteral, lines: list[str], scanned: PythonScan, constants: _Constants
) -> bool:
    """Add the literal's finding and reference to ``scanned``; False when it is not plain enough to say."""
    node, text = literal.node, literal.text
    if node.end_lineno != node.lineno or node.end_col_offset is None:
        return False
    line = lines[node.lineno - 1]
    start, end = column(line, node.col_offset), column(line, node.end_col_offset)
    if not literal.written_in(line) or not urls.is_legacy(text):
        return False
    if len(urls.placeholders_in(text)) != len(literal.names):
        return False  # a placeholder written in the source itself
    shown = text.strip()
    legacy = urls.parse_legacy(shown)
    verdict = judge_url(legacy, shown, literal.names)
    if verdict.code in _MARKED_CODES:
        return False
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
    if legacy is not None and legacy.model:
        scanned.references.extend(_references(display, literal, legacy, node.lineno, constants))
    return True


def _references(
    display: str, literal: PlainLiteral, legacy: urls.LegacyUrl, line: int, constants: _Constants
) -> list[ModelReference]:
    """The model references the libcst check makes of the URL (:func:`hfmigrate.rules.legacy_urls.url_mentions`)."""
    mentions = url_mentions(legacy, literal.text, literal.names, lambda hole: constants.value(literal.names[hole]))
    return [mentioned(mention, display, line) for mention in mentions]


class _Constants:
    """What the libcst check knows of names: the first plain string any ``NAME = "..."`` binds, anywhere."""

    def __init__(self, tree: ast.Module):
        self._tree = tree
        self._values: dict[str, str] | None = None

    def value(self, name: str) -> str | None:
        if self._values is None:
            self._values = {}
            bindings = [n for n in ast.walk(self._tree) if isinstance(n, (ast.Assign, ast.AnnAssign))]
            for binding in sorted(bindings, key=lambda n: (n.lineno, n.col_offset)):
                targets = binding.targets if isinstance(binding, ast.Assign) else [binding.target]
                value = binding.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    for target in targets:
                        if isinstance(target, ast.Name):
                            self._values.setdefault(target.id, value.value)
        return self._values.get(name)
