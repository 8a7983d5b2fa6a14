"""What each module of the tree does with the prefix constants' names: the uses :func:`hfmigrate.rewrite.prefixes.
with_safety` weighs before a constant may change.

Each module is walked once with ``ast`` (:func:`summarise_uses`), whatever the number of constants; then
:func:`followable_uses` counts, per constant, the loads that read *it* (by binding, not by name) and names each use
rewrite cannot follow (a star import, a re-export, a module that does not parse). Kept apart from the pass that
finds the constants, which needs none of this scope analysis.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ModuleUses:
    """What one module does with the constant names: walked once, whatever the number of constants."""

    stem: str
    display: str
    parsed: bool = True
    loads: dict[str, list[int]] = field(default_factory=dict)  # name → lines of its loads
    bindings: dict[str, str | None] = field(default_factory=dict)  # name → "" (own) or the stem it is imported from
    attributes: list[tuple[str, str, str, int]] = field(default_factory=list)  # (alias, stem, name, line): cfg.NAME
    star_from: set[str] = field(default_factory=set)  # stems star-imported
    tree: ast.AST | None = None  # kept only when a star import may need a closer look


def summarise_uses(path: Path, text: str, known: list, names: set[str]) -> ModuleUses:
    uses = ModuleUses(path.stem, str(path))
    try:
        tree = known[0] if known and known[0] is not None else ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        uses.parsed = False
        return uses
    for node in tree.body:
        _bind_top_level(node, names, uses)
    _walk(tree, names, uses)
    return uses


def _alias_of(node: ast.Import | ast.ImportFrom) -> dict[str, str]:
    """Local names an import binds to a module: ``import config``, ``import app.config as cfg``,
    ``from app import config``."""
    if isinstance(node, ast.Import):
        return {
            (alias.asname or alias.name.split(".")[0]): (
                alias.name.rsplit(".", 1)[-1] if alias.asname else alias.name.split(".")[0]
            )
            for alias in node.names
        }
    return {(alias.asname or alias.name): alias.name for alias in node.names}


def _bind_top_level(node: ast.stmt, names: set[str], uses: ModuleUses) -> None:
    if isinstance(node, ast.ImportFrom):
        stem = (node.module or "").rsplit(".", 1)[-1]
        for alias in node.names:
            if alias.name == "*":
                uses.star_from.add(stem)
            elif (alias.asname or alias.name) in names:
                uses.bindings[alias.asname or alias.name] = stem if alias.name in names else ""
        return
    for target in _assigned_names(node):
        if target in names:
            uses.bindings.setdefault(target, "")
    if isinstance(node, (ast.If, ast.Try)):  # try: from a import X / except ImportError: X = "..."
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                _bind_top_level(child, names, uses)


def _assigned_names(node: ast.AST) -> set[str]:
    found = set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    for target in getattr(node, "targets", None) or [getattr(node, "target", None)]:
        if target is not None:
            found |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return found


def _walk(tree: ast.AST, names: set[str], uses: ModuleUses) -> None:
    """Record loads of ``names`` and ``module.NAME`` reads, in one ``ast.walk`` (iterative: a long ``a + b + c``
    chain nests deeper than Python's recursion limit). Whether a load reads a function's local instead is worked
    out later, only where it decides something (a star import)."""
    aliases: dict[str, str] = {}
    attributes: list[tuple[str, str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id in names and isinstance(node.ctx, ast.Load):
                uses.loads.setdefault(node.id, []).append(node.lineno)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            aliases.update(_alias_of(node))
        elif isinstance(node, ast.Attribute) and node.attr in names and isinstance(node.value, ast.Name):
            attributes.append((node.value.id, node.attr, node.lineno))
    uses.attributes = [(alias, aliases[alias], attr, line) for alias, attr, line in attributes if alias in aliases]
    if uses.star_from:
        uses.tree = tree


def _module_level_reads(tree: ast.AST, name: str) -> list[int]:
    """Lines where ``name`` is read and not bound by an enclosing function (its parameters, assignments)."""
    lines = []
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, shadowed = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                stack.append((child, shadowed or name in _function_locals(child)))
            elif isinstance(child, ast.Name) and child.id == name and isinstance(child.ctx, ast.Load) and not shadowed:
                lines.append(child.lineno)
            else:
                stack.append((child, shadowed))
    return sorted(lines)


def _function_locals(function: ast.AST) -> set[str]:
    """Parameters and names assigned in the function itself (nested functions aside), minus ``global`` ones."""
    arguments = getattr(function, "args", None)
    bound = (
        {a.arg for a in ast.walk(arguments) if isinstance(a, ast.arg)}
        if isinstance(arguments, ast.arguments)
        else set()
    )
    declared: set[str] = set()
    stack = list(getattr(function, "body", [])) if isinstance(getattr(function, "body", None), list) else []
    while stack:
        statement = stack.pop()
        if isinstance(statement, (ast.Global, ast.Nonlocal)):
            declared |= set(statement.names)
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            if hasattr(statement, "name"):
                bound.add(statement.name)
            continue
        if isinstance(statement, ast.Name) and isinstance(statement.ctx, ast.Store):
            bound.add(statement.id)
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            bound |= {(a.asname or a.name).split(".")[0] for a in statement.names}
        stack.extend(ast.iter_child_nodes(statement))
    return bound - declared


def followable_uses(
    name: str, home: str, summaries: list[ModuleUses], by_stem: dict[str, list[ModuleUses]]
) -> tuple[int, list[str]]:
    """How many loads read the constant ``name`` of module ``home`` where rewrite sees them, and each use it cannot
    follow."""
    total, blockers = 0, []
    for uses in summaries:
        if not uses.parsed:
            blockers.append(f"{uses.display}: does not parse")
            continue
        total += sum(1 for _, stem, attr, _ in uses.attributes if attr == name and stem == home)  # config.NAME
        loads = uses.loads.get(name, [])
        if not loads:
            continue
        binding = uses.bindings.get(name)
        if uses.stem == home and binding == "":
            total += len(loads)  # the constant's own module (a same-named local there counts too: harmless)
        elif binding == home:
            total += len(loads)  # from <home> import NAME
        elif binding and _reexports(by_stem.get(binding, []), name, home):
            blockers.append(f"{uses.display}:{loads[0]} imports {name} from {binding}, which re-exports it")
        elif binding is None and home in uses.star_from and uses.tree is not None:
            star_reads = _module_level_reads(uses.tree, name)
            if star_reads:
                blockers.append(f"{uses.display}:{star_reads[0]} reads {name} through `from {home} import *`")
    return total, blockers


def _reexports(modules: list[ModuleUses], name: str, home: str) -> bool:
    return any(uses.bindings.get(name) == home or home in uses.star_from for uses in modules)
