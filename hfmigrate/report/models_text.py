"""Human output for ``hfmigrate check-models``: one table row per model id (and task), problems first.

Cells are rich ``Text`` objects, never markup strings, so ids and server messages print as written. Colour only on
a terminal: green available, red unavailable, yellow when the lookup failed.

On a terminal the table fits its width: the least needed columns are dropped first (the note under the table names
them; ``--json`` has every field), then the provider lists fold onto more lines at their commas. Words and model
ids are never split. Off a terminal every column is shown, on one line per model, without trailing padding.
"""

from __future__ import annotations

import shutil
from io import StringIO

from rich.console import Console
from rich.text import Text

from hfmigrate.catalog.statuses import VerdictStatus
from hfmigrate.catalog.types import CheckReport, ModelVerdict
from hfmigrate.report.captured import printed
from hfmigrate.report.wrapping import wrapped

_STATUS_STYLE = {VerdictStatus.AVAILABLE: "green", VerdictStatus.UNAVAILABLE: "red", VerdictStatus.ERROR: "yellow"}


def status_of(verdict: ModelVerdict) -> str:
    return verdict.status.value


def sort_key(verdict: ModelVerdict) -> tuple:
    return verdict.sort_key()


def render(report: CheckReport, *, to_terminal: bool = False, width: int | None = None) -> str:
    """The report; ``width`` (default: the terminal's on a terminal, unlimited off one) is what the table fits."""
    if width is None and to_terminal:
        width = shutil.get_terminal_size().columns
    console = _console(to_terminal, width)
    if not report.verdicts:
        console.print("No model ids to check.")
        return _stripped(console)
    table, hidden = _table(report, width)
    console.print(table)
    if hidden:
        console.print(
            Text(f"(hidden to fit {width} columns: {', '.join(hidden)}; --json shows every field)", style="dim")
        )
    _print_advice(console, report, width)
    console.print(_summary(report) if width is None else wrapped(_summary(report), width, indent="  "))
    return _stripped(console)


