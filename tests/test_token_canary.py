"""No output of any command shows a token: one canary drives every command, format and file a command writes.

The canary is planted in scanned files (on a line rewrite leaves as context beside an edited one), in
``$HF_TOKEN``, in ``--token``, and, in a shape that no ``hf_`` pattern recognises, in the variable ``--token-env``
names. Each command runs in a real process; stdout, stderr, report files, the step summary, the check-models cache
and the lockfile are searched for every canary.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.catalog_hosts import hub_host, router_host
from tests.probe_fixtures import hf_hosts
from tests.project_files import hfmigrate, write

CANARY = "hf_" + "Kc4Tn8Wq2Lx6Rb0Vm3Yp7Hd1Gs5Jf9Za"
ODD_CANARY = "sk-odd-shaped-canary-" + "7f3a9c1e5b"  # a secret no hf_ pattern matches: only its value can find it
CANARIES = (CANARY, ODD_CANARY, CANARY[3:20], ODD_CANARY[7:])
L = "https://api-inference.huggingface.co"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    write(
        root,
        "app.py",
        "\n".join(
            [
                "import requests",
                "",
                f'TOKEN = "{CANARY}"  # hfmigrate: ignore',
                f'API = "{L}/models/gpt2"',
                f'r = requests.post(API, headers={{"Authorization": "Bearer {CANARY}"}}, json={{"inputs": "hi"}})',
                "",
            ]
        ),
    )
    write(root, ".env", f"HF_TOKEN={CANARY}\nAPI={L}/models/gpt2\n")
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": [f'token = "{CANARY}"  # hfmigrate: ignore\n', f'url = "{L}/models/gpt2"\n'],
        }
    ]
    write(root, "nb.ipynb", json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    write(root, "models.txt", "meta-llama/Llama-3.1-8B-Instruct\nBAAI/bge-small-en-v1.5\n")
    return root


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGING", "HFMIGRATE", "GITHUB_"))}
    environ.update(
        {
            "HF_TOKEN": CANARY,
            "ODD_SECRET": ODD_CANARY,
            "HF_HOME": str(tmp_path / "hf-home"),
            "HFMIGRATE_CACHE_DIR": str(tmp_path / "cache"),
            "GITHUB_STEP_SUMMARY": str(tmp_path / "step-summary.md"),
            "COLUMNS": "80",
        }
    )
    return environ


def assert_no_canary(*texts: str) -> None:
    joined = "\n".join(texts)
    for canary in CANARIES:
        assert canary not in joined, f"{canary!r} leaked:\n{joined[:4000]}"


def written_files(tmp_path: Path) -> list[str]:
    """Every file under tmp_path that a command wrote (reports, step summary, cache, lock), as text."""
    texts = []
    for path in tmp_path.rglob("*"):
        if path.is_file() and "project" not in path.relative_to(tmp_path).parts[:1]:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def run(*args: str, cwd: Path, env: dict[str, str]):
    result = hfmigrate(*args, cwd=cwd, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_scan_in_every_format_to_stdout_and_to_a_file(project: Path, env, tmp_path: Path, fmt: str):
    shown = run("scan", "--format", fmt, "--verbose", ".", cwd=project, env=env)
    written = run("scan", "--format", fmt, "-o", str(tmp_path / f"report.{fmt}"), ".", cwd=project, env=env)
    assert shown.returncode == written.returncode == 1, shown.stderr
    assert "HFM101" in shown.stdout  # the run did report what it found (not a vacuous pass)
    assert_no_canary(shown.stdout, shown.stderr, written.stdout, written.stderr, *written_files(tmp_path))
    if fmt == "github":
        assert "HFM101" in (tmp_path / "step-summary.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", [["--diff"], ["--check"], []], ids=["diff", "check", "write"])
def test_rewrite_diff_check_and_write(project: Path, env, mode: list[str]):
    result = run("rewrite", *mode, ".", cwd=project, env=env)
    assert result.returncode in (0, 1), result.stderr
    assert_no_canary(result.stdout, result.stderr)
    if mode == ["--diff"]:
        # the token lines are context lines of hunks that edit the URL next to them
        assert ' TOKEN = "hf_…"  # hfmigrate: ignore' in result.stdout and "+API = " in result.stdout
        assert " HF_TOKEN=hf_…" in result.stdout


def test_probe_text_and_json_against_the_local_hosts(project: Path, env, tmp_path: Path):
    with hf_hosts() as hosts:
        for extra in ([], ["--json"]):
            for token_args in ([], ["--token", CANARY], ["--token-env", "ODD_SECRET"]):
                result = run("probe", *hosts.cli_args(), *token_args, *extra, cwd=project, env=env)
                assert result.returncode in (0, 1), result.stderr
                assert "legacy" in result.stdout
                assert_no_canary(result.stdout, result.stderr)
        sent = [v for r in hosts.router.requests for k, v in r.headers.items() if k.lower() == "authorization"]
    assert f"Bearer {ODD_CANARY}" in sent and f"Bearer {CANARY}" in sent  # the canaries were really used


@pytest.mark.parametrize("fmt", ["text", "json", "yaml"])
def test_check_models_formats_cache_and_lock(project: Path, env, tmp_path: Path, fmt: str):
    with hub_host() as hub, router_host() as router:
        hosts = ["--hub-url", hub.url, "--router-url", router.url]
        lock = tmp_path / "hfmigrate.lock"
        checked = run(
            "check-models",
            "--from-file",
            "models.txt",
            "--format",
            fmt,
            "--lock",
            str(lock),
            "--token",
            CANARY,
            *hosts,
            cwd=project,
            env=env,
        )
        verified = run(
            "check-models", "--verify-lock", str(lock), "--token-env", "ODD_SECRET", *hosts, cwd=project, env=env
        )
        assert hub.requests and any(
            v == f"Bearer {CANARY}" for r in hub.requests for k, v in r.headers.items() if k.lower() == "authorization"
        )
    assert checked.returncode == 0, checked.stderr
    assert verified.returncode == 0, verified.stderr
    assert lock.exists() and list((tmp_path / "cache").rglob("*.json"))
    assert_no_canary(checked.stdout, checked.stderr, verified.stdout, verified.stderr, *written_files(tmp_path))


def test_rules_and_usage_errors(project: Path, env):
    for args in (
        ["rules"],
        ["rules", "HFM901"],
        ["rules", CANARY],
        ["scan", "--format", CANARY, "."],
        ["check-models", "--task", ODD_CANARY, "--token-env", "ODD_SECRET", "gpt2"],
        ["check-models", "--task", CANARY, "gpt2"],
        ["probe", "--timeout", CANARY],
        ["scan", "--select", CANARY, "."],
        ["check-models", CANARY],
    ):
        result = run(*args, cwd=project, env=env)
        assert_no_canary(result.stdout, result.stderr)


def test_the_stream_guard_catches_what_no_renderer_redacted(env, tmp_path: Path):
    """An odd-shaped secret printed by code that knows nothing of it is still replaced on the way out."""
    import subprocess

    script = (
        "from hfmigrate.report import streams; import sys; streams.install(sys.argv[1:]); "
        "print('value:', __import__('os').environ['ODD_SECRET']); print('x', file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "--token-env", "ODD_SECRET"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout == "value: hf_…\n" and result.stderr == "x\n"


def test_known_secrets_come_from_every_source_and_short_values_are_not_secrets(tmp_path: Path):
    from hfmigrate.report.streams import known_secrets

    (tmp_path / "token").write_text(" file-token-value-123 \n", encoding="utf-8")
    environ = {
        "HF_TOKEN": "short",
        "HUGGINGFACEHUB_API_TOKEN": "legacy-variable-secret",
        "MINE": "named-by-option-1",
        "HF_TOKEN_PATH": str(tmp_path / "token"),
    }
    found = known_secrets(["probe", "--token=option-secret-42", "--token-env", "MINE"], environ)
    assert set(found) == {"legacy-variable-secret", "named-by-option-1", "option-secret-42", "file-token-value-123"}
    assert list(found) == sorted(found, key=len, reverse=True)


def test_the_guard_offers_no_byte_stream_to_go_around_it():
    import io

    from hfmigrate.report.streams import RedactingStream

    stream = RedactingStream(io.StringIO(), ("secret-value-1",))
    assert not hasattr(stream, "buffer")
    stream.write(f"a secret-value-1 b {CANARY}\n")
    assert stream.getvalue() == "a hf_… b hf_…\n"
