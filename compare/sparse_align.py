"""Admissible pairs of two long statements through the word index, without the all-pairs matrix.

Above :data:`policydrift.compare.align.EXHAUSTIVE_MAX_CELLS` unanchored old x new sentences, scoring every
pair (:func:`policydrift.compare.pair_scan.scan_pairs`) costs a minute or more. :func:`blocked_pairs`
scores only the pairs that the prefix-filtered word index of :mod:`policydrift.compare.scale.blocking` proposes,
built over both sides at once, and keeps those reaching the threshold:

- old x new pairs that share a word of both keys' indexed prefixes, of lengths that can reach
  the threshold (the exact length filter of ``fuzz.ratio``), generated old key by old key in
  chunks and scored one old key against its candidates (``cdist``), on one thread per core;
- every pair whose shorter key has at most ``short_len`` characters, scored exhaustively
  (word tokens cannot see an edit inside the only word or two of a short key).

The index settings are looser than ``drift reuse``'s (threshold 90, bigrams, slack 4): at the
alignment threshold of 60 a pair may share far fewer words. Single words with :data:`SLACK`
1.25 found every pair >= 60 in every measurement (``benchmarks/bench_compare.py`` part d:
1,650 of 1,650 pairs of 1,000 sampled sentences at 20,000 x 20,000; all 1,591 pairs of the
sample files compared two by two); slack 1.0 proposes half the candidates but missed 0.03-0.06 %
of the pairs of synthetic revisions, and word bigrams (any slack) up to 0.1 %.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import numpy as np
from policydrift.compare.models import check_score
from policydrift.compare.pair_cap import PairCap
from policydrift.compare.pair_scan import admissible_pairs
from policydrift.compare.scale.blocking import build_index
from policydrift.compare.similarity import (
    check_workers,
    get_scorer,
    pairs_above,
    partner_lengths,
)

__all__ = ["NGRAM", "SHORT_LEN", "SLACK", "blocked_pairs", "cross_candidates"]

SLACK = 1.25
"""Index slack at the alignment threshold (single words): see the module text."""
NGRAM = 1
SHORT_LEN = 30
"""Pairs whose shorter key has at most this many characters are scored exhaustively."""
_CHUNK = 1_000_000  # candidate pairs generated, deduplicated and scored at once
_LEN_SHIFT = 24


def cross_candidates(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    threshold: float,
    slack: float = SLACK,
    ngram: int = NGRAM,
    chunk: int = _CHUNK,
) -> Iterator[np.ndarray]:
    """Chunks of candidate codes ``i * len(b_keys) + j``, sorted and distinct overall.

    A chunk holds all the candidates of a run of consecutive old keys ``i`` (about ``chunk``
    pairs, at least one key's).

    >>> a = ["we reaffirm our commitment to peace", "unrelated words here"]
    >>> b = ["we reaffirm our firm commitment to peace"]
    >>> [c.tolist() for c in cross_candidates(a, b, threshold=60)]
    [[0]]
    """
    n_a, n_b = len(a_keys), len(b_keys)
    if not n_a or not n_b:
        return
    index = build_index([*a_keys, *b_keys], threshold=threshold, slack=slack, ngram=ngram)
    side_b = index.key >= n_a
    packed = (index.rank << _LEN_SHIFT) | index.length
    b_packed = packed[side_b]  # sorted: the index is sorted by (rank, length, key)
    b_key = index.key[side_b].astype(np.int64) - n_a
    a_pos = np.flatnonzero(~side_b)
    a_key = index.key[a_pos].astype(np.int64)
    by_key = np.argsort(a_key, kind="stable")  # the old keys' postings, key by key
    a_pos, a_key = a_pos[by_key], a_key[by_key]
    lo, hi = partner_lengths(index.length[a_pos], threshold)
    rank = index.rank[a_pos] << _LEN_SHIFT
    top = (1 << _LEN_SHIFT) - 1
    first = np.searchsorted(b_packed, rank | np.minimum(lo, top), side="left")
    count = np.maximum(
        np.searchsorted(b_packed, rank | np.minimum(hi, top), side="right") - first, 0
    )
    cum = np.concatenate(([0], np.cumsum(count)))
    row_start = np.searchsorted(a_key, np.arange(n_a + 1))  # postings of key i: a run
    start = 0
    while start < n_a:
        goal = cum[row_start[start]] + chunk
        stop = max(int(np.searchsorted(cum[row_start], goal, side="right")) - 1, start + 1)
        p0, p1 = row_start[start], row_start[stop]
        c = count[p0:p1]
        total = int(c.sum())
        if total:
            owner = np.repeat(np.arange(p0, p1), c)
            offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(c) - c, c)
            yield _distinct(a_key[owner] * n_b + b_key[first[owner] + offset])
        start = stop


def blocked_pairs(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    threshold: float,
    scorer: str = "ratio",
    workers: int = -1,
    slack: float = SLACK,
    ngram: int = NGRAM,
    short_len: int = SHORT_LEN,
    cap: PairCap | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Admissible pairs ``(i, j, score)`` among the index's candidates, sorted by ``(i, j)``.

    With a ``cap`` (:class:`policydrift.compare.pair_cap.PairCap`) each chunk's pairs go to it
    as they are scored and its pairs are returned: memory stays bounded when nearly every
    candidate passes.

    Scores are the float32 scores of :func:`policydrift.compare.similarity.score_matrix`; every pair
    returned reaches ``threshold``, but a pair sharing too few words may be missed (recall:
    see the module text). Candidates are scored key by key
    (:func:`policydrift.compare.similarity.pairs_above` of one old key against its
    candidates: its bit vectors are built once), on ``workers`` threads, never more than a
    chunk in memory.

    >>> i, j, s = blocked_pairs(["we reaffirm our commitment to peace", "ok"],
    ...                         ["ok!", "we reaffirm our firm commitment to peace"], threshold=60)
    >>> i.tolist(), j.tolist(), [round(float(x), 1) for x in s]
    ([0, 1], [1, 0], [93.3, 80.0])
    """
    get_scorer(scorer)
    check_workers(workers)
    check_score(threshold, above_zero=True)  # the blocked path needs a bound from the threshold
    n_b = max(len(b_keys), 1)
    b_table = np.asarray(b_keys, dtype=object)
    codes, scores = [], []
    a_len = np.fromiter(map(len, a_keys), np.int64, len(a_keys))
    b_len = np.fromiter(map(len, b_keys), np.int64, len(b_keys))
    threads = (os.cpu_count() or 1) if workers == -1 else workers

    def verify(chunk: np.ndarray, keep: np.ndarray, found: np.ndarray, runs: list) -> None:
        for a, b in runs:  # the candidates of one old key
            _, hit, score = pairs_above(
                [a_keys[int(chunk[a] // n_b)]],
                b_table[chunk[a:b] % n_b].tolist(),
                threshold=threshold,
                scorer=scorer,
            )
            keep[a + hit] = True
            found[a + hit] = score

    # rapidfuzz releases the GIL while it scores: one thread per core, each on its own keys
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for chunk in cross_candidates(
            a_keys, b_keys, threshold=threshold, slack=slack, ngram=ngram
        ):
            rows = chunk // n_b
            cut = (np.flatnonzero(rows[1:] != rows[:-1]) + 1).tolist()
            runs = list(zip([0, *cut], [*cut, chunk.size], strict=True))
            keep = np.zeros(chunk.size, dtype=bool)
            found = np.zeros(chunk.size, np.float32)
            parts = [runs[k::threads] for k in range(threads)]
            list(pool.map(partial(verify, chunk, keep, found), parts))
            if cap is not None:  # short keys' pairs come from _short_pairs, once
                i, j = chunk // n_b, chunk % n_b
                keep &= (a_len[i] > short_len) & (b_len[j] > short_len)
                cap.add(i[keep], j[keep], found[keep])
                continue
            codes.append(chunk[keep])
            scores.append(found[keep])
    short_codes, short_scores = _short_pairs(
        a_keys, b_keys, threshold, scorer, workers, short_len, cap
    )
    if cap is not None:
        return cap.pairs()
    all_codes = np.concatenate([*codes, short_codes])
    all_scores = np.concatenate([*scores, short_scores])
    order = np.argsort(all_codes, kind="stable")
    all_codes, all_scores = all_codes[order], all_scores[order]
    first = np.ones(all_codes.size, dtype=bool)
    first[1:] = all_codes[1:] != all_codes[:-1]
    unique = all_codes[first]
    return unique // n_b, unique % n_b, all_scores[first]


def _distinct(codes: np.ndarray) -> np.ndarray:
    """Sorted distinct codes (numpy's hash-based ``unique`` is several times slower here)."""
    codes = np.sort(codes)
    keep = np.ones(codes.size, dtype=bool)
    keep[1:] = codes[1:] != codes[:-1]
    return codes[keep]


def _short_pairs(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    threshold: float,
    scorer: str,
    workers: int,
    short_len: int,
    cap: PairCap | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Codes and scores of every admissible pair with a key of at most ``short_len`` chars
    (each once); with a ``cap``, they go to it instead."""
    a_len = np.fromiter(map(len, a_keys), np.int64, len(a_keys))
    b_len = np.fromiter(map(len, b_keys), np.int64, len(b_keys))
    reach = int(partner_lengths(np.array([short_len]), threshold)[1][0])
    n_b = max(len(b_keys), 1)
    out_codes, out_scores = [], []
    for rows, cols in (
        (np.flatnonzero(a_len <= short_len), np.flatnonzero(b_len <= reach)),
        (
            np.flatnonzero((a_len <= reach) & (a_len > short_len)),
            np.flatnonzero(b_len <= short_len),
        ),
    ):
        if not rows.size or not cols.size:
            continue
        i, j, s = admissible_pairs(
            [a_keys[k] for k in rows.tolist()],
            [b_keys[k] for k in cols.tolist()],
            threshold=threshold,
            scorer=scorer,
            workers=workers,
            cap=None if cap is None else cap.mapped(rows, cols),
        )
        out_codes.append(rows[i] * n_b + cols[j])
        out_scores.append(s)
    if not out_codes:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    return np.concatenate(out_codes), np.concatenate(out_scores)
