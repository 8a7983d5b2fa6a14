"""HFM107, HFM204: LLM text generation becomes a chat completion; generation parameters chat has no field for.

    requests.post(URL, json={"inputs": p, "parameters": {"max_new_tokens": 20, "top_k": 5}}).json()[0]["generated_text"]
        →  # hfmigrate: TODO(HFM204): dropped top_k (no chat equivalent)
           requests.post(CHAT_URL, json={"model": M, "messages": [{"role": "user", "content": p}], "max_tokens": 20})
           .json()["choices"][0]["message"]["content"]

hf-inference serves no LLM since mid 2026 and LLMs are served only for chat, so rewrite converts an LLM text
generation request with its body and every read of its result; where something blocks the conversion, or the
result's new shape needs a word, it leaves an HFM107 marker, and it drops the generation parameters with no
chat-completions field behind an HFM204 marker (both entries are warnings). In text (JS/TS, shell, config; a
notebook's shell lines and cell magics; an HTML page's scripts) its one check, :func:`llm_urls_on_hf_inference`,
reports an LLM URL already moved to ``ROUTER/hf-inference/models/{id}`` (by hand, or by an older rewrite), with
the same marker as its fix:

    fetch("https://router.huggingface.co/hf-inference/models/meta-llama/Llama-3.1-8B-Instruct", ...)
        →  // hfmigrate: TODO(HFM107): if this is LLM text generation ... POST .../v1/chat/completions ...

In Python the conversion is the family's module fix, :func:`llm_calls_to_chat` (the URL may be a join of another
module's constant, where this module has no finding), planned by :mod:`hfmigrate.rules.text_generation_chat`
(``conversion.py``, on the analyses beside it); a legacy URL's chat advice in text comes with the legacy-URL
family's fix (:func:`generation_advice`); scan reports the markers rewrite left.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate import facts, urls
from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    FileKind,
    Fix,
    Needle,
    RuleFamily,
    Severity,
    TextContext,
    TextViolation,
)

if TYPE_CHECKING:
    from hfmigrate.planning.module_plan import ModuleContext

#: Where LLM text generation goes today (hf-api.md §0): every advice of the family names it.
CHAT_URL = urls.chat_completions_url()

FAMILY = RuleFamily("text_generation")
FAMILY.entry(
    CatalogueEntry(
        "HFM107",
        "text-generation-to-chat",
        "LLM text generation: move it to router chat completions",
        "The call does LLM text generation (generation parameters, `generated_text` reads, a chat template or "
        "messages in `inputs`, or an LLM model id). hf-inference serves no LLM since mid 2026, and LLMs are served "
        "only for chat. rewrite converts the request with its body and every read of its result (thin wrappers, "
        "bodies built over several statements, notebooks across cells); a printed or returned result gets this "
        "marker saying its new shape; when something blocks the conversion, the legacy payload stays (on "
        "hf-inference, where it answers 404) and this marker names the blocker. In JS/TS, shell and config files "
        "scan also reports an LLM URL already moved to `ROUTER/hf-inference/models/{id}`. Convert it to "
        f"`POST {CHAT_URL}` with `messages`, and read "
        '`["choices"][0]["message"]["content"]`.',
        'requests.post(URL, json={"inputs": prompt}).json()[0]["generated_text"]',
        'requests.post(CHAT_URL, json={"model": MODEL, "messages": [{"role": "user", "content": prompt}]})'
        '.json()["choices"][0]["message"]["content"]',
        severity=Severity.WARNING,
    ),
    CatalogueEntry(
        "HFM204",
        "dropped-generation-parameters",
        "Generation parameters with no chat equivalent",
        "`top_k`, `repetition_penalty`, `max_time`, `truncate`, `typical_p`, `watermark`, `details`, `best_of` and "
        "`return_full_text` have no chat-completions field. rewrite drops them and leaves this marker; check that "
        "the output is still what you need. Do not map repetition_penalty to frequency_penalty.",
        '{"inputs": p, "parameters": {"max_new_tokens": 20, "top_k": 5}}',
        "# hfmigrate: TODO(HFM204): dropped top_k (no chat equivalent)\n"
        '{"model": M, "messages": [{"role": "user", "content": p}], "max_tokens": 20}',
        severity=Severity.WARNING,
    ),
)


# --- HFM107 in text: an LLM already moved to hf-inference ----------------------------------------------------
# hf-inference serves no LLM (hf-api.md §0): such a URL answers 404 however it was migrated. Python reads these
# URLs with its own rules (router lint), so the check is for text files alone.

FAMILY.needle(Needle(f"/{urls.HF_INFERENCE}/models/".encode(), frozenset({FileKind.TEXT}), statements=()))

#: Files that never hold a call: prose (in any format), and Python, whose text is read here only when it does not
#: parse (rewrite leaves it alone then).
_NEVER_CODE = (".md", ".markdown", ".mdx", ".rst", ".txt", ".py", ".pyi")


@FAMILY.text(where=True)
def llm_urls_on_hf_inference(text: str, where: TextContext) -> Iterator[TextViolation]:
    """Each ``ROUTER/hf-inference/models/{llm}`` URL in code or config; in HTML only ``<script>`` bodies count, in
    a notebook only its code's shell and cell-magic lines (given with their dialect), prose never does."""
    spans = _code_spans(text, where)
    if not spans:
        return
    for start, end, model in urls.find_hf_inference_models(text):
        if facts.looks_like_todays_llm(model) and any(low <= start < high for low, high in spans):
            message = (
                f"hf-inference serves no LLM: `{model}` answers 404 there; POST {CHAT_URL} "
                f'with "model": "{model}" and "messages"'
            )
            yield TextViolation("HFM107", message, start, end, Fix(marker=generation_advice()))


