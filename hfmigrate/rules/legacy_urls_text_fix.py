"""The fix a legacy URL in text carries (HFM101-103, HFM105): its router equivalent, where that is unambiguous.

    LEGACY/models/{id}                        → ROUTER/hf-inference/models/{id}   (``${model}`` kept)
    LEGACY/pipeline/feature-extraction/{id}   → ROUTER/hf-inference/models/{id}/pipeline/feature-extraction
    LEGACY/v1/                                → ROUTER/v1/
    LEGACY/models/  (a prefix)                → ROUTER/hf-inference/models/
    KEY=LEGACY      (a base-URL key in .env, YAML, JSON, TOML, INI) → KEY=ROUTER/hf-inference

It is a planned text edit (:class:`~hfmigrate.engine.rule_api.PlannedTextEdit`), not a span edit, because what a
URL becomes depends on what only rewrite knows: the model map (``--model-map``, also for the ``const model =
"gpt2"`` a ``${model}`` URL reads), the catalogue's word on the model (a chat-only model gets the chat advice, one
not served its HFM502/503 marker), and the dialect the text is edited in (a notebook's shell line has no room for
a comment; JSON has no comments, so a URL that needs a word stays a finding there). URL decisions all come from
:mod:`hfmigrate.urls`. Imported by rewrite only (it reads rewrite's catalogue verdicts).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.catalog.availability import Availability, Route, availability
from hfmigrate.rules.legacy_urls import URL_KIND_CODES
from hfmigrate.rules.legacy_urls_text import is_model_url, names_a_chat_model, text_generation
from hfmigrate.rules.text_generation import generation_advice
from hfmigrate.urls.model_ids import literal_of_variable, variable_literal_spans

if TYPE_CHECKING:
    from hfmigrate.planning.text_plan import TextPlan


def plan_text_url(match: urls.UrlMatch, text_facts: dict, plan: TextPlan) -> None:
    """The edits (and markers) for one legacy URL of ``plan.text`` that has a router equivalent. ``text_facts``
    is shared by the fixes of one text: what is learned of the whole text once (does it do text generation)."""
    legacy = match.url
    if legacy is None:
        return
    code = URL_KIND_CODES[legacy.kind]
    models = plan.models
    target = _target(legacy, models)
    if target is None:
        return
    _map_variable_literal(plan, legacy, models, code)
    served = _availability(plan, legacy, models, plan.verdicts)
    if served is not None and served.route is not Route.HF_INFERENCE:
        if plan.dialect.comment is None:
            return  # no comments in this format (JSON): the URL stays, and scan keeps reporting it
        _mark_availability(plan, match.start, served)  # unless the marker's code is ignored
        plan.replace(match.start, match.end, target, code)
        return
    generation = text_generation(plan.text, plan.dialect, text_facts)
    if is_model_url(legacy) and (generation or names_a_chat_model(legacy, plan.dialect)) and served is None:
        if plan.dialect.name == "json":
            return  # no comments: leave the URL for scan to report, with its chat advice
        plan.mark(match.start, "HFM107", generation_advice())
    plan.replace(match.start, match.end, target, code)


def _target(legacy: urls.LegacyUrl, models: dict[str, str]) -> str | None:
    """The router equivalent, with the mapped model (a bare host here is a base-URL setting: the check gave any
    other bare host its marker)."""
    if legacy.kind is not urls.UrlKind.HOST and legacy.model and legacy.model in models:
        legacy = replace(legacy, model=models[legacy.model])
    return urls.router_equivalent(legacy)


def _map_variable_literal(plan: TextPlan, legacy: urls.LegacyUrl, models: dict[str, str], code: str) -> None:
    """``--model-map`` for ``const model = "gpt2"`` (or ``MODEL=gpt2``) that a ``${model}`` URL uses."""
    if not models or not legacy.model or urls.is_model_id(legacy.model):
        return
    spans = variable_literal_spans(plan.text, legacy.model)
    values = {plan.text[start:end] for start, end in spans}
    if len(values) == 1 and (old := values.pop()) in models and urls.is_model_id(models[old]):
        for start, end in spans:
            plan.replace(start, end, models[old], code)


def _availability(plan: TextPlan, legacy: urls.LegacyUrl, models: dict[str, str], verdicts) -> Availability | None:
    """What the catalogue says about this URL's model (a literal id, or a variable the file fills with one)."""
    if not verdicts or not legacy.model or legacy.kind not in (urls.UrlKind.MODEL, urls.UrlKind.PIPELINE):
        return None
    model = legacy.model if urls.is_model_id(legacy.model) else literal_of_variable(plan.text, legacy.model)
    model = models.get(model or "", model)
    return availability(verdicts, model, legacy.task if legacy.kind is urls.UrlKind.PIPELINE else None)


def _mark_availability(plan: TextPlan, offset: int, served: Availability) -> bool:
    if served.route is Route.CHAT:
        return plan.mark(
            offset,
            "HFM107",
            (
                f"{served.model} is served for chat, not by hf-inference: POST {urls.chat_completions_url()} with "
                f'"model": "{served.model}" and "messages", and read choices[0].message.content'
            ),
        )
    code, message = served.marker()  # type: ignore[misc]
    return plan.mark(offset, code, message)
