"""Sentence alignment independent of order: admissible pairs, one optimal matching.

1. :func:`unique_identical`: a key found exactly once on each side pairs with itself at once
   (it is that sentence's best possible partner, 100, and pinning it keeps an unchanged
   sentence from being traded away for two near matches).
2. The admissible pairs (score >= ``threshold``) among the remaining sentences, never the whole
   score matrix: up to :data:`EXHAUSTIVE_MAX_CELLS` remaining old x new pairs, every pair that
   can reach the threshold is scored (:func:`policydrift.compare.pair_scan.scan_pairs`: ``cdist`` over keys
   sorted by length, in bounded blocks, only lengths that allow the threshold), which gives
   exactly the pairs of the whole matrix; above it, only the candidates of the word index
   (:func:`policydrift.compare.sparse_align.blocked_pairs`). Memory is bounded either way: one block of
   scores, the admissible pairs, and one dense block per connected component (step 3).
3. :func:`policydrift.compare.matching.match_graph`: the one-to-one matching with the largest total score
   over the admissible pairs (each connected component of the pair graph solved alone). Exact
   ties are broken by preferring pairs at the same relative position in both texts.
4. :func:`policydrift.compare.groups.find_groups`: split and merged sentences (one sentence against
   consecutive sentences of the other side).
5. :mod:`policydrift.compare.classify` names each row and puts the rows in display order.

The whole computation is done in a canonical orientation (the side whose key list sorts first
plays "old"), so comparing B with A gives exactly the mirror of comparing A with B.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from policydrift.compare.classify import Closest, oriented_rows, units_of
from policydrift.compare.groups import MAX_PARTS, SPLIT_MARGIN, Group, PairTable, find_groups
from policydrift.compare.linking.stages import DENSE_MAX_CELLS
from policydrift.compare.matching import match_graph
from policydrift.compare.models import MODEL, AlignedRow, CompareOptions
from policydrift.compare.pair_cap import PairCap
from policydrift.compare.pair_scan import Tops, scan_pairs
from policydrift.compare.similarity import LENGTH_BOUNDED, check_workers, get_scorer

__all__ = [
    "EXHAUSTIVE_MAX_CELLS",
    "MAX_PARTS",
    "SPLIT_MARGIN",
    "Group",
    "align",
    "find_groups",
    "match_pairs",
    "unique_identical",
]

EXHAUSTIVE_MAX_CELLS = 25_000_000
"""Above this many unanchored old x new sentence pairs, only the word index's candidates are
scored (:mod:`policydrift.compare.sparse_align`) instead of every pair."""
_DEFAULTS = CompareOptions()


def align(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    *,
    threshold: float = _DEFAULTS.threshold,
    split_threshold: float = _DEFAULTS.split_threshold,
    scorer: str = _DEFAULTS.scorer,
    workers: int = _DEFAULTS.workers,
    exhaustive_max_cells: int = EXHAUSTIVE_MAX_CELLS,
    semantic: bool = _DEFAULTS.semantic,
    semantic_model: str = _DEFAULTS.semantic_model,
    capped: list[int] | None = None,
) -> list[AlignedRow]:
    """Align two lists of sentence keys; rows in display order, without word opcodes.

    Row kinds and order are described in :func:`policydrift.compare.engine.compare`;
    ``exhaustive_max_cells`` in :data:`EXHAUSTIVE_MAX_CELLS`. ``scorer="model"`` (the
    default) aligns with the similarity model (:mod:`policydrift.compare.linking.stages`; with
    ``semantic``, its semantic stage where it can decide something); any other scorer name is
    one rapidfuzz scorer on the keys. Each sentence keeps its
    :data:`policydrift.compare.pair_cap.PAIR_CAP` best admissible partners; the number of
    sentences that had more is appended to ``capped`` when given.

    >>> rows = align(["a first point", "the second point", "gone now"],
    ...              ["the second point", "a first point here", "brand new"], scorer="ratio")
    >>> [(r.kind, r.old, r.new) for r in rows]
    [('same', (1,), (0,)), ('dropped', (2,), ()), ('moved+edited', (0,), (1,)), ('new', (), (2,))]
    """
    CompareOptions(
        threshold=threshold,
        split_threshold=split_threshold,
        scorer=scorer,
        semantic_model=semantic_model,
    )  # checks the ranges and names
    check_workers(workers)
    if isinstance(exhaustive_max_cells, bool) or not isinstance(exhaustive_max_cells, int):
        msg = f"exhaustive_max_cells must be an integer >= 0: {exhaustive_max_cells!r}"
        raise ValueError(msg)
    if exhaustive_max_cells < 0:
        msg = f"exhaustive_max_cells must be an integer >= 0: {exhaustive_max_cells!r}"
        raise ValueError(msg)
    old_keys, new_keys = list(old_keys), list(new_keys)
    swap = old_keys > new_keys
    a_keys, b_keys = (new_keys, old_keys) if swap else (old_keys, new_keys)
    anchors = unique_identical(a_keys, b_keys)
    if scorer == MODEL and len(a_keys) * len(b_keys) <= DENSE_MAX_CELLS:
        from policydrift.compare.linking.recipe import ModelSettings, model_align

        settings = ModelSettings(threshold, split_threshold, semantic, semantic_model, workers)
        return model_align(a_keys, b_keys, anchors, settings, swap=swap)
    if scorer == MODEL:
        scorer = "ratio"  # too large to score every pair with the model
    fn = get_scorer(scorer)
    table = pair_table(
        a_keys,
        b_keys,
        anchors,
        threshold=threshold,
        scorer=scorer,
        workers=workers,
        exhaustive_max_cells=exhaustive_max_cells,
        capped=capped,
    )
    matched = match_graph(table.i, table.j, table.score, len(a_keys), len(b_keys))
    pairs = sorted(anchors + matched)
    groups = find_groups(
        a_keys, b_keys, table, pairs, split_threshold=split_threshold, scorer_fn=fn, workers=workers
    )
    units = units_of(table, pairs, groups)
    closest = _closest_from_tops(table.tops)
    return oriented_rows(units, a_keys, b_keys, swap=swap, closest=closest)


def _closest_from_tops(tops: Tops | None) -> Closest:
    """Each sentence's best scored partner (A side, B side), where pairs were scored."""
    if tops is None:
        return {}, {}
    sides = []
    for top, score in ((tops.row_top, tops.row_top_score), (tops.col_top, tops.col_top_score)):
        sides.append(
            {k: (int(top[k, 0]), float(score[k, 0])) for k in range(top.shape[0]) if top[k, 0] >= 0}
        )
    return sides[0], sides[1]


