"""The catalogue cache: location, TTL, --refresh, --offline, corrupt files, unwritable folders, host keys, tokens."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from hfmigrate.auth import Token
from hfmigrate.catalog import CatalogOptions, resolve_models
from hfmigrate.catalog.cache import default_cache_dir, host_key
from hfmigrate.errors import CacheError
from hfmigrate.net import RetryPolicy, resolve_hosts
from tests.catalog_hosts import HUB_MODELS, hub_host, hub_model_reply, model_requests, router_host
from tests.server import LocalHF

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
IDS = [LLAMA, "openai-community/gpt2"]


def options(hub_url, router_url, cache_dir, warnings=None, **overrides) -> CatalogOptions:
    settings = dict(
        hosts=resolve_hosts(router_url, None, hub_url, environ={}),
        cache_dir=cache_dir,
        retry=RetryPolicy(retries=0),
        warn=(warnings.append if warnings is not None else lambda m: None),
    )
    settings.update(overrides)
    return CatalogOptions(**settings)


def dead_url() -> str:
    server = LocalHF().start()
    url = server.url
    server.stop()
    return url


def age_cache(cache_dir: Path, seconds: float) -> None:
    """Pretend every cached entry was fetched ``seconds`` ago."""
    for path in cache_dir.rglob("*.json"):
        document = json.loads(path.read_text())
        for entry in document["entries"].values():
            entry["fetched_at"] = time.time() - seconds
        path.write_text(json.dumps(document))


@pytest.mark.parametrize(
    "environ, platform, expected",
    [
        ({"HFMIGRATE_CACHE_DIR": "/c/x", "XDG_CACHE_HOME": "/xdg", "HOME": "/h"}, "linux", "/c/x"),
        ({"XDG_CACHE_HOME": "/xdg", "HOME": "/h"}, "darwin", "/xdg/hfmigrate"),
        ({"HOME": "/h"}, "linux", "/h/.cache/hfmigrate"),
        ({"HOME": "/h"}, "darwin", "/h/Library/Caches/hfmigrate"),
        ({"HOME": "/h", "LOCALAPPDATA": "/appdata"}, "win32", "/appdata/hfmigrate/Cache"),
    ],
)
def test_default_cache_dir(environ, platform, expected):
    assert default_cache_dir(environ, platform) == Path(expected)


def test_host_key_separates_hosts_and_ports():
    assert host_key("https://huggingface.co") == "https_huggingface.co"
    assert host_key("http://127.0.0.1:8080") != host_key("http://127.0.0.1:8081")
    assert host_key("https://hf-mirror.com") != host_key("https://huggingface.co")


def test_second_run_is_served_from_the_cache(tmp_path):
    with hub_host() as hub, router_host() as router:
        first = resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        count = len(hub.requests) + len(router.requests)
        second = resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        assert len(hub.requests) + len(router.requests) == count
    assert first == second
    files = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["hub-listings.json", "hub-models.json", "router-models.json"]  # no temp files left behind


def test_entries_older_than_max_age_are_fetched_again(tmp_path):
    with hub_host() as hub, router_host() as router:
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        before = len(model_requests(hub))
        age_cache(tmp_path, 7200)
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path))  # default max age: one hour
        assert len(model_requests(hub)) == before * 2
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path, max_age=60))
        assert len(model_requests(hub)) == before * 2  # just written: fresh


def test_refresh_bypasses_a_fresh_cache(tmp_path):
    with hub_host() as hub, router_host() as router:
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path, refresh=True))
        assert len(router.requests) == 2
        assert len(model_requests(hub)) == 2 * len(IDS)


def test_offline_uses_only_the_cache(tmp_path):
    with hub_host() as hub, router_host() as router:
        online = resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        hub_url, router_url = hub.url, router.url
    # both servers are gone now: any request would fail
    offline = resolve_models(IDS, options=options(hub_url, router_url, tmp_path, offline=True))
    assert offline == online


def test_offline_without_cache_says_so(tmp_path):
    with pytest.raises(CacheError, match="no cached router catalogue"):
        resolve_models(IDS, options=options(dead_url(), dead_url(), tmp_path, offline=True))


def test_offline_with_a_stale_cache_gives_its_age(tmp_path):
    with hub_host() as hub, router_host() as router:
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        hub_url, router_url = hub.url, router.url
    age_cache(tmp_path, 3 * 3600 + 120)
    with pytest.raises(CacheError) as caught:
        resolve_models(IDS, options=options(hub_url, router_url, tmp_path, offline=True))
    assert "3h 02m old" in str(caught.value) and "--max-age" in str(caught.value)
    # a larger --max-age accepts it
    assert resolve_models(IDS, options=options(hub_url, router_url, tmp_path, offline=True, max_age=86400))


def test_offline_for_a_model_never_checked(tmp_path):
    with hub_host() as hub, router_host() as router:
        resolve_models([LLAMA], options=options(hub.url, router.url, tmp_path))
        hub_url, router_url = hub.url, router.url
    with pytest.raises(CacheError, match="Qwen/Qwen2.5-7B-Instruct"):
        resolve_models(["Qwen/Qwen2.5-7B-Instruct"], options=options(hub_url, router_url, tmp_path, offline=True))


def test_corrupt_cache_file_is_ignored_and_rebuilt(tmp_path):
    warnings: list[str] = []
    with hub_host() as hub, router_host() as router:
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        models_file = next(tmp_path.rglob("hub-models.json"))
        models_file.write_text('{"format": 1, "entries": {"trunc')
        before = len(model_requests(hub))
        result = resolve_models(IDS, options=options(hub.url, router.url, tmp_path, warnings))
        assert result[LLAMA].available
        assert len(model_requests(hub)) == before + len(IDS)
    assert len(warnings) == 1 and str(models_file) in warnings[0]
    assert json.loads(models_file.read_text())["entries"][LLAMA]["data"]["status"] == "ok"


def test_corrupt_cache_file_offline_is_unusable(tmp_path):
    with hub_host() as hub, router_host() as router:
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        hub_url, router_url = hub.url, router.url
    next(tmp_path.rglob("router-models.json")).write_bytes(b"\x00\xff not json")
    with pytest.raises(CacheError, match="unusable"):
        resolve_models(IDS, options=options(hub_url, router_url, tmp_path, offline=True))


def test_unwritable_cache_warns_once_and_the_check_goes_on(tmp_path):
    # a regular file where the cache folder should be: no folder can be made, even for root
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    warnings: list[str] = []
    with hub_host() as hub, router_host() as router:
        result = resolve_models(IDS, options=options(hub.url, router.url, blocker / "cache", warnings))
    assert result[LLAMA].available
    assert len(warnings) == 1 and "continuing without caching" in warnings[0]
    assert "\n" not in warnings[0]


def test_a_mirror_never_reads_huggingface_cache(tmp_path):
    with hub_host() as hub, router_host() as router, hub_host(models={}) as mirror:
        assert resolve_models([LLAMA], options=options(hub.url, router.url, tmp_path))[LLAMA].available
        on_mirror = resolve_models([LLAMA], options=options(mirror.url, router.url, tmp_path))[LLAMA]
        assert len(model_requests(mirror)) == 1
    assert on_mirror.removed_providers == [] and on_mirror.live_providers == ["groq", "novita"]  # router facts only
    assert len(list(tmp_path.glob("*/hub-models.json"))) == 2


def test_token_never_lands_in_the_cache_even_if_a_server_echoes_it(tmp_path):
    canary = "hf_" + "CanaryCacheToken" + "0123456789abcdefXYZ"

    def echoing(request):
        reply = hub_model_reply(request)
        if reply.status == 200:
            reply = type(reply)(200, json=dict(reply.json, cardData={"echo": request.headers.get("authorization")}))
        return reply

    with hub_host() as hub, router_host() as router:
        hub.route("GET", r"/api/models/(?P<org>[^/]+)/(?P<name>[^/]+)", echoing)
        result = resolve_models(IDS, options=options(hub.url, router.url, tmp_path, token=Token(canary, "test")))
        assert result[LLAMA].available
        assert any(canary in (r.headers.get("authorization") or "") for r in hub.requests)  # it was really sent
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert canary not in path.read_text(errors="replace")
            assert "Canary" not in path.read_text(errors="replace")
    assert HUB_MODELS  # the shared table was not modified by the echo


def test_a_well_formed_file_with_a_bad_entry_is_refetched(tmp_path):
    with hub_host() as hub, router_host() as router:
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        models_file = next(tmp_path.rglob("hub-models.json"))
        document = json.loads(models_file.read_text())
        document["entries"][LLAMA]["data"] = ["not", "an", "answer"]
        models_file.write_text(json.dumps(document))
        before = len(model_requests(hub))
        assert resolve_models(IDS, options=options(hub.url, router.url, tmp_path))[LLAMA].available
        assert len(model_requests(hub)) == before + 1


def _cache_answer(models_file: Path, model: str, answer: dict) -> None:
    document = json.loads(models_file.read_text())
    document["entries"][model]["data"] = answer
    models_file.write_text(json.dumps(document))


def test_a_cached_answer_is_read_back_by_its_word_and_an_error_never_counts(tmp_path):
    with hub_host() as hub, router_host() as router:
        resolve_models(IDS, options=options(hub.url, router.url, tmp_path))
        models_file = next(tmp_path.rglob("hub-models.json"))
        gpt2 = IDS[1]  # (the router does not list it: the Hub's answer decides)
        assert json.loads(models_file.read_text())["entries"][gpt2]["data"]["status"] == "ok"
        _cache_answer(models_file, gpt2, {"status": "not-found", "data": None, "message": "answered 404"})
        before = len(model_requests(hub))
        offline = resolve_models(IDS, options=options(hub.url, router.url, tmp_path, offline=True))
        assert offline[gpt2].reason == "not-found" and len(model_requests(hub)) == before
        _cache_answer(models_file, gpt2, {"status": "error", "data": None, "message": "answered 500"})
        assert resolve_models(IDS, options=options(hub.url, router.url, tmp_path))[gpt2].reason == "no-provider"
        assert len(model_requests(hub)) == before + 1  # an error in the cache is no answer: asked again
