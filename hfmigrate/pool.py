"""Running one function over many files in worker processes, once there are enough of them to pay for it.

Used by scan (parse and check) and rewrite (parse, plan, apply, verify). Results come back in job order. Every
job is guarded (:func:`guarded`): an exception in one file becomes a :class:`JobFailed` for that file, and every
other job still runs. A libcst stack overflow on pathological input kills the process that hits it; in a worker
it costs one file, not the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from hfmigrate.auth import redact
from hfmigrate.errors import HfMigrateError

PARALLEL_THRESHOLD = 24  # below this many jobs, starting workers (each importing libcst) costs more than it saves


@dataclass(frozen=True)
class JobFailed:
    """A job that raised. ``too_deep``: Python's recursion limit, i.e. code nested too deeply for the parser."""

    error: str  # "ValueError: message", token-free
    too_deep: bool = False
    expected: bool = False  # an HfMigrateError: its message is already the line to show

    def describe(self, display: str) -> str:
        if self.too_deep:
            return "too deeply nested for the parser"
        if self.expected:
            return self.error
        return f"internal error in {display}: {self.error}, please report it (HFMIGRATE_DEBUG=1 shows the traceback)"


def guarded(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)``, or a :class:`JobFailed` when it raises (``HFMIGRATE_DEBUG=1`` lets it raise)."""
    try:
        return function(*args)
    except RecursionError:
        if os.environ.get("HFMIGRATE_DEBUG"):
            raise
        return JobFailed("RecursionError", too_deep=True)
    except HfMigrateError as error:
        return JobFailed(redact(str(error)), expected=True)
    except Exception as error:  # noqa: BLE001 - MemoryError too: one file's failure must not end the run
        if os.environ.get("HFMIGRATE_DEBUG"):
            raise
        return JobFailed(redact(f"{type(error).__name__}: {error}".split("\n")[0]))


def map_jobs(function: Callable[..., Any], jobs: list[tuple], on_crash: Callable[[tuple], Any]) -> Iterator[tuple[tuple, Any]]:
    """Yield ``(job, guarded(function, *job))`` for each job, in order; ``on_crash(job)`` stands in for a dead worker.

    After a crash the first unfinished job is blamed (it may have been a neighbour in flight); the rest are
    retried in a fresh pool.
    """
    if len(jobs) <= PARALLEL_THRESHOLD:
        for job in jobs:
            yield job, guarded(function, *job)
        return
    from concurrent.futures import ProcessPoolExecutor  # imported here: multiprocessing costs 20 ms of start-up
    from concurrent.futures.process import BrokenProcessPool

    workers = min(len(jobs), os.cpu_count() or 1)
    remaining = list(jobs)
    while remaining:
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(guarded, function, *job) for job in remaining]
                for future in futures:
                    result = future.result()
                    yield remaining.pop(0), result
        except BrokenProcessPool:
            job = remaining.pop(0)
            yield job, on_crash(job)
