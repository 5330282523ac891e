"""The optimal one-to-one matching of sentences, over the pairs that reach the threshold only.

The admissible pairs (score >= threshold) form a bipartite graph, given as flat arrays
``(i, j, score)``. Each edge weighs its score plus ``1e-3`` (so that a pair scoring exactly 0
at threshold 0 is still worth taking) minus :data:`TIE` times the distance between the
pair's relative positions in the two texts (so that among equal scores the pair at the same
place in both texts wins). The matching maximises the total weight.

Components of the graph are independent: the best matching of the whole is the union of the
best matchings of its connected components, so each component is solved alone. A component
of one edge is that edge; a component whose rows x columns fit in ``max_cells`` is solved by
:func:`scipy.optimize.linear_sum_assignment` on its dense weight block (non-edges weigh 0 and
are dropped afterwards); a larger one by
:func:`scipy.sparse.csgraph.min_weight_full_bipartite_matching` on its edges, with one extra
column per row (weight :data:`_UNMATCHED`) so that a row may stay unmatched. Memory is thus
bounded by the edges plus one block of ``max_cells``.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

__all__ = ["TIE", "component_labels", "match_graph", "pair_weights"]

# Weight of the tie-break (relative-position distance, in [0, 1]) against 0-100 scores.
TIE = 1e-6
_UNMATCHED = 1e-9  # weight of leaving a row unmatched, in the sparse solver only
_ROUNDS = 64  # label-propagation rounds before scipy's connected_components takes over
_ENUMERATE_MAX = 720  # assignments of a small component tried one by one, before scipy
MAX_BLOCK_CELLS = 4_000_000
"""Largest component (rows x columns) solved on a dense block."""


def pair_weights(
    i: np.ndarray, j: np.ndarray, score: np.ndarray, n_rows: int, n_cols: int
) -> np.ndarray:
    """The float64 weight of each edge: score + 1e-3 - TIE * |relative position distance|.

    >>> pair_weights(np.array([0, 1]), np.array([1, 1]), np.array([90.0, 90.0]), 2, 2).tolist()
    [90.0009995, 90.001]
    """
    distance = np.abs((i + 0.5) / n_rows - (j + 0.5) / n_cols)
    return score.astype(np.float64) + 1e-3 - TIE * distance


def component_labels(i: np.ndarray, j: np.ndarray, n_rows: int, n_cols: int) -> np.ndarray:
    """The connected component of each edge of the bipartite graph (numbered from 0).

    Minimum-label propagation with pointer jumping, in numpy: a handful of rounds on real
    alignments, and no scipy import (``scipy.sparse.csgraph`` alone takes about 0.4 s to load,
    most of a two-statement ``drift compare``). A graph that has not settled after
    :data:`_ROUNDS` rounds (long chains) is handed to scipy.

    >>> component_labels(np.array([0, 1, 2]), np.array([0, 0, 2]), 3, 3).tolist()
    [0, 0, 1]
    """
    a = np.asarray(i, np.int64)
    b = np.asarray(j, np.int64) + n_rows
    label = np.arange(n_rows + n_cols)
    for _ in range(_ROUNDS):
        low = np.minimum(label[a], label[b])
        new = label.copy()
        np.minimum.at(new, a, low)
        np.minimum.at(new, b, low)
        new = new[new]
        if np.array_equal(new, label):
            _, numbered = np.unique(label, return_inverse=True)
            return numbered[a]
        label = new
    return _scipy_labels(a, b, n_rows + n_cols)


def _scipy_labels(a: np.ndarray, b: np.ndarray, size: int) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(a.size, np.int8), (a, b)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    return labels[a]


def _enumerate(block: np.ndarray) -> tuple[list[int], list[int]] | None:
    """The best assignment of a small dense block by trying every one, or None if too many.

    Same objective as ``linear_sum_assignment(block, maximize=True)``: every row of the
    shorter side assigned, the total weight maximal (the first maximum found wins a tie).
    """
    rows, cols = block.shape
    flip = rows > cols
    weights = (block.T if flip else block).tolist()
    short, long_ = min(rows, cols), max(rows, cols)
    if math.perm(long_, short) > _ENUMERATE_MAX:
        return None
    best, chosen = -1.0, ()
    for choice in itertools.permutations(range(long_), short):
        total = sum(weights[k][c] for k, c in enumerate(choice))
        if total > best:
            best, chosen = total, choice
    first, second = list(range(short)), list(chosen)
    return (second, first) if flip else (first, second)


def match_graph(
    i: np.ndarray,
    j: np.ndarray,
    score: np.ndarray,
    n_rows: int,
    n_cols: int,
    *,
    max_cells: int = MAX_BLOCK_CELLS,
) -> list[tuple[int, int]]:
    """The maximum-weight one-to-one matching over the edges ``(i[k], j[k])``, sorted.

    ``score`` holds the edges' 0-100 scores (:func:`pair_weights` turns them into weights);
    the rows and columns are ``n_rows`` and ``n_cols`` sentences long.

    >>> match_graph(np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([90.0, 80.0, 85.0]), 2, 2)
    [(0, 1), (1, 0)]
    """
    if i.size == 0:
        return []
    i, j = np.asarray(i, np.int64), np.asarray(j, np.int64)
    weight = pair_weights(i, j, np.asarray(score), n_rows, n_cols)
    label = component_labels(i, j, n_rows, n_cols)
    order = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.diff(label[order])) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [order.size]))
    single = ends - starts == 1
    first = order[starts[single]]
    pairs = list(zip(i[first].tolist(), j[first].tolist(), strict=True))
    for a, b in zip(starts[~single].tolist(), ends[~single].tolist(), strict=True):
        edges = order[a:b]
        pairs += _solve(i[edges], j[edges], weight[edges], max_cells)
    return sorted(pairs)


def _solve(
    i: np.ndarray, j: np.ndarray, weight: np.ndarray, max_cells: int
) -> list[tuple[int, int]]:
    """The best matching of one connected component."""
    rows, ri = np.unique(i, return_inverse=True)
    cols, ci = np.unique(j, return_inverse=True)
    if rows.size * cols.size <= max_cells:
        block = np.zeros((rows.size, cols.size))
        allowed = np.zeros((rows.size, cols.size), dtype=bool)
        block[ri, ci] = weight
        allowed[ri, ci] = True
        small = _enumerate(block)
        if small is None:
            from scipy.optimize import linear_sum_assignment

            r, c = linear_sum_assignment(block, maximize=True)
        else:
            r, c = (np.asarray(side, dtype=np.int64) for side in small)
        keep = allowed[r, c]
        return list(zip(rows[r[keep]].tolist(), cols[c[keep]].tolist(), strict=True))
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    n = rows.size
    graph = csr_matrix(
        (
            np.concatenate((weight, np.full(n, _UNMATCHED))),
            (np.concatenate((ri, np.arange(n))), np.concatenate((ci, cols.size + np.arange(n)))),
        ),
        shape=(n, cols.size + n),
    )
    r, c = min_weight_full_bipartite_matching(graph, maximize=True)
    keep = c < cols.size
    return list(zip(rows[r[keep]].tolist(), cols[c[keep]].tolist(), strict=True))
