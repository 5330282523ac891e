"""Name each aligned unit (same, edited, trimmed, moved, split, ...) and put the rows in order.

An in-order one-to-one pair whose keys differ is ``edited``, unless it is ``trimmed`` (the new
sentence is the old one with at least :data:`CUT_MIN_WORDS` words and :data:`CUT_MIN_SHARE`
of its words cut, nothing much else changed: :func:`cut_or_added`), ``extended`` (the
reverse) or ``reworded`` (linked by the similarity model on meaning, not on words: see
:mod:`policydrift.compare.linking.recipe`).

A *unit* is a matched pair or a split/merged group: old sentence indexes against new ones.
Units that keep their relative order form the longest increasing subsequence of the units
taken in new order (:func:`stable_mask`); the others are ``moved`` (``moved+edited`` when their
keys differ). Split and merged groups take part in the order but keep their own kind.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from policydrift.compare.linking.evidence import band
from policydrift.compare.models import AlignedRow

if TYPE_CHECKING:
    from policydrift.compare.groups import Group, PairTable

Closest = tuple[Mapping[int, tuple[int, float]], Mapping[int, tuple[int, float]]]
"""Each side's sentences -> (closest sentence of the other side, score)."""

CUT_MIN_WORDS = 3
"""Least words cut (added) for a ``trimmed`` (``extended``) row ..."""
CUT_MIN_SHARE = 0.1
"""... and least share of the longer sentence's words."""
CUT_NOISE = 0.25
"""Share of the shorter sentence's words that may differ all the same (at least two words),
as long as the cut (added) words outnumber them three to one (:data:`CUT_OVER_NOISE`)."""
CUT_OVER_NOISE = 3


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

    >>> rows = build_rows([Unit((1,), (0,), 100.0)], [True], ["x", "y", "z"], ["y", "w"])
    >>> [(r.kind, r.old, r.new, r.score) for r in rows]
    [('dropped', (0,), (), None), ('same', (1,), (0,), 100.0), ('dropped', (2,), (), None), ('new', (), (1,), None)]
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


def cut_or_added(old_key: str, new_key: str) -> str:
    """``trimmed`` if NEW is OLD with a clause cut, ``extended`` if one was added, else ``""``.

    Words are the keys' words; two words or a quarter of the shorter sentence may differ
    besides, if the cut outnumbers them three to one (rules set on the TUNE label files).

    >>> cut_or_added("we act now to stop attacks on hospitals and schools", "we act now")
    'trimmed'
    >>> cut_or_added("we act now", "we act now to stop attacks on hospitals")
    'extended'
    >>> cut_or_added("we act now to stop attacks", "we act today to stop threats")
    ''
    """
    a, b = old_key.split(), new_key.split()
    n_a, n_b = len(a), len(b)
    # the words kept lie between 0 and the shorter side's: when no such count could make a
    # cut or an addition (neither side longer, or too few words more), skip the matching
    if n_a == n_b or not any(_cut_kind(n_a, n_b, kept) for kept in range(min(n_a, n_b) + 1)):
        return ""
    kept = sum(
        block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    )
    return _cut_kind(n_a, n_b, kept)


def _cut_kind(n_old: int, n_new: int, kept: int) -> str:
    """``trimmed``/``extended``/``""`` for keys of ``n_old`` and ``n_new`` words sharing
    ``kept`` words (matched in order)."""
    for kind, longer, shorter in (("trimmed", n_old, n_new), ("extended", n_new, n_old)):
        cut = longer - kept
        noise = shorter - kept
        if (
            longer > shorter
            and cut >= max(CUT_MIN_WORDS, CUT_MIN_SHARE * longer)
            and noise <= max(2, CUT_NOISE * shorter)
            and cut >= CUT_OVER_NOISE * noise
        ):
            return kind
    return ""


