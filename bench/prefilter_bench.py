"""Which engine should run the pre-filter's one multi-pattern search? Times each candidate on the bench trees.

    .venv/bin/python bench/prefilter_bench.py              # the trees scan_bench.py builds (run it once first)
    .venv/bin/python bench/prefilter_bench.py --rounds 9

Every file of every tree is read into memory first; then each round runs every engine over all of them, in a
rotating order (paired: the machine's load hits every engine alike), and the median round is shown. Each engine
answers the same question, "which needle texts occur in this file", and the answers are checked to agree.

Engines: the v0.1 pre-filter (a dozen ``bytes.find`` passes and regexes), one compiled ``re`` alternation
(``findall``), ``google-re2``'s ``Set`` (every pattern at once, in a DFA), ``ahocorasick-rs`` (overlapping
matches), and ``pyahocorasick`` (str only: the decode is part of its cost). The optional ones are skipped when
not installed: ``pip install google-re2 ahocorasick-rs pyahocorasick``.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hfmigrate.scan import prefilter

HERE = Path(__file__).resolve().parent
TREES = ("legacy", "clean", "notebooks", "library")


def load(root: Path) -> list[bytes]:
    blobs = []
    for folder, _, names in os.walk(root):
        for name in names:
            with open(os.path.join(folder, name), "rb") as handle:
                blobs.append(handle.read())
    return blobs


def _literal_engine(declared, literal_hits):
    """An engine that finds literals (``literal_hits(data)`` → set of literal indexes), then runs the patterns
    of the needles whose literal is there, as hfmigrate's standard-library fallback does."""
    keys = list(declared)
    literals = [declared[key][0].text for key in keys]
    cases = [key[1] for key in keys]
    patterns = [
        None if re.escape(literals[i]) == keys[i][0] else re.compile(keys[i][0], re.I if cases[i] else 0)
        for i in range(len(keys))
    ]

    def found(data: bytes) -> set:
        return {keys[i] for i in literal_hits(data) if patterns[i] is None or patterns[i].search(data)}

    return literals, cases, found


def re_engine(declared):
    hits = {}
    literals, cases, found = _literal_engine(declared, lambda data: hits["f"](data))
    by_spelling = {}
    for index, (text, ignore_case) in enumerate(zip(literals, cases)):
        by_spelling.setdefault(text.lower() if ignore_case else text, []).append(index)
    ordered = sorted(set(zip(literals, cases)), key=lambda entry: -len(entry[0]))
    pattern = re.compile(b"|".join(b"(?i:" + re.escape(t) + b")" if ic else re.escape(t) for t, ic in ordered))

    def literal_hits(data: bytes) -> list[int]:
        spellings = set(pattern.findall(data))
        return [i for s in spellings for i in by_spelling.get(s) or by_spelling[s.lower()]]

    hits["f"] = literal_hits
    return found


def find_each_engine(declared):
    return prefilter.find_each(declared)  # hfmigrate's fallback without re2


def re2_engine(declared):
    return prefilter.re2_set(list(declared))  # what hfmigrate runs


def _case_variants(text: bytes) -> list[bytes]:
    variants = [b""]
    for byte in text:
        char = bytes([byte])
        variants = [v + c for v in variants for c in {char.lower(), char.upper()}]
    return variants


def _expanded(literals, cases):
    # no case-insensitive mode: a case-insensitive needle is searched for by its first 5 bytes in every case and
    # confirmed on the lower-cased neighbourhood (what a production version would have to do too)
    expanded, owner = [], []
    for index, (text, ignore_case) in enumerate(zip(literals, cases)):
        for variant in _case_variants(text[:5]) if ignore_case else [text]:
            expanded.append(variant)
            owner.append(index)
    return expanded, owner


