"""The chat body for a legacy text-generation body (hf-api.md §5), and the edits to the statements that build it.

{"inputs": p, "parameters": {"max_new_tokens": 9, "top_k": 5}}
    → {"model": M, "messages": [{"role": "user", "content": p}], "max_tokens": 9}   (HFM204 names top_k)
payload["parameters"] = {"max_new_tokens": 9}      → payload.update({"max_tokens": 9})
payload["parameters"]["max_new_tokens"] = 9        → payload["max_tokens"] = 9
payload["inputs"] = p                              → payload["messages"] = [{"role": "user", "content": p}]
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.planning import chat_calls
from hfmigrate.planning.chat_parameters import KEPT, RENAMED, map_parameters
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import dict_items
from hfmigrate.rules.text_generation_chat.evidence import message_list
from hfmigrate.rules.text_generation_chat.payload import Body, Builder

LEGACY_ONLY_KEYS = frozenset({"inputs", "parameters", "options", "wait_for_model"})


def chat_body(context: ModuleContext, body: Body, model_code: str | None) -> tuple[cst.BaseExpression, list[str]]:
    """The new dict for ``body.node`` and the notes on what did not carry over."""
    items = dict(dict_items(body.node))
    fields: list[tuple[str, str]] = [("model", model_code)] if model_code else []
    if "inputs" in items:
        fields.append(("messages", messages_code(context, items["inputs"].value)))
    parameters = items["parameters"].value if "parameters" in items else cst.Dict([])
    mapped, notes = map_parameters(context, dict(dict_items(parameters)))  # type: ignore[arg-type]
    fields += mapped
    fields += [(key, context.code(element.value)) for key, element in items.items() if key not in LEGACY_ONLY_KEYS]
    return cst.parse_expression(_dict_code(context, body.node, fields)), notes


def messages_code(context: ModuleContext, inputs: cst.BaseExpression) -> str:
    if message_list(inputs):
        return context.code(inputs)  # already chat messages
    return chat_calls.messages_code(context.code(inputs))


def builder_edit(
    context: ModuleContext, builder: Builder, base: str
) -> tuple[cst.CSTNode, cst.BaseSmallStatement | None, list[str]]:
    """(the node to replace, its replacement or None when the builder cannot carry over, notes)."""
    if builder.keys == ("inputs",):
        return (
            builder.assign,
            _small_statement(f'{base}["messages"] = {messages_code(context, builder.value)}\n'),
            [],
        )
    if builder.keys == ("parameters",):
        mapped, notes = map_parameters(context, dict(dict_items(builder.value)))  # type: ignore[arg-type]
        fields = ", ".join(f'"{key}": {value}' for key, value in mapped)
        return builder.assign, _small_statement(f"{base}.update({{{fields}}})\n"), notes
    if len(builder.keys) == 2:
        key = builder.keys[1]
        new_key = RENAMED.get(key, key if key in KEPT else None)
        if new_key is None:
            return builder.assign, None, []
        value = context.code(builder.value)
        return builder.assign, _small_statement(f'{base}["{new_key}"] = {value}\n'), []
    return builder.assign, builder.assign, []  # another top-level key: sent as it is


def _small_statement(code: str) -> cst.BaseSmallStatement:
    return cst.ensure_type(cst.parse_statement(code), cst.SimpleStatementLine).body[0]


def _dict_code(context: ModuleContext, original: cst.Dict, fields: list[tuple[str, str]]) -> str:
    original_code = context.code(original)
    if "\n" not in original_code:
        return "{" + ", ".join(f'"{key}": {value}' for key, value in fields) + "}"
    indent = _element_indent(original_code)
    closing = original_code.rsplit("\n", 1)[-1][:-1]
    body = "".join(f'\n{indent}"{key}": {value},' for key, value in fields)
    return "{" + body + "\n" + closing + "}"


def _element_indent(code: str) -> str:
    for line in code.splitlines()[1:]:
        if line.strip():
            return line[: len(line) - len(line.lstrip())]
    return "    "
