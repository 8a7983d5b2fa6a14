"""`hfmigrate scan` and `hfmigrate rules` through the real command line: exit codes, options, formats, integrations."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hfmigrate import rules
from hfmigrate.files import file_kind
from tests.project_files import hfmigrate, write

REPO = Path(__file__).resolve().parent.parent
LEGACY = 'API_URL = "https://api-inference.huggingface.co/models/gpt2"\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "app/client.py", LEGACY)
    write(tmp_path, "app/clean.py", "import os\n")
    write(tmp_path, "web/call.js", 'fetch("https://api-inference.huggingface.co/models/gpt2")\n')
    return tmp_path


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr


# --- exit codes ------------------------------------------------------------------------------------------------


def test_findings_exit_1_and_exit_zero_overrides(project: Path):
    result = hfmigrate("scan", ".", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "app/client.py:1:11  HFM101" in result.stdout
    assert "web/call.js:1:8  HFM101" in result.stdout
    assert "Found 2 findings in 2 files (3 files scanned)." in result.stdout
    assert hfmigrate("scan", "--exit-zero", ".", cwd=project).returncode == 0


def test_no_findings_exit_0(project: Path):
    result = hfmigrate("scan", "app/clean.py", cwd=project)
    assert result.returncode == 0
    assert result.stdout == "No legacy Inference API usage found in 1 file.\n"
    assert result.stderr == ""


def test_scan_defaults_to_the_current_folder(project: Path):
    result = hfmigrate("scan", "--format", "json", cwd=project / "app")
    assert result.returncode == 1
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["client.py"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan", "missing.py"], "hfmigrate: error: missing.py: no such file or directory"),
        (["scan", "app", "missing_dir"], "hfmigrate: error: missing_dir: no such file or directory"),
        (["scan", "--format", "xml", "."], "hfmigrate: error: --format 'xml' is not one of text, json, sarif, github"),
        (
            ["scan", "--select", "HFM999", "."],
            "hfmigrate: error: --select: 'HFM999' matches no rule; run `hfmigrate rules` to list them",
        ),
        (
            ["scan", "--ignore", "E501", "."],
            "hfmigrate: error: --ignore: 'E501' matches no rule; run `hfmigrate rules` to list them",
        ),
        (["scan", "--config", "nope.yaml", "."], "hfmigrate: error: cannot read config nope.yaml"),
        (["rules", "HFM999"], "hfmigrate: error: unknown rule 'HFM999'; run `hfmigrate rules` to list them"),
    ],
)
def test_usage_errors_exit_2_with_one_line(project: Path, args: list[str], message: str):
    result = hfmigrate(*args, cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert_no_traceback(result)


def test_a_folder_with_nothing_to_read_exits_2(tmp_path: Path):
    write(tmp_path, "image.png", "not text")
    (tmp_path / ".git").mkdir()
    result = hfmigrate("scan", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("hfmigrate: error: no Python, notebook or text files to scan under .")
    assert result.stderr.count("\n") == 1


def test_files_given_one_by_one_and_all_excluded_are_a_clean_run(project: Path):
    # pre-commit passes the changed files; a commit touching only excluded files must not fail the hook
    write(project, ".hfmigrate.yaml", "exclude: [app]\n")
    result = hfmigrate("scan", "app/client.py", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "1 file skipped" in result.stdout


# --- options ---------------------------------------------------------------------------------------------------


def test_select_ignore_exclude_include(project: Path):
    write(project, "app/headers.py", 'H = {"x-wait-for-model": "true"}\n')

    def codes(*args: str) -> list[tuple[str, str]]:
        result = hfmigrate("scan", "--format", "json", "--exit-zero", *args, ".", cwd=project)
        assert result.returncode == 0, result.stderr
        return [(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]]

    everything = [("app/client.py", "HFM101"), ("app/headers.py", "HFM202"), ("web/call.js", "HFM101")]
    assert codes() == everything
    assert codes("--select", "HFM2") == [("app/headers.py", "HFM202")]
    assert codes("--ignore", "HFM1") == [("app/headers.py", "HFM202")]
    assert codes("--exclude", "web") == everything[:2]
    assert codes("--exclude", "app/client.py", "--exclude", "*.js") == [("app/headers.py", "HFM202")]
    assert codes("--exclude", "app", "--include", "app/headers.py") == everything[1:]


def test_gitignore_and_no_gitignore(project: Path):
    write(project, ".gitignore", "web/\n")
    result = hfmigrate("scan", "--format", "json", ".", cwd=project)
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["app/client.py"]
    result = hfmigrate("scan", "--format", "json", "--no-gitignore", ".", cwd=project)
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["app/client.py", "web/call.js"]


def test_verbose_says_what_was_skipped_and_why(project: Path):
    write(project, ".gitignore", "web/\n")
    write(project, "node_modules/lib/index.js", LEGACY)
    quiet = hfmigrate("scan", ".", cwd=project)
    assert "skipped" not in quiet.stdout  # three folders (.git/, node_modules/, web/), no file: nothing to count
    assert "node_modules" not in quiet.stdout + quiet.stderr
    loud = hfmigrate("scan", "--verbose", ".", cwd=project)
    assert "hfmigrate: .git/: skipped: tool, build or virtualenv folder" in loud.stdout
    assert "hfmigrate: node_modules/: skipped: tool, build or virtualenv folder" in loud.stdout
    assert "hfmigrate: web/: skipped: ignored by .gitignore" in loud.stdout
    # machine formats keep stdout clean and say it on stderr
    machine = hfmigrate("scan", "--verbose", "--format", "json", ".", cwd=project)
    assert "hfmigrate: web/: skipped: ignored by .gitignore" in machine.stderr
    json.loads(machine.stdout)


def test_config_file_is_used_and_can_be_named(project: Path):
    write(project, "pyproject.toml", '[tool.hfmigrate]\nignore = ["HFM101"]\n')
    assert hfmigrate("scan", ".", cwd=project).returncode == 0
    write(project, "ci/strict.yaml", "select: [ALL]\n")
    assert hfmigrate("scan", "--config", "ci/strict.yaml", ".", cwd=project).returncode == 1
    write(project, "pyproject.toml", '[tool.hfmigrate.per-file-ignores]\n"*.js" = ["HFM101"]\n')
    result = hfmigrate("scan", "--format", "json", ".", cwd=project)
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["app/client.py"]


def test_bad_config_exits_2_naming_the_file(project: Path):
    write(project, ".hfmigrate.yaml", "select: [HFM1\n")
    result = hfmigrate("scan", ".", cwd=project)
    assert result.returncode == 2
    assert re.fullmatch(r"hfmigrate: error: .*\.hfmigrate\.yaml: invalid YAML at line \d+: .*\n", result.stderr)


# --- formats ---------------------------------------------------------------------------------------------------


def test_every_format_and_output_file(project: Path):
    result = hfmigrate("scan", "--format", "json", ".", cwd=project)
    document = json.loads(result.stdout)
    assert document["summary"]["findings"] == 2 and document["summary"]["files_scanned"] == 3
    result = hfmigrate("scan", "--format", "sarif", ".", cwd=project)
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"HFM101"}
    result = hfmigrate("scan", "--format", "github", ".", cwd=project)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith("::error file=") for line in lines)
    result = hfmigrate("scan", "--format", "json", "-o", "report.json", ".", cwd=project)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads((project / "report.json").read_text())["summary"]["findings"] == 2


# --- rules -----------------------------------------------------------------------------------------------------


def test_rules_lists_every_rule_and_explains_one(project: Path):
    listing = hfmigrate("rules", cwd=project)
    assert listing.returncode == 0
    for rule in rules.RULES:
        assert rule.code in listing.stdout and rule.name in listing.stdout
    one = hfmigrate("rules", "HFM101", cwd=project)
    assert one.returncode == 0
    assert "legacy-model-url" in one.stdout and "https://router.huggingface.co/hf-inference/models/" in one.stdout
    assert hfmigrate("rules", "hfm101", cwd=project).stdout == one.stdout


# --- integrations ----------------------------------------------------------------------------------------------


def test_pre_commit_hook_manifest():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "hfmigrate"
    assert hook["entry"] == "hfmigrate scan"
    assert hook["language"] == "python"
    assert hook["require_serial"] is False
    pattern = re.compile(hook["files"])
    readable = [
        "a.py",
        "b/c.pyi",
        "nb.ipynb",
        "x.js",
        "x.ts",
        "x.tsx",
        "run.sh",
        "c.yaml",
        "c.yml",
        "d.json",
        "pyproject.toml",
        "README.md",
        "docs/x.rst",
        "requirements.txt",
        ".env",
        "svc/.env.production",
        "Dockerfile",
        "docker/Dockerfile.gpu",
        "setup.cfg",
        "Makefile",
    ]
    unread = ["logo.png", "model.safetensors", "main.go", "lib.rs", "LICENSE", "a.pyc"]
    for name in readable:
        assert file_kind(Path(name)) is not None, name
        assert pattern.search(name), name
    for name in unread:
        assert file_kind(Path(name)) is None, name
        assert not pattern.search(name), name


def test_pre_commit_style_invocation_on_changed_files(project: Path):
    """What pre-commit runs: the entry followed by the changed files (a clean one passes, a legacy one fails)."""
    assert hfmigrate("scan", "app/clean.py", cwd=project).returncode == 0
    result = hfmigrate("scan", "app/clean.py", "web/call.js", cwd=project)
    assert result.returncode == 1 and "web/call.js:1:8  HFM101" in result.stdout


def test_github_action_is_a_composite_that_installs_from_its_own_path():
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert inputs["paths"]["default"] == "."
    assert {"paths", "args", "version"} <= set(inputs)
    steps = action["runs"]["steps"]
    assert any(step.get("uses", "").startswith("actions/setup-python@") and step.get("if") for step in steps)
    install = next(step for step in steps if "pip" in step.get("run", ""))
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$ACTION_PATH"' in install["run"]
    assert steps[-1]["run"] == '"$ACTION_PATH/scripts/action-scan.sh"'  # inputs only via env (tests/test_action.py)
    assert all(step["shell"] == "bash" for step in steps if "run" in step)


def test_readme_scan_section_shows_the_integrations():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- SECTION:scan -->")[1].split("<!-- /SECTION:scan -->")[0]
    for expected in (
        "hfmigrate scan .",
        "id: hfmigrate",
        "uses:",
        "docs/scan-json.md",
        "hfmigrate rules",
        "hfmigrate: ignore[HFM101]",
        "[tool.hfmigrate]",
        ".hfmigrate.yaml",
        "per-file-ignores",
        "--exit-zero",
        "--format github",
    ):
        assert expected in section, expected


# --- start-up cost (pre-commit runs scan on every commit) ------------------------------------------------------

_MODULES_AFTER = """
import sys
sys.argv = ["hfmigrate", "scan", *sys.argv[1:]]
from hfmigrate.cli import main
try:
    main()
