"""Reading response bodies loosely: JSON or text or HTML, any wording that carries the key phrase (Hugging Face
has changed its wordings before). Everything shown from a body is redacted."""

from __future__ import annotations

import json
import re

from hfmigrate.auth import redact

_MAX_MESSAGE = 160


def parsed_json(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return None


def body_text(body: bytes) -> str:
    return body.decode("utf-8", "replace")


def normalized(body: bytes) -> str:
    """Lower case, tags removed, whitespace collapsed: what a loose match needs."""
    return " ".join(re.sub(r"<[^>]+>", " ", body_text(body)).lower().split())


def error_message(body: bytes) -> str:
    """The human part of an error body: ``error`` (string or ``{message}``), else the text without tags."""
    data = parsed_json(body)
    message: object = None
    if isinstance(data, dict):
        error = data.get("error")
        message = error.get("message") if isinstance(error, dict) else error or data.get("message")
    text = message if isinstance(message, str) else " ".join(re.sub(r"<[^>]+>", " ", body_text(body)).split())
    return redact(text[:_MAX_MESSAGE] + ("…" if len(text) > _MAX_MESSAGE else ""))


def loading_estimate(body: bytes) -> float | None:
    data = parsed_json(body)
    value = data.get("estimated_time") if isinstance(data, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def preview(body: bytes) -> str:
    text = " ".join(body_text(body[:80]).split())
    return redact(repr(text))
