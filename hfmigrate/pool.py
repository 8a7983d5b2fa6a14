"""Running one function over many files in worker processes, once there are enough of them to pay for it.

Used by scan (parse and check) and rewrite (parse, plan, apply, verify). Results come back in job order. Every
job is guarded (:func:`guarded`): an exception in one file becomes a :class:`JobFailed` for that file, and every
other job still runs. A libcst stack overflow on pathological input kills the process that hits it; in a worker
it costs one file, not the run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from hfmigrate.auth import redact
from hfmigrate.errors import HfMigrateError

PARALLEL_THRESHOLD = 24  # below this many jobs, starting workers (each importing libcst) costs more than it saves
# ... unless they hold this much text: a few large modules (smolagents' 8 candidates, 250 KB: 1.2 s in one process,
# 0.9 s in two) take longer than the workers' start, which both cores pay at once
PARALLEL_BYTES = 64 * 1024


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


def guarded(function: Callable[..., Any], *args: Any, retry_deep: bool = True) -> Any:
    """``function(*args)``, or a :class:`JobFailed` when it raises (``HFMIGRATE_DEBUG=1`` lets it raise).

    Code CPython accepts can still nest too deeply for the recursion limit of the libcst visitors (calls 140 deep,
    a 2,000-arm conditional chain). Such a job is run once more with room for :data:`DEEP_FRAMES` frames on a
    thread of its own with a large stack (``retry_deep``; only for functions without side effects).
    """
    try:
        try:
            return function(*args)
        except RecursionError:
            if not retry_deep:
                raise
        return _with_deep_stack(function, *args)
    except RecursionError:
        if os.environ.get("HFMIGRATE_DEBUG"):
            raise
        return JobFailed("RecursionError", too_deep=True)
    except HfMigrateError as error:
        return JobFailed(redact(str(error)), expected=True)
    except Exception as error:
        if os.environ.get("HFMIGRATE_DEBUG"):
            raise
        return JobFailed(redact(f"{type(error).__name__}: {error}".split("\n")[0]))


DEEP_FRAMES = 50_000
_DEEP_STACK_BYTES = 512 * 1024 * 1024  # reserved, not committed: ~10 KB per frame, far more than a frame takes


def _with_deep_stack(function: Callable[..., Any], *args: Any) -> Any:
    import threading

    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as error:
            outcome["error"] = error

    limit = sys.getrecursionlimit()
    try:
        previous_stack = threading.stack_size(_DEEP_STACK_BYTES)
    except (ValueError, RuntimeError):  # a platform that cannot size thread stacks: no second try
        raise RecursionError("maximum recursion depth exceeded") from None
    try:
        sys.setrecursionlimit(DEEP_FRAMES)
        thread = threading.Thread(target=run, name="hfmigrate-deep", daemon=True)
        try:
            thread.start()
        except RuntimeError:  # no memory for such a stack: the file stays too deep
            raise RecursionError("maximum recursion depth exceeded") from None
        thread.join()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(previous_stack)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def map_jobs(
    function: Callable[..., Any],
    jobs: list[tuple],
    on_crash: Callable[[tuple], Any],
    *,
    in_workers: bool | None = None,
) -> Generator[tuple[tuple, Any], None, None]:
    """Yield ``(job, guarded(function, *job))`` for each job, in order; ``on_crash(job)`` stands in for a dead worker.

    After a crash the first unfinished job is blamed (it may have been a neighbour in flight); the rest are
    retried in a fresh pool. ``in_workers``: whether to start workers (None: when the jobs are worth it).
    """
    if not jobs or not (_worth_workers(jobs) if in_workers is None else in_workers):
        for job in jobs:
            yield job, guarded(function, *job)
        return
    from concurrent.futures.process import BrokenProcessPool  # here: multiprocessing costs 20 ms of start-up

    from hfmigrate.interrupts import deferred

    workers = min(len(jobs), os.cpu_count() or 1)
    remaining = list(jobs)
    while remaining:
        pool = _new_pool(workers)
        try:
            with deferred():  # workers are forked here; a signal raised inside an at-fork hook would be lost
                futures = [pool.submit(guarded, function, *job) for job in remaining]
            for future in futures:
                result = future.result()
                yield remaining.pop(0), result
        except BrokenProcessPool:
            job = remaining.pop(0)
            yield job, on_crash(job)
        except BaseException:  # an interrupt, or the consumer stopped: do not wait for the jobs still queued
            _stop_now(pool)
            raise
        pool.shutdown(wait=True)


class JobStream:
    """Jobs handed to worker processes as the caller finds them, so that the workers' start (each imports libcst
    with its first job) overlaps the caller's walk of a large tree instead of following it. Forked workers cost
    nothing until they get a job: a tree with one module to parse pays for one import, as in one process.

    :meth:`results` yields ``(job, guarded(function, *job))`` in the order submitted, as :func:`map_jobs` does;
    after a crash the first unfinished job is blamed and the rest go through :func:`map_jobs`. Close the stream on
    every path (``contextlib.closing``): an interrupt then stops the workers at once.
    """

    def __init__(self, function: Callable[..., Any], on_crash: Callable[[tuple], Any]):
        self._function, self._on_crash = function, on_crash
        self._jobs: list[tuple] = []
        self._futures: list[Any] = []
        self._pool: Any = None

    def append(self, job: tuple) -> None:
        from hfmigrate.interrupts import deferred

        with deferred():  # the first job forks the workers; a signal raised inside an at-fork hook would be lost
            if self._pool is None:
                self._pool = _new_pool(min(os.cpu_count() or 1, STREAM_WORKERS))
            self._futures.append(self._pool.submit(guarded, self._function, *job))
        self._jobs.append(job)

    def __len__(self) -> int:
        return len(self._jobs)

    def results(self) -> Generator[tuple[tuple, Any], None, None]:
        from concurrent.futures.process import BrokenProcessPool

        for index, future in enumerate(self._futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                self.close()
                yield self._jobs[index], self._on_crash(self._jobs[index])
                yield from map_jobs(self._function, self._jobs[index + 1 :], self._on_crash, in_workers=True)
                return
            yield self._jobs[index], result
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def close(self) -> None:
        """Stop the workers now, dropping what has not run (after :meth:`results` ran out there is nothing left)."""
        if self._pool is not None:
            _stop_now(self._pool)
            self._pool = None


STREAM_WORKERS = 4  # forked before the number of jobs is known


def _new_pool(workers: int) -> Any:
    from concurrent.futures import ProcessPoolExecutor

    from hfmigrate.interrupts import ignore_in_worker

    return ProcessPoolExecutor(max_workers=workers, initializer=ignore_in_worker)


def _worth_workers(jobs: list[tuple]) -> bool:
    """Many jobs, or at least two holding much text (a job's text is its longest ``str`` or ``bytes`` part: a
    rewrite job carries a module's bytes and its decoded text)."""
    if len(jobs) > PARALLEL_THRESHOLD:
        return True
    size = sum(max((len(part) for part in job if isinstance(part, (str, bytes))), default=0) for job in jobs)
    return len(jobs) > 1 and size >= PARALLEL_BYTES


def _stop_now(pool) -> None:
    """Cancel what has not started and end the workers now (shutdown alone would let each finish its file)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(timeout=1)
    # Let the pool's manager thread finish closing its wake-up pipe before the interpreter exits: the exit hook of
    # concurrent.futures.process (3.11's ``_python_exit``) writes to that pipe without the pool's lock, and a close
    # racing with it printed "Exception ignored ... Bad file descriptor" after the one-line interrupt message
    # (seen once in CI under load, in tests/test_interrupts.py).
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(timeout=1)
