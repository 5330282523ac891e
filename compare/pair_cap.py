"""The cap on admissible pairs: each sentence keeps its :data:`PAIR_CAP` best partners.

When nearly every pair passes the threshold (template-like lines: "Line 123: the committee
reviewed section 45..."), the admissible pairs grow with the square of the sentences: two
0.6 MB files gave 36 million pairs, 12.6 GB and 105 s. The alignment needs far fewer: the
one-to-one matching pairs each sentence with one partner, and a sentence's best partners are
among its best-scored ones. So a pair is kept when it is among the :data:`PAIR_CAP` best of
its old sentence *or* of its new sentence (score first, then the lower partner index: the
same pairs every run); the others are dropped as they are scored, block by block, so memory
stays within ``PAIR_CAP`` x (old + new) pairs plus one block.

Exactness: when no sentence has more than ``PAIR_CAP`` admissible partners nothing is dropped,
and the alignment is exactly the uncapped one. When some have more, the comparison says so
(:attr:`PairCap.capped`: how many sentences were cut), since the matching then chooses among
each sentence's best partners only.
"""

from __future__ import annotations

import numpy as np

__all__ = ["PAIR_CAP", "PairCap", "best_pairs"]

PAIR_CAP = 50
"""Admissible partners kept per sentence (its best), on either side."""


