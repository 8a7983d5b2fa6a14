"""HFM306's conversion, planned by the findings' fixes (:class:`~hfmigrate.engine.rule_api.PlannedEdit`): LangChain
``HuggingFaceHub`` becomes ``langchain_huggingface.HuggingFaceEndpoint``; on a chat model it is
wrapped in ``ChatHuggingFace``.

    from langchain import HuggingFaceHub, LLMChain             from langchain import LLMChain
                                                          →    from langchain_huggingface import HuggingFaceEndpoint
    HuggingFaceHub(repo_id=M, model_kwargs={                   HuggingFaceEndpoint(repo_id=M, temperature=0.5,
        "temperature": 0.5, "max_length": 64})                                     max_new_tokens=64)

    llm = HuggingFaceHub(repo_id="mistralai/Mistral-7B-Instruct-v0.3")
    chain = LLMChain(llm=llm, prompt=prompt)
    print(llm("Hi"))
    →
    llm = ChatHuggingFace(llm=HuggingFaceEndpoint(repo_id="mistralai/Mistral-7B-Instruct-v0.3"))
    chain = LLMChain(llm=llm, prompt=prompt)
    print(llm.invoke("Hi").content)

Known generation keys of ``model_kwargs`` become explicit arguments (``max_length`` becomes ``max_new_tokens``);
the rest stay in ``model_kwargs``; the layout of the call (one argument per line, comments) is kept.
``HuggingFaceEndpoint`` calls ``text_generation``, which fails on today's chat-only LLMs (hf-api.md §0), so a chat
model (see :mod:`hfmigrate.facts`) is wrapped in ``ChatHuggingFace`` where every use of the model can take a chat
model: passed to a chain or agent, piped into a next stage (``prompt | llm | parser``), or called (``llm(x)``,
``.predict(x)``, ``.invoke(x)``, which become ``.invoke(x).content``). Any other use gets a marker naming it, and
the endpoint stays bare.

Planned edits, not node edits: whether a call is wrapped depends on every use of its model, and the module's
LangChain 0.x imports move with it (:mod:`.langchain_imports`). Imported by rewrite only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from hfmigrate import facts, urls
from hfmigrate.catalog.availability import Route, availability
from hfmigrate.catalog.statuses import CallStyle
from hfmigrate.planning import chat_calls
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import dict_items, keyword, string_value
from hfmigrate.rules.langchain_imports import endpoint_names, move_one, move_other_imports
from hfmigrate.rules.langchain_llms import HUB_CLASSES as OLD_NAMES

ENDPOINT_ARGUMENTS = frozenset(
    {
        "max_new_tokens",
        "top_k",
        "top_p",
        "typical_p",
        "temperature",
        "repetition_penalty",
        "return_full_text",
        "truncate",
        "stop_sequences",
        "seed",
        "do_sample",
        "watermark",
    }
)
RENAMED = {"max_length": "max_new_tokens"}
CHAT_WRAPPER = "ChatHuggingFace"
CALLED = frozenset({"invoke", "predict"})  # llm.invoke(x) / llm.predict(x) / llm(x) → llm.invoke(x).content
NOT_CHAT = "for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace"


@dataclass
class _ChatUses:
    """How the model built by one call is used, when every use can take a chat model."""

    calls: list[cst.Call] = field(default_factory=list)  # llm(x), llm.predict(x), llm.invoke(x)
    blocker: str | None = None


def convert_call(context: ModuleContext, call: cst.Call) -> None:
    """``HuggingFaceHub(...)`` → ``HuggingFaceEndpoint(...)``, wrapped in ``ChatHuggingFace`` on a chat model whose
    uses all take one; the module's other LangChain 0.x imports move with it (planning them again changes nothing)."""
    model_code, chat = _model(context, call)
    uses = _uses(context, call)
    _convert(context, call, endpoint_names(context), wrap=chat and uses.blocker is None)
    repo = keyword(call, "repo_id")
    if repo is not None and chat_calls.mapped_model_code(context, repo.value) != context.code(repo.value):
        context.replace(repo.value, cst.parse_expression(chat_calls.mapped_model_code(context, repo.value)), "HFM306")
    if not chat:
        context.mark(call, "HFM306", _not_chat_advice(context, call, model_code))
    elif uses.blocker is not None:
        context.mark(
            call,
            "HFM306",
            f"{model_code} is served only for chat, and HuggingFaceEndpoint calls "
            f"text_generation, which fails on it: wrap it in ChatHuggingFace(llm=...) "
            f"once {uses.blocker} can take a chat model",
        )
    else:
        for use in uses.calls:
            _invoke_content(context, use)
    move_other_imports(context)


