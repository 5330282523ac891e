"""The timeline's shortcuts give exactly what the plain way gives, on real sample text.

Themes coded once per distinct sentence and context (:mod:`policydrift.compare.timeline.coding`)
against :func:`code_statement` of each statement; emerging phrases with the cached theme spans
against keyness computing them; consecutive editions aligned by ``align_pair`` against
``compare()``; the JSON joined in pieces against ``json.dumps``.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policydrift.compare.engine import compare
from policydrift.compare.shifts.lexicon import load_strength
from policydrift.compare.themes.coding import code_statement, count_words, mention_count
from policydrift.compare.themes.keyness import key_terms
from policydrift.compare.themes.lexicon import load_lexicon
from policydrift.compare.timeline.build import build_timeline
from policydrift.compare.timeline.coding import Coding, SentenceCodes
from policydrift.compare.timeline.models import TimelineOptions
from policydrift.compare.timeline.pairs import WordPositions, align_pair
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus
from policydrift.corpus.models import Sentence, Statement
from policydrift.corpus.normalize import normalise_key
from policydrift.reports.timeline.tables import timeline_to_dict, timeline_to_json

LEXICON = load_lexicon()


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(SAMPLE_CORPUS, cache=False)


def plain_codes(statement: Statement) -> list[tuple[tuple[str, int, tuple], ...]]:
    """Per sentence, (theme, mentions, spans) from code_statement of the whole statement."""
    hits = code_statement(statement, LEXICON)
    out = []
    for sentence in statement.sentences:
        mine = [h for h in hits if h.sentence == sentence.index]
        found = []
        for theme in LEXICON.ids:
            these = [h for h in mine if h.theme == theme]
            if these:
                spans = tuple(sorted((h.start, h.end) for h in these))
                found.append((theme, mention_count(these, {sentence.index: sentence.text}), spans))
        out.append(tuple(found))
    return out


def test_sentence_codes_are_code_statement_on_every_sample_statement(corpus) -> None:
    codes = SentenceCodes(LEXICON)
    for statement in corpus.statements:
        assert codes.statement(statement) == plain_codes(statement), statement.id


def test_coding_counts_are_those_of_each_statement_coded_whole(corpus) -> None:
    coding = Coding(LEXICON, corpus.statements)
    for statement in corpus.statements:
        coding.code(statement)
        assert coding.words[statement.id] == count_words(statement)
        hits = code_statement(statement, LEXICON)
        for theme in LEXICON.ids:
            mine = [h for h in hits if h.theme == theme]
            if not mine:
                assert theme not in coding.themes[statement.id]
                continue
            text_of = {h.sentence: statement.sentences[h.sentence].text for h in mine}
            expected = (mention_count(mine, text_of), tuple(sorted(text_of)))
            assert coding.themes[statement.id][theme] == expected


# Sentences of the sample corpus, with sentences that context rules read (a paragraph-scope
# company, a date-bounded theme), shuffled into new paragraphs and dates: one cache for all
# examples, so a key missing part of a sentence's context would give a stale answer.
POOL = sorted(
    {s.text for st_ in load_corpus(SAMPLE_CORPUS, cache=False).statements for s in st_.sentences}
)
SHARED = SentenceCodes(LEXICON)


def statement_of(texts: list[str], sizes: list[int], date: str | None) -> Statement:
    sentences, raw, paragraph, left = [], "", 0, sizes[0] if sizes else 1
    for k, text in enumerate(texts):
        if left == 0:
            paragraph += 1
            left = sizes[paragraph % len(sizes)] if sizes else 1
            raw += "\n"
        start = len(raw)
        raw += text + " "
        sentences.append(
            Sentence(k, text, normalise_key(text), start, start + len(text), paragraph)
        )
        left -= 1
    return Statement("x", "x", raw, raw, tuple(sentences), date=date)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(POOL), min_size=1, max_size=12),
    st.lists(st.integers(1, 4), min_size=1, max_size=4),
    st.sampled_from([None, "2018-05-01", "2019-12", "2020-03-02", "2025-10-01"]),
)
def test_cached_codes_follow_paragraph_and_date(texts, sizes, date) -> None:
    statement = statement_of(texts, sizes, date)
    assert SHARED.statement(statement) == plain_codes(statement)


def test_emerging_phrases_with_cached_spans_are_the_same(corpus) -> None:
    coding = Coding(LEXICON, corpus.statements)
    by_series: dict[str, list[Statement]] = {}
    for statement in corpus.statements:
        by_series.setdefault(statement.series, []).append(statement)
    checked = 0
    for editions in by_series.values():
        if len(editions) < 2:
            continue
        plain = key_terms(editions[:-1], editions[-1:], lexicon=LEXICON, top=24)
        cached = key_terms(
            editions[:-1], editions[-1:], lexicon=LEXICON, top=24, theme_spans=coding.codes.spans
        )
        assert cached == plain
        checked += sum(1 for k in plain if k.themes)
    assert checked > 0  # some key terms are covered by themes, so spans were read


def test_align_pair_is_compare_on_every_consecutive_sample_pair(corpus) -> None:
    strength = load_strength(None)
    options = TimelineOptions().compare
    positions = WordPositions()
    by_series: dict[str, list[Statement]] = {}
    for statement in corpus.statements:
        by_series.setdefault(statement.series, []).append(statement)
    pairs = 0
    for editions in by_series.values():
        for old, new in zip(editions, editions[1:], strict=False):
            pair = align_pair(old, new, options, positions=positions, strength=strength)
            whole = compare(old, new, options, strength=strength)
            assert (pair.rows, pair.passages, pair.shifts) == (
                whole.rows,
                whole.passages,
                whole.shifts,
            )
            pairs += 1
    assert pairs >= 14


def test_timeline_json_is_json_dumps(corpus) -> None:
    timeline = build_timeline(corpus.statements)
    expected = json.dumps(timeline_to_dict(timeline), ensure_ascii=False, indent=2) + "\n"
    assert timeline_to_json(timeline) == expected
