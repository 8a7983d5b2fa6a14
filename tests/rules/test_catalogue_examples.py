"""Every entry of the families on the rule API explains itself with an example that the rule itself judges:
scan reports the code in its ``before`` and not in its ``after``. ``hfmigrate rules HFM6`` prints them all."""

from __future__ import annotations

import ast

import pytest

from hfmigrate.report.rules import render_rule
from hfmigrate.rules import REGISTRY, pins, text_generation, tokens
from hfmigrate.rules.providers import DECIDED_BY_THE_CATALOGUE
from hfmigrate.scan.rule_findings import dependency_rule_findings
from tests.rules.spec import codes

# The examples are one or two lines: in Python they assume what a module around them would have.
PYTHON_CONTEXT = "import requests\nfrom huggingface_hub import InferenceClient\nclient = InferenceClient()\n"
#: The import a ``before`` assumes, where it names a class of another library (its ``after`` does without it).
BEFORE_IMPORTS = {
    "HFM301": "from huggingface_hub import InferenceApi\n",
    "HFM306": "from langchain_community.llms import HuggingFaceHub\n",
    "HFM307": "from langchain_community.embeddings import HuggingFaceInferenceAPIEmbeddings\n",
    "HFM308": "from text_generation import InferenceAPIClient\n",
}


def _source(example: str, imports: str = "") -> str:
    return (PYTHON_CONTEXT + imports if _path(example) == "example.py" else "") + example + "\n"


def _path(example: str) -> str:
    named = example.split("\n", 1)[0].removeprefix("# ")  # "# tests/cassettes/x.yaml": the file it is in
    if named != example and "/" in named and " " not in named:
        return named
    try:
        ast.parse(example)
    except SyntaxError:
        return "example.js"
    return "example.py"


# HFM502/HFM503 are decided by the check-models catalogue, which scan does not read: their before needs the catalogue.
# HFM901's before shows the token redacted (`hf_…`), as every output must (tests/rules/test_tokens.py fills it in).
# The pins' examples are dependency lists (below). HFM107/HFM204's examples are the Python chat conversion, which
# rewrite decides: scan reports them there as the markers rewrite leaves (fixtures/rules/markers.py).
JUDGED_BY_SCAN = [
    e
    for e in REGISTRY.entries
    if e.code not in DECIDED_BY_THE_CATALOGUE | {tokens.CODE}
    and e not in pins.FAMILY.entries
    and e not in text_generation.FAMILY.entries
]


def _pin_codes(example: str) -> set[str]:
    """A pin example is a dependency list (package.json for the JavaScript one), in a tree whose code uses
    LangChain's HuggingFaceHub (what HFM404 needs)."""
    path, text = (
        ("package.json", f'{{"dependencies": {{{example}}}}}')
        if example.startswith('"')
        else ("requirements.txt", example)
    )
    return {f.code for f in dependency_rule_findings([(path, text + "\n")], frozenset({"HFM306"}))}


@pytest.mark.parametrize("entry", pins.FAMILY.entries, ids=lambda e: e.code)
def test_a_pin_example_before_is_reported_and_after_is_not(entry) -> None:
    assert entry.code in _pin_codes(entry.before), f"{entry.code}: its before is not reported"
    assert entry.code not in _pin_codes(entry.after), f"{entry.code}: its after is reported"


@pytest.mark.parametrize("entry", JUDGED_BY_SCAN, ids=lambda e: e.code)
def test_before_is_reported_and_after_is_not(entry) -> None:
    before = _source(entry.before, BEFORE_IMPORTS.get(entry.code, ""))
    assert entry.code in codes(before, _path(entry.before)), f"{entry.code}: its before is not reported"
    assert entry.code not in codes(_source(entry.after), _path(entry.after)), f"{entry.code}: its after is reported"


def test_a_prefix_explains_every_rule_of_the_family_with_before_and_after() -> None:
    text = render_rule("HFM6")
    for code in [e.code for e in REGISTRY.entries if e.code.startswith("HFM6")]:
        assert f"{code} (" in text
    assert text.count("Before:\n") == text.count("After:\n") == sum(e.code.startswith("HFM6") for e in REGISTRY.entries)
