"""Is this checkout slower than an older commit? Paired wall times of `python -m hfmigrate` from both, in one run.

    .venv/bin/python bench/compare_commits.py --base 9a5e49b            # the scan_bench trees, median of 3
    .venv/bin/python bench/compare_commits.py --base HEAD~5 --runs 5
    .venv/bin/python bench/compare_commits.py --base HEAD~5 --tree ~/src/transformers   # and a checkout of yours
    .venv/bin/python bench/compare_commits.py --base HEAD~5 --rewrite bench/.tree/large/constants.py --only --cpu

Both commits' ``hfmigrate/`` packages are exported (``git archive``) to a temporary folder, compiled to bytecode,
and run with the same interpreter and dependencies, alternating base and new for each command, so the machine's
load hits both alike. The trees are scan_bench's (run ``bench/scan_bench.py`` once to build them). Prints the
median of each and the difference; the issue-12 rule for a restructuring is "within 10%".
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TREES = HERE / ".tree"


def export(revision: str | None, into: Path) -> Path:
    """``hfmigrate/`` at ``revision`` (None: the working tree) under ``into``, with its bytecode written."""
    into.mkdir(parents=True)
    if revision is None:
        archive = subprocess.run(["git", "-C", str(REPO), "stash", "create"], capture_output=True, text=True)
        revision = archive.stdout.strip() or "HEAD"  # uncommitted changes count as "new"
    data = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", revision, "hfmigrate"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        if hasattr(tarfile, "data_filter"):  # 3.10.12+: say so explicitly (our own archive: nothing to filter)
            tar.extractall(into, filter="data")
        else:
            tar.extractall(into)
    compileall.compile_dir(str(into), quiet=1)
    return into


def commands(extra_trees: list[Path], rewritten: list[Path], only: bool = False) -> list[tuple[str, list[str]]]:
    """The bench trees' commands (unless ``only``), then a scan of each extra tree and a rewrite of each path."""
    scan = ["scan", "--format", "json", "-o", os.devnull]
    trees = [] if only else ["legacy", "notebooks", "library", "clean"]
    return [
        *((f"scan {name}", [*scan, str(TREES / name)]) for name in trees),
        *((f"scan {tree.name}", [*scan, str(tree.resolve())]) for tree in extra_trees),
        *(
            (f"rewrite --check {name}", ["rewrite", "--check", str(TREES / name)])
            for name in trees
            if name in ("legacy", "library")
        ),
        *((f"rewrite --check {path.name}", ["rewrite", "--check", str(path.resolve())]) for path in rewritten),
    ]


def timed(root: Path, args: list[str], cwd: str, cpu: bool = False) -> float:
    """Wall seconds of one run; with ``cpu``, the CPU seconds (user + system) of the run and the processes it
    waited for, which other work on the machine disturbs far less than wall time."""
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="")
    before, start = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "hfmigrate", *args], cwd=cwd, env=env, capture_output=True)
    return _children_cpu() - before if cpu else time.perf_counter() - start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the older commit (any git revision)")
    parser.add_argument("--runs", type=int, default=3, help="paired runs per command (median shown)")
    parser.add_argument("--tree", type=Path, action="append", default=[], help="also scan this folder (repeatable)")
    parser.add_argument(
        "--rewrite", type=Path, action="append", default=[], help="also `rewrite --check` this path (repeatable)"
    )
    parser.add_argument("--only", action="store_true", help="only the --tree and --rewrite commands")
    parser.add_argument("--cpu", action="store_true", help="compare CPU time instead of wall time (a busy machine)")
    args = parser.parse_args()
    if not all((TREES / name).exists() for name in ("legacy", "notebooks", "library", "clean")):
        sys.exit("the trees are missing: run .venv/bin/python bench/scan_bench.py once to build them")
    with tempfile.TemporaryDirectory() as folder:
        roots = {"base": export(args.base, Path(folder) / "base"), "new": export(None, Path(folder) / "new")}
        unit = "CPU time" if args.cpu else "wall time"
        print(f"base {args.base} vs this checkout ({unit}); load average {os.getloadavg()[0]:.2f} before")
        for name, command in commands(args.tree, args.rewrite, args.only):
            times: dict[str, list[float]] = {"base": [], "new": []}
            for _ in range(args.runs):
                for side, root in roots.items():
                    times[side].append(timed(root, command, folder, args.cpu))  # cwd outside the repo: no shadowing
            base, new = statistics.median(times["base"]), statistics.median(times["new"])
            print(
                f"  {name:<26} base {base * 1000:7.0f} ms  new {new * 1000:7.0f} ms  {100 * (new - base) / base:+6.1f}%"
            )
        print(f"load average {os.getloadavg()[0]:.2f} after ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
