"""Where the ghost line of a moved row goes in the side-by-side table.

Rows come in the new statement's order, so a moved row stands at its new position; its
ghost marks the place the sentence had in the old statement (or the reverse, if a row list
ever put moved rows at their old position), and the two link to each other. Linear after a
sort: prefix/suffix bounds of the unmoved rows and a bisection per moved row.
"""

from __future__ import annotations

from bisect import bisect_left

from policydrift.compare.models import AlignedRow

MOVED_KINDS = ("moved", "moved+edited")
SIDES = ("old", "new")


def ghost_places(rows: tuple[AlignedRow, ...] | list[AlignedRow]) -> dict[int, tuple[str, int]]:
    """For each moved row (by position): the side its ghost shows and the ghost's slot.

    Slot ``k`` means "just before ``rows[k]``" (``len(rows)``: at the end). The ghost shows
    the side whose order the moved row breaks (normally the old one). It goes right after
    the unmoved two-sided row holding the nearest earlier sentence of that side, then after
    the one-sided rows (dropped, or new) of that side that follow it and come earlier.

    >>> rows = [AlignedRow("same", (0,), (0,), 100.0), AlignedRow("moved", (3,), (1,), 100.0),
    ...         AlignedRow("same", (1,), (2,), 100.0), AlignedRow("dropped", (2,), (), None),
    ...         AlignedRow("same", (4,), (3,), 100.0)]
    >>> ghost_places(rows)
    {1: ('old', 4)}
    """
    before = {side: _bounds(rows, side, reverse=False) for side in SIDES}
    after = {side: _bounds(rows, side, reverse=True) for side in SIDES}
    anchors = {
        side: sorted(
            (max(getattr(r, side)), q)
            for q, r in enumerate(rows)
            if r.kind not in MOVED_KINDS and r.old and r.new
        )
        for side in SIDES
    }
    places: dict[int, tuple[str, int]] = {}
    for p, row in enumerate(rows):
        if row.kind not in MOVED_KINDS:
            continue
        in_order = {
            side: not getattr(row, side)
            or (
                before[side][p] < min(getattr(row, side))
                and after[side][p] > max(getattr(row, side))
            )
            for side in SIDES
        }
        side = "new" if in_order["old"] and not in_order["new"] else "old"
        mine = min(getattr(row, side))
        k = bisect_left(anchors[side], (mine, -1))
        slot = anchors[side][k - 1][1] + 1 if k else 0
        while slot < len(rows) and _one_sided_before(rows[slot], side, mine):
            slot += 1
        places[p] = (side, slot)
    return places


def _bounds(rows, side: str, *, reverse: bool) -> list[float]:
    """Per position: the nearest unmoved row's index on ``side`` before it (max) or after (min)."""
    out: list[float] = [0.0] * len(rows)
    bound: float = float("inf") if reverse else -1.0
    order = range(len(rows) - 1, -1, -1) if reverse else range(len(rows))
    for p in order:
        out[p] = bound
        indexes = getattr(rows[p], side)
        if rows[p].kind not in MOVED_KINDS and indexes:
            bound = min(indexes) if reverse else max(indexes)
    return out


def _one_sided_before(row: AlignedRow, side: str, mine: int) -> bool:
    indexes = getattr(row, side)
    return not (row.old and row.new) and bool(indexes) and max(indexes) < mine
