"""One needle table (hfmigrate/needles.py): every needle a family or the engine declares reaches every reader.

A needle declared but missing from a reader is a finding silently missed: the pre-filter rejects the file, the
statement pruning drops the statement, the notebook's text rewrite never sees the line. Each test below starts
from the declarations (``FAMILY.needle(...)``, ``comments.ENGINE_NEEDLES``) and asks the reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest

from hfmigrate import needles, urls
from hfmigrate.comments import ENGINE_NEEDLES
from hfmigrate.engine.kinds import ALL_KINDS, FileKind
from hfmigrate.rules import REGISTRY
from hfmigrate.scan import prefilter
from hfmigrate.scan.pruned import scan_relevant_statements
from hfmigrate.scan.python import scan_python

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_BYTES = [p.read_bytes() for p in sorted((ROOT / "fixtures").rglob("*")) if p.is_file()]
# the removed providers the fixtures do not all name, in each form their needles read
PROVIDER_SAMPLES = [
    form.format(name).encode()
    for name in urls.REMOVED_PROVIDERS
    for form in ('m = "org/model:{}"\n', 'InferenceClient(provider="{}")\n', "https://router.huggingface.co/{}/v1\n")
]
DECLARED = [
    (family.name, bool(family.python_checks), needle)
    for family in REGISTRY.families
    for needle in family.needles
    if needle.kinds & ALL_KINDS  # (dependency files are read whatever the pre-filter says)
] + [("engine", False, needle) for needle in ENGINE_NEEDLES]


def _samples(needle) -> list[bytes]:
    """Bytes the needle matches by its own test (:meth:`Needle.found_in`): its text (and companion) when that is
    all it asks, else every fixture it matches."""
    if needle.confirm is None and needle.search is None:
        return [needle.text + b" " + (needle.companion or b"")]
    return [data for data in FIXTURE_BYTES + PROVIDER_SAMPLES if needle.found_in(data)]


@pytest.mark.parametrize("family, parse, needle", DECLARED, ids=lambda v: v.text.decode() if hasattr(v, "text") else v)
def test_the_prefilter_accepts_what_every_declared_needle_matches(family: str, parse: bool, needle) -> None:
    """The pre-filter is built from the declarations: whatever a needle matches, its one search sends on, to the
    parser when the needle's family has Python checks."""
    samples = _samples(needle)
    assert samples, f"no fixture holds what {family}'s needle {needle.text!r} matches"
    for data in samples:
        assert needle.found_in(data)
        judged = prefilter.verdict(data)
        assert judged.candidate, f"{family}'s needle {needle.text!r} matches, the pre-filter rejects"
        assert judged.parse or not parse, f"{family}'s needle {needle.text!r}: no parse for its Python checks"


def test_a_needle_of_a_family_without_python_checks_asks_for_no_parse() -> None:
    token = b'TOKEN = "hf_Xy7Qp2Lm9Rt4Vw8Zs1Kd6Nb3Hg5Jc0FaE"'
    assert prefilter.verdict(token) == prefilter.Verdict(True, False)  # rules/tokens.py: a text check only
    assert prefilter.verdict(b"# hfmigrate: TODO(HFM101): x\n") == prefilter.Verdict(True, False)  # the engine's


def test_every_statement_a_needle_names_is_kept_by_the_statement_pruning() -> None:
    for _, _, needle in DECLARED:
        for text in needle.statements if needle.statements is not None else (needle.text,):
            assert text.decode().lower() in needles.statement_needles(), (needle, text)
    of_families = [text.decode() for family in REGISTRY.families for text in family.statements]
    assert of_families, "streaming_schema names its quoted keys"
    assert set(of_families) <= set(needles.statement_needles())  # scan's pruning and rewrite's alike


def test_every_needle_for_text_files_hands_its_line_to_the_text_rewrite() -> None:
    for _, _, needle in DECLARED:
        if FileKind.TEXT in needle.kinds and needle not in ENGINE_NEEDLES:
            assert needles.holds_text_needle("!curl " + needle.text.decode() + " $URL"), needle
    assert not needles.holds_text_needle("!python run.py --stop_sequences x")  # a Python needle: not a text one
    assert not needles.holds_text_needle("# hfmigrate: TODO(HFM101): the engine's marker is not rewritten")


PADDING = "".join(f"def padding_{i}(value):\n    return value * {i}\n\n\n" for i in range(12))
HOST_URL = 'API_URL = "https://api-inference.huggingface.co/models/gpt2"\n\n\n'
# What a statement holding only a moved statement needle reports: kept by scan's pruning of a long module.
MOVED_STATEMENTS = {
    # streaming_schema's statements: a "token" subscript, an "inputs" key
    "token": ("import json\n" + HOST_URL + PADDING + 'def read(e):\n    return json.loads(e.data)["token"]["text"]\n'),
    "inputs": HOST_URL + PADDING + 'def build(prompt):\n    return {"inputs": prompt, "stream": True}\n',
    # legacy_urls' statements: the host in pieces
    "split host": HOST_URL
    + PADDING
    + 'def other():\n    return "https://api-inference" + ".huggingface.co/models/x"\n',
}


@pytest.mark.parametrize("name", sorted(MOVED_STATEMENTS))
def test_a_statement_holding_a_moved_statement_needle_is_scanned_in_a_pruned_module(name: str) -> None:
    source = MOVED_STATEMENTS[name]
    whole = sorted((f.line, f.code) for f in scan_python("m.py", cst.parse_module(source), source).findings)
    pruned = scan_relevant_statements("m.py", source, ast.parse(source))
    assert pruned is not None, "the pruned path applies"
    last = source.count("\n")
    assert any(line >= last - 1 for line, _ in whole), "the last statement holds a finding"
    assert sorted((f.line, f.code) for f in pruned.findings) == whole
