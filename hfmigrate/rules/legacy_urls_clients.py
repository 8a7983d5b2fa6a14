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
:mod:`~hfmigrate.rules.legacy_urls_joins` and the URL's finding handle it. A module fix of the family
(:mod:`hfmigrate.rules.legacy_urls`): it claims what it converts, so it plans before the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from hfmigrate import facts, urls
from hfmigrate.planning import chat_calls
from hfmigrate.planning.client_chat_calls import chat_calls_of, set_model
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import StringTemplate, dict_items, dotted_name, keyword, string_value

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


def plan_clients(context: ModuleContext) -> None:
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
    legacy = context.legacy_url(template) if template is not None and not context.is_claimed(url_arg.value) else None
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
    chat, other = chat_calls_of(context, call) if kind not in LANGCHAIN_CLIENTS else ([], [])
    if kind in HF_CLIENTS and (not chat or other):
        return  # an InferenceClient may run other tasks on that URL: ROUTER/v1 would break them (the URL's fix decides)
    _replace_url(context, url_arg.value, target, _string_like(target.url_node, base))  # type: ignore[union-attr]
    if kind in LANGCHAIN_CLIENTS:
        set_model(context, call, ("model", "model_name"), target.model_code, target.code)
        return
    for chat_call in chat:
        set_model(context, chat_call, ("model",), target.model_code, target.code)
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
    legacy = context.legacy_url(template)
    if legacy is None or urls.router_chat_base(legacy) is None or not legacy.model:
        return None
    return _Target(node, template, legacy, _model_code(context, legacy.model, template))


def _only_client_uses(context: ModuleContext, name: str) -> bool:
    loads = [
        n for n in context.nodes.values() if isinstance(n, cst.Name) and n.value == name and not context.is_binding(n)
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
