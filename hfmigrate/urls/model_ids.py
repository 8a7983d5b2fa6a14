"""The shape of a Hub model id (ids become URL paths) and its ``:provider`` / ``:policy`` suffix."""

from __future__ import annotations

import re

# org/name or a legacy un-namespaced name (gpt2), optionally :provider or :policy. Hub names: letters, digits, - _ .
_MODEL_ID = re.compile(
    r"^(?:[A-Za-z0-9][A-Za-z0-9_.\-]*/)?[A-Za-z0-9][A-Za-z0-9_.\-]*(?::[A-Za-z0-9][A-Za-z0-9_.\-]*)?$"
)
MAX_MODEL_ID = 200


def is_model_id(text: str) -> bool:
    """Whether ``text`` has the shape of a Hub model id; ``..`` is refused since ids become URL paths."""
    return len(text) <= MAX_MODEL_ID and bool(_MODEL_ID.match(text)) and ".." not in text


def split_model_suffix(model_id: str) -> tuple[str, str | None]:
    """``openai/gpt-oss-120b:groq`` → (``openai/gpt-oss-120b``, ``groq``)."""
    base, sep, suffix = model_id.rpartition(":")
    return (base, suffix) if sep and base and "/" not in suffix else (model_id, None)
