"""How fast is `hfmigrate rewrite --check`? Compared, in one run, with a plain libcst parse of the same files.

    .venv/bin/python bench/rewrite_bench.py             # tree under bench/.tree/rewrite (gitignored)
    .venv/bin/python bench/rewrite_bench.py --rebuild

The tree is the scan bench's generator (bench/scan_bench.py): 5,000 realistic Python files, 1% of them (50) with a
legacy usage. ``rewrite --check`` runs as a subprocess of the installed console script; the baseline parses every
.py file of the same tree with ``libcst.parse_module`` in one process, as a codemod without a pre-filter must.
Goal: rewrite --check at least 50x faster than the full parse.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FULL_PARSE = """
import sys, pathlib, libcst
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.py"))
for path in files:
    libcst.parse_module(path.read_bytes())
print(len(files))
"""


def scan_bench():
    spec = importlib.util.spec_from_file_location("scan_bench", HERE / "scan_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def timed(command: list[str], ok: tuple[int, ...]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(command)} exited {done.returncode}: {done.stderr[:500]}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=HERE / ".tree" / "rewrite")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    bench = scan_bench()
    if args.rebuild or not args.root.exists():
        bench.build_tree(args.root, python_files=5000, legacy=50, notebooks=0, text_files=0, seed=11)
    hfmigrate = bench.hfmigrate_command()
    timed([hfmigrate, "rewrite", "--check", str(args.root)], (0, 1))  # warm the page cache
    check, output = timed([hfmigrate, "rewrite", "--check", str(args.root)], (0, 1))
    parse, count = timed([sys.executable, "-c", FULL_PARSE, str(args.root)], (0,))
    would = sum(1 for line in output.splitlines() if line.startswith("would rewrite"))
    print(f"tree: {count.strip()} Python files, {would} would be rewritten")
    print(f"hfmigrate rewrite --check     {check:8.2f} s")
    print(f"libcst.parse_module, all files {parse:8.2f} s")
    print(f"ratio                          {parse / check:8.1f}x faster (goal: 50x)")


if __name__ == "__main__":
    main()
