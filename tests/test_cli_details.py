"""Command-line details a new user meets first: help, usage errors, config precedence, summary wording, --diff
as a patch that ``git apply`` takes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.project_files import hfmigrate, write

L = "https://api-inference.huggingface.co"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    write(
        root,
        "app/client.py",
        f'import requests\n\nAPI = "{L}/models/gpt2"\nr = requests.post(API, json={{"inputs": "hi"}})\n',
    )
    write(root, "web/app.js", f'const U = "{L}/models/gpt2";\nfetch(U);\n')
    write(root, ".env", f"API={L}/models/gpt2\nOTHER=1\n")
    return root


def test_plain_hfmigrate_prints_help_and_no_empty_error_line(tmp_path: Path):
    result = hfmigrate(cwd=tmp_path)
    assert "Usage: hfmigrate" in result.stdout and "Commands" in result.stdout
    assert result.stderr == ""
    assert result.returncode == 2


def test_help_paragraphs_are_not_broken_mid_sentence_and_show_the_default_path(tmp_path: Path):
    for command in ("scan", "rewrite", "probe", "check-models"):
        result = hfmigrate(command, "--help", cwd=tmp_path, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
        assert result.returncode == 0
        # every line of the exit-code paragraph ends a sentence or the paragraph (no hard break inside it)
        paragraph = [line.strip() for line in result.stdout.splitlines() if "Exit codes" in line]
        assert paragraph and all(line.endswith(".") for line in paragraph), paragraph
    assert "(default: .)" in hfmigrate("scan", "--help", cwd=tmp_path, env={"COLUMNS": "200"}).stdout
    assert "(default: .)" in hfmigrate("rewrite", "--help", cwd=tmp_path, env={"COLUMNS": "200"}).stdout


def test_diff_with_check_is_a_usage_error(project: Path):
    result = hfmigrate("rewrite", "--diff", "--check", ".", cwd=project)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "hfmigrate: error: --diff and --check cannot be used together: "
        "--diff prints the patch, --check lists the files\n"
    )


@pytest.mark.parametrize("task, hint", [("text-generaton", "did you mean 'text-generation'? "), ("banana", "")])
def test_task_is_validated_before_any_request(tmp_path: Path, task: str, hint: str):
    result = hfmigrate("check-models", "--task", task, "--hub-url", "http://127.0.0.1:9", "gpt2", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"hfmigrate: error: --task {task!r} is not a Hub task; {hint}"
        "use a pipeline tag such as text-generation or feature-extraction\n"
    )


def test_a_named_config_without_a_hfmigrate_table_is_an_error(project: Path):
    write(project, "other.toml", "[tool.black]\nline-length = 100\n")
    result = hfmigrate("scan", "--config", "other.toml", ".", cwd=project)
    assert result.returncode == 2
    assert (
        result.stderr
        == "hfmigrate: error: --config other.toml: no [tool.hfmigrate] table in it; add one, or leave --config out\n"
    )
    write(project, "pyproject.toml", '[tool.hfmigrate]\nignore = ["HFM1"]\n')
    assert hfmigrate("scan", "--config", "pyproject.toml", ".", cwd=project).returncode == 0


def test_yaml_beside_a_pyproject_table_wins_with_a_warning(project: Path):
    write(project, "pyproject.toml", '[tool.hfmigrate]\nignore = ["HFM1"]\n')
    write(project, ".hfmigrate.yaml", "select: [ALL]\n")
    result = hfmigrate("scan", ".", cwd=project)
    assert result.returncode == 1  # the YAML (select ALL) was used, not the table (ignore HFM1)
    assert re.fullmatch(
        r"hfmigrate: warning: using .*\.hfmigrate\.yaml; the \[tool\.hfmigrate\] table in "
        r".*pyproject\.toml beside it is ignored \(merge them into one\)\n",
        result.stderr,
    ), result.stderr
    (project / ".hfmigrate.yaml").unlink()
    quiet = hfmigrate("scan", ".", cwd=project)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_rules_accepts_a_name_as_well_as_a_code(tmp_path: Path):
    by_name = hfmigrate("rules", "legacy-model-url", cwd=tmp_path)
    by_code = hfmigrate("rules", "HFM101", cwd=tmp_path)
    assert by_name.returncode == 0 and by_name.stdout == by_code.stdout
    assert by_name.stdout.startswith("HFM101 (legacy-model-url):")
    unknown = hfmigrate("rules", "legacy-modle-url", cwd=tmp_path)
    assert unknown.returncode == 2 and "unknown rule 'legacy-modle-url'" in unknown.stderr


def test_summary_grammar_for_one_of_each(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "a.py", f'API = "{L}/status/gpt2"\n')
    result = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "1 file examined (1 Python): 1 changed (1 Python), 0 unchanged, 0 skipped, 0 errors." in result.stdout
    assert re.search(r"HFM104  1 marker ", result.stdout), result.stdout
    assert "1 `# hfmigrate: TODO(...)` marker needs a person" in result.stdout
    scan = hfmigrate("scan", ".", cwd=tmp_path)
    assert "1 finding in 1 file (1 file scanned)" in scan.stdout
    assert "skipped" not in scan.stdout  # .git/ is a folder, never "1 file skipped"


def test_sizes_are_1024_based_and_say_so(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "big.py", "x = 1\n" * 600_000)  # 3.4 MiB
    write(tmp_path, "small.py", "y = 2\n")
    write(tmp_path, ".hfmigrate.yaml", "max-file-size: 2097152\n")
    result = hfmigrate("scan", "--verbose", ".", cwd=tmp_path)
    assert "3.4 MiB, over the 2 MiB limit (max-file-size)" in result.stdout, result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_diff_applies_with_git_apply_and_equals_the_rewrite(project: Path, tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    shutil.rmtree(copy / ".git")
    subprocess.run(["git", "init", "-q", str(copy)], check=True)
    diff = hfmigrate("rewrite", "--diff", ".", cwd=project)
    assert diff.returncode == 1
    assert diff.stdout.startswith("--- a/") and "files examined" not in diff.stdout
    assert "3 files examined" in diff.stderr  # the summary is still shown, on stderr
    (tmp_path / "change.patch").write_text(diff.stdout, encoding="utf-8")
    applied = subprocess.run(["git", "apply", str(tmp_path / "change.patch")], cwd=copy, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert hfmigrate("rewrite", ".", cwd=project).returncode == 0
    for name in ("app/client.py", "web/app.js", ".env"):
        assert (copy / name).read_bytes() == (project / name).read_bytes(), name
