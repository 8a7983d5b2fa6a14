"""Human output for ``hfmigrate check-models``: one table row per model id (and task), problems first.

Cells are rich ``Text`` objects, never markup strings, so ids and server messages print as written. Colour only on
a terminal: green available, red unavailable, yellow when the lookup failed.
"""

from __future__ import annotations

import shutil
from io import StringIO

from rich.console import Console
from rich.text import Text

from hfmigrate.catalog.types import CheckReport, ModelVerdict

_STATUS_STYLE = {"available": "green", "unavailable": "red", "error": "yellow"}


def status_of(verdict: ModelVerdict) -> str:
    return verdict.status


def sort_key(verdict: ModelVerdict) -> tuple:
    return verdict.sort_key()


def render(report: CheckReport, *, to_terminal: bool = False) -> str:
    console = _console(to_terminal)
    if not report.verdicts:
        console.print("No model ids to check.")
        return console.file.getvalue()
    console.print(_table(report))
    _print_advice(console, report)
    console.print(_summary(report))
    return console.file.getvalue()


def _console(to_terminal: bool) -> Console:
    # soft_wrap: rich never inserts line breaks, so each model stays on one line (the terminal may fold it)
    width = shutil.get_terminal_size().columns if to_terminal else 1000
    return Console(
        file=StringIO(), force_terminal=to_terminal, color_system="auto" if to_terminal else None, width=width,
        soft_wrap=True, highlight=False, emoji=False, markup=False, legacy_windows=False,
    )


_HEADERS = ("model", "task", "status", "reason", "live providers", "chat", "hf-inference", "pipeline", "$/1M in/out",
            "context", "tools")


def _table(report: CheckReport) -> Text:
    """Aligned columns, one line per model. Hand-made rather than rich's Table: ids never wrap (they stay
    copyable), and 200 rows render in milliseconds instead of a large share of a second."""
    rows = [[Text(h, style="bold") for h in _HEADERS]]
    rows += [_cells(v) for v in sorted(report.verdicts, key=sort_key)]
    widths = [max(cell.cell_len for cell in column) for column in zip(*rows)]
    table = Text()
    for index, row in enumerate(rows):
        if index:
            table.append("\n")
        for column, (cell, width) in enumerate(zip(row, widths)):
            table.append_text(cell)
            if column < len(row) - 1:
                table.append(" " * (width - cell.cell_len + 2))
    return table


def _cells(v: ModelVerdict) -> list[Text]:
    status = status_of(v)
    staging = f" (+staging: {', '.join(v.staging_providers)})" if v.staging_providers else ""
    return [
        Text(v.model, style="bold"),
        Text(v.task or "-"),
        Text(status, style=_STATUS_STYLE[status]),
        Text(v.reason or "-", style="red" if v.reason else ""),
        Text((", ".join(v.live_providers) or "-") + staging),
        Text("yes" if v.chat else "no"),
        Text(", ".join(sorted(v.hf_inference_tasks)) or "-"),
        Text(v.pipeline_tag or "-"),
        Text(_price(v)),
        Text(f"{v.context_length:,}" if v.context_length else "-"),
        Text({True: "yes", False: "no", None: "-"}[v.supports_tools]),
    ]


def _print_advice(console: Console, report: CheckReport) -> None:
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
        if v.locations:
            shown = [f"{path}:{line_no}" for path, line_no in v.locations[:5]]
            more = f" (+{len(v.locations) - 5} more)" if len(v.locations) > 5 else ""
            line.append("\n    used at " + ", ".join(shown) + more, style="cyan")
        console.print(line)


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
    text.append(f"  (hub {report.hosts.hub}, router {report.hosts.router}{', from cache' if report.from_cache else ''})",
                style="dim")
    return text


def render_drift(drifts, report: CheckReport, *, to_terminal: bool = False) -> str:
    """``--verify-lock``: one line per locked model; DRIFT lines say what was lost."""
    console = _console(to_terminal)
    for drift in sorted(drifts, key=lambda d: (not d.broken, d.model.lower())):
        line = Text()
        word, style = ("DRIFT ", "bold red") if drift.broken else ("ok    ", "green") if not drift.reason else ("n/a   ", "dim")
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
    console.print(Text(f"\n{len(drifts)} locked models checked: {broken} broken by provider drift",
                       style="red" if broken else "green"))
    return console.file.getvalue()
