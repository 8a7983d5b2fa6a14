"""urls.py: every legacy form of hf-api.md §1 classified and translated; the §7 look-alikes left alone."""

from __future__ import annotations

import pytest

from hfmigrate import urls
from hfmigrate.urls import UrlKind, placeholder

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"
P0, P1 = placeholder(0), placeholder(1)

# (legacy URL, kind, model, task, router equivalent)
LEGACY_FORMS = [
    # POST LEGACY/models/{id} -> ROUTER/hf-inference/models/{id}
    (f"{L}/models/gpt2", UrlKind.MODEL, "gpt2", None, f"{R}/hf-inference/models/gpt2"),
    (
        f"{L}/models/distilbert/distilbert-base-uncased",
        UrlKind.MODEL,
        "distilbert/distilbert-base-uncased",
        None,
        f"{R}/hf-inference/models/distilbert/distilbert-base-uncased",
    ),
    (f"{L}/models/org/m/", UrlKind.MODEL, "org/m", None, f"{R}/hf-inference/models/org/m/"),
    (f"{L}/models/org/m?x=1#top", UrlKind.MODEL, "org/m", None, f"{R}/hf-inference/models/org/m?x=1#top"),
    (f"{L}/models/{P0}", UrlKind.MODEL, P0, None, f"{R}/hf-inference/models/{P0}"),
    (f"{L}/models/{P0}/{P1}", UrlKind.MODEL, f"{P0}/{P1}", None, f"{R}/hf-inference/models/{P0}/{P1}"),
    # POST LEGACY/pipeline/{task}/{id}: the task moves after the id for the two embedding tasks only
    (
        f"{L}/pipeline/feature-extraction/sentence-transformers/all-MiniLM-L6-v2",
        UrlKind.PIPELINE,
        "sentence-transformers/all-MiniLM-L6-v2",
        "feature-extraction",
        f"{R}/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction",
    ),
    (
        f"{L}/pipeline/sentence-similarity/{P0}",
        UrlKind.PIPELINE,
        P0,
        "sentence-similarity",
        f"{R}/hf-inference/models/{P0}/pipeline/sentence-similarity",
    ),
    (
        f"{L}/pipeline/text-classification/org/m",
        UrlKind.PIPELINE,
        "org/m",
        "text-classification",
        f"{R}/hf-inference/models/org/m",
    ),
    # a task known only at run time keeps its place after the id (what maintainers wrote by hand)
    (f"{L}/pipeline/{P0}/{P1}", UrlKind.PIPELINE, P1, P0, f"{R}/hf-inference/models/{P1}/pipeline/{P0}"),
    # LEGACY/v1/ as an OpenAI base URL; trailing slash kept as written
    (f"{L}/v1/", UrlKind.OPENAI_BASE, None, None, f"{R}/v1/"),
    (f"{L}/v1", UrlKind.OPENAI_BASE, None, None, f"{R}/v1"),
    (f"{L}/v1/chat/completions", UrlKind.OPENAI_BASE, None, None, f"{R}/v1/chat/completions"),
    # per-model chat: LEGACY/models/{id}/v1/chat/completions and base_url LEGACY/models/{id}/v1/
    (
        f"{L}/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions",
        UrlKind.MODEL_CHAT,
        "meta-llama/Llama-3.1-8B-Instruct",
        None,
        f"{R}/v1/chat/completions",
    ),
    (f"{L}/models/org/m/v1/", UrlKind.MODEL_CHAT, "org/m", None, f"{R}/v1/"),
    (f"{L}/models/org/m/v1", UrlKind.MODEL_CHAT, "org/m", None, f"{R}/v1"),
    (f"{L}/models/{P0}/v1/chat/completions", UrlKind.MODEL_CHAT, P0, None, f"{R}/v1/chat/completions"),
    # no router equivalent
    (f"{L}/status/org/m", UrlKind.STATUS, "org/m", None, None),
    (f"{L}/status/{P0}", UrlKind.STATUS, P0, None, None),
    (f"{L}/framework/pytorch", UrlKind.FRAMEWORK, None, None, None),
    (f"{L}/models/org/m/info", UrlKind.MODEL_INFO, "org/m", None, None),
    (f"{L}/something/else", UrlKind.OTHER, None, None, None),
    # the host alone, or a prefix that code completes elsewhere
    (L, UrlKind.HOST, None, None, f"{R}/hf-inference"),
    (f"{L}/", UrlKind.HOST, None, None, f"{R}/hf-inference/"),
    (f"{L}/models/", UrlKind.HOST, None, None, f"{R}/hf-inference/models/"),
    (f"{L}/models", UrlKind.HOST, None, None, f"{R}/hf-inference/models"),
    (f"{L}/pipeline/feature-extraction/", UrlKind.HOST, None, "feature-extraction", None),
    # spellings of the origin
    ("http://api-inference.huggingface.co/models/gpt2", UrlKind.MODEL, "gpt2", None, f"{R}/hf-inference/models/gpt2"),
    (
        "https://api-inference.huggingface.co:443/models/gpt2",
        UrlKind.MODEL,
        "gpt2",
        None,
        f"{R}/hf-inference/models/gpt2",
    ),
    ("HTTPS://API-INFERENCE.HUGGINGFACE.CO/models/gpt2", UrlKind.MODEL, "gpt2", None, f"{R}/hf-inference/models/gpt2"),
    (
        "api-inference.huggingface.co/models/gpt2",
        UrlKind.MODEL,
        "gpt2",
        None,
        "router.huggingface.co/hf-inference/models/gpt2",
    ),
    ("//api-inference.huggingface.co/models/gpt2", UrlKind.MODEL, "gpt2", None, f"{R}/hf-inference/models/gpt2"),
]


