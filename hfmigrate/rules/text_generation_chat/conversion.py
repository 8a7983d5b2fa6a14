"""HFM107 / HFM204 / HFM205: LLM text generation becomes a chat completion: URL, body and every read together.

    API_URL = f"{BASE}/models/{MODEL_ID}"               API_URL = "https://router.huggingface.co/v1/chat/completions"
    def query(payload):                                 def query(payload):
        r = requests.post(API_URL, json=payload)   →        r = requests.post(API_URL, json=payload)
        return r.json()                                     return r.json()
    out = query({"inputs": p,                           out = query({"model": MODEL_ID,
                 "parameters": {"max_new_tokens": 9}})               "messages": [{"role": "user", "content": p}],
    print(out[0]["generated_text"])                                  "max_tokens": 9})
                                                        print(out["choices"][0]["message"]["content"])

A POST to a legacy ``/models/{id}`` URL is converted when everything it touches is in reach in the module: the
body (an inline dict, a variable built over several statements, or the parameter of a thin wrapper whose every
call site passes such a dict), and every use of the result (see :mod:`.flow`). Results that are only printed,
logged or returned are converted too, with a marker saying what the value is now.
Anything out of reach (a wrapper called with a body built elsewhere, a body changed after the call, a result
used as text) keeps the whole chain on the legacy payload, moved to hf-inference by the URL's fix, with ONE HFM107
marker naming what blocked it: nothing is half-converted. hf-inference serves no LLM today (hf-api.md §0), so
every text-generation call left there carries the marker, whatever the shape of the code. Never converted:
image-to-text and other models that answer ``generated_text`` to bytes, bodies with ``**`` or comments inside.

The text_generation family's module fix (:func:`hfmigrate.rules.text_generation.llm_calls_to_chat`) calls
:func:`plan_conversion` on each module: the URL may be a join of another module's constant, where this module has
no finding to carry the fix.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from hfmigrate import urls
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import string_value, subscript_key
from hfmigrate.rules.text_generation import CHAT_HINT, CHAT_URL, MOVE_TO_CHAT, STREAM_MARKER
from hfmigrate.rules.text_generation_chat import evidence, names
from hfmigrate.rules.text_generation_chat.edits import builder_edit, chat_body
from hfmigrate.rules.text_generation_chat.payload import Blocked, Body, WrapperParameter
from hfmigrate.rules.text_generation_chat.sites import Site, find_site, post_url


def plan_conversion(context: ModuleContext) -> None:
    """Every LLM text-generation POST of the module: converted to chat with its body and reads, or marked."""
    templates = {id(node): template for node, template in context.strings}
    groups: dict[int, list[Site]] = {}
    for call in context.calls:
        site = find_site(context, call, templates)
        if site is not None:
            groups.setdefault(id(site.url_node), []).append(site)
    for sites in groups.values():
        _plan_group(context, sites)
    _mark_unreached_urls(context, set(groups))


# --- deciding --------------------------------------------------------------------------------------------------


def _plan_group(context: ModuleContext, sites: list[Site]) -> None:
    """Sites sharing one URL node are converted together or not at all (the URL changes for all of them)."""
    model = _literal_model(context, sites[0])
    route = evidence.catalog_route(context, model, node=sites[0].call)
    bodies = [body for site in sites for _, body in site.bodies if isinstance(body, Body)]
    if evidence.model_is_not_llm(model) or route == "hf-inference":
        return
    if any(evidence.binary_inputs(context, body.item("inputs")) for body in bodies):
        return  # captioning or speech: the legacy payload stays on hf-inference
    if any(_streamed(context, body) for body in bodies):
        _mark_stream(context, bodies)
        return
    own = {id(site): _generates(context, site) for site in sites}
    if not any(own.values()) and route != "chat" and not evidence.model_is_chat(model):
        return
    problems = {id(site): _problems(context, site) for site in sites}
    if _url_serves_others(context, sites):
        for site in sites:
            problems[id(site)].insert(0, "the URL serves other code too")
    if len(sites) > 1 and not all(own.values()):
        other = next(site for site in sites if not own[id(site)])
        for site in sites:
            problems[id(site)].append(
                f"the same URL is also called at line {names.line_ref(context, other.call)} "
                "for something that does not look like text generation"
            )
    if any(problems.values()):
        for site in sites:
            if own[id(site)] or len(sites) == 1:
                reasons = "; ".join(problems[id(site)]) or "another call to the same URL is out of reach"
                message = (
                    f"LLM text generation left on hf-inference, which serves no LLM (it answers 404); "
                    f"not converted to chat because {reasons}; {MOVE_TO_CHAT}"
                )
                context.mark(site.call, "HFM107", names.with_lines(context, message))
        return
    for site in sites:
        _convert(context, site, model)


def _generates(context: ModuleContext, site: Site) -> bool:
    """The call's own evidence of text generation: ``generated_text`` reads, parameters, a template, messages."""
    if site.flow.reads:
        return True
    for _, body in site.bodies:
        if isinstance(body, Body):
            inputs = body.item("inputs")
            if body.parameter_keys() & evidence.GENERATION_PARAMETERS or evidence.message_list(inputs):
                return True
            if evidence.chat_template_in(context, inputs):
                return True
    return False


