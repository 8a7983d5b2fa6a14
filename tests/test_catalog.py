"""The check-models engine against a local Hub and router: verdicts, reasons, alternatives, retries, errors."""

from __future__ import annotations

import threading

import pytest

from hfmigrate.auth import Token
from hfmigrate.catalog import CatalogOptions, ModelRequest, check_models, resolve_models
from hfmigrate.errors import NetworkError
from hfmigrate.net import RetryPolicy, resolve_hosts
from tests.catalog_hosts import HUB_MODELS, hub_host, hub_model_reply, mapping, model_requests, router_host
from tests.server import LocalHF, Reply

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"


@pytest.fixture
def hosts():
    with hub_host() as hub, router_host() as router:
        yield hub, router


def options_for(hub, router, tmp_path, **overrides) -> CatalogOptions:
    settings = dict(
        hosts=resolve_hosts(router.url, None, hub.url, environ={}),
        cache_dir=tmp_path / "cache",
        retry=RetryPolicy(retries=2, base_delay=0.0),
        warn=lambda message: None,
    )
    settings.update(overrides)
    return CatalogOptions(**settings)


def verdicts(hosts, tmp_path, ids, tasks=None, **overrides):
    hub, router = hosts
    return resolve_models(ids, task_by_model=tasks, options=options_for(hub, router, tmp_path, **overrides))


def test_dict_shape_chat_model_is_available_with_router_facts(hosts, tmp_path):
    v = verdicts(hosts, tmp_path, [LLAMA])[LLAMA]
    assert v.available and v.reason is None and v.chat
    assert v.live_providers == ["groq", "novita"]  # nebius is live on the Hub but left the router
    assert v.removed_providers == ["nebius"]
    assert v.pipeline_tag == "text-generation"
    assert v.price_range() == {"input": (0.02, 0.05), "output": (0.05, 0.08)}
    assert v.context_length == 131072 and v.supports_tools is True
    assert v.hf_inference_tasks == frozenset()


def test_list_shape_is_read_like_the_dict_shape(hosts, tmp_path):
    result = verdicts(hosts, tmp_path, ["Qwen/Qwen2.5-7B-Instruct", "BAAI/bge-small-en-v1.5"])
    assert result["Qwen/Qwen2.5-7B-Instruct"].live_providers == ["together"]
    assert result["Qwen/Qwen2.5-7B-Instruct"].chat
    bge = result["BAAI/bge-small-en-v1.5"]
    assert bge.available and not bge.chat
    assert "feature-extraction" in bge.hf_inference_tasks


@pytest.mark.parametrize(
    "model, reason",
    [
        ("nobody/nothing", "not-found"),
        ("acme/gated-model", "gated-or-private"),
        ("openai-community/gpt2", "no-provider"),
        ("acme/broken-model", "no-provider"),
        ("acme/staging-model", "staging-only"),
        ("acme/removed-only", "provider-removed"),
    ],
)
def test_reasons_for_unavailable_models(hosts, tmp_path, model, reason):
    v = verdicts(hosts, tmp_path, [model])[model]
    assert not v.available
    assert v.reason == reason
    assert v.detail


def test_wrong_task_and_alternatives_for_the_code_task(hosts, tmp_path):
    model = "BAAI/bge-small-en-v1.5"
    v = verdicts(hosts, tmp_path, [model], {model: "text-classification"})[model]
    assert v.reason == "wrong-task"
    assert v.detail == "served for feature-extraction, not for text-classification"
    assert v.alternatives == ["distilbert/distilbert-base-uncased-finetuned-sst-2-english"]


def test_text_generation_code_is_served_by_a_chat_provider(hosts, tmp_path):
    v = verdicts(hosts, tmp_path, [LLAMA], {LLAMA: "text-generation"})[LLAMA]
    assert v.available and v.chat


def test_hf_inference_legacy_task_is_reported_for_rewrite(hosts, tmp_path):
    model = "mistralai/Mistral-7B-Instruct-v0.3"
    v = verdicts(hosts, tmp_path, [model], {model: "text-generation"})[model]
    assert v.available and not v.chat
    assert v.hf_inference_tasks == frozenset({"text-generation"})


def test_alternatives_are_live_most_downloaded_first_and_at_most_three(hosts, tmp_path):
    v = verdicts(hosts, tmp_path, ["openai-community/gpt2"])["openai-community/gpt2"]
    # by downloads: Llama 900, Qwen 600, Mistral 500; staging/removed/error-only models are never suggested
    assert v.alternatives == [LLAMA, "Qwen/Qwen2.5-7B-Instruct", "mistralai/Mistral-7B-Instruct-v0.3"]
    hub, _ = hosts
    listing = [r for r in hub.requests if r.path == "/api/models"]
    assert len(listing) == 1
    assert listing[0].query["pipeline_tag"] == ["text-generation"]
    assert listing[0].query["inference_provider"] == ["all"]
    assert listing[0].query["sort"] == ["downloads"]


