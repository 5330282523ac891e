"""Candidate generation: exact keys, the length filter, the prefix index, short keys."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.scale.blocking import (
    build_index,
    candidate_blocks,
    candidate_pairs,
    dedupe_keys,
    max_partner_length,
    short_key_groups,
)
from rapidfuzz import fuzz


def test_dedupe_groups_identical_keys_of_the_sample(sample_keys):
    d = dedupe_keys(sample_keys)
    assert len(d.unique) < len(sample_keys)  # the proclamations repeat their closing formula
    assert [d.unique[u] for u in d.inverse.tolist()] == sample_keys
    for u in range(len(d.unique)):
        members = d.members[d.starts[u] : d.starts[u + 1]].tolist()
        assert members == sorted(members)
        assert {sample_keys[m] for m in members} == {d.unique[u]}


@settings(max_examples=300, deadline=None)
@given(st.text("abc ", max_size=40), st.text("abc ", max_size=40), st.sampled_from([70.0, 90.0]))
def test_length_filter_never_drops_a_pair_above_threshold(a, b, threshold):
    short, long_ = sorted((a, b), key=len)
    if short and fuzz.ratio(short, long_) >= threshold:
        assert len(long_) <= max_partner_length(np.array([len(short)]), threshold)[0]


def test_threshold_is_checked():
    with pytest.raises(ValueError, match="threshold: must be a score above 0 to 100"):
        max_partner_length(np.array([3]), 0.0)
    with pytest.raises(ValueError, match="slack must be >= 0"):
        build_index(["a b"], slack=-1)


def test_prefix_index_holds_rare_words_and_skips_common_ones():
    keys = [f"the asean member states met in {city}" for city in ("jakarta", "manila", "hanoi")]
    ix = build_index(keys, threshold=95.0, slack=0.0)
    # with no slack each key indexes only enough rare bigrams: the shared ones are not needed
    assert set(ix.key.tolist()) == {0, 1, 2}
    assert ix.key.size < 3 * 6


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["peace", "security", "cyber", "asean", "trade", "we", "the", "of", "and", "to"]),
             min_size=6, max_size=25),
    st.data(),
)  # fmt: skip
def test_one_word_edit_above_threshold_is_always_a_candidate(words, data):
    i = data.draw(st.integers(0, len(words) - 1))
    op = data.draw(st.sampled_from(["drop", "swap", "insert"]))
    other = list(words)
    if op == "drop":
        del other[i]
    elif op == "swap" and i + 1 < len(words):
        other[i], other[i + 1] = other[i + 1], other[i]
    else:
        other.insert(i, "resilience")
    a, b = " ".join(words), " ".join(other)
    if a != b and fuzz.ratio(a, b) >= 90:
        u, v = candidate_pairs([a, "unrelated filler text", b])
        assert (0, 2) in set(zip(u.tolist(), v.tolist(), strict=True))


def test_blocks_hold_each_candidate_once(sample_keys):
    unique = list(dedupe_keys(sample_keys).unique)
    blocks = candidate_blocks(unique, threshold=80.0, chunk_pairs=50)
    assert len(blocks) > 1
    codes = np.concatenate(blocks)
    assert np.unique(codes).size == codes.size
    u, v = candidate_pairs(unique, threshold=80.0)
    assert np.array_equal(np.sort(codes), u.astype(np.int64) * len(unique) + v)
    assert bool(np.all(u < v))


def test_short_key_groups_cover_every_short_pair():
    keys = ["cyber security", "cybersecurity", "cyber-security", "peace", "peaces", "x" * 40]
    covered = set()
    for rows, cols in short_key_groups(keys, threshold=90.0, max_len=20):
        covered |= {(int(r), int(c)) for r in rows for c in cols if r != c}
    for a in range(len(keys)):
        for b in range(len(keys)):
            if a != b and len(keys[a]) <= 20 and fuzz.ratio(keys[a], keys[b]) >= 90:
                assert (a, b) in covered or (b, a) in covered
