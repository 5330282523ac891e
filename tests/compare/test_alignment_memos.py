"""What the alignment keeps between comparisons never changes a result, on real sample text.

Consecutive editions are aligned with memos kept from one comparison to the next (each side's
split keys, row tokens, strength markers: :func:`policydrift.compare.timeline.pairs.forget`);
the results must be those of each pair aligned with nothing kept, in any order, and with
another lexicon read in between. The shortcut of :func:`cut_or_added` (no word matching when
no count of kept words could make a cut) must give what the matching gives.
"""

from __future__ import annotations

import random
from dataclasses import replace
from difflib import SequenceMatcher

import pytest
from hypothesis import given
from hypothesis import strategies as st
from policydrift.compare.classify import _cut_kind, cut_or_added
from policydrift.compare.engine import compare
from policydrift.compare.shifts.detect import detect_shifts
from policydrift.compare.shifts.lexicon import load_strength
from policydrift.compare.timeline.models import TimelineOptions
from policydrift.compare.timeline.pairs import WordPositions, align_pair, forget
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus


@pytest.fixture(scope="module")
def pairs():
    by_series: dict[str, list] = {}
    for statement in load_corpus(SAMPLE_CORPUS, cache=False).statements:
        by_series.setdefault(statement.series, []).append(statement)
    return [(a, b) for eds in by_series.values() for a, b in zip(eds, eds[1:], strict=False)]


def outcome(pair):
    return pair.rows, pair.passages, pair.shifts


def test_memos_kept_between_pairs_change_nothing(pairs) -> None:
    strength = load_strength(None)
    options = TimelineOptions().compare
    alone = []
    for old, new in pairs:
        forget()
        alone.append(outcome(align_pair(old, new, options, strength=strength)))
    forget()
    positions = WordPositions()
    in_order = [
        outcome(align_pair(old, new, options, positions=positions, strength=strength))
        for old, new in pairs
    ]
    assert in_order == alone
    shuffled = list(range(len(pairs)))
    random.Random(7).shuffle(shuffled)  # memos left by other pairs, in another order
    for k in shuffled:
        old, new = pairs[k]
        assert outcome(align_pair(old, new, options, strength=strength)) == alone[k]
    assert len(pairs) >= 14


def test_markers_are_never_shared_between_lexicons(pairs) -> None:
    strength = load_strength(None)
    fewer = replace(strength, scales=tuple(s for s in strength.scales if s.id != "commitment"))
    options = TimelineOptions().compare
    comparisons = [compare(old, new, options) for old, new in pairs]
    fresh = {}
    for lexicon in (strength, fewer):
        for k, c in enumerate(comparisons):
            forget()
            fresh[lexicon is strength, k] = detect_shifts(c, lexicon)
    forget()
    for k, c in enumerate(comparisons):  # alternating: each reads its own markers
        assert detect_shifts(c, strength) == fresh[True, k]
        assert detect_shifts(c, fewer) == fresh[False, k]
    assert any(fresh[True, k] != fresh[False, k] for k in range(len(comparisons)))


@given(
    st.lists(st.sampled_from("abcdefg"), max_size=30),
    st.lists(st.sampled_from("abcdefg"), max_size=30),
)
def test_cut_or_added_is_the_word_matching_rule(a, b) -> None:
    kept = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    assert cut_or_added(" ".join(a), " ".join(b)) == _cut_kind(len(a), len(b), kept)


def test_cut_or_added_on_a_clause_cut_from_a_sample_sentence(pairs) -> None:
    old, _ = pairs[0]
    key = max((s.key for s in old.sentences), key=len)
    words = key.split()
    assert cut_or_added(key, " ".join(words[: len(words) // 2])) == "trimmed"
    assert cut_or_added(" ".join(words[: len(words) // 2]), key) == "extended"
    assert cut_or_added(key, " ".join(words[:-1])) == ""  # one word: not a clause
