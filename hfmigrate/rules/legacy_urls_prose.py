"""HFM101-HFM106 in Python prose: legacy URLs in comments and in bare string statements (docstrings).

    # see https://api-inference.huggingface.co/models/gpt2
        → # see https://router.huggingface.co/hf-inference/models/gpt2                                  (HFM101)
    \"\"\"Embeds with https://api-inference.huggingface.co/pipeline/feature-extraction/M.\"\"\"
        → \"\"\"Embeds with https://router.huggingface.co/hf-inference/models/M/pipeline/feature-extraction.\"\"\"
    # polls https://api-inference.huggingface.co/status/gpt2      → the rule's marker above it            (HFM104)

Prose is documentation, as in Markdown: a URL whose router equivalent is unambiguous
(:func:`hfmigrate.urls.prose_equivalent`, after the model map) is rewritten where it is written, when it is written
there as it reads (no escape or quote inside it). Any other URL in a comment gets the rule's marker; the other URLs
of a docstring are :mod:`.legacy_urls_in_strings`'s, and so is a docstring that is only a URL.

One text check over the module's whole source (``FileKind.PYTHON``): comments are not in ``ast``, and rewrite runs
the check again on the source its rules left, whichever statements they parsed. Its edits change only comments
and the values of bare string statements; rewrite proves that before it keeps them
(:func:`hfmigrate.rewrite.python_text_fixes.fix_python_text`, with :func:`bare_strings`). Part of the family in
:mod:`hfmigrate.rules.legacy_urls`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.engine.rule_api import FileKind, Fix, SpanEdit, TextContext, TextViolation
from hfmigrate.lines import line_starts, split_lines
from hfmigrate.rules.legacy_urls import FAMILY, judge_url, needs_string_checks, prose_fixable, summary_marker

if TYPE_CHECKING:  # imported where a module asks: listing the rules (and every scan's start) must not pay for them
    import ast


@FAMILY.text(frozenset({FileKind.PYTHON}), where=True)
def urls_in_prose(text: str, where: TextContext) -> Iterator[TextViolation]:
    """Each legacy URL of the module's comments, and each URL of its docstrings that rewrite changes."""
    comments = _may_hold_comment_urls(text)
    docstrings = needs_string_checks(text.encode("utf-8", "surrogatepass"))  # its promise: text before the URL
    if not (comments or docstrings):
        return
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return  # rewrite cannot change it; scan reads it with the text rules (scan/python_jobs.py)
    source = _Source(text)
    if comments:
        yield from _in_comments(source, where.models)
    if docstrings:
        yield from _in_docstrings(source, tree, where.models)


def _may_hold_comment_urls(text: str) -> bool:
    """A ``#`` before the host on its line (a cheap test: most modules mention the host in code only). The host as
    :func:`hfmigrate.urls.mentions_legacy_host` finds it: in any case, regex-escaped too."""
    for found in _NEEDLE.finditer(text):
        if "#" in text[text.rfind("\n", 0, found.start()) + 1 : found.start()]:
            return True
    return False


_NEEDLE = re.compile(re.escape(urls.LEGACY_NEEDLE), re.IGNORECASE)


