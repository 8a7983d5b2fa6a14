"""Turning ``check-models``' command-line options into engine inputs and runs, with one clear line for every bad value.

The command parses options, calls these, hands the report to a renderer and exits with the code they give.
Notes for the user (no ids found, lockfile written or not) go to ``say``, by default one line on stderr.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path

from hfmigrate.catalog import inputs
from hfmigrate.catalog.engine import check_models
from hfmigrate.catalog.lock import Drift, compare, lock_requests, read_lock, write_lock
from hfmigrate.catalog.types import CatalogOptions, CheckReport, ModelRequest
from hfmigrate.errors import UsageError

MODEL_FORMATS = ("text", "json", "yaml")
# Below this many models a run takes a moment; a progress bar would only flicker.
_PROGRESS_MIN_MODELS = 6

Say = Callable[[str], None]


def _to_stderr(message: str) -> None:
    print(f"hfmigrate: {message}", file=sys.stderr)


def output_format_of(output_format: str, as_json: bool) -> str:
    """The report format asked for (``--json`` wins); a UsageError when it is not one of MODEL_FORMATS."""
    output_format = "json" if as_json else output_format
    if output_format not in MODEL_FORMATS:
        raise UsageError(f"--format {output_format!r} is not one of {', '.join(MODEL_FORMATS)}")
    return output_format


def check_mode(
    *, offline: bool, refresh: bool, no_cache: bool, verify_lock: Path | None, lock: Path | None, gives_ids: bool
) -> None:
    """Refuse options that contradict each other, with the pair named."""
    if offline and (refresh or no_cache):
        raise UsageError(f"--offline and {'--refresh' if refresh else '--no-cache'} contradict each other")
    if verify_lock and (lock or gives_ids):
        raise UsageError("--verify-lock checks the ids in the lockfile; give no other ids and no --lock")


def catalog_options(
    *,
    max_age: str,
    refresh: bool,
    offline: bool,
    no_cache: bool,
    concurrency: int,
    alternatives: bool,
    hub_url: str | None,
    router_url: str | None,
    token: str | None,
    token_env: str | None,
    timeout: float,
    retries: int,
) -> CatalogOptions:
    """The engine's options from the command's; ``max_age`` is the ``--max-age`` text (3600, 30m, 2h, 1d)."""
    from hfmigrate.auth import token_from_options
    from hfmigrate.net import RetryPolicy, checked_hosts

    seconds = inputs.parse_duration(max_age)
    return CatalogOptions(
        hosts=checked_hosts(router_url=router_url, hub_url=hub_url),
        token=token_from_options(token, token_env),
        use_cache=not no_cache,
        max_age=seconds,
        refresh=refresh,
        offline=offline,
        concurrency=concurrency,
        alternatives=alternatives,
        timeout=timeout,
        retry=RetryPolicy(retries=retries),
    )


def model_requests(
    models: list[str],
    from_file: Path | None,
    from_code: Path | None,
    task: str | None,
    say: Say = _to_stderr,
) -> list[ModelRequest]:
    """The requests to check, from arguments, ``--from-file`` and ``--from-code``, one per (id, task)."""
    requests = inputs.from_arguments(models, task)
    if from_file:
        requests += inputs.from_file(from_file, task)
    if from_code:
        found = inputs.from_code(from_code, on_runtime=lambda sites: say(_runtime_note(sites)))
        if not found:
            # Not an error: a project with no literal ids left has nothing to check, and exits 0.
            say(f"no literal model ids found at legacy call sites under {from_code}")
        requests += found
    if not requests and not from_code:
        raise UsageError("no model ids: give ids as arguments, --from-file FILE or --from-code PATH")
    return inputs.merge(requests)


def _runtime_note(sites: list[tuple[str, int]]) -> str:
    shown = ", ".join(f"{path}:{line}" for path, line in sites[:5]) + (
        f" (+{len(sites) - 5} more)" if len(sites) > 5 else ""
    )
    many = len(sites) != 1
    return (
        f"{len(sites)} call site{'s' if many else ''} choose{'' if many else 's'} the model at run time and "
        f"cannot be checked: {shown}; check the ids {'they take' if many else 'it takes'} by name"
    )


def run_check(requests: list[ModelRequest], options: CatalogOptions) -> CheckReport:
    """Check the requests, with a transient progress bar on stderr for long runs on a terminal."""
    if len(requests) < _PROGRESS_MIN_MODELS or not sys.stderr.isatty():
        return check_models(requests, options)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as progress:
        bar = progress.add_task("checking models", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(bar, completed=done, total=total)

        return check_models(requests, dataclasses.replace(options, progress=advance))


def save_lock(path: Path, report: CheckReport, say: Say = _to_stderr) -> None:
    """Write the lockfile, unless some model could not be checked (a lock must not pin an unknown)."""
    if report.exit_code == 2:
        say(f"{path} not written: some models could not be checked")
        return
    write_lock(path, report)
    count = len(report.verdicts)
    say(f"wrote {path} ({count} model{'' if count == 1 else 's'})")


def verify_lock(path: Path, options: CatalogOptions) -> tuple[list[Drift], CheckReport]:
    """Check the lockfile's ids and tasks again; each locked model compared with today."""
    locked = read_lock(path)
    report = check_models(lock_requests(locked), options)
    return compare(locked, report), report


