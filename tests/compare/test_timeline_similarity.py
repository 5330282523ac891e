"""The similarity of editions: every pair held, a bounded list of each edition's closest."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.timeline.similarity import CLOSEST, MatchedWords, Similarity, round4


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


def _groups_by_hand(n, shares, groups):
    return {(a, b) for a, b in shares if groups[a] == groups[b]}


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
            st.lists(st.integers(0, 2), min_size=n, max_size=n),
        )
    )
)
def test_pairs_are_each_editions_closest_and_groups_are_whole(case):
    n, shares, closest, groups = case
    pairs = sorted(shares)
    a = np.array([a for a, _ in pairs], np.int64)
    b = np.array([b for _, b in pairs], np.int64)
    share = np.array([shares[p] for p in pairs])
    s = Similarity.from_shares(n, a, b, share, np.array(groups), closest=closest)
    assert s.pairs() == _closest_by_hand(n, shares, closest)
    every = Similarity.from_shares(n, a, b, share, closest=n)
    assert every.pairs() == tuple((a, b, shares[(a, b)]) for a, b in pairs)
    dense = s.dense(list(range(n)))
    held = _groups_by_hand(n, shares, groups) | {(x, y) for x, y, _ in s.pairs()}
    assert all(dense[x][y] == dense[y][x] == (shares[(min(x, y), max(x, y))]
                                              if (min(x, y), max(x, y)) in held else 0.0)
               for x in range(n) for y in range(n) if x != y)  # fmt: skip
    assert all(dense[x][x] == 1.0 for x in range(n))


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 40), st.integers(1, 6), st.integers(0, 2**16))
def test_blocks_of_editions_give_the_same_similarity(n, block, seed):
    from scipy.sparse import random as sparse_random

    rng = np.random.default_rng(seed)
    left = sparse_random(n, 7, density=0.5, format="csr", random_state=rng) * 10
    right = sparse_random(n, 7, density=0.5, format="csr", random_state=rng)
    right.data[:] = 1.0
    matched = MatchedWords(left, right, rng.integers(1, 30, n).astype(float))
    groups = rng.integers(0, 3, n)
    one = Similarity.from_matched(matched, groups, closest=2, block=n)
    blocks = Similarity.from_matched(matched, groups, closest=2, block=block)
    assert one.pairs() == blocks.pairs()
    assert one.dense(list(range(n))) == blocks.dense(list(range(n)))


@pytest.fixture(scope="module")
def sample_matched():
    from policydrift.compare.timeline.build import _time_ordered
    from policydrift.compare.timeline.keylinks import KeyLinks
    from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus

    ordered = _time_ordered(load_corpus(SAMPLE_CORPUS, cache=False).statements)
    n = sum(len(s.sentences) for s in ordered)
    words = np.full(n, 5, dtype=np.int64)
    return len(ordered), KeyLinks(ordered).matched_words(ordered, words, np.ones(n, bool))


def test_the_sample_corpus_lists_every_pair_and_a_bound_keeps_the_closest(sample_matched):
    n, matched = sample_matched
    assert n <= CLOSEST + 1
    every = Similarity.from_matched(matched).pairs()
    shares = {(a, b): share for a, b, share in every}
    assert len(every) >= 20
    bounded = Similarity.from_matched(matched, closest=1).pairs()
    assert bounded == _closest_by_hand(n, shares, 1)
    assert len(bounded) <= n
    assert set(bounded) < set(every)  # some edition shares sentences with several others


def test_ties_go_to_the_earlier_edition_whatever_the_order_of_a_row():
    from scipy.sparse import csr_matrix, identity

    # edition 0 shares 0.5 with 3, 1 and 2, its columns stored out of order
    left = csr_matrix(
        (np.array([5.0, 5.0, 5.0]), np.array([3, 1, 2]), np.array([0, 3, 3, 3, 3])), shape=(4, 4)
    )
    assert not left.has_sorted_indices
    matched = MatchedWords(left, identity(4), np.array([5.0, 5.0, 5.0, 5.0]))
    every = ((0, 1, 0.5), (0, 2, 0.5), (0, 3, 0.5))
    assert Similarity.from_matched(matched, closest=4).pairs() == every
    # edition 0 keeps 1 (the earliest of its ties); 1, 2 and 3 each keep 0
    assert Similarity.from_matched(matched, closest=1).pairs() == every
    a, b = np.array([0, 0, 0, 1]), np.array([4, 2, 3, 2])
    three = Similarity.from_shares(5, a, b, np.full(4, 0.5), closest=1)
    # 0 keeps 2 (of 2, 3, 4), 1 keeps 2, 2 keeps 0 (of 0, 1), 3 and 4 keep 0
    assert three.pairs() == ((0, 2, 0.5), (0, 3, 0.5), (0, 4, 0.5), (1, 2, 0.5))
