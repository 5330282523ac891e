"""Sentence similarity: one vectorised rapidfuzz call for every pair of comparison keys.

The keys are already normalised (:func:`corpus.normalize.normalise_key`), so no processor is
applied. Scores are 0-100 as rapidfuzz returns them, in a float32 matrix ``old x new``.

Why ``ratio`` is the default scorer (``benchmarks/measure_scorers.py``: all 2,482 labelled
sentence pairs of 7 consecutive edition pairs, continuation notices 2021-2024 and Cybersecurity
Awareness Month proclamations 2021-2025, plus 444 real sentences of >= 16 words):

- ``ratio`` separates best: highest unrelated pair 59.1, 34 true pairs all >= 70 but two
  rewrites (54.7, 61.3). Aligned at threshold 60: 0 false pairs, 1 true pair missed.
  ``token_sort_ratio`` does as well only at 65 (0 false, 1 missed; 5 false at 60), and
  ignores word order, so a reordered sentence would score 100.
- ``token_set_ratio``, ``partial_ratio`` and ``WRatio`` give a sentence against the first
  half of itself a median of 100 (90 for WRatio): a fragment looks identical to the whole,
  so splits and merges cannot be told apart, and short boilerplate fragments align with
  long sentences (14-72 false aligned pairs at threshold 60-65). ``QRatio`` is ``ratio``
  here (the keys are already normalised).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

# The scorers a user may choose by name; all are symmetric 0-100 similarities.
SCORERS: dict[str, Callable[..., float]] = {
    "ratio": fuzz.ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_set_ratio": fuzz.token_set_ratio,
    "token_ratio": fuzz.token_ratio,
    "partial_ratio": fuzz.partial_ratio,
    "WRatio": fuzz.WRatio,
    "QRatio": fuzz.QRatio,
}


def get_scorer(name: str) -> Callable[..., float]:
    """The rapidfuzz scorer called ``name`` (one of :data:`SCORERS`).

    >>> get_scorer("ratio")("cyber threat", "cyber threats") > 90
    True
    """
    try:
        return SCORERS[name]
    except KeyError:
        msg = f"scorer must be one of {', '.join(sorted(SCORERS))}: {name!r}"
        raise ValueError(msg) from None


def check_workers(workers: int) -> int:
    """Return ``workers`` if rapidfuzz accepts it (-1 = all cores, else >= 1)."""
    if (
        not isinstance(workers, int)
        or isinstance(workers, bool)
        or not (workers == -1 or workers >= 1)
    ):
        msg = f"workers must be -1 (all cores) or a positive integer: {workers!r}"
        raise ValueError(msg)
    return workers


def score_matrix(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    *,
    scorer: str = "ratio",
    workers: int = -1,
) -> np.ndarray:
    """Similarity (0-100, float32) of every old key against every new key, shape (old, new).

    One :func:`rapidfuzz.process.cdist` call on all cores (``workers=-1``); no Python loop
    over pairs.

    >>> score_matrix(["the cyber threat", "a b"], ["the cyber threats", "x"]).round()
    array([[97.,  0.],
           [20.,  0.]], dtype=float32)
    """
    fn = get_scorer(scorer)
    check_workers(workers)
    kwargs: dict[str, Any] = {"scorer": fn, "dtype": np.float32, "workers": workers}
    if not old_keys or not new_keys:
        return np.zeros((len(old_keys), len(new_keys)), dtype=np.float32)
    return process.cdist(list(old_keys), list(new_keys), **kwargs)


# Scorers for which ``score >= t`` implies ``len_short / len_long >= t / (200 - t)``: ``ratio``
# is ``200 * LCS / (len_a + len_b)`` with ``LCS <= len_short`` (``QRatio`` is ``ratio`` or 0).
LENGTH_BOUNDED = frozenset({"ratio", "QRatio"})
# rapidfuzz is asked for scores from a hair below the threshold, then the float32 scores are
# compared with it, exactly as a plain float32 matrix would be.
_CUTOFF_EPS = 1e-3
_BLOCK_CELLS = 4_000_000  # scores held at once by admissible_pairs: 16 MB of float32
_SMALL = 40_000  # below this many cells, one cdist call beats banding by length


def partner_lengths(lengths: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """For keys of ``lengths``, the shortest and longest partner that can reach ``threshold``
    on ``ratio`` (inclusive, one character of slack either side).

    >>> lo, hi = partner_lengths(np.array([60, 100]), 60.0)
    >>> lo.tolist(), hi.tolist()
    ([25, 42], [141, 234])
    """
    lengths = np.asarray(lengths, dtype=np.float64)
    if threshold <= 0:
        return np.zeros(lengths.shape, np.int64), np.full(lengths.shape, np.iinfo(np.int64).max)
    factor = threshold / (200.0 - threshold)
    lo = np.maximum(np.ceil(lengths * factor) - 1, 0).astype(np.int64)
    hi = (np.floor(lengths / factor) + 1).astype(np.int64)
    return lo, hi


def _bands(
    a_len: np.ndarray, b_len: np.ndarray, threshold: float, bounded: bool, block_cells: int
) -> list[tuple[int, int, int, int]]:
    """Blocks ``(row0, row1, col0, col1)`` of the length-sorted matrix covering every pair
    whose lengths allow ``threshold``.

    A score costs about ``ceil(len_a / 64) * len_b`` word operations (rapidfuzz's bit-parallel
    LCS), so a block grows over rows of similar length while the work it adds outside the rows'
    own length ranges stays under a quarter of the useful work (plus a small constant that
    keeps cdist calls few).
    """
    n, m = a_len.size, b_len.size
    if not bounded or n * m <= _SMALL:
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
            if (q + 1 - p) * width > block_cells or work > 1.25 * (useful + useful_row[q]) + 50_000:
                break
            useful += int(useful_row[q])
            words += int(row_words[q])
            q += 1
        if ends[q - 1] > starts[p]:
            out.append((p, q, int(starts[p]), int(ends[q - 1])))
        p = q
    return out


def admissible_pairs(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    threshold: float,
    scorer: str = "ratio",
    workers: int = -1,
    block_cells: int = _BLOCK_CELLS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair scoring at least ``threshold``: ``(i, j, score)`` arrays, sorted by ``(i, j)``.

    Exactly the pairs (and float32 scores) of :func:`score_matrix` that reach the threshold,
    without the whole matrix: keys are sorted by length and scored in blocks of at most
    ``block_cells`` scores (``cdist`` with ``score_cutoff``), and for ``ratio`` a block pairs
    only lengths that can reach the threshold (``len_short / len_long >= t / (200 - t)``).

    >>> i, j, s = admissible_pairs(["the cyber threat", "a b"], ["x", "the cyber threats"],
    ...                            threshold=60)
    >>> i.tolist(), j.tolist(), s.round(1).tolist()
    ([0], [1], [97.0])
    """
    fn = get_scorer(scorer)
    check_workers(workers)
    if not a_keys or not b_keys:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    a_len = np.fromiter(map(len, a_keys), np.int64, len(a_keys))
    b_len = np.fromiter(map(len, b_keys), np.int64, len(b_keys))
    a_order = np.argsort(a_len, kind="stable")
    b_order = np.argsort(b_len, kind="stable")
    a_sorted = [a_keys[k] for k in a_order.tolist()]
    b_sorted = [b_keys[k] for k in b_order.tolist()]
    cutoff = max(threshold - _CUTOFF_EPS, 0.0)
    parts_i, parts_j, parts_s = [], [], []
    bands = _bands(
        a_len[a_order], b_len[b_order], threshold, scorer in LENGTH_BOUNDED, block_cells
    )
    for r0, r1, c0, c1 in bands:
        step = max(1, block_cells // (c1 - c0))
        for top in range(r0, r1, step):
            bottom = min(r1, top + step)
            block = process.cdist(
                a_sorted[top:bottom],
                b_sorted[c0:c1],
                scorer=fn,
                score_cutoff=cutoff,
                dtype=np.float32,
                workers=workers,
            )
            r, c = np.nonzero(block >= threshold)
            parts_i.append(a_order[top + r])
            parts_j.append(b_order[c0 + c])
            parts_s.append(block[r, c])
    if not parts_i:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    i, j, s = np.concatenate(parts_i), np.concatenate(parts_j), np.concatenate(parts_s)
    order = np.lexsort((j, i))
    return i[order].astype(np.int64), j[order].astype(np.int64), s[order]
