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
import sys
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Generic, TypeVar

__all__ = ["Forked", "check_workers", "cores", "processes_for"]

T = TypeVar("T")

_JOBS: dict[int, Callable[[int], Any]] = {}
_STOP_WAIT = 5.0  # seconds a stopped child may take to exit before it is killed
_THREAD_WAIT = 1.0  # seconds the executor's thread may take to end once the children have
_POLL = 0.25  # seconds the parent waits for a result before it looks at its signals again
_TOKENS = itertools.count()


def cores() -> int:
    """Processor cores this process may use (its CPU affinity where the system tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_workers(workers: int) -> int:
    """``workers`` if it is -1 (every core) or a positive integer; ValueError naming it if not.

    >>> check_workers(-1), check_workers(2)
    (-1, 2)
    """
    if (
        isinstance(workers, bool)
        or not isinstance(workers, int)
        or not (workers == -1 or workers >= 1)
    ):
        msg = f"workers must be -1 (all cores) or a positive integer: {workers!r}"
        raise ValueError(msg)
    return workers


def processes_for(workers: int, jobs: int, *, least_jobs: int = 2) -> int:
    """How many processes to run ``jobs`` jobs in: ``workers`` (-1: every core), never more than
    the jobs, and 1 (this process) below ``least_jobs`` jobs or where ``fork`` is unavailable.

    >>> processes_for(1, 100), processes_for(4, 3) <= 3, processes_for(-1, 1)
    (1, True, 1)
    """
    wanted = cores() if workers == -1 else workers
    if wanted <= 1 or jobs < max(2, least_jobs) or not _can_fork():
        return 1
    return min(wanted, jobs)


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _can_fork() -> bool:
    import multiprocessing  # imported when needed: the CLI starts faster without it

    return "fork" in multiprocessing.get_all_start_methods()


def _done(k: int) -> Any:
    """The job of a :class:`Forked` once its context has ended."""
    msg = f"job {k} asked for after its Forked context ended"
    raise RuntimeError(msg)


def _quiet_child() -> None:
    """A child leaves Ctrl-C to the parent, which stops it, and ends at once when stopped
    (SIGTERM), whatever handlers it inherited: no traceback per child."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # held back while forking


def _run(token: int, start: int, stop: int) -> list[Any]:
    """Jobs ``start`` to ``stop - 1`` of the run ``token``, in a child: one round trip."""
    job = _JOBS[token]
    return [job(k) for k in range(start, stop)]


def _in_order(futures: list[Any]) -> Iterator[Any]:
    """The results of ``futures`` in order, waited for a short while at a time with Ctrl-C
    and SIGTERM held back, and taken between two waits. Waiting without a limit, this thread
    missed a Ctrl-C the system handed to another thread until a result came (1 in 15-30);
    taken in the middle of a wait, it could break the lock it waits on (a traceback)."""
    from concurrent.futures import TimeoutError as Waited

    try:
        for future in futures:
            while True:
                held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
                try:
                    results = future.result(timeout=_POLL)
                    break
                except Waited:
                    pass
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a stop is taken here
            yield from results
    finally:
        for future in futures:
            future.cancel()


