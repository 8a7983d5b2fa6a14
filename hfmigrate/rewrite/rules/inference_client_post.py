"""HFM302: ``InferenceClient.post`` (removed in huggingface_hub 0.31) becomes the task method, when the task is known.

    client.post(json={"inputs": text}, model=M, task="feature-extraction")  →  client.feature_extraction(text, model=M)
    client.post(data=image_bytes, model=M, task="image-classification")     →  client.image_classification(image_bytes, model=M)

Anything else (no literal task, a ``parameters`` block, a payload built elsewhere) is marked, not guessed.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.pysyntax import dict_items, keyword, string_value
from hfmigrate.rewrite.context import ModuleContext
from hfmigrate.rewrite.rules.inference_api import TASK_METHODS
from hfmigrate.scan.python import INFERENCE_CLIENTS

CODES = ("HFM302",)


def plan(context: ModuleContext) -> None:
    clients = _client_names(context)
    for call in context.calls:
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value == "post" and _is_client(context, func.value, clients):
            _convert(context, call, func)


def _client_names(context: ModuleContext) -> set[str]:
    names = set()
    for call in context.calls:
        if (context.imports.qualified(call.func) or "") in INFERENCE_CLIENTS:
            parent = context.parent(call)
            if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
                names.add(context.code(parent.targets[0].target))
    return names


def _is_client(context: ModuleContext, receiver: cst.BaseExpression, clients: set[str]) -> bool:
    if isinstance(receiver, cst.Call):
        return (context.imports.qualified(receiver.func) or "") in INFERENCE_CLIENTS
    return context.code(receiver) in clients


def _convert(context: ModuleContext, call: cst.Call, func: cst.Attribute) -> None:
    task_arg = keyword(call, "task")
    method = TASK_METHODS.get(string_value(task_arg.value) or "") if task_arg else None
    inputs = _inputs(call)
    if method is None or inputs is None:
        context.mark(call, "HFM302", "InferenceClient.post was removed in 0.31: call the task method (text_generation, feature_extraction, ...)")
        return
    arguments = [context.code(inputs)]
    model = keyword(call, "model")
    if model is not None:
        arguments.append(f"model={context.code(model.value)}")
    new = f"{context.code(func.value)}.{method[0]}({', '.join(arguments)})"
    context.replace(call, cst.parse_expression(new), "HFM302")
    context.mark(call, "HFM302", f"{method[0]} returns {method[1]}: check how the result is read")


def _inputs(call: cst.Call) -> cst.BaseExpression | None:
    data = keyword(call, "data")
    if data is not None:
        return data.value
    payload = keyword(call, "json")
    if payload is None or not isinstance(payload.value, cst.Dict):
        return None
    items = dict(dict_items(payload.value))
    if set(items) != {"inputs"}:
        return None
    return items["inputs"].value
