"""What is served where today (hf-api.md §0): the providers the router routes to, the tasks with their own
hf-inference route, and what a model id says about the model (embedding, LLM, chat) when nothing better is known.

Facts change here and nowhere else; :mod:`hfmigrate.urls` re-exports them for the callers that ask it.
"""

from __future__ import annotations

import re

#: Providers the router serves today (huggingface_hub 2.4.0, huggingface.js and the docs agree).
LIVE_PROVIDERS = frozenset(
    {
        "baseten",
        "cerebras",
        "cohere",
        "deepinfra",
        "fal-ai",
        "featherless-ai",
        "fireworks-ai",
        "groq",
        "hf-inference",
        "novita",
        "nscale",
        "ovhcloud",
        "publicai",
        "replicate",
        "scaleway",
        "together",
        "wavespeed",
        "zai-org",
    }
)
#: ``openai`` is a client-side provider only (the user's own OpenAI key); it is valid in ``provider=``.
CLIENT_SIDE_PROVIDERS = frozenset({"openai"})
#: Providers removed from routing; code that pins them is broken.
REMOVED_PROVIDERS = {
    name: "2026-07-01" for name in ("black-forest-labs", "clarifai", "hyperbolic", "nebius", "nvidia", "sambanova")
}
ROUTING_POLICIES = frozenset({"fastest", "cheapest", "preferred"})

#: Tasks that hf-inference serves under ``/models/{id}/pipeline/{task}`` rather than ``/models/{id}``.
PIPELINE_SUFFIX_TASKS = frozenset({"feature-extraction", "sentence-similarity"})
#: Tasks whose models answer on hf-inference's ``/pipeline/feature-extraction`` route (embedding models).
EMBEDDING_TASKS = frozenset({"feature-extraction", "sentence-similarity"})


def provider_status(name: str) -> str:
    """``live``, ``removed``, ``client-side``, ``policy`` (``fastest``...) or ``unknown``."""
    if name in LIVE_PROVIDERS:
        return "live"
    if name in REMOVED_PROVIDERS:
        return "removed"
    if name in CLIENT_SIDE_PROVIDERS:
        return "client-side"
    if name in ROUTING_POLICIES:
        return "policy"
    return "unknown"


# --- what a model id says about the model -------------------------------------------------------------------------

# Name fragments of embedding models, for when the Hub cannot tell us the task. Whole name parts (split on
# ``/-_.``) for the short ones so that "e5" does not match inside other words; substrings for the long ones.
_EMBEDDING_NAME_PARTS = frozenset({"bge", "e5", "gte"})
_EMBEDDING_NAME_SUBSTRINGS = ("sentence-transformers/", "minilm", "embed", "mpnet")


def looks_like_embedding_model(model: str) -> bool:
    """A guess from the model id alone: sentence-transformers/*, bge, e5, gte, MiniLM, mpnet, *embed*."""
    lowered = model.lower()
    if any(fragment in lowered for fragment in _EMBEDDING_NAME_SUBSTRINGS):
        return True
    return bool(_EMBEDDING_NAME_PARTS & set(re.split(r"[/\-_.]", lowered)))


# Models whose name says they are not LLMs although they answer ``generated_text`` (captioning, OCR, speech):
# text generation through them must never move to chat completions.
_NOT_LLM_NAME_SUBSTRINGS = (
    "blip",
    "caption",
    "vit-gpt2",
    "pix2struct",
    "git-base",
    "git-large",
    "trocr",
    "donut",
    "florence",
    "kosmos",
    "whisper",
    "wav2vec",
    "image-to-text",
    "img2text",
)


def looks_like_non_llm_model(model: str) -> bool:
    lowered = model.lower()
    return any(fragment in lowered for fragment in _NOT_LLM_NAME_SUBSTRINGS)


# The one place that guesses from a model id alone that it is an LLM (for HFM107 when nothing else in the code
# says so). The check-models catalogue, when it has an answer, always wins over this guess.
# Chat checkpoints: today's LLM families and chat/instruct markers; providers serve them as `conversational`.
_CHAT_NAME_PARTS = frozenset({"instruct", "chat", "it", "sft", "dpo", "rlhf"})
_CHAT_NAME_SUBSTRINGS = (
    "llama",
    "mistral",
    "mixtral",
    "zephyr",
    "gemma",
    "qwen",
    "phi-3",
    "phi-4",
    "deepseek",
    "starcoder",
    "codellama",
    "gpt-oss",
    "vicuna",
    "openchat",
    "olmo",
    "smollm",
    "command-r",
    "instruct",
    "-chat",
    "hermes",
    "tinyllama",
)
# Older generative models that answered on the retired host and that no provider serves today (hf-api.md §0).
_OLD_LLM_SUBSTRINGS = ("gpt2", "dialogpt", "flan-t5", "t5-", "bloom", "gpt-j", "gpt-neo", "opt-", "falcon", "phi-")


def looks_like_chat_model(model: str) -> bool:
    """A guess from the model id: a chat/instruct checkpoint (``-Instruct``, ``-chat``, ``-it``, Llama, Mistral,
    Zephyr, Qwen, Gemma ...); never for captioning, OCR, speech or embedding models."""
    lowered = model.lower()
    if not lowered or looks_like_non_llm_model(lowered) or looks_like_embedding_model(lowered):
        return False
    if any(fragment in lowered for fragment in _CHAT_NAME_SUBSTRINGS):
        return True
    return bool(_CHAT_NAME_PARTS & set(re.split(r"[/\-_.]", lowered)))


def looks_like_llm_model(model: str) -> bool:
    """A chat model (above), or an older generative one (gpt2, DialoGPT, flan-t5, BLOOM, GPT-J ...)."""
    lowered = model.lower()
    if looks_like_chat_model(lowered):
        return True
    if not lowered or looks_like_non_llm_model(lowered) or looks_like_embedding_model(lowered):
        return False
    return any(fragment in lowered for fragment in _OLD_LLM_SUBSTRINGS)
