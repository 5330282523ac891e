"""The last stage of the alignment: links made on meaning where words did not make one.

After the one-to-one matching on words and the consecutive splits and merges, some sentences
are left without a partner. Each pair holding at least one of them (and no sentence pinned to
an identical copy) is scored by the *meaning confidence*, a logistic model fitted on the TUNE
label files (``benchmarks/fit_alignment_model.py --meaning``) over:

- ``sem``: the cosine of the two sentences in the comparison's sentence space
  (:mod:`policydrift.compare.linking.space`), and how far it stands out from the other
  candidates of the old sentence (``zr``) and of the new one (``zc``), in standard
  deviations: topic alone makes many pairs close, the counterpart stands out;
- ``overlap``, ``contain``, ``beyond``: the shared rare words
  (:mod:`policydrift.compare.linking.evidence`);
- ``order``: whether the pair sits where the rows already linked leave room for it (between
  the partners of the nearest linked sentences before and after), and ``dpos``: how far apart
  the two sentences are in their statements (as a share of each statement's length).

Pairs that share a formulaic opening and little else are never linked (the opening guard). Pairs are taken best first while their
confidence reaches :data:`MEANING_MIN` (and the alignment threshold): two free sentences become a one-to-one row
(``reworded`` when words alone would not link them); a free sentence whose best counterpart
is already in a one-to-one row joins it, which makes that row a split or a merge (its parts
need not be adjacent: a paragraph restated as one sentence). Each free sentence is linked at
most once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from policydrift.compare.linking.evidence import Calibration
from policydrift.compare.linking.stages import ModelScores

__all__ = ["MEANING", "MEANING_MIN", "MeaningLink", "meaning_features", "meaning_links"]

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
    bias=-8.29,
    weights=(
        ("sem", -1.08),
        ("zr", 0.66),
        ("zc", 1.48),
        ("overlap", 2.19),
        ("contain", 3.89),
        ("beyond", 3.87),
        ("order", 1.93),
        ("dpos", -3.33),
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
    out = {
        "sem": f.sem[rows, cols],
        "zr": _standard(sem, axis=1)[rows, cols],
        "zc": _standard(sem, axis=0)[rows, cols],
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
    block: dict[str, np.ndarray], calibration: Calibration = MEANING
) -> np.ndarray:
    """The meaning confidence (0-100) of candidates from :func:`meaning_features`."""
    if not block:
        return np.zeros(0)
    z = np.full(next(iter(block.values())).shape, calibration.bias, np.float64)
    for name, weight in calibration.weights:
        z += weight * block[name]
    return np.round(100.0 / (1.0 + np.exp(-z)), 2)


def meaning_links(
    scores: ModelScores,
    units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    anchors: Sequence[tuple[int, int]],
    *,
    threshold: float,
) -> list[MeaningLink]:
    """The links made on meaning, best first (ties: first old, then first new sentence).

    A link between two sentences that were both free is a new one-to-one row; a link from a
    free sentence to one already in a row joins that row if the row keeps one sentence on
    the other side (a one-to-one row becomes a merge or a split, a merge takes another old
    sentence, a split another new one).
    """
    rows, cols, block = meaning_features(scores, units, anchors)
    if not rows.size:
        return []
    conf = meaning_confidence(block)
    # the unit of every linked sentence, and each unit's sizes [old, new]
    unit_a = {i: k for k, (a, _) in enumerate(units) for i in a}
    unit_b = {j: k for k, (_, b) in enumerate(units) for j in b}
    size = [[len(a), len(b)] for a, b in units]
    out: list[MeaningLink] = []
    for k in np.lexsort((cols, rows, -conf)).tolist():
        if conf[k] < max(threshold, MEANING_MIN):
            break
        i, j = int(rows[k]), int(cols[k])
        if i not in unit_a and j not in unit_b:
            unit_a[i] = unit_b[j] = len(size)
            size.append([1, 1])
        elif i not in unit_a and size[unit_b[j]][1] == 1:  # i joins j's row: a merge
            unit_a[i] = unit_b[j]
            size[unit_b[j]][0] += 1
        elif j not in unit_b and size[unit_a[i]][0] == 1:  # j joins i's row: a split
            unit_b[j] = unit_a[i]
            size[unit_a[i]][1] += 1
        else:
            continue
        out.append(MeaningLink(i, j, float(conf[k])))
    return out


def _standard(values: np.ndarray, axis: int) -> np.ndarray:
    """How many standard deviations each value stands above its row (axis 1) or column
    (axis 0); NaN cells (pinned sentences) left out."""
    known = ~np.isnan(values)
    count = np.maximum(known.sum(axis=axis, keepdims=True), 1)
    filled = np.where(known, values, 0.0)
    mean = filled.sum(axis=axis, keepdims=True) / count
    spread = np.sqrt((np.where(known, values - mean, 0.0) ** 2).sum(axis=axis, keepdims=True) / count)
    return np.where(known, (filled - mean) / (spread + 1e-6), 0.0)


def _room(
    units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]], n: int, m: int
) -> np.ndarray:
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
