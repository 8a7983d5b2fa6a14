"""The first pass over the tree: constants that hold only the legacy host or a prefix, wherever they are used.

``HF_API_BASE = "https://api-inference.huggingface.co"`` in ``config.py`` and ``f"{HF_API_BASE}/models/{m}"`` in
``generate.py``: the module that joins the URL holds no host string at all. This pass finds such constants with
``ast`` (ten times cheaper than libcst), including env-var defaults, so that pass two can rewrite them and their
joins consistently. A bare host or ``/models/`` prefix becomes ``ROUTER/hf-inference[/models/]``: every join that
appends ``/models/{id}`` keeps working unchanged. Joins that append something else are rewritten where they are.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from pathlib import Path

from hfmigrate import urls
from hfmigrate.planning.local_prefixes import constant_is_rewritten
from hfmigrate.planning.module_plan import LegacyPrefix
from hfmigrate.rewrite.prefix_uses import ModuleUses, followable_uses, summarise_uses
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
    summaries = [
        summarise_uses(path, text, known, names) for path, text, *known in sources if any(n in text for n in names)
    ]
    by_stem: dict[str, list[ModuleUses]] = {}
    for uses in summaries:
        by_stem.setdefault(uses.stem, []).append(uses)
    judged = []
    for c in constants:
        total, blockers = followable_uses(c.name, c.module, summaries, by_stem)
        judged.append(replace(c, safe=total > 0 and not blockers, blockers=tuple(blockers)))
    return judged
