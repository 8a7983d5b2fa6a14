"""Removing one member of an object literal, or one command-line option, from a line of text (a text check's fix).

    {"inputs": x, "options": {"wait_for_model": true}}   →   {"inputs": x}
    curl URL -H "x-use-cache: false" -d @body.json        →   curl URL -d @body.json

Every removal lies within one line (its line ending included), as a text plan requires, and takes one comma with
the member so that what is left still parses; when no comma can go with it safely, there is no removal (None) and
the caller leaves a marker instead.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from hfmigrate.engine.rule_api import SpanEdit
from hfmigrate.lines import line_starts

_COMMA_BEFORE = re.compile(r",\s*$")
_COMMA_AFTER = re.compile(r"\s*,[ \t]*")
_ONLY_A_COMMA = re.compile(r"\s*,\s*")


@dataclass
class Lines:
    """The lines of a text, computed once: where each starts and ends (its ending included)."""

    text: str
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = line_starts(self.text)
        if self.starts[-1] == len(self.text) and len(self.starts) > 1:
            self.starts.pop()

    def number(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def span(self, offset: int) -> tuple[int, int]:
        """Start and end (its line ending included) of the line holding ``offset``."""
        line = self.number(offset)
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.starts[line], end

    def closes_on_its_line(self, offset: int) -> bool:
        """The brace opened just before ``offset`` closes on the same line."""
        depth = 1
        for char in self.text[offset : self.span(offset)[1]]:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0:
                return True
        return False


def member_removal(lines: Lines, start: int, end: int, dialect: str) -> SpanEdit | None:
    """Remove the member ``text[start:end]`` with its comma; None when that cannot be done safely on its line.
    ``dialect`` is the text's format (``js``, ``yaml``, ``json``, ``shell`` ...): JS allows a trailing comma and a
    YAML block mapping has none, so there a member alone on its line goes with its line."""
    text = lines.text
    line_start, line_end = lines.span(start)
    if lines.number(max(start, end - 1)) != lines.number(start):
        return None
    before, after = text[line_start:start], text[end:line_end]
    if not before.strip() and _ONLY_A_COMMA.fullmatch(after):
        return SpanEdit(line_start, line_end, "")  # a member on a line of its own, with its comma
    if not before.strip() and not after.strip() and dialect in ("js", "yaml"):
        return SpanEdit(line_start, line_end, "")
    comma_before = _COMMA_BEFORE.search(before)
    if comma_before:
        return SpanEdit(line_start + comma_before.start(), end, "")
    comma_after = _COMMA_AFTER.match(after)
    if comma_after and text[end + comma_after.end() : line_end].strip():
        return SpanEdit(start, end + comma_after.end(), "")
    return None


def option_removal(lines: Lines, start: int, end: int) -> SpanEdit | None:
    """Remove a command-line option ``text[start:end]`` (``-H "..."``, its leading blanks included); a line left
    holding only the continuation backslash goes whole; a line left empty is not made (None)."""
    line_start, line_end = lines.span(start)
    line = lines.text[line_start:line_end]
    rest = line[: start - line_start] + line[end - line_start :]
    if rest.strip() == "\\":  # the option had a continued line to itself: drop the line
        return SpanEdit(line_start, line_end, "")
    if not rest.strip():
        return None
    return SpanEdit(start, end, "")
