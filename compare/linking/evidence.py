"""The similarity model: lexical, rarity-weighted, containment and semantic evidence, calibrated.

One score per sentence pair, on a documented scale: the *link confidence*, 0-100, is 100 x the
probability that a reader would link the two sentences (same, edited, trimmed, extended or
reworded), fitted by logistic regression on the TUNE pairs of ``benchmarks/labels/alignment``
(``benchmarks/fit_alignment_model.py`` prints the coefficients below and their calibration).

Evidence (all symmetric, so ``compare(B, A)`` stays the mirror of ``compare(A, B)``):

- ``lex``: ``fuzz.ratio`` of the keys / 100 (characters in common, in order), for pairs
  sharing some rare words (:data:`LEX_OVERLAP`), from 30 (:data:`LEX_CUTOFF`);
- ``overlap``: weighted Jaccard of the two word sets, each word weighted by its rarity among
  the sentences of both statements (:func:`word_weights`): words found in many sentences
  (openings such as "the two sides", party names, "we reaffirm") count little;
- ``contain``: the same shared weight over the lighter sentence's weight: a clause cut or
  added leaves the shorter sentence almost wholly inside the longer one;
- ``beyond``: the shared weight outside the two keys' common opening words, over the lighter
  sentence's weight; the *opening guard* (:data:`GUARD`) refuses any pair that shares little
  beyond its opening, whatever the other scores say;
- ``sem``: cosine similarity of the sentences in the comparison's sentence space
  (:mod:`policydrift.compare.linking.space`: rarity-weighted, centred embeddings), in the
  full model only; the lexical model (:data:`LEXICAL`) leaves it out.

Bands (:func:`band`): ``strong`` >= 90, ``likely`` >= 75, ``weak`` below (a pair is linked
from the alignment threshold up, 60 by default).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np
from policydrift.compare.models import BANDS
from rapidfuzz import fuzz, process

__all__ = [
    "BANDS",
    "FULL",
    "GUARD",
    "LEXICAL",
    "Calibration",
    "PairFeatures",
    "Side",
    "Vocabulary",
    "band",
    "opening_counts",
    "confidence",
    "features",
    "side_features",
    "text_scorer",
    "word_weights",
]

GUARD = 0.2
"""Least share of the lighter sentence's word weight shared outside the common opening."""
GUARD_EXEMPT = 0.9
"""Pairs whose ``lex`` reaches this pass the guard (near-copies: the guard is for openings)."""
LEX_CUTOFF = 30.0
"""``fuzz.ratio`` below this counts as 0 (a clause cut is found by ``contain``, a rewording
by ``sem``, not by ``lex``)."""
LEX_OVERLAP = 0.05
"""``lex`` is computed only for pairs whose ``overlap`` reaches this (7 % of the pairs of two
100 KB statements); others count 0: characters in common without a rare word in common are
noise, and scoring them would be most of the model's time."""
_SMALL = 2_000  # pairs scored on one thread
OPENING = 8  # words of each key compared for the common opening
OPENING_SHARED = 3
"""A run of first words is a formulaic opening when at least this many sentences start with it."""


@dataclass(frozen=True)
class Calibration:
    """Logistic coefficients: confidence = 100 / (1 + exp(-(bias + sum(w * feature))))."""

    bias: float
    weights: tuple[tuple[str, float], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.weights)


# Fitted by benchmarks/fit_alignment_model.py on the TUNE label files (see its output).
LEXICAL = Calibration(
    bias=-8.09,
    weights=(("lex", 6.47), ("overlap", 5.51), ("contain", 3.19), ("beyond", 3.61)),
)
FULL = Calibration(
    bias=-7.74,
    weights=(("lex", 5.49), ("overlap", 3.62), ("contain", 1.5), ("beyond", 1.89), ("sem", 6.73)),
)


