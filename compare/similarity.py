"""Sentence similarity: one vectorised rapidfuzz call for every pair of comparison keys.

The keys are already normalised (:func:`policydrift.corpus.normalize.normalise_key`), so no processor is
applied. Scores are 0-100 as rapidfuzz returns them, in a float32 matrix ``old x new``. The
alignment never builds that whole matrix: :mod:`policydrift.compare.pair_scan` scores only the pairs whose
lengths can reach the threshold (:func:`partner_lengths`), in bounded blocks.

The alignment's default is the similarity model (:mod:`policydrift.compare.linking.evidence`), whose
lexical evidence is ``ratio``; among the single rapidfuzz scorers (``--scorer``), why ``ratio``
(``benchmarks/measure_scorers.py``: all 2,482 labelled
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

import numpy as np
from policydrift.corpus.processes import check_workers
from rapidfuzz import fuzz, process

__all__ = [
    "LENGTH_BOUNDED",
    "SCORERS",
    "above",
    "check_workers",
    "get_scorer",
    "length_bound",
    "pairs_above",
    "partner_lengths",
    "score_block",
    "score_matrix",
]

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
    get_scorer(scorer)
    check_workers(workers)
    if not old_keys or not new_keys:
        return np.zeros((len(old_keys), len(new_keys)), dtype=np.float32)
    return score_block(old_keys, new_keys, scorer=scorer, workers=workers)


# rapidfuzz is asked for scores from a hair below the threshold, then the float32 scores are
# compared with it: exactly the pairs of a plain float32 matrix at or above the threshold.
# (rapidfuzz's own cutoff at the threshold itself drops some pairs scoring exactly it, for
# example ratio 93.0 at threshold 93: its comparison is made before the scaling to 0-100.)
_CUTOFF_EPS = 1e-3


def score_block(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    scorer: str = "ratio",
    workers: int = 1,
    pairwise: bool = False,
    at_least: float | None = None,
) -> np.ndarray:
    """float32 scores of ``a_keys x b_keys`` (``cdist``), or of ``a_keys[k]`` with
    ``b_keys[k]`` (``pairwise``: ``cpdist``), in one rapidfuzz call.

    With ``at_least``, rapidfuzz skips the work on pairs that cannot reach it: those come
    back as 0 or their score, and every pair scoring at least ``at_least`` as its score.

    >>> score_block(["abcd", "zz"], ["abce", "abcd"], pairwise=True).tolist()
    [75.0, 0.0]
    """
    fn = get_scorer(scorer)
    cutoff = None if at_least is None else max(at_least - _CUTOFF_EPS, 0.0)
    call = process.cpdist if pairwise else process.cdist
    return call(
        list(a_keys), list(b_keys), scorer=fn, score_cutoff=cutoff, dtype=np.float32,
        workers=workers,
    )  # fmt: skip


def above(scores: np.ndarray, threshold: float) -> tuple[np.ndarray, ...]:
    """The positions of the scores at or above ``threshold`` (one array per axis), then those
    scores: ``(rows, cols, scores)`` of a matrix, ``(positions, scores)`` of a vector.

    >>> [x.tolist() for x in above(np.array([[90.0, 59.9], [60.0, 0.0]], np.float32), 60)]
    [[0, 1], [0, 0], [90.0, 60.0]]
    """
    hit = np.nonzero(scores >= threshold)
    return (*hit, scores[hit])


def pairs_above(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    threshold: float,
    scorer: str = "ratio",
    workers: int = 1,
    pairwise: bool = False,
) -> tuple[np.ndarray, ...]:
    """The pairs scoring at least ``threshold`` and their float32 scores: ``(rows, cols,
    scores)`` of ``a_keys x b_keys``, or ``(positions, scores)`` with ``pairwise``.

    The one place that scores pairs against a threshold (the alignment's pair scan and word
    index, ``drift reuse``'s exhaustive and blocked searches): exactly the pairs of
    :func:`score_matrix` at or above it, with rapidfuzz skipping most of the work below it.

    >>> r, c, s = pairs_above(["the cyber threat", "a b"], ["x", "the cyber threats"],
    ...                       threshold=60)
    >>> r.tolist(), c.tolist(), s.round(1).tolist()
    ([0], [1], [97.0])
    >>> old, new = "x" * 93, "x" * 93 + "y" * 14  # ratio exactly 93.0
    >>> [x.tolist() for x in pairs_above([old], [new], threshold=93)]
    [[0], [0], [93.0]]
    """
    scores = score_block(
        a_keys, b_keys, scorer=scorer, workers=workers, pairwise=pairwise, at_least=threshold
    )
    return above(scores, threshold)


# Scorers for which ``score >= t`` implies ``len_short / len_long >= t / (200 - t)``: ``ratio``
# is ``200 * LCS / (len_a + len_b)`` with ``LCS <= len_short`` (``QRatio`` is ``ratio`` or 0).
LENGTH_BOUNDED = frozenset({"ratio", "QRatio"})


def length_bound(a_len: int, b_len: np.ndarray) -> np.ndarray:
    """The highest ``ratio`` a key of ``a_len`` characters can reach with keys of ``b_len``.

    >>> length_bound(100, np.array([100, 50, 0])).round(1).tolist()
    [100.0, 66.7, 0.0]
    """
    b_len = np.asarray(b_len, dtype=np.float64)
    total = a_len + b_len
    bound = 200.0 * np.minimum(a_len, b_len) / np.maximum(total, 1.0)
    return np.where(total == 0, 100.0, bound)


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
    # a tiny threshold (1e-300) makes lengths / factor overflow int64: clip first
    hi = np.minimum(np.floor(lengths / factor) + 1, 2.0**62).astype(np.int64)
    return lo, hi
