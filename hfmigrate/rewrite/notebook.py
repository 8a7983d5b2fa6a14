"""Rewriting Jupyter notebooks (issue 4).

Code cells go through the Python rewrite (:func:`hfmigrate.rewrite.module.rewrite_source`) with IPython lines
masked: each magic or shell line becomes ``pass  # <sentinel>`` at its indentation, and is put back byte for byte
after the rewrite (a ``!`` shell line gets the URL-level text rewrite first). Cells that do not parse are left
alone and reported. Markdown and raw cells get URL-level rewrites only (where the router equivalent is
unambiguous); outputs, execution counts and metadata are never touched.

The notebook is not re-serialised. The raw JSON text is scanned for each cell's ``source`` value, and only the
changed string elements are replaced, encoded with the notebook's own escaping (``\\uXXXX`` for non-ASCII or not),
so indentation, key order, the list-or-string form of ``source`` and the trailing newline all stay as they were.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass

from hfmigrate import urls
from hfmigrate.errors import RewriteError
from hfmigrate.findings import Diagnostic
from hfmigrate.lines import split_lines
from hfmigrate.notebooks import Cell, load_cells, mask_ipython
from hfmigrate.rewrite.textfiles import dialects
from hfmigrate.sources import SourceText, decode_bytes

_SHELL_MAGICS = frozenset({"bash", "sh", "script", "system", "sx"})
_JS_MAGICS = frozenset({"javascript", "js"})


@dataclass
class _CellChange:
    number: int
    before: str
    after: str


def rewrite_notebook(data: bytes, display: str, settings, constants=(), verdicts=None):
    """(new bytes, applied Counter, encoding, diff text, cell diagnostics), None, or a Diagnostic.

    The fifth element lists the cells left alone because they do not parse; the engine reads the first four.
    """
    decoded = decode_bytes(data, python=False)  # bytes that are not UTF-8 are kept as they are
    if not isinstance(decoded, SourceText):
        return Diagnostic(display, "skipped", f"{decoded.reason}; not rewritten")
    text = decoded.text
    try:
        cells = load_cells(text)
    except ValueError as error:
        return Diagnostic(display, "skipped", f"does not parse as a notebook ({error}); not rewritten")
    applied: Counter = Counter()
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
            new_source, cell_applied = outcome
            applied.update(cell_applied)
            changes.append(_CellChange(cell.number, cell.source, new_source))
    if not changes:
        return _combined(display, problems)
    try:
        new_text = splice_sources(text, {c.number: c.after for c in changes})
    except ValueError as error:
        return Diagnostic(display, "error", f"rewrite abandoned: {error}")
    problem = _verify(text, new_text, {c.number: c.after for c in changes})
    if problem:
        return Diagnostic(display, "error", f"rewrite abandoned: {problem}")
    try:
        after = decoded.encode(new_text)
    except RewriteError as error:
        return Diagnostic(display, "error", f"rewrite abandoned: {error}")
    return after, applied, "utf-8", _diff(display, changes), problems


def _combined(display: str, problems: list[Diagnostic]) -> Diagnostic | None:
    if not problems:
        return None
    if len(problems) == 1:
        return problems[0]
    return Diagnostic(
        display, problems[0].kind, "; ".join(f"{p.path.rsplit(':', 1)[-1]}: {p.reason}" for p in problems)
    )


# --- one cell --------------------------------------------------------------------------------------------------


def _rewrite_cell(cell: Cell, display: str, settings, constants, verdicts=None):
    """(new source, applied) when the cell changes, None when it does not, or a Diagnostic."""
    from hfmigrate import needles
    from hfmigrate.rewrite.text import rewrite_fragment

    if not cell.source or not needles.mentions(cell.source, needles.TEXT_REWRITE) and not _may_need_python(cell):
        return None
    if cell.cell_type in ("markdown", "raw"):  # raw cells (nbconvert text) are prose too: URL rewrites only
        new, applied = rewrite_fragment(cell.source, dialects.PROSE, settings, display)
    elif cell.cell_type == "code":
        outcome = _rewrite_code_cell(cell, display, settings, constants, verdicts)
        if outcome is None or isinstance(outcome, Diagnostic):
            return outcome
        new, applied = outcome
    else:
        return None
    return (new, applied) if new != cell.source else None


def _may_need_python(cell: Cell) -> bool:
    from hfmigrate.scan import prefilter

    return cell.cell_type == "code" and prefilter.needs_python_parse(cell.source.encode("utf-8", "surrogatepass"))


def _rewrite_code_cell(cell: Cell, display: str, settings, constants, verdicts=None):
    from hfmigrate.rewrite.module import rewrite_source
    from hfmigrate.rewrite.text import rewrite_fragment

    masked = mask_ipython(cell.source)
    lines = split_lines(cell.source, keepends=True)
    where = f"{display}:cell {cell.number}"
    if masked.python is None:  # a cell magic whose body is not Python (%%bash, %%javascript, %%writefile...)
        return rewrite_fragment(cell.source, _cell_magic_dialect(lines[0]), settings, display, verdicts)
    sentinel = _sentinel(cell.source)
    python = _sentinelled_python(masked, sentinel)
    outcome = rewrite_source(python.encode("utf-8"), display, settings, constants, verdicts)
    if isinstance(outcome, Diagnostic):
        # a cell that does not parse is left alone and reported (issue 4); only a failed rewrite is an error
        kind = "downgraded" if "does not parse" in outcome.reason or "nested" in outcome.reason else outcome.kind
        reason = outcome.reason.replace("; not rewritten", "")
        return Diagnostic(where, kind, f"{reason}; cell left alone")
    applied: Counter = Counter(outcome[1]) if outcome else Counter()
    new_python = outcome[0].decode(outcome[2]) if outcome else python
    return _restored(cell, new_python, masked, sentinel, applied, settings, display)


def _sentinelled_python(masked, sentinel: str) -> str:
    python_lines = split_lines(masked.python, keepends=True)
    for index in masked.masked_lines:
        line = python_lines[index]
        body = line.rstrip("\r\n")
        python_lines[index] = f"{body}  # {sentinel}:{index}{line[len(body) :]}"
    return "".join(python_lines)


def _restored(cell: Cell, new_python: str, masked, sentinel: str, applied: Counter, settings, display: str):
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
        return Diagnostic(where, "error", "the rewrite moved an IPython line; cell left alone")
    return "".join(restored), applied


# --- code cells that share names (issue 9) ---------------------------------------------------------------------


def _rewrite_cells_together(cells: list[Cell], display: str, settings, constants, verdicts=None) -> dict:
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
    if outcome is None or isinstance(outcome, Diagnostic):
        return {}
    parts = re.split(rf"^# {re.escape(nonce)} (\d+)\r?\n", outcome[0].decode(outcome[2]), flags=re.MULTILINE)
    numbers = [int(n) for n in parts[1::2]]
    joined_cells = [c for c in code if c.number in masks]
    if parts[0] or numbers != [c.number for c in joined_cells]:
        return {}
    results: dict = {}
    counted = False
    for cell, new_python in zip(joined_cells, parts[2::2]):
        if not cell.source.endswith(("\n", "\r")):
            new_python = new_python[:-1] if new_python.endswith("\n") else new_python
        new_python = _cell_lines_in_markers(new_python, places)
        masked, sentinel = masks[cell.number]
        applied = Counter() if counted else Counter(outcome[1])
        result = _restored(cell, new_python, masked, sentinel, applied, settings, display)
        if isinstance(result, Diagnostic):
            return {}
        if result[0] != cell.source:
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


def _rewrite_ipython_line(line: str, settings, display: str) -> tuple[str, Counter]:
    from hfmigrate import needles
    from hfmigrate.rewrite.text import rewrite_fragment

    if not needles.mentions(line, needles.TEXT_REWRITE):
        return line, Counter()
    shell = line.lstrip(" \t").startswith("!")
    dialect = dialects.SHELL.without_markers() if shell else dialects.PROSE
    return rewrite_fragment(line, dialect, settings, display)


def _cell_magic_dialect(first_line: str) -> dialects.Dialect:
    words = first_line.strip()[2:].split()
    magic = words[0] if words else ""
    if magic in _SHELL_MAGICS:
        return dialects.SHELL
    if magic in _JS_MAGICS:
        return dialects.JS
    return dialects.PROSE


def _sentinel(source: str) -> str:
    number = 0
    while f"hfmigrate-ipython-{number}" in source:
        number += 1
    return f"hfmigrate-ipython-{number}"


# --- the JSON text ---------------------------------------------------------------------------------------------


@dataclass
class _Source:
    start: int  # the value's span in the raw text
    end: int
    elements: list[tuple[int, int]] | None  # string element spans when ``source`` is a list


_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


class _Scanner:
    """Finds each cell's ``source`` value span in notebook JSON without re-serialising anything."""

    def __init__(self, text: str):
        self.text = text

    def ws(self, pos: int) -> int:
        return _WS.match(self.text, pos).end()  # type: ignore[union-attr]

    def expect(self, pos: int, char: str) -> int:
        pos = self.ws(pos)
        if self.text[pos : pos + 1] != char:
            raise ValueError(f"unexpected JSON at offset {pos}")
        return pos + 1

    def string(self, pos: int) -> tuple[str, int, int]:
        pos = self.ws(pos)
        match = _STRING.match(self.text, pos)
        if not match:
            raise ValueError(f"expected a JSON string at offset {pos}")
        return json.loads(match.group(0)), match.start(), match.end()

    def members(self, pos: int):
        """Yield (key, value start) for each member of the object at ``pos``; the caller returns the value end."""
        pos = self.expect(pos, "{")
        if self.text[self.ws(pos) : self.ws(pos) + 1] == "}":
            return self.ws(pos) + 1
        while True:
            key, _, pos = self.string(pos)
            pos = self.expect(pos, ":")
            pos = yield key, self.ws(pos)
            pos = self.ws(pos)
            if self.text[pos : pos + 1] == ",":
                pos += 1
                continue
            return self.expect(pos, "}")

    def skip(self, pos: int) -> int:
        pos = self.ws(pos)
        char = self.text[pos : pos + 1]
        if char == '"':
            return self.string(pos)[2]
        if char == "{":
            walker = self.members(pos)
            try:
                _, value = next(walker)
                while True:
                    _, value = walker.send(self.skip(value))
            except StopIteration as stop:
                return stop.value if stop.value is not None else self._empty_end(pos, "}")
        if char == "[":
            return self.array(pos, self.skip)[1]
        match = _SCALAR.match(self.text, pos)
        if not match:
            raise ValueError(f"unexpected JSON at offset {pos}")
        return match.end()

    def _empty_end(self, pos: int, close: str) -> int:
        return self.expect(self.expect(pos, "{" if close == "}" else "["), close)

    def array(self, pos: int, element) -> tuple[list, int]:
        pos = self.expect(pos, "[")
        items: list = []
        if self.text[self.ws(pos) : self.ws(pos) + 1] == "]":
            return items, self.ws(pos) + 1
        while True:
            start = self.ws(pos)
            pos = element(start)
            items.append((start, pos))
            pos = self.ws(pos)
            if self.text[pos : pos + 1] == ",":
                pos += 1
                continue
            return items, self.expect(pos, "]")

    def sources(self) -> dict[int, _Source]:
        found: dict[int, _Source] = {}
        walker = self.members(0)
        try:
            key, value = next(walker)
            while True:
                end = self.cells(value, found) if key == "cells" else self.skip(value)
                key, value = walker.send(end)
        except StopIteration:
            pass
        return found

    def cells(self, pos: int, found: dict[int, _Source]) -> int:
        number = 0

        def cell(start: int) -> int:
            nonlocal number
            number += 1
            if self.text[start] != "{":
                return self.skip(start)
            walker = self.members(start)
            try:
                key, value = next(walker)
                while True:
                    end = self.skip(value)
                    if key == "source":
                        elements = self.array(value, self.skip)[0] if self.text[value] == "[" else None
                        found[number] = _Source(value, end, elements)
                    key, value = walker.send(end)
            except StopIteration as stop:
                return stop.value if stop.value is not None else self._empty_end(start, "}")

        return self.array(pos, cell)[1]


