"""Is hfmigrate linear in findings and bounded in memory? One file with 10,000 legacy URLs, four ways, and a 4.8 MB
file (the 5 MB max-file-size would skip a larger one).

    .venv/bin/python bench/large_file_bench.py             # files under bench/.tree/large (gitignored)
    .venv/bin/python bench/large_file_bench.py --count 2000

Each shape is one file with --count legacy URLs: module constants, one list literal, calls
(``requests.post(URL, ...)``), and a Markdown file. ``hfmigrate scan`` and ``hfmigrate rewrite`` (on a fresh copy,
so that it really rewrites) run as subprocesses; the figure is the median of --runs. The 4.8 MB file is a class whose
methods are ordinary code with the legacy call in its last method; its peak memory is the child's maximum resident
set size. Goals (issue 13): scan under 2 s and rewrite under 5 s for every shape; the 4.8 MB file under 1 GB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
URL = "https://api-inference.huggingface.co/models/org/model-{i}"


def shapes(count: int) -> dict[str, tuple[str, str]]:
    constants = "".join(f'URL_{i} = "{URL.format(i=i)}"\n' for i in range(count))
    listed = "URLS = [\n" + "".join(f'    "{URL.format(i=i)}",\n' for i in range(count)) + "]\n"
    calls = "import requests\n\n\ndef main(h):\n" + "".join(
        f'    requests.post("{URL.format(i=i)}", headers=h, json={{"inputs": "x"}})\n' for i in range(count)
    )
    markdown = "# Models\n\n" + "".join(f"- model {i}: <{URL.format(i=i)}>\n" for i in range(count))
    return {
        "constants": ("constants.py", constants),
        "list": ("listed.py", listed),
        "calls": ("calls.py", calls),
        "markdown": ("models.md", markdown),
    }


def big_class(target_bytes: int) -> str:
    method = '''
    def method_{i}(self, values, scale=1.0):
        """Scale and sum; an ordinary method of a large generated class."""
        total = 0.0
        for index, value in enumerate(values):
            if value is None:
                continue
            total += float(value) * scale / (index + 1)
        return {{"total": total, "count": len(values), "name": "method_{i}"}}
'''
    parts = ["import requests\n\n\nclass Big:\n"]
    size, i = len(parts[0]), 0
    while size < target_bytes:
        parts.append(method.format(i=i))
        size += len(parts[-1])
        i += 1
    parts.append(
        '\n    def call(self, h):\n        return requests.post("https://api-inference.huggingface.co/models/gpt2",'
        ' headers=h, json={"inputs": "x"})\n'
    )
    return "".join(parts)


def run(command: list[str], ok: tuple[int, ...]) -> float:
    """Wall seconds."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[:400]}")
    return elapsed


def peak_memory(command: list[str], ok: tuple[int, ...]) -> tuple[float, float]:
    """Run in a fresh child that reports its own children's peak, so that earlier runs do not mask it."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
        "print(code, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True).stdout
    code, seconds, kilobytes = out.split()
    if int(code) not in ok:
        sys.exit(f"{' '.join(command)} exited {code}")
    return float(seconds), int(kilobytes) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=HERE / ".tree" / "large")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--mb", type=float, default=4.8, help="size of the large-class file (under max-file-size, 5 MB)"
    )
    parser.add_argument("--only", default="constants,list,calls,markdown,class", help="comma-separated shapes to run")
    args = parser.parse_args()
    only = set(args.only.split(","))
    hfmigrate = str(Path(sys.executable).parent / "hfmigrate")
    args.root.mkdir(parents=True, exist_ok=True)
    print(
        f"{args.count:,} legacy URLs in one file; median of {args.runs} runs; load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"  {'shape':<12} {'scan':>8} {'rewrite':>9}   goals: scan < 2 s, rewrite < 5 s")
    for label, (name, text) in shapes(args.count).items():
        if label not in only:
            continue
        source = args.root / name
        source.write_text(text, encoding="utf-8")
        scans, rewrites = [], []
        for _ in range(args.runs):
            scans.append(run([hfmigrate, "scan", "--format", "json", "-o", os.devnull, str(source)], (1,)))
            copy = args.root / f"copy_{name}"
            shutil.copyfile(source, copy)
            rewrites.append(run([hfmigrate, "rewrite", str(copy)], (0, 1)))
            if copy.read_text(encoding="utf-8") == text and label != "markdown":
                sys.exit(f"rewrite changed nothing in {copy}")
        scan, rewrite = statistics.median(scans), statistics.median(rewrites)
        verdict = "met" if scan < 2 and rewrite < 5 else "NOT MET"
        print(f"  {label:<12} {scan:7.2f}s {rewrite:8.2f}s   {verdict}")
    if "class" not in only:
        return
    big = args.root / "big_class.py"
    big.write_text(big_class(int(args.mb * 1024 * 1024)), encoding="utf-8")
    size = big.stat().st_size / 1024 / 1024
    for label, command, ok in (
        ("scan", [hfmigrate, "scan", "--format", "json", "-o", os.devnull, str(big)], (1,)),
        ("rewrite --check", [hfmigrate, "rewrite", "--check", str(big)], (1,)),
    ):
        seconds, megabytes = peak_memory(command, ok)
        verdict = "met" if megabytes < 1024 else "NOT MET"
        print(f"  {size:.1f} MB class, {label:<16} {seconds:6.2f}s  peak {megabytes:6.0f} MB   (goal < 1 GB) {verdict}")


if __name__ == "__main__":
    main()
