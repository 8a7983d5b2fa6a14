"""The v0.1 byte pre-filter, frozen: tests/test_prefilter.py checks that the new one accepts all it accepted.

Every needle is rare in ordinary code. ``huggingface.co`` and ``huggingface_hub`` are deliberately absent: a third
of an HF-adjacent repository mentions them (performance-notes.md). Broad names get a second, cheap confirmation.
"""

from __future__ import annotations

import re

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
HEADER_NEEDLES = (b"-wait-for-model", b"-use-cache")  # matched in any case
# Needles that are common in ML code (``use_cache=True``, ``model.parameters()``, ``nvidia/...`` model ids,
# ``torch.cuda`` talk about NVIDIA GPUs) need a second, narrower test that mirrors what the rules look for.
_LEGACY_OPTIONS_BLOCK = (
    re.compile(  # "options": {... "use_cache" ...}, options=dict(use_gpu=...), payload["options"] = {
        rb"""options["']?\]?\s*[:=]\s*(?:\{[^}]{0,300}?|dict\([^)]{0,300}?)use_(?:cache|gpu)"""
    )
)
# (each pattern starts with a literal so that the regex engine can search for it fast)
_LEGACY_KEY_IN_PARAMETERS = re.compile(rb"""parameters["']\s*:\s*\{[^}]{0,300}?["']use_cache["']""")
_QUOTED_PARAMETERS = re.compile(rb"""parameters["']""")
_PROVIDER_NEEDLES = tuple(name.encode() for name in urls.REMOVED_PROVIDERS)
# case-sensitive host so that the regex engine can search for the literal; the provider name in any case
_ROUTER_PROVIDER_PATH = re.compile(
    rb"router\.huggingface\.co/(?i:" + b"|".join(re.escape(n) for n in _PROVIDER_NEEDLES) + rb")"
)
_QUOTES = frozenset(b"\"'")
_SUFFIX_ENDS = frozenset(b"\"'` \t\r\n")
TOKEN_NEEDLE = b"hf_"


def may_have_findings(data: bytes) -> bool:
    """True when ``data`` contains something a rule could report. False is a promise; True is a guess."""
    return needs_python_parse(data) or b"hfmigrate: TODO" in data or (TOKEN_NEEDLE in data and _has_token(data))


def needs_python_parse(data: bytes) -> bool:
    """Only the hard-coded-token rule and markers work on text alone; everything else needs the syntax tree."""
    if any(needle in data for needle in RARE_NEEDLES[:-1]) or _has_header(data):
        return True
    if b"InferenceClient" in data and b".post(" in data:
        return True
    if (b"use_cache" in data or b"use_gpu" in data) and b"options" in data and _LEGACY_OPTIONS_BLOCK.search(data):
        return True
    if b"use_cache" in data and b"parameters" in data and _LEGACY_KEY_IN_PARAMETERS.search(data):
        return True
    if (b"messages" in data or b"router.huggingface" in data) and b"parameters" in data:
        if _QUOTED_PARAMETERS.search(data):
            return True
    return _has_removed_provider(data)


def _has_header(data: bytes) -> bool:
    lowered = data.lower()  # a copy, but one pass: cheaper than searching for each spelling
    return any(needle in lowered for needle in HEADER_NEEDLES)


def _has_removed_provider(data: bytes) -> bool:
    """``provider="nvidia"`` / ``{"provider": "nvidia"}``, ``"org/model:nvidia"`` or ``router.huggingface.co/nvidia``.

    Provider names such as nvidia are everywhere in ML code (model ids, GPU talk), so each occurrence is checked
    by its neighbours rather than with a regular expression over the whole file.
    """
    quoted_ok = b"provider" in data
    for needle in _PROVIDER_NEEDLES:
        # without "provider" in the file only the ``:name`` suffix can match: search for that rare form directly
        probe, offset = (needle, 0) if quoted_ok else (b":" + needle, 1)
        start = data.find(probe)
        while start != -1:
            if _provider_at(data, start + offset, len(needle), quoted_ok):
                return True
            start = data.find(probe, start + len(probe))
    return b"router.huggingface.co/" in data and bool(_ROUTER_PROVIDER_PATH.search(data))


def _provider_at(data: bytes, start: int, length: int, quoted_ok: bool) -> bool:
    before = data[start - 1] if start else 0
    end = start + length
    after = data[end] if end < len(data) else 0
    return (before == 0x3A and (after in _SUFFIX_ENDS or not after)) or (
        quoted_ok and before in _QUOTES and after in _QUOTES
    )


_TOKEN_CANDIDATE = re.compile(rb"hf_[A-Za-z0-9]{30,}")
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def has_hard_coded_token(data: bytes) -> bool:
    return TOKEN_NEEDLE in data and _has_token(data)


def _has_token(data: bytes) -> bool:
    """What auth.HF_TOKEN_PATTERN matches, without its look-behind (which defeats the regex engine's fast search
    for the literal ``hf_``: every ``hf_hub_download`` would otherwise cost a scan of the whole file)."""
    from hfmigrate.auth import looks_like_placeholder

    for match in _TOKEN_CANDIDATE.finditer(data):
        start, end = match.span()
        if (start and data[start - 1] in _WORD_BYTES) or (end < len(data) and data[end] in _WORD_BYTES):
            continue
        if not looks_like_placeholder(match.group(0).decode("ascii")):
            return True
    return False