def finish_rows(
    rows: Sequence[AlignedRow],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    *,
    closest: Closest = ({}, {}),
    reworded: Collection[tuple[int, int]] = (),
) -> list[AlignedRow]:
    """``rows`` with the finer kinds of edited rows, the band of every pair, and the closest
    counterpart (sentence of the other side, score) of every ``dropped`` and ``new`` row.

    ``closest`` maps old sentences to (new sentence, score) and new ones to (old, score);
    ``reworded`` holds the (old, new) pairs linked on meaning.

    >>> rows = [AlignedRow("edited", (0,), (0,), 80.0), AlignedRow("dropped", (1,), (), None)]
    >>> out = finish_rows(rows, ["we act now on all fronts today", "gone"], ["we act now"],
    ...                   closest=({1: (0, 12.5)}, {}))
    >>> [(r.kind, r.band, r.closest, r.closest_score) for r in out]
    [('trimmed', 'likely', None, None), ('dropped', '', 0, 12.5)]
    """
    out = []
    for row in rows:
        if row.kind == "edited":
            pair = (row.old[0], row.new[0])
            kind = cut_or_added(old_keys[pair[0]], new_keys[pair[1]])
            kind = kind or ("reworded" if pair in reworded else "edited")
            row = row.finished(kind, band(row.score))
        elif row.old and row.new:
            row = row.finished(row.kind, band(row.score))
        elif row.old and row.old[0] in closest[0]:
            j, score = closest[0][row.old[0]]
            row = row.finished(row.kind, row.band, j, round(score, 2))
        elif row.new and row.new[0] in closest[1]:
            i, score = closest[1][row.new[0]]
            row = row.finished(row.kind, row.band, i, round(score, 2))
        out.append(row)
    return out


def unit_chars(unit: Unit, a_keys: Sequence[str], b_keys: Sequence[str]) -> int:
    """Characters of a unit's keys on both sides (its weight when choosing what stays put)."""
    return sum(len(a_keys[i]) for i in unit.a) + sum(len(b_keys[j]) for j in unit.b)


def oriented_rows(
    units: Sequence[Unit],
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    swap: bool,
    closest: Closest = ({}, {}),
    reworded: Collection[tuple[int, int]] = (),
) -> list[AlignedRow]:
    """The finished rows of ``units`` found with A as the old side (``swap``: A is the
    comparison's new side, so units, ``closest`` and ``reworded`` pairs are mirrored first).

    Which units stay in order is decided with their characters as weights
    (:func:`stable_mask`, :func:`unit_chars`); then :func:`build_rows` and :func:`finish_rows`.

    >>> rows = oriented_rows([Unit((0,), (1,), 90.0)], ["a b"], ["x", "a c"], swap=True)
    >>> [(r.kind, r.old, r.new) for r in rows]
    [('dropped', (0,), ()), ('edited', (1,), (0,))]
    """
    stable = stable_mask(units, [unit_chars(u, a_keys, b_keys) for u in units])
    if swap:
        units = [Unit(u.b, u.a, u.score) for u in units]
        closest = (closest[1], closest[0])
        reworded = {(j, i) for i, j in reworded}
        a_keys, b_keys = b_keys, a_keys
    rows = build_rows(units, stable, a_keys, b_keys)
    return finish_rows(rows, a_keys, b_keys, closest=closest, reworded=reworded)


def units_of(
    table: PairTable, pairs: Sequence[tuple[int, int]], groups: tuple[list[Group], list[Group]]
) -> list[Unit]:
    """Matched pairs not absorbed by a group, plus the groups, as units of the alignment."""
    splits, merges = groups
    grouped_a = {g.single for g in splits} | {k for g in merges for k in range(g.lo, g.hi + 1)}
    grouped_b = {g.single for g in merges} | {k for g in splits for k in range(g.lo, g.hi + 1)}
    kept = [(i, j) for i, j in pairs if i not in grouped_a and j not in grouped_b]
    units = [
        Unit((i,), (j,), round(score, 2))
        for (i, j), score in zip(kept, table.lookup(kept), strict=True)
    ]
    units += [Unit((g.single,), tuple(range(g.lo, g.hi + 1)), g.score) for g in splits]
    units += [Unit(tuple(range(g.lo, g.hi + 1)), (g.single,), g.score) for g in merges]
    return units
