"""Rewriting Jupyter notebooks (issue 4).

Code cells go through the Python rewrite (:func:`hfmigrate.rewrite.module.rewrite_source`) with IPython lines
masked: each magic or shell line becomes ``pass  # <sentinel>`` at its indentation, and is put back byte for byte
after the rewrite (a ``!`` shell line gets the URL-level text rewrite first). Cells that do not parse are left
alone and reported. Markdown and raw cells get URL-level rewrites only (where the router equivalent is
unambiguous); outputs, execution counts and metadata are never touched.

The notebook is not re-serialised: :mod:`hfmigrate.rewrite.notebook_json` replaces only the changed ``source``
strings in the raw JSON text, so every other byte stays as it was.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from hfmigrate import urls
from hfmigrate.engine import dialects
from hfmigrate.engine.kinds import AppliedCounts
from hfmigrate.engine.outcomes import RewriteFailure, RewriteOutcome, RewriteSkip, RewriteSuccess
from hfmigrate.errors import RewriteError
from hfmigrate.findings import Diagnostic, DiagnosticKind
from hfmigrate.lines import split_lines
from hfmigrate.notebooks import Cell, ipython_text_format, load_cells, mask_ipython
from hfmigrate.rewrite.notebook_json import splice_sources, spliced_problem
from hfmigrate.sources import SourceText, decode_bytes


@dataclass(frozen=True)
class _CellRewrite:
    """A cell's new source and the edits and markers per code that made it."""

    source: str
    applied: AppliedCounts


@dataclass
class _CellChange:
    number: int
    before: str
    after: str


def rewrite_notebook(data: bytes, display: str, settings, constants=(), verdicts=None) -> RewriteOutcome:
    """The new bytes with a per-cell diff (a success, listing the cells left alone because they do not parse),
    a skip when nothing changes, or a failure."""
    decoded = decode_bytes(data, python=False)  # bytes that are not UTF-8 are kept as they are
    if not isinstance(decoded, SourceText):
        return RewriteFailure(Diagnostic(display, DiagnosticKind.SKIPPED, f"{decoded.reason}; not rewritten"))
    text = decoded.text
    try:
        cells = load_cells(text)
    except ValueError as error:
        reason = f"does not parse as a notebook ({error}); not rewritten"
        return RewriteFailure(Diagnostic(display, DiagnosticKind.SKIPPED, reason, unexpected=True))
    applied = AppliedCounts()
    changes: list[_CellChange] = []
    problems: list[Diagnostic] = []
    joined = _rewrite_cells_together(cells, display, settings, constants, verdicts)
    for cell in cells:
        outcome = (
            joined[cell.number]
            if cell.number in joined
            else _rewrite_cell(cell, display, settings, constants, verdicts)
        )
        if isinstance(outcome, Diagnostic):
            problems.append(outcome)
        elif outcome is not None:
            applied.update(outcome.applied)
            changes.append(_CellChange(cell.number, cell.source, outcome.source))
    if not changes:
        return _combined(display, problems)
    try:
        new_text = splice_sources(text, {c.number: c.after for c in changes})
    except ValueError as error:
        return _abandoned(display, error)
    problem = spliced_problem(text, new_text, {c.number: c.after for c in changes})
    if problem:
        return _abandoned(display, problem)
    try:
        after = decoded.encode(new_text)
    except RewriteError as error:
        return _abandoned(display, error)
    return RewriteSuccess(after, applied, "utf-8", _diff(display, changes), tuple(problems))


def _abandoned(display: str, why: object) -> RewriteFailure:
    return RewriteFailure(Diagnostic(display, DiagnosticKind.ERROR, f"rewrite abandoned: {why}"))


def _combined(display: str, problems: list[Diagnostic]) -> RewriteOutcome:
    if not problems:
        return RewriteSkip()
    if len(problems) == 1:
        return RewriteFailure(problems[0])
    reason = "; ".join(f"{p.path.rsplit(':', 1)[-1]}: {p.reason}" for p in problems)
    return RewriteFailure(Diagnostic(display, problems[0].kind, reason))


# --- one cell --------------------------------------------------------------------------------------------------


