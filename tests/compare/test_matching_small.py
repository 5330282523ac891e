"""The scipy-free paths of compare.matching agree with scipy on what they replace."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.matching import _enumerate, component_labels
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

weights = st.integers(1, 5).flatmap(
    lambda r: st.integers(1, 5).flatmap(
        lambda c: st.lists(
            st.lists(st.floats(0, 100, allow_nan=False), min_size=c, max_size=c),
            min_size=r,
            max_size=r,
        )
    )
)


@settings(max_examples=200, deadline=None)
@given(weights)
def test_enumeration_reaches_the_optimum_of_linear_sum_assignment(rows):
    block = np.array(rows)
    found = _enumerate(block)
    assert found is not None
    r, c = (np.asarray(side) for side in found)
    lr, lc = linear_sum_assignment(block, maximize=True)
    assert len(set(r.tolist())) == len(r) == len(lr)
    assert len(set(c.tolist())) == len(c)
    assert np.isclose(block[r, c].sum(), block[lr, lc].sum())


def test_enumeration_declines_large_blocks():
    assert _enumerate(np.ones((8, 8))) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=80))
def test_component_labels_group_edges_as_scipy_does(edges):
    i = np.array([e[0] for e in edges])
    j = np.array([e[1] for e in edges])
    ours = component_labels(i, j, 31, 31)
    graph = coo_matrix((np.ones(i.size), (i, 31 + j)), shape=(62, 62))
    theirs = connected_components(graph, directed=False)[1][i]
    same_ours = ours[:, None] == ours[None, :]
    same_theirs = theirs[:, None] == theirs[None, :]
    assert (same_ours == same_theirs).all()