def _problems(context: ModuleContext, site: Site) -> list[str]:
    found = [body.reason for _, body in site.bodies if isinstance(body, Blocked)]
    for _, body in site.bodies:
        if isinstance(body, Body) and body.item("inputs") is None:
            found.append(f"no text `inputs` in the body at line {names.line_ref(context, body.node)}")
        elif isinstance(body, Body):
            for builder in body.builders:
                if builder_edit(context, builder, "x")[1] is None:
                    where = names.line_ref(context, builder.assign)
                    found.append(f"line {where} sets `{builder.keys[-1]}`, which chat has no field for")
    found += [reason for _, reason in site.flow.blocked]
    return list(dict.fromkeys(found))


def _url_serves_others(context: ModuleContext, sites: list[Site]) -> bool:
    urls_used = [arg.value for site in sites if (arg := post_url(site.call)) is not None]
    named = {node.value for node in urls_used if isinstance(node, cst.Name)}
    return any(
        context.load_count(name) != sum(1 for n in urls_used if isinstance(n, cst.Name) and n.value == name)
        for name in named
    )


def _streamed(context: ModuleContext, body: Body) -> bool:
    stream = body.item("stream")
    return stream is not None and context.code(stream) == "True"


def _mark_stream(context: ModuleContext, bodies: list[Body]) -> None:
    """Where scan reports HFM205: the streamed payload, and every ``["token"]["text"]`` read in the module."""
    for body in bodies:
        context.mark(body.node, "HFM205", STREAM_MARKER)
    for node in list(context.nodes.values()):
        if isinstance(node, cst.Subscript) and subscript_key(node) == "text":
            if isinstance(node.value, cst.Subscript) and subscript_key(node.value) == "token":
                context.mark(node, "HFM205", STREAM_MARKER)


def _mark_unreached_urls(context: ModuleContext, reached: set[int]) -> None:
    """A model URL no request reaches (``self.api_url``, a default argument, a URL parameter, ``**kwargs``) in
    a module that does text generation, or naming an LLM: say where the chat option is."""
    generation = evidence.module_does_generation(context)
    for node, template in context.strings:
        if id(node) in reached or context.is_claimed(node):
            continue
        legacy = context.legacy_url(template)
        if legacy is None or legacy.kind is not urls.UrlKind.MODEL or legacy.rest or legacy.tail:
            continue
        model = legacy.model or ""
        if evidence.model_is_not_llm(model) or evidence.catalog_route(context, model, node=node) in (
            "hf-inference",
            "marker",
        ):
            continue
        if generation and not urls.looks_like_embedding_model(model) or evidence.model_is_chat(model):
            context.mark(node, "HFM107", CHAT_HINT)


# --- converting ------------------------------------------------------------------------------------------------


