"""Where the result of a text-generation request goes, as local edits that together move every read to chat.

The legacy answer is ``[{"generated_text": ...}]``; the chat answer ``{"choices": [{"message": {"content": ...}}]}``.
The result is followed through four kinds of value, and each link gets its own small edit, so the edits compose
whatever the shape of the code (``out[0]["generated_text"]`` becomes ``out["choices"][0]["message"]["content"]``):

    RESPONSE  r = requests.post(...)       r.json() → JSON; r.raise_for_status(), r.status_code: no edit
    JSON      data = r.json()              data[0] → ITEM (becomes data["choices"][0]); for o in data → ITEM
                                           (iterates data["choices"]); isinstance(data, list) → is it a chat answer;
                                           "error" in data, data.get("error"), len(data) > 0: no edit
    ITEM      first = data[0]              first["generated_text"], first.get("generated_text") → TEXT
                                           (become first["message"]["content"], first["message"].get("content"))
    TEXT      the generated text           any use; a ``[len(prompt):]`` slice goes (chat answers omit the prompt)

Values flow through assignments (the loads each binding reaches), ``await``, and ``return`` into the module's
calls of the function. A value printed, logged, displayed or returned to callers rewrite cannot see is *unread*:
the request is still converted and a marker says what the value is now. Any other use (the result used as text,
indexed further, passed to another function, stored) *blocks* the conversion, with its line in the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

import libcst as cst

from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import string_value
from hfmigrate.rules.text_generation_chat import names, uses
from hfmigrate.rules.text_generation_chat.importers import imported_elsewhere
from hfmigrate.rules.text_generation_chat.read_edits import (
    chat_answer_check,
    generated_text_get,
    generated_text_subscript,
    quote_of,
    subscript_with,
    wrap_value_with,
)


class Kind(Enum):
    RESPONSE = "response"
    JSON = "json"
    ITEM = "item"
    TEXT = "text"


@dataclass
class Flow:
    edits: list[tuple[cst.CSTNode, Callable[[cst.CSTNode], cst.CSTNode]]] = field(default_factory=list)
    unread: list[tuple[cst.CSTNode, str]] = field(default_factory=list)  # node, marker message
    blocked: list[tuple[cst.CSTNode, str]] = field(default_factory=list)  # node, reason
    reads: int = 0  # ``generated_text`` reads found
    quote: str = '"'  # the quote of the first ``generated_text`` read: new keys are written alike
    _seen: set[int] = field(default_factory=set)

    def block(self, context: ModuleContext, node: cst.CSTNode, what: str) -> None:
        self.blocked.append((node, f"line {names.line_ref(context, node)}: {what}"))


def follow(context: ModuleContext, node: cst.BaseExpression, kind: Kind, flow: Flow) -> None:
    """Every use of ``node``, a value of ``kind``, into ``flow``."""
    if id(node) in flow._seen or len(flow._seen) > 500:
        return
    flow._seen.add(id(node))
    parent = context.parent(node)
    if isinstance(parent, cst.Await) and parent.expression is node:
        follow(context, parent, kind, flow)
    elif kind is Kind.TEXT:
        _text(context, node, flow)
    elif kind is Kind.RESPONSE and _response_use(context, node, parent, flow):
        pass
    elif kind is Kind.JSON and _json_use(context, node, parent, flow):
        pass
    elif kind is Kind.ITEM and _item_use(context, node, parent, flow):
        pass
    else:
        _passed_on(context, node, parent, kind, flow)


# --- per kind ---------------------------------------------------------------------------------------------------


def _response_use(context: ModuleContext, node, parent, flow: Flow) -> bool:
    if not (isinstance(parent, cst.Attribute) and parent.value is node):
        return False
    attribute = parent.attr.value
    call = context.parent(parent)
    if attribute == "json" and isinstance(call, cst.Call) and call.func is parent:
        follow(context, call, Kind.JSON, flow)
    elif attribute in uses.HARMLESS_RESPONSE_ATTRIBUTES:
        pass
    elif attribute in ("text", "content"):
        arg = context.parent(parent)
        loads = context.parent(arg) if isinstance(arg, cst.Arg) else None
        if isinstance(loads, cst.Call) and context.code(loads.func) in ("json.loads", "loads"):
            follow(context, loads, Kind.JSON, flow)
        elif uses.shown(context, parent):
            flow.unread.append((parent, f"this shows {uses.NOW_TEXT_BODY}"))
        else:
            flow.block(context, parent, f"the raw body `.{attribute}` is used as text")
    else:
        flow.block(context, parent, f"the response's `.{attribute}` is used")
    return True


def _json_use(context: ModuleContext, node, parent, flow: Flow) -> bool:
    if isinstance(parent, cst.Subscript) and parent.value is node:
        index = uses.index_of(parent)
        if index == 0:
            flow.edits.append((parent, wrap_value_with("choices", flow)))
            follow(context, parent, Kind.ITEM, flow)
        elif index != "error":
            flow.block(context, parent, f"the result is indexed with [{context.code(parent.slice[0])}]")
        return True
    if isinstance(parent, cst.Attribute) and parent.value is node:
        if _get_call(context, parent, "error") is None:
            flow.block(context, parent, f"the result's `.{parent.attr.value}` is used (a list has none)")
        return True
    arg = parent if isinstance(parent, cst.Arg) else None
    call = context.parent(arg) if arg is not None else None
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.args and call.args[0] is arg:
        if call.func.value == "isinstance" and len(call.args) == 2:
            expected = context.code(call.args[1].value)
            if expected in ("list", "dict"):
                flow.edits.append((call, chat_answer_check(expected == "list")))
                return True
        if call.func.value == "len" and uses.truth_test(context, call):
            return True
    if isinstance(parent, cst.ComparisonTarget) and isinstance(parent.operator, (cst.In, cst.NotIn)):
        comparison = context.parent(parent)
        if isinstance(comparison, cst.Comparison) and string_value(comparison.left) == "error":
            return True
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
        flow.edits.append((node, subscript_with("choices", flow)))
        _follow_loop_target(context, parent, flow)
        return True
    return False


def _get_call(context: ModuleContext, attribute: cst.Attribute, key: str) -> cst.Call | None:
    """The call ``value.get(key, ...)`` around ``attribute`` when ``attribute`` is ``value.get``."""
    call = context.parent(attribute)
    if attribute.attr.value == "get" and isinstance(call, cst.Call) and call.args:
        return call if string_value(call.args[0].value) == key else None
    return None


def _item_use(context: ModuleContext, node, parent, flow: Flow) -> bool:
    if isinstance(parent, cst.Subscript) and parent.value is node:
        if uses.index_of(parent) == "generated_text":
            if not flow.reads:
                flow.quote = quote_of(parent)
            flow.edits.append((parent, generated_text_subscript))
            flow.reads += 1
            follow(context, parent, Kind.TEXT, flow)
        else:
            flow.block(context, parent, f"the answer is indexed with [{context.code(parent.slice[0])}]")
        return True
    if isinstance(parent, cst.Attribute) and parent.value is node:
        call = _get_call(context, parent, "generated_text")
        if call is not None:
            flow.edits.append((call, generated_text_get))
            flow.reads += 1
            follow(context, call, Kind.TEXT, flow)
        else:
            flow.block(context, parent, f"the answer's `.{parent.attr.value}` is used")
        return True
    return False


def _text(context: ModuleContext, node, flow: Flow) -> None:
    """Text is text on both APIs; only ``text[len(prompt):]`` changes: the chat answer never starts with the prompt."""
    parent = context.parent(node)
    if isinstance(parent, cst.Subscript) and parent.value is node and uses.slices_off_a_prefix(context, parent):
        flow.edits.append((parent, lambda updated: updated.value))  # type: ignore[attr-defined]


# --- values handed on -------------------------------------------------------------------------------------------


def _passed_on(context: ModuleContext, node, parent, kind: Kind, flow: Flow) -> None:
    if kind is Kind.RESPONSE and (uses.shown(context, node) or isinstance(parent, cst.Expr)):
        return  # `print(response)` shows `<Response [200]>` on both APIs
    if isinstance(parent, cst.Assign) and parent.value is node:
        target = parent.targets[0].target if len(parent.targets) == 1 else None
        if not isinstance(target, cst.Name):
            flow.block(context, parent, "the result is stored where rewrite cannot follow it")
            return
        loads = names.loads_reached(context, parent, target.value)
        if loads is None:
            flow.block(context, parent, f"`{target.value}` is assigned more than once at module level")
            return
        for load in loads:
            follow(context, load, kind, flow)
    elif isinstance(parent, cst.Return) and parent.value is node:
        _returned(context, parent, node, kind, flow)
    elif uses.shown(context, node):
        flow.unread.append((node, f"this shows {uses.now_is(kind is Kind.ITEM)}"))
    elif isinstance(parent, cst.Expr) and isinstance(context.parent(parent), cst.SimpleStatementLine):
        if context.path.endswith(".ipynb") and context.scope_of(node).node is context.module:  # a cell shows it
            flow.unread.append((node, f"this shows {uses.now_is(kind is Kind.ITEM)}"))
    elif isinstance(parent, cst.Arg) and isinstance(context.parent(parent), cst.Call):
        callee = uses.short(context, context.parent(parent).func)  # type: ignore[union-attr]
        flow.block(context, node, f"the result is passed to `{callee}()`")
    else:
        flow.block(context, node, f"the result is used as `{uses.short(context, parent or node)}`")


def _returned(context: ModuleContext, statement: cst.Return, node, kind: Kind, flow: Flow) -> None:
    function = names.function_of(context, statement)
    if function is None:
        return
    block = context.parent(function)
    owner = context.parent(block) if block is not None else None
    if isinstance(owner, cst.ClassDef) or function.decorators:
        flow.block(
            context, statement, f"`{function.name.value}` is a method or decorated: its callers are out of reach"
        )
        return
    if imported_elsewhere(context, function.name.value):
        flow.block(
            context,
            statement,
            f"`{function.name.value}` is imported by another module, whose reads of its result are out of reach",
        )
        return
    loads = names.loads_of_function(context, function)
    if not loads:
        flow.unread.append(
            (statement, f"{function.name.value}() returns {uses.now_is(kind is Kind.ITEM)}; update its callers")
        )
        return
    for load in loads:
        call = context.parent(load)
        if not (isinstance(call, cst.Call) and call.func is load):
            flow.block(context, load, f"`{function.name.value}` is passed as a value")
            continue
        follow(context, call, kind, flow)


def _follow_loop_target(context: ModuleContext, loop: cst.For | cst.CompFor, flow: Flow) -> None:
    target = loop.target
    if not isinstance(target, cst.Name):
        return
    owner = context.parent(loop) if isinstance(loop, cst.CompFor) else loop
    for load in names.descendants_named(context, owner, target.value):  # type: ignore[arg-type]
        follow(context, load, Kind.ITEM, flow)
