"""HFM107 / HFM204: LLM text generation becomes a chat completion: URL, payload and result read together.

    API_URL = f"{BASE}/models/{MODEL_ID}"                  API_URL = "https://router.huggingface.co/v1/chat/completions"
    payload = {"inputs": prompt,                     →     payload = {"model": MODEL_ID,
               "parameters": {"max_new_tokens": 200}}                 "messages": [{"role": "user", "content": prompt}],
                                                                      "max_tokens": 200}
    requests.post(API_URL, json=payload)                   requests.post(API_URL, json=payload)
    response.json()[0]["generated_text"]                   response.json()["choices"][0]["message"]["content"]

The chain is converted only when every link is in reach: a POST to a legacy ``/models/{id}`` URL, a payload dict
(inline or assigned once in the scope) with text ``inputs`` and generation parameters, and every read of the
result being ``[0]["generated_text"]``. Parameters map as in hf-api.md §5; those with no chat field are dropped
and named in an HFM204 marker. When a link is missing, the URL goes to hf-inference (legacy_url) and an HFM107
marker explains the chat option. Image-to-text also answers ``generated_text``, but sends bytes, never text
``inputs`` with generation parameters, so it is never converted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hfmigrate import urls
from hfmigrate.pysyntax import StringTemplate, dict_items, keyword, string_value
from hfmigrate.rewrite.context import ModuleContext

CODES = ("HFM107", "HFM204", "HFM205")
STREAMING = "streamed"
NOT_AN_LLM = "image, audio or other non-LLM input"
_BINARY_HINTS = ("b64encode", "base64", ".read()", "open(")
STREAM_MARKER = (
    "streamed text generation: move it to chat completions with stream=True and parse "
    "choices[0].delta.content events until `data: [DONE]` (the TGI token.text events are gone)"
)

GENERATION_PARAMETERS = frozenset(
    {
        "max_new_tokens", "return_full_text", "do_sample", "repetition_penalty", "top_k", "top_p", "temperature",
        "num_return_sequences", "stop", "stop_sequences", "typical_p", "watermark", "details", "best_of",
        "max_time", "truncate", "seed",
    }
)
RENAMED = {"max_new_tokens": "max_tokens", "stop_sequences": "stop", "num_return_sequences": "n"}
KEPT = frozenset({"temperature", "top_p", "seed", "stop"})
NO_CHAT_FIELD = ("top_k", "repetition_penalty", "max_time", "truncate", "typical_p", "watermark", "details", "best_of")
LEGACY_ONLY_KEYS = frozenset({"inputs", "parameters", "options", "wait_for_model"})
CHAT_URL = urls.chat_completions_url()
CHAT_HINT = (
    "this looks like LLM text generation, kept on hf-inference, which serves few LLMs; move it to "
    f"POST {CHAT_URL} with messages and read [\"choices\"][0][\"message\"][\"content\"]"
)


@dataclass
class _Chain:
    call: cst.Call
    url_node: cst.BaseExpression
    url_template: StringTemplate
    legacy: urls.LegacyUrl
    payload: cst.Dict | None = None
    reads: list[cst.Subscript] = field(default_factory=list)
    shared_url: bool = False  # the URL variable serves other calls too
    prompt_slices: list[cst.Subscript] = field(default_factory=list)  # `[...][len(prompt):]` around a read


def plan(context: ModuleContext) -> None:
    templates = {id(node): (node, template) for node, template in context.strings}
    reached: set[int] = set()
    for call in context.calls:
        chain = _legacy_model_post(context, call, templates)
        if chain is None:
            continue
        reached.add(id(chain.url_node))
        problem = _complete_chain(context, chain)
        if problem == STREAMING:
            _mark_stream(context, chain)
        elif problem is None:
            _convert(context, chain)
        elif problem != NOT_AN_LLM and _looks_like_generation(context, chain) and _catalog_route(context, chain) != "hf-inference":
            context.mark(call, "HFM107", CHAT_HINT)
    _mark_unreached_urls(context, reached)


def _mark_unreached_urls(context: ModuleContext, reached: set[int]) -> None:
    """A model URL no call chain reaches (``self.api_url``, a default argument, ``functools.partial``,
    ``requests.post(**kwargs)``) in a module that does text generation: say where the chat option is."""
    source = context.source_text or context.module.code
    if "generated_text" not in source and "max_new_tokens" not in source or any(h in source for h in _BINARY_HINTS):
        return
    for node, template in context.strings:
        if id(node) in reached or context.is_claimed(node):
            continue
        legacy = _legacy_of(context, template)
        if legacy is None or legacy.kind is not urls.UrlKind.MODEL or legacy.rest or legacy.tail:
            continue
        if not urls.is_dynamic(legacy.model or "") and urls.looks_like_non_llm_model(legacy.model or ""):
            continue
        context.mark(node, "HFM107", CHAT_HINT)


# --- finding the chain ---------------------------------------------------------------------------------------


def _legacy_model_post(context: ModuleContext, call: cst.Call, templates) -> _Chain | None:
    url_arg = _post_url(call)
    if url_arg is None:
        return None
    url_node = url_arg.value
    shared = False
    if isinstance(url_node, cst.Name):
        shared = context.load_count(url_node.value) != 1  # converting a shared URL would break its other users
        url_node = context.resolve_name(url_node)
    if url_node is None or id(url_node) not in templates:
        return None
    _, template = templates[id(url_node)]
    legacy = _legacy_of(context, template)
    if legacy is None or legacy.kind is not urls.UrlKind.MODEL or legacy.rest or legacy.tail:
        return None
    return _Chain(call, url_node, template, legacy, shared_url=shared)


def _post_url(call: cst.Call) -> cst.Arg | None:
    """The URL argument of ``x.post(url, ...)`` or ``x.request("POST", url, ...)``; None for anything else."""
    if not isinstance(call.func, cst.Attribute):
        return None
    positional = [arg for arg in call.args if arg.keyword is None]
    if call.func.attr.value == "post":
        return keyword(call, "url") or (positional[0] if positional else None)
    if call.func.attr.value == "request":
        method = keyword(call, "method") or (positional[0] if positional else None)
        if method is not None and (string_value(method.value) or "").upper() == "POST":
            return keyword(call, "url") or (positional[1] if len(positional) > 1 else None)
    return None


def _legacy_of(context: ModuleContext, template: StringTemplate) -> urls.LegacyUrl | None:
    if urls.is_legacy(template.text):
        return urls.parse_legacy(template.text)
    head = urls.placeholder(0)
    if template.text.startswith(head) and isinstance(template.dynamic[0], cst.Name):
        prefix = context.prefixes.get(template.dynamic[0].value)
        if prefix:
            return urls.parse_legacy(prefix.value + template.text[len(head) :])
    return None


def _complete_chain(context: ModuleContext, chain: _Chain) -> str | None:
    """Fill in the payload and the reads; the reason the chain is out of reach, or None."""
    chain.payload = _payload_dict(context, chain.call)
    if chain.payload is None:
        return "payload not in reach"
    if chain.shared_url:
        return "URL shared with other calls"
    if any(not isinstance(element, cst.DictElement) for element in chain.payload.elements):
        return "payload built with ** (its keys are not known)"
    if "#" in "".join(_comments(chain.payload)):
        return "comments inside the payload (a rebuilt dict would lose them)"
    items = dict(dict_items(chain.payload))
    if "stream" in items and context.code(items["stream"].value) == "True":
        return STREAMING
    if _not_an_llm(context, chain, items):
        return NOT_AN_LLM
    inputs = items.get("inputs")
    parameters = items.get("parameters")
    if inputs is None or isinstance(inputs.value, (cst.SimpleString,)) and "b" in inputs.value.prefix.lower():
        return "no text inputs"
    route = _catalog_route(context, chain)
    if route == "hf-inference":
        return "the catalogue says hf-inference serves this model"
    if route != "chat" and not _generation_parameters(parameters):
        return "no text-generation parameters"
    if parameters is not None and not isinstance(parameters.value, cst.Dict):
        return "parameters built elsewhere"
    reads = _generated_text_reads(context, chain.call)
    if not reads:
        return "result not read as [0]['generated_text']"
    inputs_code = context.code(items["inputs"].value)
    for read in reads:
        outer = context.parent(read)
        if isinstance(outer, cst.Subscript) and outer.value is read:
            if not _slices_off(context, outer, inputs_code):
                return "result indexed or sliced further"
            chain.prompt_slices.append(outer)
    chain.reads = reads
    return None


def _slices_off(context: ModuleContext, node: cst.Subscript, inputs_code: str) -> bool:
    """``text[len(prompt):]``: the legacy answer began with the prompt; a chat answer does not."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Slice):
        return False
    part = node.slice[0].slice
    return part.upper is None and part.step is None and part.lower is not None and (
        context.code(part.lower).replace(" ", "") == f"len({inputs_code})".replace(" ", "")
    )


