"""Candidate generation for corpus-scale reuse: exact keys by hash, then a prefix-filtered index.

Comparing every sentence with every other one is quadratic; these pure functions over lists of
comparison keys propose the few pairs worth scoring. Two stages:

1. :func:`dedupe_keys`: identical keys are grouped by hashing (a dict), so each distinct key is
   scored once and exact repeats cost nothing.
2. :func:`candidate_pairs`: an all-pairs-similarity-search style *prefix filter* over words.
   Each distinct key becomes the set of its distinct words, each weighted by its length plus one
   (the characters it brings to ``fuzz.ratio``). Words are ordered by global rarity (document
   frequency, rarest first) and only a *prefix* of each key's words is indexed: the shortest run
   of its rarest words that leaves less than ``alpha`` weight outside it, where ``alpha`` is the
   word weight two keys must share to reach the threshold. Two keys that share at least
   ``alpha`` weight always share a word of both prefixes, so their pair is proposed; common words
   are indexed only for keys made of nothing rarer, which keeps postings short. A length filter
   that is exact for ``fuzz.ratio`` (``ratio >= t`` needs ``len_short / len_long >= t / (200 - t)``)
   prunes pairs inside each posting list.

The required shared weight is ``alpha = W - slack * d`` where ``W`` is the key's word weight and
``d = 2 (1 - tau) / (2 - tau) * len`` (``tau = threshold / 100``) is the most characters that can
be deleted from the key while keeping ``ratio >= threshold``. A deletion of whole words loses
exactly its weight; an edit inside a word loses the whole word, hence ``slack`` (default 2.0),
whose measured recall is stated in the README. Pairs are encoded as ``int64`` codes
``u * n + v`` (``u < v``) and streamed in blocks of keys (:func:`iter_candidate_blocks`): a
block holds every pair whose smaller key it owns, so each pair is produced once and memory is
bounded by the block size, not by the number of candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from policydrift.compare.models import check_score

__all__ = [
    "CHUNK_PAIRS",
    "DEFAULT_SLACK",
    "Dedup",
    "WordIndex",
    "build_index",
    "candidate_blocks",
    "candidate_pairs",
    "dedupe_keys",
    "iter_candidate_blocks",
    "max_partner_length",
    "short_key_groups",
    "sorted_unique",
]

DEFAULT_SLACK = 4.0
CHUNK_PAIRS = 1_000_000
"""Partner postings read per candidate block: about 25 MB of transient numpy arrays."""
_LEN_SHIFT = 24  # lengths are packed below 2**24 in the sort key of a posting
_MAX_LEN = (1 << _LEN_SHIFT) - 1


@dataclass(frozen=True)
class Dedup:
    """Distinct keys and, for each input position, the number of its distinct key.

    ``members`` and ``starts`` form a CSR table: the input positions holding distinct key ``u``
    are ``members[starts[u]:starts[u + 1]]``, in increasing order.
    """

    unique: tuple[str, ...]
    inverse: np.ndarray  # int32, len(keys): distinct-key number of each input position
    members: np.ndarray  # int32, input positions grouped by distinct key
    starts: np.ndarray  # int64, len(unique) + 1


def dedupe_keys(keys: Sequence[str]) -> Dedup:
    """Group identical keys by hashing; distinct keys are numbered in order of first appearance.

    >>> d = dedupe_keys(["a b", "c", "a b"])
    >>> d.unique, d.inverse.tolist(), d.members.tolist(), d.starts.tolist()
    (('a b', 'c'), [0, 1, 0], [0, 2, 1], [0, 2, 3])
    """
    numbers: dict[str, int] = {}
    inverse = np.fromiter(
        (numbers.setdefault(k, len(numbers)) for k in keys), dtype=np.int32, count=len(keys)
    )
    members = np.argsort(inverse, kind="stable").astype(np.int32)
    counts = np.bincount(inverse, minlength=len(numbers))
    starts = np.zeros(len(numbers) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    return Dedup(tuple(numbers), inverse, members, starts)


def max_partner_length(length: np.ndarray, threshold: float) -> np.ndarray:
    """The longest key that can still reach ``threshold`` with a key of ``length`` characters.

    ``fuzz.ratio`` is ``100 * 2 * LCS / (l1 + l2)`` and ``LCS <= l1``, so ``l2 <= l1 (200 - t) / t``.

    >>> max_partner_length(np.array([9, 10, 100]), 90.0).tolist()
    [11, 12, 122]
    """
    check_score(threshold, above_zero=True)
    bound = np.floor(np.asarray(length, dtype=np.float64) * (200.0 - threshold) / threshold + 1e-9)
    return bound.astype(np.int64)


@dataclass(frozen=True)
class WordIndex:
    """The prefix index: postings sorted by (word rarity rank, key length, key number).

    ``rank``, ``length`` and ``key`` are parallel ``int64``/``int32`` arrays, one row per indexed
    (word, key) posting; ``group_starts`` gives the start of each word's posting list (CSR).
    """

    n_keys: int
    rank: np.ndarray
    length: np.ndarray
    key: np.ndarray
    group_starts: np.ndarray


def sorted_unique(
    values: np.ndarray, *, first: bool = False, inverse: bool = False
) -> tuple[np.ndarray, ...]:
    """Sorted distinct values of an integer array, by sorting (``np.unique`` without its cost).

    Returns ``(unique,)``, plus the position of each value's first occurrence (``first``) and
    the distinct-value number of each input (``inverse``). ``np.unique`` gives the same answer,
    but in numpy 2.4 it took 14 s where a sort takes 0.2 s on 10 million ``int64`` values.

    >>> [a.tolist() for a in sorted_unique(np.array([5, 1, 5, 3]), first=True, inverse=True)]
    [[1, 3, 5], [1, 3, 0], [2, 0, 2, 1]]
    """
    values = np.asarray(values)
    if not (first or inverse):
        ordered = np.sort(values)
        order = None
    else:
        order = np.argsort(values, kind="stable")
        ordered = values[order]
    new = np.ones(ordered.size, dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    out: tuple[np.ndarray, ...] = (ordered[new],)
    if first:
        out += (order[new],)
    if inverse:
        number = np.empty(values.size, dtype=np.int64)
        number[order] = np.cumsum(new) - 1
        out += (number,)
    return out


def _tokenise(keys: Sequence[str], ngram: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (key number, token id) postings and the weight of each token id.

    Tokens are single words (``ngram=1``, weight = length + 1) or pairs of neighbouring words
    (``ngram=2``, weight = the mean of the two words' weights); a one-word key is its word.
    """
    vocab: dict[str, int] = {}
    ids = np.fromiter(
        (vocab.setdefault(w, len(vocab)) for k in keys for w in k.split()), dtype=np.int64
    )
    sizes = np.fromiter((k.count(" ") + 1 if k else 0 for k in keys), dtype=np.int64)
    owner = np.repeat(np.arange(len(keys), dtype=np.int64), sizes)
    word_weight = np.fromiter((len(w) + 1 for w in vocab), dtype=np.float64, count=len(vocab))
    n_vocab = max(len(vocab), 1)
    if ngram == 2 and ids.size:
        pair = owner[:-1] == owner[1:]
        single = sizes == 1
        first = np.concatenate((ids[:-1][pair], ids[single[owner]]))
        second = np.concatenate((ids[1:][pair], np.full(int(single.sum()), -1, np.int64)))
        owner = np.concatenate((owner[:-1][pair], owner[single[owner]]))
        codes, token = sorted_unique(first * (n_vocab + 1) + second + 1, inverse=True)
        a, b = codes // (n_vocab + 1), codes % (n_vocab + 1) - 1
        weight = np.where(
            b >= 0, (word_weight[a] + word_weight[np.maximum(b, 0)]) / 2, word_weight[a]
        )
    else:
        token, weight = ids, word_weight
    n_tokens = max(weight.size, 1)
    (code,) = sorted_unique(owner * n_tokens + token.astype(np.int64))
    return code // n_tokens, code % n_tokens, weight


