"""What is served where today (hf-api.md §0): the providers the router routes to, the tasks with their own
hf-inference route, and what a model id says about the model (embedding, captioning/speech) when nothing better is
known. Whether a model id names a chat model or an LLM is :mod:`hfmigrate.facts` (one heuristic, one place).

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
_EMBEDDING_NAME_SUBSTRING = re.compile("|".join(map(re.escape, _EMBEDDING_NAME_SUBSTRINGS)))
_NAME_PARTS = re.compile(r"[/\-_.]")


def looks_like_embedding_model(model: str) -> bool:
    """A guess from the model id alone: sentence-transformers/*, bge, e5, gte, MiniLM, mpnet, *embed*."""
    lowered = model.lower()
    if _EMBEDDING_NAME_SUBSTRING.search(lowered):
        return True
    return not _EMBEDDING_NAME_PARTS.isdisjoint(_NAME_PARTS.split(lowered))


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
_NOT_LLM_NAME_SUBSTRING = re.compile("|".join(map(re.escape, _NOT_LLM_NAME_SUBSTRINGS)))  # one search, not 14


def looks_like_non_llm_model(model: str) -> bool:
    lowered = model.lower()
    return bool(_NOT_LLM_NAME_SUBSTRING.search(lowered))
