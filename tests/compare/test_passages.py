"""Shared passages: key words with raw offsets, maximal runs found anywhere, reported once."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DATA
from helpers import statement as statement_of
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.passages import _maximal_runs, key_word_spans, shared_passages
from policydrift.corpus import build_statement, read_statement
from policydrift.corpus.models import Statement
from policydrift.corpus.normalize import key_words

FILES = sorted([*DATA.glob("seeds/*.txt"), *DATA.glob("whitehouse/*/*.md")])
NOTICES = sorted((DATA / "whitehouse" / "cyber_emergency_continuation_notices").glob("*.md"))


def statement(*texts: str, id: str = "s") -> Statement:
    """Sentences exactly as given, joined by spaces (the engine's input, no segmenter)."""
    return statement_of(id, *texts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_key_words_are_the_sentence_keys_with_exact_offsets(path: Path) -> None:
    st = read_statement(path)
    spans = key_word_spans(st)
    for sentence in st.sentences:
        mine = [k for k, s in enumerate(spans.sentences) if s == sentence.index]
        assert " ".join(spans.words[k] for k in mine) == sentence.key
        for k in mine:
            start, end = int(spans.starts[k]), int(spans.ends[k])
            assert sentence.start <= start < end <= sentence.end
            assert key_words(st.raw[start:end]) == [spans.words[k]]


def test_key_word_offsets_survive_folding() -> None:
    raw = "The Nation\u2019s cyber\u2011enabled \uff21SEAN stra\u00adtegy, Stra\u00dfe and cafe\u0301."
    st = statement(raw)
    spans = key_word_spans(st)
    assert list(spans.words) == key_words(raw)
    assert [raw[a:b] for a, b in zip(spans.starts, spans.ends, strict=True)] == [
        "The", "Nation\u2019s", "cyber\u2011enabled", "\uff21SEAN", "stra\u00adtegy",
        "Stra\u00dfe", "and", "cafe\u0301",
    ]  # fmt: skip


def test_clause_lifted_into_another_sentence_is_found() -> None:
    clause = "to combat and dismantle transnational scam centres in the region"
    old = statement(
        "Participants discussed shared cyber threats.",
        f"The United States emphasized the need {clause}.",
    )
    new = statement(
        "Ministers agreed on a joint plan.",
        f"They also resolved, as a priority, {clause.capitalize()}, and to report back in 2026.",
    )
    (passage,) = shared_passages(old, new)
    assert passage.words == len(clause.split())
    assert passage.text == clause.capitalize()
    assert old.raw[passage.old_start : passage.old_end] == clause
    assert new.raw[passage.new_start : passage.new_end] == clause.capitalize()
    assert (passage.old_sentences, passage.new_sentences) == ((1,), (1,))


def test_runs_are_maximal_and_respect_min_words() -> None:
    old = statement("one two three four five six seven eight nine ten.")
    new = statement("zero two three four five six seven eight nine eleven.")
    (passage,) = shared_passages(old, new)
    assert passage.words == 8  # two .. nine, not every 6-word sub-run
    assert shared_passages(old, new, min_words=9) == []
    assert len(shared_passages(old, new, min_words=8)) == 1


def test_passage_may_cross_sentence_boundaries() -> None:
    old = statement("We met in Jakarta.", "We agreed on three points.", "Then we left.")
    new = statement("In short: we met in Jakarta and we agreed on three points today.")
    got = [(p.words, p.old_sentences) for p in shared_passages(old, new, min_words=4)]
    assert got == [(4, (0,)), (5, (1,))]  # "and" breaks the run in two
    new2 = statement("Briefly, we met in Jakarta we agreed on three points.")
    (p,) = shared_passages(old, new2, min_words=4)
    assert (p.words, p.old_sentences, p.new_sentences) == (9, (0, 1), (0,))


def test_repeated_boilerplate_pairs_copies_and_reports_leftovers_once() -> None:
    line = "the participants looked forward to the next meeting of the group"
    twice = statement(f"First, {line}.", "Something else entirely.", f"Again, {line}.")
    once = statement(f"Finally, {line}.")
    passages = shared_passages(twice, once)
    # One passage per copy in OLD (each copy's wording is in NEW), never sub-runs.
    assert [(p.words, p.old_sentences, p.new_sentences) for p in passages] == [
        (11, (0,), (0,)),
        (11, (2,), (0,)),
    ]
    mirrored = shared_passages(once, twice)
    assert sorted((p.new_start, p.old_start) for p in mirrored) == sorted(
        (p.old_start, p.new_start) for p in passages
    )
    # Copies on both sides pair up in order, one passage each.
    other = statement(f"First, {line}.", "Nothing like it.", f"Again, {line}.")
    pairs = shared_passages(twice, other)
    assert [(p.old_sentences, p.new_sentences) for p in pairs] == [((0,), (0,)), ((2,), (2,))]


def test_min_words_is_checked() -> None:
    st = statement("a b c")
    with pytest.raises(ValueError, match=r"min_words must be an integer >= 2: 1"):
        shared_passages(st, st, min_words=1)


def test_real_notices_share_almost_everything() -> None:
    old, new = read_statement(NOTICES[1]), read_statement(NOTICES[2])
    passages = shared_passages(old, new)
    covered = sum(p.words for p in passages)
    total = len(key_word_spans(new).words)
    assert covered / total > 0.95
    for p in passages:
        assert key_words(old.raw[p.old_start : p.old_end]) == key_words(p.text)
        assert len(key_words(p.text)) == p.words


def test_statement_against_itself_is_one_passage_per_run() -> None:
    st = build_statement(
        "We met. We agreed on six clear points today.\n\nThe next meeting is in May.",
        id="x",
        path="x.txt",
    )
    (p,) = shared_passages(st, st)
    assert p.words == len(key_word_spans(st).words)
    assert (p.old_start, p.old_end) == (p.new_start, p.new_end)


def _naive_runs(a: list[str], b: list[str], k: int) -> set[tuple[int, int, int]]:
    """All maximal common runs by brute force over every diagonal."""
    runs = set()
    for i in range(len(a)):
        for j in range(len(b)):
            if (i and j and a[i - 1] == b[j - 1]) or a[i] != b[j]:
                continue
            n = 0
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            if n >= k:
                runs.add((n, i, j))
    return runs


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("abcd"), max_size=40),
    st.lists(st.sampled_from("abcd"), max_size=40),
    st.integers(2, 5),
)
def test_maximal_runs_match_brute_force(a: list[str], b: list[str], k: int) -> None:
    assert set(_maximal_runs(tuple(a), tuple(b), k)) == _naive_runs(a, b, k)
