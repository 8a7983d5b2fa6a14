"""``rewrite --resolve-models``: the catalogue decides chat, hf-inference or a marker per call site."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.catalog_hosts import hub_host, isolate_environment, router_host, run_cli

L = "https://api-inference.huggingface.co"
CHAT = "https://router.huggingface.co/v1/chat/completions"


@pytest.fixture
def hosts(monkeypatch, tmp_path):
    isolate_environment(monkeypatch, tmp_path)
    with hub_host() as hub, router_host() as router:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        monkeypatch.setenv("HFMIGRATE_ROUTER_URL", router.url)
        yield hub, router


def write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "app.py"
    path.write_text(textwrap.dedent(source))
    return path


def test_a_prompt_to_a_chat_model_is_converted_without_generation_parameters(hosts, tmp_path, capsys, monkeypatch):
    path = write(
        tmp_path,
        f'''
        def ask(p):
            return requests.post("{L}/models/meta-llama/Llama-3.1-8B-Instruct", json={{"inputs": p}}).json()[0]["generated_text"]
        ''',
    )
    code, out, err = run_cli(capsys, monkeypatch, "rewrite", "--resolve-models", str(path))
    assert code == 0, out + err
    assert CHAT in path.read_text() and '"messages": [{"role": "user", "content": p}]' in path.read_text()


def test_offline_the_same_call_is_converted_on_its_generated_text_read(tmp_path, capsys, monkeypatch):
    """Issue 9: without the catalogue, the `generated_text` read (and the LLM name) are evidence enough."""
    path = write(
        tmp_path,
        f'''
        def ask(p):
            return requests.post("{L}/models/meta-llama/Llama-3.1-8B-Instruct", json={{"inputs": p}}).json()[0]["generated_text"]
        ''',
    )
    run_cli(capsys, monkeypatch, "rewrite", str(path))
    assert '"messages": [{"role": "user", "content": p}]' in path.read_text() and "hf-inference" not in path.read_text()


def test_a_model_hf_inference_serves_keeps_its_legacy_payload_without_a_marker(hosts, tmp_path, capsys, monkeypatch):
    path = write(
        tmp_path,
        f'''
        def ask(p):
            payload = {{"inputs": p, "parameters": {{"max_new_tokens": 5}}}}
            return requests.post("{L}/models/mistralai/Mistral-7B-Instruct-v0.3", json=payload).json()[0]["generated_text"]
        ''',
    )
    code, out, err = run_cli(capsys, monkeypatch, "rewrite", "--resolve-models", str(path))
    text = path.read_text()
    assert code == 0, out + err
    assert (
        "router.huggingface.co/hf-inference/models/mistralai" in text and '"inputs": p' in text and "TODO" not in text
    )


def test_an_unserved_model_gets_a_marker_with_alternatives(hosts, tmp_path, capsys, monkeypatch):
    path = write(tmp_path, f'API_URL = "{L}/models/openai-community/gpt2"\n')
    code, out, err = run_cli(capsys, monkeypatch, "rewrite", "--resolve-models", str(path))
    assert code == 1
    marker = path.read_text().splitlines()[0]
    assert marker.startswith(
        "# hfmigrate: TODO(HFM502): openai-community/gpt2 is not served (no-provider); alternatives: "
    )
    assert "meta-llama/Llama-3.1-8B-Instruct" in marker
