"""The chat calls made through a client, and the model they pass: what :mod:`hfmigrate.rules.legacy_urls_clients`
needs once a client's per-model base URL becomes ``ROUTER/v1`` and the model must move into each chat call.

    client = OpenAI(base_url=URL)
    client.chat.completions.create(model="tgi", messages=m)   ← found by chat_calls_of(context, construction)
        →  client.chat.completions.create(model=MODEL, messages=m)   (set_model)

Calls are found through the variable (or ``self.`` attribute) the construction is assigned to, in its own binding;
every other use of it is returned as a snippet, for the marker that names it.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.planning import chat_calls
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import keyword, string_value

CHAT_METHODS = ("chat.completions.create", "chat_completion")


def chat_calls_of(context: ModuleContext, construction: cst.Call) -> tuple[list[cst.Call], list[str]]:
    """The chat calls made through the variable the client is assigned to, and the snippets of any other use."""
    assign = context.parent(construction)
    if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1):
        return [], []
    holder = context.code(assign.targets[0].target)
    last = holder.rsplit(".", 1)[-1]
    chat, other = [], []
    for node in context.nodes.values():
        if isinstance(node, cst.Name):
            if node.value != holder or _is_target(context, node):
                continue
        elif not (isinstance(node, cst.Attribute) and node.attr.value == last and "." in holder) or (
            context.code(node) != holder or _is_target(context, node)
        ):
            continue
        if isinstance(node, cst.Name) and not _same_binding(context, node, construction):
            continue
        call = _chat_call_on(context, node)
        if call is not None:
            chat.append(call)
        else:
            other.append(context.snippet(node))
    return chat, other


def _same_binding(context: ModuleContext, node: cst.Name, construction: cst.Call) -> bool:
    own, bound = context.scope_of(node), context.scope_of(construction)
    return own is bound or (bound.node is context.module and node.value not in own.assignments)


def _is_target(context: ModuleContext, node: cst.CSTNode) -> bool:
    parent = context.parent(node)
    if isinstance(parent, cst.AssignTarget) and parent.target is node:
        return True
    return isinstance(parent, cst.Attribute) and parent.attr is node


def _chat_call_on(context: ModuleContext, receiver: cst.CSTNode) -> cst.Call | None:
    """``receiver.chat.completions.create(...)`` or ``receiver.chat_completion(...)`` → that call."""
    node: cst.CSTNode = receiver
    path = []
    while isinstance(parent := context.parent(node), cst.Attribute) and parent.value is node:
        node = parent
        path.append(parent.attr.value)
        if ".".join(path) in CHAT_METHODS:
            call = context.parent(node)
            return call if isinstance(call, cst.Call) and call.func is node else None
    return None


def set_model(context: ModuleContext, call: cst.Call, names: tuple[str, ...], model_code: str, code: str) -> None:
    """The call's ``model=`` (or the first of ``names`` it has) becomes ``model_code``, the edit carrying the scan
    rule ``code`` (a placeholder such as "tgi" was ignored by the per-model endpoint)."""
    existing = next((a for a in (keyword(call, n) for n in names) if a is not None), None)
    if existing is not None:
        literal = string_value(existing.value)
        if literal is None:
            context.mark(call, code, f"the router routes by the model field: pass model={model_code}")
        elif context.code(existing.value) != model_code:
            context.replace(existing.value, cst.parse_expression(model_code), code)
        return
    if any(arg.star == "**" for arg in call.args):
        context.mark(
            call, code, f"the router routes by the model field: make sure the keyword arguments hold model={model_code}"
        )
        return
    context.replace(call, lambda updated: _with_keyword(updated, names[0], model_code), code)


def _with_keyword(call: cst.CSTNode, name: str, value_code: str) -> cst.CSTNode:
    """``call`` with ``name=value`` appended, in the layout of its other arguments."""
    assert isinstance(call, cst.Call)
    args = list(call.args)
    new = cst.Arg(
        cst.parse_expression(value_code),
        keyword=cst.Name(name),
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
    if not args:
        return call.with_changes(args=[new])
    separator = chat_calls.separator(args)
    last = args[-1]
    args[-1] = last.with_changes(comma=separator)
    return call.with_changes(args=[*args, new.with_changes(comma=last.comma)])
