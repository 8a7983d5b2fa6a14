"""What is served where today (hf-api.md §0): is a model a chat model?

Since mid 2026 hf-inference serves no LLMs and today's LLMs are mapped only as ``conversational``: a client's
``text_generation`` (and LangChain's ``HuggingFaceEndpoint``) fails on them with "Supported task:
conversational", so rewrite moves their text generation to ``chat_completion``. Whether a model is a chat model
is the catalogue's answer when the check-models cache has one (``rewrite --resolve-models``); otherwise a guess
from the name, kept here and nowhere else:

- chat: a name part ``instruct``, ``chat`` (also as a part's start or end: ``chatglm3``, ``starchat``), ``it``
  (``gemma-2-9b-it``), ``zephyr``, ``hermes``, ``openchat``,
  ``vicuna``, ``wizardlm``, ``starling``, ``tulu``, ``sft``, ``dpo``, ``rlhf``, or a known chat family
  (``gpt-oss``, ``deepseek-r1``, ``deepseek-v3``, ``qwq``, ``kimi``, ``glm-4``);
- not chat: anything else (``gpt2``, ``bigscience/bloom``, ``google/flan-t5-xxl``, ``microsoft/DialoGPT-large``:
  old models no provider serves), and any model id that is computed at run time.

The same lists answer two wider questions (captioning, OCR, speech and embedding models are never an LLM):

- ``looks_like_todays_llm``: a chat model or one of today's generative families (Llama, Mistral, Mixtral, Gemma,
  Qwen, Phi-3/4, DeepSeek, StarCoder, Code Llama, OLMo, SmolLM, Command R), base checkpoints included. hf-inference
  serves none of them, so a call that only names one still belongs on chat completions (HFM107);
- ``looks_like_llm_model``: that, or a retired generative model no provider serves today (gpt2, DialoGPT,
  flan-t5, BLOOM, GPT-J, GPT-Neo, OPT, Falcon, early Phi): text generation evidence for HFM107.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from hfmigrate import urls

CHAT_NAME_PARTS = frozenset(
    {
        "instruct",
        "chat",
        "it",
        "zephyr",
        "hermes",
        "openchat",
        "vicuna",
        "wizardlm",
        "starling",
        "tulu",
        "sft",
        "dpo",
        "rlhf",
    }
)
CHAT_FAMILIES = ("gpt-oss", "deepseek-r1", "deepseek-v3", "qwq", "kimi-", "glm-4")
_PARTS = re.compile(r"[/\-_.:]")
_CHAT_FAMILY = re.compile("|".join(map(re.escape, CHAT_FAMILIES)))


def looks_like_chat_model(model: str) -> bool:
    """The name heuristic alone (see the module docstring)."""
    lowered = _generative(model)
    return lowered is not None and _chat_name(lowered)


def _chat_name(lowered: str) -> bool:
    """A lowered id, suffix split off, that is not a captioning or embedding model: does its name say chat?"""
    parts = {part for part in _PARTS.split(lowered) if part}
    return (
        not parts.isdisjoint(CHAT_NAME_PARTS)
        or bool(_CHAT_FAMILY.search(lowered))
        or any(part.startswith(hint) or part.endswith(hint) for part in parts for hint in ("instruct", "chat"))
    )


#: Today's generative families: their base checkpoints are LLMs too, and like every LLM today they are mapped only
#: for chat (hf-inference serves none of them).
LLM_FAMILIES = (
    "llama",
    "mistral",
    "mixtral",
    "gemma",
    "qwen",
    "phi-3",
    "phi-4",
    "deepseek",
    "starcoder",
    "codellama",
    "olmo",
    "smollm",
    "command-r",
)
#: Older generative models that answered on the retired host and that no provider serves today (hf-api.md §0).
RETIRED_LLMS = ("gpt2", "dialogpt", "flan-t5", "t5-", "bloom", "gpt-j", "gpt-neo", "opt-", "falcon", "phi-")
_LLM_FAMILY = re.compile("|".join(map(re.escape, LLM_FAMILIES)))  # one search per id, not one per family
_RETIRED_LLM = re.compile("|".join(map(re.escape, RETIRED_LLMS)))


def _generative(model: str) -> str | None:
    """The lowered id without its provider suffix, or None for captioning, OCR, speech and embedding models."""
    lowered = urls.split_model_suffix(model)[0].lower()
    if not lowered or urls.looks_like_non_llm_model(lowered) or urls.looks_like_embedding_model(lowered):
        return None
    return lowered


def looks_like_todays_llm(model: str) -> bool:
    """A chat model or one of today's generative families, by its name: hf-inference serves it not, chat may."""
    lowered = _generative(model)
    return lowered is not None and (_chat_name(lowered) or bool(_LLM_FAMILY.search(lowered)))


def looks_like_retired_llm(model: str) -> bool:
    """An older generative model (gpt2, flan-t5, DialoGPT, BLOOM ...) that no provider serves today, by its name."""
    lowered = _generative(model)
    return lowered is not None and not looks_like_todays_llm(lowered) and bool(_RETIRED_LLM.search(lowered))


def looks_like_llm_model(model: str) -> bool:
    """Today's LLM or a retired one, by its name (see the module docstring)."""
    return looks_like_todays_llm(model) or looks_like_retired_llm(model)


def is_chat_model(model: str | None, verdicts: Mapping[str, Any] | None = None) -> bool | None:
    """True (served for chat), False (not), or None (a run-time id: nothing to go on).

    ``verdicts``: catalogue verdicts by model id (``ModuleContext.verdicts``); their ``chat`` field wins.
    """
    if not model or not urls.is_model_id(model):
        return None
    verdict = (verdicts or {}).get(model) or (verdicts or {}).get(urls.split_model_suffix(model)[0])
    if verdict is not None and hasattr(verdict, "chat"):
        return bool(verdict.chat)
    return looks_like_chat_model(model)


def chat_source(model: str, verdicts: Mapping[str, Any] | None = None) -> str:
    """Where the chat answer came from, for markers: "the catalogue" or "its name"."""
    verdict = (verdicts or {}).get(model)
    return "the catalogue" if verdict is not None and hasattr(verdict, "chat") else "its name"


# --- router lint (HFM6xx) -------------------------------------------------------------------------------------

#: hf-inference deploys no LLM any more (since 2026-07): neither ``/models/{llm}`` nor its ``/v1/chat/completions``.
HF_INFERENCE_SERVES_LLMS = False

#: Providers with an OpenAI-style embeddings route, and its path on the router (each takes the provider's own id).
EMBEDDINGS_ROUTES = {
    "scaleway": "/scaleway/v1/embeddings",
    "together": "/together/v1/embeddings",
    "deepinfra": "/deepinfra/v1/openai/embeddings",
}


def embeddings_advice() -> str:
    """Where embeddings go today, since the router has no root ``/v1/embeddings``."""
    routes = ", ".join(f"`{urls.ROUTER_URL}{path}`" for path in EMBEDDINGS_ROUTES.values())
    return (
        f"use a provider's embeddings route ({routes}, with that provider's model id) or hf-inference "
        f"feature-extraction (`{urls.ROUTER_URL}/hf-inference/models/{{id}}/pipeline/feature-extraction`)"
    )
