"""HFM201/HFM202 in text files: the check (:func:`options_and_headers_in_text`) and what one line can lose, its
fixes: one member of an object literal, or one command-line option, removed from its line.

    {"inputs": x, "options": {"wait_for_model": true}}   →   {"inputs": x}
    curl URL -H "x-use-cache: false" -d @body.json        →   curl URL -d @body.json

Every removal lies within one line (its line ending included), as a text plan requires, and takes one comma with
the member so that what is left still parses; when no comma can go with it safely, there is no removal (None) and
the caller leaves a marker instead.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hfmigrate.engine.rule_api import Fix, SpanEdit, TextContext, TextViolation
from hfmigrate.lines import line_starts
from hfmigrate.rules.legacy_options import FAMILY, HEADER, OPTIONS

if TYPE_CHECKING:
    from hfmigrate.engine.dialects import Dialect

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


# what can be removed on one line: a member whose value is a plain literal, a one-line options block, a curl -H
_SIMPLE_VALUE = r"""(?:true|false|True|False|null|None|\d+|"(?:true|false|\d+)"|'(?:true|false|\d+)')"""
_OPTION_MEMBER = re.compile(
    rf"""\s*(["']?)(?:wait_for_model|use_cache|use_gpu|dont_load_model)\1\s*:\s*{_SIMPLE_VALUE}\s*"""
)
_OPTIONS_ON_ONE_LINE = re.compile(r"""(?P<quote>["']?)options(?P=quote)\s*:\s*\{(?P<body>[^{}\n]*)\}""")
_RETIRED_MEMBER = re.compile(rf"""(?P<quote>["']?)(?:wait_for_model|dont_load_model)(?P=quote)\s*:\s*{_SIMPLE_VALUE}""")
_CURL_HEADER = re.compile(
    r"""[ \t]*(?:-H|--header)[ \t]*(?P<q>["'])x-(?:wait-for-model|use-cache)[ \t]*:[^"'\n]*(?P=q)""", re.IGNORECASE
)
_HEADER_MEMBER = re.compile(
    r"""(?P<q>["'])x-(?:wait-for-model|use-cache)(?P=q)\s*:\s*(?:"[^"\n]*"|'[^'\n]*'|true|false|\d+)""",
    re.IGNORECASE,
)
# Marker texts never name the option or header itself: scan would report the marker line again.
OPTIONS_ADVICE = "remove the legacy `options` from this request body: the router ignores them"
HEADER_ADVICE = "remove the legacy wait-for-model / use-cache header: the router does not use it"


def block_fix(lines: Lines, opening: re.Match[str], dialect: str) -> Fix:
    """A block on one line whose members are all legacy goes (with its comma); any other gets a marker."""
    block = _OPTIONS_ON_ONE_LINE.match(lines.text, opening.start())
    if block and all(not m.strip() or _OPTION_MEMBER.fullmatch(m) for m in block.group("body").split(",")):
        removal = member_removal(lines, block.start(), block.end(), dialect)
        if removal is not None:
            return Fix((removal,))
    return Fix(marker=OPTIONS_ADVICE)


def retired_option_fix(lines: Lines, match: re.Match[str], dialect: str) -> Fix:
    """``wait_for_model: true`` outside an options block goes with its comma, unless it is alone on its line."""
    text, start = lines.text, match.start()
    member = _RETIRED_MEMBER.match(text, start - 1 if start and text[start - 1] in "\"'" else start)
    line_start, line_end = lines.span(start)
    alone = "{" not in text[line_start:line_end] and "," not in text[line_start:line_end]  # YAML: options: may empty
    removal = member_removal(lines, member.start(), member.end(), dialect) if member and not alone else None
    return Fix((removal,)) if removal is not None else Fix(marker=OPTIONS_ADVICE)


def header_fix(lines: Lines, match: re.Match[str], dialect: str) -> Fix:
    """A curl ``-H``/``--header`` option goes; else a ``"x-...": value`` member with its comma; else a marker."""
    text, start = lines.text, match.start()
    line_start, line_end = lines.span(start)
    curl = next((m for m in _CURL_HEADER.finditer(text, line_start, line_end) if m.start() <= start < m.end()), None)
    removal = option_removal(lines, curl.start(), curl.end()) if curl else None
    member = _HEADER_MEMBER.match(text, start - 1) if start and removal is None else None
    if member is not None:
        removal = member_removal(lines, member.start(), member.end(), dialect)
    return Fix((removal,)) if removal is not None else Fix(marker=HEADER_ADVICE)


# --- the check (it registers on the family when this module loads) ---------------------------------------

HEADER_PATTERN = re.compile(r"(?<![\w-])x-(?:wait-for-model|use-cache)(?![\w-])", re.IGNORECASE)
RETIRED_OPTION_PATTERN = re.compile(r"\b(?:wait_for_model|dont_load_model)\b")  # only the retired API used them
_GENERIC_OPTION_PATTERN = re.compile(r"\b(?:use_cache|use_gpu)\b")  # these only inside an ``options`` block
OPTIONS_OPEN_PATTERN = re.compile(r"""["']?options["']?\s*[:=]\s*\{""")
OPTION_IN_TEXT = "legacy option `{}`: the router ignores it; remove it"


@FAMILY.text(where=True)
def options_and_headers_in_text(text: str, where: TextContext) -> Iterator[TextViolation]:
    """An ``options: {...}`` block holding legacy keys is one finding (as in Python), a retired option outside one
    and each header one finding each. Where the text is code or a request (JS/TS, shell, YAML, JSON; not prose or
    settings files) the fix removes what one line can lose safely, and leaves a marker otherwise."""
    dialect = _dialect(where)
    lines = Lines(text) if dialect.code else None
    blocks: dict[int, re.Match[str]] = {}
    loose: list[re.Match[str]] = []
    for pattern in (RETIRED_OPTION_PATTERN, _GENERIC_OPTION_PATTERN):
        for match in pattern.finditer(text):
            opening = _open_options_before(text, match.start())
            if opening is not None:
                blocks.setdefault(opening.start(), opening)
            elif pattern is RETIRED_OPTION_PATTERN:
                loose.append(match)
    removed: list[SpanEdit] = []
    for opening in blocks.values():
        word = text.index("options", opening.start())
        fix = block_fix(lines, opening, dialect.name) if lines is not None else Fix()
        removed.extend(edit for edit in fix.edits if isinstance(edit, SpanEdit))
        yield TextViolation("HFM201", OPTIONS, word, word + len("options"), fix)
    for match in loose:
        fix = retired_option_fix(lines, match, dialect.name) if lines is not None else Fix()
        yield TextViolation("HFM201", OPTION_IN_TEXT.format(match.group(0)), match.start(), match.end(), fix)
    for match in HEADER_PATTERN.finditer(text):
        within = any(edit.start <= match.start() < edit.end for edit in removed)
        fix = header_fix(lines, match, dialect.name) if lines is not None and not within else Fix()
        yield TextViolation("HFM202", HEADER.format(match.group(0)), match.start(), match.end(), fix)


def _dialect(where: TextContext) -> Dialect:
    """The text's format: the runner's word for it (a notebook's shell lines are shell), else its path's."""
    from hfmigrate.engine.dialects import BY_NAME, dialect_for  # here: most runs read no text file with options

    return BY_NAME[where.dialect] if where.dialect else dialect_for(where.path)


def _open_options_before(text: str, offset: int) -> re.Match[str] | None:
    """The ``options: {`` / ``options = {`` opening within 300 characters before ``offset`` not yet closed."""
    low = max(0, offset - 300)
    opening = None
    for opening in OPTIONS_OPEN_PATTERN.finditer(text, low, offset):  # noqa: B007 (the last one is wanted)
        pass
    return opening if opening is not None and "}" not in text[opening.end() : offset] else None
