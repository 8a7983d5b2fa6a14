"""HFM607, HFM609: client calls the router cannot serve today.

    InferenceClient(provider="hf-inference").chat_completion(...)   →   provider="auto"          (HFM607)
    InferenceClient(provider="hf-inference").text_generation(...)   →   marker                   (HFM607)
    InferenceClient("meta-llama/Llama-3.1-8B-Instruct").text_generation(...)   →   marker        (HFM609)

hf-inference serves no LLMs since mid 2026, so pinning it on a chat call always fails; ``"auto"`` lets the router
pick a provider that serves the model for chat, which is what the call asked for. A text-generation call on it
needs the call itself changed (chat payload, result read): a marker. Today's LLMs are mapped only for chat
(``conversational``), so ``text_generation`` on a model whose name says it is a chat model fails with
"Supported task: conversational": a marker (the result shape changes, so no mechanical edit). The same in JS
(``provider: "hf-inference"`` in a ``chatCompletion`` / ``textGeneration`` call, ``textGeneration`` on a chat model).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    FileKind,
    Fix,
    FixKind,
    Needle,
    NodeEdit,
    PythonViolation,
    RuleFamily,
    SpanEdit,
    TextViolation,
)
from hfmigrate.facts import looks_like_chat_model

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import ClientBinding, PythonView

FAMILY = RuleFamily("router_calls")
FAMILY.entry(
    CatalogueEntry(
        "HFM607",
        "hf-inference-pinned-for-llm",
        '`provider="hf-inference"` on a chat or LLM call',
        "hf-inference serves no LLMs since mid 2026: chat and text generation pinned to it fail. On a chat call "
        'rewrite lets the router choose (`provider="auto"`); a text-generation call is marked, since it has to move '
        "to chat.",
        'client = InferenceClient(provider="hf-inference")\n'
        'client.chat_completion(messages, model="Qwen/Qwen2.5-7B-Instruct")',
        'client = InferenceClient(provider="auto")\nclient.chat_completion(messages, model="Qwen/Qwen2.5-7B-Instruct")',
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM609",
        "text-generation-on-chat-model",
        "`text_generation` on a model served for chat only",
        "Today's LLMs are mapped only for the `conversational` task, so `InferenceClient.text_generation` (and "
        'huggingface.js `textGeneration`) fail on them with "Supported task: conversational". Call '
        "`chat_completion(messages=[...])` and read `.choices[0].message.content`. The model is known from its "
        "name (instruct/chat models); rewrite marks the call.",
        'InferenceClient("meta-llama/Llama-3.1-8B-Instruct").text_generation(prompt, max_new_tokens=50)',
        'InferenceClient("meta-llama/Llama-3.1-8B-Instruct").chat_completion([{"role": "user", "content": prompt}], '
        "max_tokens=50).choices[0].message.content",
    ),
)
FAMILY.needle(
    Needle(b"hf-inference", confirm=re.compile(rb"""provider["']?\s*[:=]\s*["']hf-inference["']""")),
    Needle(
        b"text_generation",
        frozenset({FileKind.PYTHON}),
        companion=b"InferenceClient",
        confirm=lambda data: _names_a_chat_model(data),
    ),
    Needle(b"textGeneration", frozenset({FileKind.TEXT})),
)

_CHAT_METHODS = frozenset({"chat_completion", "chat.completions.create"})
_CHAT_CLASSES = frozenset({"smolagents.InferenceClientModel", "smolagents.HfApiModel"})
_LLM_CLASSES = frozenset(
    {"langchain_huggingface.HuggingFaceEndpoint", "langchain_huggingface.llms.HuggingFaceEndpoint"}
)
PINNED_MESSAGE = '`provider="hf-inference"` on a chat or LLM call: hf-inference serves no LLMs today'
PINNED_CHAT_FIX = 'let the router choose a provider that serves the model for chat (`provider="auto"`)'
PINNED_LLM_MARKER = (
    "hf-inference serves no LLMs: move this generation to chat_completion and drop the provider pin "
    "(or pick one that serves the model: hfmigrate check-models MODEL)"
)
CHAT_ONLY_MARKER = (
    "{model} is served for chat only today: call {chat}(messages=[...]) and read .choices[0].message.content"
)


def _chat_only_message(model: str) -> str:
    return f"`{model}` is served for chat (conversational) only today: `text_generation` on it fails"


@FAMILY.python("Call")
def hf_inference_pinned(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    from hfmigrate.pysyntax import keyword, string_value

    arg = keyword(node, "provider")
    if arg is None or string_value(arg.value) != urls.HF_INFERENCE or not isinstance(arg.value, cst.SimpleString):
        return
    qualified = view.imports.qualified(node.func) or ""
    client = view.client_built_by(node)
    chat = qualified in _CHAT_CLASSES or (client is not None and bool(client.methods & _CHAT_METHODS))
    if chat:
        auto = arg.value.with_changes(value=arg.value.quote + "auto" + arg.value.quote)
        yield PythonViolation(
            "HFM607", f"{PINNED_MESSAGE}; {PINNED_CHAT_FIX}", arg.value, Fix((NodeEdit(arg.value, auto),)), "auto"
        )
    elif qualified in _LLM_CLASSES or (client is not None and _generates_text(client)):
        yield PythonViolation("HFM607", PINNED_MESSAGE, arg.value, Fix(marker=PINNED_LLM_MARKER))


def _generates_text(client: ClientBinding) -> bool:
    return "text_generation" in client.methods or bool(client.model and looks_like_chat_model(client.model))


@FAMILY.python("Call")
def text_generation_on_chat_model(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    from hfmigrate.pysyntax import keyword, string_value

    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "text_generation"):
        return
    client = view.client_of(node.func.value)
    if client is None:
        return
    arg = keyword(node, "model")
    model = string_value(arg.value) if arg is not None else client.model
    if model and looks_like_chat_model(model):
        yield PythonViolation(
            "HFM609",
            _chat_only_message(model),
            node,
            Fix(marker=CHAT_ONLY_MARKER.format(model=model, chat="chat_completion")),
        )


_CLIENT_CLASSES = frozenset({"InferenceClient", "AsyncInferenceClient"})


# Between tokens inside a call: spaces, newlines, comments, line continuations (and the parentheses of a literal).
_GAP = rb"(?:[\s(]|\\\r?\n|#[^\n]*)*"
# A string literal right after ``model=`` or after a client class's opening parenthesis: the only places a literal
# HFM609 reads can be. Without one (and without an alias of a client class) the file cannot have an HFM609 finding.
# Two patterns, each led by a literal, so that the regex engine searches for the literal (one alternation: 30x slower).
_LITERAL_MODEL = (
    re.compile(rb"model" + _GAP + rb"=" + _GAP + rb"""[rRuU]?["']"""),
    re.compile(rb"InferenceClient(?:" + _GAP + rb"\(" + _GAP + rb"""[rRuU]?["']|\s+as\b)"""),
)


