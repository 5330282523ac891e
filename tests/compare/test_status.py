"""Statuses never go against the counts, whatever the lengths (issue 13)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from policydrift.compare.themes.status import theme_status
from policydrift.compare.timeline.tracks import make_track, trend

counts = st.integers(min_value=0, max_value=60)
words = st.integers(min_value=50, max_value=20_000)


@given(counts, counts, words, words, st.data())
def test_rising_and_falling_follow_the_counts(old, new, old_words, new_words, data):
    old_sentences = data.draw(st.integers(min_value=min(old, 1), max_value=old))
    new_sentences = data.draw(st.integers(min_value=min(new, 1), max_value=new))
    status = theme_status(old, new, old_sentences, new_sentences, old_words, new_words)
    if status == "rising":
        assert new > old
        assert new_sentences > old_sentences
    if status == "falling":
        assert new < old
        assert new_sentences < old_sentences


def test_four_to_five_mentions_in_a_longer_statement_is_not_falling():
    assert theme_status(4, 5, 4, 5, 500, 1500) == "persisting"
    assert theme_status(5, 4, 5, 4, 1500, 500) == "persisting"


def test_a_burst_in_one_sentence_is_not_a_rise():
    assert theme_status(1, 8, 1, 1, 1000, 1000) == "persisting"
    assert theme_status(1, 8, 1, 5, 1000, 1000) == "rising"


@given(st.lists(st.tuples(counts, words), min_size=2, max_size=8))
def test_timeline_trend_never_against_the_sentence_counts(series):
    sentences = [c for c, _ in series]
    sizes = [w for _, w in series]
    half = len(series) // 2
    early, late = sum(sentences[:half]), sum(sentences[len(series) - half :])
    direction = trend(sentences, sizes)
    assert direction <= 0 or late > early
    assert direction >= 0 or late < early


def test_covid_falling_over_four_editions_is_fading_not_constant():
    track = make_track(
        "covid19", "COVID-19", "theme", ["a", "b", "c", "d"], [41, 28, 6, 12],
        [range(30), range(20), range(5), range(9)], words=[2000] * 4,
    )  # fmt: skip
    assert track.status == "fading"
    assert make_track("x", "X", "theme", ["a", "b", "c"], [3, 3, 3], [[0], [1], [2]]).status == (
        "constant"
    )
