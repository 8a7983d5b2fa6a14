"""availability(): the one question rewrite rules ask per call site, from a verdict (pure, no I/O)."""

from __future__ import annotations

import pytest

from hfmigrate.catalog.availability import Route, availability
from hfmigrate.catalog.types import ModelVerdict, ProviderInfo


def verdict(
    model="org/m",
    *providers,
    pipeline_tag="text-generation",
    chat=None,
    available=True,
    reason=None,
    alternatives=(),
    **extra,
):
    infos = tuple(ProviderInfo(name, status, task) for name, status, task in providers)
    live_chat = any(p.status == "live" and p.task == "conversational" for p in infos)
    hf = frozenset(p.task for p in infos if p.name == "hf-inference" and p.status == "live" and p.task)
    return ModelVerdict(
        model,
        available,
        reason,
        chat=live_chat if chat is None else chat,
        hf_inference_tasks=hf,
        pipeline_tag=pipeline_tag,
        providers=infos,
        alternatives=list(alternatives),
        **extra,
    )


@pytest.mark.parametrize(
    "v, task, route, providers",
    [
        (verdict("llm", ("novita", "live", "conversational")), "text-generation", Route.CHAT, ()),
        (verdict("llm", ("novita", "live", "conversational")), None, Route.CHAT, ()),
        (
            verdict("emb", ("hf-inference", "live", "feature-extraction"), pipeline_tag="feature-extraction"),
            "feature-extraction",
            Route.HF_INFERENCE,
            (),
        ),
        (
            verdict(
                "sdxl",
                ("fal-ai", "live", "text-to-image"),
                ("replicate", "live", "text-to-image"),
                pipeline_tag="text-to-image",
            ),
            None,
            Route.PROVIDERS,
            ("fal-ai", "replicate"),
        ),
        (
            verdict("completion", ("featherless-ai", "live", "text-generation")),
            "text-generation",
            Route.PROVIDERS,
            ("featherless-ai",),
        ),
        (verdict("gone", available=False, reason="no-provider", alternatives=["a/b"]), None, Route.NOBODY, ()),
        (
            verdict("emb", ("hf-inference", "live", "feature-extraction"), pipeline_tag="feature-extraction"),
            "text-to-image",
            Route.NOBODY,
            (),
        ),
    ],
)
def test_routes(v, task, route, providers):
    answer = availability({v.model: v}, v.model, task)
    assert answer is not None and answer.route is route
    assert answer.providers == providers


def test_markers_name_providers_and_alternatives():
    sdxl = verdict("sdxl", ("fal-ai", "live", "text-to-image"), pipeline_tag="text-to-image")
    code, text = availability({"sdxl": sdxl}, "sdxl").marker()
    assert code == "HFM503" and 'InferenceClient(provider="auto").text_to_image(...)' in text and "fal-ai" in text
    gone = verdict("gone", available=False, reason="not-found", alternatives=["a/b", "c/d"])
    assert availability({"gone": gone}, "gone").marker() == (
        "HFM502",
        "gone is not served (not-found); alternatives: a/b, c/d",
    )
    llm = verdict("llm", ("novita", "live", "conversational"))
    assert availability({"llm": llm}, "llm").marker() is None


@pytest.mark.parametrize("reason", ["lookup-failed", "gated-or-private"])
def test_unknown_when_the_facts_are_missing(reason):
    v = verdict("x", available=False, reason=reason)
    assert availability({"x": v}, "x") is None
    assert availability({}, "x") is None and availability({"x": v}, None) is None


def test_a_removed_pinned_provider_is_nobody_with_the_bare_id_as_alternative():
    v = verdict(
        "org/m:nebius",
        ("novita", "live", "conversational"),
        available=False,
        reason="provider-removed",
        alternatives=["org/m"],
        suffix="nebius",
        base_model="org/m",
    )
    answer = availability({v.model: v}, v.model, "text-generation")
    assert answer.route is Route.NOBODY and answer.alternatives == ("org/m",)


def test_a_text_generation_call_is_judged_by_its_own_mapping():
    from hfmigrate.catalog.statuses import CallStyle

    chat_only = verdict("llm", ("novita", "live", "conversational"))
    completion = verdict("tg", ("featherless-ai", "live", "text-generation"))
    both = verdict("both", ("hf-inference", "live", "text-generation"), ("groq", "live", "conversational"))
    style = CallStyle.TEXT_GENERATION
    assert availability({"llm": chat_only}, "llm", style=style).route is Route.CHAT  # text_generation fails here
    answer = availability({"tg": completion}, "tg", style=style)
    assert answer.route is Route.PROVIDERS and answer.providers == ("featherless-ai",)
    assert availability({"both": both}, "both", style=style).route is Route.HF_INFERENCE
    assert availability({"both": both}, "both").route is Route.CHAT  # without the style: a generation task
