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

_ENV_GETTERS = {("os", "environ", "get"), ("os", "getenv"), ("environ", "get"), ("getenv",)}


@dataclass(frozen=True)
class PrefixConstant:
    module: str  # the module's file stem, matched loosely against import statements ("config")
    name: str
    value: str
    safe: bool = False  # every use in the tree is a join rewrite can follow (see ``with_safety``)


def constant_is_rewritten(value: str) -> bool:
    legacy = urls.parse_legacy(value)
    return legacy is not None and legacy.kind is urls.UrlKind.HOST and urls.router_equivalent(legacy) is not None


def find_prefix_constants(path: Path, text: str, tree: ast.Module | None = None) -> list[PrefixConstant]:
    if tree is None:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError):
            return []
    found = []
    for statement in tree.body:
        targets, value = _assignment(statement)
        literal = _legacy_literal(value) if value is not None else None
        if literal is None:
            continue
        legacy = urls.parse_legacy(literal)
        if legacy and legacy.kind is urls.UrlKind.HOST:
            found += [PrefixConstant(path.stem, target.id, literal) for target in targets if isinstance(target, ast.Name)]
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


def prefixes_for_module(text_imports: list[tuple[str, str, str]], constants: list[PrefixConstant], own_stem: str) -> dict[str, LegacyPrefix]:
    """Local names in one module that stand for a legacy prefix constant (its own, or imported by name).

    ``text_imports`` are (module, imported name, local name) triples from the module's ``from X import Y``.
    """
    by_key = {(c.module, c.name): c for c in constants}
    result = {}
    for constant in constants:
        if constant.module == own_stem:
            result[constant.name] = LegacyPrefix(constant.value, constant.safe and constant_is_rewritten(constant.value))
    for module, name, local in text_imports:
        constant = by_key.get((module.rsplit(".", 1)[-1], name))
        if constant:
            result[local] = LegacyPrefix(constant.value, constant.safe and constant_is_rewritten(constant.value))
    return result


def from_imports(tree: ast.Module | None) -> list[tuple[str, str, str]]:
    if tree is None:
        return []
    triples = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            triples += [(node.module, alias.name, alias.asname or alias.name) for alias in node.names]
    return triples


def with_safety(constants: list[PrefixConstant], sources: list[tuple]) -> list[PrefixConstant]:
    """Mark the constants whose value may change: used at least once, and only in ways rewrite follows.

    A join rewrite cannot see (``config.HF_BASE``, a star import, a re-export, a file outside the given paths)
    would silently break if the constant became ``ROUTER/hf-inference``, so such a constant keeps its value and
    gets a marker instead, and its visible joins are rewritten to absolute router URLs.
    ``sources``: (path, text) or (path, text, ast tree) for each module that may use a constant.
    """
    if not constants:
        return []
    names = {c.name for c in constants}
    summaries = [_summary(path, text, known, names) for path, text, *known in sources if any(n in text for n in names)]
    return [replace(c, safe=_only_followable_uses(c, summaries)) for c in constants]


@dataclass
class _Uses:
    """What one module does with the constant names: walked once, whatever the number of constants."""

    stem: str
    parsed: bool = True
    loads: dict[str, int] = field(default_factory=dict)  # name → Name loads
    attributes: set[str] = field(default_factory=set)  # names read as x.NAME
    imported: dict[str, set[str]] = field(default_factory=dict)  # name → stems it is imported from by name
    star_from: set[str] = field(default_factory=set)  # stems star-imported


def _summary(path: Path, text: str, known: list, names: set[str]) -> _Uses:
    uses = _Uses(path.stem)
    try:
        tree = known[0] if known and known[0] is not None else ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        uses.parsed = False
        return uses
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load):
            uses.loads[node.id] = uses.loads.get(node.id, 0) + 1
        elif isinstance(node, ast.Attribute) and node.attr in names:
            uses.attributes.add(node.attr)
        elif isinstance(node, ast.ImportFrom):
            stem = (node.module or "").rsplit(".", 1)[-1]
            for alias in node.names:
                if alias.name == "*":
                    uses.star_from.add(stem)
                elif alias.name in names:
                    uses.imported.setdefault(alias.name, set()).add(stem)
    return uses


def _only_followable_uses(constant: PrefixConstant, summaries: list[_Uses]) -> bool:
    total = 0
    for uses in summaries:
        if not uses.parsed or constant.name in uses.attributes or constant.module in uses.star_from:
            return False
        loads = uses.loads.get(constant.name, 0)
        own = uses.stem == constant.module
        if loads and not own and constant.module not in uses.imported.get(constant.name, set()):
            return False  # read without an import rewrite can follow (a re-export, an import from elsewhere)
        total += loads
    return total > 0