def convert_import(context: ModuleContext, node: cst.ImportFrom) -> None:
    """The import of ``HuggingFaceHub`` moves to ``langchain_huggingface`` (with ``ChatHuggingFace`` when a call of
    the module is wrapped), and the module's other LangChain 0.x imports with it."""
    move_one(context, node, _wrapped(context))
    move_other_imports(context)


def _wrapped(context: ModuleContext) -> bool:
    """Whether some call of the module gets the chat wrapper (its import is then needed). Every finding's fix asks;
    the answer is kept for the module last asked about (following every use of every call is the costly part)."""
    global _last_wrapped
    if _last_wrapped is None or _last_wrapped[0] is not context:
        wrapped = any(
            _model(context, call)[1] and _uses(context, call).blocker is None
            for call in context.calls
            if (context.imports.qualified(call.func) or "") in OLD_NAMES
        )
        _last_wrapped = (context, wrapped)
    return _last_wrapped[1]


_last_wrapped: tuple[ModuleContext, bool] | None = None


def _not_chat_advice(context: ModuleContext, call: cst.Call, model_code: str) -> str:
    """The marker for an endpoint left bare: why it may not run, and what to do (a model no provider serves
    cannot be made to run by a rewrite: the user picks its successor, and ``--model-map`` applies the choice)."""
    repo = keyword(call, "repo_id")
    model = chat_calls.literal_model(context, repo.value) if repo else None
    if not model or not urls.is_model_id(model):
        return NOT_CHAT
    found = availability(context.verdicts, model, style=CallStyle.TEXT_GENERATION)
    if found is not None and found.route is not Route.NOBODY:
        return NOT_CHAT
    if found is None and not facts.looks_like_retired_llm(model):
        return NOT_CHAT
    if found is not None:
        why = f"the catalogue says no provider serves {model} for text generation or chat"
        choices = f"alternatives: {', '.join(found.alternatives)}" if found.alternatives else "pick a served chat model"
    else:
        why = f"{model} is an older model that no provider serves today (by its name)"
        choices = f"`hfmigrate check-models {model}` confirms it and lists alternatives"
    return (
        f"{why}, so this endpoint cannot run: choose a chat model ({choices}), put it in repo_id and wrap the "
        f"endpoint: ChatHuggingFace(llm=HuggingFaceEndpoint(...)); on the unmigrated file, `hfmigrate rewrite "
        f"--model-map {model}=<chat model>` does both"
    )


def _model(context: ModuleContext, call: cst.Call) -> tuple[str, bool]:
    repo = keyword(call, "repo_id")
    model = chat_calls.literal_model(context, repo.value) if repo else None
    task = keyword(call, "task")
    generation = task is None or string_value(task.value) in (
        "text-generation",
        "text2text-generation",
        "conversational",
    )
    return (context.code(repo.value) if repo else "the model"), generation and bool(
        facts.is_chat_model(model, context.verdicts)
    )


def _uses(context: ModuleContext, call: cst.Call) -> _ChatUses:
    parent = context.parent(call)
    if isinstance(parent, cst.Arg) or _piped(context, call):
        return _ChatUses()
    if isinstance(parent, cst.Return) and isinstance(context.scope_of(call).node, cst.FunctionDef):
        return _ChatUses(blocker=f"every caller of {context.scope_of(call).node.name.value}()")  # type: ignore[attr-defined]
    if not (
        isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name)
    ):
        return _ChatUses(blocker=f"the use at {context.snippet(call)}")
    name = parent.targets[0].target.value
    scope = context.scope_of(call)
    uses = _ChatUses()
    loads = [
        n
        for n in context.nodes.values()
        if isinstance(n, cst.Name) and n.value == name and _reads_binding(context, n, scope)
    ]
    if len(scope.assignments.get(name, [])) != 1 or not loads:
        return _ChatUses(blocker=f"every use of {name}")
    for load in loads:
        called = _called(context, load)
        if called is not None:
            uses.calls.append(called)
        elif not (_passed(context, load) or _piped(context, load)):
            return _ChatUses(blocker=f"the use at {context.snippet(load)}")
    return uses


