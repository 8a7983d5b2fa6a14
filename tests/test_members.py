"""Class-body pruning (hfmigrate/members.py): libcst sees only a chosen class's relevant members, and the scan and
the rewrite give exactly what they give on the whole module."""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest

from hfmigrate import members, partial
from hfmigrate.config import Settings
from hfmigrate.engine.outcomes import RewriteSkip, RewriteSuccess
from hfmigrate.rewrite import module as rewrite_module
from hfmigrate.rewrite import prefixes
from hfmigrate.rewrite.module import rewrite_source
from hfmigrate.scan import parse_and_scan
from hfmigrate.scan.python import scan_python
from hfmigrate.sources import decode_bytes

ROOT = Path(__file__).resolve().parents[1]
L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co/hf-inference"
FILLER = "".join(
    f"\n    def filler_{i}(self, values):\n        total = 0\n        for value in values:\n"
    f"            total += value * {i}\n        return total\n"
    for i in range(20)
)


def _has_class(path: Path) -> bool:
    try:
        return any(isinstance(s, ast.ClassDef) for s in ast.parse(path.read_text(encoding="utf-8")).body)
    except SyntaxError:  # the fixtures that do not parse on purpose
        return False


CLASS_FIXTURES = sorted(p for p in (ROOT / "fixtures").rglob("*.py") if _has_class(p))


def _padded(source: str) -> str:
    """Irrelevant methods at the end of every top-level class body (each class grows, nothing else changes)."""
    lines = source.splitlines(keepends=True)
    for node in sorted((s for s in ast.parse(source).body if isinstance(s, ast.ClassDef)), key=lambda s: -s.lineno):
        indent = lines[node.body[0].lineno - 1][: node.body[0].col_offset]
        lines.insert(node.end_lineno or node.lineno, FILLER.replace("\n    ", "\n" + indent))
    return "".join(lines)


def _spans(source: str) -> list[partial.Span]:
    return members.relevant_spans(ast.parse(source), source)[2]


def _whole(source: str):
    """The rules on the whole module, with the prefix constants ``_rewrite_with_rules`` finds in it."""
    tree = ast.parse(source)
    own = prefixes.with_safety(
        prefixes.find_prefix_constants(Path("m.py"), source, tree), [(Path("m.py"), source, tree)]
    )
    names = prefixes.prefixes_for_module(prefixes.from_imports(tree), own, "m")
    job = rewrite_module._Job(source.encode(), source, "utf-8", "m.py", Settings(), names, {})
    return rewrite_module._whole_rewrite(job, tree)


def _rules_only(source: str):
    decoded = decode_bytes(source.encode(), python=True)
    return rewrite_module._rewrite_with_rules(decoded, "m.py", Settings(), (), None, None, {})


def _finding_keys(scan):
    return sorted((f.line, f.column, f.end_line, f.code, f.message) for f in scan.findings)


BIG = f'import requests\n\n\nclass Big:\n    """Doc."""\n{FILLER}\n    def call(self, h):\n        return requests.post("{L}/models/gpt2", headers=h)\n'


def test_transformed_only_the_relevant_member_is_parsed():
    spans = _spans(BIG)
    kept = [BIG.splitlines()[span.first - 1].strip() for span in spans]
    assert kept == ["import requests", "class Big:", '"""Doc."""', "def call(self, h):"]
    after = rewrite_source(BIG.encode(), "m.py", Settings()).after.decode()  # type: ignore[union-attr]
    assert after == BIG.replace(f"{L}/models", f"{R}/models")
    ast.parse(after)
    assert rewrite_source(after.encode(), "m.py", Settings()) == RewriteSkip(), "a second run changed it again"


def test_noop_a_class_without_legacy_use_is_left_alone():
    source = BIG.replace(L, "https://example.com")
    assert rewrite_source(source.encode(), "m.py", Settings()) == RewriteSkip()


def test_members_reached_through_self_attributes_and_method_names_are_kept():
    source = (
        "import requests\n\n\nclass Client:\n"
        f'    def __init__(self):\n        self.url = "{L}/models/gpt2"\n{FILLER}\n'
        "    def fetch(self, h):\n        return requests.get(self.url, headers=h)\n\n"
        "    def use(self):\n        return self.fetch({})\n"
    )
    kept = {source.splitlines()[span.first - 1].strip() for span in _spans(source)}
    assert {"def __init__(self):", "def fetch(self, h):", "def use(self):"} <= kept
    assert not any(line.startswith("def filler_") for line in kept)
    assert rewrite_source(source.encode(), "m.py", Settings()).after == _whole(source).after  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "source",
    [
        BIG.replace("class Big:", "class Big(HuggingFaceHub):"),  # a subclass of a legacy client
        BIG.replace("    def call", f"    # see {L}\n\n    def call"),  # a needle in a comment between members
        BIG.replace("        return requests.post", "        global SESSION\n        return requests.post"),
        f'import requests\nclass One: x = "{L}/models/gpt2"; y = 1\n',  # the body on the header's line
    ],
    ids=["legacy base", "comment between members", "global", "one-line body"],
)
def test_noop_pruning_keeps_the_class_whole_where_it_cannot_be_sure(source: str):
    assert all(span.top_level for span in _spans(source))


def test_the_spliced_partial_of_a_pruned_class_keeps_every_other_byte():
    source = BIG.replace("\n", "\r\n")
    after = rewrite_source(source.encode(), "m.py", Settings()).after  # type: ignore[union-attr]
    assert after == source.replace(f"{L}/models", f"{R}/models").encode()


@pytest.mark.parametrize("path", CLASS_FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_rewrite_of_a_padded_class_equals_the_whole_module_rewrite(path: Path):
    source = _padded(path.read_text(encoding="utf-8"))
    pruned, whole = _rules_only(source), _whole(source)  # the rules' edits; prose and markers work on the text
    assert type(pruned) is type(whole)
    if isinstance(pruned, RewriteSuccess):
        assert pruned == whole
        ast.parse(pruned.after)
    full = rewrite_source(source.encode(), "m.py", Settings())
    if isinstance(full, RewriteSuccess):
        ast.parse(full.after)
        assert rewrite_source(full.after, "m.py", Settings()) == RewriteSkip(), "a second run changed it again"


@pytest.mark.parametrize("path", CLASS_FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_scan_of_a_padded_class_equals_the_whole_module_scan(path: Path):
    source = _padded(path.read_text(encoding="utf-8"))
    whole = scan_python("m.py", cst.parse_module(source), source)
    assert _finding_keys(parse_and_scan("m.py", source)) == _finding_keys(whole)


def test_the_padded_fixtures_really_take_the_pruned_path():
    pruned = [p for p in CLASS_FIXTURES if not all(s.top_level for s in _spans(_padded(p.read_text())))]
    assert len(pruned) >= 3, pruned
