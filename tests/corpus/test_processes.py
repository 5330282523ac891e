"""Jobs in forked processes: results in order, from other processes, errors raised in the parent."""

from __future__ import annotations

import itertools
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.corpus.errors import RunError
from policydrift.corpus.processes import Forked, cores, processes_for


def test_results_come_back_in_job_order_from_child_processes():
    parent = os.getpid()
    with Forked(lambda k: (k, os.getpid()), 12, processes=2) as results:
        got = list(results)
    assert [k for k, _ in got] == list(range(12))
    assert all(pid != parent for _, pid in got)


def test_a_job_reads_the_parents_data_without_pickling_it():
    # a lambda over a local list cannot be pickled: only the fork can hand it over
    data = [f"sentence {k}" for k in range(50)]
    with Forked(lambda k: data[k].upper(), len(data), processes=2) as results:
        assert list(results) == [d.upper() for d in data]


def test_one_process_runs_the_jobs_here_in_order_when_iterated():
    ran: list[int] = []

    def job(k: int) -> int:
        ran.append(k)
        return os.getpid()

    with Forked(job, 3, processes=1) as results:
        assert ran == []
        assert list(results) == [os.getpid()] * 3
    assert ran == [0, 1, 2]


def test_an_error_in_a_job_is_raised_in_the_parent():
    def job(k: int) -> int:
        if k == 3:
            msg = f"job {k} failed"
            raise ValueError(msg)
        return k

    with pytest.raises(ValueError, match="job 3 failed"), Forked(job, 6, processes=2) as results:
        list(results)


def test_leaving_the_context_stops_the_children():
    import time

    forked = Forked(lambda k: (os.getpid(), time.sleep(0 if k < 4 else 30)), 100, processes=2)
    with forked as results:
        pids = {pid for pid, _ in itertools.islice(iter(results), 4)}
    assert forked._pool is None
    assert len(pids) >= 1
    for pid in pids:  # stopped and reaped, not left running their 30 s jobs
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_child_that_dies_is_a_run_error_not_a_wait_forever():
    def job(k: int) -> int:
        if k == 5:
            os._exit(1)  # as a kill for memory would end it
        return k

    with (
        pytest.raises(RunError, match="a worker process ended unexpectedly"),
        Forked(job, 20, processes=2) as results,
    ):
        list(results)


@pytest.mark.timeout(60)  # the old stop waited here forever
def test_a_child_stopped_halfway_through_writing_a_result_does_not_hang_the_stop(monkeypatch):
    # A child stopped while it wrote a result left half of it in the results pipe, and the
    # executor's thread waited for the rest forever (one stop in a few hundred, found by a
    # hung CI run). Here a child writes half a result on purpose, then the parent stops.
    import concurrent.futures
    import struct
    import time
    from concurrent.futures import process

    pools: list = []

    class Kept(process.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            pools.append(self)  # before the children are forked: they see it too

    monkeypatch.setattr(process, "ProcessPoolExecutor", Kept)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Kept, raising=False)

    def job(k: int) -> int:
        if k == 0:
            pipe = pools[-1]._result_queue._writer.fileno()
            os.write(pipe, struct.pack("!i", 1000) + b"half a result")  # 13 of 1,000 bytes
        time.sleep(60)
        return k

    forked = Forked(job, 2, processes=2)
    with forked:
        time.sleep(0.5)  # the executor's thread is reading the half result
        pids = [child.pid for child in pools[-1]._processes.values()]
    assert forked._pool is None
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


@given(workers=st.sampled_from([-1, 1, 2, 3, 8]), jobs=st.integers(0, 50), least=st.integers(0, 9))
@settings(max_examples=60, deadline=None)
def test_processes_for_stays_within_the_jobs_and_the_cores_asked(workers, jobs, least):
    n = processes_for(workers, jobs, least_jobs=least)
    assert 1 <= n <= max(1, jobs)
    assert n <= (cores() if workers == -1 else workers)
    if jobs < max(2, least):
        assert n == 1


_INTERRUPTED = """
import signal, sys, time
from policydrift.corpus.processes import Forked

class Terminated(Exception):
    pass

def on_sigterm(*_):  # as the CLI does: SIGTERM becomes an exception
    raise Terminated

signal.signal(signal.SIGTERM, on_sigterm)
try:
    with Forked(lambda k: time.sleep(30), 4, processes=2) as results:
        print("started", flush=True)
        list(results)
except KeyboardInterrupt:
    sys.stderr.write("Error: interrupted\\n")
    sys.exit(130)
"""


def test_ctrl_c_stops_the_children_without_a_traceback_each():
    import signal
    import subprocess
    import sys

    child = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert child.stdout.readline() == b"started\n"
    os.killpg(child.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole group
    _, err = child.communicate(timeout=20)
    assert child.returncode == 130
    assert err == b"Error: interrupted\n"
    with pytest.raises(ProcessLookupError):
        os.killpg(child.pid, 0)  # no process of the group is left


def test_when_the_system_refuses_the_fork_the_jobs_run_here(monkeypatch):
    import errno

    def refused():
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", refused)
    with Forked(lambda k: (k, os.getpid()), 6, processes=2) as results:
        assert list(results) == [(k, os.getpid()) for k in range(6)]


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


@pytest.mark.parametrize("processes", [1, 2])
def test_children_and_parent_use_one_blas_thread_while_they_run_then_the_parent_its_own(
    processes,
):
    import numpy as np

    np.ones((4, 4)) @ np.ones((4, 4))  # BLAS loaded
    before = _blas_threads()
    assert before, "numpy links a BLAS library"
    with Forked(lambda k: _blas_threads(), 2, processes=processes) as threads:
        assert list(threads) == [[1] * len(before)] * 2
        assert _blas_threads() == [1] * len(before)
    assert _blas_threads() == before


def test_blas_threads_come_back_when_the_last_of_overlapping_forked_runs_leaves():
    import numpy as np

    np.ones((4, 4)) @ np.ones((4, 4))
    before = _blas_threads()
    first = Forked(lambda k: k, 2, processes=2).__enter__()
    second = Forked(lambda k: k, 2, processes=2).__enter__()
    first.__exit__(None, None, None)  # the first leaves while the second still runs
    assert _blas_threads() == [1] * len(before)
    assert list(second) == [0, 1]
    second.__exit__(None, None, None)
    assert _blas_threads() == before


def test_blas_imported_after_the_first_forked_is_limited_in_the_next():
    import subprocess
    import sys

    script = """
from policydrift.corpus.processes import Forked
with Forked(lambda k: k, 2, processes=2) as f:
    list(f)
import numpy as np
np.ones((4, 4)) @ np.ones((4, 4))
from threadpoolctl import threadpool_info
def blas(k):
    return [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
with Forked(blas, 2, processes=2) as f:
    print(list(f))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[[1], [1]]"


def test_a_second_blas_library_imported_later_is_limited_too():
    """scipy brings its own BLAS library: imported after numpy's was limited once, it is
    limited in the next Forked as well (the controller is made again)."""
    import subprocess
    import sys

    script = """
import numpy as np
np.ones((4, 4)) @ np.ones((4, 4))
from policydrift.corpus.processes import Forked
from threadpoolctl import threadpool_info
def blas(k=0):
    return [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
with Forked(blas, 2, processes=2) as f:
    print(list(f))
import scipy.linalg
scipy.linalg.solve(np.eye(3), np.ones(3))
print(len(blas()))
with Forked(blas, 2, processes=2) as f:
    print(list(f))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    libraries = int(out[1])
    assert out[2] == str([[1] * libraries] * 2), out