@pytest.mark.parametrize(("url", "kind", "model", "task", "router"), LEGACY_FORMS, ids=[f[0] for f in LEGACY_FORMS])
def test_legacy_form_is_classified_and_translated(url, kind, model, task, router):
    assert urls.is_legacy(url)
    parsed = urls.parse_legacy(url)
    assert parsed is not None
    assert (parsed.kind, parsed.model, parsed.task) == (kind, model, task)
    assert urls.router_equivalent(parsed) == router
    assert urls.translate(url) == router
    assert (kind in urls.NO_EQUIVALENT) == (router is None and kind is not UrlKind.HOST)


def test_model_url_moves_to_chat_completions_when_asked():
    assert urls.translate(f"{L}/models/meta-llama/Llama-3.1-8B-Instruct", chat=True) == f"{R}/v1/chat/completions"
    assert urls.translate(f"{L}/models/{P0}?wait=1", chat=True) == f"{R}/v1/chat/completions?wait=1"
    # chat only changes the /models/{id} form
    assert urls.translate(f"{L}/pipeline/feature-extraction/{P0}", chat=True) == (
        f"{R}/hf-inference/models/{P0}/pipeline/feature-extraction"
    )


def test_trailing_slash_conventions_are_kept():
    for legacy, router in [
        (f"{L}/v1/", f"{R}/v1/"),
        (f"{L}/v1", f"{R}/v1"),
        (f"{L}/models/", f"{R}/hf-inference/models/"),
        (f"{L}/models/x/", f"{R}/hf-inference/models/x/"),
        (f"{L}/models/x", f"{R}/hf-inference/models/x"),
        (L + "/", R + "/hf-inference/"),
        (L, R + "/hf-inference"),
    ]:
        assert urls.translate(legacy) == router
        assert urls.parse_legacy(legacy).trailing_slash == legacy.endswith("/")


def test_placeholders_survive_translation_and_render_with_names():
    router = urls.translate(f"{L}/pipeline/feature-extraction/{P0}")
    assert urls.placeholders_in(router) == [0]
    assert urls.display(router, {0: "model_id"}) == f"{R}/hf-inference/models/{{model_id}}/pipeline/feature-extraction"
    assert urls.display(router) == f"{R}/hf-inference/models/{{…}}/pipeline/feature-extraction"
    # a template whose host is itself run-time is not legacy
    assert urls.parse_legacy(f"{P0}/models/gpt2") is None


def test_bare_host_keeps_its_bare_convention():
    assert urls.translate("api-inference.huggingface.co") == "router.huggingface.co/hf-inference"