def _rewrite_cell(cell: Cell, display: str, settings, constants, verdicts=None) -> _CellRewrite | Diagnostic | None:
    """The cell's rewrite when it changes, None when it does not, or a Diagnostic."""
    from hfmigrate import needles
    from hfmigrate.rewrite.text import rewrite_fragment

    if not cell.source or not needles.holds_text_needle(cell.source) and not _may_need_python(cell):
        return None
    if cell.cell_type in ("markdown", "raw"):  # raw cells (nbconvert text) are prose too: URL rewrites only
        outcome: _CellRewrite | Diagnostic = _CellRewrite(
            *rewrite_fragment(cell.source, dialects.PROSE, settings, display)
        )
    elif cell.cell_type == "code":
        outcome = _rewrite_code_cell(cell, display, settings, constants, verdicts)
    else:
        return None
    return None if isinstance(outcome, _CellRewrite) and outcome.source == cell.source else outcome


def _may_need_python(cell: Cell) -> bool:
    from hfmigrate.scan import prefilter

    return cell.cell_type == "code" and prefilter.needs_python_parse(cell.source.encode("utf-8", "surrogatepass"))


def _rewrite_code_cell(cell: Cell, display: str, settings, constants, verdicts=None) -> _CellRewrite | Diagnostic:
    from hfmigrate.rewrite.module import rewrite_source
    from hfmigrate.rewrite.text import rewrite_fragment

    masked = mask_ipython(cell.source)
    lines = split_lines(cell.source, keepends=True)
    where = f"{display}:cell {cell.number}"
    if masked.python is None:  # a cell magic whose body is not Python (%%bash, %%javascript, %%writefile...)
        return _CellRewrite(*rewrite_fragment(cell.source, _cell_magic_dialect(lines[0]), settings, display, verdicts))
    sentinel = _sentinel(cell.source)
    python = _sentinelled_python(masked, sentinel)
    outcome = rewrite_source(python.encode("utf-8"), display, settings, constants, verdicts)
    if isinstance(outcome, RewriteFailure):
        # a cell that does not parse is left alone and reported (issue 4); only a failed rewrite is an error
        kind = DiagnosticKind.DOWNGRADED if outcome.unparsable else outcome.diagnostic.kind
        reason = outcome.diagnostic.reason.replace("; not rewritten", "")
        return Diagnostic(where, kind, f"{reason}; cell left alone")
    if isinstance(outcome, RewriteSuccess):
        return _restored(cell, outcome.text, masked, sentinel, AppliedCounts(outcome.applied), settings, display)
    return _restored(cell, python, masked, sentinel, AppliedCounts(), settings, display)


def _sentinelled_python(masked, sentinel: str) -> str:
    python_lines = split_lines(masked.python, keepends=True)
    for index in masked.masked_lines:
        line = python_lines[index]
        body = line.rstrip("\r\n")
        python_lines[index] = f"{body}  # {sentinel}:{index}{line[len(body) :]}"
    return "".join(python_lines)


def _restored(
    cell: Cell, new_python: str, masked, sentinel: str, applied: AppliedCounts, settings, display: str
) -> _CellRewrite | Diagnostic:
    """The cell's new source with its IPython lines put back (a ``!`` line gets the URL rewrite), or a Diagnostic."""
    where = f"{display}:cell {cell.number}"
    lines = split_lines(cell.source, keepends=True)
    restored, seen = [], []
    pattern = re.compile(rf"^[ \t]*pass  # {re.escape(sentinel)}:(\d+)(\r\n|\r|\n)?$")
    for line in split_lines(new_python, keepends=True):
        match = pattern.match(line)
        if not match:
            restored.append(line)
            continue
        index = int(match.group(1))
        seen.append(index)
        new_line, line_applied = _rewrite_ipython_line(lines[index], settings, display)
        applied.update(line_applied)
        restored.append(new_line)
    if sorted(seen) != sorted(masked.masked_lines):
        return Diagnostic(where, DiagnosticKind.ERROR, "the rewrite moved an IPython line; cell left alone")
    return _CellRewrite("".join(restored), applied)


# --- code cells that share names (issue 9) ---------------------------------------------------------------------


