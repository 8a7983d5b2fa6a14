"""The small edits that move each read of a legacy generation result to the chat answer (see ``flow``).

    x[0]                          → x["choices"][0]
    x["generated_text"]           → x["message"]["content"]           (x: one answer)
    x.get("generated_text", d)    → x["message"].get("content", d)
    isinstance(x, list)           → (isinstance(x, dict) and "choices" in x)
    isinstance(x, dict)           → (isinstance(x, dict) and "choices" not in x)

Each is a function of the *updated* node, so edits nested in one another compose.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst


def quote_of(node: cst.Subscript) -> str:
    index = node.slice[0].slice
    value = index.value if isinstance(index, cst.Index) else None
    code = value.value if isinstance(value, cst.SimpleString) else '"'
    return code[-1] if code[-1] in "'\"" else '"'


def subscript(value: cst.BaseExpression, key: str | int, quote: str = '"') -> cst.Subscript:
    index = cst.Integer(str(key)) if isinstance(key, int) else cst.SimpleString(f"{quote}{key}{quote}")
    return cst.Subscript(value=value, slice=[cst.SubscriptElement(cst.Index(index))])


def subscript_with(key: str, flow) -> Callable[[cst.CSTNode], cst.CSTNode]:
    """``x`` → ``x["choices"]``."""

    def build(updated: cst.CSTNode) -> cst.CSTNode:
        if not isinstance(updated, cst.BaseExpression):
            raise TypeError(f"a subscript needs an expression, not {type(updated).__name__}")
        return subscript(updated, key, flow.quote)

    return build


def wrap_value_with(key: str, flow) -> Callable[[cst.CSTNode], cst.CSTNode]:
    """``x[0]`` → ``x["choices"][0]``."""

    def build(updated: cst.CSTNode) -> cst.CSTNode:
        return updated.with_changes(value=subscript(updated.value, key, flow.quote))  # type: ignore[attr-defined]

    return build


def generated_text_subscript(updated: cst.CSTNode) -> cst.CSTNode:
    """``x["generated_text"]`` → ``x["message"]["content"]``."""
    quote = quote_of(updated)  # type: ignore[arg-type]
    return updated.with_changes(
        value=subscript(updated.value, "message", quote),  # type: ignore[attr-defined]
        slice=[cst.SubscriptElement(cst.Index(cst.SimpleString(f"{quote}content{quote}")))],
    )


def generated_text_get(updated: cst.CSTNode) -> cst.CSTNode:
    """``x.get("generated_text", d)`` → ``x["message"].get("content", d)``."""
    call: cst.Call = updated  # type: ignore[assignment]
    func: cst.Attribute = call.func  # type: ignore[assignment]
    first = call.args[0].value
    quote = first.value[-1] if isinstance(first, cst.SimpleString) else '"'
    args = [call.args[0].with_changes(value=cst.SimpleString(f"{quote}content{quote}")), *call.args[1:]]
    return call.with_changes(func=func.with_changes(value=subscript(func.value, "message", quote)), args=args)


def chat_answer_check(success: bool) -> Callable[[cst.CSTNode], cst.CSTNode]:
    """``isinstance(x, list)`` (the legacy success shape) → ``(isinstance(x, dict) and "choices" in x)``;
    ``isinstance(x, dict)`` (the legacy error shape) → ``(isinstance(x, dict) and "choices" not in x)``."""

    def build(updated: cst.CSTNode) -> cst.CSTNode:
        call: cst.Call = updated  # type: ignore[assignment]
        value = call.args[0].value
        is_dict = call.with_changes(args=[call.args[0], call.args[1].with_changes(value=cst.Name("dict"))])
        operator = cst.In() if success else cst.NotIn()
        test = cst.Comparison(cst.SimpleString('"choices"'), [cst.ComparisonTarget(operator, value)])
        return cst.BooleanOperation(is_dict, cst.And(), test, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])

    return build
