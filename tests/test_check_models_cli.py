"""``hfmigrate check-models`` end to end: inputs, outputs, exit codes, one-line errors, token safety, lockfile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.catalog_hosts import hub_host, isolate_environment, router_host, run_cli
from tests.server import LocalHF

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def env(monkeypatch, tmp_path):
    return isolate_environment(monkeypatch, tmp_path)


@pytest.fixture
def hosts(env):
    with hub_host() as hub, router_host() as router:
        yield hub, router


@pytest.fixture
def cli(capsys, monkeypatch, hosts):
    hub, router = hosts

    def invoke(*args: str, urls: bool = True):
        extra = ("--hub-url", hub.url, "--router-url", router.url) if urls else ()
        return run_cli(capsys, monkeypatch, "check-models", *args, *extra)

    return invoke


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    assert err.startswith("hfmigrate: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err


def test_all_available_exits_0(cli):
    code, out, err = cli(LLAMA, "BAAI/bge-small-en-v1.5")
    assert code == 0, err
    assert LLAMA in out and "2 available" in out and "0 unavailable" in out


def test_unavailable_exits_1_and_names_reason_and_alternatives(cli):
    code, out, _ = cli(LLAMA, "openai-community/gpt2")
    assert code == 1
    assert "no-provider" in out
    assert "try: meta-llama/Llama-3.1-8B-Instruct, Qwen/Qwen2.5-7B-Instruct" in out
    # problems first
    assert out.index("openai-community/gpt2") < out.index(LLAMA)


def test_json_output_is_versioned(cli):
    code, out, _ = cli("--json", LLAMA, "nobody/none", "--task", "text-generation")
    assert code == 1
    document = json.loads(out)
    assert document["schema_version"] == 1
    assert document["summary"] == {"checked": 2, "available": 1, "unavailable": 1, "errors": 0}
    by_id = {m["model"]: m for m in document["models"]}
    assert by_id["nobody/none"]["reason"] == "not-found"
    llama = by_id[LLAMA]
    assert llama["chat"] is True and llama["task"] == "text-generation"
    assert llama["live_providers"] == ["groq", "novita"] and llama["removed_providers"] == ["nebius"]
    assert llama["price_range"] == {"input": {"min": 0.02, "max": 0.05}, "output": {"min": 0.05, "max": 0.08}}
    assert llama["context_length"] == 131072


def test_json_matches_the_documented_fields(cli):
    _, out, _ = cli("--format", "json", LLAMA)
    doc = (REPO / "docs" / "check-models-json.md").read_text()
    model = json.loads(out)["models"][0]
    for key in list(json.loads(out)) + list(model):
        assert f"`{key}`" in doc, f"{key} is not documented"


def test_yaml_output_is_a_models_mapping(cli):
    code, out, _ = cli("--format", "yaml", LLAMA, "openai-community/gpt2", f"{LLAMA}:nebius", "nobody/none")
    assert code == 1
    document = yaml.safe_load(out)
    assert document == {"models": {"openai-community/gpt2": LLAMA, f"{LLAMA}:nebius": LLAMA}}
    assert '# "nobody/none": no alternative found (not-found)' in out


def test_yaml_output_when_all_available_is_an_empty_mapping(cli):
    code, out, _ = cli("--format", "yaml", LLAMA)
    assert code == 0 and yaml.safe_load(out) == {"models": {}}


def test_from_file_text_with_comments(cli, tmp_path):
    listing = tmp_path / "models.txt"
    listing.write_text(f"# our models\n{LLAMA}  # chat\n\nBAAI/bge-small-en-v1.5\n")
    code, out, _ = cli("--from-file", str(listing), "--json")
    assert code == 0
    assert sorted(m["model"] for m in json.loads(out)["models"]) == ["BAAI/bge-small-en-v1.5", LLAMA]


def test_from_file_yaml_list_and_models_mapping(cli, tmp_path):
    as_list = tmp_path / "list.yaml"
    as_list.write_text(f"- {LLAMA}\n- openai-community/gpt2\n")
    code, out, _ = cli("--from-file", str(as_list), "--json")
    assert code == 1 and len(json.loads(out)["models"]) == 2
    config = tmp_path / ".hfmigrate.yaml"
    config.write_text(f"models:\n  openai-community/gpt2: {LLAMA}\n  BAAI/bge-small-en-v1.5:\n")
    code, out, _ = cli("--from-file", str(config), "--json")
    assert code == 0  # the targets are checked: what the code calls after rewrite
    assert sorted(m["model"] for m in json.loads(out)["models"]) == ["BAAI/bge-small-en-v1.5", LLAMA]


@pytest.mark.parametrize(
    "content, name, needle",
    [
        ("models: [unclosed\n", "bad.yaml", "not valid YAML"),
        ("models: 3\n", "bad.yaml", "expected a list"),
        ("- [nested]\n", "bad.yml", "model id string"),
        ("ok/model\nnot a model id!\n", "ids.txt", "ids.txt:2"),
    ],
)
def test_bad_from_file_is_one_line_exit_2(cli, tmp_path, content, name, needle):
    path = tmp_path / name
    path.write_text(content)
    code, out, err = cli("--from-file", str(path))
    assert_one_line_error(code, err, needle)
    assert out == ""


def test_missing_from_file_is_one_line_exit_2(cli, tmp_path):
    code, _, err = cli("--from-file", str(tmp_path / "nope.txt"))
    assert_one_line_error(code, err, "no such file")


@pytest.mark.parametrize("bad", ["../etc/passwd", "a b", "https://huggingface.co/gpt2", "org/name/extra", ""])
def test_bad_model_id_is_one_line_exit_2(cli, bad):
    code, _, err = cli(bad)
    assert_one_line_error(code, err, "not a Hugging Face model id")


@pytest.mark.parametrize(
    "args, needle",
    [
        ((), "no model ids"),
        (("--offline", "--refresh", LLAMA), "contradict"),
        (("--offline", "--no-cache", LLAMA), "contradict"),
        (("--verify-lock", "x.lock", LLAMA), "--verify-lock"),
        (("--max-age", "soon", LLAMA), "not a duration"),
        (("--format", "xml", LLAMA), "--format"),
        (("--token", " ", LLAMA), "--token is empty"),
        (("--token-env", "HFMIGRATE_UNSET_VARIABLE", LLAMA), "$HFMIGRATE_UNSET_VARIABLE is not set"),
    ],
)
def test_usage_errors(cli, args, needle):
    code, _, err = cli(*args)
    assert_one_line_error(code, err, needle)


@pytest.mark.parametrize("option", ["--router-url", "--hub-url"])
def test_a_base_url_that_is_not_http_is_named_before_any_request(capsys, monkeypatch, env, option):
    code, _, err = run_cli(capsys, monkeypatch, "check-models", LLAMA, option, "ftp://example.org")
    assert_one_line_error(code, err, f"{option} 'ftp://example.org' is not an http(s) URL")


def test_unreachable_router_is_one_warning_line_and_the_hub_mapping_decides(cli, capsys, monkeypatch, hosts):
    dead = LocalHF().start()
    dead_url = dead.url
    dead.stop()
    hub, _ = hosts
    code, out, err = run_cli(capsys, monkeypatch, "check-models", LLAMA, "--hub-url", hub.url, "--router-url", dead_url)
    assert code == 0
    assert err.count("\n") == 1 and err.startswith("hfmigrate: warning: ") and dead_url.split("//")[1] in err
    assert "Hub mapping alone" in err and LLAMA in out


def test_offline_without_cache_is_a_clear_error(cli):
    code, _, err = cli("--offline", LLAMA)
    assert_one_line_error(code, err, "--offline", "no cached")


def test_offline_after_an_online_run(cli):
    assert cli(LLAMA)[0] == 0
    code, out, _ = cli("--offline", "--json", LLAMA)
    assert code == 0 and json.loads(out)["from_cache"] is True


def test_canary_token_never_in_output_or_cache(cli, monkeypatch, env, hosts):
    canary = "hf_" + "CliCanaryToken" + "0123456789abcdefghijXYZ"
    monkeypatch.setenv("HF_TOKEN", canary)
    outputs = []
    for args in (
        (LLAMA, "acme/gated-model", "nobody/none"),
        ("--json", LLAMA, "acme/gated-model"),
        ("--format", "yaml", "openai-community/gpt2", "--refresh"),
    ):
        code, out, err = cli(*args)
        outputs.append(out + err)
    hub, _ = hosts
    assert any(r.headers.get("authorization") == f"Bearer {canary}" for r in hub.requests)  # the token was used
    for text in outputs:
        assert canary not in text
    for path in env.rglob("*"):
        if path.is_file():
            assert canary not in path.read_text(errors="replace")


@pytest.mark.parametrize("shape", ["{}", "org/{}", "{} extra"])
def test_token_pasted_as_a_model_id_is_refused_and_not_echoed(cli, hosts, shape):
    canary = "hf_" + "ArgCanaryToken" + "0123456789abcdefghijXYZ"
    code, out, err = cli(shape.format(canary))
    assert_one_line_error(code, err, "looks like a Hugging Face token")
    assert canary not in out + err
    hub, router = hosts
    assert not hub.requests and not router.requests


def test_hf_endpoint_sets_the_hub(capsys, monkeypatch, hosts):
    hub, router = hosts
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    code, out, _ = run_cli(capsys, monkeypatch, "check-models", "--json", LLAMA, "--router-url", router.url)
    assert code == 0 and json.loads(out)["hosts"]["hub"] == hub.url
    assert hub.requests


def test_lock_round_trip_and_drift(cli, tmp_path, hosts):
    hub, _ = hosts
    lock = tmp_path / "hfmigrate.lock"
    model = "BAAI/bge-small-en-v1.5"
    code, _, err = cli(LLAMA, model, "--task", "feature-extraction", "--lock", str(lock))
    assert code == 1  # Llama is not served for feature-extraction: wrong-task
    document = json.loads(lock.read_text())
    assert document["lock_version"] == 1
    pinned = {m["model"]: m for m in document["models"]}
    assert pinned[model]["live_providers"] == ["hf-inference"] and pinned[model]["task"] == "feature-extraction"
    assert pinned[model]["providers"]["hf-inference"]["status"] == "live"

    code, out, _ = cli("--verify-lock", str(lock))
    assert code == 0 and "0 broken" in out

    # hf-inference drops the model: its last live provider for the task is gone
    from tests.catalog_hosts import hub_model_reply, mapping

    def dropped(request):
        reply = hub_model_reply(request)
        if reply.json and reply.json.get("id") == model:
            reply.json["inferenceProviderMapping"] = mapping(hf_inference=("error", "feature-extraction"))
        return reply

    hub.route("GET", r"/api/models/(?P<org>[^/]+)/(?P<name>[^/]+)", dropped)
    code, out, _ = cli("--verify-lock", str(lock), "--refresh")
    assert code == 1
    assert f"DRIFT {model}" in out and "lost: hf-inference" in out
    code, out, _ = cli("--verify-lock", str(lock), "--json")  # still cached from the refresh: same answer
    assert code == 1 and json.loads(out)["broken"] == 1


def test_lock_of_a_chat_model_pins_the_chat_task(cli, tmp_path):
    lock = tmp_path / "hfmigrate.lock"
    assert cli(LLAMA, "--lock", str(lock))[0] == 0
    entry = json.loads(lock.read_text())["models"][0]
    assert entry["task"] == "conversational" and entry["live_providers"] == ["groq", "novita"]


@pytest.mark.parametrize("content, needle", [("{", "invalid JSON"), ('{"lock_version": 9}', "version 1")])
def test_bad_lockfile_is_one_line_exit_2(cli, tmp_path, content, needle):
    lock = tmp_path / "bad.lock"
    lock.write_text(content)
    code, _, err = cli("--verify-lock", str(lock))
    assert_one_line_error(code, err, needle)


def test_from_code_small_project(cli, tmp_path):
    from hfmigrate.scan.references import find_model_references

    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(
        "import requests\n"
        'API_URL = "https://api-inference.huggingface.co/models/openai-community/gpt2"\n'
        "def ask(q):\n"
        '    return requests.post(API_URL, json={"inputs": q}).json()\n'
    )
    if not find_model_references([project]):
        pytest.skip("find_model_references is not implemented yet")
    code, out, _ = cli("--from-code", str(project), "--json")
    assert code == 1
    entry = json.loads(out)["models"][0]
    assert entry["model"] == "openai-community/gpt2" and entry["reason"] == "no-provider"
    assert entry["locations"][0]["line"] == 2 and entry["locations"][0]["path"].endswith("app.py")


def test_from_code_fixture_lists_its_models(cli):
    from hfmigrate.scan.references import find_model_references

    fixture = REPO / "fixtures" / "legacy-app"
    references = find_model_references([fixture]) if fixture.exists() else []
    if not references:
        pytest.skip("fixtures/legacy-app or find_model_references is not ready yet")
    code, out, err = cli("--from-code", str(fixture), "--json")
    assert code in (0, 1), err
    document = json.loads(out)
    listed = {m["model"] for m in document["models"]}
    assert {r.model for r in references} <= listed
    for entry in document["models"]:
        assert entry["status"] in ("available", "unavailable") and entry["locations"]
        assert entry["available"] or entry["reason"]
    by_id = {m["model"]: m for m in document["models"]}
    if "gpt2" in by_id:  # a legacy LLM nobody serves any more: alternatives for its pipeline tag
        assert by_id["gpt2"]["reason"] == "no-provider" and by_id["gpt2"]["alternatives"][0] == LLAMA


def test_from_code_missing_path(cli, tmp_path):
    code, _, err = cli("--from-code", str(tmp_path / "nowhere"))
    assert_one_line_error(code, err, "no such file or folder")


def test_lock_is_not_written_when_a_lookup_failed(cli, tmp_path, hosts):
    from tests.server import Reply

    hub, _ = hosts
    hub.route("GET", r"/api/models/acme/flaky", Reply(503, json={"error": "down"}, headers={"Retry-After": "0"}))
    lock = tmp_path / "hfmigrate.lock"
    code, _, err = cli(LLAMA, "acme/flaky", "--lock", str(lock))
    assert code == 2
    assert "acme/flaky" in err and "503" in err and "not written" in err
    assert not lock.exists()


def test_retries_option_is_honoured(cli, hosts):
    from tests.catalog_hosts import hub_model_reply
    from tests.server import Reply

    hub, _ = hosts
    answers = [Reply(503, json={"error": "busy"}, headers={"Retry-After": "0"})]
    hub.route(
        "GET", r"/api/models/(?P<org>[^/]+)/(?P<name>[^/]+)", lambda r: answers.pop() if answers else hub_model_reply(r)
    )
    model = "BAAI/bge-small-en-v1.5"  # not in the router catalogue: only the Hub can tell
    assert cli(model, "--retries", "0")[0] == 2
    answers.append(Reply(503, json={"error": "busy"}, headers={"Retry-After": "0"}))
    assert cli(model, "--retries", "1")[0] == 0  # one 503, then the retry succeeds


def test_text_table_colours_only_on_a_terminal(hosts, tmp_path):
    from hfmigrate.catalog import CatalogOptions, ModelRequest, check_models
    from hfmigrate.net import resolve_hosts
    from hfmigrate.report.models_text import render

    hub, router = hosts
    options = CatalogOptions(hosts=resolve_hosts(router.url, None, hub.url, environ={}), cache_dir=tmp_path / "c")
    report = check_models([ModelRequest(LLAMA), ModelRequest("openai-community/gpt2")], options)
    plain, coloured = render(report), render(report, to_terminal=True)
    assert "\x1b[" not in plain and "\x1b[" in coloured
    lines = plain.splitlines()
    assert lines[0].split()[:4] == ["model", "task", "status", "reason"]
    assert lines[1].startswith("openai-community/gpt2 ") and lines[2].startswith(LLAMA + " ")
    assert lines[1].index("unavailable") == lines[2].index("available")  # columns line up


def test_offline_error_is_exactly_one_line_in_a_real_process(env, tmp_path):
    import os
    import subprocess
    import sys

    # several lookups fail at once; none of their errors may surface as a traceback when the interpreter exits
    environ = {k: v for k, v in os.environ.items() if k not in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")}
    environ.update(HFMIGRATE_CACHE_DIR=str(env), HF_HOME=str(tmp_path / "hf-home"))
    result = subprocess.run(
        [sys.executable, "-m", "hfmigrate", "check-models", "--offline", "gpt2", LLAMA, "org/other"],
        env=environ,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("hfmigrate: error: --offline"), result.stderr


def test_yaml_output_is_accepted_as_hfmigrate_config(cli, tmp_path):
    from hfmigrate.config import load_settings

    _, out, _ = cli("--format", "yaml", "openai-community/gpt2", "nobody/none", f"{LLAMA}:sambanova")
    config = tmp_path / ".hfmigrate.yaml"
    config.write_text(out)
    settings = load_settings([tmp_path], config_file=config)
    assert settings.models == {"openai-community/gpt2": LLAMA, f"{LLAMA}:sambanova": LLAMA}
