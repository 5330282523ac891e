"""Strength shifts on real sentence pairs: each scale and direction, negation, moved markers.

The pairs come from the sample corpus (``corpus/data``) and from our revised editions of its
statements (``benchmarks/labels/shifts/editions``: old sides are the real sentences), aligned
by ``compare`` as ``drift compare`` does; expected directions are those labelled by reading
(``benchmarks/labels/shifts/labels.tsv``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare import compare
from policydrift.compare.diff import tokenize, word_opcodes
from policydrift.compare.models import AlignedRow
from policydrift.compare.shifts import CHANGED_KINDS, DIRECTIONS, detect_shifts, row_shifts
from policydrift.compare.shifts.lexicon import load_strength
from policydrift.corpus.collection import SAMPLE_CORPUS, read_one

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = ROOT / "benchmarks" / "labels" / "shifts" / "editions"
STRENGTH = load_strength()


def shifts_of(old: str, new: str, lexicon=STRENGTH):
    """(scale, direction, old words, new words) of one edited pair, diffed as drift does."""
    a, b = tuple(tokenize(old)), tuple(tokenize(new))
    row = AlignedRow("edited", (0,), (0,), 90.0, tuple(word_opcodes(a, b)), a, b)
    return [(s.scale, s.direction, s.old_words, s.new_words) for s in row_shifts(row, lexicon)]


@pytest.fixture(scope="module")
def editions():
    """Every edition pair compared, with shifts: {name: Comparison}."""
    out = {}
    for old in sorted(EDITIONS.glob("*.old.md")):
        new = old.with_name(old.name.replace(".old.", ".new."))
        out[old.name.split(".")[0]] = compare(read_one(old), read_one(new), strength=STRENGTH)
    return out


def found(c, fragment: str):
    """The shifts of the row whose new text contains ``fragment``."""
    for row, shifts in zip(c.rows, c.shifts.rows, strict=True):
        text = " ".join(c.new.sentences[i].text for i in row.new)
        if fragment in " ".join(text.split()):
            return [(s.scale, s.direction, s.old_words, s.new_words) for s in shifts]
    raise AssertionError(fragment)


# Each scale, each direction, on aligned rows of real statements (old side as published).
@pytest.mark.parametrize(
    ("edition", "fragment", "expected"),
    [
        ("e-asean-us-vision", "we will consider establishing an ASEAN-U.S.",
         [("commitment", "softened", "commit to", "will consider")]),
        ("e-asean-us-vision", "We will deepen our collaboration",
         [("commitment", "strengthened", "seek to", "will")]),
        ("c-quad-cyber", "the Group will ensure security-by-design",
         [("commitment", "strengthened", "will strive to", "will")]),
        ("b-asean-china-cyber", "are essential to advance",
         [("necessity", "strengthened", "would", "essential")]),
        ("e-asean-us-vision", "reaffirmed the importance of pursuing",
         [("necessity", "softened", "need to", "importance")]),
        ("i-quad-cyber-2", "and condemned cyber attacks",
         [("stance", "strengthened", "serious concern", "condemned")]),
        ("b-asean-china-cyber", "ASEAN took note of China",
         [("support", "softened", "noted with appreciation", "took note")]),
        ("e-asean-us-vision", "We welcome the United Nations General Assembly",
         [("support", "strengthened", "note", "welcome")]),
        ("c-quad-cyber", "will require major software",
         [("commitment", "strengthened", "encourage", "will require")]),
        ("d-cri", "have strongly endorsed guidance",
         [("intensity", "strengthened", "", "strongly")]),
        ("e-asean-us-vision", "towards the conclusion of an effective",
         [("intensity", "softened", "early conclusion", "")]),
        ("a-us-asean-cyber", "subject to national laws and regulations",
         [("hedges", "hedged", "", "subject to")]),
        ("e-asean-us-vision", "including through transfer of knowledge and provision",
         [("hedges", "unhedged", "on voluntary … mutually agreed terms", "")]),
        ("h-cyber-notice", "will not continue in effect",
         [("negation", "negated", "", "will not")]),
        ("h-cyber-notice", "activities no longer pose",
         [("negation", "negated", "", "no longer")]),
        ("g-ours", "The Group will pursue a common labelling",
         [("negation", "affirmed", "will not", "")]),
        ("d-cri", "pursue the actors responsible for ransomware attacks, counter",
         [("negation", "softened", "not", "")]),
    ],
)  # fmt: skip
def test_each_scale_and_direction_on_real_rows(editions, edition, fragment, expected):
    assert found(editions[edition], fragment) == expected


def test_the_sample_corpus_declaration_that_now_commits():
    folder = SAMPLE_CORPUS / "whitehouse" / "asean_us"
    a, b = (read_one(f) for f in sorted(folder.glob("*.md"))[1:])  # 2022-11 -> 2023-09
    c = compare(a, b, strength=STRENGTH)
    assert found(c, "COMMITTO") == [("commitment", "strengthened", "HEREBY DECLARE", "COMMITTO")]
    # a clause that adds "the need to pursue" peaceful resolution
    assert found(c, "reaffirming the need to") == [("necessity", "strengthened", "", "need to")]


def test_a_marker_that_only_moved_is_no_shift(editions):
    assert found(editions["e-asean-us-vision"], "we commit to working to increase access") == []
    assert found(editions["b-asean-china-cyber"], "We agreed to jointly facilitate") == []


def test_same_level_rewordings_and_descriptive_words_are_no_shift(editions):
    c = editions["e-asean-us-vision"]
    assert found(c, "We will invest in and strengthen health systems") == []  # committed -> will
    assert found(c, "We must continue to cooperate") == []  # are committed to -> must
    assert found(editions["c-quad-cyber"], "lowering the number of cyber incidents") == []
    assert found(editions["c-quad-cyber"], "not only a core function") == []  # no negation
    assert found(editions["f-asean-us-digital"], "smooth travel in the region;") == []


def test_pairs_with_shifts_both_ways_say_so(editions):
    c = editions["g-ours"]
    row = next(
        k for k, r in enumerate(c.rows) if "strongly support" in c.new.sentences[r.new[0]].text
    )
    assert {s.direction for s in c.shifts.rows[row]} == {"strengthened", "softened"}
    assert c.shifts.counts()["mixed"] >= 1


def test_new_dropped_and_unchanged_rows_carry_no_shift(editions):
    for c in editions.values():
        for row, shifts in zip(c.rows, c.shifts.rows, strict=True):
            if row.kind not in CHANGED_KINDS:
                assert shifts == ()
    folder = SAMPLE_CORPUS / "whitehouse" / "counter_ransomware_initiative"
    a, b = (read_one(f) for f in sorted(folder.glob("*.md"))[:2])
    c = compare(a, b, strength=STRENGTH)
    kinds = {row.kind for row, shifts in zip(c.rows, c.shifts.rows, strict=True) if shifts}
    assert kinds <= set(CHANGED_KINDS)
    assert any(row.kind in ("new", "dropped") for row in c.rows)


def test_counts_cover_every_direction(editions):
    counts = editions["e-asean-us-vision"].shifts.counts()
    assert list(counts)[: len(DIRECTIONS)] == list(DIRECTIONS)
    assert counts["strengthened"] >= 8
    assert counts["softened"] >= 8
    assert counts["hedged"] == 3


def test_without_a_strength_lexicon_nothing_is_read():
    folder = SAMPLE_CORPUS / "whitehouse" / "cyber_emergency_continuation_notices"
    a, b = (read_one(f) for f in sorted(folder.glob("*.md"))[:2])
    assert compare(a, b).shifts is None
    assert detect_shifts(compare(a, b), STRENGTH).counts()["rows"] == 0  # only dates changed


def test_predictive_will_is_no_commitment():
    assert (
        shifts_of("The strategy empowers workers.", "The strategy, which will empower workers.")
        == []
    )
    assert shifts_of("Talks are held in May 2024.", "Talks will be held in May 2025.") == []
    assert shifts_of("We act now.", "We will act now.") == [
        ("commitment", "strengthened", "", "will")
    ]


SENTENCES = [
    " ".join(s.text.split())
    for f in sorted((SAMPLE_CORPUS / "whitehouse").glob("*/*.md"))[:8]
    for s in read_one(f).sentences
    if len(s.text.split()) > 6 and s.text.rstrip().endswith(".")
]
HEDGES = ["where appropriate", "as appropriate", "subject to national laws", "where feasible"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SENTENCES), st.sampled_from(HEDGES))
def test_a_hedge_added_to_any_real_sentence_is_hedged_and_removing_it_unhedged(sentence, hedge):
    hedged = sentence.rstrip()[:-1] + f", {hedge}."
    assert ("hedges", "hedged", "", hedge.split(" national")[0]) in shifts_of(sentence, hedged)
    assert ("hedges", "unhedged", hedge.split(" national")[0], "") in shifts_of(hedged, sentence)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SENTENCES))
def test_a_sentence_against_itself_has_no_shift(sentence):
    assert shifts_of(sentence, sentence) == []


def test_reworded_rows_carry_no_shift():
    """A sentence restated in other words differs throughout: a marker on one side only is
    not an edit of it. In the 2023 proclamation "... grounded in democratic values — not those
    of our autocratic competitors" is restated in 2024 without the contrast; no "affirmed"."""
    folder = SAMPLE_CORPUS / "whitehouse" / "cyber_awareness_month_proclamations"
    a, b = (read_one(f) for f in sorted(folder.glob("*202[34]*.md")))
    c = compare(a, b, strength=STRENGTH)
    reworded = [
        k
        for k, row in enumerate(c.rows)
        if row.kind == "reworded" and "autocratic" in a.sentences[row.old[0]].text
    ]
    assert len(reworded) == 1
    assert c.shifts.rows[reworded[0]] == ()
    assert "reworded" not in CHANGED_KINDS


FLIPPED = {"strengthened": "softened", "softened": "strengthened", "hedged": "unhedged",
           "unhedged": "hedged", "negated": "affirmed", "affirmed": "negated"}  # fmt: skip


def test_reading_a_pair_backwards_flips_every_shift():
    # every labelled pair (sample corpus and revised editions), read new -> old: the same
    # scales, the opposite directions. "will encourage" -> "will require" is a strengthened
    # commitment; backwards it was read as support *strengthened* ("" -> "encourage")
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_shifts import read_pairs

    for pair in read_pairs():
        forward = shifts_of(pair["old_text"], pair["new_text"])
        backward = shifts_of(pair["new_text"], pair["old_text"])
        assert sorted((s, FLIPPED[d]) for s, d, _, _ in backward) == sorted(
            (s, d) for s, d, _, _ in forward
        ), pair["id"]


def test_a_requirement_turned_encouragement_is_a_softened_commitment():
    old = "A supply chain methodology will require major software providers to adhere to it."
    new = "A supply chain methodology will encourage major software providers to adhere to it."
    assert shifts_of(old, new) == [("commitment", "softened", "will require", "encourage")]
    assert shifts_of(new, old) == [("commitment", "strengthened", "encourage", "will require")]