def _code_spans(text: str, where: TextContext) -> list[tuple[int, int]]:
    """The parts of ``text`` that are code or config. The text's dialect decides when the runner gives it (rewrite
    always; scan for a notebook's lines), its path otherwise: an HTML page's scripts, a notebook's cells read
    without one (markdown, a cell that does not parse) are prose."""
    from hfmigrate.engine.dialects import html_script_spans

    lowered = where.path.lower()
    if lowered.endswith(_NEVER_CODE):
        return []
    if where.dialect is not None:
        return [] if where.dialect == "prose" else [(0, len(text))]
    if lowered.endswith(".ipynb"):
        return []
    return html_script_spans(text) if lowered.endswith((".html", ".htm")) else [(0, len(text))]


# --- the markers' advice ---------------------------------------------------------------------------------------
# In text a read is written in dot notation (JavaScript, jq); in Python as subscripts, as the converted code reads.


def generation_advice() -> str:
    """HFM107's marker in text, above an LLM URL on hf-inference (legacy, or already moved there)."""
    return (
        "if this is LLM text generation (not image captioning), hf-inference serves no LLM (it answers 404): "
        f'POST {CHAT_URL} with "model" and "messages", '
        "and read choices[0].message.content instead of [0].generated_text"
    )


#: How the Python chat conversion's HFM107 markers end where it could not convert.
MOVE_TO_CHAT = f'move it to POST {CHAT_URL} with "model" and "messages", and read ["choices"][0]["message"]["content"]'
#: HFM107's marker in Python on a model URL no converted request reaches.
CHAT_HINT = f"this looks like LLM text generation; hf-inference serves no LLM (it answers 404): {MOVE_TO_CHAT}"
#: The conversion's HFM205 marker on a streamed text-generation payload and its ``["token"]["text"]`` reads (the
#: streaming_schema family's own marker, where no conversion was tried, is worded from its catalogue entry).
STREAM_MARKER = (
    "streamed text generation: move it to chat completions with stream=True and parse "
    "choices[0].delta.content events until `data: [DONE]` (the TGI token.text events are gone)"
)


@FAMILY.module_fix("HFM107", "HFM204", "HFM205", claims=True)
def llm_calls_to_chat(context: ModuleContext) -> None:
    """A POST of LLM text generation becomes a chat completion, with its body and every read of its result."""
    from hfmigrate.rules.text_generation_chat.conversion import plan_conversion

    plan_conversion(context)
