"""The similarity model on real sample statements: new kinds, bands, closest counterparts,
the opening guard, the semantic stage, and the package-shipped embedding model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from policydrift.compare import CompareOptions, compare
from policydrift.compare.align import align
from policydrift.compare.linking.evidence import (
    band,
    confidence,
    features,
    opening_counts,
    word_weights,
)
from policydrift.compare.linking.semantic import embed, package_folder
from policydrift.compare.timeline.lineage import build_lineages
from policydrift.corpus import read_statement

DATA = Path(__file__).resolve().parents[2] / "corpus" / "data" / "whitehouse"


def edition(series: str, prefix: str):
    (path,) = sorted((DATA / series).glob(f"{prefix}*"))
    return read_statement(path)


def proclamation(year: str):
    return edition("cyber_awareness_month_proclamations", year)


def row_with(comparison, side: str, index: int):
    (row,) = [r for r in comparison.rows if index in getattr(r, side)]
    return row


def test_a_clause_cut_is_trimmed_and_its_mirror_extended():
    # 2021 -> 2022: "Through events, training, and education," cut from the call to action
    old, new = proclamation("2021"), proclamation("2022")
    row = row_with(compare(old, new), "old", 26)
    assert (row.kind, row.new, row.band) == ("trimmed", (21,), "strong")
    assert old.sentences[26].text.startswith("Through events, training, and education,")
    back = row_with(compare(new, old), "new", 26)
    assert (back.kind, back.old, back.score) == ("extended", (21,), row.score)


def test_a_clause_added_is_extended():
    old = edition("asean_us", "2022-11")
    new = edition("asean_us", "2023-09")
    row = row_with(compare(old, new), "old", 6)
    assert (row.kind, row.new) == ("extended", (5,))
    assert row.score >= 90


def test_the_same_point_in_other_words_is_reworded():
    # 2023: "new cyber dialogues with allies and partners ... a new virtual rapid response
    # mechanism at NATO"; 2024: "working closely with allies and partners to bolster our cyber
    # defense ... in response to cyberattacks"
    old, new = proclamation("2023"), proclamation("2024")
    comparison = compare(old, new)
    row = row_with(comparison, "old", 11)
    assert (row.kind, row.new) == ("reworded", (19,))
    assert row.score >= comparison.options.threshold
    assert "rapid response mechanism at NATO" in " ".join(old.sentences[11].text.split())
    assert "allies and partners to bolster" in " ".join(new.sentences[19].text.split())
    # words alone do not link it: the lexical model leaves both sentences unmatched
    lexical = compare(old, new, CompareOptions(semantic=False))
    assert row_with(lexical, "old", 11).kind == "dropped"
    assert row_with(lexical, "new", 19).kind == "new"


def test_a_restated_sentence_out_of_place_is_linked_on_meaning_and_shown_moved():
    # 2022: minimum cybersecurity standards for vital sectors, the Transportation Security
    # Administration's directives; 2023: standards for pipelines, rail and aviation, further up
    old, new = proclamation("2022"), proclamation("2023")
    row = row_with(compare(old, new), "old", 10)
    assert (row.kind, row.new) == ("moved+edited", (4,))
    lexical = compare(old, new, CompareOptions(semantic=False))
    assert row_with(lexical, "old", 10).kind == "dropped"


def test_every_pair_has_a_band_and_every_drop_names_its_closest_counterpart():
    old, new = proclamation("2021"), proclamation("2022")
    comparison = compare(old, new)
    number = {("old", i): n for n, r in enumerate(comparison.rows) for i in r.old}
    number.update({("new", j): n for n, r in enumerate(comparison.rows) for j in r.new})
    for row in comparison.rows:
        if row.old and row.new:
            assert row.band == band(row.score) != ""
            assert row.closest is None
        elif row.closest is not None:
            other = "new" if row.old else "old"
            target = comparison.rows[number[(other, row.closest)]]
            assert 0 < row.closest_score < 100
            assert target is not row
            if row.closest_score >= comparison.options.threshold and not (
                target.old and target.new  # not taken by a better partner
            ):
                # linked neither on words (the lexical model) nor on meaning (MEANING_MIN)
                i, j = (row.old[0], row.closest) if row.old else (row.closest, row.new[0])
                a, b = [s.key for s in old.sentences], [s.key for s in new.sentences]
                f = features(
                    [a[i]], [b[j]], weights=word_weights(a, b), openings=opening_counts(a, b)
                )
                assert confidence(f)[0, 0] < comparison.options.threshold
    dropped = [r for r in comparison.rows if r.kind == "dropped"]
    assert sum(r.closest is not None for r in dropped) >= len(dropped) // 2


def test_sentences_sharing_only_a_formulaic_opening_are_never_paired():
    opening = "The United States and the European Union"
    old = [
        f"{opening} have worked to align standards for artificial intelligence.",
        f"{opening} reaffirm their support for Ukraine.",
        f"{opening} welcome progress on critical minerals.",
        f"{opening} will meet again next year in Brussels.",
    ]
    new = [
        f"{opening} thank the participants for their input.",
        f"{opening} reaffirm their support for Ukraine.",
        f"{opening} note the launch of a new dialogue on semiconductors.",
        f"{opening} will meet again next year in Washington.",
    ]
    keys = [[" ".join(t.lower().rstrip(".").split()) for t in side] for side in (old, new)]
    for semantic in (True, False):
        rows = align(*keys, semantic=semantic)
        pairs = {(r.old, r.new) for r in rows if r.old and r.new}
        assert ((0,), (0,)) not in pairs
        assert ((2,), (2,)) not in pairs
        assert ((1,), (1,)) in pairs
        assert ((3,), (3,)) in pairs
    # plain fuzz.ratio >= 60 pairs the first two on their opening alone
    ratio_rows = align(*keys, scorer="ratio")
    assert ((0,), (0,)) in {(r.old, r.new) for r in ratio_rows}


def test_the_guard_refuses_a_shared_opening_and_keeps_a_shared_clause():
    a = ["the two sides have worked to align standards for ai"]
    b = [
        "the two sides thank the participants for their input",
        "the two sides have worked to align standards for artificial intelligence",
        "the two sides met",
    ]
    f = features(a, b, weights=word_weights(a, b), openings=opening_counts(a, b))
    assert f.guard().tolist() == [[False, True, False]]
    score = confidence(f)
    assert score[0, 0] == 0.0
    assert score[0, 1] >= 90


def test_no_lineage_continues_through_a_weak_match():
    old, new = proclamation("2023"), proclamation("2024")
    comparison = compare(old, new, CompareOptions(semantic=False))  # as the timeline aligns
    weak = [r for r in comparison.rows if r.band == "weak" and len(r.old) == 1]
    assert weak, "the 2023 -> 2024 proclamations have weak links"
    lineages = build_lineages("p", [old, new], [comparison])
    for row in weak:
        (line,) = [
            x for x in lineages if x.steps[0].edition == old.id and x.steps[0].sentences == row.old
        ]
        assert (line.length, line.end) == (1, "dropped")
        assert any(
            x.steps[0].edition == new.id and x.steps[0].sentences == row.new for x in lineages
        )


def test_semantic_stage_runs_only_where_it_can_decide_something(monkeypatch):
    import policydrift.compare.linking.space as space

    calls = []
    real = space.sentence_space

    def counting(*sides, **kwargs):
        calls.append(sum(map(len, sides)))
        return real(*sides, **kwargs)

    monkeypatch.setattr(space, "sentence_space", counting)
    notices = sorted((DATA / "cyber_emergency_continuation_notices").glob("*.md"))
    a, b = read_statement(notices[1]), read_statement(notices[2])
    assert [r.kind for r in compare(a, b).rows].count("same") >= 5
    assert calls == []  # every sentence found its partner on words
    compare(proclamation("2022"), proclamation("2023"))
    assert calls  # some did not: the model was asked


def test_wordllama_is_read_from_its_package_exactly_as_the_package_embeds():
    wordllama = pytest.importorskip("wordllama")
    texts = [
        "We call on all parties to end the conflict without delay.",
        "We reiterate the urgency of an immediate end to the conflict.",
        "",
    ]
    model = wordllama.WordLlama.load(cache_dir=package_folder("wordllama"), disable_download=True)
    expected = model.embed(texts[:2], norm=True)
    assert np.allclose(embed(texts)[:2], expected, atol=1e-6)
    assert not embed(texts)[2].any()  # an empty text has no direction
    vectors = embed(texts[:2])
    assert vectors[0] @ vectors[1] > 0.3
