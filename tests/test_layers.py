"""Imports point down (docs/architecture.md): the rule API beneath the rules, what fixes plan into beneath the rules,
the rules beneath the commands. Every import counts, the lazy ones inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import hfmigrate

PACKAGE = Path(hfmigrate.__file__).parent

#: package → the packages of hfmigrate it must never import
NEVER = {
    "engine": ("rules", "planning", "rewrite", "scan", "catalog", "probe", "report"),
    "planning": ("rules", "rewrite", "scan", "probe", "report"),
    "rules": ("rewrite", "scan", "probe", "report"),
    "urls": ("engine", "planning", "rules", "rewrite", "scan", "catalog", "probe", "report"),
}


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def _violations(package: str) -> list[str]:
    wrong = []
    for path in sorted((PACKAGE / package).rglob("*.py")):
        for line, name in _imports(path):
            parts = name.split(".")
            if parts[0] != "hfmigrate" or len(parts) < 2:
                continue
            if parts[1] in NEVER[package]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {name}")
    return wrong


@pytest.mark.parametrize("package", sorted(NEVER))
def test_imports_point_down(package: str):
    assert _violations(package) == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The test above can fail: a rule module importing rewrite is caught, a lazy import inside a function too."""
    fake = tmp_path / "rules"
    fake.mkdir()
    (fake / "bad.py").write_text("def plan():\n    from hfmigrate.rewrite.module import rewrite_source\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", tmp_path)
    assert _violations("rules") == ["rules/bad.py:2 imports hfmigrate.rewrite.module.rewrite_source"]