def unique_identical(a_keys: Sequence[str], b_keys: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of identical keys that occur exactly once on each side, sorted.

    >>> unique_identical(["x", "y", "y", "z"], ["z", "y", "x", "y"])
    [(0, 2), (3, 0)]
    """
    a_at: dict[str, list[int]] = {}
    b_at: dict[str, list[int]] = {}
    for i, key in enumerate(a_keys):
        a_at.setdefault(key, []).append(i)
    for j, key in enumerate(b_keys):
        b_at.setdefault(key, []).append(j)
    return sorted(
        (a[0], b_at[key][0])
        for key, a in a_at.items()
        if len(a) == 1 and len(b_at.get(key, ())) == 1
    )


def pair_table(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    anchors: Sequence[tuple[int, int]],
    *,
    threshold: float,
    scorer: str,
    workers: int,
    exhaustive_max_cells: int = EXHAUSTIVE_MAX_CELLS,
    capped: list[int] | None = None,
) -> PairTable:
    """The admissible pairs among the sentences left after anchoring, in full-list indexes.

    Every pair is scored up to ``exhaustive_max_cells`` remaining pairs (or whatever the size
    for a scorer the word index was not made for), else the word index's candidates.

    >>> t = pair_table(["a b c", "x y z"], ["a b c", "x y q"], [(0, 0)], threshold=60,
    ...                scorer="ratio", workers=1)
    >>> t.i.tolist(), t.j.tolist(), t.score.round(1).tolist()
    ([1], [1], [80.0])
    """
    anchored_a = np.zeros(len(a_keys), dtype=bool)
    anchored_b = np.zeros(len(b_keys), dtype=bool)
    for i, j in anchors:
        anchored_a[i] = anchored_b[j] = True
    rest_a, rest_b = np.flatnonzero(~anchored_a), np.flatnonzero(~anchored_b)
    keys_a = [a_keys[i] for i in rest_a.tolist()]
    keys_b = [b_keys[j] for j in rest_b.tolist()]
    cap = PairCap(len(keys_a), len(keys_b))
    options = {"threshold": threshold, "scorer": scorer, "workers": workers, "cap": cap}
    bounded = scorer in LENGTH_BOUNDED
    if rest_a.size * rest_b.size <= exhaustive_max_cells or not _blockable(scorer, threshold):
        scan = scan_pairs(keys_a, keys_b, **options)
        _report(cap, capped)
        tops = _full_tops(scan.tops, rest_a, rest_b, len(a_keys), len(b_keys))
        return PairTable(
            rest_a[scan.i], rest_b[scan.j], scan.score, anchored_a, anchored_b, bounded, tops
        )
    from policydrift.compare.sparse_align import blocked_pairs

    i, j, score = blocked_pairs(keys_a, keys_b, **options)
    _report(cap, capped)
    return PairTable(rest_a[i], rest_b[j], score, anchored_a, anchored_b, bounded)


def _report(cap: PairCap, capped: list[int] | None) -> None:
    if capped is not None:
        capped.append(cap.capped)


def _full_tops(tops: Tops, rest_a: np.ndarray, rest_b: np.ndarray, n_a: int, n_b: int) -> Tops:
    """``tops`` of the unanchored sentences, re-indexed to the full key lists (anchored
    sentences: nothing scored)."""
    row_top = np.full((n_a, tops.row_top.shape[1]), -1, np.int64)
    row_top[rest_a] = np.append(rest_b, -1)[tops.row_top]  # -1 pads stay -1
    row_score = np.full(row_top.shape, -1.0, np.float32)
    row_score[rest_a] = tops.row_top_score
    col_top = np.full((n_b, tops.col_top.shape[1]), -1, np.int64)
    col_top[rest_b] = np.append(rest_a, -1)[tops.col_top]
    col_score = np.full(col_top.shape, -1.0, np.float32)
    col_score[rest_b] = tops.col_top_score
    band_lo = np.zeros(n_a, np.int64)
    band_hi = np.zeros(n_a, np.int64)
    band_lo[rest_a], band_hi[rest_a] = tops.band_lo, tops.band_hi
    col_rank = np.full(n_b, -1, np.int64)  # anchored columns: never in a band
    col_rank[rest_b] = tops.col_rank
    return Tops(row_top, row_score, col_top, col_score, band_lo, band_hi, col_rank)


def _blockable(scorer: str, threshold: float) -> bool:
    """Whether the word index can propose this scorer's admissible pairs."""
    return scorer in LENGTH_BOUNDED and threshold > 0


def match_pairs(scores: np.ndarray, *, threshold: float) -> list[tuple[int, int]]:
    """The optimal one-to-one matching among pairs of a score matrix scoring >= ``threshold``.

    Maximises the total score (:func:`policydrift.compare.matching.match_graph` over the admissible
    pairs), sorted.

    >>> match_pairs(np.array([[90.0, 80.0], [85.0, 10.0]]), threshold=60)
    [(0, 1), (1, 0)]
    """
    i, j = np.nonzero(scores >= threshold)
    return match_graph(i, j, scores[i, j], *scores.shape)