def drift_exit_code(drifts: list[Drift], report: CheckReport) -> int:
    """2 when a lookup failed, 1 when a locked model is no longer available, else 0."""
    if report.exit_code == 2:
        return 2
    return 1 if any(drift.broken for drift in drifts) else 0


def run_command(
    models: list[str] | None,
    *,
    from_file: Path | None,
    from_code: Path | None,
    task: str | None,
    output_format: str,
    as_json: bool,
    output: Path | None,
    lock: Path | None,
    verify_lock_file: Path | None,
    offline: bool,
    refresh: bool,
    no_cache: bool,
    max_age: str,
    concurrency: int,
    alternatives: bool,
    hub_url: str | None,
    router_url: str | None,
    token: str | None,
    token_env: str | None,
    timeout: float,
    retries: int,
) -> int:
    """``check-models``' command glue: options checked, the run (or the lockfile's re-check), the report out, the
    exit code back."""
    from hfmigrate.report import render_drift, render_models
    from hfmigrate.scan_command import error_line

    task = inputs.validate_task(task)
    output_format = output_format_of(output_format, as_json)
    gives_ids = bool(models or from_file or from_code)
    check_mode(
        offline=offline,
        refresh=refresh,
        no_cache=no_cache,
        verify_lock=verify_lock_file,
        lock=lock,
        gives_ids=gives_ids,
    )
    options = catalog_options(
        max_age=max_age,
        refresh=refresh,
        offline=offline,
        no_cache=no_cache,
        concurrency=concurrency,
        alternatives=alternatives,
        hub_url=hub_url,
        router_url=router_url,
        token=token,
        token_env=token_env,
        timeout=timeout,
        retries=retries,
    )
    to_terminal = output is None and sys.stdout.isatty()
    if verify_lock_file:
        drifts, report = verify_lock(verify_lock_file, options)
        _emit(render_drift(drifts, report, output_format, to_terminal=to_terminal), output)
        return drift_exit_code(drifts, report)
    report = run_check(model_requests(models or [], from_file, from_code, task), options)
    _emit(render_models(report, output_format, to_terminal=to_terminal), output)
    for verdict in report.failed:
        error_line(f"hfmigrate: error: {verdict.model}: {verdict.detail}")
    if lock:
        save_lock(lock, report)
    return report.exit_code


def _emit(text: str, output: Path | None) -> None:
    from hfmigrate.scan_command import write_report

    if output is None:
        sys.stdout.write(text)
    else:
        write_report(output, text)
