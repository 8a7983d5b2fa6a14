"""Reading Jupyter notebooks: cells, their sources, and IPython syntax masked so that libcst can parse them.

Masking replaces each magic (``%pip``), shell line (``!curl``), help line (``obj?``) and the first line of a cell
magic with ``pass`` at the same indentation, keeping the line count, so positions map back one to one. Cell magics
whose body is not Python (``%%bash``, ``%%writefile`` ...) make the whole cell text. Outputs are never read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from hfmigrate.lines import split_lines

PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit", "snakeviz"})
# `!cmd`, `%magic`, `?obj`, `obj??`, and the assignment forms `files = !ls`, `t = %timeit -o f()`
_IPYTHON_LINE = re.compile(r"^(?P<indent>[ \t]*)(?:[\w.]+[ \t]*=[ \t]*[!%]|[!%]|\?\S|[\w.]+\?{1,2}\s*$)")


@dataclass(frozen=True)
class Cell:
    number: int  # 1-based among all cells
    cell_type: str
    source: str
    source_is_list: bool


@dataclass(frozen=True)
class MaskedCell:
    python: str | None  # the source with IPython lines masked; None when the cell is not Python at all
    masked_lines: tuple[int, ...]  # 0-based indexes of the lines that were masked (they are text, not Python)


def load_cells(text: str) -> list[Cell]:
    """The cells of a notebook; raises ValueError with a reason when the JSON is not a notebook."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"invalid notebook JSON at line {error.lineno}: {error.msg}") from None
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        raise ValueError("not a notebook: no `cells` list")
    return [_cell(number, cell) for number, cell in enumerate(cells, start=1) if isinstance(cell, dict)]


def _cell(number: int, cell: dict) -> Cell:
    source = cell.get("source", "")
    is_list = isinstance(source, list)
    text = "".join(source) if is_list else str(source)
    return Cell(number, str(cell.get("cell_type", "code")), text, is_list)


def mask_ipython(source: str) -> MaskedCell:
    lines = split_lines(source, keepends=True)
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        magic = first[2:].split()[0] if first[2:].split() else ""
        if magic not in PYTHON_CELL_MAGICS:
            return MaskedCell(None, tuple(range(len(lines))))
    masked: list[int] = []
    out = []
    for index, line in enumerate(lines):
        match = _IPYTHON_LINE.match(line)
        if match or (index == 0 and first.startswith("%%")):
            indent = match.group("indent") if match else ""
            ending = line[len(line.rstrip("\r\n")) :]
            out.append(f"{indent}pass{ending}")
            masked.append(index)
        else:
            out.append(line)
    return MaskedCell("".join(out), tuple(masked))


_SHELL_MAGICS = frozenset({"bash", "sh", "script", "system", "sx"})
_JS_MAGICS = frozenset({"javascript", "js"})


def ipython_text_format(first_line: str, line: str | None = None) -> str:
    """The format of a code cell's non-Python text, as rewrite edits it and scan reads it: a cell magic's body
    (``line`` None) is ``shell``, ``js`` or ``prose`` (``%%writefile``, ``%%html`` ...); a ``!`` line is ``shell``
    and any other magic line ``prose`` (names of :data:`hfmigrate.engine.dialects.BY_NAME`)."""
    if line is not None:
        return "shell" if line.lstrip(" \t").startswith("!") else "prose"
    words = first_line.strip()[2:].split()
    magic = words[0] if words else ""
    return "shell" if magic in _SHELL_MAGICS else "js" if magic in _JS_MAGICS else "prose"
