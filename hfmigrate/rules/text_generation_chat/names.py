"""Name bindings and loads in one module, in source order: the small data-flow facts the chat analyses need.

A binding is an ``x = ...`` statement; the loads it reaches are those after it and before the next binding of
``x`` in the same scope (function or module), plus, for a module-level name bound once, the loads inside
functions that do not bind ``x`` themselves. Branches are not told apart: the analyses only convert when every
load reached is one they understand, so an over-approximation can only block a conversion, never break one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from hfmigrate.planning.module_plan import ModuleContext, Scope


@dataclass
class _Index:
    order: dict[int, int]
    loads: dict[str, list[cst.Name]]
    bindings: dict[str, list[cst.Assign]]


def _index(context: ModuleContext) -> _Index:
    cached = getattr(context, "_chat_names", None)
    if cached is not None:
        return cached
    order: dict[int, int] = {}
    loads: dict[str, list[cst.Name]] = {}
    bindings: dict[str, list[cst.Assign]] = {}
    for position, node in enumerate(context.nodes.values()):
        order[id(node)] = position
        if isinstance(node, cst.Name) and is_load(context, node):
            loads.setdefault(node.value, []).append(node)
        elif isinstance(node, cst.Assign):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    bindings.setdefault(target.target.value, []).append(node)
    index = _Index(order, loads, bindings)
    context._chat_names = index  # type: ignore[attr-defined]
    return index


def is_load(context: ModuleContext, node: cst.Name) -> bool:
    parent = context.parent(node)
    if isinstance(parent, cst.Attribute) and parent.attr is node:
        return False
    if isinstance(parent, (cst.Arg, cst.Param, cst.FunctionDef, cst.ClassDef, cst.ImportAlias, cst.AsName)):
        return not (getattr(parent, "keyword", None) is node or getattr(parent, "name", None) is node)
    if isinstance(parent, (cst.AssignTarget, cst.For, cst.CompFor, cst.AugAssign, cst.AnnAssign, cst.WithItem)):
        return getattr(parent, "target", None) is not node and getattr(parent, "asname", None) is not node
    return True


def position(context: ModuleContext, node: cst.CSTNode) -> int:
    return _index(context).order.get(id(node), -1)


def function_of(context: ModuleContext, node: cst.CSTNode) -> cst.FunctionDef | None:
    current = context.parent(node)
    while current is not None and not isinstance(current, cst.FunctionDef):
        current = context.parent(current)
    return current


def parameters(function: cst.FunctionDef) -> set[str]:
    params = function.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            every.append(star)
    return {param.name.value for param in every}


def binds(context: ModuleContext, scope: Scope, name: str) -> bool:
    if name in scope.assignments:
        return True
    return isinstance(scope.node, cst.FunctionDef) and name in parameters(scope.node)


def binding_for(context: ModuleContext, use: cst.Name) -> cst.Assign | None:
    """The ``name = ...`` statement whose value ``use`` reads: the last one before it in its own scope, or the
    only module-level one; None for a parameter, an import, or an ambiguous module-level name."""
    index = _index(context)
    scope = context.scope_of(use)
    here = index.order.get(id(use), -1)
    candidates = [a for a in index.bindings.get(use.value, []) if context.scope_of(a) is scope]
    if isinstance(scope.node, cst.FunctionDef) and use.value in parameters(scope.node) and not candidates:
        return None
    before = [a for a in candidates if index.order.get(id(a), -1) < here]
    if before:
        return before[-1]
    if candidates or scope.node is context.module:
        return None
    module_scope = context.scopes[id(context.module)]
    module_level = [a for a in index.bindings.get(use.value, []) if context.scope_of(a) is module_scope]
    return module_level[0] if len(module_level) == 1 else None


def loads_reached(context: ModuleContext, binding: cst.Assign, name: str) -> list[cst.Name] | None:
    """The loads of ``name`` that read the value ``binding`` assigns; None when that cannot be told."""
    index = _index(context)
    scope = context.scope_of(binding)
    start = index.order.get(id(binding), -1)
    same_scope = [a for a in index.bindings.get(name, []) if context.scope_of(a) is scope]
    later = [index.order[id(a)] for a in same_scope if index.order.get(id(a), -1) > start]
    end = min(later) if later else 1 << 60
    reached = []
    for load in index.loads.get(name, []):
        load_scope = context.scope_of(load)
        if load_scope is scope:
            if start < index.order.get(id(load), -1) < end:
                reached.append(load)
        elif scope.node is context.module and not binds(context, load_scope, name):
            if len(same_scope) != 1:
                return None  # a function reads a module name assigned several times: which value is unknown
            reached.append(load)
    return reached


def loads_of_function(context: ModuleContext, function: cst.FunctionDef) -> list[cst.Name]:
    """Every load of a module-level function's name, wherever it is."""
    return list(_index(context).loads.get(function.name.value, []))


def descendants_named(context: ModuleContext, root: cst.CSTNode, name: str) -> list[cst.Name]:
    """Loads of ``name`` inside ``root`` (a loop body, a comprehension)."""
    found = []
    for load in _index(context).loads.get(name, []):
        current: cst.CSTNode | None = load
        while current is not None and current is not root:
            current = context.parent(current)
        if current is root:
            found.append(load)
    return found


_LINE_REF = re.compile("\ue020(\\d+)\ue021")


def line_ref(context: ModuleContext, node: cst.CSTNode) -> str:
    """A stand-in for ``node``'s line in a message; :func:`with_lines` fills it in when a marker is written.
    Positions cost a pass over the whole module, so only a message that becomes a marker pays for them."""
    refs = getattr(context, "_chat_line_refs", None)
    if refs is None:
        refs = context._chat_line_refs = {}  # type: ignore[attr-defined]
    refs[id(node)] = node
    return f"\ue020{id(node)}\ue021"


def with_lines(context: ModuleContext, message: str) -> str:
    refs = getattr(context, "_chat_line_refs", {})

    def line(match: re.Match) -> str:
        node = refs.get(int(match.group(1)))
        return str(line_of(context, node)) if node is not None else "?"

    return _LINE_REF.sub(line, message)


def line_of(context: ModuleContext, node: cst.CSTNode) -> int:
    """1-based line of ``node`` in the module (positions are computed once, only when a marker names lines)."""
    positions = getattr(context, "_chat_positions", None)
    if positions is None:
        from libcst.metadata import MetadataWrapper, PositionProvider

        positions = MetadataWrapper(context.module, unsafe_skip_copy=True).resolve(PositionProvider)
        context._chat_positions = positions  # type: ignore[attr-defined]
    try:
        line = positions[node].start.line
    except KeyError:
        return 0
    line_map = context.line_map
    return line_map[line] if line_map is not None and 0 <= line < len(line_map) else line