class Forked(Generic[T]):
    """``job(0)`` ... ``job(count - 1)`` in ``processes`` forked processes, started on entering
    the context; iterating gives the results in job order (an exception a job raised is raised
    there; a child that dies, killed for memory say, raises
    :class:`~policydrift.corpus.errors.RunError` instead of leaving the parent waiting).
    Leaving the context stops the children. ``chunksize``: jobs handed to a child at a time
    (fewer round trips for many small jobs). Where the children cannot be started (the system
    refuses the fork, for memory say), the jobs run in this process.

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
        self.processes = processes if processes > 1 and _can_fork() else 1
        self._pool: Any = None
        self._blas_limited = False
        self._results: Iterator[T] | None = None
        self._token = next(_TOKENS)

    def __enter__(self) -> Forked[T]:
        _ONE_BLAS_THREAD.enter()  # in one process too: BLAS threads gain nothing here
        self._blas_limited = True
        if self.processes > 1 and self.count > 1:
            _JOBS[self._token] = self.job
            try:
                self._results = _checked(self._start())
            except (OSError, ImportError):  # no fork here (out of memory, no semaphores...)
                self._stop()
                self._results = None  # the jobs run in this process, as with one
        return self

    def _start(self) -> Iterator[T]:
        """Fork the children and hand them every job; the results as they come, in order."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        self._pool = ProcessPoolExecutor(
            self.processes, mp_context=context, initializer=_quiet_child
        )
        gc.freeze()  # the children's collector leaves the parent's objects (and pages) be
        # Ctrl-C and SIGTERM held back while forking: a child takes them only once it has its
        # own handlers (else it could run the parent's, with a traceback, or hang)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:  # with fork, the first job submitted forks every child, here
            step = max(1, self.chunksize)
            futures = [
                self._pool.submit(_run, self._token, start, min(start + step, self.count))
                for start in range(0, self.count, step)
            ]
            return _in_order(futures)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            gc.unfreeze()

    def _stop(self) -> None:
        """Stop the children now (shutdown alone would let the running jobs finish), then
        wait for the executor's thread, so that no thread is left when this forks again.

        A child stopped while it wrote a result leaves half of it in the results pipe, and
        the executor's thread, reading it, waits for the rest forever (one stop in a few
        hundred hung so). If the thread has not ended soon after, the children are waited
        for and this process's own writing end, then the pipe's last, is closed: that ends
        the read (the thread then winds the pool up as broken, which it is being anyway)."""
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        children = list((getattr(pool, "_processes", None) or {}).values())
        for child in children:
            child.terminate()
        thread = getattr(pool, "_executor_manager_thread", None)
        results = getattr(pool, "_result_queue", None)
        pool.shutdown(wait=False, cancel_futures=True)  # forgets the thread and the queue
        if thread is not None:
            thread.join(_THREAD_WAIT)
            if thread.is_alive():
                for child in children:
                    child.join(_STOP_WAIT)
                    if child.is_alive():  # SIGTERM held back (being forked): no waiting
                        child.kill()
                        child.join()
                writer = getattr(results, "_writer", None)
                if writer is not None:
                    writer.close()
                thread.join()
        if results is not None:
            results.close()  # as shutdown(wait=True) closes it once the thread has ended

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
        self._stop()
        self._results = None
        _JOBS.pop(self._token, None)
        self.job = _done  # a subclass's own method would keep it in a cycle with its results
        if self._blas_limited:
            _ONE_BLAS_THREAD.leave()
            self._blas_limited = False


class _OneBlasThread:
    """Linear algebra (BLAS) in one thread in this process and the children it forks while
    any :class:`Forked` runs, its own threads again once the last has left. The processes
    already keep every core busy, and a BLAS thread that waits spins: each child's extra
    threads took the cores from the other children (aligning 498 pairs of editions in one
    process cost 6.1 s of CPU for 3.7 s of wall time with the default threads, 3.6 s for 3.6 s
    with one). Jobs run in this process are limited too: the alignment's small products gain
    nothing from threads (the timeline of 1,000 statements in one process, in turns: 14.5-18.3
    s wall and 14.6-18.4 s of CPU against 15.7-19.0 s and 18.0-21.6 s).

    One :mod:`threadpoolctl` controller serves every limit (a controller dropped after use
    leaves reference cycles behind for the collector), made again only until it finds a BLAS
    library (numpy may be imported after the first :class:`Forked`) and when modules were
    imported since (scipy brings its own BLAS library, which the controller made before it
    would leave with all its threads)."""

    def __init__(self) -> None:
        self.controller: Any = None
        self.imported = 0  # modules imported when the controller was made
        self.running = 0
        self.limits: Any = None

    def enter(self) -> None:
        self.running += 1
        if self.running == 1:
            self.limits = self._blas().limit(limits=1, user_api="blas")

    def leave(self) -> None:
        self.running -= 1
        if self.running == 0:
            self.limits.restore_original_limits()
            self.limits = None

    def _blas(self) -> Any:
        """The controller, made again when modules were imported since (scipy, imported after
        numpy, brings a BLAS library of its own) or while it knows no BLAS library."""
        from threadpoolctl import ThreadpoolController

        imported = len(sys.modules)
        if (
            self.controller is None
            or imported != self.imported
            or not self.controller.select(user_api="blas").lib_controllers
        ):
            self.controller, self.imported = ThreadpoolController(), imported
        return self.controller


_ONE_BLAS_THREAD = _OneBlasThread()


def _checked(results: Iterator[T]) -> Iterator[T]:
    """``results``, a child that died (not a job that raised) reported as a RunError."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield from results
    except BrokenProcessPool as exc:
        from policydrift.corpus.errors import RunError

        msg = (
            "a worker process ended unexpectedly (out of memory?); "
            "run again with --workers 1 to work in one process"
        )
        raise RunError(msg) from exc
