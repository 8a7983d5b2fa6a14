"""A function-local variable holding the legacy host, joined in the same function, is rewritten like a constant.

    def embed(text):
        base = os.getenv("HF_BASE", "https://api-inference.huggingface.co")
        return requests.post(f"{base}/models/{MODEL}", json=...)
    →
    def embed(text):
        base = os.getenv("HF_BASE", "https://router.huggingface.co/hf-inference")
        return requests.post(f"{base}/models/{MODEL}", json=...)

Only when the variable is assigned once in the function and every read of it there starts a URL template that
rewrite sees (``f"{base}/..."``, ``base + "/..."``). Otherwise the literal keeps its value and its HFM105 marker
names the reads that blocked it. An environment default (``os.getenv("X", LEGACY)``, ``os.environ.get(X) or
LEGACY``) gets the new default; the variable stays in every join.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hfmigrate import urls
from hfmigrate.planning.module_plan import LegacyPrefix, ModuleContext
from hfmigrate.pysyntax import dotted_name

ENV_GETTERS = frozenset({"os.environ.get", "os.getenv", "environ.get", "getenv"})


def constant_is_rewritten(value: str) -> bool:
    """Whether a constant holding ``value`` (the legacy host, or a prefix) gets its router equivalent as its value."""
    legacy = urls.parse_legacy(value)
    return legacy is not None and legacy.kind is urls.UrlKind.HOST and urls.router_equivalent(legacy) is not None


@dataclass
class LocalPrefixes:
    prefixes: dict[tuple[int, str], LegacyPrefix] = field(default_factory=dict)  # (id(function), name) → prefix
    literals: set[int] = field(default_factory=set)  # the host literals that may change
    blocked: dict[int, tuple[str, ...]] = field(default_factory=dict)  # host literal → the reads that block it


def local_prefixes_of(context: ModuleContext) -> LocalPrefixes:
    """The module's local prefixes, worked out once (the joins' rule and every URL's fix read them)."""
    found = context.memo.get("local prefixes")
    if found is None:
        found = context.memo["local prefixes"] = local_prefixes(context)
    return found  # type: ignore[return-value]


def local_prefixes(context: ModuleContext) -> LocalPrefixes:
    found = LocalPrefixes()
    heads = {id(t.dynamic[0]): t for _, t in context.strings if t.dynamic and t.text.startswith(urls.placeholder(0))}
    for node, template in context.strings:
        if not (urls.is_legacy(template.text) and constant_is_rewritten(template.text)):
            continue
        binding = _local_binding(context, node)
        if binding is None:
            continue
        name, scope, overridable = binding
        loads = [
            n
            for n in context.nodes.values()
            if isinstance(n, cst.Name)
            and n.value == name
            and context.scope_of(n) is scope
            and not context.is_binding(n)
        ]
        blockers = tuple(context.snippet(n) for n in loads if id(n) not in heads)
        if loads and not blockers:
            found.prefixes[(id(scope.node), name)] = LegacyPrefix(template.text, True, overridable=overridable)
            found.literals.add(id(node))
        else:
            found.blocked[id(node)] = blockers
    return found


def _local_binding(context: ModuleContext, node: cst.BaseExpression):
    """(name, function scope, from the environment) when ``node`` is the value, or env default, of ``name = ...``."""
    statement = context.statement_of(node)
    assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
    if not (
        isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name)
    ):
        return None
    scope = context.scope_of(node)
    name = assign.targets[0].target.value
    if not isinstance(scope.node, cst.FunctionDef) or len(scope.assignments.get(name, [])) != 1:
        return None
    value = assign.value
    if value is node:
        return name, scope, False
    if (
        isinstance(value, cst.Call)
        and dotted_name(value.func) in ENV_GETTERS
        and len(value.args) >= 2
        and value.args[1].value is node
    ):
        return name, scope, True
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or) and value.right is node:
        return name, scope, True
    return None
