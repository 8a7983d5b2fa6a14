"""The console script: a plain ``scan`` starts at once (:mod:`hfmigrate.scan_command`); everything else goes to
the typer application in :mod:`hfmigrate.cli`.

Both roads pass through :func:`guarded`: output redaction of tokens given on the command line, SIGINT/SIGTERM as
exit codes 130/143, and one line instead of a traceback for user errors (exit 2) and internal errors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from hfmigrate.errors import HfMigrateError


def main() -> None:
    request = _fast_scan_request(sys.argv[1:])
    if request is None:
        from hfmigrate.cli import main as full

        full()
        return
    guarded(lambda: _scan(request))


def _fast_scan_request(argv: list[str]):
    from hfmigrate.scan_command import fast_request

    return fast_request(argv)


def _scan(request) -> None:
    from hfmigrate.scan_command import run_scan

    try:
        code = run_scan(**request)
    except HfMigrateError as error:
        fail(error)
    except Exception as error:
        internal_error(error)
    sys.exit(code)


def guarded(body: Callable[[], None]) -> None:
    """Run ``body`` with every output passing through the token redaction and signals turned into exit codes."""
    from hfmigrate import interrupts
    from hfmigrate.report import streams

    saved = streams.install(sys.argv[1:])
    interrupts.install()
    try:
        body()
    except interrupts.Interrupted as interrupt:
        interrupted(interrupt.name, interrupt.exit_code)
    except KeyboardInterrupt:  # raised before the handler was in place, or by code that raises it itself
        interrupted("SIGINT", 130)
    finally:
        interrupts.restore()
        streams.uninstall(saved)


def interrupted(signal_name: str, code: int) -> None:
    from hfmigrate.report.progress_display import interrupted_report

    sys.stderr.write(interrupted_report(signal_name))
    sys.exit(code)


def fail(error: HfMigrateError) -> None:
    """A user error: one line, any token in it redacted, and the error's exit code."""
    from hfmigrate.auth import redact
    from hfmigrate.scan_command import error_line

    error_line(f"hfmigrate: error: {redact(str(error))}")
    sys.exit(error.exit_code)


def internal_error(error: Exception) -> None:
    """A bug: one line asking for a report (``HFMIGRATE_DEBUG=1`` shows the traceback instead); exit 2."""
    from hfmigrate.auth import redact
    from hfmigrate.scan_command import error_line

    if os.environ.get("HFMIGRATE_DEBUG"):
        raise error
    error_line(
        f"hfmigrate: internal error: {type(error).__name__}: {redact(str(error))} "
        "(set HFMIGRATE_DEBUG=1 for the traceback, and please report it)"
    )
    sys.exit(2)


def is_usage_error(error: Exception) -> bool:
    """The option parser's errors (typer vendors click privately, so they are recognised by what they offer)."""
    return hasattr(error, "format_message") and isinstance(getattr(error, "exit_code", None), int)


def usage_error(error) -> None:
    """One line instead of a boxed message: what is wrong, and where to look."""
    from hfmigrate.auth import redact
    from hfmigrate.scan_command import error_line

    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "hfmigrate"
    message = redact(" ".join(error.format_message().split()))
    error_line(f"hfmigrate: error: {message} (see `{command} --help`)")
    sys.exit(error.exit_code)
