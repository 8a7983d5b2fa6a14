"""HFM103 / HFM101: a per-model URL used as a client's base URL becomes ``ROUTER/v1``, and the model moves into the
chat calls.

    client = OpenAI(base_url=f"{LEGACY}/models/{MODEL}/v1/")
    client.chat.completions.create(model="tgi", messages=m)
        →  client = OpenAI(base_url="https://router.huggingface.co/v1/")
           client.chat.completions.create(model=MODEL, messages=m)
    InferenceClient(base_url=LEGACY + "/models/" + m)
    client.chat_completion(messages=m)
        →  InferenceClient(base_url="https://router.huggingface.co/v1")
           client.chat_completion(messages=m, model=m)
    InferenceClient(model="https://…/models/org/llm")
        →  InferenceClient(model="org/llm")
    ChatOpenAI(base_url=LEGACY + "/models/org/llm/v1", model="tgi")
        →  ChatOpenAI(base_url="https://router.huggingface.co/v1", model="org/llm")
    HuggingFaceEndpoint(endpoint_url=f"{LEGACY}/models/{M}")
        →  HuggingFaceEndpoint(repo_id=M)
    requests.post(f"{LEGACY}/models/{M}/v1/chat/completions", json={"messages": m})
        →  requests.post("https://router.huggingface.co/v1/chat/completions", json={"model": M, "messages": m})

A per-model endpoint (TGI) ignored the ``model`` field, so code sent a placeholder (``"tgi"``) or none; the router
routes by that field (hf-api.md §1), so every chat call of the client gets the id. Chat calls are found through
the variable (or ``self.`` attribute) the client is assigned to, in the whole module. When a chat call is out of
reach (the client is passed on or returned), a marker names the model to pass. An ``InferenceClient`` changes
only when every use is a visible chat call: its other task methods would not work on ``ROUTER/v1``. The URL
changes only where it is written inline or in a variable used by nothing but such clients; otherwise
:mod:`legacy_url` handles it.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from hfmigrate import facts, urls
from hfmigrate.pysyntax import StringTemplate, dict_items, dotted_name, keyword, string_value
from hfmigrate.rewrite import chat_calls
from hfmigrate.rewrite.context import ModuleContext

CODES = ("HFM103", "HFM101")
OPENAI_CLIENTS = frozenset({"openai.OpenAI", "openai.AsyncOpenAI"})
HF_CLIENTS = frozenset(
    {
        "huggingface_hub.InferenceClient",
        "huggingface_hub.AsyncInferenceClient",
        "huggingface_hub.inference._client.InferenceClient",
    }
)
LANGCHAIN_CLIENTS = frozenset(
    {"langchain_openai.ChatOpenAI", "langchain_community.chat_models.ChatOpenAI", "langchain.chat_models.ChatOpenAI"}
)
LANGCHAIN_ENDPOINTS = frozenset(
    {
        "langchain_huggingface.HuggingFaceEndpoint",
        "langchain_huggingface.llms.HuggingFaceEndpoint",
        "langchain_community.llms.HuggingFaceEndpoint",
    }
)
URL_KEYWORDS = ("base_url", "openai_api_base")
CHAT_METHODS = ("chat.completions.create", "chat_completion")


@dataclass(frozen=True)
class _Target:
    url_node: cst.BaseExpression  # the string expression holding the per-model URL
    template: StringTemplate
    legacy: urls.LegacyUrl
    model_code: str  # the id as code: '"org/llm"', or the expression the URL interpolated

    @property
    def code(self) -> str:
        """The scan rule of the URL (HFM101 for ``/models/{id}``, HFM103 for ``/models/{id}/v1``): its edits carry
        it."""
        from hfmigrate.rules.legacy_urls import URL_KIND_CODES

        return URL_KIND_CODES[self.legacy.kind]


def plan(context: ModuleContext) -> None:
    templates = {id(node): template for node, template in context.strings}
    for call in context.calls:
        kind = context.imports.qualified(call.func) or ""
        if kind in OPENAI_CLIENTS | HF_CLIENTS | LANGCHAIN_CLIENTS:
            _client(context, call, kind, templates)
        elif kind in LANGCHAIN_ENDPOINTS:
            _endpoint(context, call, templates)
        elif isinstance(call.func, cst.Attribute) and call.func.attr.value == "post":
            _raw_chat_post(context, call, templates)


def _raw_chat_post(context: ModuleContext, call: cst.Call, templates: dict) -> None:
    """``requests.post(LEGACY/models/{id}/v1/chat/completions, json={"model": "tgi", "messages": ...})``: the URL
    becomes ``ROUTER/v1/chat/completions`` and the body's ``model`` the id."""
    url_arg = keyword(call, "url") or (call.args[0] if call.args and call.args[0].keyword is None else None)
    payload = keyword(call, "json")
    if url_arg is None or payload is None or not isinstance(payload.value, cst.Dict):
        return
    template = templates.get(id(url_arg.value))
    legacy = _legacy(context, template) if template is not None and not context.is_claimed(url_arg.value) else None
    if (
        legacy is None
        or legacy.kind is not urls.UrlKind.MODEL_CHAT
        or legacy.rest.rstrip("/") != urls.CHAT_COMPLETIONS_PATH
    ):
        return
    items = dict(dict_items(payload.value))
    if "messages" not in items or not legacy.model or legacy.tail:
        return
    model_code = _model_code(context, legacy.model, template)  # type: ignore[arg-type]
    if not context.enabled("HFM103"):
        return
    _replace_url(
        context,
        url_arg.value,
        _Target(url_arg.value, template, legacy, model_code),  # type: ignore[arg-type]
        _string_like(url_arg.value, urls.chat_completions_url()),
    )
    model = items.get("model")
    if model is None:
        context.replace(payload.value, lambda updated: _with_model_first(updated, model_code), "HFM103")
    elif string_value(model.value) is not None:
        context.replace(model.value, cst.parse_expression(model_code), "HFM103")
    else:
        context.mark(call, "HFM103", f"the router routes by the model field: send model={model_code}")


