"""A read-only walk over a libcst tree: a visitor's ``on_visit``/``on_leave`` in libcst's order, nothing rebuilt.

``node.visit(visitor)`` rebuilds every node it passes, because a transformer may replace children; for a visitor
that only reads, that is most of the cost of a pass (bench/walk_bench.py). :func:`walk` calls the same hooks on
the same nodes in the same order (tests/engine/test_walk.py holds it to libcst's), reading each node's children
from its fields. The order of a node type's fields is the order libcst's own visit uses, recorded from the first
node of that type walked. Attribute hooks (``visit_Call_func``) are not called; nothing here defines one.

Whitespace, comments and punctuation are skipped unless the visitor asks for them (``trivia=True``): a visitor
that reads comments, or registers on a whitespace or punctuation node, must say so.

:class:`ReadOnlyVisitor` is a ``CSTVisitor`` whose ``on_visit``/``on_leave`` find the ``visit_``/``leave_`` hook of a
node type in a table kept per class: libcst's own look the name up per node, and find a do-nothing stub for
every type the visitor has no hook for (half of a walk's cost for the runner's collector).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import libcst as cst
from libcst._typed_visitor import CSTTypedVisitorFunctions

_TRIVIA_BASES: tuple[type[cst.CSTNode], ...] = (
    cst.BaseParenthesizableWhitespace,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.Newline,
    cst.Comment,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.Semicolon,
    cst.AssignEqual,
    cst.LeftParen,
    cst.RightParen,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
    cst.BaseBinaryOp,
    cst.BaseBooleanOp,
    cst.BaseCompOp,
    cst.BaseUnaryOp,
    cst.BaseAugOp,
    cst.ImportStar,
    cst.Asynchronous,
)


def _with_subclasses(bases: tuple[type, ...]) -> frozenset[type]:
    found: set[type] = set()
    pending = list(bases)
    while pending:
        kind = pending.pop()
        found.add(kind)
        pending.extend(kind.__subclasses__())
    return frozenset(found)


#: Node types a walk without trivia never enters. Exact types in sets: ``CSTNode`` is an ABC, and an
#: ``isinstance`` against it per field was a third of a walk.
TRIVIA_TYPES = _with_subclasses(_TRIVIA_BASES)
_NODE_TYPES = _with_subclasses((cst.CSTNode,))
_NOT_TRIVIA = _NODE_TYPES - TRIVIA_TYPES
_FIELD_ORDER: dict[type, tuple[str, ...]] = {}


def walk(node: cst.CSTNode, visitor: cst.CSTVisitor, *, trivia: bool = False) -> None:
    """``visitor.on_visit(node)``, its children's walks when that returns true, then ``visitor.on_leave(node)``."""
    _walk(node, visitor, _NODE_TYPES if trivia else _NOT_TRIVIA)


def _walk(node: cst.CSTNode, visitor: cst.CSTVisitor, entered: frozenset[type]) -> None:
    if visitor.on_visit(node):
        for name in _FIELD_ORDER.get(type(node)) or _record_field_order(node):
            value = getattr(node, name)
            kind = type(value)
            if kind is tuple or kind is list:
                for child in value:
                    if type(child) in entered:
                        _walk(child, visitor, entered)
            elif kind in entered:
                _walk(value, visitor, entered)
    visitor.on_leave(node)


def _record_field_order(node: cst.CSTNode) -> tuple[str, ...]:
    """The fields of ``type(node)`` in the order libcst visits them, then the rest (which hold no node, or hold one
    only on some nodes of the type: a recorded order is a single node's)."""
    recorder = _FieldRecorder()
    node._visit_and_replace_children(recorder)
    rest = [f.name for f in dataclasses.fields(node) if f.name not in recorder.names]
    order = _FIELD_ORDER[type(node)] = (*recorder.names, *rest)
    return order


class _FieldRecorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if attribute not in self.names:
            self.names.append(attribute)


_Hook = Callable[[Any, Any], Any] | None


class ReadOnlyVisitor(cst.CSTVisitor):
    """libcst's visitor hooks, called as ``CSTVisitor`` calls them, found through a table per class and node type."""

    _visits: dict[type, _Hook]
    _leaves: dict[type, _Hook]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._visits, cls._leaves = {}, {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        kind = type(node)
        hook = self._visits.get(kind, _UNKNOWN)
        if hook is _UNKNOWN:
            hook = self._visits[kind] = _own_hook(type(self), f"visit_{kind.__name__}")
        return hook is None or hook(self, node) is not False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        kind = type(original_node)
        hook = self._leaves.get(kind, _UNKNOWN)
        if hook is _UNKNOWN:
            hook = self._leaves[kind] = _own_hook(type(self), f"leave_{kind.__name__}")
        if hook is not None:
            hook(self, original_node)


_UNKNOWN: Any = object()


def _own_hook(cls: type, name: str) -> _Hook:
    """The class's hook of that name, or None where it is libcst's do-nothing stub (or there is none)."""
    hook = getattr(cls, name, None)
    return None if hook is None or hook is getattr(CSTTypedVisitorFunctions, name, None) else hook
