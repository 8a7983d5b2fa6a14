"""Human output for ``hfmigrate scan``, grouped by file like ruff's ``grouped`` format.

Every piece of finding text goes into rich ``Text`` objects, never markup strings: a message quoting code such
as ``[bold]`` or ``:smile:`` must print as written. Colour appears only when writing to a terminal.
"""

from __future__ import annotations

import shutil
from io import StringIO
from itertools import groupby
from typing import TYPE_CHECKING

from hfmigrate.findings import Diagnostic, DiagnosticKind, Finding, ScanResult
from hfmigrate.report._shared import clean, fixable_count, ordered, plural, skipped, skipped_count, summary_of
from hfmigrate.report.captured import printed

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_DIAGNOSTIC_STYLE = {DiagnosticKind.ERROR: "red", DiagnosticKind.DOWNGRADED: "yellow", DiagnosticKind.SKIPPED: "dim"}


def render(result: ScanResult, *, verbose: bool = False, to_terminal: bool = False) -> str:
    if not result.findings and not to_terminal:
        return _plain_clean_report(result, verbose)
    console = _console(to_terminal)
    if result.findings:
        _print_findings(console, result.findings)
        _print_summary(console, result)
    else:
        console.print(f"No legacy Inference API usage found in {plural(result.files_scanned, 'file')}.")
    _print_diagnostics(console, result, verbose)
    return printed(console)


def _plain_clean_report(result: ScanResult, verbose: bool) -> str:
    """The same text as below for a clean run off a terminal (pre-commit's usual case), without importing rich:
    there is nothing to style, and rich costs about a tenth of the start-up time."""
    lines = [f"No legacy Inference API usage found in {plural(result.files_scanned, 'file')}."]
    lines += [
        f"hfmigrate: {clean(str(d))}" for d in result.diagnostics if verbose or d.kind is not DiagnosticKind.SKIPPED
    ]
    hidden = skipped_count(result) - (len(skipped(result)) if verbose else 0)
    if hidden > 0:
        lines.append(f"{plural(hidden, 'file')} skipped{'' if verbose else '; use --verbose to see why'}.")
    return "".join(line + "\n" for line in lines)


def _console(to_terminal: bool) -> Console:
    from rich.console import Console

    # soft_wrap keeps long URLs on one line, so they stay copyable and redaction never meets a wrapped token
    width = shutil.get_terminal_size().columns if to_terminal else 100
    return Console(
        file=StringIO(),
        force_terminal=to_terminal,
        color_system="auto" if to_terminal else None,
        width=width,
        soft_wrap=True,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def _print_findings(console: Console, findings: list[Finding]) -> None:
    from rich.text import Text

    for path, in_file in groupby(ordered(findings), key=lambda f: f.path):
        group = list(in_file)
        lines = [Text.assemble((clean(path), "bold"), (f"  ({plural(len(group), 'finding')})", "dim"))]
        for finding in group:
            lines.append(_row(finding))
            if finding.replacement:
                lines.append(Text.assemble("      → ", (clean(finding.replacement), "green")))
        # one print per file: rich spends about 0.25 ms in each call, 5 s for a file of 10,000 findings
        console.print(Text("\n").join(lines))
        console.print()


def _row(finding: Finding) -> Text:
    from rich.text import Text

    # the full path:line:col (path:cell N:line:col in notebooks) lets terminals and editors jump to it
    row = Text.assemble("  ", (clean(finding.location), "cyan"), "  ", (finding.code, "bold red"), " ")
    if finding.fixable:
        row.append("[*] ", style="bold green")
    row.append(clean(finding.message))
    if finding.marker:
        row.append("  (marker left by rewrite)", style="dim")
    return row


def _print_summary(console: Console, result: ScanResult) -> None:
    from rich.text import Text

    console.print(
        Text(
            f"Found {plural(len(result.findings), 'finding')} in {plural(result.files_with_findings, 'file')} "
            f"({plural(result.files_scanned, 'file')} scanned).",
            style="bold",
        )
    )
    for code, count in result.counts_by_code().items():
        console.print(Text.assemble("  ", (code, "bold red"), f"  {count:>4}  ", summary_of(code)))
    fixable = fixable_count(result)
    if fixable:
        console.print(Text.assemble(("[*] ", "bold green"), f"{fixable} fixable with `hfmigrate rewrite`."))


def _print_diagnostics(console: Console, result: ScanResult, verbose: bool) -> None:
    from rich.text import Text

    shown = [d for d in result.diagnostics if verbose or d.kind is not DiagnosticKind.SKIPPED]
    for diagnostic in shown:
        console.print(_diagnostic_line(diagnostic))
    hidden = skipped_count(result) - (len(skipped(result)) if verbose else 0)
    if hidden > 0:
        why = "" if verbose else "; use --verbose to see why"
        console.print(Text(f"{plural(hidden, 'file')} skipped{why}.", style="dim"))


def _diagnostic_line(diagnostic: Diagnostic) -> Text:
    from rich.text import Text

    return Text(f"hfmigrate: {clean(str(diagnostic))}", style=_DIAGNOSTIC_STYLE.get(diagnostic.kind, ""))
