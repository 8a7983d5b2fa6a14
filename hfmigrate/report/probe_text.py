"""``hfmigrate probe`` for people: one rich table per model, then the verdict line; and the progress display.

Colours and the live progress appear on a terminal only; piped output is plain text, wide enough not to wrap URLs.
"""

from __future__ import annotations

import io
import shutil
import sys
from contextlib import contextmanager
from typing import Iterator

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hfmigrate.auth import redact
from hfmigrate.probe.results import ProbeReport, Result

_STYLE = {"ok": "green", "expected": "green", "warn": "yellow", "info": "cyan", "skipped": "dim", "fail": "bold red"}
_PLAIN_WIDTH = 180


def render_text(report: ProbeReport, secrets: tuple[str, ...] = (), to_terminal: bool = False, width: int | None = None) -> str:
    buffer = io.StringIO()
    if width is None:
        width = shutil.get_terminal_size((_PLAIN_WIDTH, 24)).columns if to_terminal else _PLAIN_WIDTH
    console = Console(
        file=buffer, force_terminal=to_terminal, no_color=not to_terminal, width=width,
        highlight=False, soft_wrap=False,
    )
    console.print(_header(report))
    for group, results in report.groups().items():
        console.print(_table(group, results, report.model_verdicts.get(group)))
    console.print(Text(f"Verdict: {report.verdict}", style="bold"))
    return redact(buffer.getvalue(), secrets)


def _header(report: ProbeReport) -> Text:
    token = f"token from {report.token_source}" if report.token_source else "no token"
    hosts = report.hosts
    sent = sum(1 for r in report.results if r.exchange.sent)
    return Text(
        f"hfmigrate probe · {token} · router {hosts.router} · legacy {hosts.legacy} · hub {hosts.hub}\n"
        f"{sent} requests in {report.elapsed_ms:.0f} ms",
        style="dim",
    )


def _table(group: str, results: list[Result], verdict: str | None) -> Table:
    sources = [s for s in results[0].request.sources]
    where = f"  (from {sources[0]}{f', +{len(sources) - 1} more' if len(sources) > 1 else ''})" if sources else ""
    table = Table(title=f"{group}{where}", title_justify="left", caption=verdict, caption_justify="left", expand=False)
    for name in ("endpoint", "status", "ttfb / total", "provider", "reason", "diagnosis → fix"):
        table.add_column(name, overflow="fold")
    for result in results:
        table.add_row(*_row(result))
    return table


def _row(result: Result) -> list[Text | str]:
    ex, request = result.exchange, result.request
    status = str(ex.status) if ex.status is not None else ("—" if not ex.sent else "no answer")
    timing = f"{_ms(ex.ttfb_ms)} / {_ms(ex.total_ms)}" if ex.sent else "—"
    reason = Text(result.reason, style=_STYLE.get(result.outcome, ""))
    return [f"{request.kind}\n{request.method} {request.url}", status, timing, result.provider or "", reason, _details(result)]


def _details(result: Result) -> str:
    lines = [result.diagnosis]
    if result.fix:
        lines.append(f"→ {result.fix}")
    extra = []
    if result.request_id:
        extra.append(f"request id {result.request_id}")
    if result.exchange.retries:
        extra.append(f"{result.exchange.retries} retries (waited {', '.join(f'{w:g}' for w in result.exchange.retry_waits)} s)")
    if result.rate_limit:
        extra.append("; ".join(f"{k}: {v}" for k, v in sorted(result.rate_limit.items())))
    if extra:
        lines.append(" · ".join(extra))
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


@contextmanager
def progress(enabled: bool | None = None) -> Iterator:
    """A spinner with finished / started requests, on stderr when it is a terminal; ``None`` otherwise.

    Yields the ``on_event`` hook for the engine. The total grows as requests start (they all start at once).
    """
    console = Console(file=sys.stderr)
    if not (console.is_terminal if enabled is None else enabled):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("probing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=console, transient=True) as bar:
        task = bar.add_task("", total=0)
        started = 0

        def on_event(event: str, request) -> None:
            nonlocal started
            if event == "start":
                started += 1
                bar.update(task, total=started, description=request.kind)
            else:
                bar.advance(task)

        yield on_event
