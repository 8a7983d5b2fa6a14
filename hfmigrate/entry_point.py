"""The process around the command line: every output passes through the token redaction, Ctrl-C and SIGTERM end
the run with a short report, and errors become one line on stderr (exit 2), never a traceback by default."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import typer

from hfmigrate.errors import HfMigrateError


def run(app: typer.Typer) -> None:
    """Run ``app`` on ``sys.argv`` with redacting streams and signal handling in place."""
    from hfmigrate import interrupts
    from hfmigrate.report import streams

    saved = streams.install(sys.argv[1:])
    interrupts.install()
    try:
        _run(app)
    except interrupts.Interrupted as interrupt:
        _interrupted(interrupt.name, interrupt.exit_code)
    except KeyboardInterrupt:  # raised before the handler was in place, or by code that raises it itself
        _interrupted("SIGINT", 130)
    finally:
        interrupts.restore()
        streams.uninstall(saved)


def _interrupted(signal_name: str, code: int) -> NoReturn:
    from hfmigrate.report.progress_display import interrupted_report

    sys.stderr.write(interrupted_report(signal_name))
    sys.exit(code)


def _run(app: typer.Typer) -> None:
    """User errors become one line on stderr (any token in it redacted) and exit 2; no traceback by default."""
    from hfmigrate.auth import redact

    try:
        code = app(standalone_mode=False, prog_name="hfmigrate")
    except HfMigrateError as error:
        typer.echo(f"hfmigrate: error: {redact(str(error))}", err=True)
        sys.exit(error.exit_code)
    except Exception as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # plain `hfmigrate`: the help is already printed
            sys.exit(2)
        if _is_usage_error(error):
            _usage_error(error)
        if type(error).__name__ == "Abort":  # Ctrl-C, as the option parser reports it
            _interrupted("SIGINT", 130)
        if os.environ.get("HFMIGRATE_DEBUG"):
            raise
        typer.echo(
            f"hfmigrate: internal error: {type(error).__name__}: {redact(str(error))} "
            "(set HFMIGRATE_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def _is_usage_error(error: Exception) -> bool:
    """The option parser's errors (typer vendors click privately, so they are recognised by what they offer)."""
    return hasattr(error, "format_message") and isinstance(getattr(error, "exit_code", None), int)


def _usage_error(error) -> NoReturn:
    """One line instead of a boxed message: what is wrong, and where to look."""
    from hfmigrate.auth import redact

    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "hfmigrate"
    message = redact(" ".join(error.format_message().split()))
    typer.echo(f"hfmigrate: error: {message} (see `{command} --help`)", err=True)
    sys.exit(error.exit_code)
