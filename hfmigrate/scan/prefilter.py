"""Cheap byte tests that decide whether a file can hold a finding at all.

Every needle is rare in ordinary code. ``huggingface.co`` and ``huggingface_hub`` are deliberately absent: a third
of an HF-adjacent repository mentions them (performance-notes.md). Broad names get a second, cheap confirmation.
"""

from __future__ import annotations

from hfmigrate import urls

RARE_NEEDLES = (
    b"api-inference",  # the legacy host, plain or regex-escaped ("api-inference\\.huggingface")
    b"InferenceApi",
    b"HuggingFaceHub",
    b"InferenceAPIClient",
    b"InferenceAPIEmbeddings",
    b"deployed_models",
    b"wait_for_model",
    b"dont_load_model",
    b"get_model_status",
    b"get_endpoint_info",
    b"stop_sequences",
    b"hfmigrate: TODO",
)
HEADER_NEEDLES = (b"-wait-for-model", b"-use-cache", b"-Wait-For-Model", b"-Use-Cache", b"-WAIT-FOR-MODEL", b"-USE-CACHE")
# Needles that are common in ML code; each needs a second byte test before the file is parsed.
CONFIRMED_NEEDLES = (
    (b"InferenceClient", (b".post(",)),
    (b"use_cache", (b"options", b"parameters")),
    (b"use_gpu", (b"options",)),
    (b"parameters", (b"router.huggingface", b"messages")),
)
_PROVIDER_NEEDLES = tuple(name.encode() for name in urls.REMOVED_PROVIDERS)
_PROVIDER_CONTEXT = (b"provider", b"router.huggingface", b":")
TOKEN_NEEDLE = b"hf_"


def may_have_findings(data: bytes) -> bool:
    """True when ``data`` contains something a rule could report. False is a promise; True is a guess."""
    if any(needle in data for needle in RARE_NEEDLES) or any(needle in data for needle in HEADER_NEEDLES):
        return True
    for needle, confirmations in CONFIRMED_NEEDLES:
        if needle in data and any(c in data for c in confirmations):
            return True
    if any(needle in data for needle in _PROVIDER_NEEDLES) and any(c in data for c in _PROVIDER_CONTEXT):
        return True
    return TOKEN_NEEDLE in data and _has_token(data)


def _has_token(data: bytes) -> bool:
    from hfmigrate.auth import HF_TOKEN_PATTERN, looks_like_placeholder

    text = data.decode("latin-1")
    return any(not looks_like_placeholder(m.group(0)) for m in HF_TOKEN_PATTERN.finditer(text))


def needs_python_parse(data: bytes) -> bool:
    """Only the hard-coded-token rule and markers work on text alone; everything else needs the syntax tree."""
    if any(needle in data for needle in RARE_NEEDLES[:-1]) or any(n in data for n in HEADER_NEEDLES):
        return True
    for needle, confirmations in CONFIRMED_NEEDLES:
        if needle in data and any(c in data for c in confirmations):
            return True
    return any(needle in data for needle in _PROVIDER_NEEDLES) and any(c in data for c in _PROVIDER_CONTEXT)
