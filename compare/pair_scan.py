"""Score the pairs of two key lists that can reach a threshold, in blocks, never the whole matrix.

Keys are sorted by length. For a length-bounded scorer (``ratio``: ``score >= t`` needs
``len_short / len_long >= t / (200 - t)``), rows of similar length form a *band* that is
scored (one ``cdist`` call per block of at most ``block_cells`` scores) against the columns
whose length can reach the threshold with them; other pairs are never scored. Any other
scorer gets one band: every pair.

:func:`scan_pairs` keeps, besides the admissible pairs (score >= threshold), the
:data:`TOP_K` best scores of every row and column among the pairs it scored (:class:`Tops`):
the split/merge search (:mod:`policydrift.compare.groups`) needs a few scores below the threshold (the
best unmatched partner of an unmatched sentence), and finds most of them there.
:func:`admissible_pairs` keeps only the admissible pairs and lets rapidfuzz skip work below
the threshold. Blocks are scored and their admissible pairs picked by
:func:`policydrift.compare.similarity.score_block` and :func:`~policydrift.compare.similarity.above`,
the alignment's and ``drift reuse``'s one rule for "pairs at or above a threshold".
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from policydrift.compare.pair_cap import PairCap
from policydrift.compare.similarity import (
    LENGTH_BOUNDED,
    above,
    check_workers,
    get_scorer,
    partner_lengths,
    score_block,
)

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["TOP_K", "PairScan", "Tops", "admissible_pairs", "scan_pairs"]

TOP_K = 8
"""Best scores kept per row and per column by :func:`scan_pairs`."""
_BLOCK_CELLS = 4_000_000  # scores held at once: 16 MB of float32
# Least work of a block (word operations of the bit-parallel LCS, about a nanosecond each).
_MIN_BLOCK_WORK = 4_000_000


@dataclass(frozen=True)
class Tops:
    """The best scored partners of every row and column, and which pairs were scored.

    ``row_top[i]`` holds up to :data:`TOP_K` columns (-1 pads), best score first, ties by
    column; ``row_top_score`` their float32 scores. ``col_top``/``col_top_score`` likewise
    for columns. Row ``i`` was scored against the columns whose position in length order
    (``col_rank``) lies in ``[band_lo[i], band_hi[i])``.
    """

    row_top: np.ndarray
    row_top_score: np.ndarray
    col_top: np.ndarray
    col_top_score: np.ndarray
    band_lo: np.ndarray
    band_hi: np.ndarray
    col_rank: np.ndarray
    flipped: bool = False

    def transposed(self) -> Tops:
        """The same facts with rows and columns swapped."""
        return Tops(
            self.col_top,
            self.col_top_score,
            self.row_top,
            self.row_top_score,
            self.band_lo,
            self.band_hi,
            self.col_rank,
            not self.flipped,
        )

    def best(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Row ``k``'s best scored partners and their scores (no padding)."""
        top, score = self.row_top[k], self.row_top_score[k]
        keep = top >= 0
        return top[keep], score[keep]

    def scored(self, k: int) -> np.ndarray:
        """Mask of the partners that row ``k`` was scored against."""
        if self.flipped:  # k is a column: the rows whose band covers it
            rank = self.col_rank[k]
            return (self.band_lo <= rank) & (rank < self.band_hi)
        return (self.col_rank >= self.band_lo[k]) & (self.col_rank < self.band_hi[k])


@dataclass(frozen=True)
class PairScan:
    """Admissible pairs ``(i, j, score)`` sorted by ``(i, j)``, and the :class:`Tops`."""

    i: np.ndarray
    j: np.ndarray
    score: np.ndarray
    tops: Tops


def _bands(
    a_len: np.ndarray, b_len: np.ndarray, threshold: float, bounded: bool, block_cells: int
) -> list[tuple[int, int, int, int]]:
    """Blocks ``(row0, row1, col0, col1)`` of the length-sorted matrix covering every pair
    whose lengths allow ``threshold``.

    A score costs about ``ceil(len_a / 64) * len_b`` word operations (rapidfuzz's bit-parallel
    LCS), so a band grows over rows of similar length while the work it adds outside the rows'
    own length ranges stays under a tenth of the useful work (plus a small constant that
    keeps cdist calls few).
    """
    n, m = a_len.size, b_len.size
    if not bounded:
        return [(0, n, 0, m)] if n and m else []
    lo, hi = partner_lengths(a_len, threshold)
    starts = np.searchsorted(b_len, lo, side="left")
    ends = np.searchsorted(b_len, hi, side="right")
    col_work = np.concatenate(([0], np.cumsum(b_len + 1)))  # work of a column range, per row word
    row_words = (a_len + 63) // 64 + 1
    useful_row = row_words * (col_work[ends] - col_work[starts])
    out = []
    p = 0
    while p < n:
        q, useful, words = p + 1, int(useful_row[p]), int(row_words[p])
        while q < n:
            width = int(ends[q] - starts[p])
            work = (words + int(row_words[q])) * int(col_work[ends[q]] - col_work[starts[p]])
            if (q + 1 - p) * width > block_cells or work > 1.1 * (useful + useful_row[q]) + 50_000:
                break
            useful += int(useful_row[q])
            words += int(row_words[q])
            q += 1
        out.append((p, q, int(starts[p]), int(max(ends[q - 1], starts[p]))))
        p = q
    return out


