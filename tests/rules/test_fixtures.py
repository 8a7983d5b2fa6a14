"""Per-code fixtures with their fixed file beside them (fixtures/rules/HFM601.py + HFM601.py.fixed, ruff style).

For each pair: rewrite turns the fixture into exactly the ``.fixed`` file; the fixable findings scan reports in
the fixture are exactly the edits rewrite makes (per code); a second rewrite changes nothing; and scan on the
fixed file reports nothing fixable. What scan reports in the fixture itself is held by tests/test_rule_fixtures.py
(the ``# expect:`` annotations), so every fixture is both a positive and a negative case. A folder of a cross-file
rule (HFM402, HFM404: dependency files judged with the tree's code) is rewritten as a whole: each file with a
``.fixed`` beside it becomes that file, every other file stays as it is.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from hfmigrate.config import Settings
from hfmigrate.engine.outcomes import RewriteSkip, RewriteSuccess
from hfmigrate.rewrite.engine import rewrite_paths
from hfmigrate.scan import scan_paths
from tests.test_rule_fixtures import CROSS_FILE_DIRS

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "rules"
CROSS_FILE_FOLDERS = sorted(FIXTURES / name for name in CROSS_FILE_DIRS if (FIXTURES / name).is_dir())
FIXED = sorted(f for f in FIXTURES.rglob("*.fixed") if not any(d in f.parents for d in CROSS_FILE_FOLDERS))


def _original(fixed: Path) -> Path:
    return fixed.with_name(fixed.name.removesuffix(".fixed"))


@pytest.mark.parametrize("fixed", FIXED, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_rewrite_makes_the_fixed_file_and_scan_agrees(fixed: Path, tmp_path: Path) -> None:
    copy = tmp_path / _original(fixed).name
    shutil.copy2(_original(fixed), copy)
    before = scan_paths([copy], Settings())

    result = rewrite_paths([copy], Settings(), write=True)

    assert not result.errors, result.errors
    assert copy.read_bytes() == fixed.read_bytes(), f"rewrite of {fixed.name.removesuffix('.fixed')} differs"
    fixable = Counter(f.code for f in before.findings if f.fixable and not f.marker)
    edits = Counter({key.code: n for key, n in result.counts().items() if not key.is_marker})
    assert fixable == edits, f"scan calls {dict(fixable)} fixable, rewrite edited {dict(edits)}"
    assert not rewrite_paths([copy], Settings(), write=False).changed, "a second run changed the file again"
    left = [f for f in scan_paths([copy], Settings()).findings if f.fixable]
    assert not left, f"scan still reports fixable findings after rewrite: {left}"


def test_every_fixed_file_has_its_fixture() -> None:
    assert FIXED, "no fixtures/rules/*.fixed files"
    assert all(_original(fixed).is_file() for fixed in FIXTURES.rglob("*.fixed"))


#: Codes a tree fix counts without a fixable finding of their own: the requirement rewrite adds to the one
#: dependency list (HFM404) goes where scan, which does not choose the list, reports nothing fixable.
TREE_FIX_CODES = frozenset({"HFM404"})


@pytest.mark.parametrize("folder", CROSS_FILE_FOLDERS, ids=lambda p: p.name)
def test_a_cross_file_folder_becomes_its_fixed_files(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("*.fixed", "*.expect"))
    before = scan_paths([copy], Settings())

    result = rewrite_paths([copy], Settings(), write=True)

    assert not result.errors, result.errors
    for path in sorted(p for p in copy.rglob("*") if p.is_file()):
        relative = path.relative_to(copy)
        fixed = (folder / relative).with_name(relative.name + ".fixed")
        expected = fixed.read_bytes() if fixed.is_file() else (folder / relative).read_bytes()
        assert path.read_bytes() == expected, f"rewrite of {folder.name}/{relative} differs"
    fixable = Counter(f.code for f in before.findings if f.fixable and not f.marker)
    edits = Counter(
        {key.code: n for key, n in result.counts().items() if not key.is_marker and key.code not in TREE_FIX_CODES}
    )
    assert fixable == edits, f"scan calls {dict(fixable)} fixable, rewrite edited {dict(edits)}"
    assert not rewrite_paths([copy], Settings(), write=False).changed, "a second run changed the folder again"
    left = [f for f in scan_paths([copy], Settings()).findings if f.fixable]
    assert not left, f"scan still reports fixable findings after rewrite: {left}"


def _scanned_files() -> list[Path]:
    skip = (".fixed", ".expect")
    return sorted(
        p
        for p in FIXTURES.rglob("*")
        if p.is_file() and not p.name.endswith(skip) and p.name != "README.md" and "__pycache__" not in p.parts
    )


def _reported(path: Path, prefilter_on: bool = True) -> list[tuple[int, str, str]]:
    """What scan reports in ``path`` (pins aside: dependency files are judged whatever the pre-filter says). With
    ``prefilter_on=False`` the pre-filter lets every file and notebook cell through, each needing the parse: what
    the rules report by themselves, the reference its promise is held against (with the pre-filter in, a file it
    wrongly rejected would report nothing, and the promise could never be seen broken)."""
    from hfmigrate.scan import prefilter

    with pytest.MonkeyPatch.context() as patch:
        if not prefilter_on:
            patch.setattr(prefilter, "verdict", lambda data: prefilter.Verdict(True, True))
        found = scan_paths([path], Settings()).findings
    return sorted((f.line, f.code, f.message) for f in found if not f.code.startswith("HFM4"))


@pytest.mark.parametrize("path", _scanned_files(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_the_prefilter_never_rejects_a_file_a_rule_reports(path: Path) -> None:
    assert _reported(path) == _reported(path, prefilter_on=False)


# What only a needle moved out of the older needle table (hfmigrate/needles.py) brings in: no fixture holds it alone.
MOVED_NEEDLES = {
    # legacy_options: the router named beside a quoted "parameters" key (the module is parsed; HFM205 reads it)
    "router_parameters.py": 'import requests\n\nURL = "https://router.huggingface.co/v1/chat/completions"\n'
    'payload = {"inputs": "Hi", "parameters": {"max_new_tokens": 5}, "stream": True}\n'
    "requests.post(URL, json=payload, stream=True)\n",
    # the engine's: a marker rewrite left, in a file that holds nothing else
    "marker.md": "# Notes\n\n<!-- hfmigrate: TODO(HFM104): no router equivalent; see `hfmigrate rules HFM104` -->\n",
    "marker.py": "# hfmigrate: TODO(HFM203): move the fields; see `hfmigrate rules HFM203`\nPAYLOAD = {}\n",
}


@pytest.mark.parametrize("name", sorted(MOVED_NEEDLES))
def test_the_prefilter_keeps_what_a_moved_needle_brings_in(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(MOVED_NEEDLES[name], encoding="utf-8")
    reference = _reported(path, prefilter_on=False)
    assert reference, "the case must hold a finding"
    assert _reported(path) == reference


FILLER = "".join(f"\n\ndef helper_{i}(x):\n    # plain code\n    return x + {i}\n" for i in range(30))


@pytest.mark.parametrize("fixed", [f for f in FIXED if f.name.endswith(".py.fixed")], ids=lambda p: p.name)
def test_the_partial_path_gives_what_the_whole_module_path_gives(fixed: Path) -> None:
    """Padded with unrelated statements so that rewrite takes its partial path (relevant statements only)."""
    import ast

    from hfmigrate.rewrite import module as rewrite_module

    source = _original(fixed).read_text(encoding="utf-8") + FILLER
    data = source.encode()
    partial = rewrite_module.rewrite_source(data, "m.py", Settings())
    job = rewrite_module._Job(data, source, "utf-8", "m.py", Settings(), {}, {})
    whole = rewrite_module._whole_rewrite(job, ast.parse(source))
    assert isinstance(partial, RewriteSuccess) and isinstance(whole, (RewriteSuccess, RewriteSkip))
    assert partial.after.decode() == fixed.read_text(encoding="utf-8") + FILLER
    rules_only = whole.after if isinstance(whole, RewriteSuccess) else data  # (prose fixes come after the rules)
    again = rewrite_module.rewrite_source(rules_only, "m.py", Settings())  # (adds the whole-source fixes, markers)
    assert (again.after if isinstance(again, RewriteSuccess) else rules_only) == partial.after
