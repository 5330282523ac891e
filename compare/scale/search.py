"""Scoring pairs of comparison keys at corpus scale: exhaustive row blocks or the blocked index.

:func:`find_reuse` is the engine behind ``drift reuse``: every pair of keys whose
``rapidfuzz.fuzz.ratio`` reaches the threshold, as flat arrays of indexes into the key list.
Exact repeats are grouped by hashing and scored once; the remaining distinct keys are scored
either exhaustively (``cdist`` in row blocks, never the full matrix) or through the candidate
index of :mod:`policydrift.compare.scale.blocking`, verified with ``cpdist``; both score with
:func:`policydrift.compare.similarity.pairs_above`, the alignment's rule for a pair at or above
the threshold. ``auto``
picks exhaustive up to :data:`EXHAUSTIVE_MAX` distinct keys, where it costs a few seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from policydrift.compare.models import REUSE_METHODS, check_score
from policydrift.compare.scale.blocking import (
    DEFAULT_SLACK,
    Dedup,
    build_index,
    dedupe_keys,
    iter_candidate_blocks,
    short_key_groups,
    sorted_unique,
)
from policydrift.compare.similarity import pairs_above

__all__ = [
    "EXHAUSTIVE_MAX",
    "METHODS",
    "SHORT_KEY_LEN",
    "ScoredPairs",
    "find_distinct_pairs",
    "find_reuse",
]

EXHAUSTIVE_MAX = 5_000
"""``method="auto"`` scores all pairs exhaustively up to this many distinct keys."""
SHORT_KEY_LEN = 30
"""Pairs whose shorter key has at most this many characters are scored exhaustively."""
METHODS = REUSE_METHODS
_BLOCK_CELLS = 8_000_000  # cells of one cdist row block: 32 MB of float32
_VERIFY_CHUNK = 2_000_000


@dataclass(frozen=True)
class ScoredPairs:
    """Pairs ``(i[k], j[k])`` with ``i < j`` and their ``score``, sorted by ``(i, j)``.

    ``method`` is the path that ran (``exhaustive`` or ``blocked``); ``candidates`` is the number
    of distinct-key pairs scored by rapidfuzz (all of them, for the exhaustive path).
    """

    i: np.ndarray
    j: np.ndarray
    score: np.ndarray
    method: str
    candidates: int

    def __len__(self) -> int:
        return int(self.i.size)


def _check(threshold: float, method: str) -> None:
    check_score(threshold, above_zero=True)
    if method not in METHODS:
        msg = f"method must be one of {', '.join(METHODS)}: {method!r}"
        raise ValueError(msg)


def verify_codes(
    keys: Sequence[str], codes: np.ndarray, *, threshold: float, workers: int = -1
) -> tuple[np.ndarray, np.ndarray]:
    """Score candidate codes ``u * len(keys) + v`` with ``cpdist``; keep those >= threshold.

    >>> codes, scores = verify_codes(["abcd", "abce", "zzzz"], np.array([1, 2]), threshold=70)
    >>> codes.tolist(), scores.tolist()
    ([1], [75.0])
    """
    return _verify(np.asarray(keys, dtype=object), len(keys), codes, threshold, workers)


def _verify(
    table: np.ndarray, n_keys: int, codes: np.ndarray, threshold: float, workers: int
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`verify_codes` over an object array of the keys, built once by the caller."""
    n = max(n_keys, 1)
    kept_codes, kept_scores = [], []
    for start in range(0, codes.size, _VERIFY_CHUNK):
        part = codes[start : start + _VERIFY_CHUNK]
        hit, scores = pairs_above(
            table[part // n].tolist(),
            table[part % n].tolist(),
            threshold=threshold,
            workers=workers,
            pairwise=True,
        )
        kept_codes.append(part[hit])
        kept_scores.append(scores)
    if not kept_codes:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    return np.concatenate(kept_codes), np.concatenate(kept_scores)


def _score_rows(
    keys: Sequence[str],
    rows: np.ndarray,
    cols: np.ndarray,
    *,
    threshold: float,
    workers: int,
    upper: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Codes and scores of ``rows x cols`` pairs >= threshold, in row blocks of bounded size.

    With ``upper``, ``rows`` is a prefix of ``cols`` and only cells right of the diagonal count.
    """
    n = max(len(keys), 1)
    col_keys = [keys[c] for c in cols.tolist()]
    step = max(1, _BLOCK_CELLS // max(cols.size, 1))
    out_codes, out_scores = [], []
    for start in range(0, rows.size, step):
        block = rows[start : start + step]
        skip = start if upper else 0  # columns left of the block's diagonal are never needed
        r, c, score = pairs_above(
            [keys[r] for r in block.tolist()],
            col_keys[skip:],
            threshold=threshold,
            workers=workers,
        )
        if upper:
            keep = c > r
            r, c, score = r[keep], c[keep], score[keep]
        a, b = block[r].astype(np.int64), cols[c + skip].astype(np.int64)
        out_codes.append(np.minimum(a, b) * n + np.maximum(a, b))
        out_scores.append(score)
    if not out_codes:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    return np.concatenate(out_codes), np.concatenate(out_scores)


def exhaustive_codes(
    keys: Sequence[str], *, threshold: float, workers: int = -1
) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of distinct ``keys`` at or above ``threshold``, by ``cdist`` row blocks.

    >>> exhaustive_codes(["abcd", "abce", "zz"], threshold=70)[0].tolist()
    [1]
    """
    everything = np.arange(len(keys), dtype=np.int64)
    return _score_rows(
        keys, everything, everything, threshold=threshold, workers=workers, upper=True
    )


def short_codes(
    keys: Sequence[str], *, threshold: float, max_len: int = SHORT_KEY_LEN, workers: int = -1
) -> tuple[np.ndarray, np.ndarray]:
    """Every pair at or above ``threshold`` whose shorter key has at most ``max_len`` chars.

    >>> short_codes(["cyber security", "cybersecurity", "x"], threshold=90)[0].tolist()
    [1]
    """
    codes, scores = [], []
    for rows, cols in short_key_groups(keys, threshold=threshold, max_len=max_len):
        c, s = _score_rows(keys, rows, cols, threshold=threshold, workers=workers, upper=True)
        codes.append(c)
        scores.append(s)
    if not codes:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    return np.concatenate(codes), np.concatenate(scores)


def merge_scored(parts: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Union of scored code arrays, sorted by code, each code once.

    >>> merge_scored([(np.array([5, 1]), np.array([90.0, 95.0])), (np.array([1]), np.array([95.0]))])
    (array([1, 5]), array([95., 90.]))
    """
    parts = [p for p in parts if p[0].size]
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    codes = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    codes, first = sorted_unique(codes, first=True)
    return codes, scores[first]


def _expand(dedup: Dedup, codes: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, ...]:
    """Distinct-key pairs -> pairs of input positions, plus the repeats of one key (score 100)."""
    n = max(len(dedup.unique), 1)
    a, b = codes // n, codes % n
    size = np.diff(dedup.starts)
    ga, gb = size[a], size[b]
    count = ga * gb
    which = np.repeat(np.arange(codes.size), count)
    offset = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    left = dedup.members[dedup.starts[a[which]] + offset // gb[which]]
    right = dedup.members[dedup.starts[b[which]] + offset % gb[which]]
    parts_i, parts_j, parts_s = [left], [right], [scores[which]]
    for group in np.flatnonzero(size > 1).tolist():
        members = dedup.members[dedup.starts[group] : dedup.starts[group + 1]]
        r, c = np.triu_indices(members.size, 1)
        parts_i.append(members[r])
        parts_j.append(members[c])
        parts_s.append(np.full(r.size, 100.0, np.float32))
    i, j = np.concatenate(parts_i).astype(np.int64), np.concatenate(parts_j).astype(np.int64)
    i, j = np.minimum(i, j), np.maximum(i, j)
    s = np.concatenate(parts_s).astype(np.float32)
    order = np.lexsort((j, i))
    return i[order], j[order], s[order]


Verifier = Callable[[Sequence[str], Iterable[np.ndarray], float], tuple[np.ndarray, np.ndarray]]
"""Scores a stream of candidate blocks (sorted codes, each pair in one block only)."""
KeysDone = Callable[[int, int], None]  # progress(distinct keys searched, distinct keys)


def _local_verifier(workers: int) -> Verifier:
    def run(keys: Sequence[str], blocks: Iterable[np.ndarray], threshold: float):
        table = np.asarray(keys, dtype=object)
        return merge_scored([_verify(table, len(keys), b, threshold, workers) for b in blocks])

    return run


class _Counted:
    """Passes blocks through, counting their codes (the candidates) as they stream by, and
    telling ``progress(keys done, keys)`` once each block is verified (blocks come in key
    order: a block's last code says how far the search is)."""

    def __init__(
        self, blocks: Iterable[np.ndarray], n_keys: int, progress: KeysDone | None = None
    ) -> None:
        self.blocks, self.n_keys, self.progress = blocks, n_keys, progress
        self.total = 0

    def __iter__(self) -> Iterator[np.ndarray]:
        for block in self.blocks:
            self.total += int(block.size)
            yield block
            if self.progress is not None and block.size:
                self.progress(int(block[-1]) // self.n_keys + 1, self.n_keys)


def find_reuse(keys: Sequence[str], **options: Any) -> ScoredPairs:
    """Every pair of keys with ``fuzz.ratio >= threshold``, as indexes into ``keys``.

    ``options`` are those of :func:`find_distinct_pairs` (``threshold`` 90 by default). ``method``: ``exhaustive`` scores all pairs of distinct keys; ``blocked`` scores only the
    candidates of the index (plus all pairs involving a key of at most ``short_len`` chars);
    ``auto`` is exhaustive up to ``exhaustive_max`` distinct keys. ``verifier`` replaces the
    in-process scoring of candidate blocks and ``exhaustive`` the exhaustive scoring of distinct
    keys (the Dask path passes both).

    >>> keys = ["we support regional peace", "we support regional peace", "we support peace"]
    >>> r = find_reuse(keys, threshold=75)
    >>> r.i.tolist(), r.j.tolist(), r.score.tolist(), r.method
    ([0, 0, 1], [1, 2, 2], [100.0, 78.04878234863281, 78.04878234863281], 'exhaustive')
    """
    dedup, codes, scores, method, candidates = find_distinct_pairs(keys, **options)
    i, j, s = _expand(dedup, codes, scores)
    return ScoredPairs(i, j, s, method, candidates)


def find_distinct_pairs(
    keys: Sequence[str],
    *,
    threshold: float = 90.0,
    method: str = "auto",
    workers: int = -1,
    slack: float = DEFAULT_SLACK,
    short_len: int = SHORT_KEY_LEN,
    exhaustive_max: int = EXHAUSTIVE_MAX,
    verifier: Verifier | None = None,
    exhaustive: Callable[[Sequence[str], float], tuple[np.ndarray, np.ndarray]] | None = None,
    progress: KeysDone | None = None,
) -> tuple[Dedup, np.ndarray, np.ndarray, str, int]:
    """What :func:`find_reuse` finds before expanding it to every pair of positions.

    (the identical keys grouped, pair codes ``u * n + v`` of distinct keys ``u < v`` scoring >=
    ``threshold``, their scores, the method that ran, the candidates scored). Repeats of one
    key are pairs too (score 100) without being listed: a key held by ``m`` positions stands
    for ``m (m - 1) / 2`` pairs, so the caller can work per key instead of per pair.
    ``progress(done, total)`` counts the distinct keys searched (the blocked search reports
    after each block of candidates; the exhaustive one at its end; both once before they start).

    >>> d, codes, scores, method, _ = find_distinct_pairs(["we act", "we act", "we act now"], threshold=70)
    >>> d.unique, codes.tolist(), [round(float(x), 1) for x in scores]
    (('we act', 'we act now'), [1], [75.0])
    """
    _check(threshold, method)
    dedup = dedupe_keys(keys)
    unique = dedup.unique
    if progress is not None:  # before indexing them, which takes a while at corpus scale
        progress(0, len(unique))
    if method == "auto":
        method = "exhaustive" if len(unique) <= exhaustive_max else "blocked"
    if method == "exhaustive":
        if exhaustive is None:
            codes, scores = exhaustive_codes(unique, threshold=threshold, workers=workers)
        else:
            codes, scores = exhaustive(unique, threshold)
        candidates = len(unique) * (len(unique) - 1) // 2
    else:
        told = None if progress is None else (lambda: progress(0, len(unique)))
        index = build_index(unique, threshold=threshold, slack=slack, tokenised=told)
        if progress is not None:
            progress(0, len(unique))
        blocks = _Counted(iter_candidate_blocks(index, threshold=threshold), len(unique), progress)
        verify = verifier or _local_verifier(workers)
        verified = verify(unique, blocks, threshold)  # one block in memory at a time
        del index
        candidates = blocks.total
        codes, scores = merge_scored(
            [
                verified,
                short_codes(unique, threshold=threshold, max_len=short_len, workers=workers),
            ]
        )
    if progress is not None:
        progress(len(unique), len(unique))
    return dedup, codes, scores, method, candidates
