"""The alignment recipe with the similarity model: score, match, group, gaps, rows.

Called by :func:`policydrift.compare.align.align` for ``scorer="model"``, in the canonical
orientation (A plays "old"), with the pinned identical pairs (``anchors``):

1. :func:`policydrift.compare.linking.stages.model_scores`: every pair's link confidence (the
   semantic stage only where it can decide something);
2. the one-to-one matching with the largest total confidence over the pairs reaching the
   threshold (:func:`policydrift.compare.matching.match_graph`);
3. splits and merges scored by the same model on joined sentences
   (:func:`policydrift.compare.groups.find_groups`);
4. links made on meaning among the sentences left free, new rows or parts joining a row
   (:func:`policydrift.compare.linking.meaning.meaning_links`);
5. rows, kinds, bands and closest counterparts (:mod:`policydrift.compare.classify`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

import numpy as np
from policydrift.compare.classify import Closest, Unit, oriented_rows, units_of
from policydrift.compare.groups import Group, PairTable, find_groups
from policydrift.compare.linking.evidence import text_scorer
from policydrift.compare.linking.meaning import (
    Candidates,
    MeaningLink,
    meaning_candidates,
    meaning_links,
)
from policydrift.compare.linking.stages import ModelScores, model_scores
from policydrift.compare.matching import match_graph
from policydrift.compare.models import AlignedRow
from policydrift.compare.pair_scan import TOP_K, Tops
from rapidfuzz import fuzz

__all__ = [
    "REWORDED_RATIO",
    "ModelSettings",
    "dense_table",
    "first_stages",
    "model_align",
    "with_links",
]

REWORDED_RATIO = 60.0
"""A pair linked on meaning is ``reworded`` when ``fuzz.ratio`` of its keys is below this (the
old default threshold: words alone would not link it); otherwise it is ``edited``."""


@dataclass(frozen=True)
class ModelSettings:
    """The options of :func:`policydrift.compare.align.align` that the model recipe uses."""

    threshold: float
    split_threshold: float
    semantic: bool
    semantic_model: str
    workers: int


def model_align(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    anchors: Sequence[tuple[int, int]],
    settings: ModelSettings,
    *,
    swap: bool,
) -> list[AlignedRow]:
    """Rows of the alignment of A with B (``swap``: A is the comparison's new side)."""
    threshold = settings.threshold
    scores, units = first_stages(a_keys, b_keys, anchors, settings)
    candidates = None
    links: list[MeaningLink] = []
    if scores.semantic:
        candidates = meaning_candidates(scores, [(u.a, u.b) for u in units], anchors)
        links = meaning_links(candidates, [(u.a, u.b) for u in units], threshold=threshold)
    if links:
        units = with_links(units, links)
    closest = _closest(scores, units, candidates)
    one_to_one = {(u.a[0], u.b[0]) for u in units if len(u.a) == len(u.b) == 1}
    on_meaning = {
        (x.a, x.b)
        for x in links
        if (x.a, x.b) in one_to_one and scores.evidence.lex[x.a, x.b] * 100 < REWORDED_RATIO
    }
    return oriented_rows(units, a_keys, b_keys, swap=swap, closest=closest, reworded=on_meaning)


def first_stages(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    anchors: Sequence[tuple[int, int]],
    settings: ModelSettings,
) -> tuple[ModelScores, list[Unit]]:
    """Steps 1-3: the scores and the aligned units (pairs and groups).

    A pair is matched here only on words: its lexical confidence reaches the threshold (the
    semantic stage may then raise or lower its confidence); pairs that only meaning links
    are left to step 4 (:mod:`policydrift.compare.linking.meaning`).
    """
    threshold, workers = settings.threshold, settings.workers
    from policydrift.compare.linking.space import sentence_space

    space = partial(sentence_space, a_keys, b_keys, model=settings.semantic_model)
    scores = model_scores(
        a_keys, b_keys, threshold=threshold, semantic=settings.semantic, space=space,
        anchors=anchors, workers=workers,
    )  # fmt: skip
    on_words = np.where(scores.lexical >= threshold, scores.score, 0.0).astype(np.float32)
    table = dense_table(on_words, anchors, threshold)
    matched = match_graph(table.i, table.j, table.score, len(a_keys), len(b_keys))
    pairs = sorted([*anchors, *matched])
    # Splits and merges are found on characters (fuzz.ratio of a sentence against the joined
    # neighbours must beat its best single partner clearly: the calibrated confidence is too
    # close to 100 for near-copies to show that margin), then scored by the model.
    ratio_table = dense_table(scores.evidence.lex * np.float32(100.0), anchors, 0.0)
    splits, merges = find_groups(
        a_keys,
        b_keys,
        ratio_table,
        pairs,
        split_threshold=settings.split_threshold,
        scorer_fn=fuzz.ratio,
        workers=workers,
    )
    one = None
    if scores.space is not None:
        one = lambda text: scores.space.vectors([text])[0]  # noqa: E731
    rescore = text_scorer(scores.weights, scores.openings, one)
    groups = (
        [_rescored(g, a_keys, b_keys, rescore, flip=False) for g in splits],
        [_rescored(g, b_keys, a_keys, rescore, flip=True) for g in merges],
    )
    return scores, units_of(table, pairs, groups)


def with_links(units: Sequence[Unit], links: Sequence[MeaningLink]) -> list[Unit]:
    """``units`` with the links made on meaning: new one-to-one units, or parts joining the
    unit of their partner (its score then the lower of the two).

    >>> with_links([Unit((0,), (0,), 90.0)], [MeaningLink(1, 0, 70.0), MeaningLink(2, 1, 65.0)])
    [Unit(a=(0, 1), b=(0,), score=70.0), Unit(a=(2,), b=(1,), score=65.0)]
    """
    out = list(units)
    unit_a = {i: k for k, u in enumerate(out) for i in u.a}
    unit_b = {j: k for k, u in enumerate(out) for j in u.b}
    for link in links:
        score = round(link.score, 2)
        if link.a in unit_a:  # a new sentence joins the row of its old partner
            k = unit_b[link.b] = unit_a[link.a]
            u = out[k]
            out[k] = Unit(u.a, tuple(sorted((*u.b, link.b))), min(u.score, score))
        elif link.b in unit_b:  # an old sentence joins the row of its new partner
            k = unit_a[link.a] = unit_b[link.b]
            u = out[k]
            out[k] = Unit(tuple(sorted((*u.a, link.a))), u.b, min(u.score, score))
        else:
            unit_a[link.a] = unit_b[link.b] = len(out)
            out.append(Unit((link.a,), (link.b,), score))
    return out


def _rescored(
    group: Group, singles: Sequence[str], parts: Sequence[str], scorer_fn, *, flip: bool
) -> Group:
    """``group`` with its score replaced by the model's confidence (old side first)."""
    single, joined = singles[group.single], " ".join(parts[group.lo : group.hi + 1])
    score = scorer_fn(joined, single) if flip else scorer_fn(single, joined)
    return replace(group, score=round(score, 2))


def dense_table(
    score: np.ndarray, anchors: Sequence[tuple[int, int]], threshold: float
) -> PairTable:
    """The :class:`PairTable` of a whole score matrix: admissible pairs among the unanchored
    sentences, the best partners of every sentence, and each one's best single score.

    >>> t = dense_table(np.array([[100.0, 10.0], [20.0, 70.0]], np.float32), [(0, 0)], 60)
    >>> t.i.tolist(), t.j.tolist(), t.score.tolist(), t.single_best[0].tolist()
    ([1], [1], [70.0], [100.0, 70.0])
    """
    n, m = score.shape
    anchored_a = np.zeros(n, bool)
    anchored_b = np.zeros(m, bool)
    for i, j in anchors:
        anchored_a[i] = anchored_b[j] = True
    free = ~anchored_a[:, None] & ~anchored_b[None, :]
    i, j = np.nonzero((score >= threshold) & free)
    masked = np.where(free, score, -1.0).astype(np.float32)
    tops = Tops(
        *_top(masked),
        *_top(masked.T),
        np.zeros(n, np.int64),
        np.full(n, m, np.int64),
        np.arange(m, dtype=np.int64),
    )
    best = (
        score.max(axis=1).astype(np.float64) if m else np.zeros(n),
        score.max(axis=0).astype(np.float64) if n else np.zeros(m),
    )
    return PairTable(i, j, score[i, j], anchored_a, anchored_b, False, tops, best)


def _top(score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The :data:`TOP_K` best columns of each row (best first, ties by column), -1 padded."""
    n, m = score.shape
    k = min(TOP_K, m)
    table = np.full((n, TOP_K), -1, np.int64)
    values = np.full((n, TOP_K), -1.0, np.float32)
    if k:
        order = np.lexsort((np.broadcast_to(np.arange(m), score.shape), -score), axis=1)[:, :k]
        table[:, :k] = order
        values[:, :k] = np.take_along_axis(score, order, axis=1)
        table[values < 0] = -1
    return table, values


def _closest(scores: ModelScores, units: Sequence[Unit], candidates: Candidates | None) -> Closest:
    """For every unaligned sentence of each side, its closest sentence on the other side and
    the score (first of equal ones): by meaning confidence where the meaning stage scored it
    (:data:`policydrift.compare.linking.meaning.POSSIBLE` and up: possibly restated there),
    else by link confidence."""
    s = scores.score
    used = ({i for u in units for i in u.a}, {j for u in units for j in u.b})
    out: tuple[dict[int, tuple[int, float]], dict[int, tuple[int, float]]] = ({}, {})
    for side, matrix in ((0, s), (1, s.T)):
        for x in range(matrix.shape[0]):
            if x in used[side]:
                continue
            best = candidates.best_for(side, x) if candidates is not None else None
            if best is None and matrix.shape[1] and matrix[x].max() > 0:
                best = int(matrix[x].argmax()), float(matrix[x].max())
            if best is not None and best[1] > 0:
                out[side][x] = best
    return out