def best_pairs(i: np.ndarray, j: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """Mask of the pairs among the ``k`` best of their ``i`` or of their ``j``.

    Best: higher score, then lower partner index. Below, (0, 2) is neither row 0's best (95)
    nor column 2's (99); (0, 0) is column 0's only pair.

    >>> i, j = np.array([0, 0, 0, 1]), np.array([0, 1, 2, 2])
    >>> best_pairs(i, j, np.array([90.0, 95.0, 70.0, 99.0], np.float32), 1).tolist()
    [True, True, False, True]
    """
    keep = np.zeros(i.size, dtype=bool)
    if not i.size:
        return keep
    _, rank = np.unique(-np.asarray(score, np.float64), return_inverse=True)  # 0: the best
    rank = rank.astype(np.int64).reshape(-1)
    for own, other in ((i, j), (j, i)):
        order = _ranked(np.asarray(own, np.int64), rank, np.asarray(other, np.int64))
        ranked = own[order]
        start = np.ones(ranked.size, dtype=bool)
        start[1:] = ranked[1:] != ranked[:-1]
        first = np.maximum.accumulate(np.where(start, np.arange(ranked.size), 0))
        keep[order[np.arange(ranked.size) - first < k]] = True
    return keep


def _ranked(own: np.ndarray, rank: np.ndarray, other: np.ndarray) -> np.ndarray:
    """The order by ``own``, then ``rank`` (score rank), then ``other``: one sort of a packed
    64-bit key when the three fit (always, below a million sentences), else ``lexsort``."""
    bits = [max(1, int(x.max()).bit_length()) for x in (own, rank, other)]
    if sum(bits) > 63:
        return np.lexsort((other, rank, own))
    key = (own << (bits[1] + bits[2])) | (rank << bits[2]) | other
    return np.argsort(key, kind="stable")


class PairCap:
    """Collects admissible pairs of ``n_a`` x ``n_b`` sentences, keeping each one's best ``k``.

    Pairs come in any order and grouping (blocks of a scan); :meth:`pairs` gives exactly the
    pairs that :func:`best_pairs` would keep of all of them at once (a pair among a sentence's
    ``k`` best overall is among its ``k`` best in any subset holding it).

    >>> cap = PairCap(2, 3, k=1)
    >>> cap.add(np.array([0, 0]), np.array([0, 1]), np.array([90.0, 95.0], np.float32))
    >>> cap.add(np.array([0, 1]), np.array([2, 2]), np.array([70.0, 99.0], np.float32))
    >>> [a.tolist() for a in cap.pairs()], cap.capped
    ([[0, 0, 1], [0, 1, 2], [90.0, 95.0, 99.0]], 2)
    """

    def __init__(self, n_a: int, n_b: int, *, k: int = PAIR_CAP) -> None:
        if k < 1:
            msg = f"k must be at least 1: {k!r}"
            raise ValueError(msg)
        self.k = k
        self._count_a = np.zeros(n_a, np.int64)
        self._count_b = np.zeros(n_b, np.int64)
        self._parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._held = 0

    def add(self, i: np.ndarray, j: np.ndarray, score: np.ndarray) -> None:
        """Take some admissible pairs (indexes into the whole key lists)."""
        if not i.size:
            return
        self._count_a += np.bincount(i, minlength=self._count_a.size)
        self._count_b += np.bincount(j, minlength=self._count_b.size)
        self._keep(i, j, score)

    def add_block(
        self, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, threshold: float
    ) -> None:
        """Take the admissible cells of a dense block of scores (``rows`` x ``cols``).

        Only cells among the ``k`` best of their row or column (ties included) can be kept,
        found with a partial sort of the block, which is much cheaper than ranking every
        admissible pair.
        """
        passing = scores >= threshold
        self._count_a[rows] += passing.sum(axis=1)
        self._count_b[cols] += passing.sum(axis=0)
        k = self.k
        best = np.zeros(scores.shape, dtype=bool)
        if scores.shape[1] > k:
            kth = np.partition(scores, scores.shape[1] - k, axis=1)[:, scores.shape[1] - k]
            best |= scores >= kth[:, None]
        else:
            best[:] = True
        if scores.shape[0] > k:
            kth = np.partition(scores, scores.shape[0] - k, axis=0)[scores.shape[0] - k, :]
            best |= scores >= kth[None, :]
        else:
            best[:] = True
        r, c = np.nonzero(passing & best)
        if r.size:
            self._keep(rows[r], cols[c], scores[r, c])

    def _keep(self, i: np.ndarray, j: np.ndarray, score: np.ndarray) -> None:
        keep = best_pairs(i, j, score, self.k)
        self._parts.append((i[keep].astype(np.int64), j[keep].astype(np.int64), score[keep]))
        self._held += int(keep.sum())
        if self._held > 4 * self.k * (self._count_a.size + self._count_b.size):
            self._parts = [self._merged()]  # never much more than the cap in memory
            self._held = self._parts[0][0].size

    def mapped(self, rows: np.ndarray, cols: np.ndarray) -> _Mapped:
        """A collector for a subset: local indexes ``r, c`` stand for ``rows[r], cols[c]``."""
        return _Mapped(self, rows, cols)

    def _merged(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self._parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        i, j, s = (np.concatenate(parts) for parts in zip(*self._parts, strict=True))
        keep = best_pairs(i, j, s, self.k)
        return i[keep], j[keep], s[keep]

    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The kept pairs ``(i, j, score)``, sorted by ``(i, j)``."""
        i, j, s = self._merged()
        order = np.lexsort((j, i))
        return i[order], j[order], s[order].astype(np.float32, copy=False)

    @property
    def capped(self) -> int:
        """Sentences (either side) that had more admissible partners than the cap."""
        return int((self._count_a > self.k).sum() + (self._count_b > self.k).sum())


class _Mapped:
    """Passes a subset's pairs on to the whole cap, whose :meth:`PairCap.pairs` holds them."""

    def __init__(self, cap: PairCap, rows: np.ndarray, cols: np.ndarray) -> None:
        self.cap, self.rows, self.cols = cap, rows, cols

    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """None here: the kept pairs are the whole cap's."""
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)

    def add(self, i: np.ndarray, j: np.ndarray, score: np.ndarray) -> None:
        self.cap.add(self.rows[i], self.cols[j], score)

    def add_block(
        self, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, threshold: float
    ) -> None:
        self.cap.add_block(self.rows[rows], self.cols[cols], scores, threshold)
