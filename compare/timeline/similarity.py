"""The similarity of editions: share of their words lying in sentences they share.

:class:`Similarity` holds every pair of editions sharing something as a sparse symmetric
matrix (the work grows with those pairs, done in scipy's C code). What the timeline *lists*
is bounded: each series' own matrix (:meth:`Similarity.dense`, the square of that series'
editions) and, across the corpus, each edition's :data:`CLOSEST` most similar editions
(:meth:`Similarity.pairs`, at most ``CLOSEST`` times the editions). Boilerplate shared by
every statement would otherwise make that list every pair of the corpus: 195,568 of the
499,500 pairs of the benchmark's 1,000 synthetic statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["CLOSEST", "Similarity", "round4"]

CLOSEST = 50
"""How many of its most similar editions each edition lists across the corpus (ties: the
earlier edition first). A report of up to ``CLOSEST + 1`` editions lists every pair."""


def round4(values: np.ndarray) -> np.ndarray:
    """``round(v, 4)`` of each value, as Python rounds it (the exact binary value, halves to
    even), vectorised: numpy's ``round`` scales by 10,000 first, so it can differ on values
    within a rounding error of a half; those few are rounded by Python.

    >>> round4(np.array([0.12345, 0.5, 2.675e-4, 1 / 3])).tolist() == [
    ...     round(v, 4) for v in (0.12345, 0.5, 2.675e-4, 1 / 3)]
    True
    """
    values = np.asarray(values, dtype=np.float64)
    out = np.round(values, 4)
    scaled = values * 1e4
    near = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for k in np.flatnonzero(near).tolist():
        out[k] = round(float(values[k]), 4)
    return out


class Similarity:
    """Similarity of pairs of editions, sparse and symmetric, rounded to 4 decimals.

    Pairs not held share nothing (0.0); an edition is 1.0 to itself.

    >>> s = Similarity(3, np.array([0]), np.array([2]), np.array([0.5]))
    >>> s.dense([0, 2]), s.dense([1, 2])
    (((1.0, 0.5), (0.5, 1.0)), ((1.0, 0.0), (0.0, 1.0)))
    >>> s.pairs()
    ((0, 2, 0.5),)
    """

    def __init__(self, n: int, a: np.ndarray, b: np.ndarray, share: np.ndarray) -> None:
        """Pairs ``a[k] != b[k]`` sharing ``share[k]`` (each pair once, in either order)."""
        a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
        share = np.asarray(share, np.float64)
        self.n, self.matrix = n, _symmetric(n, a, b, share)

    @classmethod
    def from_matched(cls, matched: Any, totals: np.ndarray) -> Similarity:
        """From ``matched[a, b]``, the words of edition ``a`` lying in sentences ``b`` shares
        (a scipy sparse matrix, nothing on its diagonal), and each edition's words:
        (words of a matched in b + of b in a) / (words of a + of b)."""
        n = matched.shape[0]
        both = (matched + matched.T).tocsr()  # each row's indices in any order
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(both.indptr))
        total = totals[rows] + totals[both.indices]
        raw = np.divide(both.data, total, out=np.zeros_like(both.data), where=total > 0)
        both.data = round4(raw)
        both.eliminate_zeros()
        out = cls.__new__(cls)
        out.n, out.matrix = n, both
        return out

    def pairs(self, closest: int = CLOSEST) -> tuple[tuple[int, int, float], ...]:
        """Each edition's ``closest`` most similar editions (ties: the earlier first), as
        (a, b, share) with a < b, sorted, each pair once.

        >>> a, b = np.array([0, 0, 1, 0, 2]), np.array([1, 2, 2, 3, 3])
        >>> s = Similarity(4, a, b, np.array([0.2, 0.4, 0.3, 0.1, 0.5]))
        >>> s.pairs(closest=1)
        ((0, 2, 0.4), (1, 2, 0.3), (2, 3, 0.5))
        >>> len(s.pairs(closest=3))
        5
        """
        m = self.matrix
        counts = np.diff(m.indptr)
        keep = np.ones(m.nnz, dtype=bool)
        for row in np.flatnonzero(counts > closest).tolist():
            lo, hi = int(m.indptr[row]), int(m.indptr[row + 1])
            shares = m.data[lo:hi]
            least = np.partition(shares, shares.size - closest)[shares.size - closest]
            mine = shares > least
            tied = np.flatnonzero(shares == least)  # the earlier editions first
            tied = tied[np.argsort(m.indices[lo:hi][tied], kind="stable")]
            mine[tied[: closest - int(mine.sum())]] = True
            keep[lo:hi] = mine
        rows = np.repeat(np.arange(self.n, dtype=np.int64), counts)
        a, b, share = rows[keep], m.indices[keep].astype(np.int64), m.data[keep]
        upper = a < b
        # a pair listed by its lower edition or by its higher one only
        codes = np.concatenate((a[upper] * self.n + b[upper], b[~upper] * self.n + a[~upper]))
        values = np.concatenate((share[upper], share[~upper]))
        codes, first = np.unique(codes, return_index=True)
        # tolist() gives Python ints and floats already
        return tuple(
            zip(
                (codes // self.n).tolist(),
                (codes % self.n).tolist(),
                values[first].tolist(),
                strict=True,
            )
        )

    def dense(self, picks: Sequence[int]) -> tuple[tuple[float, ...], ...]:
        """The full matrix over the editions ``picks`` (in that order)."""
        at = np.asarray(picks, dtype=np.int64)
        out = self.matrix[at][:, at].toarray()
        np.fill_diagonal(out, 1.0)
        return tuple(tuple(row) for row in out.tolist())


def _symmetric(n: int, a: np.ndarray, b: np.ndarray, values: np.ndarray):  # noqa: ANN202
    """The n x n CSR matrix holding ``values[k]`` at (a, b) and (b, a), the values of
    repeated places summed; the diagonal left out."""
    from scipy.sparse import csr_matrix

    off = a != b
    a, b, values = a[off], b[off], values[off]
    return csr_matrix(
        (np.concatenate((values, values)), (np.concatenate((a, b)), np.concatenate((b, a)))),
        shape=(n, n),
    )  # repeated places summed
