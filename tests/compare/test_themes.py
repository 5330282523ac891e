"""Theme coding and theme change on the seed statements and the whitehouse series.

Expectations are read from the texts: e.g. the 2017 ministerial conference report mentions
"ransom wares like Golden Eye" and nothing about scams; the 2025 dialogue statement speaks of
online scam operations and never of ransomware.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache

import pytest
from helpers import DATA, seed, statement
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare import compare
from policydrift.compare.models import AlignedRow, CompareOptions, Comparison, Figures
from policydrift.compare.themes.coding import (
    code_statement,
    compare_themes,
    count_words,
    detection_limit,
    mention_count,
    theme_status,
)
from policydrift.compare.themes.frame import themes_frame
from policydrift.compare.themes.lexicon import load_lexicon
from policydrift.compare.themes.models import FLAGGED, STATUSES
from policydrift.compare.themes.status import StatusRules
from policydrift.corpus import read_statement
from policydrift.corpus.models import Statement
from policydrift.reports.themes_json import detection_text, themes_dict

SEEDS = DATA / "seeds"
WHITEHOUSE = DATA / "whitehouse"
LEXICON = load_lexicon()


@cache
def whitehouse(series: str, year: str) -> Statement:
    (path,) = (WHITEHOUSE / series).glob(f"{year}-*.md")
    return read_statement(path)


@cache
def themes_of(old: Statement, new: Statement, **options):
    return compare_themes(compare(old, new), LEXICON, **options)


def change(result, theme):
    (found,) = [c for c in result.changes if c.theme == theme]
    return found


def evidence_text(found, side):
    return [e.text for e in found.evidence if e.side == side]


# -- the seed statements --------------------------------------------------------------------


def test_2017_conference_against_2025_dialogue_scams_new_ransomware_dropped():
    result = themes_of(seed("002"), seed("000"))
    scams = change(result, "online_scams")
    assert scams.status == "new"
    assert scams.old_count == 0
    assert scams.new_sentences >= 5
    quoted = evidence_text(scams, "new")
    assert any("ASEAN Anti-Online Scams Working Group" in t for t in quoted)
    assert "Online Scams" in {m for e in scams.evidence for m in e.matched}
    ransomware = change(result, "ransomware")
    assert ransomware.status == "dropped"
    assert (ransomware.old_count, ransomware.new_count) == (1, 0)
    (proof,) = ransomware.evidence
    assert proof.side == "old"
    assert proof.matched == ("ransom wares",)
    assert "Golden Eye" in proof.text
    assert [c.theme for c in result.by_status("new")][0] == "online_scams"


def test_2020_asean_china_against_2021_asean_us_ai_and_covid_new():
    result = themes_of(seed("003"), seed("004"))
    ai = change(result, "artificial_intelligence")
    assert ai.status == "new"
    assert (ai.old_count, ai.new_count, ai.new_sentences) == (0, 4, 2)
    assert any("artificial intelligence (AI)" in t for t in evidence_text(ai, "new"))
    covid = change(result, "covid19")
    assert covid.status == "new"
    assert any("COVID-19" in m for e in covid.evidence for m in e.matched)
    # The 2020 statement is about norms and UN processes; the 2021 one never mentions them.
    assert change(result, "responsible_state_behaviour").status == "dropped"
    assert change(result, "un_processes").status in ("falling", "dropped")


def test_2025_dialogue_against_2026_chairman_trafficking_new_victims_persist():
    result = themes_of(seed("000"), seed("001"))
    trafficking = change(result, "trafficking_in_persons")
    assert trafficking.status == "new"
    assert trafficking.evidence[0].matched == ("Trafficking in Persons",)
    victims = change(result, "victims_and_survivors")
    assert victims.status == "persisting"  # "scam victims" in 2025 already
    assert change(result, "online_scams").status in ("persisting", "falling")


def test_whitehouse_awareness_month_2024_to_2025():
    result = themes_of(
        whitehouse("cyber_awareness_month_proclamations", "2024"),
        whitehouse("cyber_awareness_month_proclamations", "2025"),
    )
    assert change(result, "ransomware").status == "dropped"
    ai = change(result, "artificial_intelligence")
    assert ai.status == "new"
    assert ai.evidence[0].matched == ("artificial intelligence",)
    assert change(result, "human_capital").status == "dropped"  # workforce, skills in 2024


def test_whitehouse_quad_2022_to_2023_ransomware_new():
    result = themes_of(
        whitehouse("quad_senior_cyber_group", "2022"),
        whitehouse("quad_senior_cyber_group", "2023-02"),
    )
    assert change(result, "ransomware").status == "new"
    assert change(result, "telecoms_5g").status == "new"


def test_whitehouse_counter_ransomware_2023_to_2024_reframing():
    old = whitehouse("counter_ransomware_initiative", "2023")
    new = whitehouse("counter_ransomware_initiative", "2024")
    result = themes_of(old, new)
    (reframing,) = [r for r in result.reframings if "virtual_assets" in r.added]
    assert reframing.removed == ("financial_intelligence",)
    assert reframing.kind in ("edited", "reworded", "trimmed", "extended", "moved+edited")
    assert "illicit finance" in reframing.old_evidence[0].matched[0].lower()
    assert "virtual assets" in reframing.new_evidence[0].matched[0]
    comparison = compare(old, new)
    row = comparison.rows[reframing.row]
    assert (row.old, row.new) == (reframing.old, reframing.new)
    # Financial intelligence also disappears from another, unaligned sentence: still dropped,
    # with the reframing attached as context.
    fin = change(result, "financial_intelligence")
    assert fin.status == "dropped"
    assert result.reframings.index(reframing) in fin.reframings


def test_ransomware_persists_in_the_counter_ransomware_series():
    for a, b in (("2021", "2022"), ("2022", "2023"), ("2023", "2024")):
        result = themes_of(
            whitehouse("counter_ransomware_initiative", a),
            whitehouse("counter_ransomware_initiative", b),
        )
        assert change(result, "ransomware").status == "persisting", (a, b)


# -- reframing ------------------------------------------------------------------------------


def comparison_of(old: Statement, new: Statement, rows: tuple[AlignedRow, ...]) -> Comparison:
    figures = Figures(count_words(old), count_words(new), 0.0, 0.0, {}, False)
    return Comparison(old, new, rows, (), figures, CompareOptions())


def test_an_edited_sentence_that_changes_theme_is_a_reframing():
    old = statement("a", "We will fight cybercrime together.", "We meet again next year.")
    new = statement("b", "We will fight online scams together.", "We meet again next year.")
    comparison = compare(old, new)
    assert [r.kind for r in comparison.rows] == ["edited", "same"]
    result = compare_themes(comparison, LEXICON)
    (reframing,) = result.reframings
    assert (reframing.removed, reframing.added, reframing.row) == (
        ("cybercrime",),
        ("online_scams",),
        0,
    )
    assert change(result, "cybercrime").status == "reframed"
    assert change(result, "online_scams").status == "reframed"
    assert not result.by_status("new")
    assert not result.by_status("dropped")
    assert reframing.new_evidence[0].pieces == (
        ("We will fight ", False), ("online scams", True), (" together.", False),
    )  # fmt: skip


def test_a_new_sentence_with_the_new_theme_makes_it_new_not_reframed():
    old = statement("a", "We will fight cybercrime together.")
    new = statement("b", "We will fight online scams together.", "Scam centres multiply.")
    rows = (AlignedRow("edited", (0,), (0,), 80.0), AlignedRow("new", (), (1,), None))
    result = compare_themes(comparison_of(old, new, rows), LEXICON)
    assert change(result, "online_scams").status == "new"
    assert change(result, "online_scams").reframings == (0,)
    assert change(result, "cybercrime").status == "reframed"


# -- counting and statuses ------------------------------------------------------------------


def test_hits_point_at_the_raw_text_for_every_seed_and_whitehouse_file():
    files = sorted(SEEDS.glob("*.txt")) + sorted(WHITEHOUSE.glob("*/*.md"))
    total = 0
    for path in files:
        st_ = read_statement(path)
        for hit in code_statement(st_, LEXICON):
            sentence = st_.sentences[hit.sentence]
            assert sentence.text[hit.start : hit.end] == hit.text
            assert st_.raw[hit.raw_start : hit.raw_end] == hit.text
            assert hit.statement == st_.id
            total += 1
    assert total > 700


def test_a_sentence_can_carry_several_themes():
    s = statement(
        "x", "Public-private partnerships against online scam operations help scam victims."
    )
    found = {h.theme for h in code_statement(s, LEXICON)}
    assert found == {"public_private_partnership", "online_scams", "victims_and_survivors"}


def test_acronym_after_long_form_counts_once():
    s = statement("x", "Artificial intelligence (AI) and AI ethics.")
    hits = [h for h in code_statement(s, LEXICON) if h.theme == "artificial_intelligence"]
    assert len(hits) == 3
    assert mention_count(hits, {0: s.sentences[0].text}) == 2


@pytest.mark.parametrize(
    ("counts", "words", "expected"),
    [
        ((0, 0, 0, 0), (500, 500), "absent"),
        ((0, 1, 0, 1), (500, 500), "new"),
        ((1, 0, 1, 0), (500, 500), "dropped"),
        ((1, 2, 1, 2), (500, 500), "persisting"),  # 1 vs 2 mentions is not a rise
        ((1, 2, 1, 2), (1000, 300), "persisting"),  # ... even in a much shorter text
        ((2, 3, 2, 3), (770, 536), "persisting"),
        ((1, 4, 1, 3), (500, 500), "rising"),
        ((4, 1, 3, 1), (500, 500), "falling"),
        ((3, 6, 3, 5), (500, 500), "persisting"),  # smoothed ratio 1.75 < 2
        ((6, 3, 5, 3), (271, 373), "falling"),
    ],
)
def test_theme_status(counts, words, expected):
    assert theme_status(*counts, *words) == expected


def test_minimum_sentences_for_new_and_dropped():
    assert theme_status(0, 1, 0, 1, 500, 500, StatusRules(min_new=2)) == "trace"
    assert theme_status(0, 3, 0, 2, 500, 500, StatusRules(min_new=2)) == "new"
    assert theme_status(2, 0, 1, 0, 500, 500, StatusRules(min_new=2)) == "trace"


def test_min_new_option_reaches_the_result():
    result = themes_of(seed("002"), seed("000"), min_new=2)
    assert change(result, "online_scams").status == "new"  # 6 sentences
    assert change(result, "ransomware").status == "trace"  # a single sentence
    assert result.options["min_new"] == 2


def test_detection_limit_is_stated_at_the_text_lengths():
    result = themes_of(seed("002"), seed("000"))
    limit = result.detection
    assert (limit.old_words, limit.new_words) == (result.old_words, result.new_words)
    assert limit.old_floor == pytest.approx(1000 / result.old_words)
    # rise_from_one is the smallest count that is called rising against one mention.
    n = limit.rise_from_one
    assert theme_status(1, n, 1, n, limit.old_words, limit.new_words) == "rising"
    assert theme_status(1, n - 1, 1, n - 1, limit.old_words, limit.new_words) != "rising"
    m = limit.fall_from_one
    assert theme_status(m, 1, m, 1, limit.old_words, limit.new_words) == "falling"
    assert theme_status(m - 1, 1, m - 1, 1, limit.old_words, limit.new_words) != "falling"
    assert f"{result.old_words} words in OLD" in detection_text(limit)
    assert detection_limit(100, 10000).rise_from_one > 100


def test_rates_and_ratio_are_consistent():
    result = themes_of(seed("003"), seed("004"))
    for c in result.present:
        assert c.old_rate == pytest.approx(1000 * c.old_count / result.old_words)
        assert c.new_rate == pytest.approx(1000 * c.new_count / result.new_words)
        assert len({(e.side, e.sentence) for e in c.evidence}) == c.old_sentences + c.new_sentences
        for e in c.evidence:
            assert all(e.text[s:t] for s, t in e.spans)
            assert e.row is not None


def test_sentence_themes_match_the_hits_and_the_report_filter():
    result = themes_of(seed("003"), seed("004"))
    for side, st_ in (("old", seed("003")), ("new", seed("004"))):
        expected: dict[int, set[str]] = {}
        for hit in code_statement(st_, LEXICON):
            expected.setdefault(hit.sentence, set()).add(hit.theme)
        got = result.sentence_themes[side]
        assert {i: set(ids) for i, ids in got.items()} == expected
        for ids in got.values():
            assert ids == sorted(ids, key=LEXICON.ids.index)
    ai = change(result, "artificial_intelligence")
    assert result.sentence_count("artificial_intelligence") == ai.old_sentences + ai.new_sentences


def test_to_dict_is_json_with_the_documented_keys():
    result = themes_of(seed("002"), seed("000"))
    data = json.loads(json.dumps(themes_dict(result), allow_nan=False))
    assert data["schema"] == 1
    assert {"themes", "reframings", "keyness", "lexicon_gaps", "detection_limit"} <= set(data)
    assert len(data["themes"]) == len(LEXICON)
    first = data["themes"][0]
    assert {"theme", "label", "status", "old_count", "new_count", "evidence"} <= set(first)
    assert first["theme"] == "online_scams"
    assert first["status"] == "new"
    assert first["evidence"][0]["matches"][0]["text"] in first["evidence"][0]["text"]
    assert data["sentence_themes"]["new"]
    assert all(isinstance(k, str) for k in data["sentence_themes"]["new"])


def test_changes_are_in_status_then_lexicon_order():
    result = themes_of(seed("003"), seed("004"))
    keys = [(STATUSES.index(c.status), LEXICON.ids.index(c.theme)) for c in result.changes]
    assert keys == sorted(keys)
    assert [s for s, _ in result.chips] == [s for s in FLAGGED if result.by_status(s)]


# -- the DataFrame view ---------------------------------------------------------------------


def test_themes_frame_one_row_per_theme_per_statement():
    statements = [seed("002"), seed("000"), seed("001")]
    df = themes_frame(statements, LEXICON)
    assert len(df) == len(statements) * len(LEXICON)
    assert list(df.columns[:5]) == ["statement", "title", "date", "series", "theme"]
    scams = df.set_index(["statement", "theme"]).loc[(seed("000").id, "online_scams")]
    assert scams["mentions"] == 8
    assert scams["rate"] == pytest.approx(1000 * 8 / count_words(seed("000")))
    pivot = df.pivot(index="theme", columns="statement", values="mentions")
    assert pivot.loc["ransomware", seed("002").id] == 1
    assert pivot.loc["trafficking_in_persons", seed("001").id] == 1


def test_to_frame_of_a_comparison():
    df = themes_of(seed("002"), seed("000")).to_frame()
    assert len(df) == len(LEXICON)
    assert df.loc[df.theme == "ransomware", "status"].item() == "dropped"


def test_bad_arguments_show_the_value():
    c = compare(seed("002"), seed("000"))
    with pytest.raises(ValueError, match="min_new must be an integer >= 1: 0"):
        compare_themes(c, LEXICON, min_new=0)
    with pytest.raises(ValueError, match="min_ratio must be > 1: 1.0"):
        compare_themes(c, LEXICON, min_ratio=1.0)


# -- properties -----------------------------------------------------------------------------

POOL = [s.text for number in ("000", "001", "002", "003") for s in seed(number).sentences]
POOL += [
    "We will fight cybercrime together.",
    "We will fight online scams together.",
    "Ransomware and online fraud hurt victims.",
]


def swapped(c: Comparison) -> Comparison:
    """The same alignment seen from the other side."""
    flip = {"new": "dropped", "dropped": "new", "split": "merged", "merged": "split"}
    rows = tuple(AlignedRow(flip.get(r.kind, r.kind), r.new, r.old, r.score) for r in c.rows)
    return replace(c, old=c.new, new=c.old, rows=rows)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=12))
def test_a_statement_against_itself_only_persists(texts):
    s = statement("x", *texts)
    result = compare_themes(compare(s, s), LEXICON)
    assert {c.status for c in result.changes} <= {"persisting", "absent"}
    assert not result.reframings
    assert not result.keyness


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(POOL), min_size=1, max_size=10),
    st.lists(st.sampled_from(POOL), min_size=1, max_size=10),
    st.integers(min_value=1, max_value=3),
)
def test_swapping_sides_swaps_new_and_dropped(old_texts, new_texts, k):
    c = compare(statement("a", *old_texts), statement("b", *new_texts))
    forward = {x.theme: x for x in compare_themes(c, LEXICON, min_new=k).changes}
    backward = {x.theme: x for x in compare_themes(swapped(c), LEXICON, min_new=k).changes}
    mirror = {"new": "dropped", "dropped": "new", "rising": "falling", "falling": "rising"}
    for theme, f in forward.items():
        b = backward[theme]
        assert b.status == mirror.get(f.status, f.status), theme
        assert (b.old_count, b.new_count) == (f.new_count, f.old_count)
        assert b.ratio == pytest.approx(1 / f.ratio)
