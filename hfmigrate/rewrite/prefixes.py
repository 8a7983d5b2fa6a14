"""The first pass over the tree: constants that hold only the legacy host or a prefix, wherever they are used.

``HF_API_BASE = "https://api-inference.huggingface.co"`` in ``config.py`` and ``f"{HF_API_BASE}/models/{m}"`` in
``generate.py``: the module that joins the URL holds no host string at all. This pass finds such constants with
``ast`` (ten times cheaper than libcst), including env-var defaults, so that pass two can rewrite them and their
joins consistently. A bare host or ``/models/`` prefix becomes ``ROUTER/hf-inference[/models/]``: every join that
appends ``/models/{id}`` keeps working unchanged. Joins that append something else are rewritten where they are.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from hfmigrate import urls
from hfmigrate.rewrite.context import LegacyPrefix

_ENV_GETTERS = {("os", "environ", "get"), ("os", "getenv"), ("environ", "get"), ("getenv",)}


@dataclass(frozen=True)
class PrefixConstant:
    module: str  # the module's file stem, matched loosely against import statements ("config")
    name: str
    value: str


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
            result[constant.name] = LegacyPrefix(constant.value, constant_is_rewritten(constant.value))
    for module, name, local in text_imports:
        constant = by_key.get((module.rsplit(".", 1)[-1], name))
        if constant:
            result[local] = LegacyPrefix(constant.value, constant_is_rewritten(constant.value))
    return result


def from_imports(tree: ast.Module | None) -> list[tuple[str, str, str]]:
    if tree is None:
        return []
    triples = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            triples += [(node.module, alias.name, alias.asname or alias.name) for alias in node.names]
    return triples
