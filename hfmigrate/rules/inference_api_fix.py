"""HFM301's conversion, planned by the findings' fixes (:class:`~hfmigrate.engine.rule_api.PlannedEdit`):
``huggingface_hub.InferenceApi`` becomes ``InferenceClient`` and its task method.

    from huggingface_hub.inference_api import InferenceApi     from huggingface_hub import InferenceClient
    api = InferenceApi(repo_id=M, task="summarization",   →    api = InferenceClient(model=M, token=T)
                       token=T)
    out = api(inputs=text)                                     out = api.summarization(text)

    api = InferenceApi(M, task="text-generation")              api = InferenceClient(model=M)
    out = api(inputs=p, params={"max_new_tokens": 50})   →    out = api.chat_completion(
                                                                   messages=[{"role": "user", "content": p}],
                                                                   max_tokens=50)
    print(out[0]["generated_text"])                            print(out.choices[0].message.content)

Text generation (or the old ``conversational`` task) on a chat model becomes ``chat_completion``, since today's
LLMs are served only for chat (hf-api.md §0; "chat model" is decided by :mod:`hfmigrate.facts`), and the reads
of its result follow. On a model nothing says is a chat model it stays ``text_generation``, with a marker.
The task methods parse their answers (strings, dataclasses, arrays) where InferenceApi returned raw JSON, so each
converted call gets a marker naming what changed. Without a literal task, or with ``params``/``raw_response``
that have no direct counterpart, the call is marked and left as it was.

A planned edit, not a node edit: one construction's fix converts the calls of the instance it builds and the
reads of their results. Imported by rewrite only (it plans on ``ModuleContext``).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from hfmigrate import facts
from hfmigrate.planning import chat_calls
from hfmigrate.planning.imports import swap_one_import
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import keyword, string_value
from hfmigrate.rules.task_methods import CHAT_TASKS, NOT_CHAT_HINT, TASK_METHODS

CLIENT = "InferenceClient"


@dataclass(frozen=True)
class Instance:
    """What an ``InferenceApi(...)`` construction said: its task and, when literal, its model id."""

    task: str | None
    model: str | None
    model_code: str


def convert_import(context: ModuleContext, node: cst.ImportFrom, qualified_names: frozenset[str]) -> None:
    """``from huggingface_hub import InferenceApi`` → ``... import InferenceClient`` (its uses renamed)."""
    swap_one_import(context, node, tuple(qualified_names), "huggingface_hub", CLIENT, "HFM301")


def convert_instance(context: ModuleContext, call: cst.Call) -> None:
    """The construction ``call`` becomes ``InferenceClient(...)``; each call of the instance it is assigned to (in
    its scope, or ``self.<attr>`` in the module's classes) its task method. An instance called nowhere here is
    marked: its callers break."""
    instance = _constructor(context, call)
    target = _assigned_to(context, call)
    if target is None:
        _mark_calls_out_of_reach(context, call, instance)
        return
    key = _instance_key(context, call, target)
    module_scope = id(context.module)
    called = False
    for use in context.calls:
        name = context.code(use.func)
        use_key = _instance_key(context, use, name)
        if use_key != key and name not in context.scope_of(use).assignments:
            use_key = (module_scope, name)  # a module-level instance used inside a function
        if use_key == key:
            _instance_call(context, use, instance)
            called = True
    if not called:
        _mark_calls_out_of_reach(context, call, instance)


def _mark_calls_out_of_reach(context: ModuleContext, call: cst.Call, instance: Instance) -> None:
    """An instance called nowhere in this module (returned, passed on, imported elsewhere): its calls break."""
    chat = instance.task in CHAT_TASKS and facts.is_chat_model(instance.model, context.verdicts)
    method = (
        "chat_completion(messages=[...])"
        if chat
        else (f"{TASK_METHODS[instance.task][0]}(...)" if instance.task in TASK_METHODS else "its task method")
    )
    context.mark(
        call,
        "HFM301",
        f"InferenceClient is not callable: wherever this client is called "
        f"(`client(inputs=...)`, outside this module too), call {method} instead",
    )


def _instance_key(context: ModuleContext, node: cst.CSTNode, name: str) -> tuple[int | None, str]:
    """A local ``api`` belongs to its function; ``self.api`` is shared by the methods of the module's classes."""
    return (None, name) if "." in name else (id(context.scope_of(node).node), name)


def _constructor(context: ModuleContext, call: cst.Call) -> Instance:
    repo = keyword(call, "repo_id") or _positional(call, 0)
    task_arg = keyword(call, "task") or _positional(call, 1)
    token = keyword(call, "token") or _positional(call, 2)
    task = string_value(task_arg.value) if task_arg else None
    args = []
    if repo:
        args.append(f"model={chat_calls.mapped_model_code(context, repo.value)}")
    if token:
        args.append(f"token={context.code(token.value)}")
    func_code = _client_name(context, call.func)
    context.replace(call, cst.parse_expression(chat_calls.call_code(context, call, func_code, args)), "HFM301")
    context.claim(call)
    if task_arg and task is None:
        context.mark(call, "HFM301", "the task is computed at run time: call the matching InferenceClient method")
    model = chat_calls.literal_model(context, repo.value) if repo else None
    return Instance(task, model, context.code(repo.value) if repo else "the model")


def _client_name(context: ModuleContext, func: cst.BaseExpression) -> str:
    """``hh.InferenceApi`` → ``hh.InferenceClient``; an alias (``IA``) keeps its name, since its import is swapped."""
    if isinstance(func, cst.Attribute):
        return f"{context.code(func.value)}.{CLIENT}"
    return CLIENT if isinstance(func, cst.Name) and func.value == "InferenceApi" else context.code(func)


def _positional(call: cst.Call, index: int) -> cst.Arg | None:
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    return positional[index] if len(positional) > index else None


def _assigned_to(context: ModuleContext, call: cst.Call) -> str | None:
    parent = context.parent(call)
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
        return context.code(parent.targets[0].target)
    return None


def _instance_call(context: ModuleContext, call: cst.Call, instance: Instance) -> None:
    task = instance.task
    if task in CHAT_TASKS and facts.is_chat_model(instance.model, context.verdicts):
        _chat_call(context, call, instance)
        return
    method = TASK_METHODS.get(task or "")
    inputs = keyword(call, "inputs") or keyword(call, "data") or _positional(call, 0)
    unsupported = [a.keyword.value for a in call.args if a.keyword and a.keyword.value in ("params", "raw_response")]
    if method is None or inputs is None or unsupported:
        why = (
            (f"task {task!r} has no known method" if task else "the task is not given")
            if method is None
            else (f"{', '.join(unsupported) or 'inputs'} need a person")
        )
        context.mark(call, "HFM301", f"call the InferenceClient task method instead ({why})")
        return
    new_call = chat_calls.call_code(
        context, call, f"{context.code(call.func)}.{method[0]}", [context.code(inputs.value)]
    )
    context.replace(call, cst.parse_expression(new_call), "HFM301")
    hint = NOT_CHAT_HINT.format(model=instance.model_code) if task == "text-generation" else ""
    context.mark(call, "HFM301", f"{method[0]} returns {method[1]}: check how the result is read{hint}")


def _chat_call(context: ModuleContext, call: cst.Call, instance: Instance) -> None:
    """``api(inputs=p, params={...})`` on a chat model → ``api.chat_completion(messages=[...], max_tokens=...)``."""
    inputs = keyword(call, "inputs") or keyword(call, "data") or _positional(call, 0)
    params = keyword(call, "params") or _positional(call, 1)
    conversational = instance.task == "conversational"
    text = (
        chat_calls.user_text_of_conversation(context, inputs.value)
        if inputs and conversational
        else (context.code(inputs.value) if inputs else None)
    )
    blocked = [a.keyword.value for a in call.args if a.keyword and a.keyword.value == "raw_response"]
    if inputs is not None and isinstance(inputs.value, (cst.List, cst.Tuple)):
        blocked.append("a batch of inputs (one chat_completion per prompt)")
    if text is None or blocked or (params is not None and not isinstance(params.value, cst.Dict)):
        why = ", ".join(blocked) if blocked else "the inputs carry a conversation history" if inputs else "no inputs"
        if params is not None and not isinstance(params.value, cst.Dict):
            why = "params are built elsewhere"
        context.mark(
            call,
            "HFM301",
            f"{instance.model_code} is served only for chat: call chat_completion(messages=[...]) by hand ({why})",
        )
        return
    arguments = chat_calls.chat_arguments(context, params.value if params else None)  # type: ignore[arg-type]
    new_call = chat_calls.call_code(
        context,
        call,
        f"{context.code(call.func)}.chat_completion",
        [f"messages={chat_calls.messages_code(text)}", *arguments.keywords],
    )
    context.replace(call, cst.parse_expression(new_call), "HFM301")
    reads = chat_calls.convert_reads(context, call, "HFM301", conversational)
    notes = list(arguments.notes)
    unread = chat_calls.unread_note(reads, "")
    notes += [unread] if unread else []
    if notes:
        context.mark(call, "HFM301", "; ".join(notes))
