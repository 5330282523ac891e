"""Streamed candidate blocks: each pair once, the same set as the posting-list definition."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.scale.blocking import (
    build_index,
    dedupe_keys,
    iter_candidate_blocks,
    max_partner_length,
    sorted_unique,
)


@pytest.fixture(scope="module")
def unique_keys(sample_keys) -> list[str]:
    return list(dedupe_keys(sample_keys).unique)


def _by_definition(keys: list[str], threshold: float) -> set[int]:
    """Pairs of keys sharing a posting list whose lengths pass the length filter."""
    ix = build_index(keys, threshold=threshold)
    n = len(keys)
    out = set()
    for g in range(ix.group_starts.size - 1):
        lo, hi = int(ix.group_starts[g]), int(ix.group_starts[g + 1])
        members = list(zip(ix.length[lo:hi].tolist(), ix.key[lo:hi].tolist(), strict=True))
        for (la, a), (lb, b) in combinations(sorted(members), 2):
            if lb <= max_partner_length(np.array([la]), threshold)[0]:
                out.add(min(a, b) * n + max(a, b))
    return out


@pytest.mark.parametrize(("threshold", "chunk"), [(90.0, 40), (80.0, 200), (70.0, 10**9)])
def test_blocks_stream_every_candidate_once_in_code_order(unique_keys, threshold, chunk):
    ix = build_index(unique_keys, threshold=threshold)
    blocks = list(iter_candidate_blocks(ix, threshold=threshold, chunk_pairs=chunk))
    if chunk < 1000:
        assert len(blocks) > 5
    codes = np.concatenate(blocks)
    assert bool(np.all(np.diff(codes) > 0))  # sorted across blocks, so no pair twice
    assert set(codes.tolist()) == _by_definition(unique_keys, threshold)
    n = len(unique_keys)
    assert bool(np.all(codes // n < codes % n))


def test_chunk_size_is_checked():
    with pytest.raises(ValueError, match="chunk_pairs must be at least 1: 0"):
        list(iter_candidate_blocks(build_index(["a b", "a c"]), chunk_pairs=0))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-5, 30), max_size=60))
def test_sorted_unique_matches_numpy_unique(values):
    x = np.array(values, dtype=np.int64)
    got, first, inverse = sorted_unique(x, first=True, inverse=True)
    want, want_first, want_inverse = np.unique(x, return_index=True, return_inverse=True)
    assert got.tolist() == want.tolist()
    assert first.tolist() == want_first.tolist()
    assert inverse.tolist() == want_inverse.reshape(-1).tolist()
    assert sorted_unique(x)[0].tolist() == want.tolist()