@dataclass(frozen=True)
class PairFeatures:
    """The evidence for every old x new pair, float32 matrices of one shape."""

    lex: np.ndarray
    overlap: np.ndarray
    contain: np.ndarray
    beyond: np.ndarray
    sem: np.ndarray | None = None

    def guard(self) -> np.ndarray:
        """Pairs allowed by the opening guard (bool matrix)."""
        return (self.beyond >= GUARD) | (self.lex >= GUARD_EXEMPT)


def band(score: float | None) -> str:
    """The band of a link confidence: ``strong``, ``likely`` or ``weak`` (``""`` for None).

    >>> band(97.5), band(80), band(61), band(None)
    ('strong', 'likely', 'weak', '')
    """
    if score is None:
        return ""
    return next(name for name, low in BANDS if score >= low)


def word_weights(*sides: Sequence[str]) -> dict[str, float]:
    """Rarity of every word of the keys of ``sides``: ``log((N + 1) / df)``, N sentences in
    all, df the sentences holding the word (a word in every sentence weighs ~0).

    Each side's keys are split once for the next few calls (:func:`_side_words`).

    >>> w = word_weights(["the two sides met", "the two sides agreed"], ["the two sides met"])
    >>> round(w["the"], 2), round(w["agreed"], 2)
    (0.29, 1.39)
    """
    read = [_side_words(tuple(keys)) for keys in sides]
    total = sum(len(r.firsts) for r in read)
    df = Counter(chain.from_iterable(r.words for r in read))
    logs = {count: math.log((total + 1) / count) for count in set(df.values())}
    return {word: logs[count] for word, count in df.items()}


def opening_counts(*sides: Sequence[str]) -> dict[tuple, int]:
    """How many sentences of ``sides`` start with each run of up to :data:`OPENING` words.

    >>> opening_counts(["we act now", "we act later"])[("we", "act")]
    2
    """
    return dict(Counter(chain.from_iterable(_side_words(tuple(keys)).runs for keys in sides)))


@dataclass(frozen=True)
class _SideWords:
    """One side's keys split once: each key's distinct words (any order), key after key,
    with the key each word is from; each key's first :data:`OPENING` words; the runs of first
    words (1 to :data:`OPENING`) each key starts with, key after key."""

    words: tuple[str, ...]
    rows: np.ndarray  # int64
    firsts: tuple[tuple[str, ...], ...]
    runs: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=32)
def _side_words(keys: tuple[str, ...]) -> _SideWords:
    """:class:`_SideWords` of ``keys``, kept for the next few calls: consecutive editions
    share a statement, the new side of one comparison and the old side of the next."""
    distinct = [tuple(set(key.split())) for key in keys]
    firsts = tuple(tuple(key.split()[:OPENING]) for key in keys)
    rows = np.repeat(np.arange(len(keys), dtype=np.int64), [len(d) for d in distinct])
    rows.flags.writeable = False  # shared by the calls that find it here
    return _SideWords(
        words=tuple(chain.from_iterable(distinct)),
        rows=rows,
        firsts=firsts,
        runs=tuple(first[:k] for first in firsts for k in range(1, len(first) + 1)),
    )


def forget() -> None:
    """Drop the split keys kept for the next comparisons (:func:`_side_words`)."""
    _side_words.cache_clear()


@dataclass(frozen=True)
class Side:
    """Keys of one side as the model reads them: each key's weighted word incidence over the
    vocabulary, and the word ids and weights of its formulaic opening (-1 beyond it)."""

    keys: list[str]
    incidence: np.ndarray  # float32 (n, vocabulary)
    opening_ids: np.ndarray  # int64 (n, OPENING)
    opening_weights: np.ndarray  # float32 (n, OPENING)

    def take(self, rows: np.ndarray) -> Side:
        """The keys ``rows`` (an index array) alone."""
        return Side(
            [self.keys[i] for i in rows.tolist()],
            self.incidence[rows],
            self.opening_ids[rows],
            self.opening_weights[rows],
        )


