"""Writing a new URL template back into the string expression it came from, keeping its style.

A plain literal keeps its prefix and quotes. An f-string keeps each ``{expression}`` exactly as written (conversion
and format spec included). A concatenation keeps its pieces when only the leading literal changes (the usual case:
the host); otherwise it becomes one f-string, which is equivalent for string operands.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate import urls
from hfmigrate.pysyntax import StringTemplate


def retemplate(
    node: cst.BaseExpression, old: StringTemplate, new_text: str, module: cst.Module
) -> cst.BaseExpression | None:
    """The expression producing ``new_text`` (placeholders refer to ``old.dynamic``); None when it can't be written."""
    if not urls.placeholders_in(new_text) and isinstance(node, cst.SimpleString):
        return literal_like(node, new_text)
    if isinstance(node, cst.FormattedString):
        return _formatted(node, old, new_text)
    prefix_edit = _leading_literal_edit(node, old.text, new_text)
    if prefix_edit is not None:
        return prefix_edit
    return _as_fstring(old, new_text, module)


def literal_like(node: cst.SimpleString, value: str) -> cst.SimpleString:
    quote = node.quote
    prefix = node.prefix
    body = value if "r" in prefix.lower() else _escape(value, quote)
    return cst.SimpleString(f"{prefix}{quote}{body}{quote}")


def _escape(value: str, quote: str) -> str:
    value = value.replace("\\", "\\\\")
    return value.replace(quote, "\\" + quote) if len(quote) == 1 else value


def _formatted(node: cst.FormattedString, old: StringTemplate, new_text: str) -> cst.FormattedString:
    parts_by_index = {}
    for part in node.parts:
        if isinstance(part, cst.FormattedStringExpression):
            for index, dynamic in enumerate(old.dynamic):
                if dynamic is part.expression:
                    parts_by_index[index] = part
    new_parts: list[cst.BaseFormattedStringContent] = []
    for piece, slot in _split(new_text):
        if slot is None:
            if piece:
                new_parts.append(cst.FormattedStringText(piece.replace("{", "{{").replace("}", "}}")))
        else:
            new_parts.append(parts_by_index[slot])
    return node.with_changes(parts=new_parts)


def _split(text: str) -> list[tuple[str, int | None]]:
    """Literal pieces (index None) and placeholders (their index), in order."""
    pieces: list[tuple[str, int | None]] = []
    rest = text
    for index in urls.placeholders_in(text):
        token = urls.placeholder(index)
        before, rest = rest.split(token, 1)
        pieces += [(before, None), ("", index)]
    pieces.append((rest, None))
    return pieces


def _leading_literal_edit(node: cst.BaseExpression, old_text: str, new_text: str) -> cst.BaseExpression | None:
    """Swap only the changed beginning of the first literal piece, when that is all that changed."""
    common = _common_suffix(old_text, new_text)
    old_head, new_head = old_text[: len(old_text) - common], new_text[: len(new_text) - common]
    if urls.placeholders_in(old_head) or urls.placeholders_in(new_head):
        return None
    first = _first_literal(node)
    if first is None:
        return None
    value = _literal_value(first)
    if value is None or not value.startswith(old_head):
        return None
    replacement = literal_like(first, new_head + value[len(old_head) :])
    return _replace_leaf(node, first, replacement)


def _common_suffix(a: str, b: str) -> int:
    count = 0
    while count < min(len(a), len(b)) and a[-1 - count] == b[-1 - count]:
        count += 1
    return count


def _first_literal(node: cst.BaseExpression) -> cst.SimpleString | None:
    if isinstance(node, cst.SimpleString):
        return node
    if isinstance(node, cst.ConcatenatedString):
        return _first_literal(node.left)
    if isinstance(node, cst.BinaryOperation):
        return _first_literal(node.left)
    return None


def _literal_value(node: cst.SimpleString) -> str | None:
    from hfmigrate.pysyntax import string_value

    return string_value(node)


def _replace_leaf(node: cst.BaseExpression, leaf: cst.SimpleString, new_leaf: cst.SimpleString) -> cst.BaseExpression:
    if node is leaf:
        return new_leaf
    if isinstance(node, cst.ConcatenatedString):
        return node.with_changes(left=_replace_leaf(node.left, leaf, new_leaf))
    if isinstance(node, cst.BinaryOperation):
        return node.with_changes(left=_replace_leaf(node.left, leaf, new_leaf))
    return node


def _as_fstring(old: StringTemplate, new_text: str, module: cst.Module) -> cst.BaseExpression | None:
    if not urls.placeholders_in(new_text):
        return cst.SimpleString(f'"{_escape(new_text, chr(34))}"')  # nothing run-time is left: a plain literal
    pieces = []
    for piece, index in _split(new_text):
        if index is None:
            pieces.append(piece.replace("{", "{{").replace("}", "}}"))
        else:
            code = module.code_for_node(old.dynamic[index])
            if any(char in code for char in '"\\\n{}'):
                return None  # not writable inside an f-string on Python 3.10
            pieces.append("{" + code + "}")
    body = "".join(pieces)
    if '"' in body:
        return None
    try:
        return cst.parse_expression(f'f"{body}"')
    except cst.ParserSyntaxError:
        return None
