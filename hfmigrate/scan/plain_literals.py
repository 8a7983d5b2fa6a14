"""What :mod:`hfmigrate.scan.plain_urls` reads as a plain literal, and the template libcst's visitor makes of it.

Three shapes, each on one line and written exactly as its ast says, so that ast's view of it is libcst's:

    "https://api-inference.huggingface.co/models/gpt2"        a string literal (``r``/``u`` prefix allowed)
    f"{HOST}/models/{model}"                                   an f-string whose holes are bare names
    "https://api-inference.huggingface.co/models/" + model     a ``+`` join of string literals and bare names

The template mirrors :func:`hfmigrate.pysyntax.build_template`: the literal text, with a placeholder for each hole
and the hole's name. Anything else (an escape, triple quotes, a hole that is an expression, parentheses in a join)
is not plain: the module then goes to libcst.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from hfmigrate import urls

NEEDLE = urls.LEGACY_NEEDLE  # what the pre-filter and the visitor look for, in any case
_PLAIN_PREFIXES = frozenset({"", "r", "u", "R", "U"})
_FORMATTED_PREFIXES = frozenset({"f", "F", *(a + b for a in "fF" for b in "rR"), *(b + a for a in "fF" for b in "rR")})


@dataclass(frozen=True)
class _StringPiece:
    """A literal written as ``prefix`` + quote + ``body`` + quote."""

    node: ast.expr
    body: str
    prefixes: frozenset[str]

    def written_as(self, source: str) -> bool:
        quote_at = len(source) - len(self.body) - 2
        if quote_at < 0 or source[:quote_at] not in self.prefixes:
            return False
        quote = source[quote_at]
        return quote in "\"'" and source[quote_at:] == f"{quote}{self.body}{quote}"


@dataclass(frozen=True)
class _NamePiece:
    node: ast.Name

    def written_as(self, source: str) -> bool:
        return source == self.node.id


@dataclass(frozen=True)
class PlainLiteral:
    """A literal holding the needle: ``text`` as the visitor's template has it (a placeholder per hole), ``names``
    each hole's name, ``pieces`` what it is written as, in order (a join has several)."""

    node: ast.expr
    text: str
    names: dict[int, str]
    pieces: tuple[_StringPiece | _NamePiece, ...]

    def written_in(self, line: str) -> bool:
        """Whether the line holds it exactly as its pieces say: nothing but `` + `` between them, no escape."""
        start, end = column(line, self.node.col_offset), column(line, self.node.end_col_offset or 0)
        if "\\" in line[start:end]:
            return False
        at = start
        for index, piece in enumerate(self.pieces):
            piece_start, piece_end = column(line, piece.node.col_offset), column(line, piece.node.end_col_offset or 0)
            between = line[at:piece_start]
            if (between.strip() != "+" if index else between) or not piece.written_as(line[piece_start:piece_end]):
                return False
            at = piece_end
        return at == end


def column(line: str, utf8_offset: int) -> int:
    """ast counts a column in UTF-8 bytes, libcst (and every report) in characters."""
    if line.isascii():
        return utf8_offset
    return len(line.encode("utf-8", "surrogatepass")[:utf8_offset].decode("utf-8", "surrogatepass"))


def plain_literal(node: ast.AST) -> PlainLiteral | None:
    """The literal ``node`` is, when it is one of the three shapes and holds the needle; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and NEEDLE in node.value.lower():
        return PlainLiteral(node, node.value, {}, (_StringPiece(node, node.value, _PLAIN_PREFIXES),))
    if isinstance(node, ast.JoinedStr):
        return _formatted(node)
    if is_join(node):
        return _joined(node)  # type: ignore[arg-type]
    return None


def holds_needle(node: ast.AST) -> bool:
    """An f-string or a join with the needle in one of its literal parts (plain or not)."""
    if not (isinstance(node, ast.JoinedStr) or is_join(node)):
        return False
    return any(
        isinstance(part, ast.Constant) and isinstance(part.value, str) and NEEDLE in part.value.lower()
        for part in ast.walk(node)
    )


def is_join(node: ast.AST) -> bool:
    """What the visitor calls a string expression built with ``+``: an addition with a string on one side."""
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and _stringish(node)


def _stringish(node: ast.AST) -> bool:
    if isinstance(node, (ast.Constant, ast.JoinedStr)):
        return isinstance(node, ast.JoinedStr) or isinstance(node.value, (str, bytes))
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add)
        and (_stringish(node.left) or _stringish(node.right))
    )


def _formatted(node: ast.JoinedStr) -> PlainLiteral | None:
    """An f-string whose holes are bare names (libcst names another hole as written, which the ast does not keep)."""
    text: list[str] = []
    body: list[str] = []
    names: dict[int, str] = {}
    for part in node.values:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            text.append(part.value)
            body.append(part.value.replace("{", "{{").replace("}", "}}"))
        elif _bare_hole(part):
            name = part.value.id  # type: ignore[attr-defined]
            text.append(urls.placeholder(len(names)))
            names[len(names)] = name
            body.append("{" + name + "}")
        else:
            return None
    joined = "".join(text)
    if NEEDLE not in joined.lower():
        return None
    return PlainLiteral(node, joined, names, (_StringPiece(node, "".join(body), _FORMATTED_PREFIXES),))


def _bare_hole(part: ast.expr) -> bool:
    return (
        isinstance(part, ast.FormattedValue)
        and isinstance(part.value, ast.Name)
        and part.conversion == -1
        and part.format_spec is None
    )


def _joined(node: ast.BinOp) -> PlainLiteral | None:
    """A join of string literals and bare names, read as the visitor's template builder reads it: a side that is
    a string (or a join with one) is built, any other side is a hole (here: only a bare name)."""
    text: list[str] = []
    names: dict[int, str] = {}
    pieces: list[_StringPiece | _NamePiece] = []

    def side(part: ast.expr) -> bool:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            text.append(part.value)
            pieces.append(_StringPiece(part, part.value, _PLAIN_PREFIXES))
            return True
        if is_join(part):
            return side(part.left) and side(part.right)  # type: ignore[attr-defined]
        if isinstance(part, ast.Name) and not _stringish(part):
            text.append(urls.placeholder(len(names)))
            names[len(names)] = part.id
            pieces.append(_NamePiece(part))
            return True
        return False  # bytes, an f-string, or a hole that is an expression

    if not side(node.left) or not side(node.right):
        return None
    joined = "".join(text)
    return PlainLiteral(node, joined, names, tuple(pieces)) if NEEDLE in joined.lower() else None
