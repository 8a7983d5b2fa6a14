"""Splicing new cell sources into a notebook's raw JSON text, every other byte kept.

The notebook is not re-serialised: the raw JSON is scanned for each cell's ``source`` value, and only the changed
string elements are replaced, encoded with the notebook's own escaping (``\\uXXXX`` for non-ASCII or not), so
indentation, key order, the list-or-string form of ``source`` and the trailing newline all stay as they were.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from dataclasses import dataclass

from hfmigrate.lines import split_lines


@dataclass
class _Source:
    start: int  # the value's span in the raw text
    end: int
    elements: list[tuple[int, int]] | None  # string element spans when ``source`` is a list


_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


class _Scanner:
    """Finds each cell's ``source`` value span in notebook JSON without re-serialising anything."""

    def __init__(self, text: str):
        self.text = text

    def ws(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in " \t\r\n":
            pos += 1
        return pos

    def expect(self, pos: int, char: str) -> int:
        pos = self.ws(pos)
        if self.text[pos : pos + 1] != char:
            raise ValueError(f"unexpected JSON at offset {pos}")
        return pos + 1

    def string(self, pos: int) -> tuple[str, int, int]:
        pos = self.ws(pos)
        match = _STRING.match(self.text, pos)
        if not match:
            raise ValueError(f"expected a JSON string at offset {pos}")
        return json.loads(match.group(0)), match.start(), match.end()

    def members(self, pos: int):
        """Yield (key, value start) for each member of the object at ``pos``; the caller returns the value end."""
        pos = self.expect(pos, "{")
        if self.text[self.ws(pos) : self.ws(pos) + 1] == "}":
            return self.ws(pos) + 1
        while True:
            key, _, pos = self.string(pos)
            pos = self.expect(pos, ":")
            pos = yield key, self.ws(pos)
            pos = self.ws(pos)
            if self.text[pos : pos + 1] == ",":
                pos += 1
                continue
            return self.expect(pos, "}")

    def skip(self, pos: int) -> int:
        pos = self.ws(pos)
        char = self.text[pos : pos + 1]
        if char == '"':
            return self.string(pos)[2]
        if char == "{":
            walker = self.members(pos)
            try:
                _, value = next(walker)
                while True:
                    _, value = walker.send(self.skip(value))
            except StopIteration as stop:
                return stop.value if stop.value is not None else self._empty_end(pos, "}")
        if char == "[":
            return self.array(pos, self.skip)[1]
        match = _SCALAR.match(self.text, pos)
        if not match:
            raise ValueError(f"unexpected JSON at offset {pos}")
        return match.end()

    def _empty_end(self, pos: int, close: str) -> int:
        return self.expect(self.expect(pos, "{" if close == "}" else "["), close)

    def array(self, pos: int, element) -> tuple[list, int]:
        pos = self.expect(pos, "[")
        items: list = []
        if self.text[self.ws(pos) : self.ws(pos) + 1] == "]":
            return items, self.ws(pos) + 1
        while True:
            start = self.ws(pos)
            pos = element(start)
            items.append((start, pos))
            pos = self.ws(pos)
            if self.text[pos : pos + 1] == ",":
                pos += 1
                continue
            return items, self.expect(pos, "]")

    def sources(self) -> dict[int, _Source]:
        found: dict[int, _Source] = {}
        walker = self.members(0)
        try:
            key, value = next(walker)
            while True:
                end = self.cells(value, found) if key == "cells" else self.skip(value)
                key, value = walker.send(end)
        except StopIteration:
            pass
        return found

    def cells(self, pos: int, found: dict[int, _Source]) -> int:
        number = 0

        def cell(start: int) -> int:
            nonlocal number
            number += 1
            if self.text[start] != "{":
                return self.skip(start)
            walker = self.members(start)
            try:
                key, value = next(walker)
                while True:
                    end = self.skip(value)
                    if key == "source":
                        elements = self.array(value, self.skip)[0] if self.text[value] == "[" else None
                        found[number] = _Source(value, end, elements)
                    key, value = walker.send(end)
            except StopIteration as stop:
                return stop.value if stop.value is not None else self._empty_end(start, "}")

        return self.array(pos, cell)[1]


def splice_sources(text: str, new_sources: dict[int, str]) -> str:
    """``text`` with the ``source`` of the given cells (1-based numbers) replaced, every other byte kept."""
    spans = _Scanner(text).sources()
    ascii_only = _escapes_non_ascii(text)
    edits = []
    for number, new in new_sources.items():
        span = spans.get(number)
        if span is None:
            raise ValueError(f"cell {number} has no `source` in the notebook JSON")
        if span.elements is None:
            edits.append((span.start, span.end, json.dumps(new, ensure_ascii=ascii_only)))
        elif span.elements:
            edits.append((span.elements[0][0], span.elements[-1][1], _new_list(text, span, new, ascii_only)))
        else:
            raise ValueError(f"cell {number} has an empty `source`")
    out, position = [], 0
    for start, end, new in sorted(edits):
        out += [text[position:start], new]
        position = end
    return "".join(out + [text[position:]])


def _new_list(text: str, span: _Source, new: str, ascii_only: bool) -> str:
    elements = span.elements or []
    old_lines = [json.loads(text[start:end]) for start, end in elements]
    new_lines = split_lines(new, keepends=True)
    separator = _separator(text, span)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(text[elements[i1][0] : elements[i2 - 1][1]])  # original bytes, separators included
        else:
            parts += [json.dumps(line, ensure_ascii=ascii_only) for line in new_lines[j1:j2]]
    return separator.join(parts)


def _separator(text: str, span: _Source) -> str:
    elements = span.elements or []
    if len(elements) >= 2:
        return text[elements[0][1] : elements[1][0]]
    between = text[span.start + 1 : elements[0][0]]
    return "," + between if between else ", "


def _escapes_non_ascii(text: str) -> bool:
    """True when the notebook writes non-ASCII as ``\\uXXXX`` (ensure_ascii); nbformat does not."""
    if any(ord(char) > 127 for char in text):
        return False
    return any(int(code, 16) > 127 for code in re.findall(r"(?<!\\)(?:\\\\)*\\u([0-9a-fA-F]{4})", text))


def spliced_problem(before: str, after: str, new_sources: dict[int, str]) -> str | None:
    """What is wrong with ``after``, or None: the new JSON must equal the old one except for the intended sources,
    with the same list-or-string form."""
    try:
        old, new = json.loads(before.lstrip("\ufeff")), json.loads(after.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        return f"the notebook JSON would not parse (line {error.lineno}: {error.msg})"
    expected = copy.deepcopy(old)
    for number, source in new_sources.items():
        cell = expected["cells"][number - 1]
        cell["source"] = split_lines(source, keepends=True) if isinstance(cell["source"], list) else source
    got = copy.deepcopy(new)
    for number in new_sources:
        cell = got["cells"][number - 1]
        if isinstance(cell["source"], list):  # the line split may differ where lines were kept verbatim
            expected_cell = expected["cells"][number - 1]
            if "".join(cell["source"]) == "".join(expected_cell["source"]):
                cell["source"] = expected_cell["source"]
    if got != expected:
        return "the notebook JSON would change outside the rewritten cell sources"
    return None