def _names_a_chat_model(data: bytes) -> bool:
    """Before libcst: does a client constructor or a ``text_generation`` call name a chat model as a literal (what
    HFM609 reads)? A library that calls InferenceClient everywhere with run-time models is then never parsed for it.
    A byte test first (no literal where HFM609 reads one: no finding, whatever a parser makes of the file); then
    ``ast``, which costs a tenth of libcst; code it cannot parse is sent on."""
    import ast

    if not any(pattern.search(data) for pattern in _LITERAL_MODEL):
        return False
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    classes = set(_CLIENT_CLASSES)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            classes |= {alias.asname for alias in node.names if alias.name in _CLIENT_CLASSES and alias.asname}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_names_a_chat_model(node, classes):
            return True
    return False


def _call_names_a_chat_model(call: ast.Call, classes: set[str]) -> bool:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
    candidates = [k.value for k in call.keywords if k.arg == "model"]
    if name in classes:
        candidates += call.args[:1]
    elif name != "text_generation":
        return False
    return any(
        isinstance(v, ast.Constant) and isinstance(v.value, str) and looks_like_chat_model(v.value) for v in candidates
    )


# --- JS (huggingface.js) ------------------------------------------------------------------------------------

_JS_CALL = re.compile(r"\b(?P<method>chatCompletion(?:Stream)?|textGeneration(?:Stream)?)\s*\(\s*\{")
_JS_PROVIDER = re.compile(r"""\bprovider\s*:\s*(?P<q>["'])hf-inference(?P=q)""")
_JS_MODEL = re.compile(r"""\bmodel\s*:\s*(?P<q>["'`])(?P<model>[\w.\-/]+)(?P=q)""")
_JS_WINDOW = 600  # how far a call's options object may reach


@FAMILY.text()
def js_calls(text: str) -> Iterator[TextViolation]:
    for call in _JS_CALL.finditer(text):
        options = text[call.end() : _object_end(text, call.end())]
        chat = call.group("method").startswith("chat")
        pinned = _JS_PROVIDER.search(options)
        if pinned:
            start, end = call.end() + pinned.start(), call.end() + pinned.end()
            quote = pinned.group("q")
            fix = (
                Fix((SpanEdit(start, end, f"provider: {quote}auto{quote}"),)) if chat else Fix(marker=PINNED_LLM_MARKER)
            )
            yield TextViolation("HFM607", PINNED_MESSAGE, start, end, fix, "auto" if chat else None)
        model = _JS_MODEL.search(options)
        if not chat and model and looks_like_chat_model(model.group("model")):
            name = model.group("model")
            yield TextViolation(
                "HFM609",
                _chat_only_message(name).replace("text_generation", "textGeneration"),
                call.start(),
                call.end(),
                Fix(marker=CHAT_ONLY_MARKER.format(model=name, chat="chatCompletion")),
            )


def _object_end(text: str, start: int) -> int:
    """Where the ``{`` just before ``start`` closes (or the window ends)."""
    depth = 1
    for index in range(start, min(len(text), start + _JS_WINDOW)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return min(len(text), start + _JS_WINDOW)
