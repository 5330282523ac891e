"""Name each aligned unit (same, edited, moved, split, ...) and put the rows in display order.

A *unit* is a matched pair or a split/merged group: old sentence indexes against new ones.
Units that keep their relative order form the longest increasing subsequence of the units
taken in new order (:func:`stable_mask`); the others are ``moved`` (``moved+edited`` when their
keys differ). Split and merged groups take part in the order but keep their own kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from policydrift.compare.models import AlignedRow


@dataclass(frozen=True)
class Unit:
    """Old sentence indexes ``a`` aligned with new ones ``b``, with their score."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float


def stable_mask(units: Sequence[Unit], weights: Sequence[int] | None = None) -> list[bool]:
    """For each unit, whether it belongs to the heaviest run kept in order on both sides.

    Units are taken in order of their first sentence on side ``b``; the kept run is a strictly
    increasing subsequence of their first sentence on side ``a``: the longest one, and among
    the longest the one with the largest total ``weight`` (e.g. characters, so that of two
    swapped sentences the shorter one is called moved), then the one using the latest units.

    >>> units = [Unit((0,), (0,), 100), Unit((3,), (1,), 100), Unit((1,), (2,), 90), Unit((2,), (3,), 100)]
    >>> stable_mask(units)
    [True, False, True, True]
    >>> stable_mask(units[:2] + [Unit((2,), (2,), 90)], [5, 9, 3])
    [True, True, False]
    """
    n = len(units)
    weights = list(weights) if weights is not None else [0] * n
    order = sorted(range(n), key=lambda k: (units[k].b[0], units[k].a[0]))
    values = sorted({units[k].a[0] for k in order})
    rank = {v: r for r, v in enumerate(values)}
    # Fenwick tree of prefix maxima over a-ranks: (count, weight, position in order).
    big = sum(weights) + 1
    tree: list[tuple[int, int]] = [(0, -1)] * (len(values) + 1)
    best = [0] * n
    back = [-1] * n
    for pos, k in enumerate(order):
        r = rank[units[k].a[0]]
        found, i = (0, -1), r  # best chain ending below rank r
        while i > 0:
            found = max(found, tree[i])
            i -= i & -i
        best[pos] = found[0] + big + weights[k]
        back[pos] = found[1]
        i = r + 1
        while i <= len(values):
            tree[i] = max(tree[i], (best[pos], pos))
            i += i & -i
    keep = [False] * n
    pos = max(range(n), key=lambda p: (best[p], p), default=-1)
    while pos >= 0:
        keep[order[pos]] = True
        pos = back[pos]
    return keep


def unit_kind(unit: Unit, stable: bool, old_keys: Sequence[str], new_keys: Sequence[str]) -> str:
    """The kind of one aligned unit (never ``new`` or ``dropped``).

    >>> unit_kind(Unit((0,), (0,), 90.0), False, ["a b"], ["a c"])
    'moved+edited'
    """
    if len(unit.a) > 1:
        return "merged"
    if len(unit.b) > 1:
        return "split"
    same = old_keys[unit.a[0]] == new_keys[unit.b[0]]
    if stable:
        return "same" if same else "edited"
    return "moved" if same else "moved+edited"


def build_rows(
    units: Sequence[Unit],
    stable: Sequence[bool],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
) -> list[AlignedRow]:
    """All rows in display order: new order, each dropped run after its old predecessor's row.

    Rows holding new sentences follow the new statement's order (by their first new sentence;
    a moved row sits at its new position). A dropped old sentence comes right after the row
    holding the old sentence before it (dropped runs keep their old order), or at the top if
    no old sentence precedes it outside the dropped ones.

    >>> build_rows([Unit((1,), (0,), 100.0)], [True], ["x", "y", "z"], ["y", "w"])
    [AlignedRow(kind='dropped', old=(0,), new=(), score=None, ops=(), old_words=(), new_words=()), AlignedRow(kind='same', old=(1,), new=(0,), score=100.0, ops=(), old_words=(), new_words=()), AlignedRow(kind='dropped', old=(2,), new=(), score=None, ops=(), old_words=(), new_words=()), AlignedRow(kind='new', old=(), new=(1,), score=None, ops=(), old_words=(), new_words=())]
    """
    placed = [
        AlignedRow(unit_kind(u, s, old_keys, new_keys), u.a, u.b, u.score)
        for u, s in zip(units, stable, strict=True)
    ]
    seen_new = {j for row in placed for j in row.new}
    placed += [AlignedRow("new", (), (j,), None) for j in range(len(new_keys)) if j not in seen_new]
    placed.sort(key=lambda row: row.new)
    row_of_old = {i: n for n, row in enumerate(placed) for i in row.old}
    after: dict[int, list[AlignedRow]] = {}
    anchor = -1  # the row holding the nearest earlier old sentence that is not dropped
    for i in range(len(old_keys)):
        if i in row_of_old:
            anchor = row_of_old[i]
        else:
            after.setdefault(anchor, []).append(AlignedRow("dropped", (i,), (), None))
    rows = list(after.get(-1, []))
    for n, row in enumerate(placed):
        rows.append(row)
        rows.extend(after.get(n, []))
    return rows
