"""The last stage of the alignment: links made on meaning where words did not make one.

After the one-to-one matching on words and the consecutive splits and merges, some sentences
are left without a partner. Each pair holding at least one of them (and no sentence pinned to
an identical copy) is scored by the *meaning confidence*, a logistic model fitted on the TUNE
label files (``benchmarks/fit_alignment_model.py --meaning``) over:

- ``sem``: the cosine of the two sentences in the comparison's sentence space
  (:mod:`policydrift.compare.linking.space`), and how far it stands out from the other
  candidates of each sentence, in standard deviations (``zlow``, ``zhigh``: the lesser and
  the greater of the two, so that the model treats both statements alike): topic alone makes
  many pairs close, the counterpart stands out;
- ``overlap``, ``contain``, ``beyond``: the shared rare words
  (:mod:`policydrift.compare.linking.evidence`);
- ``order``: whether the pair sits where the rows already linked leave room for it (between
  the partners of the nearest linked sentences before and after), and ``dpos``: how far apart
  the two sentences are in their statements (as a share of each statement's length).

Pairs that share a formulaic opening and little else are never linked (the opening guard).
Pairs are taken best first while their confidence reaches :data:`MEANING_MIN` (and the
alignment threshold): two free sentences become a one-to-one row (``reworded`` when words
alone would not link them); a free sentence next to the sentences of a row whose counterpart
is its own joins that row, which makes it a split or a merge (a paragraph restated as one
sentence). Each free sentence is linked at most once. A row's parts stay adjacent on each
side, so that the old text reads in order across the rows (what the redlines rely on); a
part whose neighbour is not linked stays dropped or new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from policydrift.compare.linking.evidence import Calibration
from policydrift.compare.linking.stages import ModelScores
from policydrift.compare.models import POSSIBLE

__all__ = [
    "MEANING",
    "MEANING_MIN",
    "POSSIBLE",
    "Candidates",
    "MeaningLink",
    "meaning_candidates",
    "meaning_features",
    "meaning_links",
]

OPENING_FREE = 1e-4
"""A pair whose shared word weight outside the formulaic opening (``beyond``) is all its
shared weight (``contain``) shares no opening: the opening guard, which refuses pairs sharing
little beyond an opening, does not apply to it here (a rewording shares few words at all)."""

MEANING_MIN = 90.0
"""Least meaning confidence of a link made on meaning, whatever the alignment threshold:
chosen on the TUNE label files, where it keeps the precision of all links at 0.98 (from 60:
0.93). Weaker candidates stay visible as the closest counterpart of a dropped or new row."""

# Fitted by benchmarks/fit_alignment_model.py --meaning on the TUNE label files.
MEANING = Calibration(
    bias=-8.28,
    weights=(
        ("sem", -0.92),
        ("zlow", 1.15),
        ("zhigh", 0.98),
        ("overlap", 1.97),
        ("contain", 3.77),
        ("beyond", 3.76),
        ("order", 1.99),
        ("dpos", -3.16),
    ),
)


@dataclass(frozen=True)
class MeaningLink:
    """Old sentence ``a`` linked to new sentence ``b`` on meaning, with its confidence."""

    a: int
    b: int
    score: float


def meaning_features(
    scores: ModelScores,
    units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    anchors: Sequence[tuple[int, int]],
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The candidate pairs (old indexes, new indexes) and their evidence, one value each.

    A candidate is a pair of sentences not pinned to an identical copy, at least one of them
    in no unit, that the opening guard allows or that shares no formulaic opening.
    """
    f = scores.evidence
    n, m = scores.score.shape
    if f.sem is None or not n or not m:
        empty = np.zeros(0, np.int64)
        return empty, empty, {}
    pinned_a, pinned_b = np.zeros(n, bool), np.zeros(m, bool)
    for i, j in anchors:
        pinned_a[i] = pinned_b[j] = True
    linked_a, linked_b = np.zeros(n, bool), np.zeros(m, bool)
    for a, b in units:
        linked_a[list(a)] = True
        linked_b[list(b)] = True
    cand = ~pinned_a[:, None] & ~pinned_b[None, :]
    cand &= ~(linked_a[:, None] & linked_b[None, :])
    cand &= f.guard() | (f.contain - f.beyond < OPENING_FREE)
    rows, cols = np.nonzero(cand)
    sem = np.where(~pinned_a[:, None] & ~pinned_b[None, :], f.sem, np.nan)
    z_row, z_col = _standard(sem, axis=1)[rows, cols], _standard(sem, axis=0)[rows, cols]
    out = {
        "sem": f.sem[rows, cols],
        "zlow": np.minimum(z_row, z_col),
        "zhigh": np.maximum(z_row, z_col),
        "overlap": f.overlap[rows, cols],
        "contain": f.contain[rows, cols],
        "beyond": f.beyond[rows, cols],
        "order": np.minimum(_room(units, n, m), _room([(b, a) for a, b in units], m, n).T)[
            rows, cols
        ],
        "dpos": np.abs(rows / max(n - 1, 1) - cols / max(m - 1, 1)),
    }
    return rows, cols, {k: v.astype(np.float64) for k, v in out.items()}


def meaning_confidence(
    block: dict[str, np.ndarray], calibration: Calibration | None = None
) -> np.ndarray:
    """The meaning confidence (0-100) of candidates from :func:`meaning_features`
    (``calibration``: :data:`MEANING`)."""
    if not block:
        return np.zeros(0)
    cal = calibration or MEANING
    z = np.full(next(iter(block.values())).shape, cal.bias, np.float64)
    for name, weight in cal.weights:
        z += weight * block[name]
    return np.round(100.0 / (1.0 + np.exp(-z)), 2)