def test_no_equivalent_advice_points_at_the_hub():
    status = urls.parse_legacy(f"{L}/status/{P0}")
    assert "https://huggingface.co/api/models/{…}?expand[]=inference" in urls.no_equivalent_advice(status)
    framework = urls.parse_legacy(f"{L}/framework/pytorch")
    assert "inference_provider=all" in urls.no_equivalent_advice(framework)
    info = urls.parse_legacy(f"{L}/models/org/m/info")
    assert "not exposed" in urls.no_equivalent_advice(info)


NEAR_MISSES = [
    "https://internal.api-inference.huggingface.co/models/gpt2",  # HF-internal infra, another host
    "https://huggingface.co/docs/api-inference/index",  # documentation link
    "https://huggingface.co/docs/api-inference/detailed_parameters",
    "https://xyz123.us-east-1.aws.endpoints.huggingface.cloud",  # dedicated Inference Endpoints
    f"{R}/hf-inference/models/org/m/v1/chat/completions",  # older but valid router shapes
    f"{R}/together/v1",
    f"{R}/v1/chat/completions",
    "https://api-inference.huggingface.com/models/gpt2",  # another domain
    "https://api-inference.huggingface.co.example.com/models/gpt2",
    "https://my-api-inference.huggingface.co/models/gpt2",
]


@pytest.mark.parametrize("url", NEAR_MISSES)
def test_near_misses_are_not_legacy(url):
    assert not urls.is_legacy(url)
    assert urls.parse_legacy(url) is None
    assert urls.translate(url) is None
    assert urls.find_legacy_urls(f'call("{url}") and see {url}.') == []


def test_find_legacy_urls_in_free_text():
    text = (
        f"Old: {L}/models/gpt2. Docs: https://huggingface.co/docs/api-inference/index\n"
        f'fetch(`{L}/models/${{model}}`, {{method: "POST"}})\n'
        f"(see {L}/v1/)\n"
        'mock = re.compile(r"^https://api-inference\\.huggingface\\.co/models/.*$")\n'
    )
    found = urls.find_legacy_urls(text)
    assert [m.text for m in found] == [
        f"{L}/models/gpt2",
        f"{L}/models/${{model}}",
        f"{L}/v1/",
        "api-inference\\.huggingface\\.co",
    ]
    assert [m.url.kind if m.url else None for m in found] == [UrlKind.MODEL, UrlKind.MODEL, UrlKind.OPENAI_BASE, None]
    for match in found:
        assert text[match.start : match.end] == match.text


def test_router_urls_and_providers():
    assert urls.is_router(f"{R}/v1") and not urls.is_router(f"{L}/v1")
    assert urls.router_provider(f"{R}/nebius/v1") == "nebius"
    assert urls.router_provider(f"{R}/v1/chat/completions") is None
    assert urls.is_router_chat_url(f"{R}/v1/chat/completions/")
    assert urls.split_model_suffix("openai/gpt-oss-120b:groq") == ("openai/gpt-oss-120b", "groq")
    assert urls.split_model_suffix("openai/gpt-oss-120b") == ("openai/gpt-oss-120b", None)
    assert urls.provider_status("nvidia") == "removed"
    assert urls.provider_status("groq") == "live"
    assert urls.provider_status("openai") == "client-side"
    assert urls.provider_status("fastest") == "policy"
    assert urls.provider_status("acme") == "unknown"


def test_hugging_face_hosts_for_tokens():
    assert urls.is_hugging_face_host("huggingface.co") and urls.is_hugging_face_host("router.huggingface.co")
    assert urls.is_hugging_face_host("hf.co.")
    assert not urls.is_hugging_face_host("huggingface.co.evil.com")
    assert not urls.is_hugging_face_host("nothuggingface.co")


@pytest.mark.parametrize(
    "text",
    [
        "see https://API-Inference.huggingface.co/models/gpt2",
        "é https://apİ-inference.huggingface.co/models/gpt2",
        "x = 1 ü",
    ],
)
def test_the_cheap_host_test_agrees_with_the_case_blind_url_pattern(text: str):
    """find_legacy_urls answers () at once when mentions_legacy_host says no: the two must agree, "İ" included."""
    from hfmigrate.urls.legacy import _LEGACY_IN_TEXT

    assert urls.mentions_legacy_host(text) == bool(_LEGACY_IN_TEXT.search(text))
    assert bool(urls.find_legacy_urls(text)) == bool(_LEGACY_IN_TEXT.search(text))
