"""engine/walk.py: the read-only walk meets the nodes libcst's own visit meets, in the same order."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from hfmigrate.engine.walk import TRIVIA_TYPES, ReadOnlyVisitor, walk

ROOT = Path(__file__).resolve().parents[2]
PYTHON_FIXTURES = sorted((ROOT / "fixtures").rglob("*.py")) + sorted((ROOT / "hfmigrate").rglob("*.py"))

EVERY_SHAPE = '''\
# a header comment
"""A docstring with https://api-inference.huggingface.co/models/gpt2."""
from __future__ import annotations
from os import (path,  # a comment after a name
    sep)
import re as regex, json
type Alias[T: int = int] = list[T]

@decorator(arg=1)
@other
async def handler[T](a, /, b: int = 2, *args: str, c, d=3, **kwargs) -> dict[str, T]:
    global counter
    async with open(a) as f, other() as (g, h):
        async for x in f:
            yield x if x else -x
    try:
        pass
    except* ValueError as error:
        raise RuntimeError("no") from error
    else:
        ...
    finally:
        del a
    value = (lambda q, *r, s=1: q + s)(1)
    value += 1; other = value @ 2  # trailing
    items = [i for i in range(3) if i async for j in k]
    mapping = {k: v for k, v in {}.items()} | {**{}, "a": 1}
    print(f"{value!r:>{width}} {value=}", t"{x}" if False else None, *args, **kwargs)
    assert value, "message"
    match value:
        case {"key": [1, *rest]} | Point(x=0, y=_) if rest:
            pass
        case str() as s:
            pass
    while not (a < b <= c):
        break
    return {1, 2}[::-1] or await thing
'''


class _Recorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.met: list[cst.CSTNode] = []
        self.left: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.met.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.left.append(original_node)
        super().on_leave(original_node)


class _SkipsStrings(_Recorder):
    def visit_SimpleString(self, node: cst.SimpleString) -> bool:
        return False

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        return False


def _by_libcst(module: cst.Module, recorder: _Recorder) -> tuple[list[int], list[int]]:
    module.visit(recorder)
    return [id(n) for n in recorder.met], [id(n) for n in recorder.left]


def _by_walk(module: cst.Module, recorder: _Recorder, trivia: bool) -> tuple[list[int], list[int]]:
    walk(module, recorder, trivia=trivia)
    return [id(n) for n in recorder.met], [id(n) for n in recorder.left]


def _without_trivia(module: cst.Module) -> list[int]:
    """The nodes libcst meets that are neither trivia nor inside trivia (a comment inside a blank line)."""
    kept: list[int] = []

    class _Outside(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if type(node) in TRIVIA_TYPES:
                return False
            kept.append(id(node))
            return True

    module.visit(_Outside())
    return kept


def _modules() -> list[tuple[str, cst.Module]]:
    found = [("every shape", cst.parse_module(EVERY_SHAPE))]
    for path in PYTHON_FIXTURES:
        try:
            found.append((path.relative_to(ROOT).as_posix(), cst.parse_module(path.read_text("utf-8"))))
        except (cst.ParserSyntaxError, UnicodeDecodeError):
            continue  # fixtures of broken files
    return found


MODULES = _modules()


@pytest.mark.parametrize(("name", "module"), MODULES, ids=[name for name, _ in MODULES])
def test_walk_with_trivia_meets_what_libcst_meets_in_its_order(name: str, module: cst.Module) -> None:
    assert _by_walk(module, _Recorder(), trivia=True) == _by_libcst(module, _Recorder())


@pytest.mark.parametrize(("name", "module"), MODULES[:40], ids=[name for name, _ in MODULES[:40]])
def test_walk_without_trivia_meets_the_rest_in_the_same_order(name: str, module: cst.Module) -> None:
    met, left = _by_walk(module, _Recorder(), trivia=False)
    assert met == _without_trivia(module)
    assert sorted(left) == sorted(met)


def test_a_visit_that_returns_false_skips_the_children_and_still_leaves() -> None:
    module = cst.parse_module('x = f"a{b}" + "c"\n')
    assert _by_walk(module, _SkipsStrings(), trivia=True) == _by_libcst(module, _SkipsStrings())
    walked = _SkipsStrings()
    walk(module, walked)
    assert not any(isinstance(n, cst.FormattedStringExpression) for n in walked.met)
    assert sum(isinstance(n, cst.FormattedString) for n in walked.left) == 1


def test_a_walk_rebuilds_nothing() -> None:
    module = cst.parse_module(EVERY_SHAPE)
    before = [id(n) for n in _by_libcst_nodes(module)]
    walk(module, _Recorder(), trivia=True)
    assert [id(n) for n in _by_libcst_nodes(module)] == before
    assert module.code == EVERY_SHAPE


def _by_libcst_nodes(module: cst.Module) -> list[cst.CSTNode]:
    recorder = _Recorder()
    module.visit(recorder)
    return recorder.met


def test_the_every_shape_sample_has_the_node_types_it_claims() -> None:
    met = {type(n).__name__ for n in _by_libcst_nodes(cst.parse_module(EVERY_SHAPE))}
    expected = {
        "TypeAlias", "TypeParam", "FunctionDef", "Decorator", "With", "For", "TryStar", "ExceptStarHandler",
        "Lambda", "ListComp", "DictComp", "FormattedString", "FormattedStringExpression", "Match", "MatchClass",
        "MatchMapping", "MatchStar", "MatchAs", "Comparison", "Slice", "Await", "Comment", "Global",
    }  # fmt: skip
    assert expected <= met


# --- ReadOnlyVisitor: libcst's hooks, found through a table --------------------------------------------------------


class _Hooks:
    """Hooks that record what they are called on; the second visit_ stops at strings, as a check might."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, int]] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(("visit_Call", id(node)))

    def leave_Call(self, original_node: cst.Call) -> None:
        self.calls.append(("leave_Call", id(original_node)))

    def visit_SimpleString(self, node: cst.SimpleString) -> bool:
        self.calls.append(("visit_SimpleString", id(node)))
        return False

    def leave_Name(self, original_node: cst.Name) -> None:
        self.calls.append(("leave_Name", id(original_node)))


class _LibcstHooks(_Hooks, _Recorder):
    pass


class _TableHooks(_Hooks, ReadOnlyVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.met: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.met.append(node)
        return super().on_visit(node)


@pytest.mark.parametrize(("name", "module"), MODULES[:40], ids=[name for name, _ in MODULES[:40]])
def test_a_read_only_visitor_calls_the_hooks_libcsts_visitor_calls(name: str, module: cst.Module) -> None:
    by_libcst, by_table = _LibcstHooks(), _TableHooks()
    walk(module, by_libcst, trivia=True)
    walk(module, by_table, trivia=True)
    assert by_table.calls == by_libcst.calls
    assert [id(n) for n in by_table.met] == [id(n) for n in by_libcst.met]  # a False from visit_ skips alike


def test_a_read_only_visitor_without_hooks_enters_every_node() -> None:
    module = cst.parse_module(EVERY_SHAPE)

    class _Counting(ReadOnlyVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def on_visit(self, node: cst.CSTNode) -> bool:
            self.count += 1
            return super().on_visit(node)

    counting = _Counting()
    walk(module, counting, trivia=True)
    assert counting.count == len(_by_libcst_nodes(module))
