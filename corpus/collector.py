"""Fewer passes of Python's garbage collector while many files are read.

Reading a corpus makes hundreds of thousands of objects that live as long as the run (the
statements, their sentences and words). Python's collector counts new objects and, every 700
of them, walks the young ones; every tenth walk of those, the older ones too. Nearly every
object made while reading survives, so those walks free almost nothing: a sixth of the
reading time of 1,000 statements (``benchmarks/bench_timeline.py``). While a corpus is read
the youngest generation is allowed 100,000 objects before a walk; cycles are still collected,
just less often, and the thresholds are put back afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["YOUNG", "fewer_passes", "paused"]

YOUNG = 100_000
"""New objects allowed before the collector walks the youngest generation (Python: 700)."""


@contextmanager
def fewer_passes(young: int = YOUNG) -> Iterator[None]:
    """The collector's first threshold raised to ``young`` (never lowered) inside the block.

    >>> before = gc.get_threshold()
    >>> with fewer_passes():
    ...     gc.get_threshold()[0] >= YOUNG
    True
    >>> gc.get_threshold() == before
    True
    """
    before = gc.get_threshold()
    gc.set_threshold(max(young, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def paused() -> Iterator[None]:
    """The collector paused inside the block, for work that makes no reference cycles
    (tested where it is used: a collection right after finds nothing), so that its passes,
    which walk every object still alive, free nothing. A collector paused by the caller stays
    paused; child processes forked inside inherit the pause.

    >>> with paused():
    ...     gc.isenabled()
    False
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
