"""Lines the way Python counts them: only ``\\n``, ``\\r\\n`` and ``\\r`` end a line.

``str.splitlines()`` also splits on form feed, ``\\x0b``, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028 and U+2029. Python's
tokenizer, ``ast``, libcst, editors and git treat those as ordinary characters inside a line, so every place in
hfmigrate that maps an offset, a node position or a finding to a line number uses these functions instead.
"""

from __future__ import annotations

import bisect
import re

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """``text.splitlines(keepends)``, splitting only where Python ends a line."""
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts (the first is 0)."""
    return [0] + [match.end() for match in _LINE_END.finditer(text)]


def line_breaks(text: str, start: int = 0, end: int | None = None) -> int:
    """How many lines end between ``start`` and ``end`` (a ``\\r\\n`` counts once)."""
    return len(_LINE_END.findall(text, start, len(text) if end is None else end))


def last_line_start(text: str, offset: int) -> int:
    """The offset where the line holding ``offset`` starts."""
    starts = line_starts(text[:offset])
    return starts[bisect.bisect_right(starts, offset) - 1]


def first_line_ending(text: str) -> str:
    """The line ending the text uses first (``\\n`` when it has none): what inserted lines should end with."""
    match = _LINE_END.search(text)
    return match.group(0) if match else "\n"