def _blocks(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    threshold: float,
    scorer: str,
    workers: int,
    block_cells: int,
    at_least: float | None,
):
    """Yield ``(rows, cols, scores, band, a_order, b_order)`` blocks covering every pair that
    can reach ``threshold`` (rows/cols: original indexes; band: the band's row and column
    positions in length order), in order.

    Bands are cut into blocks of at most ``block_cells`` scores and about half of a
    thread's share of the work, scored on ``workers`` threads at once (rapidfuzz releases the
    GIL; one single-threaded ``cdist`` per block saves starting threads for every call), at
    most two blocks per thread in memory at a time. ``at_least``: as in
    :func:`policydrift.compare.similarity.score_block`.
    """
    a_len = np.fromiter(map(len, a_keys), np.int64, len(a_keys))
    b_len = np.fromiter(map(len, b_keys), np.int64, len(b_keys))
    a_order = np.argsort(a_len, kind="stable")
    b_order = np.argsort(b_len, kind="stable")
    a_sorted = [a_keys[k] for k in a_order.tolist()]
    b_sorted = [b_keys[k] for k in b_order.tolist()]
    bands = _bands(a_len[a_order], b_len[b_order], threshold, scorer in LENGTH_BOUNDED, block_cells)
    a_words = np.concatenate(([0], np.cumsum(a_len[a_order] // 64 + 1)))
    b_chars = np.concatenate(([0], np.cumsum(b_len[b_order] + 1)))
    threads = (os.cpu_count() or 1) if workers == -1 else workers
    total = sum(
        int(a_words[r1] - a_words[r0]) * int(b_chars[c1] - b_chars[c0]) for r0, r1, c0, c1 in bands
    )
    share = max(total / (2 * threads), _MIN_BLOCK_WORK)
    tasks = []
    for band in bands:
        r0, r1, c0, c1 = band
        width = int(b_chars[c1] - b_chars[c0])
        top = r0
        while top < r1:
            # rows up to the cell limit and the work share (at least one row)
            by_cells = top + max(1, block_cells // max(c1 - c0, 1))
            by_work = (
                int(np.searchsorted(a_words, a_words[top] + share / max(width, 1), "right")) - 1
            )
            bottom = min(r1, by_cells, max(by_work, top + 1))
            tasks.append((top, bottom, c0, c1, band))
            top = bottom

    def score(task: tuple) -> np.ndarray | None:
        top, bottom, c0, c1, _ = task
        if c1 == c0:
            return None
        return score_block(a_sorted[top:bottom], b_sorted[c0:c1], scorer=scorer, at_least=at_least)

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=threads) as pool:
        pending: deque = deque()
        for task in tasks:
            pending.append((task, pool.submit(score, task)))
            if len(pending) > 2 * threads:  # at most two blocks per thread in memory
                yield _finished(*pending.popleft(), a_order, b_order)
        while pending:
            yield _finished(*pending.popleft(), a_order, b_order)


def _finished(task: tuple, future: Future, a_order: np.ndarray, b_order: np.ndarray) -> tuple:
    top, bottom, c0, c1, band = task
    return a_order[top:bottom], b_order[c0:c1], future.result(), band, a_order, b_order


def _empty() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)


def _sorted_pairs(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]):
    parts = [p for p in parts if p[0].size]
    if not parts:
        return _empty()
    i, j, s = (np.concatenate([p[k] for p in parts]) for k in range(3))
    order = np.lexsort((j, i))
    return i[order].astype(np.int64), j[order].astype(np.int64), s[order]


def admissible_pairs(
    a_keys: Sequence[str], b_keys: Sequence[str], **options: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair scoring at least ``threshold``: ``(i, j, score)`` arrays, sorted by ``(i, j)``.

    ``options`` are those of :func:`scan_pairs` but ``top``. Exactly the pairs (and float32
    scores) of :func:`policydrift.compare.similarity.score_matrix` that reach the threshold,
    scored in length bands with rapidfuzz skipping work below it. With a ``cap``
    (:class:`policydrift.compare.pair_cap.PairCap`) the pairs go to it as they are scored
    (each sentence keeps its best) and its pairs are returned (none from the collector of a
    subset, :meth:`~policydrift.compare.pair_cap.PairCap.mapped`: they are the whole cap's).

    >>> i, j, s = admissible_pairs(["the cyber threat", "a b"], ["x", "the cyber threats"],
    ...                            threshold=60)
    >>> i.tolist(), j.tolist(), s.round(1).tolist()
    ([0], [1], [97.0])
    """
    scan = scan_pairs(a_keys, b_keys, top=0, **options)
    return scan.i, scan.j, scan.score


def scan_pairs(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    threshold: float,
    scorer: str = "ratio",
    workers: int = -1,
    block_cells: int = _BLOCK_CELLS,
    top: int = TOP_K,
    cap: PairCap | None = None,
) -> PairScan:
    """Every pair scoring at least ``threshold`` (:func:`admissible_pairs`), plus the ``top``
    best scored partners of every row and column (``top=0``: none, and rapidfuzz skips the
    work below the threshold).

    >>> scan = scan_pairs(["the cyber threat", "a b"], ["x", "the cyber threats"], threshold=60)
    >>> scan.i.tolist(), scan.j.tolist()
    ([0], [1])
    >>> top, score = scan.tops.best(1)
    >>> top.tolist(), score.round(1).tolist()
    ([1, 0], [20.0, 0.0])
    """
    check_workers(workers)
    get_scorer(scorer)
    n, m = len(a_keys), len(b_keys)
    parts = []
    row_cand: list[tuple[np.ndarray, ...]] = []
    col_cand: list[tuple[np.ndarray, ...]] = []
    band_lo = np.zeros(n, np.int64)
    band_hi = np.zeros(n, np.int64)
    col_rank = np.zeros(m, np.int64)
    blocks = _blocks(
        a_keys,
        b_keys,
        threshold=threshold,
        scorer=scorer,
        workers=workers,
        block_cells=block_cells,
        at_least=None if top else threshold,
    )
    for rows, cols, scores, (_, _, c0, c1), _, b_order in blocks if n and m else ():
        col_rank[b_order] = np.arange(m)
        band_lo[rows], band_hi[rows] = c0, c1
        if scores is None:
            continue
        _keep(parts, cap, rows, cols, scores, threshold)
        if top:
            row_cand.append(_best_cells(scores, rows, cols, top))
            col_cand.append(_best_cells(scores.T, cols, rows, top))
    row_top, row_score = _top_table(row_cand, n, top)
    col_top, col_score = _top_table(col_cand, m, top)
    tops = Tops(row_top, row_score, col_top, col_score, band_lo, band_hi, col_rank)
    return PairScan(*(cap.pairs() if cap is not None else _sorted_pairs(parts)), tops)


def _keep(
    parts: list, cap: PairCap | None, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray,
    threshold: float,
) -> None:  # fmt: skip
    """The admissible pairs of one block: to the cap when there is one, else kept whole."""
    if cap is not None:
        cap.add_block(rows, cols, scores, threshold)
        return
    r, c, kept = above(scores, threshold)
    parts.append((rows[r], cols[c], kept))


def _best_cells(
    scores: np.ndarray, rows: np.ndarray, cols: np.ndarray, top: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidates for each row's ``top`` best cells: every cell scoring at least the row's
    ``top``-th best score (ties included), as (row, col, score) in original indexes."""
    if scores.shape[1] > top:
        kth = np.partition(scores, scores.shape[1] - top, axis=1)[:, scores.shape[1] - top]
        r, c = np.nonzero(scores >= kth[:, None])
    else:
        r, c = np.nonzero(np.ones(scores.shape, dtype=bool))
    return rows[r], cols[c], scores[r, c]


def _top_table(
    candidates: list[tuple[np.ndarray, ...]], n: int, top: int
) -> tuple[np.ndarray, np.ndarray]:
    """The ``top`` best (score, then lowest partner) of each of ``n`` rows, -1 padded."""
    table = np.full((n, top), -1, np.int64)
    table_score = np.full((n, top), -1.0, np.float32)
    if not candidates:
        return table, table_score
    row, col, score = (np.concatenate([c[k] for c in candidates]) for k in range(3))
    order = np.lexsort((col, -score, row))
    row, col, score = row[order], col[order], score[order]
    first = np.searchsorted(row, row, side="left")
    rank = np.arange(row.size) - first
    keep = rank < top
    table[row[keep], rank[keep]] = col[keep]
    table_score[row[keep], rank[keep]] = score[keep]
    return table, table_score