def _not_an_llm(context: ModuleContext, chain: _Chain, items: dict) -> bool:
    """Captioning and OCR also answer ``generated_text``: recognise them by model name or by image-like inputs."""
    model = _literal_model(context, chain)
    if model and urls.looks_like_non_llm_model(model):
        return True
    inputs = items.get("inputs")
    if inputs is None:
        return False
    value = inputs.value
    resolved = context.resolve_name(value) if isinstance(value, cst.Name) else None
    code = context.code(value) + (context.code(resolved) if resolved is not None else "")
    return any(hint in code for hint in _BINARY_HINTS)


def _comments(node: cst.CSTNode) -> list[str]:
    found: list[str] = []

    class _Comments(cst.CSTVisitor):
        def visit_Comment(self, comment: cst.Comment) -> None:
            found.append(comment.value)

    node.visit(_Comments())
    return found


def _generation_parameters(parameters: cst.DictElement | None) -> bool:
    if parameters is None or not isinstance(parameters.value, cst.Dict):
        return False
    return bool({key for key, _ in dict_items(parameters.value)} & GENERATION_PARAMETERS)


def _catalog_route(context: ModuleContext, chain: _Chain) -> str | None:
    """With --resolve-models: ``chat``, ``hf-inference`` or ``marker`` for this call's literal model id."""
    model = _literal_model(context, chain)
    verdict = context.verdicts.get(context.models.get(model, model)) if model else None
    return verdict.route("text-generation") if verdict is not None else None


