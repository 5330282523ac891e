"""The similarity of editions: every pair held, a bounded list of each edition's closest."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.timeline.similarity import CLOSEST, Similarity, round4


@given(st.lists(st.floats(0, 1), max_size=50))
def test_round4_rounds_as_python_does(values):
    assert round4(np.array(values, dtype=np.float64)).tolist() == [round(v, 4) for v in values]


def test_round4_on_halves_rounds_as_python_does():
    # values a rounding error from a half of the fourth decimal: where numpy's scaling and
    # Python's exact rounding part
    halves = (np.arange(0, 10_001) + 0.5) / 1e4
    values = np.concatenate([halves, np.nextafter(halves, 0), np.nextafter(halves, 1)])
    assert round4(values).tolist() == [round(v, 4) for v in values.tolist()]


def _closest_by_hand(n, shares, closest):
    """Each edition's ``closest`` most similar (share descending, then the earlier)."""
    keep = set()
    for x in range(n):
        mine = sorted(
            ((-share, y) for (a, b), share in shares.items() for y in (a, b)
             if x in (a, b) and y != x),
        )[:closest]  # fmt: skip
        keep |= {(min(x, y), max(x, y)) for _, y in mine}
    return tuple((a, b, shares[(a, b)]) for a, b in sorted(keep))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.dictionaries(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(
                    lambda p: p[0] < p[1]
                ),
                st.sampled_from([0.1, 0.25, 0.5, 0.75, 1.0]),  # ties are common
            ),
            st.integers(1, 4),
        )
    )
)
def test_pairs_are_each_editions_closest(case):
    n, shares, closest = case
    pairs = sorted(shares)
    s = Similarity(
        n,
        np.array([a for a, _ in pairs], np.int64),
        np.array([b for _, b in pairs], np.int64),
        np.array([shares[p] for p in pairs]),
    )
    assert s.pairs(closest=closest) == _closest_by_hand(n, shares, closest)
    assert s.pairs(closest=n) == tuple((a, b, shares[(a, b)]) for a, b in pairs)
    dense = s.dense(list(range(n)))
    assert all(dense[a][b] == dense[b][a] == shares.get((min(a, b), max(a, b)), 0.0)
               for a in range(n) for b in range(n) if a != b)  # fmt: skip
    assert all(dense[a][a] == 1.0 for a in range(n))


@pytest.fixture(scope="module")
def sample_similarity():
    from policydrift.compare.timeline.build import _time_ordered
    from policydrift.compare.timeline.keylinks import KeyLinks
    from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus

    ordered = _time_ordered(load_corpus(SAMPLE_CORPUS, cache=False).statements)
    n = sum(len(s.sentences) for s in ordered)
    words = np.full(n, 5, dtype=np.int64)
    return len(ordered), KeyLinks(ordered).similarity(ordered, words, np.ones(n, bool))


def test_the_sample_corpus_lists_every_pair_and_a_bound_keeps_the_closest(sample_similarity):
    n, s = sample_similarity
    assert n <= CLOSEST + 1
    every = s.pairs()
    shares = {(a, b): share for a, b, share in every}
    assert len(every) >= 20
    bounded = s.pairs(closest=1)
    assert bounded == _closest_by_hand(n, shares, 1)
    assert len(bounded) <= n
    assert set(bounded) < set(every)  # some edition shares sentences with several others


def test_ties_go_to_the_earlier_edition_whatever_the_order_of_a_row():
    from scipy.sparse import csr_matrix

    # edition 0 shares 0.5 with 3, 1 and 2, its columns stored out of order
    matched = csr_matrix(
        (np.array([5.0, 5.0, 5.0]), np.array([3, 1, 2]), np.array([0, 3, 3, 3, 3])), shape=(4, 4)
    )
    assert not matched.has_sorted_indices
    s = Similarity.from_matched(matched, np.array([5.0, 5.0, 5.0, 5.0]))
    assert s.pairs(closest=4) == ((0, 1, 0.5), (0, 2, 0.5), (0, 3, 0.5))
    # edition 0 keeps 1 (the earliest of its ties); 1, 2 and 3 each keep 0
    assert s.pairs(closest=1) == ((0, 1, 0.5), (0, 2, 0.5), (0, 3, 0.5))
    three = Similarity(5, np.array([0, 0, 0, 1]), np.array([4, 2, 3, 2]), np.full(4, 0.5))
    # 0 keeps 2 (of 2, 3, 4), 1 keeps 2, 2 keeps 0 (of 0, 1), 3 and 4 keep 0
    assert three.pairs(closest=1) == ((0, 2, 0.5), (0, 3, 0.5), (0, 4, 0.5), (1, 2, 0.5))
