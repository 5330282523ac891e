"""Links made on meaning, on real sample statements: the comparison's sentence space, rows
restated in other words, and paragraphs restated as one sentence."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from policydrift.compare import compare
from policydrift.compare.linking.meaning import MEANING_MIN
from policydrift.compare.linking.semantic import embed
from policydrift.compare.linking.space import sentence_space
from policydrift.corpus import read_statement

DATA = Path(__file__).resolve().parents[2] / "corpus" / "data" / "whitehouse"


def editions(series: str) -> list:
    return [read_statement(p) for p in sorted((DATA / series).glob("*.md"))]


def rank_of(row: np.ndarray, column: int) -> int:
    """How many candidates score above ``column`` in ``row``."""
    return int((row > row[column]).sum())


def test_the_comparison_space_ranks_a_rewording_above_its_topical_neighbours():
    # 2023 "new cyber dialogues ... rapid response mechanism at NATO" restated in 2024 as
    # "working closely with allies and partners to bolster our cyber defense"
    old, new = editions("cyber_awareness_month_proclamations")[2:4]
    a, b = [s.key for s in old.sentences], [s.key for s in new.sentences]
    plain = embed(a) @ embed(b).T
    space = sentence_space(a, b)
    centred = space.vectors(a) @ space.vectors(b).T
    assert rank_of(centred[11], 19) == 0
    assert rank_of(centred[11], 19) < rank_of(plain[11], 19) or rank_of(plain[11], 19) == 0
    # what all sentences of the two proclamations share is gone: their mean similarity drops
    assert centred.mean() < plain.mean() - 0.3


def test_space_is_symmetric_so_comparisons_mirror():
    old, new = editions("cyber_awareness_month_proclamations")[:2]
    a, b = [s.key for s in old.sentences], [s.key for s in new.sentences]
    one, other = sentence_space(a, b), sentence_space(b, a)
    assert np.allclose(one.mean, other.mean, atol=1e-6)
    forward, backward = compare(old, new), compare(new, old)
    linked = {(r.old, r.new, r.kind, r.score) for r in forward.rows if r.old and r.new}
    mirrored = {(r.new, r.old, r.kind, r.score) for r in backward.rows if r.old and r.new}
    flip = {"merged": "split", "split": "merged", "trimmed": "extended", "extended": "trimmed"}
    assert linked == {(o, n, flip.get(k, k), s) for o, n, k, s in mirrored}


def test_a_paragraph_restated_as_one_sentence_is_merged_with_its_parts_adjacent():
    # 2022-05 ASEAN-U.S. vision: the maritime sentences 22 and 23 become one "PROMOTE
    # maritime cooperation ..." sentence in 2022-11; words alone link only one of them
    old, new = editions("asean_us")[:2]
    rows = compare(old, new).rows
    (row,) = [r for r in rows if 13 in r.new]
    assert (row.kind, row.old, row.new) == ("merged", (22, 23), (13,))
    assert row.score >= MEANING_MIN


def test_the_parts_of_every_row_are_adjacent_so_the_old_text_reads_in_order():
    for series in (
        "asean_us",
        "cyber_awareness_month_proclamations",
        "counter_ransomware_initiative",
    ):
        eds = editions(series)
        for old, new in zip(eds, eds[1:], strict=False):
            rows = compare(old, new).rows
            grouped = [side for row in rows for side in (row.old, row.new) if len(side) > 1]
            for side in grouped:
                assert side == tuple(range(side[0], side[0] + len(side)))


def test_meaning_links_are_confident_and_named_reworded_only_below_the_word_threshold():
    old, new = editions("cyber_awareness_month_proclamations")[2:4]
    comparison = compare(old, new)
    reworded = [r for r in comparison.rows if r.kind == "reworded"]
    assert reworded
    for row in reworded:
        assert row.score >= MEANING_MIN
        assert row.band == "strong"


def test_a_dropped_sentence_restated_elsewhere_says_where_possibly():
    # 2021: "most of our Nation's critical infrastructure ... is owned and operated by the
    # private sector"; 2022: "The private sector owns and operates much of our Nation's critical
    # infrastructure ..." (the labels: merged into it); below the meaning stage's link floor,
    # so the 2021 sentence stays dropped, and its row names the 2022 one as a possible home
    from policydrift.compare.models import POSSIBLE
    from policydrift.reports.compare.html import render_compare_html

    old, new = editions("cyber_awareness_month_proclamations")[:2]
    comparison = compare(old, new)
    (row,) = [r for r in comparison.rows if r.old == (10,)]
    assert (row.kind, row.closest) == ("dropped", 9)
    assert POSSIBLE <= row.closest_score < MEANING_MIN
    html = render_compare_html(comparison, generated="")
    shown = f"{int(row.closest_score * 10) / 10:.1f}"
    (target,) = re.findall(
        rf'href="#row-(\d+)">possibly restated as row \1 \(confidence {shown}\)', html
    )
    (cell,) = re.findall(rf'<tr[^>]*id="row-{target}".*?</tr>', html, re.DOTALL)
    assert "owns and operates much of our Nation" in cell
    plain = [r for r in comparison.rows if r.kind == "dropped" and r.closest_score < POSSIBLE]
    assert plain  # the other dropped rows keep the plain "closest" note
    assert "closest: row " in html
