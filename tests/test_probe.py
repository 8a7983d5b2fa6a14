"""hfmigrate probe: the engine against real local HTTP servers standing in for the legacy host, the router and the Hub."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import jsonschema
import pytest
from typer.testing import CliRunner

from hfmigrate.auth import Token
from hfmigrate.cli import app
from hfmigrate.errors import UsageError
from hfmigrate.net import resolve_hosts
from hfmigrate.probe import DEFAULT_MODELS, ProbeOptions, Source, Target, probe, targets_from_models
from hfmigrate.probe.diagnose import Context, check_whoami, parse_mapping
from hfmigrate.report.probe_json import SCHEMA, render_json
from hfmigrate.report.probe_text import render_text
from tests.probe_fixtures import (
    CHAT_MODEL,
    EMBED_MODEL,
    embedding,
    forbidden,
    hf_hosts,
    loading,
    mapping,
    model_not_supported,
    payment_required,
    rate_limited,
    repo_not_found,
    unauthorized,
    whoami,
)
from tests.server import (
    Reply,
    chat_completion,
    chat_stream,
    hf_inference_not_found,
    legacy_gone,
    legacy_gone_html,
)

TOKEN = Token("hf_" + "Ab1" * 12, "$HF_TOKEN")
FAST = {"base_delay": 0.01, "retry_cap": 0.2}


def run(h, models=DEFAULT_MODELS, token=TOKEN, **options):
    opts = ProbeOptions(**{**FAST, **options})
    hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
    return probe(targets_from_models(list(models)), opts, token, hosts)


def pick(report, kind, model=None):
    found = [r for r in report.results if r.request.kind == kind and (model is None or r.request.model == model)]
    assert len(found) == 1, [(r.request.kind, r.request.model) for r in report.results]
    return found[0]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the default probe ----------------------------------------------------------------------------------------


def test_default_probe_works_end_to_end_and_exits_0():
    with hf_hosts() as h:
        report = run(h)
    assert report.exit_code == 0
    assert pick(report, "legacy", CHAT_MODEL).reason == "legacy-retired"
    assert pick(report, "legacy", CHAT_MODEL).outcome == "expected"
    chat = pick(report, "router-chat", CHAT_MODEL)
    assert (chat.reason, chat.provider, chat.request_id) == ("ok", "novita", "req-local-1")
    assert pick(report, "hf-inference", EMBED_MODEL).reason == "ok"
    assert pick(report, "router-models").reason == "ok"
    assert pick(report, "token").reason == "ok"
    assert report.verdict.startswith("legacy retired; router works with provider novita")


def test_default_probe_requests_are_minimal():
    with hf_hosts() as h:
        run(h)
        chats = [r.json() for r in h.router.requests if r.path == "/v1/chat/completions"]
        embeds = [r for r in h.router.requests if r.path.endswith("/pipeline/feature-extraction")]
    assert chats == [{"model": CHAT_MODEL, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1}]
    assert [r.json() for r in embeds] == [{"inputs": "hello"}]
    assert embeds[0].path == f"/hf-inference/models/{EMBED_MODEL}/pipeline/feature-extraction"


def test_hf_inference_waits_for_the_hub_task_when_the_name_says_nothing():
    with hf_hosts() as h:
        h.hub.route(
            "GET",
            r"/api/models/acme/vectors",
            mapping("acme/vectors", "feature-extraction", {"hf-inference": "feature-extraction"}),
        )
        h.router.route("POST", r"/hf-inference/models/acme/vectors/pipeline/feature-extraction", embedding())
        report = run(h, models=["acme/vectors"])
    assert pick(report, "hf-inference").request.url.endswith("/acme/vectors/pipeline/feature-extraction")
    assert pick(report, "hf-inference").reason == "ok"


def test_costly_task_is_not_sent_to_hf_inference():
    with hf_hosts() as h:
        h.hub.route(
            "GET",
            r"/api/models/acme/painter",
            mapping("acme/painter", "text-to-image", {"hf-inference": "text-to-image"}),
        )
        report = run(h, models=["acme/painter"])
        hf_posts = [r for r in h.router.requests if r.path.startswith("/hf-inference/")]
    assert pick(report, "hf-inference").reason == "skipped"
    assert "text-to-image" in pick(report, "hf-inference").diagnosis
    assert hf_posts == []


def test_requests_run_concurrently():
    """Every request starts before any finishes: they share one client instead of running one after another."""
    events = []
    models = [f"acme/chat-{i}" for i in range(5)]
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", Reply(200, json=chat_completion().json, delay=0.1))
        hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
        report = probe(
            targets_from_models(models),
            ProbeOptions(endpoint="router"),
            TOKEN,
            hosts,
            on_event=lambda event, request: events.append(event),
        )
    assert events.count("start") == 12  # 5 chats, 5 Hub mappings, /v1/models, whoami
    assert events.index("done") == 12
    assert [pick(report, "router-chat", m).reason for m in models] == ["ok"] * 5


def test_requests_beyond_the_pool_bound_queue_without_timing_out():
    """Ten 0.15 s answers through one connection take 1.5 s: more than --timeout, if the queueing counted."""
    models = [f"acme/chat-{i}" for i in range(10)]
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", Reply(200, json=chat_completion().json, delay=0.15))
        report = run(h, models=models, endpoint="router", max_connections=1, timeout=1.0, retries=0)
    assert {r.reason for r in report.results} == {"ok", "model-not-found"}  # the Hub knows none of the acme models
    assert report.exit_code == 0


def test_hub_lookup_failure_beside_working_chat_is_a_warning():
    with hf_hosts() as h:
        h.hub.route("GET", rf"/api/models/{CHAT_MODEL}", Reply(401, json={"error": "Invalid username or password."}))
        report = run(h, models=[CHAT_MODEL], endpoint="router")
    assert (pick(report, "hub-mapping").reason, pick(report, "hub-mapping").outcome) == ("gated-or-private", "warn")
    assert report.exit_code == 0


def test_progress_hook_counts_requests():
    from hfmigrate.report.probe_text import progress

    with hf_hosts() as h, progress(enabled=True) as on_event:
        hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
        report = probe(targets_from_models([CHAT_MODEL]), ProbeOptions(), TOKEN, hosts, on_event=on_event)
    assert on_event is not None and report.exit_code == 0
    with progress(enabled=False) as nothing:
        assert nothing is None


# --- the legacy host ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reply", [legacy_gone(0), legacy_gone(1), legacy_gone(2), legacy_gone_html()])
def test_every_legacy_410_wording_is_legacy_retired(reply):
    with hf_hosts() as h:
        h.legacy.route("*", r"/.*", reply)
        report = run(h, models=[CHAT_MODEL], endpoint="legacy")
    result = pick(report, "legacy")
    assert (result.reason, result.outcome, report.exit_code) == ("legacy-retired", "expected", 0)
    assert "/v1/chat/completions" in result.fix


@pytest.mark.parametrize(
    ("legacy_url", "path", "body_key"),
    [
        ("https://api-inference.huggingface.co/v1/", "/v1/chat/completions", "messages"),
        (
            f"https://api-inference.huggingface.co/models/{CHAT_MODEL}/v1/chat/completions",
            f"/models/{CHAT_MODEL}/v1/chat/completions",
            "messages",
        ),
        (
            "https://api-inference.huggingface.co/pipeline/feature-extraction/acme/e",
            "/pipeline/feature-extraction/acme/e",
            "inputs",
        ),
    ],
)
def test_legacy_urls_from_code_are_probed_as_written_on_the_legacy_host(legacy_url, path, body_key):
    with hf_hosts() as h:
        hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
        target = Target(CHAT_MODEL, legacy_url=legacy_url, sources=(Source("app.py", 3),))
        report = probe([target], ProbeOptions(endpoint="legacy"), TOKEN, hosts)
        sent = h.legacy.requests[0]
    assert sent.path == path and body_key in sent.json()
    assert pick(report, "legacy").reason == "legacy-retired"
    assert [str(s) for s in pick(report, "legacy").request.sources] == ["app.py:3"]


def test_410_without_the_notice_is_not_called_retired():
    with hf_hosts() as h:
        h.legacy.route("*", r"/.*", Reply(410, text="Gone"))
        report = run(h, models=[CHAT_MODEL], endpoint="legacy")
    assert pick(report, "legacy").reason == "gone"


# --- router and hf-inference errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("reply", [hf_inference_not_found(), hf_inference_not_found(json_body=True, model=CHAT_MODEL)])
def test_hf_inference_404_is_not_deployed_and_names_live_providers(reply):
    model = "acme/stale-classifier"  # the Hub still lists hf-inference, which answers 404
    with hf_hosts() as h:
        h.hub.route(
            "GET",
            rf"/api/models/{model}",
            mapping(
                model, "text-classification", {"hf-inference": "text-classification", "together": "text-classification"}
            ),
        )
        h.router.route("POST", r"/hf-inference/models/.+", reply)
        report = run(h, models=[model])
    result = pick(report, "hf-inference")
    assert result.reason == "not-deployed"
    assert "live providers: together" in result.diagnosis
    assert pick(report, "router-chat").reason == "skipped"  # not a chat model: no chat request


def test_a_chat_model_is_not_sent_to_hf_inference_when_its_mapping_lacks_it():
    with hf_hosts() as h:
        report = run(h, models=[CHAT_MODEL])
        hf_posts = [r for r in h.router.requests if r.path.startswith("/hf-inference/")]
    result = pick(report, "hf-inference")
    assert result.reason == "skipped" and "groq, novita" in result.diagnosis
    assert hf_posts == [] and report.exit_code == 0


def test_model_not_supported_fails_and_suggests_check_models():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", model_not_supported("acme/nothing-Instruct"))
        h.hub.route("GET", r"/api/models/acme/nothing-Instruct", repo_not_found())
        report = run(h, models=["acme/nothing-Instruct"])  # the name says chat: sent without waiting for the Hub
    result = pick(report, "router-chat")
    assert result.reason == "model-not-supported"
    assert "hfmigrate check-models acme/nothing-Instruct" in result.fix
    assert pick(report, "hub-mapping").reason == "model-not-found"
    assert report.exit_code == 1


@pytest.mark.parametrize(
    ("reply", "reason", "words"),
    [
        (forbidden(), "forbidden", "tokenType=fineGrained"),
        (payment_required(), "payment-required", "exceeded your monthly included credits"),
        (Reply(500, json={"error": "boom"}), "server-error", "500"),
        (
            Reply(422, json={"error": "Input validation error: max_tokens", "error_type": "validation"}),
            "bad-request",
            "validation",
        ),
    ],
)
def test_router_error_statuses(reply, reason, words):
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", reply)
        report = run(h, models=[CHAT_MODEL], endpoint="router", retries=0)
    result = pick(report, "router-chat")
    assert result.reason == reason
    assert words in result.diagnosis + result.fix
    assert report.exit_code == 1


def test_401_with_a_token_names_its_source_not_its_value():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", unauthorized())
        report = run(h, models=[CHAT_MODEL], endpoint="router")
    result = pick(report, "router-chat")
    assert result.reason == "unauthorized"
    assert "$HF_TOKEN" in result.diagnosis and TOKEN.value not in result.diagnosis + result.fix


def test_no_token_skips_whoami_and_says_so():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", unauthorized())
        report = run(h, models=[CHAT_MODEL], endpoint="router", token=None)
        whoami_calls = [r for r in h.hub.requests if r.path == "/api/whoami-v2"]
    assert pick(report, "token").reason == "no-token"
    assert "no token was sent" in pick(report, "router-chat").diagnosis
    assert whoami_calls == []
    assert report.exit_code == 1


# --- retries --------------------------------------------------------------------------------------------------


def test_429_with_retry_after_is_retried_then_ok():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", [rate_limited("0"), chat_completion()])
        report = run(h, models=[CHAT_MODEL], endpoint="router", retries=2)
    result = pick(report, "router-chat")
    assert (result.reason, result.exchange.retries, result.exchange.retry_waits) == ("ok", 1, [0.0])


def test_429_retry_after_is_capped():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", rate_limited("120"))
        report = run(h, models=[CHAT_MODEL], endpoint="router", retries=1, retry_cap=0.05)
    result = pick(report, "router-chat")
    assert result.exchange.retry_waits == [0.05]
    assert result.reason == "rate-limited" and "120 s" in result.diagnosis
    assert result.rate_limit["retry-after"] == "120"


def test_429_without_retry_after_backs_off_and_says_so():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", rate_limited(None, ratelimit=False))
        report = run(h, models=[CHAT_MODEL], endpoint="router", retries=2)
        attempts = [r for r in h.router.requests if r.path == "/v1/chat/completions"]
    result = pick(report, "router-chat")
    assert result.reason == "rate-limited" and "no Retry-After" in result.diagnosis
    assert len(attempts) == 3 and result.exchange.retries == 2


def test_no_retry_on_other_4xx():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", forbidden())
        run(h, models=[CHAT_MODEL], endpoint="router", retries=3)
        attempts = [r for r in h.router.requests if r.path == "/v1/chat/completions"]
    assert len(attempts) == 1


def test_503_loading_waits_estimated_time_then_ok():
    with hf_hosts() as h:
        h.router.route(
            "POST", rf"/hf-inference/models/{EMBED_MODEL}/pipeline/feature-extraction", [loading(0.03), embedding()]
        )
        report = run(h, models=[EMBED_MODEL], endpoint="hf-inference", retries=1)
    result = pick(report, "hf-inference")
    assert (result.reason, result.exchange.retry_waits) == ("ok", [0.03])


def test_503_loading_after_the_last_retry_is_loading():
    with hf_hosts() as h:
        h.router.route("POST", rf"/hf-inference/models/{EMBED_MODEL}/pipeline/feature-extraction", loading(20))
        report = run(h, models=[EMBED_MODEL], endpoint="hf-inference", retries=0)
    assert pick(report, "hf-inference").reason == "loading"
    assert "20 s" in pick(report, "hf-inference").diagnosis


# --- transport failures and bad bodies ------------------------------------------------------------------------


def test_slow_answer_past_the_timeout_is_timeout():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", Reply(200, json={}, delay=2.0))
        report = run(h, models=[CHAT_MODEL], endpoint="router", timeout=0.3, retries=0)
    assert pick(report, "router-chat").reason == "timeout"
    assert report.exit_code == 1


@pytest.mark.parametrize("retries", [0, 1])
def test_dropped_connection_is_connect_error(retries):
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", Reply(drop=True))
        report = run(h, models=[CHAT_MODEL], endpoint="router", retries=retries)
    result = pick(report, "router-chat")
    assert (result.reason, result.exchange.retries) == ("connect-error", retries)


@pytest.mark.parametrize("reply", [Reply(200, text="<html>oops"), Reply(200, json={"unexpected": True})])
def test_2xx_with_the_wrong_body_is_bad_response(reply):
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", reply)
        report = run(h, models=[CHAT_MODEL], endpoint="router")
    assert pick(report, "router-chat").reason == "bad-response"
    assert report.exit_code == 1


def test_tls_error_when_https_meets_plain_http():
    with hf_hosts() as h:
        hosts = resolve_hosts(h.router.url, h.legacy.url.replace("http://", "https://"), h.hub.url, environ={})
        report = probe([Target(CHAT_MODEL)], ProbeOptions(endpoint="legacy", retries=0), TOKEN, hosts)
    assert pick(report, "legacy").reason == "tls-error"


def test_dns_error():
    hosts = resolve_hosts(legacy_url="http://no-such-host.invalid", environ={})
    report = probe([Target(CHAT_MODEL)], ProbeOptions(endpoint="legacy", retries=0), None, hosts)
    assert pick(report, "legacy").reason == "dns-error"
    assert report.exit_code == 2 and report.no_network


def test_no_network_at_all_exits_2():
    dead = f"http://127.0.0.1:{closed_port()}"
    hosts = resolve_hosts(dead, dead, dead, environ={})
    report = probe(targets_from_models(DEFAULT_MODELS), ProbeOptions(retries=0), TOKEN, hosts)
    assert {r.reason for r in report.results if r.exchange.sent} == {"connect-error"}
    assert (report.no_network, report.exit_code) == (True, 2)
    assert report.verdict.startswith("no network")


# --- streaming ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("space", [True, False])
def test_stream_ok_ends_with_done(space):
    with hf_hosts() as h:
        h.router.route(
            "POST",
            r"/v1/chat/completions",
            lambda r: chat_stream(space_after_colon=space) if r.json().get("stream") else chat_completion(),
        )
        report = run(h, models=[CHAT_MODEL], endpoint="router", stream=True)
    result = pick(report, "router-stream")
    assert result.reason == "ok" and result.exchange.stream.chunks == 2
    assert report.exit_code == 0
    document = json.loads(render_json(report))
    jsonschema.validate(document, SCHEMA)
    assert next(r for r in document["results"] if r["endpoint"] == "router-stream")["stream"]["done"] is True


@pytest.mark.parametrize(
    ("lines", "words"),
    [
        (['data: {"choices": [{"delta": {"content": "Hi"}}]}'], "no [DONE]"),
        (["data: not json", "data: [DONE]"], "not JSON"),
    ],
)
def test_broken_streams_are_bad_stream(lines, words):
    with hf_hosts() as h:
        h.router.route(
            "POST",
            r"/v1/chat/completions",
            lambda r: Reply(200, sse=lines) if r.json().get("stream") else chat_completion(),
        )
        report = run(h, models=[CHAT_MODEL], endpoint="router", stream=True)
    result = pick(report, "router-stream")
    assert result.reason == "bad-stream" and words in result.diagnosis
    assert report.exit_code == 1


def test_stream_answered_with_json_is_bad_stream():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", chat_completion())
        report = run(h, models=[CHAT_MODEL], endpoint="router", stream=True)
    assert pick(report, "router-stream").reason == "bad-stream"


# --- the token check ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "reason", "code"),
    [
        (whoami(global_perms=("inference.serverless.write",)), "ok", 0),
        (whoami(scoped_perms=("repo.content.read", "inference.serverless.write")), "ok", 0),
        (whoami(scoped_perms=("repo.content.read",)), "forbidden", 1),
        (whoami(role="write"), "permission-unconfirmed", 0),
        (whoami(role="read"), "permission-unconfirmed", 0),
        (unauthorized(), "unauthorized", 1),
    ],
)
def test_token_check(reply, reason, code):
    with hf_hosts() as h:
        h.hub.route("GET", r"/api/whoami-v2", reply)
        report = run(h)
    assert pick(report, "token").reason == reason
    assert report.exit_code == code


def test_whoami_parsing_is_tolerant():
    ctx = Context(resolve_hosts(environ={}), "$HF_TOKEN")
    assert check_whoami({}, ctx)[0] == "permission-unconfirmed"
    assert (
        check_whoami({"auth": {"accessToken": {"role": "fineGrained", "fineGrained": {"scoped": "junk"}}}}, ctx)[0]
        == "forbidden"
    )


def test_mapping_accepts_object_and_list_forms():
    for as_list in (False, True):
        reply = mapping(
            "a/b", "text-generation", {"novita": "conversational", "hf-inference": "text-generation"}, as_list
        )
        parsed = parse_mapping(json.dumps(reply.json).encode())
        assert parsed.live == ["hf-inference", "novita"] and parsed.chat_live == ["novita"]
        assert parsed.task == "text-generation"


# --- narrowing: --endpoint and --no-inference -----------------------------------------------------------------


def test_no_inference_sends_only_free_requests():
    with hf_hosts() as h:
        report = run(h, inference=False)
        methods = {
            (host, r.method)
            for host, s in (("legacy", h.legacy), ("router", h.router), ("hub", h.hub))
            for r in s.requests
        }
        router_paths = {r.path for r in h.router.requests}
    assert methods == {("legacy", "GET"), ("router", "GET"), ("hub", "GET")}
    assert router_paths == {"/v1/models"}
    assert report.exit_code == 0
    assert pick(report, "legacy", CHAT_MODEL).reason == "legacy-retired"


def test_endpoint_legacy_touches_only_the_legacy_host():
    with hf_hosts() as h:
        report = run(h, endpoint="legacy")
        counts = (len(h.legacy.requests), len(h.router.requests), len(h.hub.requests))
    assert counts == (2, 0, 0)
    assert {r.request.kind for r in report.results} == {"legacy"}


def test_endpoint_router_skips_legacy_and_hf_inference():
    with hf_hosts() as h:
        report = run(h, endpoint="router")
        legacy_calls = len(h.legacy.requests)
        hf_calls = [r for r in h.router.requests if r.path.startswith("/hf-inference")]
    assert legacy_calls == 0 and hf_calls == []
    assert {r.request.kind for r in report.results} == {"hub-mapping", "router-chat", "router-models", "token"}


# --- renderers ------------------------------------------------------------------------------------------------


def test_json_report_matches_its_schema_and_carries_every_field():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", [rate_limited("0"), chat_completion()])
        report = run(h)
    document = json.loads(render_json(report))
    jsonschema.validate(document, SCHEMA)
    assert document["schema_version"] == 1
    chat = next(r for r in document["results"] if r["endpoint"] == "router-chat" and r["model"] == CHAT_MODEL)
    assert chat["provider"] == "novita" and chat["request_id"] == "req-local-1" and chat["retries"] == 1
    assert chat["ttfb_ms"] is not None and chat["total_ms"] >= chat["ttfb_ms"]
    assert document["token"] == {"present": True, "source": "$HF_TOKEN"}


def test_text_report_groups_by_model_and_ends_with_the_verdict():
    with hf_hosts() as h:
        report = run(h)
    text = render_text(report)
    assert text.index(CHAT_MODEL) < text.index(EMBED_MODEL) < text.index("(account and catalogue)")
    assert text.rstrip().splitlines()[-1].startswith("Verdict: legacy retired; router works with provider novita")
    assert "token from $HF_TOKEN" in text and "legacy-retired" in text


# --- the CLI --------------------------------------------------------------------------------------------------


def invoke(args, env=None):
    return CliRunner().invoke(app, ["probe", *args], env={"HF_TOKEN": TOKEN.value, **(env or {})})


def test_cli_default_probe_exits_0_with_table_and_verdict():
    with hf_hosts() as h:
        result = invoke(h.cli_args())
    assert result.exit_code == 0, result.output
    assert "Verdict: legacy retired" in result.stdout


def test_cli_json_and_exit_1_on_failure():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", forbidden())
        result = invoke([*h.cli_args(), "--json", "-m", CHAT_MODEL])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["exit_code"] == 1 and document["schema_version"] == 1


def test_cli_hosts_from_the_environment():
    with hf_hosts() as h:
        env = {"HF_ENDPOINT": h.hub.url, "HF_INFERENCE_ENDPOINT": h.legacy.url, "HFMIGRATE_ROUTER_URL": h.router.url}
        result = invoke(["--json"], env=env)
        seen = (len(h.legacy.requests) > 0, len(h.router.requests) > 0, len(h.hub.requests) > 0)
    assert result.exit_code == 0, result.output
    assert seen == (True, True, True)


def test_cli_token_env_reads_another_variable():
    with hf_hosts() as h:
        result = CliRunner().invoke(
            app,
            ["probe", *h.cli_args(), "--json", "--token-env", "HUGGINGFACEHUB_API_TOKEN"],
            env={"HUGGINGFACEHUB_API_TOKEN": TOKEN.value, "HF_TOKEN": ""},
        )
        sent = {r.headers.get("authorization") for r in h.router.requests}
    assert json.loads(result.stdout)["token"]["source"] == "$HUGGINGFACEHUB_API_TOKEN"
    assert sent == {f"Bearer {TOKEN.value}"}


def test_cli_no_network_says_so_and_exits_2():
    dead = f"http://127.0.0.1:{closed_port()}"
    result = invoke(["--router-url", dead, "--legacy-url", dead, "--hub-url", dead, "--retries", "0"])
    assert result.exit_code == 2
    assert "no network" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--endpoint", "everything"], "--endpoint 'everything' is not one of"),
        (["--model", "not a model"], "is not a Hub model id"),
        (["--model", "org/../../api/whoami-v2"], "is not a Hub model id"),
        (["--model", "hf_" + "Zq7Xw2Lk9Pm4Rt6Yb1Nc8Vd3Fg5Hj0Qs"], "looks like a Hugging Face token"),
        (["--timeout", "0"], "--timeout 0 must be a positive"),
        (["--retries", "-1"], "--retries -1 must be between"),
        (["--router-url", "router.huggingface.co"], "--router-url 'router.huggingface.co' is not an http(s) URL"),
        (["--token-env", "HFMIGRATE_UNSET_VARIABLE"], "$HFMIGRATE_UNSET_VARIABLE is not set"),
        (["--from-code", "/no/such/dir"], "--from-code /no/such/dir: no such file or folder"),
        (["--stream", "--no-inference"], "--no-inference forbids"),
    ],
)
def test_cli_bad_options_raise_usage_errors(args, words):
    result = invoke(args)
    assert isinstance(result.exception, UsageError), result.output
    assert words in str(result.exception)


def test_token_pasted_as_a_model_is_refused_without_echoing_it():
    pasted = "hf_" + "Zq7Xw2Lk9Pm4Rt6Yb1Nc8Vd3Fg5Hj0Qs"
    result = invoke(["--model", pasted])
    assert isinstance(result.exception, UsageError)
    assert pasted not in str(result.exception) + result.output


def test_bad_env_host_is_a_usage_error_naming_the_variable():
    result = invoke([], env={"HF_ENDPOINT": "huggingface.co"})
    assert isinstance(result.exception, UsageError) and "$HF_ENDPOINT" in str(result.exception)


def test_usage_error_is_one_line_and_exit_2_from_the_real_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "hfmigrate", "probe", "--endpoint", "nowhere"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "hfmigrate: error: --endpoint 'nowhere' is not one of legacy, hf-inference, router, all"
    ]


# --- --from-code ----------------------------------------------------------------------------------------------


def test_from_code_probes_what_scan_finds(tmp_path):
    from hfmigrate.scan.references import find_model_references

    (tmp_path / "app.py").write_text(
        'import requests\n\nAPI_URL = "https://api-inference.huggingface.co/models/gpt2"\n'
        'requests.post(API_URL, json={"inputs": "hi"})\n'
    )
    if not find_model_references([tmp_path]):
        pytest.skip("scan.references.find_model_references is still a stub")
    with hf_hosts() as h:
        result = invoke([*h.cli_args(), "--json", "--from-code", str(tmp_path)])
        legacy_paths = [r.path for r in h.legacy.requests]
    document = json.loads(result.stdout)
    legacy = [r for r in document["results"] if r["endpoint"] == "legacy"]
    assert [r["model"] for r in legacy] == ["gpt2"]
    assert legacy[0]["sources"][0]["path"].endswith("app.py") and legacy[0]["sources"][0]["line"] == 3
    assert legacy_paths == ["/models/gpt2"]


def test_a_model_found_twice_is_probed_once_and_each_legacy_url_once():
    with hf_hosts() as h:
        hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
        targets = [
            Target(
                EMBED_MODEL,
                "feature-extraction",
                f"https://api-inference.huggingface.co/pipeline/feature-extraction/{EMBED_MODEL}",
                (Source("a.py", 1),),
            ),
            Target(
                EMBED_MODEL, None, f"https://api-inference.huggingface.co/models/{EMBED_MODEL}", (Source("b.py", 2),)
            ),
            Target(
                EMBED_MODEL, None, f"https://api-inference.huggingface.co/models/{EMBED_MODEL}", (Source("c.py", 3),)
            ),
        ]
        report = probe(targets, ProbeOptions(), TOKEN, hosts)
        hf_calls = [r for r in h.router.requests if r.path.startswith("/hf-inference/")]
    legacy = [r for r in report.results if r.request.kind == "legacy"]
    assert [[str(s) for s in r.request.sources] for r in legacy] == [["a.py:1"], ["b.py:2", "c.py:3"]]
    assert len(hf_calls) == 1 and pick(report, "hf-inference").reason == "ok"
    assert [str(s) for s in pick(report, "hf-inference").request.sources] == ["a.py:1", "b.py:2", "c.py:3"]
