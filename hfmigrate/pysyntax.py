"""libcst helpers that scan and rewrite share: import tracking, qualified names and URL string templates.

A *string template* is the text a string-building expression produces, with every run-time part replaced by a
``urls.placeholder``: ``f"{BASE}/models/{m}"``, ``"…/models/" + m`` and implicit concatenations all become one
template, so a URL built from several pieces is classified (and reported) once, at the outermost expression.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import cast

import libcst as cst

from hfmigrate import urls


@dataclass
class ImportMap:
    """Local name → fully qualified name, from every import in the module (including those inside try/except)."""

    names: dict[str, str] = field(default_factory=dict)

    def add(self, node: cst.Import | cst.ImportFrom) -> list[tuple[cst.ImportAlias, str]]:
        """Record an import statement; returns each alias with the qualified name it binds."""
        bound = []
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted_name(alias.name)
                local = alias.asname.name.value if alias.asname else full.split(".")[0]  # type: ignore[union-attr]
                self.names[local] = full if alias.asname else local
                bound.append((alias, full))
        elif node.module is not None and not node.relative and not isinstance(node.names, cst.ImportStar):
            module = dotted_name(node.module)
            for alias in node.names:
                imported = dotted_name(alias.name)
                local = alias.asname.name.value if alias.asname else imported  # type: ignore[union-attr]
                self.names[local] = f"{module}.{imported}"
                bound.append((alias, f"{module}.{imported}"))
        return bound

    def qualified(self, node: cst.BaseExpression) -> str | None:
        """``hh.InferenceApi`` → ``huggingface_hub.InferenceApi`` when ``import huggingface_hub as hh``."""
        if isinstance(node, cst.Name):
            return self.names.get(node.value)
        if isinstance(node, cst.Attribute):
            base = self.qualified(node.value)
            return f"{base}.{node.attr.value}" if base else None
        return None

    def imports_module(self, prefix: str) -> bool:
        return any(full == prefix or full.startswith(prefix + ".") for full in self.names.values())


def dotted_name(node: cst.BaseExpression | None) -> str:
    """``a.b.c`` for a name or attribute chain; "" for anything else (a relative import's missing module too)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted_name(node.value)}.{node.attr.value}"
    return ""


def string_value(node: cst.BaseExpression) -> str | None:
    """The value of a plain string literal (not bytes, not f-string), or None."""
    if isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower():
        return _literal_str(node.value)
    if isinstance(node, cst.ConcatenatedString):
        left, right = string_value(node.left), string_value(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _literal_str(source: str) -> str | None:
    """What ``ast.literal_eval`` gives for one string literal's source, without its closures: each call of it leaves
    a reference cycle, and the rewrite runs without the cyclic collector (20,000 literals, 20,000 cycles)."""
    prefix = source[: len(source) - len(source.lstrip("rRuU"))]
    body = source[len(prefix) :]
    quote = 3 if body[:3] in ('"""', "'''") else 1
    inner = body[quote:-quote]
    if not any(char in inner for char in "\\\r\0") and len(body) >= 2 * quote:
        return inner  # nothing to unescape, no line ends to normalise: the text is the value
    try:
        parsed = ast.parse(source, mode="eval").body
    except (ValueError, SyntaxError):
        return None
    return parsed.value if isinstance(parsed, ast.Constant) and isinstance(parsed.value, str) else None


@dataclass
class StringTemplate:
    """The text of a string expression with placeholders for run-time parts (see module docstring)."""

    text: str
    dynamic: list[cst.BaseExpression]  # placeholder i stands for dynamic[i]
    names: dict[int, str]  # placeholder i shown to people as {names[i]}
    has_literal: bool

    def display(self) -> str:
        return urls.display(self.text, self.names)


def build_template(node: cst.BaseExpression, module: cst.Module) -> StringTemplate | None:
    """A template for string-building expressions; None for anything else (or with no literal part)."""
    builder = _TemplateBuilder(module)
    text = builder.build(node, top=True)
    if text is None or not builder.has_literal:
        return None
    return StringTemplate(text, builder.dynamic, builder.names, builder.has_literal)


class _TemplateBuilder:
    def __init__(self, module: cst.Module):
        self.module = module
        self.dynamic: list[cst.BaseExpression] = []
        self.names: dict[int, str] = {}
        self.has_literal = False

    def build(self, node: cst.BaseExpression, top: bool = False) -> str | None:
        if isinstance(node, cst.SimpleString):
            value = string_value(node)
            if value is not None:
                self.has_literal = True
            return value
        if isinstance(node, cst.ConcatenatedString):
            left, right = self.build(node.left), self.build(node.right)
            return left + right if left is not None and right is not None else None
        if isinstance(node, cst.FormattedString):
            return self._formatted(node)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            left = self.build(node.left) if _stringish(node.left) else self._hole(node.left)
            right = self.build(node.right) if _stringish(node.right) else self._hole(node.right)
            return left + right if left is not None and right is not None else None
        return None if top else self._hole(node)

    def _formatted(self, node: cst.FormattedString) -> str:
        pieces = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                self.has_literal = True
                pieces.append(part.value.replace("{{", "{").replace("}}", "}"))
            elif isinstance(part, cst.FormattedStringExpression):
                pieces.append(self._hole(part.expression))
        return "".join(pieces)

    def _hole(self, node: cst.BaseExpression) -> str:
        index = len(self.dynamic)
        self.dynamic.append(node)
        self.names[index] = self.module.code_for_node(node)
        return urls.placeholder(index)


def _stringish(node: cst.BaseExpression) -> bool:
    """True for expressions that are (or concatenate) string literals."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _stringish(node.left) or _stringish(node.right)
    return False


_STRING_TYPES = frozenset({cst.SimpleString, cst.ConcatenatedString, cst.FormattedString})


def is_string_expression(node: cst.CSTNode) -> bool:
    """Asked of every node the visitors pass: exact types, since ``isinstance`` on libcst's ABC-based node classes
    costs an ABC check per miss (a fifth of the rewrite's fact-collecting pass). Parsed trees hold no subclasses."""
    kind = type(node)
    if kind in _STRING_TYPES:
        return True
    operation = cast(cst.BinaryOperation, node)  # only read once its exact type says so
    return kind is cst.BinaryOperation and type(operation.operator) is cst.Add and _stringish(operation)


def keyword(call: cst.Call, name: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def dict_items(node: cst.Dict) -> list[tuple[str, cst.DictElement]]:
    """(key, element) pairs of a dict display whose keys are string literals."""
    items = []
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = string_value(element.key)
            if key is not None:
                items.append((key, element))
    return items


def subscript_key(node: cst.Subscript) -> str | None:
    """The key of ``value["key"]`` (one plain string index), or None."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    return string_value(node.slice[0].slice.value)