def build_index(
    keys: Sequence[str],
    *,
    threshold: float = 90.0,
    slack: float = DEFAULT_SLACK,
    ngram: int = 2,
    tokenised: Callable[[], None] | None = None,
) -> WordIndex:
    """Index the rarest-words prefix of each key (see the module text for the guarantee;
    ``tokenised()`` is called once the keys are cut into tokens, about half the work).

    >>> ix = build_index(["border security cooperation", "border security co-operation", "x"])
    >>> ix.n_keys, int(ix.key.size) > 0
    (3, True)
    """
    if slack < 0:
        msg = f"slack must be >= 0: {slack!r}"
        raise ValueError(msg)
    max_partner_length(np.array([1]), threshold)  # checks the threshold
    owner, word, weight = _tokenise(keys, ngram)
    if tokenised is not None:
        tokenised()
    n_words = weight.size
    df = np.bincount(word, minlength=n_words)
    order = np.lexsort((np.arange(n_words), df))  # rarest first; ties by first appearance
    rank = np.empty(n_words, dtype=np.int64)
    rank[order] = np.arange(n_words)
    word_rank = rank[word]
    by_key = np.lexsort((word_rank, owner))
    owner, word_rank, w = owner[by_key], word_rank[by_key], weight[word[by_key]]
    # weight of each posting and of everything after it within its key (suffix sums)
    total = np.bincount(owner, weights=w, minlength=len(keys))
    running = np.cumsum(w) - w  # weight before this posting, counted from the start of all keys
    key_start = np.zeros(len(keys) + 1, dtype=np.float64)
    np.cumsum(total, out=key_start[1:])
    suffix = total[owner] - (running - key_start[owner])
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    tau = threshold / 100.0
    deletable = 2.0 * (1.0 - tau) / (2.0 - tau) * lengths
    alpha = total - slack * deletable
    keep = suffix >= alpha[owner] - 1e-9
    owner, word_rank = owner[keep], word_rank[keep]
    klen = np.minimum(lengths[owner], _MAX_LEN)
    order = np.lexsort((owner, klen, word_rank))
    rank_s, len_s, key_s = word_rank[order], klen[order], owner[order].astype(np.int32)
    boundaries = np.flatnonzero(np.diff(rank_s)) + 1 if rank_s.size else np.array([], np.int64)
    group_starts = np.concatenate(([0], boundaries, [rank_s.size])).astype(np.int64)
    return WordIndex(len(keys), rank_s, len_s, key_s, group_starts)


