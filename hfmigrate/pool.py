"""Running one function over many files in worker processes, once there are enough of them to pay for it.

Used by scan (parse and check) and rewrite (parse, plan, apply). Results come back in job order. A libcst stack
overflow on pathological input kills the process that hits it; in a worker it costs one file, not the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

PARALLEL_THRESHOLD = 24  # below this many jobs, starting workers (each importing libcst) costs more than it saves


def map_jobs(function: Callable[..., Any], jobs: list[tuple], on_crash: Callable[[tuple], Any]) -> Iterator[tuple[tuple, Any]]:
    """Yield ``(job, function(*job))`` for each job, in order; ``on_crash(job)`` stands in when a worker died.

    After a crash the first unfinished job is blamed (it may have been a neighbour in flight); the rest are
    retried in a fresh pool.
    """
    if len(jobs) <= PARALLEL_THRESHOLD:
        for job in jobs:
            yield job, function(*job)
        return
    from concurrent.futures import ProcessPoolExecutor  # imported here: multiprocessing costs 20 ms of start-up
    from concurrent.futures.process import BrokenProcessPool

    from hfmigrate.interrupts import deferred, ignore_in_worker

    workers = min(len(jobs), os.cpu_count() or 1)
    remaining = list(jobs)
    while remaining:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=ignore_in_worker)
        try:
            with deferred():  # workers are forked here; a signal raised inside an at-fork hook would be lost
                futures = [pool.submit(function, *job) for job in remaining]
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


def _stop_now(pool) -> None:
    """Cancel what has not started and end the workers now (shutdown alone would let each finish its file)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(timeout=1)
