"""The body of ``hfmigrate scan``, free of the option framework, and the start that skips it when it can.

``cli.scan`` (typer) parses the options and calls :func:`run_scan`. The pre-commit case (``hfmigrate scan FILE``,
once per commit) would pay more for importing typer than for the scan of a clean file, so :func:`fast_request`
recognises the plain spellings of scan's options (``--format json``, ``--format=json``, ``-o FILE``, flags,
paths) and :mod:`hfmigrate.entry` runs :func:`run_scan` straight away. Anything else (``--help``, an unknown or
abbreviated option, a value that starts with ``-``, a missing value) goes to typer, which says what is wrong.
Both roads run this same body, so output and exit codes are the same.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hfmigrate.errors import UsageError

FORMATS = ("text", "json", "sarif", "github")

_FLAGS = {"--exit-zero": "exit_zero", "--verbose": "verbose", "-v": "verbose", "--no-gitignore": "no_gitignore"}
_PATH_VALUES = {"--output": "output", "-o": "output", "--config": "config"}
_TEXT_VALUES = {"--format": "output_format", "--select": "select", "--ignore": "ignore"}
_REPEATED = {"--exclude": "exclude", "--include": "include"}


def run_scan(
    paths: list[Path] | None,
    output_format: str = "text",
    output: Path | None = None,
    select: str | None = None,
    ignore: str | None = None,
    exclude: list[str] | None = None,
    include: list[str] | None = None,
    config: Path | None = None,
    exit_zero: bool = False,
    verbose: bool = False,
    no_gitignore: bool = False,
) -> int:
    """Scan, render, and return the exit code; a usage problem raises :class:`~hfmigrate.errors.UsageError`."""
    from hfmigrate.config import load_settings
    from hfmigrate.scan import scan_paths

    if output_format not in FORMATS:
        raise UsageError(f"--format {output_format!r} is not one of {', '.join(FORMATS)}")
    check_output_folder(output)
    settings = load_settings(
        paths or [Path(".")],
        config_file=config,
        select=select,
        ignore=ignore,
        exclude=exclude,
        include=include,
        gitignore=not no_gitignore,
    )
    warn(settings.warnings)
    with progress(enabled=output_format == "text") as shown:
        result = scan_paths(paths or [Path(".")], settings, shown)
    render_scan(result, output_format, output, verbose)
    return result.exit_code(exit_zero)


def fast_request(argv: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of :func:`run_scan` for a ``scan`` command line in its plain spellings, else None."""
    if not argv or argv[0] != "scan":
        return None
    request: dict[str, Any] = {"paths": []}
    tokens = iter(argv[1:])
    for token in tokens:
        name, equals, attached = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in _FLAGS and not equals:
            request[_FLAGS[name]] = True
            continue
        if name not in _PATH_VALUES and name not in _TEXT_VALUES and name not in _REPEATED:
            if not token or token.startswith("-"):
                return None  # --help, --, an option typer knows and this does not, or one it must reject
            request["paths"].append(Path(token))
            continue
        value = attached if equals else next(tokens, None)
        if not value or value.startswith("-"):
            return None  # typer decides what a missing or dash-led value means
        if name in _REPEATED:
            request.setdefault(_REPEATED[name], []).append(value)
        elif name in _PATH_VALUES:
            request[_PATH_VALUES[name]] = Path(value)
        else:
            request[_TEXT_VALUES[name]] = value
    return request


def render_scan(result, output_format: str, output: Path | None, verbose: bool) -> None:
    from hfmigrate.findings import DiagnosticKind
    from hfmigrate.report import render_scan as render

    text = render(result, output_format, verbose=verbose, to_terminal=output is None and sys.stdout.isatty())
    if output is None:
        if text:
            sys.stdout.write(text)
    else:
        write_report(output, text)
    if output_format != "text" or output is not None:
        for diagnostic in result.diagnostics:
            if verbose or diagnostic.kind is not DiagnosticKind.SKIPPED:
                error_line(f"hfmigrate: {diagnostic}")


def progress(enabled: bool):
    from hfmigrate.report.progress_display import start_run

    return start_run(enabled)


def warn(warnings) -> None:
    for warning in warnings:
        error_line(f"hfmigrate: warning: {warning}")


def error_line(text: str) -> None:
    """One line on stderr, as ``typer.echo(text, err=True)`` writes it."""
    stream = sys.stderr
    stream.write(text + "\n")
    stream.flush()


def check_output_folder(output: Path | None) -> None:
    """Say it before the work, not after: a report into a folder that does not exist cannot be written."""
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"cannot write report to {output}: folder {output.parent} does not exist")


def write_report(output: Path, text: str) -> None:
    from hfmigrate.report.streams import redact_known, write_atomically

    try:
        write_atomically(output, redact_known(text))
    except OSError as error:
        raise UsageError(f"cannot write report to {output}: {error.strerror}") from None
