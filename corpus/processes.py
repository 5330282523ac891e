"""Work spread over the machine's cores in forked processes, the results in order.

The long stages of a timeline (reading the files, aligning consecutive editions, rendering the
series pages) are many independent jobs over data the parent already holds. :class:`Forked`
runs ``job(0)``, ``job(1)``... in child processes forked from the parent, so a job reads the
parent's data without copying it, and only its result travels back (pickled). Results come
back in job order, so the output does not depend on how many processes ran them. Where
``fork`` is not available, or one process is asked for, the jobs run in this process, in
order, as they are iterated.
"""

from __future__ import annotations

import gc
import itertools
import os
import signal
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Generic, TypeVar

__all__ = ["Forked", "cores", "processes_for"]

T = TypeVar("T")

_JOBS: dict[int, Callable[[int], Any]] = {}
_TOKENS = itertools.count()


def cores() -> int:
    """Processor cores this process may use (its CPU affinity where the system tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def processes_for(workers: int, jobs: int, *, least_jobs: int = 2) -> int:
    """How many processes to run ``jobs`` jobs in: ``workers`` (-1: every core), never more than
    the jobs, and 1 (this process) below ``least_jobs`` jobs or where ``fork`` is unavailable.

    >>> processes_for(1, 100), processes_for(4, 3) <= 3, processes_for(-1, 1)
    (1, True, 1)
    """
    if jobs < max(2, least_jobs) or not _can_fork():
        return 1
    wanted = cores() if workers == -1 else workers
    return max(1, min(wanted, jobs))


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _can_fork() -> bool:
    import multiprocessing  # imported when needed: the CLI starts faster without it

    return "fork" in multiprocessing.get_all_start_methods()


def _quiet_child() -> None:
    """A child leaves Ctrl-C to the parent, which stops it, and ends at once when stopped
    (SIGTERM), whatever handlers it inherited: no traceback per child."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # held back while forking


def _run(task: tuple[int, int]) -> Any:
    token, k = task
    return _JOBS[token](k)


class Forked(Generic[T]):
    """``job(0)`` ... ``job(count - 1)`` in ``processes`` forked processes, started on entering
    the context; iterating gives the results in job order (an exception a job raised is raised
    there). Leaving the context stops the children. ``chunksize``: jobs handed to a child at
    a time (fewer round trips for many small jobs).

    The children start at once, so the parent can do other work before it reads the results.
    ``job`` and what it reads are inherited by the fork, never pickled; a result must pickle.

    >>> with Forked(lambda k: k * k, 5, processes=2) as squares:
    ...     list(squares)
    [0, 1, 4, 9, 16]
    """

    def __init__(
        self, job: Callable[[int], T], count: int, processes: int, *, chunksize: int = 1
    ) -> None:
        self.job, self.count, self.chunksize = job, count, chunksize
        self.processes = processes if _can_fork() else 1
        self._pool: Any = None
        self._results: Iterator[T] | None = None
        self._token = next(_TOKENS)

    def __enter__(self) -> Forked[T]:
        if self.processes > 1 and self.count > 1:
            _JOBS[self._token] = self.job
            import multiprocessing

            context = multiprocessing.get_context("fork")
            gc.freeze()  # the children's collector leaves the parent's objects (and pages) be
            # Ctrl-C and SIGTERM held back while forking: a child takes them only once it has
            # its own handlers (else it could run the parent's, with a traceback, or hang)
            held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
            try:
                self._pool = context.Pool(self.processes, initializer=_quiet_child)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
                gc.unfreeze()
            tasks = ((self._token, k) for k in range(self.count))
            self._results = self._pool.imap(_run, tasks, chunksize=self.chunksize)
        return self

    def __iter__(self) -> Iterator[T]:
        if self._results is not None:
            return self._results
        return (self.job(k) for k in range(self.count))

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = self._results = None
        _JOBS.pop(self._token, None)
