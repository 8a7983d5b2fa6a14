"""The fixture programs, unmigrated, fail against the retired host the way users saw it; the harness works."""

from __future__ import annotations

import ast
import json
import py_compile
import textwrap
from pathlib import Path

import pytest

from tests.e2e.harness import FIXTURE_APP, LEGACY_HOST, ROUTER_HOST, TEST_TOKEN, run_program

LEGACY_TEXT = "no longer supported"
NETWORK_PROGRAMS = [
    "app/generate.py",
    "app/embed.py",
    "app/illustrate.py",
    "app/caption.py",
    "app/status.py",
    "app/hub_client.py",
    "app/chat_openai.py",
    "app/chain.py",
    "app/faq_chat.py",
    "app/clean_router.py",
    "app/dedicated.py",
]


def fixture_python_files() -> list[Path]:
    return sorted(FIXTURE_APP.rglob("*.py"))


# --- the fixture itself ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", fixture_python_files(), ids=lambda p: str(p.relative_to(FIXTURE_APP)))
def test_fixture_python_file_compiles(path: Path, tmp_path: Path) -> None:
    py_compile.compile(str(path), cfile=str(tmp_path / "out.pyc"), doraise=True)


@pytest.mark.parametrize("rel", NETWORK_PROGRAMS)
def test_network_programs_have_main_guard_and_read_hf_token(rel: str) -> None:
    source = (FIXTURE_APP / rel).read_text()
    tree = ast.parse(source)
    guards = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and "__name__" in ast.unparse(node.test) and "__main__" in ast.unparse(node.test)
    ]
    assert guards, f"{rel} has no if __name__ == '__main__' guard"
    reads_token = "HF_TOKEN" in source or (
        "from config import" in source and "HF_TOKEN" in (FIXTURE_APP / "app/config.py").read_text()
    )
    assert reads_token
    assert "hf_" not in source.replace("hf_token", "").replace("HF_", ""), "no token-like literals in fixtures"


def test_notebook_is_valid_nbformat4_with_the_legacy_shapes() -> None:
    with open(FIXTURE_APP / "notebooks" / "explore.ipynb", encoding="utf-8") as f:
        nb = json.load(f)
    assert nb["nbformat"] == 4 and nb["nbformat_minor"] >= 5
    assert nb["metadata"]["kernelspec"]["language"] == "python"
    ids = [cell["id"] for cell in nb["cells"]]
    assert len(ids) == len(set(ids))
    for cell in nb["cells"]:
        assert cell["cell_type"] in ("markdown", "code", "raw")
        assert isinstance(cell["source"], list) and isinstance(cell["metadata"], dict)
        if cell["cell_type"] == "code":
            assert "outputs" in cell and "execution_count" in cell
    sources = ["".join(cell["source"]) for cell in nb["cells"]]
    markdown = "".join(s for s, c in zip(sources, nb["cells"]) if c["cell_type"] == "markdown")
    assert "https://huggingface.co/docs/api-inference/index" in markdown
    assert any(s.startswith("%pip install requests") for s in sources)
    assert any(
        'API_URL = "https://api-inference.huggingface.co/models/gpt2"' in s
        and "def query(payload)" in s
        and '[0]["generated_text"]' in s
        for s in sources
    )
    assert any(s.startswith("!curl https://api-inference.huggingface.co/models/gpt2") for s in sources)
    outputs = json.dumps([cell.get("outputs", []) for cell in nb["cells"]])
    assert "https://api-inference.huggingface.co" in outputs and '"traceback"' in outputs


def test_clean_files_mention_no_legacy_host() -> None:
    for rel in ("app/clean_router.py", "app/dedicated.py", "docs/links.md"):
        text = (FIXTURE_APP / rel).read_text()
        stripped = text.replace("internal.api-inference.huggingface.co", "")
        assert "//api-inference.huggingface.co" not in stripped, rel


# --- unmigrated programs against the stand-ins ---------------------------------------------------------------------


