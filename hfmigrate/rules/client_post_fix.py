"""HFM302's conversion, planned by the finding's fix (a :class:`~hfmigrate.engine.rule_api.PlannedEdit`): the
removed ``InferenceClient.post`` becomes the task method, when the task is known.

    client.post(json={"inputs": text}, model=M, task="feature-extraction")
        →  client.feature_extraction(text, model=M)
    client.post(data=image_bytes, model=M, task="image-classification")
        →  client.image_classification(image_bytes, model=M)

    json.loads(client.post(json={"inputs": p, "parameters": {"max_new_tokens": 50}},
                           model=M, task="text-generation"))[0]["generated_text"]
        →  client.chat_completion(messages=[{"role": "user", "content": p}],
                                  model=M, max_tokens=50).choices[0].message.content

Text generation (or ``conversational``) on a chat model becomes ``chat_completion`` (hf-api.md §0; see
:mod:`hfmigrate.facts`), following the bytes through ``json.loads`` to the ``[0]["generated_text"]`` reads: the
reads are why this is a planned edit, not a node edit. Rewrite's plan (``ModuleContext``) is imported by rewrite
only, so this module is imported when a fix is planned, never when scanning.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate import facts
from hfmigrate.planning import chat_calls
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import dict_items, keyword, string_value
from hfmigrate.rules.client_post_conversion import CHAT_BY_HAND, POST_REMOVED, inputs_of
from hfmigrate.rules.task_methods import CHAT_TASKS, NOT_CHAT_HINT, TASK_METHODS


def convert(context: ModuleContext, call: cst.Call, constructor: cst.Call | None) -> None:
    """Plan the conversion of ``call`` (``client.post(...)``); ``constructor`` built the client, when known."""
    func = call.func
    assert isinstance(func, cst.Attribute)
    task_arg = keyword(call, "task")
    task = string_value(task_arg.value) if task_arg else None
    model_code, model = _model(context, call, constructor)
    if task in CHAT_TASKS and facts.is_chat_model(model, context.verdicts):
        _chat(context, call, func, task == "conversational")
        return
    method = TASK_METHODS.get(task or "")
    inputs = inputs_of(call)
    if method is None or inputs is None:
        context.mark(call, "HFM302", POST_REMOVED)
        return
    arguments = [context.code(inputs)]
    model_arg = keyword(call, "model")
    if model_arg is not None:
        arguments.append(f"model={chat_calls.mapped_model_code(context, model_arg.value)}")
    new = chat_calls.call_code(context, call, f"{context.code(func.value)}.{method[0]}", arguments)
    context.replace(call, cst.parse_expression(new), "HFM302")
    hint = NOT_CHAT_HINT.format(model=model_code) if task == "text-generation" else ""
    context.mark(call, "HFM302", f"{method[0]} returns {method[1]}: check how the result is read{hint}")


def _model(context: ModuleContext, call: cst.Call, constructor: cst.Call | None) -> tuple[str, str | None]:
    """The model a ``post`` targets: its own ``model=``, else the client's construction (code, literal id)."""
    model = keyword(call, "model") or (keyword(constructor, "model") if constructor is not None else None)
    if model is None:
        return "the model", None
    return context.code(model.value), chat_calls.literal_model(context, model.value)


def _chat(context: ModuleContext, call: cst.Call, func: cst.Attribute, conversational: bool) -> None:
    """``client.post(json={"inputs": p, "parameters": {...}}, task="text-generation")`` on a chat model."""
    payload = keyword(call, "json")
    items = dict(dict_items(payload.value)) if payload is not None and isinstance(payload.value, cst.Dict) else {}
    parameters = items["parameters"].value if "parameters" in items else None
    extra = set(items) - {"inputs", "parameters", "options"}
    text = (
        chat_calls.user_text_of_conversation(context, items["inputs"].value)
        if "inputs" in items and conversational
        else (context.code(items["inputs"].value) if "inputs" in items else None)
    )
    if text is None or extra or (parameters is not None and not isinstance(parameters, cst.Dict)):
        context.mark(call, "HFM302", CHAT_BY_HAND)
        return
    arguments = chat_calls.chat_arguments(context, parameters)
    model = keyword(call, "model")
    keywords = [f"messages={chat_calls.messages_code(text)}"]
    keywords += [f"model={chat_calls.mapped_model_code(context, model.value)}"] if model is not None else []
    new_code = chat_calls.call_code(
        context, call, f"{context.code(func.value)}.chat_completion", keywords + arguments.keywords
    )
    new = cst.parse_expression(new_code)
    result = _json_loads_around(context, call) or call
    context.replace(result, new, "HFM302")
    reads = chat_calls.convert_reads(context, result, "HFM302", conversational)
    notes = list(arguments.notes)
    unread = chat_calls.unread_note(reads if result is not call else chat_calls.Reads(bound=False), ", not bytes")
    notes += [unread] if unread else []
    if notes:
        context.mark(call, "HFM302", "; ".join(notes))


def _json_loads_around(context: ModuleContext, call: cst.Call) -> cst.Call | None:
    arg = context.parent(call)
    outer = context.parent(arg) if isinstance(arg, cst.Arg) else None
    if isinstance(outer, cst.Call) and len(outer.args) == 1 and context.imports.qualified(outer.func) == "json.loads":
        return outer
    return None