class Vocabulary:
    """The words of ``weights`` in sorted order with their weights, and the opening counts:
    turns keys into :class:`Side` (:meth:`side`) once per comparison.

    >>> v = Vocabulary({"we": 0.25, "act": 0.5}, {("we",): 3})
    >>> s = v.side(["we act", "act"])
    >>> s.incidence.tolist(), s.opening_ids.tolist()[0][:2]
    ([[0.5, 0.25], [0.5, 0.0]], [1, -1])
    """

    def __init__(self, weights: dict[str, float], openings: dict[tuple, int]) -> None:
        words = sorted(weights)
        self.index = {w: k for k, w in enumerate(words)}
        self.weights = np.array([weights[w] for w in words], np.float32)
        self.openings = openings

    def side(self, keys: Sequence[str]) -> Side:
        """``keys`` with their incidence and openings (words missing from the weights count
        for nothing)."""
        keys = list(keys)
        read = _side_words(tuple(keys))
        index, weights = self.index, self.weights
        try:
            rows = read.rows
            cols = np.fromiter(map(index.__getitem__, read.words), np.int64, len(read.words))
        except KeyError:
            pairs = zip(read.rows.tolist(), read.words, strict=True)
            known = [(r, index[w]) for r, w in pairs if w in index]
            rows = np.array([r for r, _ in known], np.int64)
            cols = np.array([c for _, c in known], np.int64)
        incidence = np.zeros((len(keys), len(index)), np.float32)
        incidence[rows, cols] = weights[cols]
        ids = np.full((len(keys), OPENING), -1, np.int64)
        wts = np.zeros((len(keys), OPENING), np.float32)
        counts = self.openings
        for r, first in enumerate(read.firsts):
            for k in range(len(first)):
                if counts.get(first[: k + 1], 0) < OPENING_SHARED:
                    break
                ids[r, k] = c = index.get(first[k], -2)
                wts[r, k] = weights[c] if c >= 0 else 0.0
        return Side(keys, incidence, ids, wts)


def features(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    weights: dict[str, float],
    openings: dict[tuple, int] | None = None,
    a_vectors: np.ndarray | None = None,
    b_vectors: np.ndarray | None = None,
    workers: int = -1,
) -> PairFeatures:
    """The evidence for every pair of ``a_keys`` x ``b_keys`` (``sem`` if vectors are given).

    ``weights`` and ``openings`` (:func:`word_weights`, :func:`opening_counts`) are counted
    over both whole statements; ``openings`` defaults to the counts over the given keys.

    >>> w = word_weights(["the two sides align standards for ai"],
    ...                  ["the two sides thank the participants for their input",
    ...                   "the two sides align standards for artificial intelligence"])
    >>> f = features(["the two sides align standards for ai"],
    ...              ["the two sides thank the participants for their input",
    ...               "the two sides align standards for artificial intelligence"], weights=w)
    >>> f.guard().tolist()
    [[False, True]]
    """
    n, m = len(a_keys), len(b_keys)
    if not n or not m:
        empty = np.zeros((n, m), np.float32)
        return PairFeatures(empty, empty, empty, empty, None if a_vectors is None else empty)
    counts = openings if openings is not None else opening_counts(a_keys, b_keys)
    vocabulary = Vocabulary(weights, counts)
    return side_features(
        vocabulary.side(a_keys), vocabulary.side(b_keys), a_vectors, b_vectors, workers=workers
    )


