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

import numpy as np

__all__ = ["TIE", "component_labels", "match_graph", "pair_weights"]

# Weight of the tie-break (relative-position distance, in [0, 1]) against 0-100 scores.
TIE = 1e-6
_UNMATCHED = 1e-9  # weight of leaving a row unmatched, in the sparse solver only
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

    >>> component_labels(np.array([0, 1, 2]), np.array([0, 0, 2]), 3, 3).tolist()
    [0, 0, 1]
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    size = n_rows + n_cols
    graph = coo_matrix((np.ones(i.size, np.int8), (i, n_rows + j)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    return labels[i]


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
        from scipy.optimize import linear_sum_assignment

        block = np.zeros((rows.size, cols.size))
        allowed = np.zeros((rows.size, cols.size), dtype=bool)
        block[ri, ci] = weight
        allowed[ri, ci] = True
        r, c = linear_sum_assignment(block, maximize=True)
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