def splice_sources(text: str, new_sources: dict[int, str]) -> str:
    """``text`` with the ``source`` of the given cells (1-based numbers) replaced, every other byte kept."""
    spans = _Scanner(text).sources()
    ascii_only = _escapes_non_ascii(text)
    edits = []
    for number, new in new_sources.items():
        span = spans.get(number)
        if span is None:
            raise ValueError(f"cell {number} has no `source` in the notebook JSON")
        if span.elements is None:
            edits.append((span.start, span.end, json.dumps(new, ensure_ascii=ascii_only)))
        elif span.elements:
            edits.append((span.elements[0][0], span.elements[-1][1], _new_list(text, span, new, ascii_only)))
        else:
            raise ValueError(f"cell {number} has an empty `source`")
    out, position = [], 0
    for start, end, new in sorted(edits):
        out += [text[position:start], new]
        position = end
    return "".join(out + [text[position:]])


def _new_list(text: str, span: _Source, new: str, ascii_only: bool) -> str:
    elements = span.elements or []
    old_lines = [json.loads(text[start:end]) for start, end in elements]
    new_lines = split_lines(new, keepends=True)
    separator = _separator(text, span)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(text[elements[i1][0] : elements[i2 - 1][1]])  # original bytes, separators included
        else:
            parts += [json.dumps(line, ensure_ascii=ascii_only) for line in new_lines[j1:j2]]
    return separator.join(parts)


