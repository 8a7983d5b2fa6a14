"""Node positions for scan's findings, computed only for the top-level statements that hold one.

libcst's positions come from a code-generation pass that records a range for every node it writes, about three
times the cost of writing the code alone (bench/walk_bench.py). A finding usually sits in one statement of a
module, so that statement alone is generated with positions. Where it starts comes from ``ast``, which scan
runs first anyway (``statement_lines``); without it, it is found in the module's source when the statement's
code occurs there exactly once, or counted from the plain code of the statements before it. Past
:data:`_STATEMENT_PASSES` statements, one pass over the whole module is cheaper and is used instead.
``MetadataWrapper.resolve`` would also walk the whole tree a second time for its batchable providers even when
there are none: the provider is run directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    import libcst as cst
    from libcst.metadata import CodeRange

_STATEMENT_PASSES = 16


class NodePositions:
    """``positions.of(node, statement)``: the node's :class:`libcst.metadata.CodeRange`, as ``PositionProvider``
    gives it; ``statement`` is the top-level statement holding the node, when the caller knows it."""

    def __init__(self, module: cst.Module, source: str | None = None, statement_lines: list[int] | None = None):
        self.module = module
        self.source = source  # the module's code, when the caller has it (libcst's code is exactly the source)
        self._statement_lines = _by_libcst_statement(module, statement_lines) if statement_lines else None
        self._whole: Mapping[cst.CSTNode, CodeRange] | None = None
        self._statements: dict[int, tuple[Mapping[cst.CSTNode, CodeRange], int]] = {}  # id → (ranges, line shift)
        self._index: dict[int, int] | None = None  # id(top-level statement) → its index in the body
        self._first_lines: list[int] = []  # the line each statement's code (leading lines included) starts on

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        return self.of(node)

    def of(self, node: cst.CSTNode, statement: cst.CSTNode | None = None) -> CodeRange:
        if self._whole is None and statement is not None and len(self._statements) < _STATEMENT_PASSES:
            found = self._within(node, statement)
            if found is not None:
                return found
        if self._whole is None:
            self._whole = _syntactic_ranges(self.module)
        return self._whole[node]

    def _within(self, node: cst.CSTNode, statement: cst.CSTNode) -> CodeRange | None:
        if id(statement) not in self._statements:
            index = self._statement_index(statement)
            if index is None:
                return None
            alone = self.module.with_changes(header=(), body=(statement,), footer=(), has_trailing_newline=True)
            ranges = _syntactic_ranges(alone)
            self._statements[id(statement)] = (ranges, self._shift(index, statement, ranges))
        ranges, shift = self._statements[id(statement)]
        where = ranges.get(node)
        return None if where is None else _shifted(where, shift)

    def _statement_index(self, statement: cst.CSTNode) -> int | None:
        if self._index is None:
            self._index = {id(s): i for i, s in enumerate(self.module.body)}
        return self._index.get(id(statement))

    def _shift(self, index: int, statement: cst.CSTNode, alone: Mapping[cst.CSTNode, CodeRange]) -> int:
        """How many lines further down the module the statement is than in ``alone`` (where its code is first)."""
        if self._statement_lines is not None:  # where ast saw it start
            return self._statement_lines[index] - alone[statement].start.line
        first_line = self._first_line(0) if index == 0 else self._found_at(statement) or self._first_line(index)
        return first_line - 1

    def _found_at(self, statement: cst.CSTNode) -> int | None:
        """The line the statement's code starts on in the source, when it occurs there once (overlaps counted)."""
        if self.source is None:
            return None
        code = self.module.code_for_node(statement)
        start = self.source.find(code)
        if start < 0 or self.source.find(code, start + 1) >= 0:
            return None
        return 1 + _line_breaks(self.source, start)

    def _first_line(self, index: int) -> int:
        """The same from the plain code of the statements before it (a statement written twice, or no source)."""
        if not self._first_lines:
            header = "".join(self.module.code_for_node(line) for line in self.module.header)
            self._first_lines.append(1 + _line_breaks(header))
        while len(self._first_lines) <= index:
            done = len(self._first_lines) - 1
            code = self.module.code_for_node(self.module.body[done])
            self._first_lines.append(self._first_lines[done] + _line_breaks(code))
        return self._first_lines[index]


def _by_libcst_statement(module: cst.Module, ast_lines: list[int]) -> list[int] | None:
    """The line each of libcst's top-level statements starts on, from ``ast``'s (``x = 1; y = 2`` is one statement
    in libcst and two in ast; a decorated definition starts at ``def`` in both); None when they do not pair up."""
    import libcst as cst

    lines, at = [], 0
    for statement in module.body:
        if at >= len(ast_lines):
            return None
        lines.append(ast_lines[at])
        at += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    return lines if at == len(ast_lines) else None


def _line_breaks(code: str, end: int | None = None) -> int:
    """Line breaks in ``code[:end]``: ``\\r\\n``, ``\\r`` and ``\\n`` each count once, as libcst counts them."""
    end = len(code) if end is None else end
    return code.count("\n", 0, end) + code.count("\r", 0, end) - code.count("\r\n", 0, end)


def _shifted(where: CodeRange, lines: int) -> CodeRange:
    if not lines:
        return where
    from libcst.metadata import CodePosition, CodeRange

    start, end = where.start, where.end
    return CodeRange(CodePosition(start.line + lines, start.column), CodePosition(end.line + lines, end.column))


def _syntactic_ranges(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    from libcst.metadata import MetadataWrapper, PositionProvider

    provider = PositionProvider()
    generate = getattr(provider, "_gen_impl", None)
    computed = getattr(provider, "_computed", None)
    if generate is None or not isinstance(computed, dict):  # another libcst: the public road
        return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    generate(module)
    return computed