class _Source:
    """The module's text with its lines (only ``\\n``, ``\\r\\n`` and ``\\r`` end one) and their offsets."""

    def __init__(self, text: str):
        self.text = text
        self.lines = split_lines(text, keepends=True)
        self.starts = line_starts(text)

    def offset(self, line: int, utf8_column: int | None) -> int:
        """The offset of an ``ast`` position (its columns count UTF-8 bytes, the text counts characters)."""
        encoded = self.lines[line - 1].encode("utf-8", "surrogatepass")[: utf8_column or 0]
        return self.starts[line - 1] + len(encoded.decode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class _Place:
    """A URL as written in the source: its offsets and the prose edit of it (None: nothing rewrite writes)."""

    start: int
    end: int
    new: str | None


def _places(fragment: str, offset: int, models: Mapping[str, str]) -> list[tuple[urls.UrlMatch, _Place]]:
    """The legacy URLs written in ``fragment`` (at ``offset`` in the module), each with its edit."""
    found = []
    for match in urls.find_legacy_urls(fragment):
        new = None
        if match.url is not None and not any(ch in match.text for ch in "\\\"'"):  # escapes: not what one reads
            legacy = match.url
            if legacy.model and legacy.model in models:
                legacy = replace(legacy, model=models[legacy.model])
            new = urls.prose_equivalent(legacy)
        found.append((match, _Place(offset + match.start, offset + match.end, new)))
    return found


def _fix(code: str, place: _Place) -> Fix:
    return Fix((SpanEdit(place.start, place.end, place.new),)) if place.new else Fix(marker=summary_marker(code))


def _in_comments(source: _Source, models: Mapping[str, str]) -> Iterator[TextViolation]:
    """Every legacy URL in a comment, as the text rules read it (a regex-escaped host too: HFM106)."""
    for row, column, comment in _comments(source):
        for match, place in _places(comment, source.starts[row - 1] + column, models):
            verdict = judge_url(match.url, match.text)
            yield TextViolation(
                verdict.code, verdict.message, place.start, place.end, _fix(verdict.code, place), verdict.replacement
            )


def _comments(source: _Source) -> Iterator[tuple[int, int, str]]:
    """(line, column, text) of each comment naming the host. Lines are given to the tokenizer ending in ``\\n``
    (it counts a lone ``\\r`` differently from ``ast``); columns do not move."""
    import tokenize

    lines = iter([line.rstrip("\r\n") + "\n" for line in source.lines])
    try:
        for token in tokenize.generate_tokens(lambda: next(lines, "")):
            if token.type == tokenize.COMMENT and urls.mentions_legacy_host(token.string):
                yield token.start[0], token.start[1], token.string
    except (tokenize.TokenError, SyntaxError):
        return


def _in_docstrings(source: _Source, tree: ast.Module, models: Mapping[str, str]) -> Iterator[TextViolation]:
    """The URLs of each docstring with text before them that have an unambiguous equivalent (the others, and a
    docstring that is only a URL, are the string checks'), at the place they are written."""
    for node in bare_strings(tree):
        value = str(node.value)  # str() only narrows: bare_strings keeps strings
        if not urls.mentions_legacy_host(value) or urls.is_legacy(value):
            continue
        start = source.offset(node.lineno, node.col_offset)
        end = source.offset(node.end_lineno or node.lineno, node.end_col_offset)
        read = urls.find_legacy_urls(value)
        for match, place in zip(read, _written(read, _places(source.text[start:end], start, models), start, end)):
            if match.url is None or not prose_fixable(match.text):
                continue  # rules/legacy_urls_in_strings.py reports it, with its marker
            verdict = judge_url(match.url, match.text)
            yield TextViolation(
                verdict.code, verdict.message, place.start, place.end, _fix(verdict.code, place), verdict.replacement
            )


def _written(
    read: list[urls.UrlMatch], written: list[tuple[urls.UrlMatch, _Place]], start: int, end: int
) -> list[_Place]:
    """Where each URL of a string's value is written: the URL in the same rank in the source when both count as
    many (an escape after a URL ends it early in the source: ``.../gp\\x742``, and its edit still reads right),
    else the next one that reads the same; the whole string for one written only with escapes."""
    if len(read) == len(written):
        return [place for _, place in written]
    places = []
    for match in read:
        found = next((i for i, (other, _) in enumerate(written) if other.text == match.text), None)
        places.append(written[found][1] if found is not None else _Place(start, end, None))
        written = written[found + 1 :] if found is not None else written
    return places


def bare_strings(tree: ast.Module) -> list[ast.Constant]:
    """Bare string statements, at any depth: docstrings and the strings written as comments. Nothing runs them."""
    import ast

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


def line_of(starts: list[int], offset: int) -> int:
    """The line (1-based) of ``offset``, given the text's :func:`~hfmigrate.lines.line_starts`."""
    return bisect.bisect_right(starts, offset)
