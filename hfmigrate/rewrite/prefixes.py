"""The first pass over the tree: constants that hold only the legacy host or a prefix, wherever they are used.

``HF_API_BASE = "https://api-inference.huggingface.co"`` in ``config.py`` and ``f"{HF_API_BASE}/models/{m}"`` in
``generate.py``: the module that joins the URL holds no host string at all. This pass finds such constants with
``ast`` (ten times cheaper than libcst), including env-var defaults, so that pass two can rewrite them and their
joins consistently. A bare host or ``/models/`` prefix becomes ``ROUTER/hf-inference[/models/]``: every join that
appends ``/models/{id}`` keeps working unchanged. Joins that append something else are rewritten where they are.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from pathlib import Path

from hfmigrate import urls
from hfmigrate.rewrite.context import LegacyPrefix
from hfmigrate.sources import parse_cpython

_ENV_GETTERS = {("os", "environ", "get"), ("os", "getenv"), ("environ", "get"), ("getenv",)}


@dataclass(frozen=True)
class PrefixConstant:
    module: str  # the module's file stem, matched loosely against import statements ("config")
    name: str
    value: str
    safe: bool = False  # every use in the tree is a join rewrite can follow (see ``with_safety``)
    blockers: tuple[str, ...] = ()  # the uses that keep it from changing, as "file:line what"
    overridable: bool = False  # its value comes from the environment first (os.environ.get("X", LEGACY))


def constant_is_rewritten(value: str) -> bool:
    legacy = urls.parse_legacy(value)
    return legacy is not None and legacy.kind is urls.UrlKind.HOST and urls.router_equivalent(legacy) is not None


def find_prefix_constants(path: Path, text: str, tree: ast.Module | None = None) -> list[PrefixConstant]:
    if tree is None:
        tree, _ = parse_cpython(text)  # None when it does not parse (the file's own job says why)
        if tree is None:
            return []
    found = []
    for statement in tree.body:
        targets, value = _assignment(statement)
        literal = _legacy_literal(value) if value is not None else None
        if literal is None:
            continue
        legacy = urls.parse_legacy(literal)
        if legacy and legacy.kind is urls.UrlKind.HOST:
            overridable = not (isinstance(value, ast.Constant))
            found += [
                PrefixConstant(path.stem, target.id, literal, overridable=overridable)
                for target in targets
                if isinstance(target, ast.Name)
            ]
    return found


def _assignment(statement: ast.stmt) -> tuple[list[ast.expr], ast.expr | None]:
    if isinstance(statement, ast.Assign):
        return statement.targets, statement.value
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return [statement.target], statement.value
    return [], None


def _legacy_literal(value: ast.expr) -> str | None:
    """The legacy string a constant's value holds: a literal, an env-var default, or ``os.environ.get(X) or "..."``."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value if urls.is_legacy(value.value) else None
    if isinstance(value, ast.Call) and _dotted(value.func) in _ENV_GETTERS and len(value.args) >= 2:
        return _legacy_literal(value.args[1])
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
        return _legacy_literal(value.values[-1])
    return None


def _dotted(node: ast.expr) -> tuple[str, ...]:
    if isinstance(node, ast.Name):
        return (node.id,)
    if isinstance(node, ast.Attribute):
        return (*_dotted(node.value), node.attr)
    return ()


def prefixes_for_module(
    text_imports: list[tuple[str, str, str]], constants: list[PrefixConstant], own_stem: str
) -> dict[str, LegacyPrefix]:
    """Local names in one module that stand for a legacy prefix constant (its own, or imported by name).

    ``text_imports`` are (module, imported name, local name) triples from the module's ``from X import Y``.
    """
    by_key = {(c.module, c.name): c for c in constants}
    result = {}
    for constant in constants:
        if constant.module == own_stem:
            result[constant.name] = _legacy_prefix(constant)
    stems = {c.module for c in constants}
    for module, name, local in text_imports:
        imported = by_key.get((module.rsplit(".", 1)[-1], name))
        if imported:
            result[local] = _legacy_prefix(imported)
        elif (name or module).rsplit(".", 1)[
            -1
        ] in stems:  # a module alias: ``import config``, ``from app import config``
            stem = (name or module).rsplit(".", 1)[-1]
            result.update({f"{local}.{c.name}": _legacy_prefix(c) for c in constants if c.module == stem})
    return result


