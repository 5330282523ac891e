"""Progress on the terminal: one bar per stage of a long run, silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

StageProgress = Callable[[str, int, int, str], None]


@contextmanager
def stage_bars(stages: Sequence[str], *, unit: str = "") -> Iterator[StageProgress | None]:
    """``progress(stage, done, total, what)`` drawing one tqdm bar per stage, with its counts.

    A stage's bar opens at its first report (the one before closes) and shows ``done/total``
    and the item in hand; nothing at all is drawn when stderr is not a terminal.
    """
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    width = max(len(stage) for stage in stages) if stages else 0
    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int, what: str) -> None:
        bar = bars.get(stage)
        if bar is None:
            for other in bars.values():
                _finish(other)
            bar = bars[stage] = tqdm(
                desc=stage.ljust(width), total=total, file=sys.stderr, leave=False, unit=unit
            )
        bar.total = total
        bar.set_postfix_str(what[-40:], refresh=False)
        bar.update(done - bar.n)  # redraws at most every 0.1 s

    try:
        yield update
    finally:
        for bar in bars.values():
            _finish(bar)


def _finish(bar: object) -> None:
    """Show the stage's final count (updates redraw at most every 0.1 s), then clear it."""
    if not bar.disable:  # type: ignore[attr-defined]
        bar.refresh()  # type: ignore[attr-defined]
    bar.close()  # type: ignore[attr-defined]
