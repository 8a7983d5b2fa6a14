"""Legacy URLs mentioned in Python prose (comments and bare string statements such as docstrings).

They are documentation, as in Markdown: a URL whose router equivalent is unambiguous is rewritten in place
(:func:`hfmigrate.urls.prose_equivalent`), the rest is left for the leftover markers. ``# hfmigrate: ignore``
on the statement is honoured, and disabled codes are not touched.

Proof before anything changes: the new module's ``ast`` must equal the old one with the same replacements made
in those string values (and comments are not in the ``ast`` at all). Otherwise nothing is changed.
"""

from __future__ import annotations

import ast
import bisect
import io
import re
import tokenize
from collections.abc import Callable
from dataclasses import dataclass, replace

from hfmigrate import urls
from hfmigrate.engine.kinds import Applied, AppliedCounts
from hfmigrate.rules.legacy_urls import URL_KIND_CODES
from hfmigrate.scan.common import statement_lines, suppresses

_LINE_END = re.compile(r"\r\n|\r|\n")  # the line ends Python itself knows (form feed and U+2028 are not)


@dataclass(frozen=True)
class ProseEdit:
    start: int  # offset into the module text
    end: int
    old: str
    new: str
    code: str
    line: int


def rewrite_prose(text: str, models: dict[str, str], enabled: Callable[[str], bool]) -> tuple[str, AppliedCounts]:
    """``text`` with the legacy URLs in its comments and docstrings rewritten, and the count of edits per code."""
    if not urls.mentions_legacy_host(text):
        return text, AppliedCounts()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return text, AppliedCounts()
    lines = _physical_lines(text)
    starts = _line_starts(lines)
    edits = [*_comment_edits(lines, starts, models), *_string_edits(text, tree, lines, starts, models)]
    edits = [e for e in edits if enabled(e.code) and not _ignored(e, tree, lines)]
    if not edits:
        return text, AppliedCounts()
    new_text = _applied(text, edits)
    if not _same_program(text, new_text, edits):
        return text, AppliedCounts()
    return new_text, AppliedCounts(Applied(edit.code) for edit in edits)


def _physical_lines(text: str) -> list[str]:
    """Lines with their ends, split only where Python ends a line."""
    lines, start = [], 0
    for match in _LINE_END.finditer(text):
        lines.append(text[start : match.end()])
        start = match.end()
    if start < len(text) or not lines:
        lines.append(text[start:])
    return lines


def _line_starts(lines: list[str]) -> list[int]:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line)
    return starts


def _edits_in(fragment: str, offset: int, line_of: Callable[[int], int], models: dict[str, str]) -> list[ProseEdit]:
    edits = []
    for match in urls.find_legacy_urls(fragment):
        if match.url is None or any(ch in match.text for ch in "\\\"'"):
            continue  # an escape or a quote inside the match: the source is not the text the reader sees
        legacy = match.url
        if legacy.model and legacy.model in models:
            legacy = replace(legacy, model=models[legacy.model])
        target = urls.prose_equivalent(legacy)
        if target is None:
            continue
        start, code = offset + match.start, URL_KIND_CODES[match.url.kind]
        edits.append(ProseEdit(start, offset + match.end, match.text, target, code, line_of(start)))
    return edits


def _comment_edits(lines: list[str], starts: list[int], models: dict[str, str]) -> list[ProseEdit]:
    readline = io.StringIO("".join(lines)).readline if all(not line.endswith("\r") for line in lines) else None
    if readline is None:
        return []  # lone CR line ends: tokenize would count lines differently from ast
    edits = []
    try:
        for token in tokenize.generate_tokens(readline):
            if token.type == tokenize.COMMENT and urls.mentions_legacy_host(token.string):
                row, column = token.start
                edits += _edits_in(token.string, starts[row - 1] + column, _on_line(row), models)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []
    return edits


def _on_line(row: int) -> Callable[[int], int]:
    """A comment's ``line_of``: every offset in it is on its one line."""
    return lambda _offset: row


def _string_edits(
    text: str, tree: ast.Module, lines: list[str], starts: list[int], models: dict[str, str]
) -> list[ProseEdit]:
    edits = []
    for node in _prose_strings(tree):
        if not urls.mentions_legacy_host(str(node.value)):  # str() only narrows: _prose_strings keeps strings
            continue
        start = starts[node.lineno - 1] + _characters(lines[node.lineno - 1], node.col_offset)
        end_line = node.end_lineno or node.lineno
        end = starts[end_line - 1] + _characters(lines[end_line - 1], node.end_col_offset)
        edits += _edits_in(text[start:end], start, lambda offset: _line_at(starts, offset), models)
    return edits


def _prose_strings(tree: ast.Module) -> list[ast.Constant]:
    """Bare string statements: docstrings and the strings written as comments. Nothing runs them."""
    from hfmigrate.relevance import walk_statements

    return [
        node.value
        for node in walk_statements(tree.body)  # a bare string is a statement: expressions need no walk
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and node.value.end_lineno is not None
        and node.value.end_col_offset is not None
    ]


def _characters(line: str, utf8_column: int | None) -> int:
    """ast columns count UTF-8 bytes; the text counts characters."""
    return len(line.encode("utf-8", "surrogatepass")[: utf8_column or 0].decode("utf-8", "surrogatepass"))


def _line_at(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _ignored(edit: ProseEdit, tree: ast.Module, lines: list[str]) -> bool:
    first, last = statement_lines(tree, edit.line)
    first, last = min(first, edit.line), max(last, edit.line)
    return any(suppresses(lines[n - 1], edit.code) for n in range(first, last + 1) if 0 < n <= len(lines))


def _applied(text: str, edits: list[ProseEdit]) -> str:
    pieces, at = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        pieces += [text[at : edit.start], edit.new]
        at = edit.end
    return "".join(pieces) + text[at:]


def _same_program(old_text: str, new_text: str, edits: list[ProseEdit]) -> bool:
    """The new module parses to the old tree with the replacements made in the prose strings, and nothing else."""
    try:
        new_tree = ast.parse(new_text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    expected = ast.parse(old_text)
    for node in _prose_strings(expected):
        value = str(node.value)  # str() only narrows: _prose_strings keeps strings
        for edit in edits:
            if node.lineno <= edit.line <= (node.end_lineno or node.lineno):
                value = value.replace(edit.old, edit.new)
        node.value = value
    return ast.dump(new_tree) == ast.dump(expected)