except SystemExit as done:
    code = done.code
print("\\nMODULES", sorted(m for m in ("libcst", "httpx", "rich", "yaml") if m in sys.modules), "EXIT", code)
"""


def modules_loaded(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER, *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    return result.stdout.rsplit("MODULES", 1)[1].strip()


def test_a_clean_file_loads_neither_libcst_nor_httpx_nor_rich(project: Path):
    # any format, including the default text report of a clean run
    assert modules_loaded(project, "app/clean.py") == "[] EXIT 0"
    assert modules_loaded(project, "--format", "json", "app/clean.py") == "[] EXIT 0"
    # a module of plain legacy URL literals is read with ast alone; a text report of findings loads rich
    assert modules_loaded(project, "app/client.py") == "['rich'] EXIT 1"
    # a module that needs the parser loads libcst; never httpx
    write(project, "app/api.py", "from huggingface_hub import InferenceApi\n\nInferenceApi('gpt2')\n")
    assert modules_loaded(project, "--format", "json", "app/api.py") == "['libcst'] EXIT 1"
    write(project, ".hfmigrate.yaml", "ignore: [HFM105]\n")
    assert modules_loaded(project, "--format", "json", "web/call.js") == "['yaml'] EXIT 1"


def test_option_errors_are_one_line_with_exit_2(tmp_path):
    import subprocess
    import sys

    for args in (["scan", "--bogus"], ["check-models", "--concurrency", "0", "x"], ["nosuch"]):
        result = subprocess.run(
            [sys.executable, "-m", "hfmigrate", *args], capture_output=True, text=True, cwd=tmp_path
        )
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("hfmigrate: error: "), result.stderr


def test_a_report_into_a_missing_folder_fails_before_scanning(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "hfmigrate", "scan", "-o", str(tmp_path / "nope" / "r.json"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "folder" in result.stderr and result.stderr.count("\n") == 1
