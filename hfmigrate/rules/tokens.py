"""HFM901: a Hugging Face token written in a file. Python, notebooks and every text file; reported, never edited.

    headers = {"Authorization": "Bearer hf_…"}
        →  # hfmigrate: TODO(HFM901): Hard-coded Hugging Face token; see `hfmigrate rules HFM901`
           headers = {"Authorization": "Bearer hf_…"}

A token is ``hf_`` and 30 or more letters and digits, not part of a longer word (:data:`hfmigrate.auth.
HF_TOKEN_PATTERN`), and not a placeholder (``hf_xxxx…``, :func:`hfmigrate.auth.looks_like_placeholder`). It is
found in the whole text of every file kind (comments, strings, a file that does not parse), so the check is a text
check for Python too. The fix is a marker: only a person can revoke the token and move it to ``HF_TOKEN``. The
token itself never leaves this module: the message and the marker say ``hf_…`` and nothing of the secret.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hfmigrate.auth import HF_TOKEN_PATTERN, REDACTED, looks_like_placeholder
from hfmigrate.engine.rule_api import ALL_KINDS, CatalogueEntry, Fix, FixKind, Needle, RuleFamily, TextViolation

CODE = "HFM901"
FAMILY = RuleFamily("tokens")
FAMILY.entry(
    CatalogueEntry(
        CODE,
        "hardcoded-token",
        "Hard-coded Hugging Face token",
        "A `hf_` token is written in the source. Anyone who reads the file can use it. Revoke it at "
        "https://huggingface.co/settings/tokens and read it from `HF_TOKEN` instead. hfmigrate never prints it.",
        'headers = {"Authorization": "Bearer hf_…"}',
        'headers = {"Authorization": f"Bearer {os.environ[\'HF_TOKEN\']}"}',
        fix=FixKind.MARKER,
    )
)

_TOKEN_SHAPE = rb"hf_[A-Za-z0-9]{30}"
_TOKEN_CANDIDATE = re.compile(_TOKEN_SHAPE + rb"[A-Za-z0-9]*")
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def has_token(data: bytes) -> bool:
    """What :data:`HF_TOKEN_PATTERN` matches (placeholders aside), without its look-behind, which defeats the regex
    engine's fast search for the literal ``hf_``: every ``hf_hub_download`` would otherwise cost a scan of the file."""
    for match in _TOKEN_CANDIDATE.finditer(data):
        start, end = match.span()
        if (start and data[start - 1] in _WORD_BYTES) or (end < len(data) and data[end] in _WORD_BYTES):
            continue
        if not looks_like_placeholder(match.group(0).decode("ascii")):
            return True
    return False


# ``hf_`` is in every hf_hub_download: the pre-filter searches for the token's shape instead, and the checks need
# no statement of their own (they read the whole text, not the parsed statements)
FAMILY.needle(Needle(b"hf_", confirm=has_token, search=_TOKEN_SHAPE, statements=()))

MESSAGE = f"hard-coded Hugging Face token `{REDACTED}`: revoke it and read HF_TOKEN from the environment"
MARKER = f"{FAMILY.entries[0].summary}; see `hfmigrate rules {CODE}`"  # names no token, so it is no finding


@FAMILY.text(ALL_KINDS)
def hard_coded_tokens(text: str) -> Iterator[TextViolation]:
    for match in HF_TOKEN_PATTERN.finditer(text):
        if not looks_like_placeholder(match.group(0)):
            yield TextViolation(CODE, MESSAGE, match.start(), match.end(), Fix(marker=MARKER))