def _literal_model(context: ModuleContext, chain: _Chain) -> str | None:
    model = chain.legacy.model or ""
    indices = urls.placeholders_in(model)
    if not indices:
        return model
    if len(indices) == 1 and model == urls.placeholder(indices[0]):
        value = context.resolve_name(chain.url_template.dynamic[indices[0]])
        return string_value(value) if value is not None else None
    return None


def _payload_dict(context: ModuleContext, call: cst.Call) -> cst.Dict | None:
    arg = keyword(call, "json")
    value = arg.value if arg else None
    if value is None:
        data = keyword(call, "data")
        dumped = data.value if data else None
        if isinstance(dumped, cst.Call) and dumped.args and context.code(dumped.func) in ("json.dumps", "dumps"):
            value = dumped.args[0].value
    if isinstance(value, cst.Name):
        if _mutated(context, value):
            return None
        value = context.resolve_name(value)
    return value if isinstance(value, cst.Dict) else None


def _mutated(context: ModuleContext, name: cst.Name) -> bool:
    """The payload is used anywhere but in this call (``payload["parameters"] = ...``, ``.update``, a log line):
    converting its shape could break that use, so the chain is out of reach."""
    return len(_loads_in_scope(context, context.scope_of(name), name.value)) != 1


def _generated_text_reads(context: ModuleContext, call: cst.Call) -> list[cst.Subscript]:
    """Every read of the call's result, if each one is ``.json()[0]["generated_text"]``; else empty."""
    direct = _read_after_json(context, call)
    if direct is not None:
        return [direct]
    statement = context.parent(call)  # `response = requests.post(...)`, or `r = await client.post(...)`
    if isinstance(statement, cst.Await):
        statement = context.parent(statement)
    if not (isinstance(statement, cst.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0].target, cst.Name)):
        return []
    return _reads_of_name(context, statement.targets[0].target.value, call)


def _read_after_json(context: ModuleContext, node: cst.BaseExpression) -> cst.Subscript | None:
    attribute = context.parent(node)
    json_call = context.parent(attribute) if isinstance(attribute, cst.Attribute) and attribute.attr.value == "json" else None
    if not isinstance(json_call, cst.Call):
        return None
    return _zero_generated_text(context, json_call)