def _windows(index: WordIndex, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """For each posting, the run ``[lo, hi)`` of its posting list that the length filter allows.

    A pair of keys with lengths ``la <= lb`` passes when ``lb <= M(la)`` (``M`` is
    :func:`max_partner_length`, capped like the index lengths). Seen from a key of length ``L``
    the partners have lengths from ``m(L)``, the least ``l`` with ``M(l) >= L``, to ``M(L)``; the
    run holds the posting itself, since ``m(L) <= L <= M(L)``.
    """
    band = index.rank << _LEN_SHIFT
    packed = band | index.length
    table = np.minimum(
        max_partner_length(np.arange(int(index.length.max()) + 1), threshold), _MAX_LEN
    )
    shortest = np.searchsorted(table, index.length, side="left")
    lo = np.searchsorted(packed, band | shortest, side="left")
    hi = np.searchsorted(packed, band | table[index.length], side="right")
    return lo, hi


def iter_candidate_blocks(
    index: WordIndex, *, threshold: float = 90.0, chunk_pairs: int = CHUNK_PAIRS
) -> Iterator[np.ndarray]:
    """Yield sorted ``int64`` pair codes ``u * n + v`` (``u < v``), block by block, each pair once.

    Block ``b`` is a run of keys ``u`` of the index: it holds every candidate whose smaller key
    is in the run, generated from the posting lists of those keys only (each key pairs with the
    keys of larger number in its length window), so no pair can appear in two blocks and no
    global deduplication is needed. A block reads about ``chunk_pairs`` postings of partners;
    memory stays bounded by that, whatever the number of candidates. Blocks come in increasing
    code order, so their concatenation is sorted.

    >>> ix = build_index(["a b c d", "a b c e", "z"])
    >>> [c.tolist() for c in iter_candidate_blocks(ix)]
    [[1]]
    """
    if chunk_pairs < 1:
        msg = f"chunk_pairs must be at least 1: {chunk_pairs!r}"
        raise ValueError(msg)
    n = index.n_keys
    if index.key.size == 0:
        return
    lo, hi = _windows(index, threshold)
    by_key = np.argsort(index.key, kind="stable")
    key_sorted = index.key[by_key]
    key_end = np.searchsorted(key_sorted, np.arange(1, n + 1), side="left")
    count = (hi - lo)[by_key]
    cum = np.cumsum(count)
    start = 0
    while start < by_key.size:
        stop = int(np.searchsorted(cum, (cum[start - 1] if start else 0) + chunk_pairs, "right"))
        stop = int(key_end[key_sorted[max(stop, start + 1) - 1]])  # whole keys only
        pos = by_key[start:stop]
        c = count[start:stop]
        total = int(c.sum())
        offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(c) - c, c)
        a = np.repeat(index.key[pos], c)
        b = index.key[np.repeat(lo[pos], c) + offset]
        del offset
        keep = b > a
        (codes,) = sorted_unique(a[keep].astype(np.int64) * n + b[keep])
        if codes.size:
            yield codes
        start = stop


