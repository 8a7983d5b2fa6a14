"""comments.statement_lines (one walk per tree) against the per-line walk it replaced, on every fixture module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hfmigrate.comments import statement_lines

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = (
    sorted((ROOT / "fixtures").rglob("*.py"))
    + sorted((ROOT / "hfmigrate" / "scan").glob("*.py"))
    + [ROOT / "hfmigrate" / "comments.py"]
)


def _old_statement_lines(tree, line: int) -> tuple[int, int]:
    best = (line, line)
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or node.lineno):
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            end = node.end_lineno or node.lineno
            if best == (line, line) or end - start < best[1] - best[0]:
                best = (start, end)
    return best


def _parsed(path: Path):
    try:
        return ast.parse(path.read_text(encoding="utf-8", errors="replace"))
    except SyntaxError:
        return None


MODULES = [path for path in CANDIDATES if _parsed(path) is not None]  # some fixtures do not parse on purpose


def test_enough_modules():
    assert len(MODULES) > 30


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_span_for_every_line(path: Path):
    tree = _parsed(path)
    lines = path.read_text(encoding="utf-8", errors="replace").count("\n") + 2
    for line in range(0, lines + 1):
        assert statement_lines(tree, line) == _old_statement_lines(tree, line), (path, line)


def test_nested_and_decorated():
    source = "@decorator\nclass A:\n    def f(self):\n        x = 1\n        if x:\n            y = 2; z = 3\n\n"
    tree = ast.parse(source)
    assert statement_lines(tree, 4) == (4, 4)
    assert statement_lines(tree, 6) == (6, 6)
    assert statement_lines(tree, 5) == (5, 6)
    assert statement_lines(tree, 3) == (3, 6)
    assert statement_lines(tree, 2) == (1, 6)
    assert statement_lines(tree, 1) == (1, 1)  # a decorator line is not inside the class statement
    assert statement_lines(tree, 7) == (7, 7)
