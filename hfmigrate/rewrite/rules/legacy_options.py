"""HFM201, HFM202: legacy options and headers are dropped.

    {"inputs": text, "options": {"wait_for_model": True}}     → {"inputs": text}
    {"inputs": text, "wait_for_model": True}                   → {"inputs": text}
    {"parameters": {"max_new_tokens": 9, "use_cache": False}}   → {"parameters": {"max_new_tokens": 9}}
    headers = {"Authorization": auth, "x-wait-for-model": "1"}  → headers = {"Authorization": auth}
    payload["options"] = {"use_cache": False}                  → (statement removed)
    session.headers.update({"X-Use-Cache": "false"})           → (statement removed)

Only keys that belonged to the retired API go; an ``options`` dict without them is someone else's.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.pysyntax import dict_items, string_value
from hfmigrate.rewrite.context import ModuleContext
from hfmigrate.scan.python import LEGACY_HEADERS, LEGACY_OPTION_KEYS

CODES = ("HFM201", "HFM202")


def plan(context: ModuleContext) -> None:
    for node in context.dicts:
        if not context.is_claimed(node):
            _plan_dict(context, node)
    for call in context.calls:
        _plan_dict_call(context, call)
    _plan_subscript_assignments(context)


def _plan_dict(context: ModuleContext, node: cst.Dict) -> None:
    items = dict(dict_items(node))
    removed = 0
    for key, element in items.items():
        lowered = key.lower()
        if lowered == "options" and has_legacy_options(element.value):
            context.remove(element, "HFM201")
        elif lowered == "wait_for_model" and "inputs" in items:
            context.remove(element, "HFM201")
        elif lowered in LEGACY_HEADERS:
            context.remove(element, "HFM202")
        elif lowered == "parameters" and isinstance(element.value, cst.Dict):
            for inner_key, inner in dict_items(element.value):
                if inner_key in LEGACY_OPTION_KEYS and inner_key != "use_gpu":
                    context.remove(inner, "HFM201")
            continue
        else:
            continue
        removed += 1
    if removed and removed == len(node.elements):
        _remove_emptied_update(context, node)


def _remove_emptied_update(context: ModuleContext, node: cst.Dict) -> None:
    """``x.update({"options": ...})`` would become ``x.update({})``: remove the whole statement instead."""
    arg = context.parent(node)
    call = context.parent(arg) if isinstance(arg, cst.Arg) else None
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "update"):
        return
    expression = context.parent(call)
    line = context.parent(expression) if isinstance(expression, cst.Expr) else None
    if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and _has_siblings(context, line):
        context.removals.add(id(line))


def has_legacy_options(value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Dict):
        return any(key in LEGACY_OPTION_KEYS for key, _ in dict_items(value))
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "dict":
        return any(arg.keyword is not None and arg.keyword.value in LEGACY_OPTION_KEYS for arg in value.args)
    return False


def _plan_dict_call(context: ModuleContext, call: cst.Call) -> None:
    if not (isinstance(call.func, cst.Name) and call.func.value == "dict"):
        return
    for arg in call.args:
        if arg.keyword is None:
            continue
        if (arg.keyword.value == "options" and has_legacy_options(arg.value)) or arg.keyword.value == "wait_for_model":
            context.remove(arg, "HFM201")


def _plan_subscript_assignments(context: ModuleContext) -> None:
    for node_id, parent in list(context.parents.items()):
        if not isinstance(parent, cst.SimpleStatementLine) or len(parent.body) != 1:
            continue
        statement = parent.body[0]
        if id(statement) != node_id or not isinstance(statement, cst.Assign) or len(statement.targets) != 1:
            continue
        code = _legacy_subscript(statement.targets[0].target, statement.value)
        if code and _has_siblings(context, parent):
            context.remove(parent, code)


def _legacy_subscript(target: cst.BaseExpression, value: cst.BaseExpression) -> str | None:
    if (
        not isinstance(target, cst.Subscript)
        or len(target.slice) != 1
        or not isinstance(target.slice[0].slice, cst.Index)
    ):
        return None
    key = string_value(target.slice[0].slice.value)
    if key == "options" and has_legacy_options(value):
        return "HFM201"
    if key is not None and key.lower() in LEGACY_HEADERS:
        return "HFM202"
    return None


def _has_siblings(context: ModuleContext, statement: cst.CSTNode) -> bool:
    """Removing the only statement of a block would leave it empty (a syntax error)."""
    block = context.parent(statement)
    body = getattr(block, "body", None)
    return isinstance(body, (list, tuple)) and len(body) > 1
