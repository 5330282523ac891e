"""Scores below the threshold that the split and merge search needs, computed exactly.

Only the admissible pairs (score >= threshold) are known in advance
(:class:`policydrift.compare.groups.PairTable`); :mod:`policydrift.compare.groups` also needs
the best free partner of an unmatched sentence (:func:`seeds`), whether a run of free
sentences is long enough to reach the split threshold (:func:`can_group`) and a sentence's
best score against every single sentence of the other side (:func:`beats_every_single`).
They are computed here in bounded blocks, as a full score matrix would give them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from policydrift.compare.similarity import length_bound, partner_lengths
from rapidfuzz import process

if TYPE_CHECKING:
    from policydrift.compare.groups import PairTable

__all__ = ["LengthIndex", "beats_every_single", "can_group", "seeds"]

_SEED_CELLS = 4_000_000  # scores held at once while looking for the best unmatched partner
_SEED_BATCH = 16
_THREADED_CELLS = 2_000  # fewer scores than this are computed on one thread (threads cost ~1 ms)


def seeds(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    rows: list[int],
    free_b: np.ndarray,
    table: PairTable,
    scorer_fn: Callable[..., float],
    flip: bool,
    workers: int,
) -> dict[int, tuple[int, float]]:
    """For each of ``rows``, its best-scoring free B sentence (the first of equal ones) and
    the float32 score, as a full score matrix would give them.

    Read from the best scored partners (:class:`policydrift.compare.pair_scan.Tops`) where one of them is
    free, adding the exact score of every unscored free sentence whose length could let it
    reach that score; else every free sentence is scored (:func:`_best_free`).
    """
    tops = table.tops
    if tops is None or not rows:
        return _best_free(a_keys, b_keys, rows, np.flatnonzero(free_b), scorer_fn, flip, workers)
    b_len = np.fromiter(map(len, b_keys), np.float64, len(b_keys))
    out: dict[int, tuple[int, float]] = {}
    rest = []
    for i in rows:
        top, score = tops.best(i)
        free = free_b[top]
        if not free.any():
            rest.append(i)
            continue
        k = int(np.argmax(free))
        best_j, best = int(top[k]), float(score[k])
        if table.length_bounded:
            # unscored free sentences, most promising first, until none can reach the best
            extra = np.flatnonzero(free_b & ~tops.scored(i))
            bound = length_bound(len(a_keys[i]), b_len[extra])
            order = np.argsort(-bound, kind="stable")
            extra, bound = extra[order], bound[order]
            for start in range(0, extra.size, _SEED_BATCH):
                if bound[start] < best - 1e-3:
                    break
                batch = extra[start : start + _SEED_BATCH].tolist()
                found = _pair_scores(a_keys[i], [b_keys[j] for j in batch], scorer_fn, flip)
                for j, value in zip(batch, found.tolist(), strict=True):
                    if value > best or (value == best and j < best_j):
                        best_j, best = j, value
        out[i] = (best_j, best)
    out.update(_best_free(a_keys, b_keys, rest, np.flatnonzero(free_b), scorer_fn, flip, workers))
    return out


def _pair_scores(
    key: str, others: list[str], scorer_fn: Callable[..., float], flip: bool
) -> np.ndarray:
    """float32 scores of ``key`` against ``others`` in the comparison's orientation."""
    if flip:
        return process.cdist(others, [key], scorer=scorer_fn, dtype=np.float32, workers=1)[:, 0]
    return process.cdist([key], others, scorer=scorer_fn, dtype=np.float32, workers=1)[0]


def _best_free(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    rows: list[int],
    free: np.ndarray,
    scorer_fn: Callable[..., float],
    flip: bool,
    workers: int,
) -> dict[int, tuple[int, float]]:
    """For each of ``rows``, its best-scoring free B sentence (the first of equal ones) and
    the float32 score, as a full score matrix would give them; in blocks of bounded size."""
    if not rows or free.size == 0:
        return {}
    choices = [b_keys[j] for j in free.tolist()]
    step = max(1, _SEED_CELLS // free.size)
    out: dict[int, tuple[int, float]] = {}
    for start in range(0, len(rows), step):
        block = rows[start : start + step]
        queries = [a_keys[i] for i in block]
        threads = workers if len(block) * free.size > _THREADED_CELLS else 1
        if flip:
            scores = process.cdist(
                choices, queries, scorer=scorer_fn, dtype=np.float32, workers=threads
            ).T
        else:
            scores = process.cdist(
                queries, choices, scorer=scorer_fn, dtype=np.float32, workers=threads
            )
        best = scores.argmax(axis=1)
        for k, i in enumerate(block):
            out[i] = (int(free[best[k]]), float(scores[k, best[k]]))
    return out


def can_group(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    rows: list[int],
    free: np.ndarray,
    t: float,
    max_parts: int,
) -> list[int]:
    """The rows that some run of at most ``max_parts`` consecutive free B sentences is
    long enough to reach ``t`` with (on a length-bounded scorer, a shorter run cannot)."""
    if not rows:
        return []
    lengths = np.array([len(k) + 1 for k in b_keys], dtype=np.int64) * free
    longest = 0
    for size in range(2, max_parts + 1):
        window = np.convolve(lengths, np.ones(size, np.int64), mode="valid")
        runs = np.convolve(free.astype(np.int64), np.ones(size, np.int64), mode="valid") == size
        if runs.any():
            longest = max(longest, int(window[runs].max()) - 1)
    need = partner_lengths(np.array([len(a_keys[i]) for i in rows]), t)[0]
    return [i for i, n in zip(rows, need.tolist(), strict=True) if longest >= n]


class LengthIndex:
    """The other side's keys sorted by length, to score only keys of a possible length."""

    def __init__(self, keys: Sequence[str]) -> None:
        lengths = np.fromiter(map(len, keys), np.int64, len(keys))
        order = np.argsort(lengths, kind="stable")
        self.lengths = lengths[order]
        self.keys = [keys[k] for k in order.tolist()]

    def within(self, length: int, threshold: float) -> list[str]:
        lo, hi = partner_lengths(np.array([length]), threshold)
        a = int(np.searchsorted(self.lengths, lo[0], side="left"))
        b = int(np.searchsorted(self.lengths, hi[0], side="right"))
        return self.keys[a:b]


def beats_every_single(
    key: str,
    others: Sequence[str],
    current: float,
    margin: float,
    scorer_fn: Callable[..., float],
    by_length: LengthIndex | None,
) -> bool:
    """Whether ``current`` beats the best score of ``key`` against every single other key
    (anchored ones included) by ``margin`` points.

    Only keys scoring above ``current - margin`` can refute it, so rapidfuzz is given
    that cutoff (and, for length-bounded scorers, only keys of a length that can reach it).
    """
    cutoff = max(current - margin - 1e-6, 0.0)
    choices = others if by_length is None or cutoff <= 0 else by_length.within(len(key), cutoff)
    best = process.extractOne(key, choices, scorer=scorer_fn, score_cutoff=cutoff)
    return best is None or current >= best[1] + margin
