"""What the Python pass costs per module, by step: libcst's parse, its visit, the read-only walk, positions.

    .venv/bin/python bench/walk_bench.py               # the library tree's candidate modules (scan_bench.py builds it)
    .venv/bin/python bench/walk_bench.py --rounds 9
    .venv/bin/python bench/walk_bench.py --files fixtures/rules/*.py

Every module is parsed once; then each round times every step over all of them, steps in a rotating order (the
machine's load hits every step alike), and the median round is shown, per module. The steps:

- ``libcst visit``: ``module.visit(CSTVisitor())``, which rebuilds every node it passes;
- ``walk, trivia`` / ``walk``: :func:`hfmigrate.engine.walk.walk` with and without whitespace and comments;
- ``plain codegen``: ``module.code``; ``position codegen``: libcst's ``PositionProvider`` over the whole module;
- ``positions of one finding``: :class:`hfmigrate.scan.positions.NodePositions` for the last top-level statement
  (what scan now pays for a module with one finding), with the lines ``ast`` gives;
- ``ast.parse``, for scale (what the ast path of :mod:`hfmigrate.scan.plain_urls` starts from).
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import libcst as cst

from hfmigrate.engine.walk import walk
from hfmigrate.scan import prefilter
from hfmigrate.scan.positions import NodePositions, _syntactic_ranges

HERE = Path(__file__).resolve().parent


def candidates() -> list[Path]:
    """The library tree's modules the pre-filter sends to the parser (plus some of the others, for a mix)."""
    root = HERE / ".tree" / "library"
    if not root.is_dir():
        sys.exit(f"{root}: missing; run bench/scan_bench.py once to build the trees")
    every = sorted(root.rglob("*.py"))
    chosen = [p for p in every if prefilter.verdict(p.read_bytes()).parse]
    return chosen + every[: 50 - len(chosen)]


def _positions_of_one_finding(module: cst.Module, text: str, lines: list[int]) -> None:
    last = module.body[-1]
    NodePositions(module, text, lines).of(last, last)


def steps(modules: list[tuple[cst.Module, str, list[int]]]) -> dict[str, Callable[[], None]]:
    return {
        "libcst visit": lambda: [m.visit(cst.CSTVisitor()) for m, _, _ in modules],
        "walk, trivia": lambda: [walk(m, cst.CSTVisitor(), trivia=True) for m, _, _ in modules],
        "walk": lambda: [walk(m, cst.CSTVisitor()) for m, _, _ in modules],
        "plain codegen": lambda: [m.code for m, _, _ in modules],
        "position codegen": lambda: [_syntactic_ranges(m) for m, _, _ in modules],
        "positions of one finding": lambda: [_positions_of_one_finding(m, t, lines) for m, t, lines in modules],
        "ast.parse": lambda: [ast.parse(t) for _, t, _ in modules],
        "libcst parse": lambda: [cst.parse_module(t) for _, t, _ in modules],
    }  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--files", nargs="*", type=Path)
    options = parser.parse_args()
    paths = options.files or candidates()
    texts = [p.read_text("utf-8") for p in paths]
    modules = [(cst.parse_module(t), t, [s.lineno for s in ast.parse(t).body]) for t in texts]
    modules = [entry for entry in modules if entry[0].body]
    timed = steps(modules)
    names = list(timed)
    rounds: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(options.rounds + 1):
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for name in order:
            start = time.perf_counter()
            timed[name]()
            if round_number:  # the first round warms up (field orders recorded, caches filled)
                rounds[name].append(time.perf_counter() - start)
    size = sum(len(t) for _, t, _ in modules) / len(modules)
    print(f"{len(modules)} modules, {size / 1024:.1f} KB on average; median of {options.rounds} rounds, per module")
    for name in names:
        print(f"  {name:26} {statistics.median(rounds[name]) / len(modules) * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
