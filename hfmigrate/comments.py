"""The comments hfmigrate writes and reads in every kind of file: its ``TODO`` markers (the findings they are, the
lines each covers) and its ``ignore`` comments (what they suppress), with the engine's needle that finds them and
the offsets-to-positions helpers their findings use. Beneath scan, rewrite and the fixes' plans, which all read them."""

from __future__ import annotations

import bisect
import re
from typing import Any

from hfmigrate.auth import redact
from hfmigrate.engine.rule_api import Needle
from hfmigrate.findings import Finding
from hfmigrate.lines import line_starts


class LineIndex:
    """Maps string offsets to 1-based (line, column)."""

    def __init__(self, text: str):
        self.starts = line_starts(text)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def span_finding(path: str, index: LineIndex, start: int, end: int, code: str, message: str, **extra: Any) -> Finding:
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return Finding(path, line, column, code, message, end_line, end_column, **extra)


_MARKER = re.compile(r"hfmigrate:\s*TODO\((HFM\d{3})\):\s*(?P<text>[^\r\n]*)")
#: The engine's needle, no family's: a marker rewrite left is a finding in every kind of file (read from the text by
#: :func:`universal_findings`: no parse). Its statements: a top-level statement holding ``hfmigrate`` (a marker
#: above it, an ``ignore`` comment: :func:`suppresses`) is kept by the statement pruning of scan and rewrite.
ENGINE_NEEDLES = (Needle(b"hfmigrate: TODO", statements=(b"hfmigrate",)),)


def universal_findings(path: str, text: str, index: LineIndex | None = None) -> list[Finding]:
    """What holds in every kind of file: the markers left by rewrite (hard-coded tokens are rules/tokens.py's)."""
    index = index or LineIndex(text)
    findings = []
    for match in _MARKER.finditer(text):
        message = redact(match.group("text").strip().rstrip("*/-> ").strip()) or "marker left by hfmigrate rewrite"
        findings.append(span_finding(path, index, match.start(), match.end(), match.group(1), message, marker=True))
    return findings


MARKER_REACH = 15  # a marker speaks for the statement below it, never for more than this many lines


def lines_covered_by_marker(marker_line: int, lines: list[str]) -> list[int]:
    """The lines a marker comment on ``marker_line`` speaks for: those below it, up to the first blank line."""
    covered = []
    for number in range(marker_line + 1, min(len(lines), marker_line + MARKER_REACH) + 1):
        if not lines[number - 1].strip():
            break
        covered.append(number)
    return covered


_SUPPRESSION = re.compile(r"hfmigrate:\s*ignore(?:\[(?P<codes>[A-Z0-9,\s]+)\])?", re.IGNORECASE)


def suppresses(line: str, code: str) -> bool:
    """``# hfmigrate: ignore`` (any code) or ``# hfmigrate: ignore[HFM101,...]`` on ``line`` covers ``code``."""
    for match in _SUPPRESSION.finditer(line):
        codes = match.group("codes")
        if codes is None or code in {c.strip().upper() for c in codes.split(",")}:
            return True
    return False


def statement_lines(tree, line: int) -> tuple[int, int]:
    """First and last line of the innermost Python statement holding ``line`` (decorators included)."""
    spans = _statement_spans(tree)
    return spans[line] if 0 < line < len(spans) and spans[line] else (line, line)


_SPANS_CACHE: list[tuple[object, list]] = []  # (tree, spans) of the last few trees: one walk per tree, not per finding


def _statement_spans(tree) -> list:
    """Line → (first, last) of the innermost statement on it. Each statement paints its lines, the largest first,
    so that the innermost one is what is left: linear in lines times nesting depth."""
    import ast

    for cached, cached_spans in _SPANS_CACHE:
        if cached is tree:
            return cached_spans
    statements = []
    for order, node in enumerate(ast.walk(tree)):
        if isinstance(node, ast.stmt):
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            end = node.end_lineno or node.lineno
            statements.append((end - start, -order, node.lineno, start, end))
    spans: list = [None] * (max((s[4] for s in statements), default=0) + 1)
    for _, _, first, start, end in sorted(statements, reverse=True):  # ties: the deeper (later) one paints last
        span = (start, end)
        for number in range(first, end + 1):
            spans[number] = span
    _SPANS_CACHE.insert(0, (tree, spans))
    del _SPANS_CACHE[4:]
    return spans


def may_suppress(text: str) -> bool:
    """Whether ``text`` holds any suppression comment at all: most files have none, and need no statement walk."""
    return _SUPPRESSION.search(text) is not None


def suppressed_on_statement(finding, lines: list[str], tree) -> bool:
    """``hfmigrate: ignore`` on any line of the finding or, in Python, of the statement that holds it."""
    start, end = finding.line, finding.end_line
    if tree is not None:
        statement_start, statement_end = statement_lines(tree, finding.line)
        start, end = min(start, statement_start), max(end, statement_end)
    return any(suppresses(lines[n - 1], finding.code) for n in range(start, end + 1) if 0 < n <= len(lines))
