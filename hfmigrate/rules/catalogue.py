"""The rule catalogue of the families not yet on the rule API: every such code, with its explanation and example.

Codes are stable (ruff style) and grouped by family: 1xx legacy URLs, 2xx legacy payloads and headers,
3xx client libraries, 4xx dependency pins, 5xx providers and models, 9xx security. Families on the rule API
(:mod:`hfmigrate.engine.rule_api`) declare their entries in their own module; :mod:`hfmigrate.rules` merges both.
"""

from __future__ import annotations

from hfmigrate.engine.rule_api import FAMILIES
from hfmigrate.engine.rule_api import CatalogueEntry as Rule
from hfmigrate.urls import ROUTER_URL

__all__ = ["FAMILIES", "RULES", "Rule"]

_R = ROUTER_URL

RULES: tuple[Rule, ...] = (
    Rule(
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
    ),
    Rule(
        "HFM204",
        "dropped-generation-parameters",
        "Generation parameters with no chat equivalent",
        "`top_k`, `repetition_penalty`, `max_time`, `truncate`, `typical_p`, `watermark`, `details`, `best_of` and "
        "`return_full_text` have no chat-completions field. rewrite drops them and leaves this marker; check that "
        "the output is still what you need. Do not map repetition_penalty to frequency_penalty.",
        '{"inputs": p, "parameters": {"max_new_tokens": 20, "top_k": 5}}',
        "# hfmigrate: TODO(HFM204): dropped top_k (no chat equivalent)\n"
        '{"model": M, "messages": [{"role": "user", "content": p}], "max_tokens": 20}',
    ),
)
