"""Sentence alignment independent of order: one score matrix, one optimal assignment.

1. :func:`unique_identical`: a key found exactly once on each side pairs with itself at once
   (it is that sentence's best possible partner, 100, and pinning it keeps an unchanged
   sentence from being traded away for two near matches).
2. :func:`compare.similarity.score_matrix` scores every remaining old key against every
   remaining new key (one ``cdist`` call; for a light revision most sentences were pinned).
3. :func:`match_pairs`: the one-to-one matching with the largest total score among pairs
   scoring at least ``threshold`` (:func:`scipy.optimize.linear_sum_assignment`, pairs below
   the threshold weighted zero and dropped afterwards). Exact ties are broken by preferring
   pairs at the same relative position in both texts, then a fixed order.
4. :func:`find_groups`: split and merged sentences. A sentence is scored against the
   concatenation of consecutive sentences of the other side, grown one neighbour at a time
   from its partner (or, if unmatched, its best unmatched sentence) over neighbours that the
   matching left unmatched. A group is kept when its score reaches ``split_threshold`` and
   beats the sentence's best one-to-one score by at least :data:`SPLIT_MARGIN` points.
5. :mod:`compare.classify` names each row and puts the rows in display order.

The whole computation is done in a canonical orientation (the side whose key list sorts first
plays "old"), so comparing B with A gives exactly the mirror of comparing A with B.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process

from compare.classify import Unit, build_rows, stable_mask
from compare.models import AlignedRow, CompareOptions
from compare.similarity import check_workers, get_scorer, score_matrix

# A split/merge must beat the best one-to-one score of its single sentence by this many points.
SPLIT_MARGIN = 5.0
# At most this many consecutive sentences form one split/merged row.
MAX_PARTS = 8
# Weight of the tie-break (relative-position distance, in [0, 1]) against 0-100 scores.
_TIE = 1e-6
_DEFAULTS = CompareOptions()


@dataclass(frozen=True)
class Group:
    """One sentence of side A against the consecutive sentences ``lo..hi`` of side B."""

    score: float
    single: int
    lo: int
    hi: int


def align(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    *,
    threshold: float = _DEFAULTS.threshold,
    split_threshold: float = _DEFAULTS.split_threshold,
    scorer: str = _DEFAULTS.scorer,
    workers: int = _DEFAULTS.workers,
) -> list[AlignedRow]:
    """Align two lists of sentence keys; rows in display order, without word opcodes.

    Row kinds and order are described in :func:`compare.engine.compare`.

    >>> rows = align(["a first point", "the second point", "gone now"],
    ...              ["the second point", "a first point here", "brand new"])
    >>> [(r.kind, r.old, r.new) for r in rows]
    [('same', (1,), (0,)), ('dropped', (2,), ()), ('moved+edited', (0,), (1,)), ('new', (), (2,))]
    """
    CompareOptions(threshold=threshold, split_threshold=split_threshold)  # checks the ranges
    fn = get_scorer(scorer)
    check_workers(workers)
    old_keys, new_keys = list(old_keys), list(new_keys)
    swap = old_keys > new_keys
    a_keys, b_keys = (new_keys, old_keys) if swap else (old_keys, new_keys)
    anchors = unique_identical(a_keys, b_keys)
    scores = _scores(a_keys, b_keys, anchors, scorer=scorer, workers=workers)
    pairs = sorted(anchors + match_pairs(scores, threshold=threshold))
    for i, j in anchors:
        scores[i, j] = 100.0
    groups = find_groups(
        a_keys, b_keys, scores, pairs, split_threshold=split_threshold, scorer_fn=fn
    )
    units = _units(a_keys, b_keys, scores, pairs, groups)
    stable = stable_mask(units, [_chars(u, a_keys, b_keys) for u in units])
    if swap:
        units = [Unit(u.b, u.a, u.score) for u in units]
    return build_rows(units, stable, old_keys, new_keys)


def unique_identical(a_keys: Sequence[str], b_keys: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of identical keys that occur exactly once on each side, sorted.

    >>> unique_identical(["x", "y", "y", "z"], ["z", "y", "x", "y"])
    [(0, 2), (3, 0)]
    """
    a_at: dict[str, list[int]] = {}
    b_at: dict[str, list[int]] = {}
    for i, key in enumerate(a_keys):
        a_at.setdefault(key, []).append(i)
    for j, key in enumerate(b_keys):
        b_at.setdefault(key, []).append(j)
    return sorted(
        (a[0], b_at[key][0])
        for key, a in a_at.items()
        if len(a) == 1 and len(b_at.get(key, ())) == 1
    )


