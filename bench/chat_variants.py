"""How many variants of the classic text-generation snippet does `hfmigrate rewrite` convert, mark, or miss?

    .venv/bin/python bench/chat_variants.py            # classify only
    .venv/bin/python bench/chat_variants.py --run      # also run every variant against the local stand-ins

The variants come from tests/chat_variants.py (35: 30 convertible shapes, 5 with a blocker). Each is rewritten
in a temporary folder with the real CLI, then classified: *converted* (it posts to router chat completions and no
HFM107 marker is left), *converted + marker* (converted, with a marker where a printed or returned value changed
shape), *marked* (an HFM107 marker names what blocked the conversion), or *silent* (neither: a defect). With
``--run``, each rewritten program runs against the router stand-in (tests/e2e/harness.py) and must print the chat
answer; a marked one is expected to fail (it stays on hf-inference, which serves no LLM).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.chat_variants import MODEL, classic_variants

CHAT_URL = "https://router.huggingface.co/v1/chat/completions"


def classify(text: str) -> str:
    chat = CHAT_URL in text.replace(f"POST {CHAT_URL}", "")
    marker = "TODO(HFM107)" in text
    if chat:
        return "converted + marker" if marker else "converted"
    return "marked" if marker else "silent"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", action="store_true", help="run each rewritten program against the stand-ins")
    options = parser.parse_args()
    variants = classic_variants()
    with tempfile.TemporaryDirectory(prefix="hfmigrate-chat-variants-") as folder:
        root = Path(folder)
        paths = []
        for number, variant in enumerate(variants):
            path = root / f"variant_{number:02d}.py"
            path.write_text(variant.source)
            paths.append(path)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "hfmigrate", "rewrite", str(root)], capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        outcomes = [classify(path.read_text()) for path in paths]
        runs = _run_all(paths) if options.run else {}
    counts = Counter(outcomes)
    wrong = [v.name for v, o in zip(variants, outcomes) if (o == "marked") != (v.expect == "marked") or o == "silent"]
    print(f"{len(variants)} variants of the classic snippet, rewritten in {elapsed:.2f} s")
    for outcome in ("converted", "converted + marker", "marked", "silent"):
        print(f"  {outcome:20} {counts[outcome]:3}")
    print(f"  not as expected      {len(wrong):3}  {', '.join(wrong)}")
    if runs:
        ok = sum(1 for p, o in zip(paths, outcomes) if o.startswith("converted") and runs[p])
        converted = sum(1 for o in outcomes if o.startswith("converted"))
        print(f"  converted and ran on the router stand-in, printing the chat answer: {ok}/{converted}")
    return 1 if wrong or counts["silent"] else 0


def _run_all(paths: list[Path]) -> dict[Path, bool]:
    from tests.e2e.harness import chat_reply_text, run_program, start_stand_ins

    with start_stand_ins() as hf:
        return {
            path: (lambda r: r.returncode == 0 and chat_reply_text(MODEL) in r.stdout)(run_program(path, [], hf.hosts))
            for path in paths
        }


if __name__ == "__main__":
    raise SystemExit(main())
