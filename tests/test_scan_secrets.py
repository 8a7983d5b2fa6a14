"""No output of `hfmigrate scan` ever contains a token found in a scanned file.

A canary token (``hf_`` and 34 letters and digits) is planted in code, comments, strings that are legacy URLs,
.env, YAML, shell, a notebook (code, markdown and outputs), a file that does not parse and a notebook cell that
does not parse. Every format, with and without --verbose, to standard output and to a file, and the GitHub step
summary, must show the findings without the canary.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.project_files import hfmigrate, write

CANARY = "hf_" + "Zq7Xw2Lk9Pm4Rt6Yb1Nc8Vd3Fg5Hj0QsAa"
assert len(CANARY) == 37 and CANARY[3:].isalnum()
L = "https://api-inference.huggingface.co"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("secrets")
    (root / ".git").mkdir()
    write(
        root,
        "app/client.py",
        "\n".join(
            [
                "import requests",
                f'TOKEN = "{CANARY}"',
                f"# old token: {CANARY}",
                f'HEADERS = {{"Authorization": "Bearer {CANARY}", "x-wait-for-model": "true"}}',
                f'URL = "{L}/models/gpt2?api_key={CANARY}"',
                f'MODEL_URL = "{L}/models/{CANARY}"',
                f'STATUS = f"{L}/status/{{model}}#{CANARY}"',
                f'payload = {{"inputs": "{CANARY}", "options": {{"wait_for_model": True}}}}',
                "",
            ]
        ),
    )
    write(root, "app/broken.py", f'def f(:\n    return "{L}/models/gpt2"  # {CANARY}\nx = {CANARY} {CANARY}\n')
    write(root, ".env", f"HF_TOKEN={CANARY}\nHF_URL={L}/models/gpt2?token={CANARY}\n")
    write(root, "deploy.yaml", f"env:\n  HF_TOKEN: {CANARY}\n  url: {L}/v1/  # {CANARY}\n")
    write(root, "call.sh", f'curl {L}/models/gpt2 -H "Authorization: Bearer {CANARY}"\n')
    write(root, "web/app.js", f'fetch(`{L}/models/${{m}}`, {{headers: {{Authorization: "Bearer {CANARY}"}}}});\n')
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [f"Token: {CANARY}\n", f"{L}/models/gpt2?t={CANARY}"]},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 1,
            "source": [f'token = "{CANARY}"\n', f'url = "{L}/models/gpt2"\n', f"!curl -H 'Bearer {CANARY}' {L}/v1/"],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": [f"{CANARY}\n", f"{L}/models/x\n"]}],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 2,
            "outputs": [],
            "source": ["def broken(:\n", f"    '{L}/models/gpt2'  # {CANARY}"],
        },
    ]
    write(
        root,
        "notebooks/explore.ipynb",
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
    )
    write(root, "notebooks/corrupt.ipynb", f'{{"cells": [{{"source": "{CANARY} api-inference"')
    return root


FORMATS = ["text", "json", "sarif", "github"]


@pytest.mark.parametrize("verbose", [False, True], ids=["quiet", "verbose"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_shows_the_token(project: Path, tmp_path: Path, fmt: str, verbose: bool):
    summary = tmp_path / "step-summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    flags = ["--verbose"] if verbose else []
    result = hfmigrate("scan", "--format", fmt, *flags, ".", cwd=project, env=env)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "HFM901" in result.stdout  # the tokens are reported...
    assert "HFM101" in result.stdout
    assert CANARY not in result.stdout  # ...but never shown
    assert CANARY not in result.stderr
    assert CANARY[3:20] not in result.stdout + result.stderr  # nor a recognisable part of one
    if fmt == "github":
        assert summary.exists() and CANARY not in summary.read_text(encoding="utf-8")
    report = tmp_path / f"report.{fmt}"
    written = hfmigrate("scan", "--format", fmt, *flags, "-o", str(report), ".", cwd=project, env=env)
    assert written.returncode == 1
    assert CANARY not in report.read_text(encoding="utf-8") + written.stdout + written.stderr


def test_the_canary_is_really_in_the_findings_and_diagnostics(project: Path):
    """Guard against a vacuous pass: the run reads every planted file and reports about each one."""
    result = hfmigrate("scan", "--format", "json", "--verbose", ".", cwd=project)
    document = json.loads(result.stdout)
    paths = {f["path"] for f in document["findings"]}
    assert paths == {
        "app/client.py",
        "app/broken.py",
        ".env",
        "deploy.yaml",
        "call.sh",
        "web/app.js",
        "notebooks/explore.ipynb",
        "notebooks/corrupt.ipynb",
    }  # an invalid notebook is searched as text
    tokens = [f for f in document["findings"] if f["code"] == "HFM901"]
    assert {f["path"] for f in tokens} == paths
    assert all("hf_…" in f["message"] for f in tokens)
    kinds = {(d["path"], d["kind"]) for d in document["diagnostics"]}
    assert ("app/broken.py", "downgraded") in kinds
    assert ("notebooks/explore.ipynb:cell 3", "downgraded") in kinds
    assert ("notebooks/corrupt.ipynb", "downgraded") in kinds
    # the URL carrying the token keeps its shape, redacted
    replacements = [f["replacement"] for f in document["findings"] if f["replacement"]]
    assert "https://router.huggingface.co/hf-inference/models/gpt2?api_key=hf_…" in replacements


def test_explicit_files_and_single_file_runs(project: Path):
    for name in ("app/client.py", "app/broken.py", ".env", "notebooks/explore.ipynb", "notebooks/corrupt.ipynb"):
        result = hfmigrate("scan", "--verbose", name, cwd=project)
        assert result.returncode in (1, 2), name
        assert CANARY not in result.stdout + result.stderr, name


def test_a_token_in_the_configuration_is_not_echoed(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "a.py", "x = 1\n")
    for config in (
        f"select: [{CANARY}]\n",
        f"{CANARY}: 1\n",
        f"per-file-ignores:\n  '*.py': [{CANARY}]\n",
        f"select: [HFM1\n# {CANARY}\n",
    ):
        write(tmp_path, ".hfmigrate.yaml", config)
        result = hfmigrate("scan", ".", cwd=tmp_path)
        assert result.returncode == 2
        assert CANARY not in result.stdout + result.stderr, config
    (tmp_path / ".hfmigrate.yaml").unlink()
    result = hfmigrate("scan", "--select", CANARY, ".", cwd=tmp_path)
    assert result.returncode == 2 and CANARY not in result.stderr
