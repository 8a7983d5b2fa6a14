"""The command line: parse options, call an engine, hand the result to a renderer. No logic lives here.

Exit codes, for every command: 0 clean, 1 findings / pending changes / unavailable models, 2 usage or tool error.
Engines and renderers are imported inside the commands so that start-up stays light for pre-commit.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from hfmigrate import __version__
from hfmigrate.errors import HfMigrateError, UsageError

app = typer.Typer(
    name="hfmigrate",
    help="Find and migrate code that still calls the retired Hugging Face Inference API host.\n\n"
    "Exit codes: 0 clean, 1 findings or changes, 2 usage or tool error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hfmigrate {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    pass


def _exit(code: int) -> None:
    raise typer.Exit(code)


# --- scan ------------------------------------------------------------------------------------------------------

FORMATS = ("text", "json", "sarif", "github")


@app.command()
def scan(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to scan.")] = None,  # type: ignore[assignment]
    output_format: Annotated[str, typer.Option("--format", help="text, json, sarif or github.")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    select: Annotated[Optional[str], typer.Option(help="Comma-separated rule codes or prefixes to report.")] = None,
    ignore: Annotated[Optional[str], typer.Option(help="Comma-separated rule codes or prefixes to skip.")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option(help="Glob of paths to skip (repeatable).")] = None,
    include: Annotated[Optional[list[str]], typer.Option(help="Glob of paths to scan even if excluded (repeatable).")] = None,
    config: Annotated[Optional[Path], typer.Option(help="Config file (pyproject.toml or .hfmigrate.yaml).")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say which files were skipped and why.")] = False,
    no_gitignore: Annotated[bool, typer.Option("--no-gitignore", help="Do not honour .gitignore files.")] = False,
) -> None:
    """Find every legacy Inference API usage. Exit 1 when there are findings (the CI gate)."""
    from hfmigrate.config import load_settings
    from hfmigrate.scan import scan_paths

    if output_format not in FORMATS:
        raise UsageError(f"--format {output_format!r} is not one of {', '.join(FORMATS)}")
    settings = load_settings(
        paths or [Path(".")], config_file=config, select=select, ignore=ignore, exclude=exclude, include=include,
        gitignore=not no_gitignore,
    )
    result = scan_paths(paths or [Path(".")], settings)
    _render_scan(result, output_format, output, verbose)
    _exit(0 if exit_zero or not result.findings else 1)


def _render_scan(result, output_format: str, output: Optional[Path], verbose: bool) -> None:
    from hfmigrate.report import render_scan

    text = render_scan(result, output_format, verbose=verbose, to_terminal=output is None and sys.stdout.isatty())
    if output is None:
        if text:
            sys.stdout.write(text)
    else:
        _write_report(output, text)
    if output_format != "text" or output is not None:
        for diagnostic in result.diagnostics:
            if verbose or diagnostic.kind != "skipped":
                typer.echo(f"hfmigrate: {diagnostic}", err=True)


def _write_report(output: Path, text: str) -> None:
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write report to {output}: {error.strerror}") from None


# --- rules -----------------------------------------------------------------------------------------------------


@app.command()
def rules(code: Annotated[Optional[str], typer.Argument(help="A rule code such as HFM101.")] = None) -> None:
    """List every rule, or explain one with a before/after example."""
    from hfmigrate.report.rules import render_rule, render_rule_table

    if code is None:
        typer.echo(render_rule_table(), nl=False)
        return
    typer.echo(render_rule(code), nl=False)


# --- rewrite ---------------------------------------------------------------------------------------------------
# (filled in by the rewrite engine)

# --- probe -----------------------------------------------------------------------------------------------------
# PROBE-COMMAND-BEGIN
# PROBE-COMMAND-END

# --- check-models ----------------------------------------------------------------------------------------------
# CHECK-MODELS-COMMAND-BEGIN
# CHECK-MODELS-COMMAND-END


def main() -> None:
    """Entry point: user errors become one line on stderr and exit 2; nothing shows a traceback by default."""
    try:
        app()
    except HfMigrateError as error:
        typer.echo(f"hfmigrate: error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("hfmigrate: interrupted", err=True)
        sys.exit(2)
    except Exception as error:  # noqa: BLE001 - a bug; say so in one line
        if os.environ.get("HFMIGRATE_DEBUG"):
            raise
        from hfmigrate.auth import redact

        typer.echo(
            f"hfmigrate: internal error: {type(error).__name__}: {redact(str(error))} "
            "(set HFMIGRATE_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(2)
