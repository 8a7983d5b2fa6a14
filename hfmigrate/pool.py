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

    workers = min(len(jobs), os.cpu_count() or 1)
    remaining = list(jobs)
    while remaining:
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(function, *job) for job in remaining]
                for future in futures:
                    result = future.result()
                    yield remaining.pop(0), result
        except BrokenProcessPool:
            job = remaining.pop(0)
            yield job, on_crash(job)
