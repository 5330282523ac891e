"""The similarity of editions: share of their words lying in sentences they share.

Every pair of editions sharing a sentence has a share, and boilerplate shared by every
statement makes that every pair of the corpus (18.8 million ordered pairs of the benchmark's
5,000 synthetic statements). :meth:`Similarity.from_matched` works them out a block of
editions at a time, in scipy's C code, and keeps only what the timeline shows: the pairs
within a series (each series' matrix, :meth:`Similarity.dense`) and each edition's
:data:`CLOSEST` most similar editions (:meth:`Similarity.pairs`). Memory grows with a block
and with what is kept, never with the square of the corpus; the work in C still grows with
the pairs sharing a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

__all__ = ["BLOCK", "CLOSEST", "MatchedWords", "Similarity", "round4"]

CLOSEST = 50
"""How many of its most similar editions each edition lists across the corpus (ties: the
earlier edition first). A report of up to ``CLOSEST + 1`` editions lists every pair."""

BLOCK = 512
"""Editions whose shares are worked out at once (memory: a block's pairs)."""


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


class MatchedWords:
    """``matched[a, b]``, the words of edition ``a`` lying in sentences edition ``b`` shares,
    as the product ``left @ right.T`` of two sparse (editions x something) tables, read a
    block of editions at a time; ``totals``: each edition's words.

    >>> from scipy.sparse import csr_matrix, identity
    >>> m = MatchedWords(csr_matrix(np.array([[0.0, 3.0], [1.0, 0.0]])), identity(2), np.ones(2))
    >>> m.both(0, 2).toarray().tolist()  # matched[a, b] + matched[b, a], nothing on the diagonal
    [[0.0, 4.0], [4.0, 0.0]]
    """

    def __init__(self, left: Any, right: Any, totals: np.ndarray) -> None:
        self.left, self.right = left.tocsr(), right.tocsr()
        self.left_t, self.right_t = left.T.tocsr(), right.T.tocsr()
        self.totals = np.asarray(totals, dtype=np.float64)
        self.n = self.left.shape[0]

    def both(self, lo: int, hi: int) -> Any:
        """Rows ``lo:hi`` of ``matched + matched.T`` (CSR), the diagonal left out."""
        block = (self.left[lo:hi] @ self.right_t + self.right[lo:hi] @ self.left_t).tocsr()
        block.data[_rows(block, lo) == block.indices] = 0.0
        block.eliminate_zeros()
        return block


class Similarity:
    """Similarity of editions, sparse and symmetric, rounded to 4 decimals: the pairs within
    a group (a series) and each edition's ``closest`` most similar editions.

    Pairs not held share nothing (0.0), or are neither in one group nor among the closest;
    an edition is 1.0 to itself.

    >>> a, b = np.array([0, 0, 1, 0, 2]), np.array([1, 2, 2, 3, 3])
    >>> s = Similarity.from_shares(4, a, b, np.array([0.2, 0.4, 0.3, 0.1, 0.5]), closest=1)
    >>> s.pairs()  # 0 and 2, 1 and 2, 2 and 3: each one's closest
    ((0, 2, 0.4), (1, 2, 0.3), (2, 3, 0.5))
    >>> s.dense([0, 2]), s.dense([0, 1])  # 0 and 1: not held (in no group, not the closest)
    (((1.0, 0.4), (0.4, 1.0)), ((1.0, 0.0), (0.0, 1.0)))
    """

    def __init__(self, n: int, matrix: Any, listed: np.ndarray, listed_share: np.ndarray) -> None:
        """``matrix``: the shares held (n x n CSR, symmetric); ``listed``: codes ``a * n + b``
        (``a < b``) of the pairs :meth:`pairs` lists, sorted, and their shares."""
        self.n, self.matrix = n, matrix
        self.listed, self.listed_share = listed, listed_share

    @classmethod
    def from_matched(
        cls,
        matched: MatchedWords,
        groups: np.ndarray | None = None,
        *,
        closest: int = CLOSEST,
        block: int = BLOCK,
        progress: Callable[[int, int], None] | None = None,
    ) -> Similarity:
        """(words of a matched in b + of b in a) / (words of a + of b), block by block;
        ``groups``: each edition's group (its series; None: one group each), whose pairs are
        all kept; ``progress(editions done, editions)`` after each block."""

        def shares(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            both = matched.both(lo, hi)
            rows, cols = _rows(both, lo), both.indices.astype(np.int64)
            total = matched.totals[rows] + matched.totals[cols]
            raw = np.divide(both.data, total, out=np.zeros_like(both.data), where=total > 0)
            return rows, cols, round4(raw)

        return cls._kept(matched.n, shares, groups, closest, block, progress)

    @classmethod
    def from_shares(
        cls,
        n: int,
        a: np.ndarray,
        b: np.ndarray,
        share: np.ndarray,
        groups: np.ndarray | None = None,
        *,
        closest: int = CLOSEST,
    ) -> Similarity:
        """From the shares of pairs ``a[k] != b[k]`` (each pair once, in either order)."""
        a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
        whole = _symmetric(n, a, b, np.asarray(share, np.float64))

        def shares(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            part = whole[lo:hi]
            return _rows(part, lo), part.indices.astype(np.int64), part.data

        return cls._kept(n, shares, groups, closest, BLOCK, None)

    @classmethod
    def _kept(
        cls,
        n: int,
        shares: Callable[[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]],
        groups: np.ndarray | None,
        closest: int,
        block: int,
        progress: Callable[[int, int], None] | None,
    ) -> Similarity:
        group = np.arange(n) if groups is None else np.asarray(groups, dtype=np.int64)
        kept_rows, kept_cols, kept_shares, listed, listed_share = [], [], [], [], []
        for lo in range(0, n, block):
            hi = min(n, lo + block)
            rows, cols, share = shares(lo, hi)
            some = share > 0
            rows, cols, share = rows[some], cols[some], share[some]
            top = _closest(rows, cols, share, closest)
            keep = top | (group[rows] == group[cols])
            kept_rows.append(rows[keep])
            kept_cols.append(cols[keep])
            kept_shares.append(share[keep])
            listed.append(rows[top] * n + cols[top])
            listed_share.append(share[top])
            if progress is not None:
                progress(hi, n)
        empty, nothing = [np.zeros(0, np.int64)], [np.zeros(0)]
        rows, cols = np.concatenate(kept_rows or empty), np.concatenate(kept_cols or empty)
        # a pair kept from either of its rows is held both ways, once
        held, share = _once(n, rows * n + cols, np.concatenate(kept_shares or nothing))
        listed, listed_share = _once(
            n, np.concatenate(listed or empty), np.concatenate(listed_share or nothing)
        )
        return cls(n, _symmetric(n, held // n, held % n, share), listed, listed_share)

    def pairs(self) -> tuple[tuple[int, int, float], ...]:
        """Each edition's closest editions, as (a, b, share) with a < b, sorted, each pair
        once (a pair listed by either of its editions)."""
        a, b = self.listed // self.n, self.listed % self.n
        # tolist() gives Python ints and floats already
        return tuple(zip(a.tolist(), b.tolist(), self.listed_share.tolist(), strict=True))

    def dense(self, picks: Sequence[int]) -> tuple[tuple[float, ...], ...]:
        """The matrix over the editions ``picks`` (in that order): whole for editions of one
        group, or for a report of at most ``closest + 1`` editions."""
        at = np.asarray(picks, dtype=np.int64)
        out = self.matrix[at][:, at].toarray()
        np.fill_diagonal(out, 1.0)
        return tuple(tuple(row) for row in out.tolist())


def _closest(rows: np.ndarray, cols: np.ndarray, share: np.ndarray, closest: int) -> np.ndarray:
    """Which entries are among their row's ``closest`` largest shares (ties: the lower
    column first); ``rows`` come in runs, one per row."""
    keep = np.ones(rows.size, dtype=bool)
    if not rows.size:
        return keep
    starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
    ends = np.append(starts[1:], rows.size)
    for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True):
        if hi - lo <= closest:
            continue
        mine = share[lo:hi]
        least = np.partition(mine, mine.size - closest)[mine.size - closest]
        above = mine > least
        tied = np.flatnonzero(mine == least)
        tied = tied[np.argsort(cols[lo:hi][tied], kind="stable")]
        above[tied[: closest - int(above.sum())]] = True
        keep[lo:hi] = above
    return keep


def _rows(block: Any, lo: int) -> np.ndarray:
    """The row (edition) of each entry of the CSR rows ``lo:...`` of a matrix."""
    return np.repeat(np.arange(lo, lo + block.shape[0], dtype=np.int64), np.diff(block.indptr))


def _once(n: int, codes: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes ``a * n + b`` of pairs, each pair once as ``a < b`` (sorted), with its value."""
    a, b = codes // n, codes % n
    once, first = np.unique(np.minimum(a, b) * n + np.maximum(a, b), return_index=True)
    return once, values[first]


def _symmetric(n: int, a: np.ndarray, b: np.ndarray, values: np.ndarray) -> Any:
    """The n x n CSR matrix holding ``values[k]`` at (a, b) and at (b, a)."""
    from scipy.sparse import csr_matrix

    return csr_matrix(
        (np.concatenate((values, values)), (np.concatenate((a, b)), np.concatenate((b, a)))),
        shape=(n, n),
    )
