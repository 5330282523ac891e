"""Alignment with the similarity model (:mod:`policydrift.compare.linking.evidence`): scores, stages, gaps.

:func:`model_scores` scores every old x new pair of two statements with the model, in two
stages: the lexical model first; the semantic model (sentence embeddings) only when some
sentence is left without a confident partner, so that two near-identical statements never load
it. Identical keys score 100, pairs refused by the opening guard 0.

:func:`gap_pairs` is the last stage, for sentences restated in other words (``reworded``):
after the one-to-one matching and the splits, the sentences still unmatched between two
consecutive rows kept in order (a *gap*: what a line diff would show as one replaced block)
are paired when they are each other's best candidate in that gap and the gap confidence
(:data:`GAP`: semantic similarity, shared rare words, fitted like the rest) reaches the
threshold. Topic alone does not suffice: the partner must be the mutual best in the same
place of the document, and share words beyond any formulaic opening (the guard).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from policydrift.compare.linking.evidence import (
    Calibration,
    PairFeatures,
    confidence,
    features,
    opening_counts,
    word_weights,
)

__all__ = ["DENSE_MAX_CELLS", "GAP", "ModelScores", "gap_features", "gap_pairs", "model_scores"]

DENSE_MAX_CELLS = 4_000_000
"""Up to this many old x new pairs the model scores every pair (a float32 matrix per piece of
evidence); larger comparisons are aligned with ``ratio`` (:mod:`policydrift.compare.sparse_align`)."""

# Fitted by benchmarks/fit_alignment_model.py on the TUNE label files (gap pairs).
GAP = Calibration(
    bias=-4.44,
    weights=(("mutual_sem", 2.78), ("overlap", 2.91), ("conf", 4.77), ("in_gap", 1.69)),
)


@dataclass(frozen=True)
class ModelScores:
    """Link confidence of every A x B pair, with the evidence it came from."""

    score: np.ndarray  # float32 (n_a, n_b), 0-100
    lexical: np.ndarray  # the lexical model's confidence, float32 (n_a, n_b)
    evidence: PairFeatures
    weights: dict[str, float]
    openings: dict[tuple, int]
    semantic: bool  # whether the semantic stage ran (on the pairs of free sentences)


def model_scores(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    threshold: float,
    semantic: bool,
    embed: Callable[[list[str]], np.ndarray] | None,
    anchors: Sequence[tuple[int, int]] = (),
    workers: int = -1,
) -> ModelScores:
    """Score every pair; run the semantic stage only if ``semantic`` and it can change
    something (a sentence of each side without a partner reaching ``threshold``).

    Sentences pinned to an identical partner (``anchors``) are scored only against the
    sentences left free (what a split or a closest counterpart may need), on words alone;
    the semantic stage embeds the free sentences only.

    >>> s = model_scores(["we act now", "the sky is blue"], ["we act now", "the sky was blue"],
    ...                  threshold=60, semantic=False, embed=None, anchors=[(0, 0)])
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
    for rows, cols in blocks:
        if rows.size and cols.size:
            f = features(
                [a_keys[i] for i in rows.tolist()], [b_keys[j] for j in cols.tolist()],
                weights=weights, openings=openings, workers=workers,
            )  # fmt: skip
            for name in names:
                full[name][np.ix_(rows, cols)] = getattr(f, name)
    for i, j in anchors:
        full["lex"][i, j] = 1.0
    evidence = PairFeatures(**full)
    lexical = confidence(evidence)
    free = np.ix_(free_a, free_b)
    if not semantic or embed is None or not _undecided(lexical[free_a][:, free_b], threshold):
        return ModelScores(lexical, lexical, evidence, weights, openings, False)
    a_vec = embed([a_keys[i] for i in free_a.tolist()])
    b_vec = embed([b_keys[j] for j in free_b.tolist()])
    sem = np.zeros((n, m), np.float32)
    sem[free] = np.clip(a_vec @ b_vec.T, -1.0, 1.0)
    evidence = PairFeatures(**full, sem=sem)
    score = lexical.copy()
    score[free] = confidence(evidence)[free]
    return ModelScores(score, lexical, evidence, weights, openings, True)


def _undecided(score: np.ndarray, threshold: float) -> bool:
    """Whether some sentence of each side lacks a partner reaching ``threshold``."""
    if score.size == 0:
        return False
    return bool((score.max(axis=1) < threshold).any() and (score.max(axis=0) < threshold).any())