def side_features(
    a: Side,
    b: Side,
    a_vectors: np.ndarray | None = None,
    b_vectors: np.ndarray | None = None,
    *,
    workers: int = -1,
) -> PairFeatures:
    """:func:`features` of two sides read with one :class:`Vocabulary`."""
    n, m = len(a.keys), len(b.keys)
    if not n or not m:
        empty = np.zeros((n, m), np.float32)
        return PairFeatures(empty, empty, empty, empty, None if a_vectors is None else empty)
    xa, xb = a.incidence, b.incidence
    shared = xa @ (xb > 0).T.astype(np.float32)
    wa, wb = xa.sum(axis=1)[:, None], xb.sum(axis=1)[None, :]
    union = np.maximum(wa + wb - shared, 1e-6)
    lighter = np.maximum(np.minimum(wa, wb), 1e-6)
    ia, wta, ib = a.opening_ids, a.opening_weights, b.opening_ids
    same = (ia[:, None, :] == ib[None, :, :]) & (ia[:, None, :] != -1)
    prefix = np.cumprod(same, axis=2).astype(np.float32)  # 1 while the openings agree
    opening = (prefix * wta[:, None, :]).sum(axis=2)
    overlap = (shared / union).astype(np.float32)
    lex = np.zeros((n, m), np.float32)
    i, j = np.nonzero(overlap >= LEX_OVERLAP)  # characters only where some rare word is shared
    if i.size:
        a_keys, b_keys = a.keys, b.keys
        lex[i, j] = process.cpdist(
            [a_keys[k] for k in i.tolist()], [b_keys[k] for k in j.tolist()], scorer=fuzz.ratio,
            dtype=np.float32, workers=workers if i.size > _SMALL else 1, score_cutoff=LEX_CUTOFF,
        ) / 100.0  # fmt: skip
    sem = None
    if a_vectors is not None and b_vectors is not None:
        sem = np.clip(a_vectors @ b_vectors.T, -1.0, 1.0).astype(np.float32)
    return PairFeatures(
        lex=lex.astype(np.float32),
        overlap=overlap,
        contain=np.minimum(shared / lighter, 1.0).astype(np.float32),
        beyond=np.clip((shared - opening) / lighter, 0.0, 1.0).astype(np.float32),
        sem=sem,
    )


def confidence(f: PairFeatures, calibration: Calibration | None = None) -> np.ndarray:
    """Link confidence 0-100 (float32) of every pair; pairs refused by the guard score 0.

    The full model when ``f.sem`` is present, else the lexical one; identical keys score 100,
    any other pair at most 99.99.

    >>> f = PairFeatures(*(np.array([[1.0, 0.3]], np.float32) for _ in range(4)))
    >>> confidence(f).round().tolist()
    [[100.0, 8.0]]
    """
    cal = calibration or (FULL if f.sem is not None else LEXICAL)
    z = np.full(f.lex.shape, cal.bias, np.float64)
    for name, weight in cal.weights:
        z += weight * getattr(f, name)
    score = 100.0 / (1.0 + np.exp(-z))
    score = np.where(f.guard(), np.minimum(score, 99.99), 0.0)  # 100 only for identical keys
    score = np.where(f.lex >= 1.0, 100.0, score)
    return np.round(score, 2).astype(np.float32)


def text_scorer(
    weights: dict[str, float],
    openings: dict[tuple, int],
    embed: Callable[[str], np.ndarray] | None = None,
) -> Callable[..., float]:
    """A rapidfuzz-style scorer ``(a_key, b_key) -> confidence`` for any two texts (e.g. a
    sentence against several joined ones), with the same weights and model.

    >>> w = word_weights(["we act now and we act together"], ["we act now", "and we act together"])
    >>> text_scorer(w, {})("we act now and we act together", "we act now and we act together")
    100.0
    """
    vectors: dict[str, np.ndarray] = {}

    def vector(key: str) -> np.ndarray:
        if key not in vectors:
            vectors[key] = embed(key) if embed is not None else np.zeros(1, np.float32)
        return vectors[key]

    def score(a: str, b: str, **_: object) -> float:
        va = vb = None
        if embed is not None:
            va, vb = vector(a)[None, :], vector(b)[None, :]
        words = set(a.split()) | set(b.split())
        mine = {w: weights[w] for w in words if w in weights}
        f = features(
            [a], [b], weights=mine, openings=openings, a_vectors=va, b_vectors=vb, workers=1
        )
        return float(confidence(f)[0, 0])

    return score
