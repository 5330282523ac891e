"""Work done series by series in forked processes: each series' view.

Once the editions are measured, a timeline builds each series' view (similarity matrix, theme
tracks, emerging phrases) from lookups built once for the whole corpus. Series are
independent of one another there, so :func:`series_jobs` runs one job per
series in child processes, one per core (:class:`policydrift.corpus.processes.Forked`): a child
reads the lookups inherited by the fork and sends back only its result. Results come back in
series order, identical to running the jobs one after the other here, which is what happens
below :data:`PARALLEL_MIN_EDITIONS` editions, with one core, or where ``fork`` is unavailable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from policydrift.corpus.models import Statement
from policydrift.corpus.processes import Forked, processes_for

__all__ = ["PARALLEL_MIN_EDITIONS", "series_jobs"]

T = TypeVar("T")
Groups = Sequence[tuple[str, tuple[Statement, ...]]]

PARALLEL_MIN_EDITIONS = 200
"""Below this many editions, the series are worked through in this process (a view costs
about 2 ms an edition: forking would cost more than it saves)."""


def series_jobs(
    job: Callable[[str, tuple[Statement, ...]], T], groups: Groups, workers: int
) -> Forked[T]:
    """``job(name, editions)`` for each series of ``groups``, in ``workers`` processes (-1:
    every core) when there are enough editions; enter the context to start them, iterate it
    for the results in series order.

    >>> from policydrift.corpus.models import Statement
    >>> groups = [("a", (Statement("1", "1", "", "", ()),)), ("b", ())]
    >>> with series_jobs(lambda name, eds: (name, len(eds)), groups, workers=2) as found:
    ...     list(found)
    [('a', 1), ('b', 0)]
    """
    editions = sum(len(eds) for _, eds in groups)
    processes = 1
    if editions >= PARALLEL_MIN_EDITIONS:
        processes = processes_for(workers, len(groups))
    chunk = max(1, len(groups) // (8 * processes))  # many singletons: fewer round trips
    return Forked(lambda k: job(*groups[k]), len(groups), processes, chunksize=chunk)
