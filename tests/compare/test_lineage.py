"""Sentence lineages on real editions: the notices' opening, the proclamations' frame, drops."""

from __future__ import annotations

import pytest
from helpers import statement as _st
from policydrift.compare.engine import compare
from policydrift.compare.timeline.lineage import build_lineages
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(SAMPLE_CORPUS / "whitehouse", cache=False)


def lineages_of(corpus, series):
    editions = corpus.in_series(series)
    comparisons = [compare(a, b) for a, b in zip(editions, editions[1:], strict=False)]
    return editions, build_lineages(series, editions, comparisons)


def starting(lines, prefix):
    return next(x for x in lines if " ".join(x.steps[0].text.split()).startswith(prefix))


def test_the_notices_opening_sentence_spans_all_four_editions(corpus):
    editions, lines = lineages_of(corpus, "cyber_emergency_continuation_notices")
    opening = starting(lines, "On April 1, 2015, by Executive Order 13694")
    assert [step.edition for step in opening.steps] == [e.id for e in editions]
    assert [step.kind for step in opening.steps] == ["new", "same", "same", "same"]
    assert opening.end == ""
    assert opening.ended_in is None
    # the sentence naming the year changes every edition: an edit at each step
    beyond = starting(lines, "For this reason, the national emergency declared on April 1, 2015")
    assert [step.kind for step in beyond.steps[1:]] == ["edited"] * 3
    changed = [
        ("".join(s.old_words[i1:i2]), "".join(s.new_words[j1:j2]))
        for s in beyond.steps[1:]
        for tag, i1, i2, j1, j2 in s.ops
        if tag != "equal"
    ]
    assert changed == [("2021", "2022"), ("2022", "2023"), ("2023", "2024")]


def test_a_dropped_sentence_says_where_it_was_dropped(corpus):
    editions, lines = lineages_of(corpus, "cyber_emergency_continuation_notices")
    heading = starting(lines, "NOTICE")
    assert heading.length == 1
    assert (heading.end, heading.ended_in) == ("dropped", editions[1].id)


def test_the_proclamation_closing_formula_is_edited_each_year(corpus):
    editions, lines = lineages_of(corpus, "cyber_awareness_month_proclamations")
    witness = starting(lines, "IN WITNESS WHEREOF")
    assert witness.length == 5
    assert all(90 < step.score < 100 for step in witness.steps[1:])
    inserted = "".join(
        "".join(witness.steps[1].new_words[j1:j2])
        for t, _, _, j1, j2 in witness.steps[1].ops
        if t != "equal"
    )
    assert "twenty-two" in inserted
    assert "forty-seventh" in inserted


def test_every_sentence_is_in_one_lineage(corpus):
    editions, lines = lineages_of(corpus, "counter_ransomware_initiative")
    owned = sorted((s.edition, i) for x in lines for s in x.steps for i in s.sentences)
    assert owned == sorted((e.id, s.index) for e in editions for s in e.sentences)


def test_split_carries_the_lineage_into_both_parts():
    a = _st(
        "a", "We condemn ransomware attacks on hospitals and we will hold the attackers to account."
    )
    b = _st(
        "b", "We condemn ransomware attacks on hospitals.", "We will hold the attackers to account."
    )
    comparison = compare(a, b)
    assert [r.kind for r in comparison.rows] == ["split"]
    (line,) = build_lineages("s", [a, b], [comparison])
    assert line.steps[1].sentences == (0, 1)
    assert line.steps[1].kind == "split"


def test_merge_continues_the_oldest_lineage():
    a = _st(
        "a", "We condemn ransomware attacks on hospitals.", "We will hold the attackers to account."
    )
    b = _st(
        "b", "We condemn ransomware attacks on hospitals and we will hold the attackers to account."
    )
    lines = build_lineages("s", [a, b], [compare(a, b)])
    assert [(x.length, x.end) for x in lines] == [(2, ""), (1, "merged")]
    assert lines[1].ended_in == "b"


def test_comparisons_must_match_the_editions():
    a, b = _st("a", "One."), _st("b", "Two.")
    with pytest.raises(ValueError, match="need 1 comparisons for 2 editions"):
        build_lineages("s", [a, b], [])
    with pytest.raises(ValueError, match="comparison 0 is 'b' -> 'a'"):
        build_lineages("s", [a, b], [compare(b, a)])
