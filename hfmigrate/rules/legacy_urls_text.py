"""HFM101-HFM106 in text (JS/TS, shell, config, Markdown; a notebook's prose and shell lines; Python that does not
parse): the family's one text check, :func:`urls_in_text`, and what it decides from the text alone.

    curl https://api-inference.huggingface.co/models/gpt2        → a planned text edit (HFM101)
    HF_API_BASE=https://api-inference.huggingface.co              → a planned text edit (HFM105: a base-URL setting)
    curl "$HOST/models/gpt2"  with  HOST=https://api-inference.huggingface.co
                                                                  → a marker: the host is completed elsewhere (HFM105)
    curl https://api-inference.huggingface.co/status/gpt2        → a marker: ask the Hub instead (HFM104)

A URL a text rewrite changes carries a :class:`~hfmigrate.engine.rule_api.PlannedTextEdit`, planned by
:mod:`hfmigrate.rules.legacy_urls_text_fix` (what it becomes depends on the model map and the catalogue, which only
rewrite knows); what the text and its dialect decide alone is decided here, so that scan calls a finding fixable
exactly where rewrite edits it. Part of the family in :mod:`hfmigrate.rules.legacy_urls`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate import facts, urls
from hfmigrate.engine.rule_api import Fix, PlannedTextEdit, TextContext, TextViolation
from hfmigrate.rules.legacy_urls import FAMILY, judge_url

if TYPE_CHECKING:
    from hfmigrate.engine.dialects import Dialect
    from hfmigrate.planning.text_plan import TextPlan

_TEXT_PATTERN_MARKER = "this pattern matches the retired host: update it to match the router URL"
#: HFM105's marker for the bare host anywhere but under a base-URL setting: what is appended decides its equivalent.
COMPLETED_ELSEWHERE = (
    f"the retired host is completed elsewhere: /models/{{id}} becomes {urls.hf_inference_url('{id}')}, "
    f"/v1 becomes {urls.ROUTER_URL}/v1; rewrite the full URLs"
)
_KEY_BEFORE = re.compile(r"""(?P<key>[A-Za-z_][\w.\-]*)["']?\s*[:=]\s*["']?$""")
_BASE_KEY = re.compile(r"url|uri|base|endpoint|host|api|root|server|addr", re.IGNORECASE)
_GENERATION_READ = re.compile(r"\bgenerated_text\b")
_GENERATION_PARAMETER = re.compile(
    r"\b(?:max_new_tokens|return_full_text|repetition_penalty|do_sample|num_return_sequences|max_time|"
    r"stop_sequences|top_k|typical_p)\b"
)
_INPUTS = re.compile(r"""["']?\binputs\b["']?\s*:""")


@FAMILY.text(where=True)
def urls_in_text(text: str, where: TextContext) -> Iterator[TextViolation]:
    """Each legacy URL: one a text rewrite changes (HFM101-103, HFM105) with its planned text edit, one it cannot
    with its marker. One pass over the file's URLs (:func:`hfmigrate.urls.find_legacy_urls` keeps them for the
    other rules)."""
    text_facts: dict = {}  # what is learned of the whole text, once (shared with the fixes)
    dialect: Dialect | None = None
    planned: dict[bool, Fix] = {}  # one fix per text (and per whether it changes code): the violation names its URL
    for match in urls.find_legacy_urls(text):
        verdict = judge_url(match.url, match.text)
        marker = text_marker(match)
        if marker is None and match.url is not None:
            dialect = dialect or _dialect(where)
            if _completed_elsewhere(text, match, match.url, dialect):
                marker = COMPLETED_ELSEWHERE
        if marker is not None:
            fix = Fix(marker=marker)
        else:
            changes = verdict.fixable and not _left_without_comments(text, match, dialect, text_facts)
            if changes not in planned:
                plan = functools.partial(_plan_text_url, text_facts)
                planned[changes] = Fix((PlannedTextEdit(plan, changes_code=changes),))
            fix = planned[changes]
        yield TextViolation(verdict.code, verdict.message, match.start, match.end, fix, verdict.replacement)


def _plan_text_url(text_facts: dict, plan: TextPlan, violation: TextViolation) -> None:
    if "matches" not in text_facts:
        from hfmigrate.rules.legacy_urls_text_fix import plan_text_url

        text_facts["matches"] = {m.start: m for m in urls.find_legacy_urls(plan.text)}
        text_facts["plan"] = plan_text_url
    text_facts["plan"](text_facts["matches"][violation.start], text_facts, plan)


def text_marker(match: urls.UrlMatch) -> str | None:
    """The marker for a URL in text that has nothing a rewrite can become there; None for one that is rewritten."""
    legacy = match.url
    if legacy is None:
        return _TEXT_PATTERN_MARKER
    if legacy.kind in urls.NO_EQUIVALENT:
        return urls.no_equivalent_advice(legacy)
    if legacy.kind is urls.UrlKind.MODEL_CHAT:
        model = urls.display(legacy.model or "{id}")
        return f'POST {urls.chat_completions_url()} and send the model in the body: "model": "{model}"'
    if legacy.kind is urls.UrlKind.HOST and urls.router_equivalent(legacy) is None:
        return "this prefix has no router equivalent; rewrite each URL built from it"
    return None


def _dialect(where: TextContext) -> Dialect:
    from hfmigrate.engine.dialects import BY_NAME, dialect_for

    return BY_NAME[where.dialect] if where.dialect else dialect_for(where.path)


def _completed_elsewhere(text: str, match: urls.UrlMatch, legacy: urls.LegacyUrl, dialect: Dialect) -> bool:
    """The bare host (not the ``/models/`` prefix): its router equivalent depends on what is appended, so only a
    base-URL setting in config (``HF_API_BASE=...``) is rewritten; anywhere else it gets the marker."""
    if legacy.kind is not urls.UrlKind.HOST or legacy.path.strip("/") == "models":
        return False
    return not (dialect.config and "//" in legacy.origin and names_base_url(text, match.start))


def names_base_url(text: str, offset: int) -> bool:
    """The URL at ``offset`` is the value of a key naming a base URL (``api_base:``, ``"endpoint":``, ``HOST=``)."""
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    key = _KEY_BEFORE.search(text[line_start:offset])
    return bool(key and _BASE_KEY.search(key.group("key")))


def _left_without_comments(text: str, match: urls.UrlMatch, dialect: Dialect | None, text_facts: dict) -> bool:
    """JSON has no comments: a model URL that needs the chat advice stays as it is (and a finding) unless the
    catalogue says hf-inference serves the model (rewrite's verdicts, which scan does not read)."""
    legacy = match.url
    if dialect is None or dialect.name != "json" or legacy is None or not is_model_url(legacy):
        return False
    return text_generation(text, dialect, text_facts) or names_a_chat_model(legacy, dialect)


def is_model_url(legacy: urls.LegacyUrl) -> bool:
    return legacy.kind is urls.UrlKind.MODEL or (
        legacy.kind is urls.UrlKind.HOST and legacy.path.strip("/") == "models"
    )


def names_a_chat_model(legacy: urls.LegacyUrl, dialect: Dialect) -> bool:
    """An LLM id in code or config (not prose): hf-inference serves no LLM, so the URL gets the chat advice."""
    model = legacy.model or ""
    return dialect.name != "prose" and not urls.is_dynamic(model) and facts.looks_like_todays_llm(model)


def text_generation(text: str, dialect: Dialect, text_facts: dict) -> bool:
    """The text (code or config) does LLM text generation: it reads ``generated_text``, or sends ``inputs`` with
    generation parameters. Learned once per text (``text_facts``)."""
    if "generation" not in text_facts:
        text_facts["generation"] = dialect.name != "prose" and bool(
            _GENERATION_READ.search(text) or (_INPUTS.search(text) and _GENERATION_PARAMETER.search(text))
        )
    return text_facts["generation"]