def _reads_binding(context: ModuleContext, node: cst.Name, scope) -> bool:
    """A load of the name bound in ``scope`` (its own scope, or a function that does not rebind it)."""
    parent = context.parent(node)
    if isinstance(parent, cst.AssignTarget) or (isinstance(parent, cst.Attribute) and parent.attr is node):
        return False
    if isinstance(parent, cst.Arg) and parent.keyword is node:
        return False
    own = context.scope_of(node)
    return own is scope or (scope.node is context.module and node.value not in own.assignments)


def _passed(context: ModuleContext, node: cst.BaseExpression) -> bool:
    arg = context.parent(node)
    return isinstance(arg, cst.Arg) and arg.value is node and isinstance(context.parent(arg), cst.Call)


def _piped(context: ModuleContext, node: cst.BaseExpression) -> bool:
    """A stage of an LCEL pipe that something follows (``prompt | llm | StrOutputParser()``): a chat model's
    AIMessage goes to the next stage. As the last stage, the pipe's result would change from str to AIMessage."""
    parent = context.parent(node)
    if not (isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.BitOr)):
        return False
    if parent.left is node:
        return True
    outer = context.parent(parent)
    return isinstance(outer, cst.BinaryOperation) and isinstance(outer.operator, cst.BitOr) and outer.left is parent


def _called(context: ModuleContext, load: cst.Name) -> cst.Call | None:
    parent = context.parent(load)
    if isinstance(parent, cst.Call) and parent.func is load:
        return parent
    if isinstance(parent, cst.Attribute) and parent.value is load and parent.attr.value in CALLED:
        call = context.parent(parent)
        return call if isinstance(call, cst.Call) and call.func is parent else None
    return None


def _invoke_content(context: ModuleContext, call: cst.Call) -> None:
    """``llm(x)`` / ``llm.predict(x)`` / ``llm.invoke(x)`` → ``llm.invoke(x).content``: a chat model answers with a
    message."""

    def replace(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        receiver = updated.func.value if isinstance(updated.func, cst.Attribute) else updated.func
        invoke = updated.with_changes(func=cst.Attribute(value=receiver, attr=cst.Name("invoke")))
        return cst.Attribute(value=invoke, attr=cst.Name("content"))

    context.replace(call, replace, "HFM306")


def _convert(context: ModuleContext, call: cst.Call, renamed: dict[str, str], wrap: bool) -> None:
    func = context.code(call.func)
    name = renamed.get(func, "HuggingFaceEndpoint" if "." in func else func)

    def replace(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        endpoint = updated.with_changes(func=cst.Name(name), args=_arguments(updated.args))
        if not wrap:
            return endpoint
        return cst.Call(func=cst.Name(CHAT_WRAPPER), args=[cst.Arg(endpoint, keyword=cst.Name("llm"), equal=_EQUAL)])

    context.replace(call, replace, "HFM306")


_EQUAL = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def _arguments(args: Sequence[cst.Arg]) -> list[cst.Arg]:
    """The call's own arguments, ``model_kwargs={...}`` spelled out in its place; commas and line breaks kept."""
    result: list[cst.Arg] = []
    separator = chat_calls.separator(args)
    for arg in args:
        if arg.keyword is not None and arg.keyword.value == "model_kwargs" and isinstance(arg.value, cst.Dict):
            result += _explicit_arguments(arg, separator)
        else:
            result.append(arg)
    return result


def _explicit_arguments(arg: cst.Arg, separator: cst.Comma) -> list[cst.Arg]:
    kwargs = arg.value
    assert isinstance(kwargs, cst.Dict)
    explicit, rest = [], []
    for key, element in dict_items(kwargs):
        target = RENAMED.get(key, key)
        if target in ENDPOINT_ARGUMENTS:
            explicit.append(cst.Arg(element.value, keyword=cst.Name(target), equal=_EQUAL, comma=separator))
        else:
            rest.append(element)
    others = [e for e in kwargs.elements if not isinstance(e, cst.DictElement) or string_value(e.key) is None]
    if rest or others:
        kept = [*rest, *others]
        kept[-1] = kept[-1].with_changes(comma=kwargs.elements[-1].comma)
        explicit.append(arg.with_changes(value=kwargs.with_changes(elements=kept), comma=separator))
    if not explicit:
        return []
    explicit[-1] = explicit[-1].with_changes(comma=arg.comma)
    return explicit