def _with_model_first(payload: cst.CSTNode, model_code: str) -> cst.CSTNode:
    assert isinstance(payload, cst.Dict)
    separator = (
        chat_calls.separator(payload.elements)
        if len(payload.elements) > 1
        else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    )
    first = cst.DictElement(
        cst.SimpleString('"model"'),
        cst.parse_expression(model_code),
        comma=separator,
        whitespace_before_colon=cst.SimpleWhitespace(""),
        whitespace_after_colon=cst.SimpleWhitespace(" "),
    )
    return payload.with_changes(elements=[first, *payload.elements])


def _client(context: ModuleContext, call: cst.Call, kind: str, templates: dict) -> None:
    model_arg = keyword(call, "model") or (call.args[0] if call.args and call.args[0].keyword is None else None)
    if kind in HF_CLIENTS and model_arg is not None:
        target = _target(context, model_arg.value, templates)
        if (
            target is not None
            and target.legacy.kind is urls.UrlKind.MODEL
            and not target.legacy.rest
            and context.enabled(target.code)
        ):
            _replace_url(context, model_arg.value, target, cst.parse_expression(target.model_code))
            return
    url_arg = next((a for a in (keyword(call, k) for k in URL_KEYWORDS) if a is not None), None)
    target = _target(context, url_arg.value, templates) if url_arg is not None else None
    if target is None or not context.enabled(target.code):
        return
    base = urls.router_chat_base(target.legacy)
    assert base is not None
    chat, other = _chat_calls(context, call) if kind not in LANGCHAIN_CLIENTS else ([], [])
    if kind in HF_CLIENTS and (not chat or other):
        return  # an InferenceClient may run other tasks on that URL: ROUTER/v1 would break them (legacy_url decides)
    _replace_url(context, url_arg.value, target, _string_like(target.url_node, base))  # type: ignore[union-attr]
    if kind in LANGCHAIN_CLIENTS:
        _set_model(context, call, ("model", "model_name"), target)
        return
    for chat_call in chat:
        _set_model(context, chat_call, ("model",), target)
    if not chat or other:
        where = f" (it is also used at {', '.join(other)})" if other else ""
        context.mark(
            call,
            target.code,
            f"the router takes the model in the request body: pass model={target.model_code} "
            f"to every chat call of this client{where}",
        )


