"""What a legacy URL written in a Python string reports, for both of scan's ways of reading Python.

The libcst visitor (:mod:`hfmigrate.scan.python`) and the ast path for modules of plain URL literals
(:mod:`hfmigrate.scan.plain_urls`) word the finding and the model reference the same way, here; the verdict on the
URL itself is the rule module's (:func:`hfmigrate.rules.legacy_urls.judge_url`).
"""

from __future__ import annotations

from hfmigrate import urls
from hfmigrate.rules.legacy_urls import NO_EQUIVALENT_CODE, PATTERN_CODE
from hfmigrate.scan.references import ModelReference

#: URL codes whose checks are the rule module's (in strings; comments are still read by the visitor).
OWN_CHECKS = frozenset({NO_EQUIVALENT_CODE, PATTERN_CODE})
_TASK_BY_URL_KIND = {urls.UrlKind.OPENAI_BASE: "conversational", urls.UrlKind.MODEL_CHAT: "conversational"}


def env_default_note(variable: str) -> str:
    """What a finding on an environment variable's default adds to its message."""
    return f" (default of ${variable}: changing it matters only when the variable is unset)"


def url_reference(legacy: urls.LegacyUrl, model: str, path: str, line: int, shown: str) -> ModelReference:
    """The model reference a legacy URL naming ``model`` makes (check-models reads them), with the URL's task."""
    task = legacy.task if legacy.kind is urls.UrlKind.PIPELINE else _TASK_BY_URL_KIND.get(legacy.kind)
    style = "embeddings" if task in urls.EMBEDDING_TASKS else "chat" if task == "conversational" else None
    return ModelReference(model, path, line, task, shown, style)
