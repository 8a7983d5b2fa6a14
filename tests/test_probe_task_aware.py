"""probe is task-aware: each model is tried on what its Hub mapping serves, or the endpoint is skipped with why;
gated models, the two 401 bodies, token roles, run-time model ids and DNS failures (local servers only)."""

from __future__ import annotations

import json
import time

from typer.testing import CliRunner

from hfmigrate.auth import Token
from hfmigrate.cli import app
from hfmigrate.net import resolve_hosts
from hfmigrate.probe import ProbeOptions, Target, probe, targets_from_code, targets_from_models
from hfmigrate.probe.diagnose import Context, check_whoami
from tests.probe_fixtures import CHAT_MODEL, hf_hosts, mapping, whoami
from tests.server import Reply

TOKEN = Token("hf_" + "Zx9" * 12, "$HF_TOKEN")
SDXL = "stabilityai/stable-diffusion-xl-base-1.0"
FAST = {"base_delay": 0.01, "retry_cap": 0.2}


def run(h, models, token=TOKEN, **options):
    hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
    return probe(targets_from_models(models), ProbeOptions(**{**FAST, **options}), token, hosts)


def pick(report, kind):
    return next(r for r in report.results if r.request.kind == kind)


def test_a_text_to_image_model_gets_no_chat_request_and_does_not_fail():
    with hf_hosts() as h:
        h.hub.route(
            "GET",
            rf"/api/models/{SDXL}",
            mapping(SDXL, "text-to-image", {"fal-ai": "text-to-image", "replicate": "text-to-image"}),
        )
        report = run(h, [SDXL])
        posts = [r.path for r in h.router.requests if r.method == "POST"]
    assert posts == []  # neither a billable chat request nor an hf-inference request
    chat, hf = pick(report, "router-chat"), pick(report, "hf-inference")
    assert chat.reason == "skipped" and "not a chat model" in chat.diagnosis and "fal-ai, replicate" in chat.diagnosis
    assert hf.reason == "skipped" and "hf-inference does not serve" in hf.diagnosis
    assert report.exit_code == 0 and "chat fails" not in report.verdict


def test_a_chat_model_whose_name_says_nothing_is_chatted_once_the_hub_says_conversational():
    model = "acme/assistant"
    with hf_hosts() as h:
        h.hub.route("GET", rf"/api/models/{model}", mapping(model, "text-generation", {"together": "conversational"}))
        report = run(h, [model])
    assert pick(report, "router-chat").reason == "ok"
    assert pick(report, "hf-inference").reason == "skipped"  # an LLM: hf-inference serves none unless mapped


def test_a_gated_model_is_gated_or_private_and_gets_no_inference():
    model = "acme/gated"
    with hf_hosts() as h:
        h.hub.route(
            "GET",
            rf"/api/models/{model}",
            Reply(
                403, json={"error": "Access to model acme/gated is restricted."}, headers={"X-Error-Code": "GatedRepo"}
            ),
        )
        report = run(h, [model])
        posts = [r.path for r in h.router.requests if r.method == "POST"]
    assert pick(report, "hub-mapping").reason == "gated-or-private"
    assert "gated or private" in pick(report, "hub-mapping").diagnosis
    assert pick(report, "router-chat").reason == "skipped" and posts == []


def test_401_bodies_tell_missing_credentials_from_a_bad_token():
    with hf_hosts() as h:
        h.router.route("POST", r"/v1/chat/completions", Reply(401, json={"error": "Invalid username or password."}))
        missing = pick(run(h, [CHAT_MODEL], endpoint="router"), "router-chat")
        h.router.route(
            "POST", r"/v1/chat/completions", Reply(401, json={"error": "Invalid credentials in Authorization header"})
        )
        bad = pick(run(h, [CHAT_MODEL], endpoint="router"), "router-chat")
    assert missing.reason == bad.reason == "unauthorized"
    assert "no usable credentials reached the router" in missing.diagnosis and "proxy" in missing.fix
    assert "was rejected" in bad.diagnosis and "revoked" in bad.fix


def test_admin_and_contributor_roles_are_known_token_kinds():
    ctx = Context(resolve_hosts(environ={}), "$HF_TOKEN")
    for role in ("admin", "contributor"):
        body = json.loads(whoami(role=role).payload()[0])
        reason, diagnosis, _ = check_whoami(body, ctx)
        assert reason == "permission-unconfirmed" and f"a classic {role} token" in diagnosis


def test_the_fix_for_an_llm_on_the_legacy_host_is_chat_never_hf_inference():
    model = "acme/completion-llm"
    with hf_hosts() as h:
        h.hub.route(
            "GET", rf"/api/models/{model}", mapping(model, "text-generation", {"featherless-ai": "text-generation"})
        )
        report = run(h, [model])
    legacy = pick(report, "legacy")
    assert legacy.reason == "legacy-retired"
    assert "/v1/chat/completions" in legacy.fix and "hf-inference" not in legacy.fix


