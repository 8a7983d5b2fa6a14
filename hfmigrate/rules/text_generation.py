"""HFM107, HFM204: LLM text generation becomes a chat completion; generation parameters chat has no field for.

    requests.post(URL, json={"inputs": p, "parameters": {"max_new_tokens": 20, "top_k": 5}}).json()[0]["generated_text"]
        →  # hfmigrate: TODO(HFM204): dropped top_k (no chat equivalent)
           requests.post(CHAT_URL, json={"model": M, "messages": [{"role": "user", "content": p}], "max_tokens": 20})
           .json()["choices"][0]["message"]["content"]

hf-inference serves no LLM since mid 2026 and LLMs are served only for chat, so rewrite converts an LLM text
generation request with its body and every read of its result; where something blocks the conversion, or the
result's new shape needs a word, it leaves an HFM107 marker, and it drops the generation parameters with no
chat-completions field behind an HFM204 marker. This family declares only the two entries (what ``hfmigrate
rules`` prints; both are warnings), so it is catalogued beside the registry, not in it. The conversion is still
organised by phase: in Python ``rewrite/rules/text_generation_chat.py`` with the analyses of ``rewrite/chat/*``,
in text files and notebooks ``rewrite/textfiles/rules.py``; scan reports the markers rewrite left, and in text
files an LLM URL already moved to ``ROUTER/hf-inference/models/{id}`` (``scan/text.py``).
"""

from __future__ import annotations

from hfmigrate.engine.rule_api import CatalogueEntry, RuleFamily, Severity
from hfmigrate.urls import ROUTER_URL

_R = ROUTER_URL

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
        f"`POST {_R}/v1/chat/completions` with `messages`, and read "
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