def _scores(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    anchors: Sequence[tuple[int, int]],
    *,
    scorer: str,
    workers: int,
) -> np.ndarray:
    """The score matrix of the sentences left after anchoring, in place in a full matrix.

    One cdist over the unanchored keys; rows and columns of anchored sentences hold -1
    (never admissible, whatever the threshold).
    """
    scores = np.full((len(a_keys), len(b_keys)), -1.0, dtype=np.float32)
    anchored_a = {i for i, _ in anchors}
    anchored_b = {j for _, j in anchors}
    rest_a = [i for i in range(len(a_keys)) if i not in anchored_a]
    rest_b = [j for j in range(len(b_keys)) if j not in anchored_b]
    if rest_a and rest_b:
        block = score_matrix(
            [a_keys[i] for i in rest_a], [b_keys[j] for j in rest_b], scorer=scorer, workers=workers
        )
        scores[np.ix_(rest_a, rest_b)] = block
    return scores


def match_pairs(scores: np.ndarray, *, threshold: float) -> list[tuple[int, int]]:
    """The optimal one-to-one matching among pairs scoring >= ``threshold``, sorted.

    Maximises the total score (:func:`scipy.optimize.linear_sum_assignment`). Only rows and
    columns with at least one admissible pair enter the solver.

    >>> match_pairs(np.array([[90.0, 80.0], [85.0, 10.0]]), threshold=60)
    [(0, 1), (1, 0)]
    """
    from scipy.optimize import linear_sum_assignment  # slow to import: only when aligning

    allowed = scores >= threshold
    rows = np.flatnonzero(allowed.any(axis=1))
    cols = np.flatnonzero(allowed.any(axis=0))
    if rows.size == 0:
        return []
    sub = scores[np.ix_(rows, cols)].astype(np.float64)
    n, m = scores.shape
    # Prefer, among equal scores, pairs at the same relative position in both texts.
    distance = np.abs((rows[:, None] + 0.5) / n - (cols[None, :] + 0.5) / m)
    weight = np.where(allowed[np.ix_(rows, cols)], sub + 1e-3 - _TIE * distance, 0.0)
    r, c = linear_sum_assignment(weight, maximize=True)
    keep = allowed[rows[r], cols[c]]
    return sorted(zip(rows[r][keep].tolist(), cols[c][keep].tolist(), strict=True))


