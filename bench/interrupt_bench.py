"""How long scan and rewrite take to stop after SIGINT / SIGTERM, while worker processes run.

Generates a tree of legacy modules, starts `hfmigrate scan` / `hfmigrate rewrite` in a real process, waits until
its worker processes exist (or, for rewrite's write phase, until the first file is rewritten), sends the signal and
prints the time from the signal to the process's exit, with the exit code. Linux only (reads /proc).

    .venv/bin/python bench/interrupt_bench.py [--files 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BODY = "\n".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(60))


def make_tree(root: Path, files: int) -> Path:
    (root / ".git").mkdir(parents=True)
    for n in range(files):
        path = root / f"pkg{n // 100:02d}" / f"m{n % 100:03d}.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            f'import requests\nAPI = "https://api-inference.huggingface.co/models/gpt2"\n{BODY}\n'
            f'r = requests.post(API, json={{"inputs": "x"}})\n'
        )
    return root / "pkg00" / "m000.py"


def has_children(pid: int) -> bool:
    return any((task / "children").read_text().split() for task in Path(f"/proc/{pid}/task").glob("*"))


def one(command: str, phase: str, signum: int, files: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        first = make_tree(Path(folder), files)
        process = subprocess.Popen(
            [sys.executable, "-m", "hfmigrate", command, "."],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        ready = (
            (lambda: b"router.huggingface.co" in first.read_bytes())
            if phase == "writing"
            else (lambda: has_children(process.pid))
        )
        while not ready():
            if process.poll() is not None:
                raise SystemExit(f"{command} ended before the {phase} phase; use more --files")
            time.sleep(0.002)
        sent = time.perf_counter()
        process.send_signal(signum)
        process.wait(timeout=60)
        return time.perf_counter() - sent, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    for command, phase, signum in (
        ("scan", "workers", signal.SIGINT),
        ("rewrite", "workers", signal.SIGTERM),
        ("rewrite", "writing", signal.SIGINT),
    ):
        runs = [one(command, phase, signum, options.files) for _ in range(options.runs)]
        times = [t for t, _ in runs]
        print(
            f"{command:8} {phase:8} {signal.Signals(signum).name:8} exit {sorted({c for _, c in runs})}  "
            f"stop after signal: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
            f"({options.files} files, {options.runs} runs)"
        )


if __name__ == "__main__":
    main()