def _console(to_terminal: bool, width: int | None = None) -> Console:
    # without a width (off a terminal) soft_wrap keeps each model on one line; with one, rich wraps prose at spaces
    return Console(
        file=StringIO(),
        force_terminal=to_terminal,
        color_system="auto" if to_terminal else None,
        width=width or 1000,
        soft_wrap=width is None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def _stripped(console: Console) -> str:
    return "".join(line.rstrip() + "\n" for line in printed(console).splitlines())


_HEADERS = (
    "model",
    "task",
    "status",
    "reason",
    "live providers",
    "chat",
    "hf-inference",
    "pipeline",
    "$/1M in/out",
    "context",
    "tools",
)
#: Columns dropped, in this order, until the table fits; model, status, reason and live providers always stay.
_DROP_ORDER = ("tools", "context", "$/1M in/out", "pipeline", "hf-inference", "chat", "task")
_FOLDABLE = ("live providers", "hf-inference")  # comma-separated lists: they fold at ", "
_GAP = 2


def _table(report: CheckReport, width: int | None = None) -> tuple[Text, list[str]]:
    """Aligned columns, one line per model (more when a list folds), and the names of the columns left out.

    Hand-made rather than rich's Table: ids never wrap (they stay copyable), and 200 rows render in milliseconds
    instead of a large share of a second. The catalogue extras appear only when some model has them, and are the
    first columns dropped when the table does not fit."""
    ordered = sorted(report.verdicts, key=sort_key)
    extras = [column for column in _EXTRA_COLUMNS if any(column[1](v) is not None for v in ordered)]
    names = list(_HEADERS) + [name for name, _ in extras]
    rows = [[Text(h, style="bold") for h in names]]
    rows += [_cells(v) + [Text(_shown(value(v))) for _, value in extras] for v in ordered]
    hidden: list[str] = []
    for name in [name for name, _ in reversed(extras)] + list(_DROP_ORDER):
        if width is None or _total(rows) <= width:
            break
        index = names.index(name)
        hidden.append(names.pop(index))
        rows = [row[:index] + row[index + 1 :] for row in rows]
    folded = [
        [_fold_cell(cell, names[i], _fold_limit(rows, names, i, width)) for i, cell in enumerate(row)] for row in rows
    ]
    widths = [max(line.cell_len for cell in column for line in cell) for column in zip(*folded)]
    table = Text()
    for index, lines in enumerate(folded):
        for depth in range(max(len(cell) for cell in lines)):
            if index or depth:
                table.append("\n")
            for column, (cell, column_width) in enumerate(zip(lines, widths)):
                line = cell[depth] if depth < len(cell) else Text("")
                table.append_text(line)
                if column < len(lines) - 1:
                    table.append(" " * (column_width - line.cell_len + _GAP))
            table.rstrip()
    return table, hidden


def _total(rows: list[list[Text]]) -> int:
    return sum(max(cell.cell_len for cell in column) for column in zip(*rows)) + _GAP * (len(rows[0]) - 1)


def _fold_limit(rows: list[list[Text]], names: list[str], index: int, width: int | None) -> int | None:
    """How wide a foldable column may be: what the other columns leave of ``width`` (None: no limit)."""
    if width is None or names[index] not in _FOLDABLE:
        return None
    others = [i for i in range(len(names)) if i != index and names[i] not in _FOLDABLE]
    fixed = sum(max(row[i].cell_len for row in rows) for i in others) + _GAP * (len(names) - 1)
    foldable = [i for i in range(len(names)) if names[i] in _FOLDABLE]
    return max(1, (width - fixed) // len(foldable))


def _fold_cell(cell: Text, name: str, limit: int | None) -> list[Text]:
    """The cell as lines no wider than ``limit``, broken after ", " only (an item longer than the limit stays whole)."""
    if limit is None or cell.cell_len <= limit or name not in _FOLDABLE:
        return [cell]
    lines, start, plain = [], 0, cell.plain
    while len(plain) - start > limit:
        cut = plain.rfind(", ", start, start + limit + 1)
        if cut <= start:
            cut = plain.find(", ", start + limit)
            if cut < 0:
                break
        lines.append(cell[start : cut + 1])
        start = cut + 2
    lines.append(cell[start:])
    return lines


def _cells(v: ModelVerdict) -> list[Text]:
    status = status_of(v)
    staging = f" (+staging: {', '.join(v.staging_providers)})" if v.staging_providers else ""
    return [
        Text(v.model, style="bold"),
        Text(v.task or "-"),
        Text(status, style=_STATUS_STYLE[v.status]),
        Text(v.reason or "-", style="red" if v.reason else ""),
        Text((", ".join(v.live_providers) or "-") + staging),
        Text("yes" if v.chat else "no"),
        Text(", ".join(sorted(v.hf_inference_tasks)) or "-"),
        Text(v.pipeline_tag or "-"),
        Text(_price(v)),
        Text(f"{v.context_length:,}" if v.context_length else "-"),
        Text({True: "yes", False: "no", None: "-"}[v.supports_tools]),
    ]


#: Router catalogue facts shown only when some model has them (the catalogue marks each of them optional).
_EXTRA_COLUMNS = (
    ("tok/s", lambda v: v.throughput),
    ("1st token ms", lambda v: v.first_token_latency_ms),
    ("structured", lambda v: v.supports_structured_output),
    ("free", lambda v: v.is_free),
)


def _shown(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:,.0f}"


def _print_advice(console: Console, report: CheckReport, width: int | None = None) -> None:
    """Under the table, one paragraph per model that needs work: why, what to use, where the code calls it."""
    troubled = [v for v in sorted(report.verdicts, key=sort_key) if not v.available]
    if troubled:
        console.print()
    for v in troubled:
        line = Text.assemble((v.model, "bold"), ": ", (v.detail or v.reason or "", "red" if v.reason else ""))
        if v.alternatives:
            line.append("\n    try: ")
            line.append(", ".join(v.alternatives), style="green")
        elif not v.failed:
            line.append("\n    no alternative found for this task", style="dim")
        if v.style is not None:
            line.append(f"\n    called as {v.style.value}", style="dim")
        if v.locations:
            shown = [f"{path}:{line_no}" for path, line_no in v.locations[:5]]
            more = f" (+{len(v.locations) - 5} more)" if len(v.locations) > 5 else ""
            line.append("\n    used at " + ", ".join(shown) + more, style="cyan")
        console.print(line if width is None else _hanging(line, width))


def _hanging(paragraph: Text, width: int) -> Text:
    """Each line of an advice paragraph wrapped at spaces, continuation lines indented under its text."""
    out = Text()
    for number, line in enumerate(paragraph.split("\n")):
        if number:
            out.append("\n")
        out.append_text(wrapped(line, width, indent="      " if number else "    "))
    return out


def _price(v: ModelVerdict) -> str:
    ranges = v.price_range()
    if not ranges:
        return "-"
    return " / ".join(_span(*ranges[key]) if key in ranges else "?" for key in ("input", "output"))


def _span(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def _summary(report: CheckReport) -> Text:
    available = sum(1 for v in report.verdicts if v.available)
    text = Text(f"\n{len(report.verdicts)} checked: ")
    text.append(f"{available} available", style="green")
    text.append(", ")
    text.append(f"{len(report.unavailable)} unavailable", style="red" if report.unavailable else "")
    if report.failed:
        text.append(", ")
        text.append(f"{len(report.failed)} could not be checked", style="yellow")
    text.append(
        f"  (hub {report.hosts.hub}, router {report.hosts.router}{', from cache' if report.from_cache else ''})",
        style="dim",
    )
    return text


def render_drift(drifts, report: CheckReport, *, to_terminal: bool = False) -> str:
    """``--verify-lock``: one line per locked model; DRIFT lines say what was lost."""
    console = _console(to_terminal)
    for drift in sorted(drifts, key=lambda d: (not d.broken, d.model.lower())):
        line = Text()
        word, style = (
            ("DRIFT ", "bold red") if drift.broken else ("ok    ", "green") if not drift.reason else ("n/a   ", "dim")
        )
        line.append(word, style=style)
        line.append(drift.model, style="bold")
        line.append(f" [{drift.task or 'any task'}]  ")
        line.append("live: " + (", ".join(drift.now) or "none"))
        if drift.lost:
            line.append("  lost: " + ", ".join(drift.lost), style="red")
        if drift.gained:
            line.append("  new: " + ", ".join(drift.gained), style="dim")
        if drift.reason:
            line.append(f"  ({drift.reason})", style="red")
        console.print(line)
    broken = sum(1 for d in drifts if d.broken)
    console.print(
        Text(
            f"\n{len(drifts)} locked models checked: {broken} broken by provider drift",
            style="red" if broken else "green",
        )
    )
    return printed(console)
