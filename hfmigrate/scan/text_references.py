"""Model ids at call sites in text files (JS/TS, shell, .env, YAML, ...) and notebook shell lines.

For ``check-models --from-code``, ``probe --from-code`` and rewrite's availability check. Found:

- a legacy URL with a literal id: ``HF_API_URL=https://api-inference.huggingface.co/models/org/name``;
- a legacy URL whose id is a variable (``${model}`` in a JS template, ``$MODEL`` / ``${MODEL:-x}`` in shell), when
  the same file gives that variable one literal id (``model = "org/name"``, ``const MODEL = '...'``,
  ``MODEL=org/name``, a JS default parameter);
- huggingface.js task calls: ``hf.textGeneration({model: "org/name", ...})``, ``chatCompletion``,
  ``featureExtraction``, ``textToImage`` ...; and ``chat.completions.create({model: "org/name"})`` in a file that
  points an OpenAI client at the retired host.

Each reference carries its call style (see :class:`hfmigrate.catalog.statuses.CallStyle`, by value) so that
check-models judges it by how the code calls it. A variable no literal fills is not a reference: its model is
chosen at run time.
"""

from __future__ import annotations

import re

from hfmigrate import urls
from hfmigrate.comments import LineIndex
from hfmigrate.scan.references import ModelReference
from hfmigrate.urls.model_ids import MODEL_ID_IN_TEXT, literal_of_variable

#: JS camelCase task methods of @huggingface/inference → (style, task)
JS_TASK_METHODS = {
    "textGeneration": ("text-generation", "text-generation"),
    "textGenerationStream": ("text-generation", "text-generation"),
    "chatCompletion": ("chat", "conversational"),
    "chatCompletionStream": ("chat", "conversational"),
    "featureExtraction": ("embeddings", "feature-extraction"),
    "sentenceSimilarity": ("embeddings", "sentence-similarity"),
    "textToImage": ("task", "text-to-image"),
    "summarization": ("task", "summarization"),
    "translation": ("task", "translation"),
    "textClassification": ("task", "text-classification"),
    "tokenClassification": ("task", "token-classification"),
    "imageToText": ("task", "image-to-text"),
    "automaticSpeechRecognition": ("task", "automatic-speech-recognition"),
    "textToSpeech": ("task", "text-to-speech"),
}
_JS_TASK_CALL = re.compile(
    r"\.(?P<method>" + "|".join(JS_TASK_METHODS) + r")\s*\(\s*\{(?P<body>[^()]{0,2000})", re.DOTALL
)
_CHAT_CREATE = re.compile(r"\.completions\.create\s*\(\s*\{(?P<body>[^()]{0,2000})", re.DOTALL)
_MODEL_KEY = re.compile(r"""\bmodel\s*:\s*(?P<q>["'`])(?P<id>""" + MODEL_ID_IN_TEXT + r""")(?P=q)""")


def text_references(path: str, text: str, index: LineIndex | None = None) -> list[ModelReference]:
    index = index or LineIndex(text)
    found = [*_url_references(path, text, index), *_js_call_references(path, text, index)]
    return sorted(set(found), key=lambda r: (r.line, r.model))


_MODEL_CONSTANT = re.compile(
    r"""^(?=[A-Za-z_])(?P<name>\w*?(?:model|model_id|model_name|repo_id|checkpoint))\s*(?::\s*str\s*)?=\s*"""
    r"""(?P<q>["'])(?P<id>[A-Za-z0-9][\w.\-]*/[A-Za-z0-9][\w.\-]*)(?P=q)\s*(?:#.*)?$""",
    re.MULTILINE | re.IGNORECASE,
)


def constant_references(path: str, text: str, known: set[str] | frozenset[str] = frozenset()) -> list[ModelReference]:
    """Module-level ``IMAGE_MODEL = "org/name"`` in Python that talks to HF inference: the id is used somewhere,
    often joined to a prefix from another module where no single URL shows it. ``known`` ids are skipped."""
    index = LineIndex(text)
    return [
        ModelReference(m.group("id"), path, index.position(m.start())[0])
        for m in _MODEL_CONSTANT.finditer(text)
        if m.group("id") not in known
    ]


def _url_references(path: str, text: str, index: LineIndex) -> list[ModelReference]:
    found = []
    for match in urls.find_legacy_urls(text):
        legacy = match.url
        if legacy is None or not legacy.model:
            continue
        model = legacy.model if urls.is_model_id(legacy.model) else literal_of_variable(text, legacy.model)
        if model is None:
            if urls.is_dynamic(legacy.model):
                line = index.position(match.start)[0]
                found.append(ModelReference(legacy.model, path, line, None, match.text, runtime=True))
            continue
        task = legacy.task if legacy.kind is urls.UrlKind.PIPELINE else None
        style = (
            "embeddings" if task in urls.EMBEDDING_TASKS else "chat" if legacy.kind is urls.UrlKind.MODEL_CHAT else None
        )
        found.append(ModelReference(model, path, index.position(match.start)[0], task, match.text, style))
    return found


def _js_call_references(path: str, text: str, index: LineIndex) -> list[ModelReference]:
    found = []
    for match in _JS_TASK_CALL.finditer(text):
        style, task = JS_TASK_METHODS[match.group("method")]
        model = _MODEL_KEY.search(match.group("body"))
        if model:
            line = index.position(match.start("body") + model.start())[0]
            found.append(ModelReference(model.group("id"), path, line, task, None, style))
    if any(m.url is not None and m.url.kind is urls.UrlKind.OPENAI_BASE for m in urls.find_legacy_urls(text)):
        for match in _CHAT_CREATE.finditer(text):
            model = _MODEL_KEY.search(match.group("body"))
            if model:
                line = index.position(match.start("body") + model.start())[0]
                found.append(ModelReference(model.group("id"), path, line, "conversational", None, "chat"))
    return found