def ahocorasick_rs_engine(declared):
    import ahocorasick_rs

    hits = {}
    literals, cases, found = _literal_engine(declared, lambda data: hits["f"](data))
    expanded, owner = _expanded(literals, cases)
    automaton = ahocorasick_rs.BytesAhoCorasick(expanded)

    def literal_hits(data: bytes) -> set[int]:
        found_here = set()
        for index, start, _ in automaton.find_matches_as_indexes(data, overlapping=True):
            i = owner[index]
            if not cases[i] or data[start : start + len(literals[i])].lower() == literals[i].lower():
                found_here.add(i)
        return found_here

    hits["f"] = literal_hits
    return found


def pyahocorasick_engine(declared):
    import ahocorasick

    hits = {}
    literals, cases, found = _literal_engine(declared, lambda data: hits["f"](data))
    expanded, owner = _expanded(literals, cases)
    automaton = ahocorasick.Automaton()
    groups: dict[bytes, list[int]] = {}
    for variant, i in zip(expanded, owner):
        groups.setdefault(variant, []).append(i)
    for variant, indexes in groups.items():
        automaton.add_word(variant.decode("latin-1"), (len(variant), indexes))
    automaton.make_automaton()

    def literal_hits(data: bytes) -> set[int]:
        decoded = data.decode("latin-1")
        found_here = set()
        for end, (length, indexes) in automaton.iter(decoded):
            for i in indexes:
                text = literals[i]
                start = end + 1 - length
                if not cases[i] or decoded[start : start + len(text)].lower().encode("latin-1") == text.lower():
                    found_here.add(i)
        return found_here

    hits["f"] = literal_hits
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=HERE / ".tree")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    import old_prefilter  # the v0.1 pre-filter, kept in tests/ for the equivalence test

    blobs = [blob for tree in TREES if (args.root / tree).exists() for blob in load(args.root / tree)]
    if not blobs:
        sys.exit(f"no trees under {args.root}: run bench/scan_bench.py first")
    declared = prefilter.declarations()
    engines = {
        "v0.1 pre-filter (bytes.find x12 + regexes)": None,
        "re: one compiled alternation": re_engine,
        "bytes.find per needle (the fallback)": find_each_engine,
    }
    engines["google-re2 Set"] = None
    del engines["google-re2 Set"]
    for label, factory, module in (
        ("google-re2 Set (hfmigrate)", re2_engine, "re2"),
        ("ahocorasick-rs (overlapping)", ahocorasick_rs_engine, "ahocorasick_rs"),
        ("pyahocorasick (+ latin-1 decode)", pyahocorasick_engine, "ahocorasick"),
    ):
        try:
            __import__(module)
        except ImportError:
            print(f"  ({label}: not installed, skipped)")
            continue
        engines[label] = factory
    finders = {label: factory(declared) for label, factory in engines.items() if factory}
    reference = [finders["bytes.find per needle (the fallback)"](blob) for blob in blobs]
    for label, find in finders.items():
        differ = sum(find(blob) != expected for blob, expected in zip(blobs, reference))
        if differ:  # a non-overlapping alternation can hide a needle that starts inside another's match
            print(f"  ({label}: finds other needles than bytes.find in {differ} files)")
    runners = {
        label: functools.partial(prefilter.judge, prefilter.Search(find, prefilter.confirmations()))
        for label, find in finders.items()
    }
    runners = {"v0.1 pre-filter (bytes.find x12 + regexes)": old_prefilter.may_have_findings, **runners}
    times: dict[str, list[float]] = {label: [] for label in runners}
    labels = list(runners)
    for round_ in range(args.rounds):
        for label in labels[round_ % len(labels) :] + labels[: round_ % len(labels)]:
            run = runners[label]
            start = time.perf_counter()
            for blob in blobs:
                run(blob)
            times[label].append(time.perf_counter() - start)
    size = sum(map(len, blobs)) / 1e6
    print(
        f"{len(blobs)} files, {size:.0f} MB, {len(declared)} needles; median of {args.rounds} paired rounds; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    for label in labels:
        median = statistics.median(times[label])
        print(f"  {label:<46} {median * 1000:7.0f} ms  {size / median:6.0f} MB/s")
    print("(each row is the whole decision, may_have_findings, with that engine finding the needles)")


if __name__ == "__main__":
    main()
