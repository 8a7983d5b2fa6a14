"""Rewriting only the top-level statements that matter, then splicing them back into the untouched file text.

A module that needs a change usually has a few relevant statements among hundreds (see ``relevance``). Those
statements are joined into a small *partial* module, each after a sentinel comment line, and only that is parsed,
planned and regenerated. The sentinels survive the rewrite (rules never remove comments, markers go after existing
leading lines), so the new partial text splits back into one piece per statement, and each changed piece replaces
exactly the lines of its statement. Every other byte of the file is, by construction, the original.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from hfmigrate.lines import line_breaks, split_lines


@dataclass(frozen=True)
class Span:
    """Lines ``first`` to ``last`` (1-based) of the file: a top-level statement, or the header of a class whose
    body is pruned (``hfmigrate.members``), or one member of that body (``indent`` is then the body's)."""

    first: int
    last: int
    indent: str = ""

    @property
    def top_level(self) -> bool:
        return not self.indent


@dataclass(frozen=True)
class Partial:
    source: str  # the relevant statements, each preceded by its sentinel line
    spans: tuple[tuple[int, int], ...]  # 1-based first and last line of each statement in the file
    pieces: tuple[str, ...]  # each statement's original text
    nonce: str
    indents: tuple[str, ...] = ()  # each sentinel's indentation ("" for a top-level statement)

    def sentinel(self, index: int, newline: str) -> str:
        indent = self.indents[index] if self.indents else ""
        return f"{indent}# hfmigrate-partial {self.nonce} {index}{newline}"


def build(text: str, spans: list[Span] | list[tuple[int, int]]) -> Partial:
    lines = split_lines(text, keepends=True)
    newline = _newline_of(text)
    nonce = secrets.token_hex(6)
    typed = [span if isinstance(span, Span) else Span(*span) for span in spans]
    bounds = tuple((span.first, span.last) for span in typed)
    pieces = tuple("".join(lines[start - 1 : end]) for start, end in bounds)
    pieces = tuple(piece if piece.endswith(("\n", "\r")) else piece + newline for piece in pieces)
    partial = Partial("", bounds, pieces, nonce, tuple(span.indent for span in typed))
    source = "".join(partial.sentinel(i, newline) + piece for i, piece in enumerate(pieces))
    return Partial(source, bounds, pieces, nonce, partial.indents)


def splice(text: str, partial: Partial, new_source: str) -> str | None:
    """The file text with each changed statement replaced; None when the sentinels did not survive intact."""
    pattern = re.compile(rf"^[ \t]*# hfmigrate-partial {partial.nonce} (\d+)\r?\n?", re.MULTILINE)
    marks = list(pattern.finditer(new_source))
    if [int(m.group(1)) for m in marks] != list(range(len(partial.pieces))) or marks[0].start() != 0:
        return None
    ends = [m.start() for m in marks[1:]] + [len(new_source)]
    new_pieces = [new_source[m.end() : end] for m, end in zip(marks, ends)]
    lines = split_lines(text, keepends=True)
    for (start, end), old, new in sorted(zip(partial.spans, partial.pieces, new_pieces), reverse=True):
        if new != old:
            lines[start - 1 : end] = [_restore_missing_final_newline(new, old, lines[end - 1])]
    return "".join(lines)


def _restore_missing_final_newline(new: str, old: str, last_original_line: str) -> str:
    """``build`` added a newline to a last statement that had none; take it off again."""
    if not last_original_line.endswith(("\n", "\r")) and new.endswith(("\n", "\r")) and old.endswith(("\n", "\r")):
        return new.rstrip("\r\n")
    return new


def _newline_of(text: str) -> str:
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"


def line_map(partial: Partial) -> list[int]:
    """``map[n]`` is the file line of line ``n`` of the partial source (a sentinel maps to its statement's first)."""
    mapping = [0]
    for (start, _end), piece in zip(partial.spans, partial.pieces):
        mapping.append(start)  # the sentinel line
        mapping.extend(range(start, start + line_breaks(piece) or start + 1))
    return mapping


def parse(text: str, spans: list[Span] | list[tuple[int, int]], *, round_trip: bool = True):
    """The partial module of ``spans`` and its libcst tree, or None when it cannot be trusted: it does not parse,
    does not round-trip, or libcst sees other statements than ``ast`` did.

    ``round_trip=False`` skips the round-trip check, which generates the whole partial module's code again (as long
    as the parse itself): for a reader that writes nothing, as scan's parse of a whole module skips it too."""
    import libcst as cst

    piece = build(text, spans)
    try:
        module = cst.parse_module(piece.source)
    except (cst.ParserSyntaxError, RecursionError, MemoryError):
        return None
    top_level = sum(1 for indent in piece.indents if not indent)
    if (round_trip and module.code != piece.source) or len(module.body) != top_level:
        return None
    if len(statements(module, piece)) != len(spans):
        return None
    return piece, module


def statements(module, piece: Partial) -> list:
    """The statements that carry a sentinel: the top-level ones, and the members of each pruned class body."""
    import libcst as cst

    found = []
    for statement in module.body:
        found.append(statement)
        body = statement.body if isinstance(statement, cst.ClassDef) else None
        if isinstance(body, cst.IndentedBlock) and body.body and _has_sentinel(body.body[0], piece.nonce):
            found.extend(body.body)
    return found


def _has_sentinel(statement, nonce: str) -> bool:
    prefix = f"# hfmigrate-partial {nonce} "
    lines = getattr(statement, "leading_lines", ())
    return any(line.comment is not None and line.comment.value.startswith(prefix) for line in lines)