def _legacy_paths(stand_ins) -> list[str]:
    return [r.path for r in stand_ins.legacy.requests]


@pytest.mark.parametrize(
    ("rel", "path"),
    [
        ("app/generate.py", "/models/mistralai/Mistral-7B-Instruct-v0.3"),
        ("app/embed.py", "/pipeline/feature-extraction/sentence-transformers/all-MiniLM-L6-v2"),
        ("app/caption.py", "/models/Salesforce/blip-image-captioning-large"),
    ],
)
def test_unmigrated_program_crashes_on_the_410_body(stand_ins, rel: str, path: str) -> None:
    result = run_program(rel, [], stand_ins.hosts)
    assert result.returncode == 1, result.stderr
    assert "KeyError: 0" in result.stderr  # response.json() is {"error": "... no longer supported ..."}
    assert _legacy_paths(stand_ins) == [path]
    request = stand_ins.legacy.requests[0]
    assert request.method == "POST"
    assert request.headers["authorization"] == f"Bearer {TEST_TOKEN}"
    assert request.headers["host"] == LEGACY_HOST
    assert stand_ins.router.requests == [] and stand_ins.hub.requests == []


def test_unmigrated_generate_sends_the_legacy_payload(stand_ins) -> None:
    run_program("app/generate.py", ["Summarise: printer offline"], stand_ins.hosts)
    body = stand_ins.legacy.requests[0].json()
    assert body == {
        "inputs": "Summarise: printer offline",
        "parameters": {"max_new_tokens": 200, "temperature": 0.7, "top_k": 50, "return_full_text": False},
        "options": {"wait_for_model": True},
    }


def test_unmigrated_caption_uploads_raw_image_bytes(stand_ins) -> None:
    run_program("app/caption.py", [], stand_ins.hosts)
    body = stand_ins.legacy.requests[0].body
    assert body == (FIXTURE_APP / "data" / "screenshot.png").read_bytes()


