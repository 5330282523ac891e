"""How fast this host is right now: one busy loop alone, then two at once in two processes.

On a shared machine the same code can take from 1 to 2 times as long by the hour (other guests
share the cores), so a benchmark's absolute figures mean little without the host's speed at
the time. ``python benchmarks/host_speed.py`` prints it; ``bench_timeline.py`` prints it
before and after its runs. Reading: on this repository's 2-core host, one loop takes 0.33 s
when idle, and two at once take 1.0 times one when both cores are free (2.0 with one).
"""

from __future__ import annotations

import multiprocessing
import time

LOOP = 10**7
"""Additions in one busy loop (about a third of a second on an idle core here)."""


def _loop(_: object = None) -> None:
    total = 0
    for k in range(LOOP):
        total += k


def host_speed() -> str:
    """One busy loop's time here, and two at once in two forked processes against one."""
    start = time.perf_counter()
    _loop()
    one = time.perf_counter() - start
    context = multiprocessing.get_context("fork")
    start = time.perf_counter()
    workers = [context.Process(target=_loop) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    two = time.perf_counter() - start
    return f"one busy loop {one:.2f} s; two at once in two processes {two / one:.2f} times one"


if __name__ == "__main__":
    print("host:", host_speed())
