"""The GitHub Action: inputs reach the shell only through the environment, and the script it runs
(scripts/action-scan.sh) passes paths with spaces and shell metacharacters to hfmigrate as they are."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.project_files import write

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "action-scan.sh"
L = "https://api-inference.huggingface.co"
STRANGE = ["my src", "a;b$(touch PWNED)", 'quote\'d "dir"', "back`touch PWNED`tick", "star*", "-dash", "new\tline"]

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the action's shell is bash")


def test_no_input_is_pasted_into_a_run_script():
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
    scan = next(step for step in action["runs"]["steps"] if step["name"] == "Scan")
    assert scan["env"]["HFMIGRATE_PATHS"] == "${{ inputs.paths }}"
    assert scan["env"]["HFMIGRATE_ARGS"] == "${{ inputs.args }}"
    assert "scripts/action-scan.sh" in scan["run"] and '"$ACTION_PATH/' in scan["run"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    for name in STRANGE:
        write(tmp_path, f"{name}/client.py", f'API = "{L}/models/gpt2"\n')
    write(tmp_path, "clean/ok.py", "x = 1\n")
    return tmp_path


def run_action(cwd: Path, paths: str | None, args: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HFMIGRATE_", "GITHUB_"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # hfmigrate and python3
    if paths is not None:
        env["HFMIGRATE_PATHS"] = paths
    if args is not None:
        env["HFMIGRATE_ARGS"] = args
    return subprocess.run(["bash", str(SCRIPT)], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def annotated_files(output: str) -> set[str]:
    return {match.group(1) for match in re.finditer(r"^::error file=(.*?),line=", output, flags=re.MULTILINE)}


def unescape(value: str) -> str:
    return value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def test_one_path_per_line_with_spaces_and_metacharacters(project: Path):
    result = run_action(project, "\n".join(STRANGE))
    assert result.returncode == 1, result.stderr
    assert {unescape(f) for f in annotated_files(result.stdout)} == {f"{name}/client.py" for name in STRANGE}
    assert not list(project.rglob("PWNED")) and not Path("PWNED").exists()


def test_one_line_with_shell_quoting(project: Path):
    result = run_action(project, "\"my src\" 'a;b$(touch PWNED)' clean")
    assert result.returncode == 1, result.stderr
    assert {unescape(f) for f in annotated_files(result.stdout)} == {"my src/client.py", "a;b$(touch PWNED)/client.py"}
    assert not list(project.rglob("PWNED"))


def test_args_are_split_like_shell_words_and_never_run(project: Path):
    result = run_action(project, "'my src'", "--ignore 'HFM101' --exclude '*;touch PWNED'")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(project.rglob("PWNED"))
    unmatched = run_action(project, "clean", '--select "HFM1" $(touch PWNED)')
    assert unmatched.returncode == 2  # `$(touch` is an argument hfmigrate rejects, not a command
    assert unmatched.stderr.startswith("hfmigrate: error: ") and not list(project.rglob("PWNED"))


def test_default_path_and_exit_codes(project: Path):
    assert run_action(project, None).returncode == 1  # "." by default: the strange folders are found
    assert run_action(project, "").returncode == 1
    assert run_action(project / "clean", None).returncode == 0
    missing = run_action(project, "'no such folder'")
    assert missing.returncode == 2 and "no such folder: no such file or directory" in missing.stderr


def test_unbalanced_quotes_are_one_clear_error(project: Path):
    result = run_action(project, "'my src")
    assert result.returncode != 0 and "check the quotes" in result.stderr
