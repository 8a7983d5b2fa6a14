"""The worker pool's guard: a job that raises costs one outcome for that job, never the run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from hfmigrate.errors import RewriteError
from hfmigrate.pool import DEEP_FRAMES, PARALLEL_BYTES, PARALLEL_THRESHOLD, JobFailed, JobStream, guarded, map_jobs


def nested(depth: int) -> int:
    return 0 if depth == 0 else 1 + nested(depth - 1)


def boom(value: str) -> None:
    raise ValueError(f"bad value {value}\nsecond line")


def test_a_job_deeper_than_the_recursion_limit_runs_again_with_a_deep_stack():
    depth = sys.getrecursionlimit() * 5
    with pytest.raises(RecursionError):
        nested(depth)
    assert guarded(nested, depth) == depth
    assert sys.getrecursionlimit() < depth  # the limit is put back


def test_a_job_too_deep_even_for_the_deep_stack_is_too_deeply_nested():
    failed = guarded(nested, DEEP_FRAMES * 2)
    assert failed == JobFailed("RecursionError", too_deep=True)
    assert failed.describe("deep.py") == "too deeply nested for the parser"


def test_no_second_try_for_a_job_with_side_effects():
    calls = []

    def counted(depth: int) -> int:
        calls.append(depth)
        return nested(depth)

    assert guarded(counted, sys.getrecursionlimit() * 5, retry_deep=False).too_deep
    assert len(calls) == 1


def test_any_other_exception_is_an_internal_error_naming_the_file_in_one_line():
    failed = guarded(boom, "hf_" + "a" * 34)
    assert isinstance(failed, JobFailed) and not failed.too_deep
    assert failed.describe("app/x.py") == (
        "internal error in app/x.py: ValueError: bad value hf_…, please report it (HFMIGRATE_DEBUG=1 shows the traceback)"
    )


def test_our_own_errors_keep_their_message():
    def refuse() -> None:
        raise RewriteError("the new text holds '…', which latin-1 cannot encode")

    assert guarded(refuse).describe("a.py") == "the new text holds '…', which latin-1 cannot encode"


def test_debug_mode_lets_the_exception_through(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HFMIGRATE_DEBUG", "1")
    with pytest.raises(ValueError):
        guarded(boom, "x")


def test_in_worker_processes_a_failing_job_costs_only_its_own_result():
    jobs = [(str(i),) for i in range(PARALLEL_THRESHOLD + 6)]
    results = list(map_jobs(_fails_on_seven, jobs, on_crash=lambda job: "crashed"))
    assert [job for job, _ in results] == jobs
    assert [type(outcome).__name__ for _, outcome in results].count("JobFailed") == 1
    assert results[7][1].describe("7").startswith("internal error in 7: KeyError: '7'")
    assert results[8][1] == "8"


def _fails_on_seven(value: str) -> str:
    if value == "7":
        raise KeyError(value)
    return value


def _pid(text: str) -> int:
    return os.getpid()


def test_a_few_jobs_run_here_unless_they_hold_much_text():
    """Starting workers costs each a libcst import: worth it for many jobs, or for two large modules."""
    small = [("x" * 100,), ("y" * 100,)]
    assert {pid for _, pid in map_jobs(_pid, small, on_crash=lambda job: None)} == {os.getpid()}
    large = [("x" * PARALLEL_BYTES,), ("y" * 10,)]
    assert os.getpid() not in {pid for _, pid in map_jobs(_pid, large, on_crash=lambda job: None)}
    alone = [("x" * PARALLEL_BYTES * 2,)]  # one job: nothing to share the work with
    assert {pid for _, pid in map_jobs(_pid, alone, on_crash=lambda job: None)} == {os.getpid()}


def _dies_on_three(value: str) -> str:
    if value == "3":
        os._exit(70)  # what a libcst stack overflow does to the process that hits it
    return value


def test_a_dead_worker_costs_its_own_job_and_the_rest_still_run():
    jobs = [(str(i),) for i in range(PARALLEL_THRESHOLD + 6)]
    results = list(map_jobs(_dies_on_three, jobs, on_crash=lambda job: "crashed"))
    assert [job for job, _ in results] == jobs
    outcomes = [outcome for _, outcome in results]
    assert outcomes.count("crashed") >= 1  # the job in flight, or a neighbour blamed with it
    assert outcomes[3] == "crashed"
    assert all(outcome in ("crashed", job[0]) for job, outcome in results)


def test_a_stream_answers_in_the_order_given_from_its_workers():
    stream = JobStream(_pid_and_value, on_crash=lambda job: None)
    for i in range(6):
        stream.append((str(i),))
    results = list(stream.results())
    assert [job for job, _ in results] == [(str(i),) for i in range(6)]
    assert [value for _, (_, value) in results] == [str(i) for i in range(6)]
    assert os.getpid() not in {pid for _, (pid, _) in results}
    stream.close()  # nothing left to stop


def _pid_and_value(value: str) -> tuple[int, str]:
    return os.getpid(), value


def test_a_stream_survives_a_dead_worker():
    stream = JobStream(_dies_on_three, on_crash=lambda job: "crashed")
    for i in range(8):
        stream.append((str(i),))
    results = list(stream.results())
    assert [job for job, _ in results] == [(str(i),) for i in range(8)]
    assert results[3][1] == "crashed"
    assert all(outcome in ("crashed", job[0]) for job, outcome in results)


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (its Process object may not know yet: the pool's manager thread can
    reap a worker between our terminate and our look)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc")
def test_closing_a_stream_stops_its_workers_at_once():
    import time

    stream = JobStream(time.sleep, on_crash=lambda job: None)
    for _ in range(4):
        stream.append((300,))
    pids = [worker.pid for worker in stream._pool._processes.values()]
    stream.close()  # without stopping them, each worker would sleep for 300 s
    deadline = time.monotonic() + 60  # generous under load: "it ended", never a speed claim
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pids and not any(_running(pid) for pid in pids)