def _rewrite_cells_together(
    cells: list[Cell], display: str, settings, constants, verdicts=None
) -> dict[int, _CellRewrite | None]:
    """Cell number → outcome, for the code cells of a notebook doing text generation, rewritten as one module.

    A URL or a wrapper defined in one cell and used in later cells can only be converted (or marked) when the
    cells are seen together. Each cell goes in after a sentinel comment line, so the result splits back into
    cells; marker lines naming "line N" are re-worded as "cell C line L". Empty when the cells cannot be joined
    (a cell that does not parse, a non-Python cell magic): then each cell is rewritten on its own.
    """
    import ast

    from hfmigrate.relevance import follows_results
    from hfmigrate.rewrite.module import rewrite_source

    code = [c for c in cells if c.cell_type == "code" and c.source.strip()]
    every = "".join(c.source for c in code)
    if len(code) < 2 or not urls.mentions_legacy_host(every) or not follows_results(every):
        return {}
    nonce = _sentinel(every).replace("ipython", "cell")
    pieces, places, masks = [], [], {}
    for cell in code:
        masked = mask_ipython(cell.source)
        if masked.python is None:
            continue  # %%bash, %%javascript ...: not Python, rewritten on its own
        sentinel = _sentinel(cell.source)
        python = _sentinelled_python(masked, sentinel)
        try:
            ast.parse(python)
        except SyntaxError:
            return {}
        masks[cell.number] = (masked, sentinel)
        piece = python if python.endswith(("\n", "\r")) else python + "\n"
        pieces.append(f"# {nonce} {cell.number}\n" + piece)
        places += [(cell.number, 0)] + [(cell.number, n) for n in range(1, piece.count("\n") + 1)]
    joined = "".join(pieces)
    outcome = rewrite_source(joined.encode("utf-8"), display, settings, constants, verdicts)
    if not isinstance(outcome, RewriteSuccess):
        return {}
    parts = re.split(rf"^# {re.escape(nonce)} (\d+)\r?\n", outcome.text, flags=re.MULTILINE)
    numbers = [int(n) for n in parts[1::2]]
    joined_cells = [c for c in code if c.number in masks]
    if parts[0] or numbers != [c.number for c in joined_cells]:
        return {}
    results: dict[int, _CellRewrite | None] = {}
    counted = False
    for cell, new_python in zip(joined_cells, parts[2::2]):
        if not cell.source.endswith(("\n", "\r")):
            new_python = new_python[:-1] if new_python.endswith("\n") else new_python
        new_python = _cell_lines_in_markers(new_python, places)
        masked, sentinel = masks[cell.number]
        applied = AppliedCounts() if counted else AppliedCounts(outcome.applied)
        result = _restored(cell, new_python, masked, sentinel, applied, settings, display)
        if isinstance(result, Diagnostic):
            return {}
        if result.source != cell.source:
            counted = True
            results[cell.number] = result
        else:
            results[cell.number] = None
    return results


def _cell_lines_in_markers(source: str, places: list[tuple[int, int]]) -> str:
    """In marker lines, "line N" of the joined cells becomes "cell C line L"."""

    def relabel(match: re.Match) -> str:
        number = int(match.group(1))
        if 0 < number <= len(places):
            cell, line = places[number - 1]
            return f"cell {cell} line {line}"
        return match.group(0)

    out = []
    for line in split_lines(source, keepends=True):
        if "hfmigrate: TODO(" in line:
            line = re.sub(r"\bline (\d+)", relabel, line)
        out.append(line)
    return "".join(out)


def _rewrite_ipython_line(line: str, settings, display: str) -> tuple[str, AppliedCounts]:
    from hfmigrate import needles
    from hfmigrate.rewrite.text import rewrite_fragment

    if not needles.holds_text_needle(line):
        return line, AppliedCounts()
    shell = ipython_text_format("", line) == "shell"
    dialect = dialects.SHELL.without_markers() if shell else dialects.PROSE
    return rewrite_fragment(line, dialect, settings, display)


def _cell_magic_dialect(first_line: str) -> dialects.Dialect:
    return dialects.BY_NAME[ipython_text_format(first_line)]


def _sentinel(source: str) -> str:
    number = 0
    while f"hfmigrate-ipython-{number}" in source:
        number += 1
    return f"hfmigrate-ipython-{number}"


# --- the diff -------------------------------------------------------------------------------------------------


def _diff(display: str, changes: list[_CellChange]) -> str:
    out: list[str] = []
    for change in changes:
        before = [line if line.endswith("\n") else line + "\n" for line in split_lines(change.before, keepends=True)]
        after = [line if line.endswith("\n") else line + "\n" for line in split_lines(change.after, keepends=True)]
        label = f"{display} (cell {change.number})"
        out += difflib.unified_diff(before, after, f"a/{label}", f"b/{label}")
    return "".join(out)
