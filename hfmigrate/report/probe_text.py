"""``hfmigrate probe`` for people: one rich table per model, then the verdict line; and the progress display.

Colours and the live progress appear on a terminal only; piped output is plain text, wide enough not to wrap URLs,
with no trailing padding. Below :data:`TABLE_WIDTH` columns (an 80-column terminal) each request is a small
block instead of a table row, wrapped at spaces only: words and reason codes are never split, and a URL longer
than the line breaks only after a ``/``, ``?`` or ``&``.
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hfmigrate.auth import redact
from hfmigrate.probe.results import ProbeReport, Result
from hfmigrate.report.wrapping import wrapped

_STYLE = {"ok": "green", "expected": "green", "warn": "yellow", "info": "cyan", "skipped": "dim", "fail": "bold red"}
_PLAIN_WIDTH = 180
TABLE_WIDTH = 160  # narrower than this, the six columns would split words and URLs: each request becomes a block


def render_text(
    report: ProbeReport, secrets: tuple[str, ...] = (), to_terminal: bool = False, width: int | None = None
) -> str:
    if report.no_network:
        return ""  # the command prints one line naming the hosts it could not reach; tables of errors add nothing
    buffer = io.StringIO()
    if width is None:
        width = shutil.get_terminal_size((_PLAIN_WIDTH, 24)).columns if to_terminal else _PLAIN_WIDTH
    console = Console(
        file=buffer,
        force_terminal=to_terminal,
        no_color=not to_terminal,
        width=width,
        highlight=False,
        soft_wrap=False,
    )
    console.print(_header(report) if width >= TABLE_WIDTH else wrapped(_header(report), width))
    for group, results in report.groups().items():
        verdict = report.model_verdicts.get(group)
        if width < TABLE_WIDTH:
            console.print()
        console.print(
            _table(group, results, verdict) if width >= TABLE_WIDTH else _blocks(group, results, verdict, width)
        )
    console.print(wrapped(Text(f"Verdict: {report.verdict}", style="bold"), width))
    return redact("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()), secrets)


def _blocks(group: str, results: list[Result], verdict: str | None, width: int) -> Text:
    """The narrow layout: per request, a heading line (endpoint, status, reason, provider, timing), then the
    request line, the diagnosis and the fix, each indented and wrapped at spaces."""
    sources = list(results[0].request.sources)
    where = f" (from {sources[0]}{f', +{len(sources) - 1} more' if len(sources) > 1 else ''})" if sources else ""
    out = wrapped(Text(f"{group}{where}", style="bold"), width)
    for result in results:
        ex, request = result.exchange, result.request
        status = str(ex.status) if ex.status is not None else ("—" if not ex.sent else "no answer")
        heading = Text.assemble(
            "  ", (request.kind, "bold"), f"  {status}  ", (result.reason, _STYLE.get(result.outcome, ""))
        )
        if result.provider:
            heading.append(f"  via {result.provider}")
        if ex.sent:
            heading.append(f"  {_ms(ex.ttfb_ms)} / {_ms(ex.total_ms)}", style="dim")
        out.append("\n")
        out.append_text(wrapped(heading, width, indent="      "))
        for line in (f"{request.method} {request.url}", *_details(result).splitlines()):
            out.append("\n")
            out.append_text(wrapped(Text("    " + line), width, indent="      "))
    if verdict:
        out.append("\n")
        out.append_text(wrapped(Text(verdict), width))
    return out


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
        short = name in ("status", "ttfb / total", "provider", "reason")  # codes and numbers: never split
        table.add_column(name, overflow="fold", no_wrap=short)
    for result in results:
        table.add_row(*_row(result))
    return table


def _row(result: Result) -> list[Text | str]:
    ex, request = result.exchange, result.request
    status = str(ex.status) if ex.status is not None else ("—" if not ex.sent else "no answer")
    timing = f"{_ms(ex.ttfb_ms)} / {_ms(ex.total_ms)}" if ex.sent else "—"
    reason = Text(result.reason, style=_STYLE.get(result.outcome, ""))
    return [
        f"{request.kind}\n{request.method} {request.url}",
        status,
        timing,
        result.provider or "",
        reason,
        _details(result),
    ]


def _details(result: Result) -> str:
    lines = [result.diagnosis]
    if result.fix:
        lines.append(f"→ {result.fix}")
    extra = []
    if result.request_id:
        extra.append(f"request id {result.request_id}")
    if result.exchange.retries:
        extra.append(
            f"{result.exchange.retries} retries (waited {', '.join(f'{w:g}' for w in result.exchange.retry_waits)} s)"
        )
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

    with Progress(
        SpinnerColumn(),
        TextColumn("probing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as bar:
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
