"""rewrite without --resolve-models reads the check-models cache: a warm cache, with NO server running, lands each
call site where its model is served (chat, hf-inference, other providers → HFM503, nobody → HFM502), in Python,
notebooks and text files; the summary says how many call-site models were checked and how many are unknown."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.catalog_hosts import hub_host, isolate_environment, router_host, run_cli

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"
SDXL = "stabilityai/stable-diffusion-xl-base-1.0"

FILES = {
    "app/chat.py": f'''
        import requests

        API_URL = "{L}/models/meta-llama/Llama-3.1-8B-Instruct"


        def ask(prompt):
            payload = {{"inputs": prompt, "parameters": {{"max_new_tokens": 20}}}}
            return requests.post(API_URL, json=payload).json()[0]["generated_text"]
        ''',
    "app/embed.py": f'''
        import requests

        MODEL = "sentence-transformers/all-MiniLM-L6-v2"


        def embed(text):
            return requests.post(f"{L}/pipeline/feature-extraction/{{MODEL}}", json={{"inputs": text}}).json()
        ''',
    "app/draw.py": f'''
        import requests

        API_URL = "{L}/models/{SDXL}"


        def draw(prompt):
            return requests.post(API_URL, json={{"inputs": prompt}}).content
        ''',
    "app/old.py": f'''
        API_URL = "{L}/models/gpt2"
        ''',
    ".env": f"HF_URL={L}/models/gpt2\n",
    "web/draw.js": f'''
        export async function draw(prompt, model = "{SDXL}") {{
          const r = await fetch(`{L}/models/${{model}}`, {{ method: "POST", body: JSON.stringify({{ inputs: prompt }}) }});
          return r.blob();
        }}
        ''',
}


def _notebook(source: str) -> str:
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    notebook = root / "notebooks" / "explore.ipynb"
    notebook.parent.mkdir()
    notebook.write_text(_notebook(f'import requests\nURL = "{L}/models/gpt2"\nprint(URL)\n'))
    return root


def warm_cache(project: Path, monkeypatch, capsys, tmp_path) -> None:
    """`hfmigrate check-models --from-code PROJECT` against local hosts, which are then shut down."""
    with hub_host() as hub, router_host() as router:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        monkeypatch.setenv("HFMIGRATE_ROUTER_URL", router.url)
        code, out, err = run_cli(capsys, monkeypatch, "check-models", "--from-code", str(project))
        assert code == 1, out + err  # gpt2 is served by nobody
    # the hosts are gone from here on: any request would fail


def test_warm_cache_rewrite_with_no_server_lands_each_call_site(project, tmp_path, capsys, monkeypatch):
    isolate_environment(monkeypatch, tmp_path)
    warm_cache(project, monkeypatch, capsys, tmp_path)
    code, out, err = run_cli(capsys, monkeypatch, "rewrite", str(project))
    assert code == 1, out + err  # markers are left for a person
    assert "Models at call sites: 4 checked (from the check-models cache), 0 unknown." in out

    chat = (project / "app/chat.py").read_text()
    assert f'"{R}/v1/chat/completions"' in chat and '"messages": [{"role": "user", "content": prompt}]' in chat
    assert '["choices"][0]["message"]["content"]' in chat and "TODO" not in chat

    embed = (project / "app/embed.py").read_text()
    assert f'f"{R}/hf-inference/models/{{MODEL}}/pipeline/feature-extraction"' in embed and "TODO" not in embed

    draw = (project / "app/draw.py").read_text()
    assert draw.splitlines()[2].startswith(
        f"# hfmigrate: TODO(HFM503): hf-inference does not serve {SDXL} for text-to-image; fal-ai, replicate do: "
        'call InferenceClient(provider="auto").text_to_image(...)'
    )

    old = (project / "app/old.py").read_text()
    assert old.startswith("# hfmigrate: TODO(HFM502): gpt2 is not served (no-provider); alternatives: ")
    assert "meta-llama/Llama-3.1-8B-Instruct" in old.splitlines()[0]

    env = (project / ".env").read_text()
    assert env.startswith("# hfmigrate: TODO(HFM502): gpt2 is not served (no-provider)")
    js = (project / "web/draw.js").read_text()
    assert "// hfmigrate: TODO(HFM503): hf-inference does not serve stabilityai/" in js
    cell = "".join(json.loads((project / "notebooks/explore.ipynb").read_text())["cells"][0]["source"])
    assert "# hfmigrate: TODO(HFM502): gpt2 is not served" in cell

    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    code, out, _ = run_cli(capsys, monkeypatch, "rewrite", str(project))
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before  # a second run changes nothing
    code, out, _ = run_cli(capsys, monkeypatch, "scan", "--format", "json", str(project))
    findings = json.loads(out)["findings"]
    assert findings and all(f["marker"] for f in findings), [f for f in findings if not f["marker"]]


def test_without_a_cache_the_summary_names_the_command(project, tmp_path, capsys, monkeypatch):
    isolate_environment(monkeypatch, tmp_path)
    code, diff, summary = run_cli(capsys, monkeypatch, "rewrite", "--diff", str(project))
    out = diff + summary  # the summary goes to stderr with --diff
    assert f"not checked (no check-models cache): run `hfmigrate check-models --from-code {project}`" in out
    assert "HFM502" not in out and "HFM503" not in out  # nothing is claimed without facts


def test_models_the_cache_does_not_hold_are_counted_unknown(project, tmp_path, capsys, monkeypatch):
    isolate_environment(monkeypatch, tmp_path)
    with hub_host() as hub, router_host() as router:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        monkeypatch.setenv("HFMIGRATE_ROUTER_URL", router.url)
        run_cli(capsys, monkeypatch, "check-models", "--from-code", str(project / "app" / "draw.py"))
    code, diff, summary = run_cli(capsys, monkeypatch, "rewrite", "--diff", str(project))
    out = diff + summary
    assert (
        f"Models at call sites: 1 checked (from the check-models cache), 3 unknown; check them with "
        f"`hfmigrate check-models --from-code {project}`." in out
    )
    assert "HFM503" in out and "HFM502" not in out


def test_resolve_models_asks_online_for_what_the_cache_lacks(project, tmp_path, capsys, monkeypatch):
    isolate_environment(monkeypatch, tmp_path)
    with hub_host() as hub, router_host() as router:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        monkeypatch.setenv("HFMIGRATE_ROUTER_URL", router.url)
        code, diff, summary = run_cli(capsys, monkeypatch, "rewrite", "--resolve-models", "--diff", str(project))
    out = diff + summary
    assert "Models at call sites: 4 checked (from the cache or online), 0 unknown." in summary, out
    assert "HFM502" in out and "HFM503" in out


def test_a_bad_hub_variable_does_not_stop_a_rewrite_that_needs_no_network(project, tmp_path, capsys, monkeypatch):
    isolate_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("HF_ENDPOINT", "huggingface.co")  # not an http(s) URL
    code, out, err = run_cli(capsys, monkeypatch, "rewrite", "--diff", str(project))
    assert code == 1 and "not checked (no check-models cache)" in err, out + err
    code, _, err = run_cli(capsys, monkeypatch, "rewrite", "--resolve-models", "--diff", str(project))
    assert code == 2 and "$HF_ENDPOINT" in err
