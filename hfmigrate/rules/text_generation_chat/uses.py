"""Small judgements about one use of a value whose result :mod:`.flow` follows, and the marker texts it writes.

Whether a use only shows the value (``print``, a log call, an f-string) or reads it, whether ``len(x)`` is only a
truth test, what a subscript indexes with, whether a slice cuts the prompt off the generated text; and what the
value is once the request is a chat completion.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import string_value

HARMLESS_RESPONSE_ATTRIBUTES = frozenset(
    {"raise_for_status", "status_code", "ok", "headers", "reason", "url", "elapsed", "close", "encoding", "status"}
)
SHOWN_BY = frozenset(
    {
        "print",
        "pprint",
        "pp",
        "display",
        "repr",
        "str",
        "write",
        "markdown",
        "info",
        "debug",
        "warning",
        "error",
        "exception",
        "critical",
        "log",
        "echo",
        "secho",
        "dumps",
        "jsonify",
    }
)
NOW_JSON = (
    'a chat completion now, {"choices": [{"message": {"content": ...}}]}, no longer [{"generated_text": ...}]; '
    'the text is at ["choices"][0]["message"]["content"]'
)
NOW_ITEM = 'a chat choice now, {"message": {"content": ...}}; the text is at ["message"]["content"]'
NOW_TEXT_BODY = 'the raw body of a chat completion now; the text is at ["choices"][0]["message"]["content"] of its JSON'


def shown(context: ModuleContext, node: cst.CSTNode) -> bool:
    """``print(x)``, ``logger.info(x)``, ``st.write(x)``, ``f"{x}"``, ``json.dumps(x)``: the value is shown, not
    read."""
    parent = context.parent(node)
    if isinstance(parent, cst.FormattedStringExpression):
        return True
    call = context.parent(parent) if isinstance(parent, cst.Arg) else None
    if not isinstance(call, cst.Call):
        return False
    func = call.func
    name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
    return name in SHOWN_BY


def now_is(item: bool) -> str:
    """What a followed value is now: a chat choice (an item of the answer) or the whole chat completion."""
    return NOW_ITEM if item else NOW_JSON


def truth_test(context: ModuleContext, call: cst.Call) -> bool:
    """``len(x) > 0``, ``if len(x):``: true for a chat answer as for a non-empty list."""
    parent = context.parent(call)
    if isinstance(parent, (cst.If, cst.While, cst.BooleanOperation, cst.UnaryOperation, cst.Assert)):
        return True
    if isinstance(parent, cst.Comparison) and parent.left is call and len(parent.comparisons) == 1:
        target = parent.comparisons[0]
        value = context.code(target.comparator)
        return (isinstance(target.operator, (cst.GreaterThan, cst.NotEqual)) and value == "0") or (
            isinstance(target.operator, cst.GreaterThanEqual) and value == "1"
        )
    return False


def index_of(node: cst.Subscript):
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    value = node.slice[0].slice.value
    if isinstance(value, cst.Integer):
        return int(value.value)
    return string_value(value)


def slices_off_a_prefix(context: ModuleContext, node: cst.Subscript) -> bool:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Slice):
        return False
    part = node.slice[0].slice
    lower = part.lower
    return (
        part.upper is None and part.step is None and isinstance(lower, cst.Call) and context.code(lower.func) == "len"
    )


def short(context: ModuleContext, node: cst.CSTNode) -> str:
    code = " ".join(context.code(node).split())
    return code if len(code) <= 50 else code[:47] + "..."