def test_one_listing_per_pipeline_tag(hosts, tmp_path):
    verdicts(hosts, tmp_path, ["openai-community/gpt2", "acme/staging-model", "acme/removed-only"])
    hub, _ = hosts
    assert len([r for r in hub.requests if r.path == "/api/models"]) == 1


@pytest.mark.parametrize(
    "suffix, available, reason",
    [
        ("fastest", True, None),
        ("cheapest", True, None),
        ("groq", True, None),
        ("nebius", False, "provider-removed"),
        ("cerebras", False, "no-provider"),
        ("made-up", False, "unknown-provider"),
        ("openai", False, "unknown-provider"),
    ],
)
def test_suffix_is_checked(hosts, tmp_path, suffix, available, reason):
    model = f"{LLAMA}:{suffix}"
    v = verdicts(hosts, tmp_path, [model])[model]
    assert (v.available, v.reason) == (available, reason)
    assert v.base_model == LLAMA and v.suffix == suffix
    if not available:
        assert v.alternatives == [LLAMA]  # drop the pin: the model itself is served


def test_one_router_request_and_one_hub_request_per_distinct_model(hosts, tmp_path):
    hub, router = hosts
    verdicts(hosts, tmp_path, [LLAMA, f"{LLAMA}:groq", f"{LLAMA}:fastest", "BAAI/bge-small-en-v1.5"])
    assert len(router.requests) == 1
    assert sorted(r.path for r in model_requests(hub)) == ["/api/models/BAAI/bge-small-en-v1.5", f"/api/models/{LLAMA}"]
    assert model_requests(hub)[0].query["expand[]"] == ["inferenceProviderMapping", "pipeline_tag"]


def test_429_with_retry_after_is_retried(tmp_path):
    model = "BAAI/bge-small-en-v1.5"
    with hub_host() as hub, router_host() as router:
        hub.route(
            "GET",
            r"/api/models/BAAI/bge-small-en-v1.5",
            [
                Reply(429, json={"error": "slow down"}, headers={"Retry-After": "0"}),
                Reply(429, json={"error": "slow down"}, headers={"RateLimit": '"api";r=0;t=0'}),
                Reply(
                    200,
                    json={
                        "id": model,
                        "pipeline_tag": "feature-extraction",
                        "inferenceProviderMapping": mapping(hf_inference=("live", "feature-extraction")),
                    },
                ),
            ],
        )
        v = resolve_models([model], options=options_for(hub, router, tmp_path))[model]
        assert v.available
        assert len(model_requests(hub)) == 3


def test_persistent_5xx_is_a_lookup_failure_and_is_not_cached(tmp_path):
    with hub_host() as hub, router_host() as router:
        hub.route("GET", r"/api/models/acme/flaky", Reply(503, json={"error": "down"}, headers={"Retry-After": "0"}))
        options = options_for(hub, router, tmp_path)
        report = check_models([ModelRequest("acme/flaky")], options)
        assert report.verdicts[0].reason == "lookup-failed" and report.exit_code == 2
        assert "503" in report.verdicts[0].detail
        assert len(model_requests(hub)) == 3  # first try + 2 retries
        check_models([ModelRequest("acme/flaky")], options)
        assert len(model_requests(hub)) == 6  # asked again: failures are never cached


def test_hub_lookups_are_bounded_by_concurrency(tmp_path):
    in_flight, peak, lock = [0], [0], threading.Lock()
    models = {f"org/m{i}": ("text-generation", mapping(groq=("live", "conversational")), i) for i in range(12)}

    def counting(request):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        try:
            import time

            time.sleep(0.05)  # long enough for the client to have every allowed request open
            return hub_model_reply(request, models)
        finally:
            with lock:
                in_flight[0] -= 1

    with hub_host(models=models) as hub, router_host() as router:
        hub.route("GET", r"/api/models/(?P<org>[^/]+)/(?P<name>[^/]+)", counting)
        result = resolve_models(list(models), options=options_for(hub, router, tmp_path, concurrency=3))
        assert all(v.available for v in result.values())
        assert 1 <= peak[0] <= 3


def test_unreachable_hub_is_a_network_error_naming_the_host(tmp_path):
    dead = LocalHF().start()
    dead_url = dead.url
    dead.stop()
    with router_host() as router:
        options = CatalogOptions(
            hosts=resolve_hosts(router.url, None, dead_url, environ={}),
            cache_dir=tmp_path,
            retry=RetryPolicy(retries=0),
        )
        with pytest.raises(NetworkError) as caught:
            resolve_models([LLAMA], options=options)
    assert dead_url.split("//")[1].split(":")[0] in str(caught.value)