def candidate_blocks(
    keys: Sequence[str],
    *,
    threshold: float = 90.0,
    slack: float = DEFAULT_SLACK,
    ngram: int = 2,
    chunk_pairs: int = CHUNK_PAIRS,
) -> list[np.ndarray]:
    """Candidate pair codes ``u * len(keys) + v`` split into blocks of the index, each pair once.

    Block ``b`` holds the pairs whose smaller key lies in run ``b`` of the index's keys (see
    :func:`iter_candidate_blocks`, the streaming form used by :func:`policydrift.compare.scale.search.find_reuse`),
    sorted; together the blocks hold every candidate exactly once.

    >>> [b.tolist() for b in candidate_blocks(["a b c d", "a b c e", "z"])]
    [[1]]
    """
    index = build_index(keys, threshold=threshold, slack=slack, ngram=ngram)
    return list(iter_candidate_blocks(index, threshold=threshold, chunk_pairs=chunk_pairs))


def candidate_pairs(keys: Sequence[str], **options: Any) -> tuple[np.ndarray, np.ndarray]:
    """Distinct candidate pairs ``(u, v)`` with ``u < v`` of positions in ``keys``, sorted.

    ``options`` are those of :func:`candidate_blocks`. Keys should be distinct (see
    :func:`dedupe_keys`); identical keys are proposed like others.

    >>> u, v = candidate_pairs(["we reaffirm our commitment to peace",
    ...                         "we reaffirm our firm commitment to peace", "unrelated words"])
    >>> u.tolist(), v.tolist()
    ([0], [1])
    """
    blocks = candidate_blocks(keys, **options)
    codes = np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int64)
    n = max(len(keys), 1)
    return (codes // n).astype(np.int32), (codes % n).astype(np.int32)


def short_key_groups(
    keys: Sequence[str], *, threshold: float = 90.0, max_len: int = 30
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Row/column blocks that cover every pair whose shorter key has at most ``max_len`` chars.

    Word tokens cannot see edits inside the only word or two of a short key ("cyber security"
    and "cybersecurity" share no word), so such pairs are scored exhaustively instead. The
    length filter keeps this cheap: a key of length ``l`` only meets keys of length ``l`` to
    ``max_partner_length(l)``. Each item is ``(rows, cols)``: score every row against every
    column with a larger length, or with equal length and a larger position.

    >>> keys = ["abcdefghij", "abcdefghijk", "x" * 50]
    >>> [(r.tolist(), c.tolist()) for r, c in short_key_groups(keys, max_len=11)]
    [([0], [0, 1]), ([1], [1])]
    """
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    order = np.lexsort((np.arange(len(keys)), lengths))
    sorted_len = lengths[order]
    out = []
    for length in np.unique(sorted_len[sorted_len <= max_len]).tolist():
        lo = int(np.searchsorted(sorted_len, length, side="left"))
        mid = int(np.searchsorted(sorted_len, length, side="right"))
        hi = int(
            np.searchsorted(
                sorted_len, max_partner_length(np.array([length]), threshold)[0], side="right"
            )
        )
        out.append((order[lo:mid], order[lo:hi]))
    return out