@dataclass(frozen=True)
class Candidates:
    """The candidate pairs of the meaning stage (old, new indexes) and their confidence."""

    rows: np.ndarray
    cols: np.ndarray
    conf: np.ndarray

    def best_for(self, side: int, index: int) -> tuple[int, float] | None:
        """The candidate partner of sentence ``index`` of ``side`` (0 old, 1 new) with the
        highest confidence (the first of equal ones), or None."""
        mine, other = (self.rows, self.cols) if side == 0 else (self.cols, self.rows)
        where = np.flatnonzero(mine == index)
        if not where.size:
            return None
        k = where[np.lexsort((other[where], -self.conf[where]))[0]]
        return int(other[k]), float(self.conf[k])


def meaning_candidates(
    scores: ModelScores,
    units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    anchors: Sequence[tuple[int, int]],
) -> Candidates:
    """Every candidate of :func:`meaning_features` with its meaning confidence."""
    rows, cols, block = meaning_features(scores, units, anchors)
    return Candidates(rows, cols, meaning_confidence(block) if rows.size else np.zeros(0))


def meaning_links(
    candidates: Candidates,
    units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    *,
    threshold: float,
) -> list[MeaningLink]:
    """The links made on meaning, best first (ties: first old, then first new sentence).

    A link between two sentences that were both free is a new one-to-one row; a link from a
    free sentence to one already in a row joins that row if the row keeps one sentence on
    the other side and the free sentence is next to the row's sentences on its side (a
    one-to-one row becomes a merge or a split, a merge takes another old sentence, a split
    another new one). Candidates are scanned again while links are made, so that a part
    waiting for its neighbour to join first is taken too.
    """
    rows, cols, conf = candidates.rows, candidates.cols, candidates.conf
    floor = max(threshold, MEANING_MIN)
    # the unit of every linked sentence, and each unit's spans [old, new] as [first, last]
    unit_a = {i: k for k, (a, _) in enumerate(units) for i in a}
    unit_b = {j: k for k, (_, b) in enumerate(units) for j in b}
    spans = [[[min(a), max(a)], [min(b), max(b)]] for a, b in units]
    order = [k for k in np.lexsort((cols, rows, -conf)).tolist() if conf[k] >= floor]
    taken: dict[int, MeaningLink] = {}
    while True:  # again while a link made a row grow next to a waiting part
        before = len(taken)
        for k in order:
            i, j = int(rows[k]), int(cols[k])
            if k in taken:
                continue
            if i not in unit_a and j not in unit_b:
                unit_a[i] = unit_b[j] = len(spans)
                spans.append([[i, i], [j, j]])
            elif i not in unit_a and _joins(spans[unit_b[j]], 0, i):  # a merge
                unit_a[i] = unit_b[j]
            elif j not in unit_b and _joins(spans[unit_a[i]], 1, j):  # a split
                unit_b[j] = unit_a[i]
            else:
                continue
            taken[k] = MeaningLink(i, j, float(conf[k]))
        if len(taken) == before:
            return [taken[k] for k in order if k in taken]


def _joins(span: list[list[int]], side: int, index: int) -> bool:
    """Whether sentence ``index`` of ``side`` (0 old, 1 new) may join a row spanning ``span``:
    the row keeps one sentence on the other side and ``index`` is next to its sentences on
    this side (so that a row's parts stay adjacent); ``span`` is extended if so.

    >>> span = [[3, 3], [5, 5]]
    >>> _joins(span, 0, 4), span, _joins(span, 1, 7)
    (True, [[3, 4], [5, 5]], False)
    """
    other = span[1 - side]
    mine = span[side]
    if other[0] != other[1] or index not in (mine[0] - 1, mine[1] + 1):
        return False
    mine[0], mine[1] = min(mine[0], index), max(mine[1], index)
    return True


def _standard(values: np.ndarray, axis: int) -> np.ndarray:
    """How many standard deviations each value stands above its row (axis 1) or column
    (axis 0); NaN cells (pinned sentences) left out."""
    known = ~np.isnan(values)
    count = np.maximum(known.sum(axis=axis, keepdims=True), 1)
    filled = np.where(known, values, 0.0)
    mean = filled.sum(axis=axis, keepdims=True) / count
    spread = np.sqrt(
        (np.where(known, values - mean, 0.0) ** 2).sum(axis=axis, keepdims=True) / count
    )
    return np.where(known, (filled - mean) / (spread + 1e-6), 0.0)


def _room(units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]], n: int, m: int) -> np.ndarray:
    """1.0 where new sentence j lies between the partners of the nearest old sentences
    before and after i that are in a unit (its own partners if i is in one), else 0.0.

    >>> _room([((0,), (0,)), ((2,), (3,))], 3, 4).tolist()
    [[1.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 1.0]]
    """
    partners: dict[int, list[int]] = {}
    for a, b in units:
        for i in a:
            partners.setdefault(i, []).extend(b)
    lo = np.zeros(n, np.int64)
    hi = np.full(n, m - 1, np.int64)
    last = 0
    for i in range(n):
        if i in partners:
            lo[i], hi[i] = min(partners[i]), max(partners[i])
            last = max(partners[i])
        else:
            lo[i] = last
    following = m - 1
    for i in range(n - 1, -1, -1):
        if i in partners:
            following = min(partners[i])
        else:
            hi[i] = following
    j = np.arange(m)[None, :]
    return ((j >= lo[:, None]) & (j <= hi[:, None])).astype(np.float32)
