"""check-models judges each use by how the code calls it (CallStyle), and reads every file kind for --from-code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfmigrate.catalog import CatalogOptions, ModelRequest, check_models
from hfmigrate.catalog.inputs import from_code
from hfmigrate.catalog.statuses import CallStyle
from hfmigrate.net import RetryPolicy, resolve_hosts
from tests.catalog_hosts import hub_host, isolate_environment, router_host, run_cli

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def hosts():
    with hub_host() as hub, router_host() as router:
        yield hub, router


def check(hosts, tmp_path, *requests: ModelRequest):
    hub, router = hosts
    options = CatalogOptions(
        hosts=resolve_hosts(router.url, None, hub.url, environ={}),
        cache_dir=tmp_path / "c",
        retry=RetryPolicy(retries=0),
        warn=lambda m: None,
    )
    return check_models(list(requests), options)


@pytest.mark.parametrize(
    "model, style, available",
    [
        (LLAMA, CallStyle.CHAT, True),  # conversational mapping
        (LLAMA, CallStyle.TEXT_GENERATION, False),  # chat-only providers fail text_generation calls
        ("acme/completion-only", CallStyle.TEXT_GENERATION, True),
        ("acme/completion-only", CallStyle.CHAT, False),
        ("BAAI/bge-small-en-v1.5", CallStyle.EMBEDDINGS, True),
        ("sentence-transformers/all-MiniLM-L6-v2", CallStyle.EMBEDDINGS, True),  # sentence-similarity counts
        (LLAMA, CallStyle.EMBEDDINGS, False),
    ],
)
def test_verdict_follows_the_call_style(hosts, tmp_path, model, style, available):
    report = check(hosts, tmp_path, ModelRequest(model, style=style))
    verdict = report.verdicts[0]
    assert verdict.available is available
    assert verdict.style is style
    if not available:
        assert verdict.reason == "wrong-task"


def test_text_generation_call_on_a_chat_model_says_to_use_chat_and_offers_text_generation_models(hosts, tmp_path):
    verdict = check(hosts, tmp_path, ModelRequest(LLAMA, style=CallStyle.TEXT_GENERATION)).verdicts[0]
    assert "chat_completion" in verdict.detail
    # only models with a live text-generation mapping, most downloaded first; no chat-only model
    assert verdict.alternatives == ["mistralai/Mistral-7B-Instruct-v0.3", "acme/completion-only"]


def test_no_style_keeps_the_task_rule(hosts, tmp_path):
    # legacy text generation over HTTP: rewrite moves it to chat, so a conversational mapping serves it
    verdict = check(hosts, tmp_path, ModelRequest(LLAMA, task="text-generation")).verdicts[0]
    assert verdict.available


def test_catalogue_extras_are_reported_when_present(hosts, tmp_path, capsys, monkeypatch):
    verdict = check(hosts, tmp_path, ModelRequest("zai-org/GLM-4.5")).verdicts[0]
    assert verdict.throughput == 87.5 and verdict.first_token_latency_ms == 420
    assert verdict.supports_structured_output is True and verdict.is_free is False
    hub, router = hosts
    isolate_environment(monkeypatch, tmp_path)
    base = ("check-models", "--hub-url", hub.url, "--router-url", router.url)
    _, out, _ = run_cli(capsys, monkeypatch, *base, "--json", "zai-org/GLM-4.5", LLAMA)
    models = {m["model"]: m for m in json.loads(out)["models"]}
    assert models["zai-org/GLM-4.5"]["throughput"] == 87.5
    assert models["zai-org/GLM-4.5"]["providers"][0]["first_token_latency_ms"] == 420
    assert models[LLAMA]["throughput"] is None and models[LLAMA]["is_free"] is None
    _, table, _ = run_cli(capsys, monkeypatch, *base, "zai-org/GLM-4.5")
    assert "tok/s" in table and "88" in table and "structured" in table
    _, plain, _ = run_cli(capsys, monkeypatch, *base, LLAMA)
    assert "tok/s" not in plain  # columns appear only when the catalogue has the facts


def test_from_code_reads_every_file_kind_with_style_file_and_line():
    requests = from_code(REPO / "fixtures" / "legacy-app")
    found = {(r.model, r.style): r.locations for r in requests}
    llm = found[("mistralai/Mistral-7B-Instruct-v0.3", None)]
    assert any(p.endswith("legacy-app/.env") and n == 2 for p, n in llm)
    assert any(p.endswith("scripts/query.sh") and n == 5 for p, n in llm)
    assert any(
        p.endswith("app/illustrate.py") and n == 13
        for p, n in found[("stabilityai/stable-diffusion-xl-base-1.0", None)]
    )
    assert any(p.endswith("web/summarize.js") and n == 7 for p, n in found[("facebook/bart-large-cnn", None)])
    assert any(p.endswith("web/summarize.js") for p, _ in found[(LLAMA, CallStyle.CHAT)])
    assert ("sentence-transformers/all-MiniLM-L6-v2", CallStyle.EMBEDDINGS) in found
    assert ("google/flan-t5-xxl", CallStyle.TEXT_GENERATION) in found  # HuggingFaceHub → HuggingFaceEndpoint


def test_check_models_from_code_on_the_fixture_app_judges_each_call_style(hosts, tmp_path, capsys, monkeypatch):
    hub, router = hosts
    isolate_environment(monkeypatch, tmp_path)
    code, out, _ = run_cli(
        capsys,
        monkeypatch,
        "check-models",
        "--hub-url",
        hub.url,
        "--router-url",
        router.url,
        "--json",
        "--from-code",
        str(REPO / "fixtures" / "legacy-app"),
    )
    models = json.loads(out)["models"]
    by_key = {(m["model"], m["call_style"]): m for m in models}
    assert by_key[("stabilityai/stable-diffusion-xl-base-1.0", None)]["live_providers"] == ["fal-ai", "replicate"]
    assert by_key[("facebook/bart-large-cnn", None)]["hf_inference_tasks"] == ["summarization"]
    flan = by_key[("google/flan-t5-xxl", "text-generation")]
    assert not flan["available"] and flan["locations"][0]["line"] == 16
    assert code == 1


def test_from_code_names_call_sites_whose_model_is_chosen_at_run_time(hosts, tmp_path, capsys, monkeypatch):
    hub, router = hosts
    isolate_environment(monkeypatch, tmp_path)
    code_dir = tmp_path / "src"
    code_dir.mkdir()
    (code_dir / "embed.py").write_text(
        "import requests\n\ndef embed(text, model_id):\n"
        '    return requests.post(f"https://api-inference.huggingface.co/models/{model_id}", json={"inputs": text})\n'
    )
    code, _, err = run_cli(
        capsys,
        monkeypatch,
        "check-models",
        "--hub-url",
        hub.url,
        "--router-url",
        router.url,
        "--from-code",
        str(code_dir),
    )
    assert code == 0
    assert "1 call site chooses the model at run time and cannot be checked: " in err and "embed.py:4" in err
    assert not [r for r in hub.requests if "{" in r.path or "model_id" in r.path]


def test_from_code_finds_a_model_constant_in_one_notebook_cell_used_by_another(tmp_path):
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": 'MODEL_ID = "org/notebook-model"\n',
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": 'import requests\nr = requests.post(f"https://api-inference.huggingface.co/models/{MODEL_ID}", json={"inputs": "x"})\n',
        },
    ]
    (tmp_path / "nb.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    found = {(r.model, r.locations) for r in from_code(tmp_path)}
    assert found == {("org/notebook-model", ((str(tmp_path / "nb.ipynb") + ":cell 1", 1),))}
