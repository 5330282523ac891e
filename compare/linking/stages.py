"""Every sentence pair of two statements scored by the similarity model, in two stages.

:func:`model_scores` scores every old x new pair with the model
(:mod:`policydrift.compare.linking.evidence`): the lexical model first; the semantic model
(sentence vectors of :mod:`policydrift.compare.linking.space`) only when some sentence is left
without a confident partner, so that two near-identical statements never load it. Identical
keys score 100, pairs refused by the opening guard 0. The links made on meaning after the
matching are :mod:`policydrift.compare.linking.meaning`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from policydrift.compare.linking.evidence import (
    PairFeatures,
    Vocabulary,
    confidence,
    opening_counts,
    side_features,
    word_weights,
)

if TYPE_CHECKING:
    from policydrift.compare.linking.space import SentenceSpace

__all__ = ["DENSE_MAX_CELLS", "ModelScores", "model_scores"]

DENSE_MAX_CELLS = 4_000_000
"""Up to this many old x new pairs the model scores every pair (a float32 matrix per piece of
evidence); larger comparisons are aligned with ``ratio`` (:mod:`policydrift.compare.sparse_align`)."""


@dataclass(frozen=True)
class ModelScores:
    """Link confidence of every A x B pair, with the evidence it came from."""

    score: np.ndarray  # float32 (n_a, n_b), 0-100
    lexical: np.ndarray  # the lexical model's confidence, float32 (n_a, n_b)
    evidence: PairFeatures
    weights: dict[str, float]
    openings: dict[tuple, int]
    space: SentenceSpace | None  # the sentence space, if the semantic stage ran (free sentences)

    @property
    def semantic(self) -> bool:
        """Whether the semantic stage ran."""
        return self.space is not None


def model_scores(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    threshold: float,
    semantic: bool,
    space: Callable[[], SentenceSpace] | None,
    anchors: Sequence[tuple[int, int]] = (),
    workers: int = -1,
) -> ModelScores:
    """Score every pair; run the semantic stage only if ``semantic`` and it can change
    something (a sentence of each side without a partner reaching ``threshold``).

    Sentences pinned to an identical partner (``anchors``) are scored only against the
    sentences left free (what a split or a closest counterpart may need), on words alone;
    the semantic stage embeds the free sentences only.

    >>> s = model_scores(["we act now", "the sky is blue"], ["we act now", "the sky was blue"],
    ...                  threshold=60, semantic=False, space=None, anchors=[(0, 0)])
    >>> s.score.round().tolist(), s.semantic
    ([[100.0, 0.0], [0.0, 99.0]], False)
    """
    n, m = len(a_keys), len(b_keys)
    weights = word_weights(a_keys, b_keys)
    openings = opening_counts(a_keys, b_keys)
    pinned_a = np.zeros(n, bool)
    pinned_b = np.zeros(m, bool)
    for i, j in anchors:
        pinned_a[i] = pinned_b[j] = True
    free_a, free_b = np.flatnonzero(~pinned_a), np.flatnonzero(~pinned_b)
    blocks = [(free_a, np.arange(m)), (np.flatnonzero(pinned_a), free_b)]
    names = ("lex", "overlap", "contain", "beyond")
    full = {name: np.zeros((n, m), np.float32) for name in names}
    vocabulary = Vocabulary(weights, openings)  # each key read once, for both blocks
    a_side, b_side = vocabulary.side(a_keys), vocabulary.side(b_keys)
    for rows, cols in blocks:
        if rows.size and cols.size:
            f = side_features(a_side.take(rows), b_side.take(cols), workers=workers)
            for name in names:
                full[name][np.ix_(rows, cols)] = getattr(f, name)
    for i, j in anchors:
        full["lex"][i, j] = 1.0
    evidence = PairFeatures(**full)
    lexical = confidence(evidence)
    free = np.ix_(free_a, free_b)
    if not semantic or space is None or not _undecided(lexical[free_a][:, free_b], threshold):
        return ModelScores(lexical, lexical, evidence, weights, openings, None)
    vectors = space()
    a_vec = vectors.vectors([a_keys[i] for i in free_a.tolist()])
    b_vec = vectors.vectors([b_keys[j] for j in free_b.tolist()])
    sem = np.zeros((n, m), np.float32)
    sem[free] = np.clip(a_vec @ b_vec.T, -1.0, 1.0)
    evidence = PairFeatures(**full, sem=sem)
    score = lexical.copy()
    score[free] = confidence(evidence)[free]
    return ModelScores(score, lexical, evidence, weights, openings, vectors)


def _undecided(score: np.ndarray, threshold: float) -> bool:
    """Whether some sentence of each side lacks a partner reaching ``threshold``."""
    if score.size == 0:
        return False
    return bool((score.max(axis=1) < threshold).any() and (score.max(axis=0) < threshold).any())
