"""What the client-library rules share when they turn text generation into ``chat_completion``.

    api(inputs=p, params={"max_new_tokens": 50})
        →  api.chat_completion(messages=[{"role": "user", "content": p}], max_tokens=50)
    out[0]["generated_text"]
        →  out.choices[0].message.content

Generation parameters map to chat fields as in hf-api.md §5 (``max_new_tokens`` → ``max_tokens``,
``stop_sequences`` → ``stop``, ``do_sample=False`` → ``temperature=0``); the others have no chat field and are
named in a note (:mod:`hfmigrate.planning.chat_parameters`, the chat conversion's mapping too). A result
is followed through one assignment in its scope; each read must be ``[0]["generated_text"]`` (or
``["generated_text"]`` for the conversational task) to be changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hfmigrate.planning.chat_parameters import CLIENT_RENAMED, map_parameters
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import dict_items, dotted_name, string_value

CONTENT = ".choices[0].message.content"


@dataclass
class ChatArguments:
    keywords: list[str] = field(default_factory=list)  # "max_tokens=50"
    notes: list[str] = field(default_factory=list)  # what did not carry over


def chat_arguments(context: ModuleContext, parameters: cst.Dict | None) -> ChatArguments:
    """The chat keywords for a legacy ``params`` dict (:mod:`hfmigrate.planning.chat_parameters`)."""
    items = dict(dict_items(parameters)) if parameters is not None else {}
    mapped, notes = map_parameters(context, items, renamed=CLIENT_RENAMED)
    return ChatArguments([f"{key}={value}" for key, value in mapped], notes)


def messages_code(inputs_code: str) -> str:
    """The chat messages for a legacy text input, one user message (the POST's chat conversion uses it too)."""
    return f'[{{"role": "user", "content": {inputs_code}}}]'


def user_text_of_conversation(context: ModuleContext, inputs: cst.BaseExpression) -> str | None:
    """The user text of a legacy conversational input: a string, or ``{"text": t}`` without history."""
    if not isinstance(inputs, cst.Dict):
        return context.code(inputs)
    items = dict(dict_items(inputs))
    if set(items) == {"text"} and len(items) == len(inputs.elements):
        return context.code(items["text"].value)
    return None


@dataclass
class Reads:
    converted: int = 0
    unconverted: list[str] = field(default_factory=list)  # the statements of reads left as they were
    bound: bool = True  # the result is kept somewhere rewrite can follow


def convert_reads(context: ModuleContext, result: cst.BaseExpression, code: str, conversational: bool = False) -> Reads:
    """Change every ``[0]["generated_text"]`` read of ``result`` (the old call's value) to the chat content."""
    reads = Reads()
    direct = _generated_text(context, result, conversational)
    if direct is not None:
        _replace_read(context, direct, conversational, code)
        reads.converted += 1
        return reads
    parent = context.parent(result)
    if isinstance(parent, cst.Await):
        parent = context.parent(parent)
    if not (
        isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name)
    ):
        reads.bound = False
        return reads
    name = parent.targets[0].target.value
    scope = context.scope_of(result)
    if len(scope.assignments.get(name, [])) != 1:
        reads.bound = False
        return reads
    for load in loads_in_scope(context, scope, name):
        read = _generated_text(context, load, conversational)
        if read is None:
            reads.unconverted.append(context.snippet(load))
        else:
            _replace_read(context, read, conversational, code)
            reads.converted += 1
    return reads


def _replace_read(context: ModuleContext, read: cst.BaseExpression, conversational: bool, code: str) -> None:
    """The read becomes the chat content; ``text[len(prompt):]`` loses its slice: chat content never starts with
    the prompt, as the legacy generated_text did."""
    outer = context.parent(read)
    if isinstance(outer, cst.Subscript) and outer.value is read and _slices_off_a_prompt(outer):
        context.replace(outer, lambda updated: _content_replacement(conversational)(updated.value), code)  # type: ignore[attr-defined]
    else:
        context.replace(read, _content_replacement(conversational), code)


def _slices_off_a_prompt(node: cst.Subscript) -> bool:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Slice):
        return False
    cut = node.slice[0].slice
    lower = cut.lower
    return cut.upper is None and cut.step is None and isinstance(lower, cst.Call) and dotted_name(lower.func) == "len"


def loads_in_scope(context: ModuleContext, scope, name: str) -> list[cst.Name]:
    """Loads of ``name`` bound in ``scope``; for a module-level name, also in functions that do not rebind it."""
    found = []
    for node in context.nodes.values():
        if isinstance(node, cst.Name) and node.value == name and _reads_from(context, node, scope):
            if not context.is_binding(node):
                found.append(node)
    return found


def _reads_from(context: ModuleContext, node: cst.Name, scope) -> bool:
    own = context.scope_of(node)
    return own is scope or (scope.node is context.module and node.value not in own.assignments)


