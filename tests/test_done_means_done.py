"""rewrite's "done" means done: over every fixture, when ``rewrite`` exits 0, ``scan`` on the same paths exits 0.

Each fixture unit (the legacy app, each rule fixture file or folder, each rewrite fixture) is copied to a fresh
folder, rewritten through the real command line, then scanned. Whatever rewrite leaves for a person (markers,
recordings, requirement lines it cannot place) must make it exit 1; an exit 0 with findings left is a lie.
A second rewrite must change nothing.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
CANNOT_BE_REWRITTEN = {"broken_syntax.py"}  # does not parse on purpose: rewrite says so and exits 2


def _units() -> list[Path]:
    units = [FIXTURES / "legacy-app"]
    rules = FIXTURES / "rules"
    units += sorted(p for p in rules.iterdir() if p.name != "README.md" and not p.name.endswith(".expect"))
    units += sorted((rules / "text").iterdir())
    text = FIXTURES / "rewrite" / "text"
    units += sorted(p for p in text.iterdir() if ".after." not in p.name)
    units += sorted(p for p in (FIXTURES / "rewrite" / "notebooks").glob("*.before.ipynb"))
    return [u for u in units if not u.name.endswith(".expect") and u != rules / "text"]


def _cli(capsys, monkeypatch, *args: str) -> tuple[int, str]:
    from hfmigrate.cli import main

    capsys.readouterr()
    monkeypatch.setattr(sys, "argv", ["hfmigrate", *args])
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _copy(unit: Path, root: Path) -> Path:
    (root / ".git").mkdir()  # the copy is its own repository: no .gitignore or config above it applies
    target = root / unit.name
    if unit.is_dir():
        shutil.copytree(unit, target)
    else:
        shutil.copy2(unit, target)
    return target


def _tree(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("unit", _units(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_rewrite_exit_0_implies_scan_exit_0(unit: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = _copy(unit, tmp_path)
    check_code, check_out = _cli(capsys, monkeypatch, "rewrite", "--check", target.name)
    if check_code == 0:  # nothing to change and nothing left: scan already passes
        assert _cli(capsys, monkeypatch, "scan", target.name)[0] == 0, check_out
    rewrite_code, rewrite_out = _cli(capsys, monkeypatch, "rewrite", target.name)
    assert rewrite_code == (2 if unit.name in CANNOT_BE_REWRITTEN else rewrite_code) and rewrite_code in (0, 1, 2), (
        rewrite_out
    )
    assert "Traceback" not in rewrite_out
    scan_code, scan_out = _cli(capsys, monkeypatch, "scan", target.name)
    if rewrite_code == 0:
        assert scan_code == 0, f"rewrite exited 0 but scan still fails:\n{rewrite_out}\n{scan_out}"
    elif rewrite_code == 1:  # and the other way round: exit 1 only for what scan still reports
        assert scan_code == 1, f"rewrite exited 1 but scan passes:\n{rewrite_out}\n{scan_out}"
    once = _tree(tmp_path)
    again_code, again_out = _cli(capsys, monkeypatch, "rewrite", target.name)
    assert _tree(tmp_path) == once, f"a second rewrite changed files:\n{again_out}"
    assert again_code == rewrite_code, again_out


def test_the_units_cover_every_fixture_kind():
    names = {str(u.relative_to(FIXTURES)) for u in _units()}
    assert {"legacy-app", "rules/HFM404", "rules/notebook.ipynb", "rules/text/README.md"} <= names
    assert "rewrite/notebooks/mixed.before.ipynb" in names and "rewrite/text/guide.before.md" in names
