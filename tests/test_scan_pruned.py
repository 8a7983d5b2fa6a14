"""The pruned Python scan (relevant statements only) must report exactly what the whole-module scan reports.

Every per-rule fixture is padded with irrelevant functions above and below, which makes the pruned path apply;
the findings must be the unpadded ones, shifted by the padding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hfmigrate.scan import parse_and_scan
from hfmigrate.scan.pruned import scan_relevant_statements

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted(p for p in (ROOT / "fixtures" / "rules").rglob("*.py") if p.name != "broken_syntax.py") + sorted(
    (ROOT / "fixtures" / "legacy-app").rglob("*.py")
)
PADDING = "".join(f"def padding_{i}(value):\n    return value * {i}\n\n\n" for i in range(12))


def _keys(scan, shift: int = 0):
    return sorted((f.line - shift, f.column, f.end_line - shift, f.code, f.message) for f in scan.findings)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pruned_scan_equals_whole_scan(path: Path):
    source = path.read_text(encoding="utf-8")
    head, body = _split_future_imports(source)
    padded = head + PADDING + body + "\n\n" + PADDING
    whole = parse_and_scan("m.py", source)
    pruned = parse_and_scan("m.py", padded)
    if isinstance(whole, str):
        pytest.skip(whole)
    shift = padded.count("\n", 0, padded.index(body)) - source.count("\n", 0, source.index(body)) if body else 0
    assert _keys(pruned, shift) == _keys(whole)
    assert sorted((r.model, r.line - shift) for r in pruned.references) == sorted(
        (r.model, r.line) for r in whole.references
    )


def test_the_pruned_path_really_applies_to_a_padded_fixture():
    import ast

    source = PADDING + (ROOT / "fixtures" / "rules" / "HFM102.py").read_text() + PADDING
    assert scan_relevant_statements("m.py", source, ast.parse(source)) is not None


def _split_future_imports(source: str) -> tuple[str, str]:
    """``from __future__`` must stay first; padding goes after it."""
    lines = source.splitlines(keepends=True)
    cut = max((i + 1 for i, line in enumerate(lines) if line.startswith("from __future__")), default=0)
    return "".join(lines[:cut]), "".join(lines[cut:])


def test_a_module_holding_no_needle_is_not_parsed_with_libcst(monkeypatch):
    """Only its imports would be visited, and an import without a needle reports nothing (a notebook's cells)."""
    import ast

    import libcst

    def refuse(*args, **kwargs):
        raise AssertionError("libcst parsed a module that holds no needle")

    monkeypatch.setattr(libcst, "parse_module", refuse)
    source = (
        "import torch\nfrom transformers import pipeline\n\npipe = pipeline('text-generation')\nprint(pipe('hi'))\n"
    )
    scanned = scan_relevant_statements("m.py", source, ast.parse(source))
    assert scanned is not None and not scanned.findings and not scanned.references


@pytest.mark.parametrize(
    "source, code",
    [
        ("from huggingface_hub import InferenceApi\n", "HFM301"),
        ("from huggingface_hub.inference_api import ALL_TASKS\n", "HFM301"),
        ("from huggingface_hub import get_model_status\n", "HFM303"),
        ("import torch\nfrom langchain.llms import HuggingFaceHub\n", "HFM306"),
    ],
)
def test_a_module_of_imports_holding_a_needle_is_still_scanned(source: str, code: str):
    scanned = parse_and_scan("m.py", source)
    assert code in {f.code for f in scanned.findings}
