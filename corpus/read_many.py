"""Many files read in forked processes, the results taken in file order.

Reading a corpus is one independent job per file (decode, clean, split into sentences), about
2 ms of CPU for a 7 KB statement. :func:`read_in_order` spreads the files over processes forked
by :class:`policydrift.corpus.processes.Forked`, in chunks of consecutive files: a child reads a
chunk and sends its results back pickled in one message (sending 1,000 statements one by one
took about a third longer than in chunks of 16; pickling and unpickling them costs 0.2 s of the
2-2.4 s the reading costs), and the parent takes them chunk after chunk, so the caller sees
every result in file order, as it would reading them itself.

Files marked to be read here (those already in the statement cache: taking 1,000 statements
from the cache costs 0.4 s in the parent, and 0.7 s of CPU when children take them and send
them back) are read by the parent in their turn, while the children read the others.

Below :data:`LEAST_FILES` files to send away, all are read in this process: starting the
processes and sending the statements back costs 20-40 ms, about what reading 30-50 small
files in one process saves, and on a busy machine nothing is saved below a hundred.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from policydrift.corpus.collector import fewer_passes
from policydrift.corpus.processes import Forked, processes_for

__all__ = ["CHUNK_FILES", "LEAST_FILES", "chunk_size", "read_in_order"]

T = TypeVar("T")
E = TypeVar("E")

LEAST_FILES = 100
"""Fewest files read in several processes (below: this process reads them all)."""

CHUNK_FILES = 16
"""Most files in one chunk: one message back to the parent, one step of the progress bar."""


def chunk_size(files: int, processes: int) -> int:
    """Files per chunk: at most :data:`CHUNK_FILES`, and at least four chunks per process, so
    that a process given slow files does not leave the others idle at the end.

    >>> chunk_size(1000, 2), chunk_size(40, 2), chunk_size(3, 2)
    (16, 5, 1)
    """
    return max(1, min(CHUNK_FILES, math.ceil(files / (processes * 4))))


@contextmanager
def read_in_order(
    read: Callable[[E], T],
    items: Sequence[E],
    workers: int,
    *,
    here: Sequence[bool] | None = None,
) -> Iterator[Iterator[T]]:
    """``read(item)`` for every item, in item order, in up to ``workers`` processes (-1: one per
    core). Items whose ``here`` flag is true are read in this process as they are reached; so
    are all items when one process is asked for or fewer than :data:`LEAST_FILES` are left for
    the children.

    ``read`` runs in the children with the collector's passes made fewer, as in the parent
    (:func:`policydrift.corpus.collector.fewer_passes`); its results must pickle. Leaving the
    block stops the children.

    >>> with read_in_order(str.upper, ["a", "b"], workers=2) as found:
    ...     list(found)
    ['A', 'B']
    """
    away = [k for k in range(len(items)) if here is None or not here[k]]
    processes = processes_for(workers, len(away), least_jobs=LEAST_FILES)
    if processes == 1:
        yield map(read, items)
        return

    def job(k: int) -> T:
        with fewer_passes():  # as inherited from the parent, whatever the fork did
            return read(items[away[k]])

    chunksize = chunk_size(len(away), processes)
    with Forked(job, len(away), processes, chunksize=chunksize) as results:
        sent = iter(results)
        flags = here if here is not None else [False] * len(items)
        yield (read(item) if flag else next(sent) for item, flag in zip(items, flags, strict=True))
