"""Where a command's report goes: standard output or ``--output FILE`` (written atomically, tokens redacted), with
diagnostics and warnings on standard error."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from hfmigrate.errors import UsageError

if TYPE_CHECKING:
    from hfmigrate.findings import ScanResult


def check_output_folder(output: Path | None) -> None:
    """Say it before the work, not after: a report into a folder that does not exist cannot be written."""
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"cannot write report to {output}: folder {output.parent} does not exist")


def emit(text: str, output: Path | None) -> None:
    """``text`` on standard output, or into ``output``."""
    if output is None:
        sys.stdout.write(text)
    else:
        write_report(output, text)


def write_report(output: Path, text: str) -> None:
    from hfmigrate.report.streams import redact_known, write_atomically

    try:
        write_atomically(output, redact_known(text))
    except OSError as error:
        raise UsageError(f"cannot write report to {output}: {error.strerror}") from None


def warn(warnings: Iterable[str]) -> None:
    for warning in warnings:
        typer.echo(f"hfmigrate: warning: {warning}", err=True)


def emit_scan(result: ScanResult, output_format: str, output: Path | None, verbose: bool) -> None:
    """The scan report; with a machine format or ``--output``, the diagnostics the text report holds go to stderr."""
    from hfmigrate.report import render_scan

    text = render_scan(result, output_format, verbose=verbose, to_terminal=output is None and sys.stdout.isatty())
    if output is not None:
        write_report(output, text)
    elif text:
        sys.stdout.write(text)
    if output_format != "text" or output is not None:
        for diagnostic in result.diagnostics:
            if verbose or diagnostic.kind != "skipped":
                typer.echo(f"hfmigrate: {diagnostic}", err=True)
