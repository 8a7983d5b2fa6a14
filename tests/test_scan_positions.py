"""scan/positions.py: a node's position computed from its statement alone is the position the whole module gives."""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest

from hfmigrate.engine.walk import walk
from hfmigrate.scan import positions as positions_module
from hfmigrate.scan.positions import NodePositions, _syntactic_ranges

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").rglob("*.py"))


class _Nodes(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.found.append(node)
        return True


def _every_node_by_statement(module: cst.Module):
    for statement in module.body:
        nodes = _Nodes()
        walk(statement, nodes, trivia=True)
        yield statement, nodes.found


def _agrees_with_the_whole_module(source: str, *, give_source: bool = True) -> None:
    module = cst.parse_module(source)
    whole = _syntactic_ranges(module)
    positions = NodePositions(module, source if give_source else None)
    for statement, nodes in _every_node_by_statement(module):
        positions._statements.clear()  # every statement is computed alone, not with the whole module
        for node in nodes:
            assert positions.of(node, statement) == whole[node], (type(node).__name__, module.code_for_node(node))
        assert positions._whole is None


def _texts() -> list[tuple[str, str]]:
    texts = []
    for path in FIXTURES:
        try:
            texts.append((path.relative_to(ROOT).as_posix(), path.read_text("utf-8")))
        except UnicodeDecodeError:
            continue
    return texts


def _parses(text: str) -> bool:
    try:
        cst.parse_module(text)
    except cst.ParserSyntaxError:
        return False
    return True


FIXTURE_TEXTS = [(name, text) for name, text in _texts() if _parses(text)]


@pytest.mark.parametrize(("name", "source"), FIXTURE_TEXTS, ids=[name for name, _ in FIXTURE_TEXTS])
def test_every_node_of_every_fixture_is_where_the_whole_module_says(name: str, source: str) -> None:
    _agrees_with_the_whole_module(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("# header\n\n\nx = 1\n\n# before y\ny = f(\n    'a'\n)\n", id="header and leading comments"),
        pytest.param("x = 1\r\ny = [\r\n  'u',\r\n]\r\n", id="CRLF line endings"),
        pytest.param("x = 1\ry = (\r 2)\r", id="CR line endings"),
        pytest.param("x = '''a\r\nb\rc\nd'''\ny = 2\n", id="mixed breaks inside a string"),
        pytest.param("x = 1\ny = 2", id="no trailing newline"),
        pytest.param("def f():\n    return 1\n\n\nclass C:\n    a = f()\n", id="indented bodies"),
    ],
)
def test_shapes_of_source(source: str) -> None:
    _agrees_with_the_whole_module(source)


def test_a_statement_written_twice_is_placed_by_counting_the_lines_before_it() -> None:
    source = "call(1)\nx = 2\ncall(1)\n"
    module = cst.parse_module(source)
    positions = NodePositions(module, source)
    second = module.body[2]
    assert positions.of(second, second).start.line == 3
    assert positions._first_lines  # the fallback ran: the code occurs twice in the source


def test_without_the_source_the_lines_before_are_counted() -> None:
    _agrees_with_the_whole_module("a = 1\n\n# c\nb = (\n 2,\n)\nc = 3\n", give_source=False)


def test_a_node_outside_the_statement_named_falls_back_to_the_whole_module() -> None:
    source = "x = 1\ny = 2\n"
    module = cst.parse_module(source)
    positions = NodePositions(module, source)
    assert positions.of(module.body[1], module.body[0]).start.line == 2
    assert positions._whole is not None


def test_past_the_limit_one_pass_over_the_module_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(positions_module, "_STATEMENT_PASSES", 2)
    source = "".join(f"x{i} = {i}\n" for i in range(5))
    module = cst.parse_module(source)
    positions = NodePositions(module, source)
    lines = [positions.of(statement, statement).start.line for statement in module.body]
    assert lines == [1, 2, 3, 4, 5]
    assert len(positions._statements) == 2 and positions._whole is not None


@pytest.mark.parametrize(("name", "source"), FIXTURE_TEXTS, ids=[name for name, _ in FIXTURE_TEXTS])
def test_with_the_lines_ast_gives_every_node_is_where_the_whole_module_says(name: str, source: str) -> None:
    module = cst.parse_module(source)
    whole = _syntactic_ranges(module)
    positions = NodePositions(module, None, [statement.lineno for statement in ast.parse(source).body])
    assert positions._statement_lines is not None
    for statement, nodes in _every_node_by_statement(module):
        positions._statements.clear()
        for node in nodes:
            assert positions.of(node, statement) == whole[node], (type(node).__name__, module.code_for_node(node))


def test_ast_lines_that_do_not_pair_up_with_the_statements_are_not_used() -> None:
    source = "x = 1; y = 2\n@decorator\ndef f():\n    pass\n"
    module = cst.parse_module(source)
    assert NodePositions(module, source, [1, 1, 3])._statement_lines == [1, 3]
    assert NodePositions(module, source, [1, 3])._statement_lines is None
    assert NodePositions(module, source, [1, 1, 3, 9])._statement_lines is None
