"""The compare HTML report: structure, escaping, CSP, determinism, on a hand-built comparison.

A comparison assembled by hand from real seed sentences holds every kind of row (moved, split,
merged...) whatever the engine decides. The same sentences, shuffled, check the moved rows'
ghost links through the engine. The real pipeline (reader + engine) on real files is tested in
``test_compare_html_real.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from helpers import DATA, assert_only_its_script_runs, statement
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare import compare
from policydrift.compare.diff import tokenize, word_opcodes
from policydrift.compare.models import (
    KINDS,
    AlignedRow,
    CompareOptions,
    Comparison,
    Figures,
    Passage,
)
from policydrift.corpus.models import Furniture, Statement
from policydrift.corpus.normalize import key_words
from policydrift.reports.compare.html import render_compare_html
from policydrift.reports.compare.marks import Segment, split_by_sentence
from policydrift.reports.compare.view import build_report

SEED = DATA / "seeds" / "000_a03e204da53f589a.txt"
HOSTILE = '<script>alert(1)</script> " onmouseover="alert(2)'


# -- a comparison built by hand from real sentences ---------------------------------------


def _row(kind: str, old: tuple, new: tuple, a: Statement, b: Statement, score) -> AlignedRow:
    if not (old and new):
        return AlignedRow(kind, old, new, score)
    old_tokens = tokenize(" ".join(a.sentences[i].text for i in old))
    new_tokens = tokenize(" ".join(b.sentences[i].text for i in new))
    ops = tuple(word_opcodes(old_tokens, new_tokens))
    return AlignedRow(kind, old, new, score, ops, tuple(old_tokens), tuple(new_tokens))


def seed_sentences() -> list[str]:
    body = SEED.read_text(encoding="utf-8").split("Begin Text:")[1]
    return [s.strip() for s in re.split(r"(?<=[a-z)]\.)\s+(?=[A-Z])", body) if s.strip()]


def handmade(
    extra: str = "", *, title_old: str = "Sixth Dialogue", title_new: str = "Seventh"
) -> Comparison:
    s = seed_sentences()
    old = s[:7]
    cert, rest = old[3].split(" and identified ", 1)
    new = [
        old[0],
        old[2],  # moved up
        old[1].replace("shared", "common").replace("malicious cyber actors", "criminals") + extra,
        cert + ".",
        "Participants identified " + rest,  # split of old 3
        old[4] + " " + old[5],  # merged
        "The co-chairs agreed to meet again in 2026" + extra + ".",  # new
    ]
    a = statement(
        "old", *old, paragraphs=True, title=title_old, date="2024-10-01", source="https://example.org/?a=1&b=2",
        furniture=(Furniture("Begin Text:", 0, 11, "boilerplate line"),),
    )  # fmt: skip
    b = statement(
        "new",
        *new,
        paragraphs=True,
        title=title_new,
        date="2025-10-21",
        source="javascript:alert(3)",
    )
    rows = (
        _row("same", (0,), (0,), a, b, 100.0),
        _row("moved", (2,), (1,), a, b, 100.0),
        _row("edited", (1,), (2,), a, b, 83.12),
        _row("split", (3,), (3, 4), a, b, 97.0),
        _row("merged", (4, 5), (5,), a, b, 99.5),
        _row("dropped", (6,), (), a, b, None),
        _row("new", (), (6,), a, b, None),
    )
    counts = dict.fromkeys(KINDS, 0) | Counter(r.kind for r in rows)
    figures = Figures(len(key_words(a.text)), len(key_words(b.text)), 0.81, 0.74, counts, False)
    passage = Passage(9, old[0][:40], 0, 40, 0, 40, (0,), (0,))
    return Comparison(a, b, rows, (passage,), figures, CompareOptions())


def identical() -> Comparison:
    s = seed_sentences()[:4]
    a = statement("a", *s, paragraphs=True, title="Same")
    rows = tuple(_row("same", (i,), (i,), a, a, 100.0) for i in range(len(s)))
    counts = dict.fromkeys(KINDS, 0) | {"same": len(rows)}
    n = len(key_words(a.text))
    return Comparison(a, a, rows, (), Figures(n, n, 1.0, 1.0, counts, True), CompareOptions())


# -- tests on the hand-built comparison -----------------------------------------------------


def test_one_table_line_per_row_with_kind_counts_matching_the_comparison(parse):
    c = handmade()
    page = parse(render_compare_html(c))
    rows = page.rows()
    assert [r["id"] for r in rows] == [f"row-{n}" for n in range(1, len(c.rows) + 1)]
    assert Counter(r["data-kind"] for r in rows) == Counter(row.kind for row in c.rows)
    assert sum("change" in r["class"].split() for r in rows) == 6


def test_moved_row_and_its_ghost_link_both_ways(parse):
    page = parse(render_compare_html(handmade()))
    ghosts = page.rows(ghost=True)
    assert [g["id"] for g in ghosts] == ["was-2"]
    links = {a["href"] for a in page.find("a")}
    assert {"#row-2", "#was-2"} <= links
    order = [a["id"] for t, a in page.tags if t == "tr" and "id" in a]
    # old sentence 2 stood after old sentence 1, which is in row 3: the ghost follows row 3.
    assert order.index("was-2") == order.index("row-3") + 1
    assert page.find("div", data_ghost_of="old:2")


def test_every_sentence_appears_once_with_its_data_sentence(parse):
    c = handmade()
    page = parse(render_compare_html(c))
    refs = [a["data-sentence"] for t, a in page.tags if "data-sentence" in a]
    expected = [f"old:{i}" for i in range(len(c.old.sentences))]
    expected += [f"new:{i}" for i in range(len(c.new.sentences))]
    assert sorted(refs) == sorted(expected)


def test_view_keeps_every_sentence_text_exactly():
    c = handmade()
    report = build_report(c)
    for line in report.rows:
        if line.ghost:
            continue
        for side, cell in (("old", line.old), ("new", line.new)):
            statement = c.old if side == "old" else c.new
            for s in cell:
                assert "".join(seg.text for seg in s.segments) == statement.sentences[s.index].text


def test_word_changes_are_marked_in_edited_rows():
    html = render_compare_html(handmade())
    assert "<del>shared</del>" in html
    assert "<ins>common</ins>" in html
    assert "<del>malicious cyber actors</del>" in html
    assert "<ins>criminals</ins>" in html
    # unchanged rows carry no marks: row 1 is "same"
    row1 = html.split('id="row-1"')[1].split("</tr>")[0]
    assert "<del>" not in row1
    assert "<ins>" not in row1


def test_split_and_merged_rows_group_their_sentences():
    html = render_compare_html(handmade())
    split = html.split('id="row-4"')[1].split("</tr>")[0]
    assert 'class="cell new group"' in split
    assert split.count('data-sentence="new:') == 2
    assert "1 old sentence became 2 new" in split
    merged = html.split('id="row-5"')[1].split("</tr>")[0]
    assert 'class="cell old group"' in merged
    assert "2 old sentences became 1 new" in merged


def test_header_shows_figures_options_legend_and_furniture(parse):
    page = parse(render_compare_html(handmade()))
    text = " ".join(" ".join(page.text).split())
    assert "81.0% of the new statement's words are reused from the old one" in text
    assert "74.0% of the old statement's words are kept in the new one" in text
    assert "6 of 7 rows show a change" in text
    assert "scorer model" in text
    assert "at least 60" in text
    assert "How to read this report" in text
    assert "1 piece of page furniture left out of the comparison" in text
    assert "boilerplate line Begin Text:" in text
    assert "identical" not in text.split("How to read")[0]


def test_identical_statements_are_announced(parse):
    html = render_compare_html(identical())
    page = parse(html)
    assert page.find("p", class_="identical", role="status")
    assert "The two statements are identical." in " ".join(page.text)


def test_hostile_text_title_and_file_name_are_escaped(parse):
    c = handmade(HOSTILE, title_old=HOSTILE, title_new="</title><script>alert(4)</script>")
    c = replace(c, old=replace(c.old, path=f"dir/{HOSTILE}.txt"))
    html = render_compare_html(c)
    page = parse(html)
    assert len(page.scripts) == 1  # only drift's own script
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34; onmouseover=&#34;alert(2)" in html
    assert "<script>alert" not in html
    # a source that is not http(s) is shown as text, never as a link
    assert not [a for a in page.find("a") if "javascript" in a.get("href", "")]
    assert page.find("a", href="https://example.org/?a=1&b=2")


def test_csp_allows_exactly_the_inline_script(parse):
    html = render_compare_html(handmade())
    page = parse(html)
    assert_only_its_script_runs(html, page)


def test_nothing_is_loaded_from_anywhere(parse):
    html = render_compare_html(handmade())
    page = parse(html)
    assert not [a for _, a in page.tags if "src" in a]
    assert not page.find("link")
    assert "@import" not in html
    assert not re.search(r"url\((?!data:)", html)
    assert "@font-face" not in html


def test_output_is_deterministic_and_dated_only_on_request():
    c = handmade()
    first = render_compare_html(c)
    assert first == render_compare_html(handmade())
    assert " on 2025-" not in first
    dated = render_compare_html(c, generated="2025-11-23")
    assert "on 2025-11-23" in dated
    assert dated.replace(" on 2025-11-23", "") == first


def test_package_exports_and_print_styles():
    from policydrift import reports

    assert reports.render_compare_html is render_compare_html
    assert "render_compare_html" in reports.__all__
    html = render_compare_html(handmade())
    print_css = html.split("@media print {")[1]
    assert "print-color-adjust: exact" in print_css
    assert ".controls, .minimap, .js-only" in print_css
    assert "break-inside: avoid" in print_css


def test_controls_are_hidden_without_javascript(parse):
    html = render_compare_html(handmade())
    assert '<html lang="en" class="no-js">' in html
    assert ".no-js .js-only { display: none; }" in html
    page = parse(html)
    assert page.find("section", class_="controls js-only", aria_label="Filters and navigation")
    boxes = [a["data-filter-kind"] for a in page.find("input") if "data-filter-kind" in a]
    absent = ("moved+edited", "trimmed", "extended", "reworded")
    assert boxes == [k for k in KINDS if k not in absent]  # kinds present only


# -- the word-mark splitter, for any texts ----------------------------------------------------

words = st.sampled_from(["cyber", "threat", "ASEAN", "U.S.", "the", "and", "(CERT)", "2025", "—"])
sentence = st.lists(words, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=3), st.lists(sentence, min_size=1, max_size=3))
def test_marks_split_back_into_the_exact_sentences(old_texts, new_texts):
    a = statement("a", *old_texts, paragraphs=True)
    b = statement("b", *new_texts, paragraphs=True)
    row = _row("edited", tuple(range(len(old_texts))), tuple(range(len(new_texts))), a, b, 70.0)
    c = Comparison(a, b, (row,), (), Figures(1, 1, 0.5, 0.5, {}, False), CompareOptions())
    (line,) = build_report(c).rows
    for cell, texts in ((line.old, old_texts), (line.new, new_texts)):
        assert ["".join(seg.text for seg in s.segments) for s in cell] == texts
        marks = {seg.mark for s in cell for seg in s.segments}
        assert marks <= ({"", "del"} if cell is line.old else {"", "ins"})


def test_splitter_refuses_texts_it_cannot_find():
    assert split_by_sentence([Segment("abc")], ["abd"]) is None
    assert split_by_sentence([Segment("a b"), Segment("c", "del")], ["a", "bc"]) == [
        [Segment("a")],
        [Segment("b"), Segment("c", "del")],
    ]


# -- moved rows and their ghosts, for any order ------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(10)), st.sets(st.integers(0, 9), max_size=3))
def test_every_moved_row_has_one_linked_ghost(order, dropped):
    texts = seed_sentences()[:10]
    a = statement("a", *texts, paragraphs=True)
    b = statement("b", *[texts[i] for i in order if i not in dropped], paragraphs=True)
    c = compare(a, b)
    lines = build_report(c).rows
    anchors = [line.anchor for line in lines]
    assert len(set(anchors)) == len(anchors)
    assert [line.number for line in lines if not line.ghost] == list(range(1, len(c.rows) + 1))
    moved = [n for n, r in enumerate(c.rows, 1) if r.kind in ("moved", "moved+edited")]
    assert sorted(line.number for line in lines if line.ghost) == moved
    for k, line in enumerate(lines):
        if line.link:
            assert line.link in anchors
            assert line.arrow == ("\u2193" if anchors.index(line.link) > k else "\u2191")
        if line.ghost == "old":
            # the ghost follows every line that holds an earlier old sentence in order
            (mine,) = c.rows[line.number - 1].old
            earlier = [
                j for j, other in enumerate(lines[:k])
                if not other.ghost and other.kind not in ("moved", "moved+edited")
                and other.old and other.new and max(s.index for s in other.old) < mine
            ]  # fmt: skip
            later = [
                j for j, other in enumerate(lines[k + 1 :], k + 1)
                if not other.ghost and other.kind not in ("moved", "moved+edited")
                and other.old and other.new and min(s.index for s in other.old) < mine
            ]  # fmt: skip
            assert not later, (line.number, earlier, later)