def _legacy_prefix(constant: PrefixConstant) -> LegacyPrefix:
    rewritten = constant.safe and constant_is_rewritten(constant.value)
    return LegacyPrefix(constant.value, rewritten, blockers=constant.blockers, overridable=constant.overridable)


def from_imports(tree: ast.Module | None) -> list[tuple[str, str, str]]:
    if tree is None:
        return []
    from hfmigrate.relevance import walk_statements

    triples = []
    for node in walk_statements(tree.body):  # imports are statements: no need to walk every expression
        if isinstance(node, ast.ImportFrom) and node.module:
            triples += [(node.module, alias.name, alias.asname or alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):  # (module, "", local): ``import app.config as cfg`` → cfg.NAME
            triples += [(alias.name, "", alias.asname) for alias in node.names if alias.asname]
            triples += [
                (alias.name, "", alias.name) for alias in node.names if not alias.asname and "." not in alias.name
            ]
    return triples


def with_safety(constants: list[PrefixConstant], sources: list[tuple]) -> list[PrefixConstant]:
    """Mark the constants whose value may change: used at least once, and only in ways rewrite follows.

    Uses are followed by binding, not by name: a load counts only where it reads *this* constant (in its own
    module, through ``from <its module> import NAME``, or as ``<its module>.NAME``); a same-named variable,
    parameter or local elsewhere does not. A use rewrite cannot see (a star import, a re-export, a module that
    does not parse)
    would silently break if the constant became ``ROUTER/hf-inference``, so such a constant keeps its value and
    gets a marker naming those uses (``blockers``), and its visible joins are rewritten to router URLs.
    ``sources``: (path, text) or (path, text, ast tree) for each module that may use a constant.
    """
    if not constants:
        return []
    names = {c.name for c in constants}
    summaries = [_summary(path, text, known, names) for path, text, *known in sources if any(n in text for n in names)]
    by_stem: dict[str, list[_Uses]] = {}
    for uses in summaries:
        by_stem.setdefault(uses.stem, []).append(uses)
    judged = []
    for c in constants:
        total, blockers = _followable_uses(c, summaries, by_stem)
        judged.append(replace(c, safe=total > 0 and not blockers, blockers=tuple(blockers)))
    return judged


@dataclass
class _Uses:
    """What one module does with the constant names: walked once, whatever the number of constants."""

    stem: str
    display: str
    parsed: bool = True
    loads: dict[str, list[int]] = field(default_factory=dict)  # name → lines of its loads
    bindings: dict[str, str | None] = field(default_factory=dict)  # name → "" (own) or the stem it is imported from
    attributes: list[tuple[str, str, str, int]] = field(default_factory=list)  # (alias, stem, name, line): cfg.NAME
    star_from: set[str] = field(default_factory=set)  # stems star-imported
    tree: ast.AST | None = None  # kept only when a star import may need a closer look


def _summary(path: Path, text: str, known: list, names: set[str]) -> _Uses:
    uses = _Uses(path.stem, str(path))
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


def _bind_top_level(node: ast.stmt, names: set[str], uses: _Uses) -> None:
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


def _walk(tree: ast.AST, names: set[str], uses: _Uses) -> None:
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


def _followable_uses(
    constant: PrefixConstant, summaries: list[_Uses], by_stem: dict[str, list[_Uses]]
) -> tuple[int, list[str]]:
    """How many loads read this constant where rewrite sees them, and each use it cannot follow."""
    total, blockers = 0, []
    name, home = constant.name, constant.module
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


def _reexports(modules: list[_Uses], name: str, home: str) -> bool:
    return any(uses.bindings.get(name) == home or home in uses.star_from for uses in modules)
