"""A plan of edits to one text: span replacements and marker lines, applied in one pass.

Every edit lies within one line (its line ending included), so lines never merge. Markers are whole comment lines
inserted above a line, indented like it and ended like it; a marker whose code already sits in the comment block
directly above is not inserted again (idempotence).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from hfmigrate.comments import suppresses
from hfmigrate.engine.dialects import Dialect
from hfmigrate.engine.kinds import Applied, AppliedCounts, FixKind
from hfmigrate.lines import line_starts, split_lines
from hfmigrate.planning.module_plan import MARKER_PREFIX

MARKER_BODY = MARKER_PREFIX.removeprefix("#").strip()  # "hfmigrate: TODO"


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    new: str
    code: str  # the rule code
    marker: bool = False  # an inserted marker line (counted as a marker in the applied counts)

    @property
    def counted_as(self) -> Applied:
        return Applied(self.code, FixKind.MARKER if self.marker else FixKind.EDIT)


@dataclass
class TextPlan:
    text: str
    dialect: Dialect
    enabled: Callable[[str], bool] = lambda code: True  # rule selection for this file
    # what rewrite knows that a check is not given, for the planned text edits (engine.fixes.PlannedTextEdit)
    models: dict[str, str] = field(default_factory=dict)  # --model-map / config `models:`
    verdicts: dict = field(default_factory=dict)  # model id → catalog verdict, when --resolve-models
    edits: list[Edit] = field(default_factory=list)
    starts: list[int] = field(init=False)
    # the non-empty edits' (start, end), sorted: they never overlap, so a new span is checked against two
    # neighbours instead of every edit (10,000 URLs in one Markdown file were quadratic)
    _spans: list[tuple[int, int]] = field(init=False, default_factory=list)
    _selected: dict[str, bool] = field(init=False, default_factory=dict)  # code → enabled (asked once per code)

    def __post_init__(self) -> None:
        self.starts = line_starts(self.text)
        if self.starts[-1] == len(self.text) and len(self.starts) > 1:
            self.starts.pop()

    # --- lines ---------------------------------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        """0-based line number of ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end of ``line``, its line ending included."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.starts[line], end

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.text[start:end]

    def _enabled(self, code: str) -> bool:
        if code not in self._selected:
            self._selected[code] = self.enabled(code)
        return self._selected[code]

    def ignored(self, offset: int, code: str) -> bool:
        return suppresses(self.line_text(self.line_of(offset)), code)

    # --- planning ------------------------------------------------------------------------------------------

    def replace(self, start: int, end: int, new: str, code: str) -> bool:
        if not self._enabled(code) or self.ignored(start, code) or self._overlaps(start, end):
            return False
        if self.line_of(start) != self.line_of(max(start, end - 1)):
            return False
        self.edits.append(Edit(start, end, new, code))
        if start != end:
            bisect.insort(self._spans, (start, end))
        return True

    def mark(self, offset: int, code: str, message: str) -> bool:
        """Put a marker above the statement holding ``offset``; False when the format has no comments."""
        if self.dialect.comment is None or not self._enabled(code) or self.ignored(offset, code):
            return False
        line = self.anchor_line(self.line_of(offset))
        start, _ = self.line_span(line)
        if self._has_marker(line, code) or any(e.start == start and e.marker and e.code == code for e in self.edits):
            return True
        content = self.line_text(line)
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        ending = _ending(content) or self._dominant_ending()
        text = f"{indent}{self.dialect.comment} {MARKER_BODY}({code}): {' '.join(message.split())}{ending}"
        self.edits.append(Edit(start, start, text, code, marker=True))
        return True

    def anchor_line(self, line: int) -> int:
        """The first line of the statement: a comment line cannot go inside a continued command or a string."""
        if self.dialect.name == "shell":
            line = _heredoc_openers(self.text).get(line, line)  # a comment in a heredoc body would be data
        if self.dialect.name in ("shell", "yaml", "ini"):
            while line > 0 and (
                self.line_text(line - 1).rstrip("\r\n").endswith("\\")
                or (self.dialect.name == "shell" and _inside_shell_quotes(self.text, self.starts[line]))
            ):
                line -= 1
        if self.dialect.name == "js":
            while line > 0 and _backticks(self.text[: self.starts[line]]) % 2:
                line -= 1
        return line

    def _has_marker(self, line: int, code: str) -> bool:
        above = line - 1
        while above >= 0:
            content = self.line_text(above).strip()
            if not content.startswith(self.dialect.comment or "\0"):
                return False
            if f"{MARKER_BODY}({code})" in content:
                return True
            above -= 1
        return False

    def _overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self._spans, (start, end))
        return any(s < end and start < e for s, e in self._spans[max(0, at - 1) : at + 1])

    def _dominant_ending(self) -> str:
        return "\r\n" if self.text.count("\r\n") * 2 > self.text.count("\n") else "\n"

    # --- applying ------------------------------------------------------------------------------------------

    def removed(self, offset: int) -> bool:
        return any(e.start <= offset < e.end and not e.new.strip() for e in self.edits)

    def apply(self) -> tuple[str, AppliedCounts]:
        out: list[str] = []
        position, applied = 0, AppliedCounts()
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end)):
            out.append(self.text[position : edit.start])
            out.append(edit.new)
            position = edit.end
            applied[edit.counted_as] += 1
        out.append(self.text[position:])
        return "".join(out), applied


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _backticks(text: str) -> int:
    return len(re.findall(r"(?<!\\)`", text))


def _inside_shell_quotes(text: str, offset: int) -> bool:
    """True when ``offset`` lies inside a quoted shell string that spans lines (a multi-line ``-d '{...}'``)."""
    quote, index = "", 0
    while index < offset:
        char = text[index]
        if quote == "'":
            if char == "'":
                quote = ""
        elif char == "\\":
            index += 1
        elif quote == '"':
            if char == '"':
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            newline = text.find("\n", index)
            index = offset if newline < 0 else newline
            continue
        index += 1
    return bool(quote)


_HEREDOC = re.compile(r"<<(-?)[ \t]*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\2")


def _heredoc_openers(text: str) -> dict[int, int]:
    """0-based line of each heredoc body line (and its terminator) → the line that opened the heredoc."""
    openers: dict[int, int] = {}
    pending: tuple[int, str, bool] | None = None
    for number, line in enumerate(split_lines(text)):
        if pending is not None:
            start, word, dash = pending
            openers[number] = start
            if (line.lstrip("\t") if dash else line) == word:
                pending = None
            continue
        match = _HEREDOC.search(line)
        if match:
            pending = (number, match.group(3), bool(match.group(1)))
    return openers
