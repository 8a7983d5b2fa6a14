"""Wrapping styled text at spaces for narrow terminals: words are never split; a URL longer than a line breaks
only after ``/``, ``?`` or ``&``. Used by the probe and check-models reports."""

from __future__ import annotations

import re

from rich.text import Text

_URL_BREAK = re.compile(r"(?<=[/?&])(?=[^/?&])")
_WORD = re.compile(r"(\s*)(\S+)")


def wrapped(text: Text, width: int, indent: str = "") -> Text:
    """``text`` (styles kept) wrapped at spaces to ``width``, continuation lines after ``indent``; runs of spaces
    inside a line stay; a single word longer than a line (a URL) breaks after ``/``, ``?`` or ``&``."""
    plain = text.plain
    out, column = Text(), 0
    for match in _WORD.finditer(plain):
        gap = match.group(1)
        if "\n" in gap:
            out.append("\n")
            column, gap = 0, ""
        offset = match.start(2)
        for number, piece in enumerate(_pieces(match.group(2), width - len(indent))):
            joint = gap if number == 0 else ""
            if column and column + len(joint) + len(piece) > width:
                out.append("\n" + indent)
                column, joint = len(indent), ""
            out.append(joint)
            out.append_text(text[offset : offset + len(piece)])
            column += len(joint) + len(piece)
            offset += len(piece)
    return out


def _pieces(word: str, limit: int) -> list[str]:
    """A word that fits, as it is; a longer one cut after ``/``, ``?`` or ``&`` into pieces that fit."""
    if len(word) <= limit or "/" not in word:
        return [word]
    pieces, current = [], ""
    for part in _URL_BREAK.split(word):
        if current and len(current) + len(part) > limit:
            pieces.append(current)
            current = ""
        current += part
    return pieces + ([current] if current else [])
