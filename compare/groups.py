"""Split and merged sentences: one sentence against consecutive sentences of the other side.

A sentence is scored against the concatenation of consecutive sentences of the other side,
grown one neighbour at a time from its partner (or, if unmatched, its best unmatched sentence)
over neighbours that the matching left unmatched and that belong to the sentence
(:func:`belongs`: most of their words are the sentence's; a character score alone lets an
unrelated sentence fill the gap a revision left). A group is kept when its score reaches
``split_threshold`` and beats the sentence's best one-to-one score by at least
:data:`SPLIT_MARGIN` points. Candidates from both directions are accepted greedily, best
score first; a candidate that touches a sentence already in an accepted group is skipped.

Only the admissible pairs (score >= threshold) are known in advance (:class:`PairTable`); the
few scores below the threshold that the search needs (the best unmatched partner of an
unmatched sentence, a sentence's best score over the whole other side) are computed exactly,
in bounded blocks, by :mod:`policydrift.compare.group_scores`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from policydrift.compare.group_scores import LengthIndex, beats_every_single, can_group, seeds
from policydrift.compare.pair_scan import Tops
from policydrift.compare.themes.words import STOPWORDS

__all__ = [
    "MAX_PARTS",
    "SPLIT_MARGIN",
    "Group",
    "PairTable",
    "belongs",
    "find_groups",
    "grow_group",
    "stems_of",
]

# A split/merge must beat the best one-to-one score of its single sentence by this many points.
SPLIT_MARGIN = 5.0
# At most this many consecutive sentences form one split/merged row.
MAX_PARTS = 8
# A part belongs to a sentence when at least this share of its words are the sentence's.
PART_SHARE = 0.5
_STEM = 5  # words are compared on their first letters (welcome/welcomed, member/members)


@dataclass(frozen=True)
class Group:
    """One sentence of side A against the consecutive sentences ``lo..hi`` of side B."""

    score: float
    single: int
    lo: int
    hi: int


@dataclass(frozen=True)
class PairTable:
    """The admissible pairs ``(i, j, score)`` of A x B, sorted by ``(i, j)``, plus what the
    group search must know about them: anchored sentences (pinned identical keys, scored 100
    and never hopeful) and whether the scorer's scores are bounded by the key lengths."""

    i: np.ndarray
    j: np.ndarray
    score: np.ndarray
    anchored_a: np.ndarray  # bool per A sentence
    anchored_b: np.ndarray  # bool per B sentence
    length_bounded: bool
    tops: Tops | None = None  # best scored partners, in full-list indexes, when every pair
    # that can reach the threshold was scored
    single_best: tuple[np.ndarray, np.ndarray] | None = None  # best score of each A and each
    # B sentence against any single sentence of the other side, when every pair was scored

    def transposed(self) -> PairTable:
        order = np.lexsort((self.i, self.j))
        return PairTable(
            self.j[order],
            self.i[order],
            self.score[order],
            self.anchored_b,
            self.anchored_a,
            self.length_bounded,
            None if self.tops is None else self.tops.transposed(),
            None if self.single_best is None else self.single_best[::-1],
        )

    def best(self) -> np.ndarray:
        """Best admissible score of each A sentence (-1 where it has none; 100 if anchored)."""
        best = np.full(self.anchored_a.size, -1.0)
        np.maximum.at(best, self.i, self.score.astype(np.float64))
        best[self.anchored_a] = 100.0
        return best

    def lookup(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        """The float32 scores of admissible pairs (100.0 for anchored pairs)."""
        n_b = max(self.anchored_b.size, 1)
        codes = self.i * n_b + self.j
        out = []
        for i, j in pairs:
            if self.anchored_a[i]:
                out.append(100.0)
                continue
            k = int(np.searchsorted(codes, i * n_b + j))
            out.append(float(self.score[k]))
        return out


def find_groups(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    table: PairTable,
    pairs: Sequence[tuple[int, int]],
    *,
    split_threshold: float,
    scorer_fn: Callable[..., float],
    workers: int = -1,
) -> tuple[list[Group], list[Group]]:
    """Accepted splits (one A -> several B) and merges (several A -> one B), without overlap.

    ``pairs`` is the one-to-one matching (anchored pairs included).

    >>> from rapidfuzz import fuzz
    >>> a, b = ["we act now and we act together"], ["we act now", "and we act together"]
    >>> table = PairTable(np.array([0]), np.array([1]), np.array([76.0], np.float32),
    ...                   np.zeros(1, bool), np.zeros(2, bool), True)
    >>> find_groups(a, b, table, [(0, 1)], split_threshold=80, scorer_fn=fuzz.ratio)
    ([Group(score=100.0, single=0, lo=0, hi=1)], [])
    """
    match_a = np.full(len(a_keys), -1)
    match_b = np.full(len(b_keys), -1)
    for i, j in pairs:
        match_a[i], match_b[j] = j, i
    options = {"split_threshold": split_threshold, "scorer_fn": scorer_fn, "workers": workers}
    splits = _candidates(a_keys, b_keys, table, match_a, match_b, flip=False, **options)
    merges = _candidates(b_keys, a_keys, table.transposed(), match_b, match_a, flip=True, **options)
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
    table: PairTable,
    match_a: np.ndarray,
    match_b: np.ndarray,
    *,
    flip: bool,
    split_threshold: float,
    scorer_fn: Callable[..., float],
    workers: int,
) -> list[Group]:
    """Every A sentence's best group of consecutive B sentences, where one qualifies.

    ``flip``: A is the comparison's new side, so pair scores are computed as ``(b, a)``.
    """
    n_b = len(b_keys)
    if n_b < 2:
        return []
    free_b = match_b < 0
    best_a = table.best()
    # Only sentences whose best one-to-one score can still be beaten clearly (a sentence
    # without admissible pair has a best score below the threshold: it is tried, and the
    # exact check below decides).
    hopeful = np.flatnonzero(best_a + SPLIT_MARGIN <= 100.0).tolist()
    unmatched = [i for i in hopeful if match_a[i] < 0]
    if table.length_bounded:
        unmatched = can_group(a_keys, b_keys, unmatched, free_b, split_threshold, MAX_PARTS)
    seeded = seeds(a_keys, b_keys, unmatched, free_b, table, scorer_fn, flip, workers)
    matched = [(i, int(match_a[i])) for i in hopeful if match_a[i] >= 0]
    matched_scores = dict(zip([i for i, _ in matched], table.lookup(matched), strict=True))
    out: list[Group] = []
    by_length = LengthIndex(b_keys) if table.length_bounded else None
    for i in hopeful:
        if match_a[i] >= 0:
            j, current = int(match_a[i]), matched_scores[i]
        elif i in seeded:
            j, current = seeded[i]
        else:
            continue
        current, lo, hi = grow_group(a_keys[i], b_keys, free_b, j, current, scorer_fn)
        if (
            hi > lo
            and current >= split_threshold
            and current >= best_a[i] + SPLIT_MARGIN
            and (
                current >= table.single_best[0][i] + SPLIT_MARGIN
                if table.single_best is not None
                else beats_every_single(
                    a_keys[i], b_keys, current, SPLIT_MARGIN, scorer_fn, by_length
                )
            )
        ):
            out.append(Group(round(float(current), 2), i, lo, hi))
    return out