def test_router_catalogue_error_falls_back_to_per_model_entries_and_the_hub_with_a_warning(tmp_path):
    warnings = []
    llama_entry = {
        "id": LLAMA,
        "object": "model",
        "providers": [{"provider": "groq", "status": "live", "context_length": 131072}],
    }
    with hub_host() as hub, LocalHF() as router:
        router.route("GET", r"/v1/models", Reply(500, text="boom", headers={"Retry-After": "0"}))
        router.route("GET", r"/v1/models/meta-llama/Llama-3.1-8B-Instruct", Reply(json=llama_entry))
        report = check_models(
            [ModelRequest(LLAMA), ModelRequest("BAAI/bge-small-en-v1.5")],
            options_for(hub, router, tmp_path, warn=warnings.append),
        )
        router_host_name = router.url.split("//")[1]
    llama, bge = sorted(report.verdicts, key=lambda v: v.model)[1], sorted(report.verdicts, key=lambda v: v.model)[0]
    assert report.exit_code == 0
    assert llama.available and llama.chat and llama.context_length == 131072  # the per-model entry was read
    assert bge.available and "feature-extraction" in bge.hf_inference_tasks  # the Hub mapping alone
    assert len(warnings) == 1 and "500" in warnings[0] and router_host_name in warnings[0]
    assert report.warnings == warnings


def test_unreachable_router_is_a_warning_and_the_hub_mapping_decides(tmp_path):
    dead = LocalHF().start()
    dead_url = dead.url
    dead.stop()
    warnings = []
    with hub_host() as hub:
        options = CatalogOptions(
            hosts=resolve_hosts(dead_url, None, hub.url, environ={}),
            cache_dir=tmp_path,
            retry=RetryPolicy(retries=0),
            warn=warnings.append,
        )
        v = resolve_models([LLAMA], options=options)[LLAMA]
    assert v.available and v.chat  # the Hub maps it as conversational
    assert len(warnings) == 1 and "Hub mapping alone" in warnings[0]


def test_token_reaches_the_hub_and_opens_gated_models(tmp_path):
    models = dict(HUB_MODELS)
    models["acme/gated-model"] = ("text-classification", mapping(hf_inference=("live", "text-classification")), 1)
    with hub_host(models=models) as hub, router_host() as router:
        token = Token("hf_" + "Q" * 4 + "canarytokenvalue0123456789abcdef", "test")
        v = resolve_models(["acme/gated-model"], options=options_for(hub, router, tmp_path, token=token))[
            "acme/gated-model"
        ]
        assert v.available
        assert model_requests(hub)[0].headers["authorization"] == f"Bearer {token.value}"


def test_gated_answer_seen_without_token_is_asked_again_with_one(tmp_path):
    models = dict(HUB_MODELS)
    models["acme/gated-model"] = ("text-classification", mapping(hf_inference=("live", "text-classification")), 1)
    with hub_host(models=models) as hub, router_host() as router:
        first = resolve_models(["acme/gated-model"], options=options_for(hub, router, tmp_path))
        assert first["acme/gated-model"].reason == "gated-or-private"
        token = Token("hf_" + "Z" * 4 + "anothertokenvalue0123456789abcd", "test")
        second = resolve_models(["acme/gated-model"], options=options_for(hub, router, tmp_path, token=token))
        assert second["acme/gated-model"].available


def test_resolve_models_keys_by_given_ids_and_keeps_input_order(hosts, tmp_path):
    ids = ["BAAI/bge-small-en-v1.5", LLAMA, f"{LLAMA}:nebius", "BAAI/bge-small-en-v1.5"]
    result = verdicts(hosts, tmp_path, ids)
    assert list(result) == ["BAAI/bge-small-en-v1.5", LLAMA, f"{LLAMA}:nebius"]


def test_progress_is_reported_per_hub_lookup(hosts, tmp_path):
    seen = []
    verdicts(
        hosts,
        tmp_path,
        [LLAMA, "BAAI/bge-small-en-v1.5", "openai-community/gpt2"],
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_embedding_tasks_stand_in_for_each_other(hosts, tmp_path):
    model = "sentence-transformers/all-MiniLM-L6-v2"  # mapped for sentence-similarity on the Hub
    v = verdicts(hosts, tmp_path, [model], {model: "feature-extraction"})[model]
    assert v.available
    assert v.hf_inference_tasks == frozenset({"feature-extraction", "sentence-similarity"})


@pytest.mark.parametrize(
    "model, task, route",
    [
        (LLAMA, "text-generation", "chat"),
        (LLAMA, None, "chat"),
        ("mistralai/Mistral-7B-Instruct-v0.3", "text-generation", "hf-inference"),
        ("sentence-transformers/all-MiniLM-L6-v2", "feature-extraction", "hf-inference"),
        ("BAAI/bge-small-en-v1.5", "text-classification", "marker"),
        ("openai-community/gpt2", None, "marker"),
        (f"{LLAMA}:nebius", "text-generation", "marker"),
    ],
)
def test_route_for_rewrite(hosts, tmp_path, model, task, route):
    v = verdicts(hosts, tmp_path, [model], {model: task})[model]
    assert v.route() == route