def unread_note(reads: Reads, what: str) -> str | None:
    if reads.bound and not reads.unconverted:
        return None
    where = f" (at {', '.join(reads.unconverted)})" if reads.unconverted else ""
    return f"chat_completion returns a ChatCompletionOutput{what}: read its text as {CONTENT.lstrip('.')}{where}"


def _generated_text(
    context: ModuleContext, value: cst.BaseExpression, conversational: bool
) -> cst.BaseExpression | None:
    """``value[0]["generated_text"]`` or ``value[0].get("generated_text")`` (no ``[0]`` for the conversational
    task) → that whole read; None for any other shape."""
    node: cst.BaseExpression = value
    if not conversational:
        first = context.parent(value)
        if not (isinstance(first, cst.Subscript) and first.value is value and _index(first) == 0):
            return None
        node = first
    outer = context.parent(node)
    if isinstance(outer, cst.Subscript) and outer.value is node and _index(outer) == "generated_text":
        return outer
    call = (
        context.parent(outer)
        if isinstance(outer, cst.Attribute) and outer.value is node and outer.attr.value == "get"
        else None
    )
    if (
        isinstance(call, cst.Call)
        and call.func is outer
        and len(call.args) == 1
        and string_value(call.args[0].value) == "generated_text"
    ):
        return call
    return None


def _index(node: cst.Subscript):
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    value = node.slice[0].slice.value
    return int(value.value) if isinstance(value, cst.Integer) else string_value(value)


def _content_replacement(conversational: bool):
    def replace(updated: cst.CSTNode) -> cst.CSTNode:
        inner = updated
        for _ in range(1 if conversational else 2):  # down through ["generated_text"] / .get(...), then [0]
            inner = inner.func.value if isinstance(inner, cst.Call) else inner.value  # type: ignore[attr-defined]
        return content_of(inner)  # type: ignore[arg-type]

    return replace


def content_of(value: cst.BaseExpression) -> cst.BaseExpression:
    """``value.choices[0].message.content``."""
    choices = cst.Attribute(value=value, attr=cst.Name("choices"))
    first = cst.Subscript(value=choices, slice=[cst.SubscriptElement(cst.Index(cst.Integer("0")))])
    return cst.Attribute(value=cst.Attribute(value=first, attr=cst.Name("message")), attr=cst.Name("content"))


def call_code(context: ModuleContext, original: cst.Call, func_code: str, arguments: list[str]) -> str:
    """``func(arg, ...)`` laid out as ``original`` was: on one line, one argument per line, or aligned."""
    code = context.code(original)
    if "\n" not in code or not original.args:
        return f"{func_code}({', '.join(arguments)})"
    opening = context.code(original.func) + "("
    after_paren = code[len(opening) :] if code.startswith(opening) else ""
    if after_paren.lstrip(" \t").startswith(("\n", "\r")):
        first_line = after_paren.lstrip(" \t\r\n")
        indent = after_paren[: len(after_paren) - len(first_line)].rsplit("\n", 1)[-1]
        closing = code.rsplit("\n", 1)[-1][:-1]
        closing = closing if not closing.strip() else ""
        return f"{func_code}(\n" + "".join(f"{indent}{argument},\n" for argument in arguments) + f"{closing})"
    column = _column_of(context, original) + len(func_code) + 1
    return f"{func_code}(" + (",\n" + " " * column).join(arguments) + ")"


def _column_of(context: ModuleContext, node: cst.CSTNode) -> int:
    source = context.module.code
    code = context.code(node)
    offset = source.find(code)
    return offset - (source.rfind("\n", 0, offset) + 1) if offset >= 0 else 0


def separator(args) -> cst.Comma:
    """The comma between two arguments as ``args`` lays them out (line breaks too), without a comment after it."""
    comma = next((a.comma for a in list(args)[:-1] if isinstance(a.comma, cst.Comma)), None)
    if comma is None:
        return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    after = comma.whitespace_after
    if isinstance(after, cst.ParenthesizedWhitespace):
        after = after.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return comma.with_changes(whitespace_after=after)


def literal_model(context: ModuleContext, value: cst.BaseExpression) -> str | None:
    """The model id an argument holds: a string literal, or a name assigned one once (through the model map)."""
    literal = string_value(value)
    if literal is None and isinstance(value, cst.Name):
        resolved = context.resolve_name(value)
        literal = string_value(resolved) if resolved is not None else None
    return context.models.get(literal, literal) if literal else None


def mapped_model_code(context: ModuleContext, value: cst.BaseExpression) -> str:
    """The code of a model argument, with a literal id replaced through the model map (``--model-map``)."""
    literal = string_value(value)
    if literal is not None and literal in context.models and isinstance(value, cst.SimpleString):
        return f"{value.quote}{context.models[literal]}{value.quote}"
    return context.code(value)