def test_unmigrated_illustrate_silently_saves_the_error_body(stand_ins, tmp_path: Path) -> None:
    result = run_program("app/illustrate.py", ["a robot", "out.png"], stand_ins.hosts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    saved = (tmp_path / "out.png").read_bytes()
    assert not saved.startswith(b"\x89PNG")
    assert LEGACY_TEXT in json.loads(saved)["error"]
    assert result.stdout == f"wrote {len(saved)} bytes to out.png\n"
    request = stand_ins.legacy.requests[0]
    assert request.path == "/models/stabilityai/stable-diffusion-xl-base-1.0"
    assert request.headers["x-use-cache"] == "false"


def test_unmigrated_status_raises_http_error_with_the_real_url(stand_ins) -> None:
    result = run_program("app/status.py", [], stand_ins.hosts)
    assert result.returncode == 1
    assert (
        "requests.exceptions.HTTPError: 410 Client Error: Gone for url: "
        "https://api-inference.huggingface.co/status/mistralai/Mistral-7B-Instruct-v0.3"
    ) in result.stderr
    assert [(r.method, r.path) for r in stand_ins.legacy.requests] == [
        ("GET", "/status/mistralai/Mistral-7B-Instruct-v0.3")
    ]


def test_unmigrated_hub_client(stand_ins) -> None:
    hub = pytest.importorskip("huggingface_hub")
    result = run_program("app/hub_client.py", [], stand_ins.hosts)
    assert result.returncode == 1
    major_minor = tuple(int(x) for x in hub.__version__.split(".")[:2])
    if major_minor >= (1, 0):  # InferenceApi was removed: the upgrade broke the import
        assert "InferenceApi" in result.stderr or "inference_api" in result.stderr
        return
    assert "KeyError: 0" in result.stderr
    assert [r.path for r in stand_ins.legacy.requests] == [
        "/pipeline/text-classification/distilbert/distilbert-base-uncased-finetuned-sst-2-english"
    ]


def test_unmigrated_openai_client(stand_ins) -> None:
    pytest.importorskip("openai")
    result = run_program("app/chat_openai.py", [], stand_ins.hosts)
    assert result.returncode == 1
    assert "410" in result.stderr
    assert [(r.method, r.path) for r in stand_ins.legacy.requests] == [("POST", "/v1/chat/completions")]
    assert stand_ins.legacy.requests[0].json()["model"] == "meta-llama/Llama-3.1-8B-Instruct"


@pytest.mark.parametrize("rel", ["app/chain.py", "app/faq_chat.py"])
def test_unmigrated_langchain_chain(stand_ins, rel: str) -> None:
    """langchain 0.1 code cannot even start today: langchain 1.x has no root names (ImportError), and without
    langchain installed the import fails as well; langchain 0.1 itself would call the retired host."""
    result = run_program(rel, [], stand_ins.hosts)
    assert result.returncode == 1
    assert "ImportError" in result.stderr or "ModuleNotFoundError: No module named 'langchain'" in result.stderr
    assert not stand_ins.router.requests and not stand_ins.hub.requests


# --- clean programs --------------------------------------------------------------------------------------------------


def test_clean_router_program_works_against_the_router_stand_in(stand_ins) -> None:
    result = run_program("app/clean_router.py", [], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "stand-in reply from meta-llama/Llama-3.1-8B-Instruct\n384\n"
    assert stand_ins.legacy.requests == []
    assert [r.path for r in stand_ins.router.requests] == [
        "/v1/chat/completions",
        "/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction",
    ]


def test_dedicated_endpoint_program_works_when_its_host_is_mapped(tmp_path: Path) -> None:
    from tests.server import LocalHF, Reply

    with LocalHF() as endpoint:
        endpoint.route("POST", r"/", Reply(json=[{"generated_text": "Ticket #4521: fixed."}]))
        hosts = {"xyz123.us-east-1.aws.endpoints.huggingface.cloud": endpoint.url}
        result = run_program("app/dedicated.py", [], hosts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Ticket #4521: fixed.\n"
    assert endpoint.requests[0].json()["parameters"] == {"max_new_tokens": 64, "return_full_text": False}


# --- the redirection harness itself ------------------------------------------------------------------------------------


def _write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(source))
    return path


def test_harness_redirects_requests_to_the_router(stand_ins, tmp_path: Path) -> None:
    prog = _write(
        tmp_path,
        """
        import os, requests
        r = requests.post(
            "https://router.huggingface.co/v1/chat/completions?x=1",
            headers={"Authorization": "Bearer " + os.environ["HF_TOKEN"]},
            json={"model": "meta-llama/Llama-3.1-8B-Instruct", "messages": [{"role": "user", "content": "hi"}]},
        )
        print(r.status_code, r.url, r.headers["x-inference-provider"])
        print(r.json()["choices"][0]["message"]["content"])
    """,
    )
    result = run_program(prog, [], stand_ins.hosts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "200 https://router.huggingface.co/v1/chat/completions?x=1 novita",
        "stand-in reply from meta-llama/Llama-3.1-8B-Instruct",
    ]
    [request] = stand_ins.router.requests
    assert (request.method, request.path, request.query) == ("POST", "/v1/chat/completions", {"x": ["1"]})
    assert request.headers["host"] == ROUTER_HOST
    assert stand_ins.legacy.requests == []


def test_harness_redirects_httpx_sync_and_async(stand_ins, tmp_path: Path) -> None:
    pytest.importorskip("httpx")
    prog = _write(
        tmp_path,
        """
        import asyncio, os, httpx
        headers = {"Authorization": "Bearer " + os.environ["HF_TOKEN"]}
        url = "https://router.huggingface.co/hf-inference/models/facebook/bart-large-cnn"
        with httpx.Client() as client:
            r = client.post(url, headers=headers, json={"inputs": "long text"})
            print(r.status_code, r.url, r.json()[0]["summary_text"])

        async def main():
            async with httpx.AsyncClient() as client:
                r = await client.get("https://huggingface.co/api/models/facebook/bart-large-cnn", params={"expand[]": "inference"}, headers=headers)
                print(r.status_code, r.json()["inference"])

        asyncio.run(main())
    """,
    )
    result = run_program(prog, [], stand_ins.hosts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "200 https://router.huggingface.co/hf-inference/models/facebook/bart-large-cnn Customer cannot log in after the update.",
        "200 warm",
    ]
    assert [r.path for r in stand_ins.router.requests] == ["/hf-inference/models/facebook/bart-large-cnn"]
    assert [r.path for r in stand_ins.hub.requests] == ["/api/models/facebook/bart-large-cnn"]


def test_harness_redirects_urllib(stand_ins, tmp_path: Path) -> None:
    prog = _write(
        tmp_path,
        """
        import json, os, urllib.error, urllib.request
        req = urllib.request.Request(
            "https://api-inference.huggingface.co/models/gpt2",
            data=json.dumps({"inputs": "hi"}).encode(),
            headers={"Authorization": "Bearer " + os.environ["HF_TOKEN"], "Content-Type": "application/json"},
        )
        try:
            urllib.request.urlopen(req)
        except urllib.error.HTTPError as err:
            print(err.code, json.loads(err.read())["error"])
        with urllib.request.urlopen("https://huggingface.co/api/models/gpt2") as resp:
            print(resp.status, json.loads(resp.read())["pipeline_tag"])
    """,
    )
    result = run_program(prog, [], stand_ins.hosts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("410 ") and LEGACY_TEXT in lines[0]
    assert lines[1] == "200 text-generation"
    assert [r.path for r in stand_ins.legacy.requests] == ["/models/gpt2"]


def test_harness_is_inert_without_the_env_var(tmp_path: Path) -> None:
    prog = _write(
        tmp_path,
        """
        import requests.adapters
        print(getattr(requests.adapters.HTTPAdapter.send, "_hfmigrate_redirect", False))
    """,
    )
    assert run_program(prog, [], {}, cwd=tmp_path, env={"HFMIGRATE_TEST_HOSTS": None}).stdout == "False\n"
    assert run_program(prog, [], {"router.huggingface.co": "http://127.0.0.1:9"}, cwd=tmp_path).stdout == "True\n"


def test_redirect_matches_exact_hosts_only() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_hfmigrate_sitecustomize_under_test",
        Path(__file__).parent / "sitecustomize" / "sitecustomize.py",
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # HFMIGRATE_TEST_HOSTS is unset here: nothing gets patched
    module.HOSTS.update(module._parse_hosts(json.dumps({"api-inference.huggingface.co": "http://127.0.0.1:1234"})))
    assert (
        module.redirect("https://api-inference.huggingface.co/models/gpt2?wait=1")
        == "http://127.0.0.1:1234/models/gpt2?wait=1"
    )
    assert module.redirect("https://API-INFERENCE.huggingface.co/") == "http://127.0.0.1:1234/"
    assert module.redirect("https://internal.api-inference.huggingface.co/models/gpt2") is None
    assert module.redirect("https://huggingface.co/docs/api-inference/index") is None
    assert module.redirect("https://xyz123.us-east-1.aws.endpoints.huggingface.cloud") is None


def test_non_python_fixture_files_are_well_formed() -> None:
    import shutil
    import subprocess

    if shutil.which("bash"):
        subprocess.run(["bash", "-n", str(FIXTURE_APP / "scripts/query.sh")], check=True)
    if shutil.which("node"):
        subprocess.run(["node", "--check", str(FIXTURE_APP / "web/summarize.js")], check=True, capture_output=True)
    env = (FIXTURE_APP / ".env").read_text().splitlines()
    assert "HF_TOKEN=" in env
    assert any(line.startswith("HF_API_URL=https://api-inference.huggingface.co/models/") for line in env)