def grow_group(
    key: str,
    b_keys: Sequence[str],
    free_b: np.ndarray,
    j: int,
    score: float,
    scorer_fn: Callable[..., float],
) -> tuple[float, int, int]:
    """``key``'s best run ``lo..hi`` of consecutive B sentences grown from its partner ``j``
    (scored ``score``) one free neighbour that :func:`belongs` to it at a time, while the
    joined run scores higher; with the run's score. Up to :data:`MAX_PARTS` sentences; of two
    equal steps, the one before.

    >>> from rapidfuzz import fuzz
    >>> grow_group("a b c", ["a", "b c", "x"], np.array([True, True, True]), 1, 50.0, fuzz.ratio)
    (100.0, 0, 1)
    """
    lo = hi = j
    stems: frozenset[str] | None = None  # made when a neighbour is free (most have none)
    while hi - lo + 1 < MAX_PARTS:
        steps = []
        if lo > 0 and free_b[lo - 1]:
            steps.append((lo - 1, hi))
        if hi + 1 < len(b_keys) and free_b[hi + 1]:
            steps.append((lo, hi + 1))
        if steps:
            stems = stems_of(key) if stems is None else stems
            steps = [(x, y) for x, y in steps if belongs(b_keys[x if x < lo else y], stems)]
        if not steps:
            break
        tried = [(scorer_fn(key, " ".join(b_keys[x : y + 1])), x, y) for x, y in steps]
        best, x, y = max(tried, key=lambda t: (t[0], -t[1]))
        if best <= score:
            break
        score, lo, hi = best, x, y
    return score, lo, hi


def belongs(part: str, stems: frozenset[str]) -> bool:
    """Whether at least :data:`PART_SHARE` of the words of ``part`` (its words other than
    function words, if it has any) are among ``stems``, a sentence's :func:`stems_of`.

    >>> stems = stems_of("previously participating members welcomed argentina and chad")
    >>> belongs("previously participating members", stems)
    True
    >>> belongs("we are committed to working with our partners", stems)
    False
    """
    words = part.split()
    content = [w for w in words if w not in STOPWORDS] or words
    if not content:
        return False
    found = sum(w[:_STEM] in stems for w in content)
    return found >= PART_SHARE * len(content)


def stems_of(key: str) -> frozenset[str]:
    """The first letters of each word of ``key``, as :func:`belongs` compares words."""
    return frozenset(w[:_STEM] for w in key.split())