def gap_features(
    scores: ModelScores, a_rows: Sequence[int], b_cols: Sequence[int]
) -> dict[str, np.ndarray]:
    """The gap evidence of the pairs ``a_rows`` x ``b_cols`` of one gap (semantic stage only):
    the model's evidence plus ``mutual`` (1.0 where the pair is each other's best by ``sem``)."""
    f = scores.evidence
    rows, cols = np.asarray(a_rows, np.int64), np.asarray(b_cols, np.int64)
    block = {name: getattr(f, name)[np.ix_(rows, cols)] for name in ("sem", "overlap", "beyond")}
    block["conf"] = scores.score[np.ix_(rows, cols)] / 100.0
    sem = block["sem"]
    best_col = sem.argmax(axis=1)
    best_row = sem.argmax(axis=0)
    mutual = np.zeros(sem.shape, np.float32)
    for r, c in enumerate(best_col.tolist()):
        if best_row[c] == r:
            mutual[r, c] = 1.0
    block["mutual"] = mutual
    block["mutual_sem"] = mutual * block["sem"]
    block["guard"] = f.guard()[np.ix_(rows, cols)]
    return block


def gap_confidence(block: dict[str, np.ndarray], calibration: Calibration = GAP) -> np.ndarray:
    """The gap confidence (0-100) of a block from :func:`gap_features`; guarded pairs 0."""
    z = np.full(block["sem"].shape, calibration.bias, np.float64)
    for name, weight in calibration.weights:
        z += weight * block[name]
    score = 100.0 / (1.0 + np.exp(-z))
    return np.round(np.where(block["guard"], score, 0.0), 2).astype(np.float32)


def gaps(
    units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    stable: Sequence[bool],
    n_a: int,
    n_b: int,
) -> list[tuple[range, range]]:
    """The old and new index ranges between consecutive units kept in order.

    >>> gaps([((0,), (0,)), ((3,), (2,))], [True, True], 5, 4)
    [(range(1, 3), range(1, 2)), (range(4, 5), range(3, 4))]
    """
    kept = sorted(
        (min(a), max(a), min(b), max(b)) for (a, b), s in zip(units, stable, strict=True) if s
    )
    out = []
    a0 = b0 = 0
    for a_lo, a_hi, b_lo, b_hi in [*kept, (n_a, n_a, n_b, n_b)]:
        if a_lo > a0 and b_lo > b0:
            out.append((range(a0, a_lo), range(b0, b_lo)))
        a0, b0 = max(a0, a_hi + 1), max(b0, b_hi + 1)
    return out


def gap_pairs(
    scores: ModelScores,
    units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    stable: Sequence[bool],
    *,
    threshold: float,
) -> list[tuple[int, int, float]]:
    """Reworded pairs ``(a, b, confidence)`` among the sentences left unmatched.

    Every unmatched A x unmatched B pair gets the gap confidence (:data:`GAP`), whose
    evidence includes whether the pair is each other's best by meaning (``mutual_sem``) and
    whether it sits in one gap between rows kept in order (``in_gap``). Pairs are taken best
    first while they reach ``threshold`` and neither sentence is taken yet.
    """
    if not scores.semantic:
        return []
    n_a, n_b = scores.score.shape
    used_a = {i for a, _ in units for i in a}
    used_b = {j for _, b in units for j in b}
    rows = [i for i in range(n_a) if i not in used_a]
    cols = [j for j in range(n_b) if j not in used_b]
    if not rows or not cols:
        return []
    block = gap_features(scores, rows, cols)
    block["in_gap"] = in_gaps(gaps(units, stable, n_a, n_b), rows, cols)
    conf = gap_confidence(block)
    out: list[tuple[int, int, float]] = []
    while conf.size and conf.max() >= threshold:
        r, c = np.unravel_index(int(np.argmax(conf)), conf.shape)  # first of equal ones
        out.append((rows[r], cols[c], float(conf[r, c])))
        conf[r, :] = -1.0
        conf[:, c] = -1.0
    return sorted(out)


def in_gaps(
    spans: Sequence[tuple[range, range]], rows: Sequence[int], cols: Sequence[int]
) -> np.ndarray:
    """1.0 where row and column lie in the same gap of ``spans``, else 0.0 (float32).

    >>> in_gaps([(range(1, 3), range(1, 2))], [1, 4], [1, 3]).tolist()
    [[1.0, 0.0], [0.0, 0.0]]
    """
    gap_of_a = {i: k for k, (a_range, _) in enumerate(spans) for i in a_range}
    gap_of_b = {j: k for k, (_, b_range) in enumerate(spans) for j in b_range}
    ga = np.array([gap_of_a.get(i, -1) for i in rows])
    gb = np.array([gap_of_b.get(j, -2) for j in cols])
    return (ga[:, None] == gb[None, :]).astype(np.float32)
