"""scan and rewrite show a progress display on a terminal only: phase, files done of total; never in a pipe or
in a machine format, and never left on the screen."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from hfmigrate.config import Settings
from hfmigrate.report.progress_display import ProgressDisplay, interrupted_message
from hfmigrate.scan import scan_paths
from tests.project_files import write

L = "https://api-inference.huggingface.co"


def tree(root: Path, files: int = 40) -> Path:
    (root / ".git").mkdir(parents=True, exist_ok=True)
    for n in range(files):
        write(
            root,
            f"pkg/m{n:03d}.py",
            f'import requests\nAPI = "{L}/models/gpt2"\nrequests.post(API, json={{"inputs": "x"}})\n',
        )
    return root


def run_on_a_terminal(args: list[str], cwd: Path, delay: str = "0") -> tuple[int, str, bytes]:
    """hfmigrate with stderr on a pseudo-terminal (stdout a pipe); returns exit code, stdout, terminal bytes."""
    controller, terminal = os.openpty()
    env = {**os.environ, "HFMIGRATE_PROGRESS_DELAY": delay, "COLUMNS": "100"}
    process = subprocess.Popen(
        [sys.executable, "-m", "hfmigrate", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=terminal, env=env
    )
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        seen += chunk
    out = process.stdout.read().decode()
    process.wait(timeout=60)
    os.close(controller)
    return process.returncode, out, seen


def test_the_display_shows_phase_and_files_done_of_total():
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100)
    with ProgressDisplay(console, delay=0) as display:
        display._show()  # what the timer does after the delay
        display.phase("rewriting", 12)
        display.advance(5)
        display._bar.refresh()
        shown = buffer.getvalue()
    assert "rewriting" in shown and "5/12" in shown and "files" in shown
    assert display.written == []


def test_scan_and_rewrite_show_progress_on_a_terminal(tmp_path: Path):
    tree(tmp_path)
    code, out, seen = run_on_a_terminal(["scan", "."], tmp_path)
    assert code == 1 and "Found 40 findings" in out
    assert b"parsing" in seen and b"/40" in seen and b"files" in seen, seen
    code, out, seen = run_on_a_terminal(["rewrite", "--check", "."], tmp_path)
    assert code == 1 and b"rewriting" in seen and b"files" in seen, seen


def test_no_progress_in_machine_formats_or_for_a_quick_run(tmp_path: Path):
    tree(tmp_path)
    code, out, seen = run_on_a_terminal(["scan", "--format", "json", "."], tmp_path)
    assert code == 1 and out.startswith("{")
    assert seen == b""
    code, out, seen = run_on_a_terminal(["scan", "."], tmp_path, delay="60")  # the run ends before the delay
    assert code == 1 and seen == b""


def test_no_progress_off_a_terminal(tmp_path: Path):
    tree(tmp_path)
    env = {**os.environ, "HFMIGRATE_PROGRESS_DELAY": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "hfmigrate", "scan", "."],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and result.stderr == ""


def test_engines_report_progress_and_written_files(tmp_path: Path):
    from hfmigrate.progress import Progress
    from hfmigrate.rewrite import rewrite_paths

    class Recorder(Progress):
        def __init__(self):
            super().__init__()
            self.events = []

        def phase(self, name, total=None):
            super().phase(name, total)
            self.events.append((name, total))

        def advance(self, count=1):
            super().advance(count)
            self.events.append(("+", count))

    tree(tmp_path, files=3)
    scanned = Recorder()
    scan_paths([tmp_path], Settings(), scanned)
    assert ("finding files", None) in scanned.events and ("reading", 3) in scanned.events
    assert ("parsing", 3) in scanned.events and scanned.events.count(("+", 1)) == 6
    rewritten = Recorder()
    rewrite_paths([tmp_path], Settings(), progress=rewritten)
    assert ("writing", 3) in rewritten.events
    assert sorted(Path(w).relative_to(tmp_path).as_posix() for w in rewritten.written) == [
        "pkg/m000.py",
        "pkg/m001.py",
        "pkg/m002.py",
    ]


def test_interrupted_message():
    assert interrupted_message("SIGINT", []) == "hfmigrate: interrupted by SIGINT; no file was written\n"
    assert interrupted_message("SIGTERM", ["a.py"]) == (
        "hfmigrate: interrupted by SIGTERM; 1 file was already written (each completely; the others are unchanged):\n"
        "  a.py\n"
    )
    many = interrupted_message("SIGINT", [f"f{n}.py" for n in range(60)], limit=50)
    assert many.count("\n  f") == 50 and many.endswith("  ... and 10 more\n")