def _endpoint(context: ModuleContext, call: cst.Call, templates: dict) -> None:
    """``HuggingFaceEndpoint(endpoint_url=LEGACY/models/{id})`` → ``HuggingFaceEndpoint(repo_id={id})``: the client
    routes by model id; a chat model must also be wrapped in ``ChatHuggingFace`` (hf-api.md §0)."""
    url_arg = keyword(call, "endpoint_url")
    target = _target(context, url_arg.value, templates) if url_arg is not None else None
    if url_arg is None or target is None or target.legacy.kind is not urls.UrlKind.MODEL or target.legacy.rest:
        return
    if keyword(call, "repo_id") is not None or not context.enabled(target.code):
        return
    model_code = target.model_code
    context.replace(
        url_arg,
        lambda updated: updated.with_changes(keyword=cst.Name("repo_id"), value=cst.parse_expression(model_code)),
        target.code,
    )
    context.claim(target.url_node)
    context.claim(url_arg.value)
    model = string_value(cst.parse_expression(target.model_code))
    wrapper = context.parent(context.parent(call) or call)
    wrapped = isinstance(wrapper, cst.Call) and dotted_name(wrapper.func).endswith("ChatHuggingFace")
    if facts.is_chat_model(model, context.verdicts) and not wrapped:
        context.mark(
            call,
            target.code,
            f"{target.model_code} is served only for chat: wrap the endpoint in "
            "langchain_huggingface.ChatHuggingFace(llm=...)",
        )


def _target(context: ModuleContext, value: cst.BaseExpression, templates: dict) -> _Target | None:
    """The per-model legacy URL ``value`` holds: written there, or in a variable only client constructions use."""
    node = value
    if isinstance(value, cst.Name):
        resolved = context.resolve_name(value)
        if resolved is None or not _only_client_uses(context, value.value):
            return None
        node = resolved
    template = templates.get(id(node))
    if template is None or context.is_claimed(node):
        return None
    legacy = _legacy(context, template)
    if legacy is None or urls.router_chat_base(legacy) is None or not legacy.model:
        return None
    return _Target(node, template, legacy, _model_code(context, legacy.model, template))


def _legacy(context: ModuleContext, template: StringTemplate) -> urls.LegacyUrl | None:
    if urls.is_legacy(template.text):
        return urls.parse_legacy(template.text)
    head = urls.placeholder(0)
    if template.text.startswith(head) and isinstance(template.dynamic[0], cst.Name):
        prefix = context.prefixes.get(template.dynamic[0].value)
        if prefix is not None:
            return urls.parse_legacy(prefix.value + template.text[len(head) :])
    return None


def _only_client_uses(context: ModuleContext, name: str) -> bool:
    loads = [
        n for n in context.nodes.values() if isinstance(n, cst.Name) and n.value == name and not _binds(context, n)
    ]
    for load in loads:
        arg = context.parent(load)
        call = context.parent(arg) if isinstance(arg, cst.Arg) else None
        if not (isinstance(arg, cst.Arg) and isinstance(call, cst.Call) and arg.value is load):
            return False
        qualified = context.imports.qualified(call.func) or ""
        if qualified not in OPENAI_CLIENTS | HF_CLIENTS | LANGCHAIN_CLIENTS:
            return False
    return bool(loads)


def _binds(context: ModuleContext, node: cst.Name) -> bool:
    parent = context.parent(node)
    return (
        (isinstance(parent, cst.AssignTarget) and parent.target is node)
        or (isinstance(parent, cst.Attribute) and parent.attr is node)
        or (isinstance(parent, cst.Arg) and parent.keyword is node)
    )


def _model_code(context: ModuleContext, model: str, template: StringTemplate) -> str:
    indices = urls.placeholders_in(model)
    if len(indices) == 1 and model == urls.placeholder(indices[0]):
        return context.code(template.dynamic[indices[0]])
    if not indices:
        return '"' + context.models.get(model, model) + '"'
    return 'f"' + urls.display(model, template.names) + '"'


def _replace_url(context: ModuleContext, node: cst.BaseExpression, target: _Target, new: cst.BaseExpression) -> None:
    context.replace(target.url_node, new, target.code)
    context.claim(target.url_node)
    context.claim(node)


def _string_like(node: cst.BaseExpression, value: str) -> cst.SimpleString:
    quote = node.quote if isinstance(node, cst.SimpleString) and len(node.quote) == 1 else '"'
    return cst.SimpleString(f"{quote}{value}{quote}")


def _chat_calls(context: ModuleContext, construction: cst.Call) -> tuple[list[cst.Call], list[str]]:
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
            other.append(chat_calls.statement_snippet(context, node))
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


def _set_model(context: ModuleContext, call: cst.Call, names: tuple[str, ...], target: _Target) -> None:
    """The call's ``model=`` becomes the id (a placeholder such as "tgi" was ignored by the per-model endpoint)."""
    model_code, code = target.model_code, target.code
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