def test_dns_failures_are_not_retried():
    hosts = resolve_hosts(legacy_url="http://no-such-host.invalid", environ={})
    started = time.perf_counter()
    report = probe([Target(CHAT_MODEL)], ProbeOptions(endpoint="legacy", retries=3, base_delay=1.0), None, hosts)
    assert pick(report, "legacy").reason == "dns-error"
    assert pick(report, "legacy").exchange.retries == 0
    assert time.perf_counter() - started < 1.0  # three retries would have slept at least a second


def test_no_network_prints_one_line_not_tables():
    dead = "http://no-such-host.invalid"
    result = CliRunner().invoke(app, ["probe", "--router-url", dead, "--legacy-url", dead, "--hub-url", dead])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "hfmigrate: error: no network: could not reach no-such-host.invalid (check the network, proxy and --*-url options)"
    ]


def test_from_code_reports_run_time_ids_and_never_sends_a_placeholder(tmp_path):
    (tmp_path / "embed.py").write_text(
        "import requests\n\n"
        "def embed(text, model_id):\n"
        '    url = f"https://api-inference.huggingface.co/pipeline/feature-extraction/{model_id}"\n'
        '    return requests.post(url, json={"inputs": text}).json()\n'
    )
    targets = targets_from_code([tmp_path])
    assert [t.model for t in targets] == ["model chosen at run time"] and targets[0].runtime
    with hf_hosts() as h:
        hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
        report = probe(targets, ProbeOptions(**FAST), TOKEN, hosts)
        paths = [r.path for host in (h.legacy, h.router, h.hub) for r in host.requests]
    assert not any("{" in path or "model_id" in path for path in paths)
    site = next(r for r in report.results if r.request.group == "model chosen at run time")
    assert site.reason == "skipped" and "embed.py:4" in site.diagnosis


def test_from_code_substitutes_a_resolved_id_into_the_legacy_url_it_probes(tmp_path):
    (tmp_path / "embed.py").write_text(
        'MODEL = "sentence-transformers/all-MiniLM-L6-v2"\n'
        'URL = f"https://api-inference.huggingface.co/pipeline/feature-extraction/{MODEL}"\n'
    )
    (tmp_path / "summarize.js").write_text(
        'export async function s(text, model = "facebook/bart-large-cnn") {\n'
        '  return fetch(`https://api-inference.huggingface.co/models/${model}`, {method: "POST"});\n}\n'
    )
    found = {t.model: t.legacy_url for t in targets_from_code([tmp_path])}
    assert found == {
        "sentence-transformers/all-MiniLM-L6-v2": "https://api-inference.huggingface.co/pipeline/feature-extraction/sentence-transformers/all-MiniLM-L6-v2",
        "facebook/bart-large-cnn": "https://api-inference.huggingface.co/models/facebook/bart-large-cnn",
    }


def test_from_code_on_the_fixture_app_sends_only_real_ids():
    from pathlib import Path

    app_dir = Path(__file__).resolve().parents[1] / "fixtures" / "legacy-app"
    targets = targets_from_code([app_dir])
    models = {t.model for t in targets}
    assert {"mistralai/Mistral-7B-Instruct-v0.3", SDXL, "facebook/bart-large-cnn"} <= models
    with hf_hosts() as h:
        hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
        probe(targets, ProbeOptions(**FAST), TOKEN, hosts)
        paths = [r.path for host in (h.legacy, h.router, h.hub) for r in host.requests]
        bodies = [r.body for host in (h.legacy, h.router) for r in host.requests]
    assert paths and not any(mark in path for path in paths for mark in ("{", "}", "$"))
    assert not any(b"{model" in body or b"${" in body for body in bodies)


def test_an_embedding_model_hf_inference_does_not_serve_is_probed_on_a_provider_that_does():
    model = "acme/vectors-elsewhere"  # a name that does not reveal the task: the Hub mapping decides
    with hf_hosts() as h:
        h.hub.route(
            "GET", rf"/api/models/{model}", mapping(model, "feature-extraction", {"together": "feature-extraction"})
        )
        h.router.route(
            "POST",
            r"/together/v1/embeddings",
            Reply(
                json={"object": "list", "data": [{"object": "embedding", "embedding": [0.1, 0.2]}]},
                headers={"x-inference-provider": "together"},
            ),
        )
        report = run(h, [model])
        sent = [(r.path, r.json()) for r in h.router.requests if r.method == "POST"]
    result = pick(report, "router-provider")
    assert result.reason == "ok" and "together serves the model" in result.diagnosis
    assert sent == [("/together/v1/embeddings", {"model": model.lower(), "input": "hello"})]
    assert pick(report, "router-chat").reason == "skipped" and report.exit_code == 0