def _separator(text: str, span: _Source) -> str:
    elements = span.elements or []
    if len(elements) >= 2:
        return text[elements[0][1] : elements[1][0]]
    between = text[span.start + 1 : elements[0][0]]
    return "," + between if between else ", "


def _escapes_non_ascii(text: str) -> bool:
    """True when the notebook writes non-ASCII as ``\\uXXXX`` (ensure_ascii); nbformat does not."""
    if any(ord(char) > 127 for char in text):
        return False
    return any(int(code, 16) > 127 for code in re.findall(r"(?<!\\)(?:\\\\)*\\u([0-9a-fA-F]{4})", text))


# --- checks and diff -------------------------------------------------------------------------------------------


def _verify(before: str, after: str, new_sources: dict[int, str]) -> str | None:
    """The new JSON must equal the old one except for the intended sources, with the same list-or-string form."""
    try:
        old, new = json.loads(before.lstrip("\ufeff")), json.loads(after.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        return f"the notebook JSON would not parse (line {error.lineno}: {error.msg})"
    expected = copy.deepcopy(old)
    for number, source in new_sources.items():
        cell = expected["cells"][number - 1]
        cell["source"] = split_lines(source, keepends=True) if isinstance(cell["source"], list) else source
    got = copy.deepcopy(new)
    for number in new_sources:
        cell = got["cells"][number - 1]
        if isinstance(cell["source"], list):  # the line split may differ where lines were kept verbatim
            expected_cell = expected["cells"][number - 1]
            if "".join(cell["source"]) == "".join(expected_cell["source"]):
                cell["source"] = expected_cell["source"]
    if got != expected:
        return "the notebook JSON would change outside the rewritten cell sources"
    return None


def _diff(display: str, changes: list[_CellChange]) -> str:
    out: list[str] = []
    for change in changes:
        before = [line if line.endswith("\n") else line + "\n" for line in split_lines(change.before, keepends=True)]
        after = [line if line.endswith("\n") else line + "\n" for line in split_lines(change.after, keepends=True)]
        label = f"{display} (cell {change.number})"
        out += difflib.unified_diff(before, after, f"a/{label}", f"b/{label}")
    return "".join(out)
