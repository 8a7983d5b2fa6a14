"""SIGINT and SIGTERM stop scan and rewrite at once, say which files were written, and leave no partial file.

Each test runs hfmigrate in a real process on a generated tree large enough for the worker pool, waits (polling,
never a fixed sleep) until the run is visibly under way (worker processes started, or a first file rewritten),
sends a real signal and checks the exit code, the message, the tree and that every worker is gone.
"""

from __future__ import annotations

import ast
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads worker processes from /proc")

L = "https://api-inference.huggingface.co"
BODY = "\n".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(60))
GENEROUS = 30.0  # seconds: only "it ended", never a speed claim


def make_tree(root: Path, files: int = 400) -> dict[Path, bytes]:
    (root / ".git").mkdir(parents=True)
    originals = {}
    for n in range(files):
        path = root / f"pkg{n // 100:02d}" / f"m{n % 100:03d}.py"
        path.parent.mkdir(exist_ok=True)
        data = f'import requests\nAPI = "{L}/models/gpt2"\n{BODY}\nr = requests.post(API, json={{"inputs": "x"}})\n'.encode()
        path.write_bytes(data)
        originals[path] = data
    return originals


def start(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "hfmigrate", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def wait_until(condition, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 120
    while not condition():
        assert process.poll() is None, f"the run ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(0.005)


def stop(process: subprocess.Popen, signum: int) -> tuple[str, str]:
    process.send_signal(signum)
    out, err = process.communicate(timeout=GENEROUS)
    return out, err


def assert_tree(originals: dict[Path, bytes], root: Path, written: list[str]) -> None:
    assert not [p for p in root.rglob("*") if p.name.endswith(".hfmigrate")], "a temp file was left behind"
    for path, data in originals.items():
        now = path.read_bytes()
        if path.relative_to(root).as_posix() in written:
            assert b"router.huggingface.co" in now and L.encode() not in now
            ast.parse(now)
        else:
            assert now == data, f"{path} changed but was not reported as written"


def written_files(err: str) -> list[str]:
    return re.findall(r"^  (\S+\.py)$", err, flags=re.MULTILINE)


def test_sigint_stops_scan_while_workers_run(tmp_path: Path):
    make_tree(tmp_path)
    process = start("scan", ".", cwd=tmp_path)
    wait_until(lambda: children(process.pid), process, "worker processes")
    workers = children(process.pid)
    out, err = stop(process, signal.SIGINT)
    assert process.returncode == 130, err
    assert err == "hfmigrate: interrupted by SIGINT; no file was written\n"
    assert out == ""  # no half report
    assert not any(Path(f"/proc/{pid}").exists() and _is_zombie_free(pid) for pid in workers)


def _is_zombie_free(pid: int) -> bool:
    """A worker still running (not just a zombie entry waiting to be reaped by init)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def test_sigterm_stops_rewrite_while_workers_run_and_nothing_is_written(tmp_path: Path):
    originals = make_tree(tmp_path)
    process = start("rewrite", ".", cwd=tmp_path)
    wait_until(lambda: children(process.pid), process, "worker processes")
    workers = children(process.pid)
    out, err = stop(process, signal.SIGTERM)
    assert process.returncode == 143, err
    assert err == "hfmigrate: interrupted by SIGTERM; no file was written\n"
    assert_tree(originals, tmp_path, [])
    assert not any(_is_zombie_free(pid) for pid in workers)


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_interrupted_while_writing_lists_exactly_the_files_written(tmp_path: Path, signum: int, code: int):
    originals = make_tree(tmp_path)
    first = tmp_path / "pkg00" / "m000.py"  # written first: files are written in the order they were walked
    process = start("rewrite", ".", cwd=tmp_path)
    wait_until(lambda: b"router.huggingface.co" in first.read_bytes(), process, "the first file rewritten")
    out, err = stop(process, signum)
    assert process.returncode == code, err
    name = signal.Signals(signum).name
    written = written_files(err)
    assert err.startswith(f"hfmigrate: interrupted by {name}; {len(written)} file"), err
    assert "pkg00/m000.py" in written and len(written) < len(originals)
    assert "Traceback" not in err
    assert_tree(originals, tmp_path, written)