def _zero_generated_text(context: ModuleContext, value: cst.BaseExpression) -> cst.Subscript | None:
    """``value[0]["generated_text"]`` → the outer Subscript; None for any other shape."""
    first = context.parent(value)
    if not (isinstance(first, cst.Subscript) and first.value is value and _index(first) == 0):
        return None
    second = context.parent(first)
    if isinstance(second, cst.Subscript) and second.value is first and _index(second) == "generated_text":
        return second
    return None


def _index(node: cst.Subscript):
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    value = node.slice[0].slice.value
    if isinstance(value, cst.Integer):
        return int(value.value)
    return string_value(value)


def _reads_of_name(context: ModuleContext, name: str, call: cst.Call) -> list[cst.Subscript]:
    scope = context.scope_of(call)
    reads = []
    for node in _loads_in_scope(context, scope, name):
        read = _read_after_json(context, node)
        if read is None:
            if _harmless_use(context, node):
                continue
            json_value = _json_assigned_name(context, node)
            if json_value is None:
                return []
            inner = [_zero_generated_text(context, load) for load in _loads_in_scope(context, scope, json_value)]
            if not inner or any(r is None for r in inner):
                return []
            reads += inner  # type: ignore[arg-type]
            continue
        reads.append(read)
    return reads


def _loads_in_scope(context: ModuleContext, scope, name: str) -> list[cst.Name]:
    found = []
    for node in context.nodes.values():
        if isinstance(node, cst.Name) and node.value == name and context.scope_of(node) is scope:
            parent = context.parent(node)
            if not (isinstance(parent, cst.AssignTarget) and parent.target is node):
                found.append(node)
    return found


def _harmless_use(context: ModuleContext, node: cst.Name) -> bool:
    """``response.raise_for_status()``, ``response.status_code``: reads that do not touch the body."""
    parent = context.parent(node)
    return isinstance(parent, cst.Attribute) and parent.attr.value in ("raise_for_status", "status_code", "ok", "headers")


def _json_assigned_name(context: ModuleContext, node: cst.Name) -> str | None:
    """``data = response.json()`` → "data"."""
    attribute = context.parent(node)
    call = context.parent(attribute)
    assign = context.parent(call)
    if (
        isinstance(attribute, cst.Attribute) and attribute.attr.value == "json" and isinstance(call, cst.Call)
        and isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name)
    ):
        return assign.targets[0].target.value
    return None


def _looks_like_generation(context: ModuleContext, chain: _Chain) -> bool:
    if chain.payload is not None:  # the payload is visible: it decides (a classifier sharing the URL is not an LLM)
        parameters = dict(dict_items(chain.payload)).get("parameters")
        return _generation_parameters(parameters) or bool(_generated_text_reads(context, chain.call))
    if keyword(chain.call, "data") and not _payload_dict(context, chain.call):
        return False  # raw bytes: images and audio
    return "generated_text" in (context.source_text or context.module.code)


def _mark_stream(context: ModuleContext, chain: _Chain) -> None:
    """Where scan reports HFM205: the streamed payload, and every ``["token"]["text"]`` read in the module."""
    context.mark(chain.payload, "HFM205", STREAM_MARKER)  # type: ignore[arg-type]
    for node in list(context.nodes.values()):
        if isinstance(node, cst.Subscript) and _index(node) == "text":
            if isinstance(node.value, cst.Subscript) and _index(node.value) == "token":
                context.mark(node, "HFM205", STREAM_MARKER)


# --- converting it -------------------------------------------------------------------------------------------


def _convert(context: ModuleContext, chain: _Chain) -> None:
    assert chain.payload is not None
    model_code = _model_expression(context, chain)
    new_payload, dropped = _chat_payload(context, chain.payload, model_code)
    context.replace(chain.url_node, _chat_url_like(chain.url_node), "HFM107")
    context.replace(chain.payload, new_payload, "HFM107")
    for read in chain.reads:
        context.replace(read, _content_read(context, read), "HFM107")
    for sliced in chain.prompt_slices:  # chat content holds only the completion: the slice would cut it
        context.replace(sliced, lambda updated: updated.value, "HFM107")
    for node in (chain.url_node, chain.payload, *chain.reads):
        context.claim(node)
    if dropped:
        context.mark(chain.payload, "HFM204", f"{'; '.join(dropped)}; check the output")