def _convert(context: ModuleContext, site: Site, model: str | None) -> None:
    model_code = _model_expression(context, site)
    context.replace(site.url_node, _chat_url_like(site.url_node), "HFM107")
    context.claim(site.url_node)
    in_body: str | None = model_code
    if isinstance(site.source, WrapperParameter) and not _visible_at_every_call(context, site, model_code):
        injected = cst.parse_expression(f'{{"model": {model_code}, **{site.source.load.value}}}')
        context.replace(site.source.load, injected, "HFM107")
        in_body = None
    for _, body in site.bodies:
        if isinstance(body, Body):  # a blocked body stops the conversion before it starts
            _convert_body(context, body, in_body)
    for node, edit in site.flow.edits:
        context.replace(node, edit, "HFM107")
        context.claim(node)
    for node, message in site.flow.unread:
        context.mark(node, "HFM107", message)


def _replaced_by(replacement: cst.CSTNode) -> Callable[[cst.CSTNode], cst.CSTNode]:
    """An edit that puts ``replacement`` in place of whatever the node has become."""
    return lambda _updated: replacement


def _convert_body(context: ModuleContext, body: Body, model_code: str | None) -> None:
    new, notes = chat_body(context, body, model_code)
    context.replace(body.node, new, "HFM107")
    context.claim(body.node)
    base = _bound_name(context, body)
    for builder in body.builders:
        node, replacement, builder_notes = builder_edit(context, builder, base)
        # the whole statement is rebuilt: edits planned inside it are superseded (a builder that cannot carry over,
        # with no replacement, blocked the conversion before it started)
        if replacement is not None and replacement is not node:
            context.replace(node, _replaced_by(replacement), "HFM107")
        notes += builder_notes
    if notes:
        context.mark(body.node, "HFM204", f"{'; '.join(notes)}; check the output")
    template = evidence.chat_template_in(context, body.item("inputs"))
    if template:
        context.mark(
            body.node,
            "HFM107",
            f"the message still holds a hand-built chat template (`{template}`): the "
            "provider applies the model's own template; send the plain text as messages",
        )


def _bound_name(context: ModuleContext, body: Body) -> str:
    assign = context.parent(body.node)
    if isinstance(assign, cst.Assign) and isinstance(assign.targets[0].target, cst.Name):
        return assign.targets[0].target.value
    return "payload"


def _visible_at_every_call(context: ModuleContext, site: Site, model_code: str) -> bool:
    """The model expression can go into the bodies at the call sites: a literal, or a module name none rebinds."""
    expression = cst.parse_expression(model_code)
    if isinstance(expression, (cst.SimpleString, cst.ConcatenatedString)):
        return True
    if not isinstance(expression, cst.Name):
        return False
    module_scope = context.scopes[id(context.module)]
    if expression.value not in module_scope.assignments and expression.value not in context.imports.names:
        return False
    return all(
        call is None
        or context.scope_of(call) is module_scope
        or not names.binds(context, context.scope_of(call), expression.value)
        for call, _ in site.bodies
    )


def _literal_model(context: ModuleContext, site: Site) -> str | None:
    model = site.legacy.model or ""
    indices = urls.placeholders_in(model)
    if not indices:
        return model
    if len(indices) == 1 and model == urls.placeholder(indices[0]):
        value = context.resolve_name(site.template.dynamic[indices[0]])
        return string_value(value) if value is not None else None
    return None


def _model_expression(context: ModuleContext, site: Site) -> str:
    model = site.legacy.model or ""
    indices = urls.placeholders_in(model)
    if len(indices) == 1 and model == urls.placeholder(indices[0]):
        return context.code(site.template.dynamic[indices[0]])
    if not indices:
        return repr(context.models.get(model, model)).replace("'", '"')
    return 'f"' + urls.display(model, site.template.names) + '"'


def _chat_url_like(node: cst.BaseExpression) -> cst.SimpleString:
    quote = '"'
    if isinstance(node, cst.SimpleString):
        quote = node.quote
    elif isinstance(node, cst.FormattedString):
        quote = node.start[-1] if node.start[-1] in "'\"" else '"'
    return cst.SimpleString(f"{quote}{CHAT_URL}{quote}")