def find_groups(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    scores: np.ndarray,
    pairs: Sequence[tuple[int, int]],
    *,
    split_threshold: float,
    scorer_fn: Callable[..., float],
) -> tuple[list[Group], list[Group]]:
    """Accepted splits (one A -> several B) and merges (several A -> one B), without overlap.

    Candidates from both directions are accepted greedily, best score first; a candidate that
    touches a sentence already in an accepted group is skipped.

    >>> from rapidfuzz import fuzz
    >>> a, b = ["we act now and we act together"], ["we act now", "and we act together"]
    >>> find_groups(a, b, np.array([[50.0, 76.0]]), [(0, 1)], split_threshold=80, scorer_fn=fuzz.ratio)
    ([Group(score=100.0, single=0, lo=0, hi=1)], [])
    """
    match_a = np.full(len(a_keys), -1)
    match_b = np.full(len(b_keys), -1)
    for i, j in pairs:
        match_a[i], match_b[j] = j, i
    options = {"split_threshold": split_threshold, "scorer_fn": scorer_fn}
    splits = _candidates(a_keys, b_keys, scores, match_a, match_b, **options)
    merges = _candidates(b_keys, a_keys, scores.T, match_b, match_a, **options)
    ranked = sorted(
        [(g.score, 0, g) for g in splits] + [(g.score, 1, g) for g in merges],
        key=lambda t: (-t[0], t[1], t[2].single, t[2].lo),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    accepted: tuple[list[Group], list[Group]] = ([], [])
    for _, direction, g in ranked:
        singles, parts = (used_a, used_b) if direction == 0 else (used_b, used_a)
        span = set(range(g.lo, g.hi + 1))
        if g.single in singles or span & parts:
            continue
        singles.add(g.single)
        parts.update(span)
        accepted[direction].append(g)
    return accepted


def _candidates(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    scores: np.ndarray,
    match_a: np.ndarray,
    match_b: np.ndarray,
    *,
    split_threshold: float,
    scorer_fn: Callable[..., float],
) -> list[Group]:
    """Every A sentence's best group of consecutive B sentences, where one qualifies."""
    n_b = len(b_keys)
    if n_b < 2:
        return []
    free_b = match_b < 0
    best_a = scores.max(axis=1)
    # Only sentences whose best one-to-one score can still be beaten clearly.
    hopeful = np.flatnonzero(best_a + SPLIT_MARGIN <= 100.0)
    masked = np.where(free_b[None, :], scores[hopeful], -1.0)
    out: list[Group] = []
    for row, i in enumerate(hopeful.tolist()):
        j = int(match_a[i])
        if j < 0:
            j = int(masked[row].argmax())
            if masked[row, j] < 0:
                continue
        lo = hi = j
        current = float(scores[i, j])
        while hi - lo + 1 < MAX_PARTS:
            steps = []
            if lo > 0 and free_b[lo - 1]:
                steps.append((lo - 1, hi))
            if hi + 1 < n_b and free_b[hi + 1]:
                steps.append((lo, hi + 1))
            if not steps:
                break
            tried = [(scorer_fn(a_keys[i], " ".join(b_keys[x : y + 1])), x, y) for x, y in steps]
            score, x, y = max(tried, key=lambda t: (t[0], -t[1]))
            if score <= current:
                break
            current, lo, hi = score, x, y
        if hi > lo and current >= split_threshold and current >= best_a[i] + SPLIT_MARGIN:
            # The matrix skips anchored sentences: check the best one-to-one score in full.
            best = process.extractOne(a_keys[i], b_keys, scorer=scorer_fn)
            if current >= best[1] + SPLIT_MARGIN:
                out.append(Group(round(float(current), 2), i, lo, hi))
    return out


def _chars(unit: Unit, a_keys: Sequence[str], b_keys: Sequence[str]) -> int:
    """Characters of a unit's keys on both sides (its weight when choosing what stays put)."""
    return sum(len(a_keys[i]) for i in unit.a) + sum(len(b_keys[j]) for j in unit.b)


def _units(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    scores: np.ndarray,
    pairs: Sequence[tuple[int, int]],
    groups: tuple[list[Group], list[Group]],
) -> list[Unit]:
    """Matched pairs not absorbed by a group, plus the groups, as units of the alignment."""
    splits, merges = groups
    grouped_a = {g.single for g in splits} | {k for g in merges for k in range(g.lo, g.hi + 1)}
    grouped_b = {g.single for g in merges} | {k for g in splits for k in range(g.lo, g.hi + 1)}
    units = [
        Unit((i,), (j,), round(float(scores[i, j]), 2))
        for i, j in pairs
        if i not in grouped_a and j not in grouped_b
    ]
    units += [Unit((g.single,), tuple(range(g.lo, g.hi + 1)), g.score) for g in splits]
    units += [Unit(tuple(range(g.lo, g.hi + 1)), (g.single,), g.score) for g in merges]
    return units