def _model_expression(context: ModuleContext, chain: _Chain) -> str:
    model = chain.legacy.model or ""
    indices = urls.placeholders_in(model)
    if len(indices) == 1 and model == urls.placeholder(indices[0]):
        return context.code(chain.url_template.dynamic[indices[0]])
    if not indices:
        return repr(context.models.get(model, model)).replace("'", '"')
    return 'f"' + urls.display(model, chain.url_template.names) + '"'


def _chat_payload(context: ModuleContext, payload: cst.Dict, model_code: str) -> tuple[cst.BaseExpression, list[str]]:
    items = dict(dict_items(payload))
    inputs_code = context.code(items["inputs"].value)
    fields: list[tuple[str, str]] = [("model", model_code), ("messages", f'[{{"role": "user", "content": {inputs_code}}}]')]
    parameters_value = items["parameters"].value if "parameters" in items else cst.Dict([])
    parameters = {key: element for key, element in dict_items(parameters_value)}  # type: ignore[arg-type]
    mapped, dropped = _map_parameters(context, parameters)
    fields += mapped
    fields += [(key, context.code(element.value)) for key, element in items.items() if key not in LEGACY_ONLY_KEYS]
    return cst.parse_expression(_dict_code(context, payload, fields)), dropped


def _map_parameters(context: ModuleContext, parameters: dict[str, cst.DictElement]) -> tuple[list[tuple[str, str]], list[str]]:
    """Chat fields for the legacy parameters (hf-api.md §5), and notes on everything that did not carry over."""
    mapped, no_field, notes = [], [], []
    greedy = "do_sample" in parameters and context.code(parameters["do_sample"].value) == "False"
    for key, element in parameters.items():
        value = context.code(element.value)
        if key in RENAMED:
            mapped.append((RENAMED[key], value))
        elif key == "temperature" and greedy:
            notes.append(f"temperature {value} became 0 (do_sample=False means greedy)")
        elif key == "temperature" and _number(element.value, above=2.0):
            mapped.append((key, "2"))
            notes.append(f"temperature {value} clamped to 2 (the chat maximum)")
        elif key in KEPT:
            mapped.append((key, value))
        elif key == "do_sample" and greedy:
            mapped.append(("temperature", "0"))
        elif key == "return_full_text" and value != "False":
            notes.append("the answer no longer starts with the prompt (return_full_text)")
        elif key not in ("do_sample", "return_full_text", "use_cache", "wait_for_model"):
            no_field.append(key)
    if no_field:
        notes.insert(0, f"dropped {', '.join(no_field)} (no chat-completions field)")
    return mapped, notes


def _number(node: cst.BaseExpression, above: float) -> bool:
    if isinstance(node, (cst.Integer, cst.Float)):
        return float(node.value) > above
    return False


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


def _chat_url_like(node: cst.BaseExpression) -> cst.SimpleString:
    quote = '"'
    if isinstance(node, cst.SimpleString):
        quote = node.quote
    elif isinstance(node, cst.FormattedString):
        quote = node.start[-1] if node.start[-1] in "'\"" else '"'
    return cst.SimpleString(f"{quote}{CHAT_URL}{quote}")


def _content_read(context: ModuleContext, read: cst.Subscript):
    """``X[0]["generated_text"]`` → ``X["choices"][0]["message"]["content"]``, built on the updated ``X``."""
    key_code = context.code(read.slice[0].slice.value)  # type: ignore[union-attr]
    quote = key_code[-1] if key_code[-1] in "'\"" else '"'

    def build(updated: cst.CSTNode) -> cst.CSTNode:
        node = updated.value.value  # type: ignore[attr-defined]
        for key in ("choices", 0, "message", "content"):
            index = cst.Integer(str(key)) if isinstance(key, int) else cst.SimpleString(f"{quote}{key}{quote}")
            node = cst.Subscript(value=node, slice=[cst.SubscriptElement(cst.Index(index))])
        return node

    return build
