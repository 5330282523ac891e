"""The several-editions report (reports.multi): page structure, anchors, CSP, escaping, JSON, CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import replace

import pytest
from helpers import assert_only_its_script_runs, statement
from policydrift.compare.models import ThemeOptions
from policydrift.compare.multi import compare_many
from policydrift.compare.themes.lexicon import load_lexicon
from policydrift.corpus.collection import SAMPLE_CORPUS, read_one
from policydrift.reports.compare.html import render_compare_html
from policydrift.reports.multi.outputs import (
    MULTI_CSV_COLUMNS,
    multi_summary_lines,
    multi_to_csv,
    multi_to_dict,
    multi_to_json,
    render_multi,
    render_multi_html,
)
from policydrift.reports.tables import comparison_to_csv, comparison_to_dict

WHITEHOUSE = SAMPLE_CORPUS / "whitehouse"
NOTICE_FILES = sorted((WHITEHOUSE / "cyber_emergency_continuation_notices").glob("*.md"))
PROCLAMATION_FILES = sorted((WHITEHOUSE / "cyber_awareness_month_proclamations").glob("*.md"))
HOSTILE = '<script>alert(1)</script> " onmouseover="alert(2)'


@pytest.fixture(scope="module")
def notices():
    return [read_one(f) for f in NOTICE_FILES]


@pytest.fixture(scope="module")
def multi(notices):
    return compare_many(
        [notices[2], notices[0], notices[3], notices[1]],
        themes=ThemeOptions(lexicon=load_lexicon()),
    )


@pytest.fixture(scope="module")
def html(multi):
    return render_multi_html(multi)


def test_one_section_per_comparison_with_its_rows(multi, html, parse):
    page = parse(html)
    sections = page.classed("section", "comparison")
    assert [s["id"] for s in sections] == ["c1", "c2", "c3"]
    assert [s["data-title"] for s in sections] == [
        "2021-03-29 \u2192 2022-03-30",
        "2021-03-29 \u2192 2023-03-29",
        "2021-03-29 \u2192 2024-03-26",
    ]
    for k, c in enumerate(multi.comparisons, start=1):
        part = html.split(f'id="c{k}"')[1].split('<section class="comparison"')[0]
        rows = parse(part).classed("tr", "row")
        assert [r["id"] for r in rows] == [f"c{k}-row-{n}" for n in range(1, len(c.rows) + 1)]
        assert Counter(r["data-kind"] for r in rows) == Counter(r.kind for r in c.rows)
        assert f'<table class="diff" id="c{k}-diff">' in part
        assert "beyond April 1, <del>2021</del>." in " ".join(part.split())
    assert len(page.find("table", class_="diff")) == 3


def test_every_id_is_unique_and_every_link_lands(html, parse):
    page = parse(html)
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))
    targets = {a["href"][1:] for a in page.find("a") if a.get("href", "").startswith("#")}
    assert targets
    assert targets <= set(ids)
    # the passages of each pair point at that pair's rows
    assert re.search(r'<a href="#c2-row-\d+">row \d+</a>', html)
    assert not re.search(r'href="#row-', html)


def test_summary_table_has_one_line_per_edition(multi, html, parse):
    page = parse(html)
    lines = [a for t, a in page.tags if t == "tr" and a.get("id", "").startswith("edition-")]
    assert [a["id"] for a in lines] == ["edition-1", "edition-2", "edition-3", "edition-4"]
    assert lines[0].get("class") == "base"
    body = html.split('<table class="editions">')[1].split("</table>")[0]
    text = " ".join(" ".join(parse(body).text).split())
    assert "2021-03-29 base" in text
    assert text.count("99.4%") == 3
    assert [a["href"] for a in parse(body).find("a")] == ["#c1", "#c2", "#c3"]
    # kinds found in no pair get no column; the others count each pair's rows
    headers = re.findall(r'<th scope="col" class="n"><span class="badge k-([a-z-]+)"', body)
    assert headers == ["same", "edited", "dropped"]
    assert "Themes new" in body


def test_navigation_between_sections(html, parse):
    page = parse(html)
    nav = html.split('<nav class="pairs-nav"')[1].split("</nav>")[0]
    assert [a["href"] for a in parse(nav).find("a")] == ["#c1", "#c2", "#c3"]
    second = html.split('id="c2"')[1].split('<p class="pair-nav">')[1].split("</p>")[0]
    assert [a["href"] for a in parse(second).find("a")] == ["#c1", "#top", "#c3"]
    assert page.find("section", class_="controls js-only", aria_label="Filters and navigation")
    assert page.find("output", id="visible-count")


def test_csp_allows_exactly_the_inline_script_and_nothing_loads(html, parse):
    page = parse(html)
    assert_only_its_script_runs(html, page)
    assert not [a for _, a in page.tags if "src" in a]
    assert not page.find("link")
    assert "@import" not in html
    assert not re.search(r"url\((?!data:)", html)


def test_print_styles_are_kept(html):
    prints = html.split("@media print {")
    assert len(prints) >= 3  # compare.css, multi.css, themes.css
    assert "print-color-adjust: exact" in prints[1]
    assert ".comparison { break-before: page;" in html


def test_hostile_text_titles_and_paths_are_escaped(notices, parse):
    texts = [" ".join(s.text.split()) for s in notices[1].sentences]
    editions = [
        statement("a", *texts, paragraphs=True, title=HOSTILE, date="2022-03-30", source="javascript:alert(3)"),
        statement("b", *texts[:3], f"We add {HOSTILE} here.", *texts[3:], paragraphs=True,
                  date="2023-03-29",
                   title="</title><script>alert(4)</script>"),
        statement("c", *[t.replace("2022", "2024") for t in texts], paragraphs=True,
                  date="2024-03-26"),
    ]  # fmt: skip
    editions[2] = replace(editions[2], path=f"dir/{HOSTILE}.txt")
    html = render_multi_html(compare_many(editions, themes=ThemeOptions(lexicon=load_lexicon())))
    page = parse(html)
    assert len(page.scripts) == 1
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    assert "<script>alert" not in html
    assert (
        "We add &lt;script&gt;alert(1)&lt;/script&gt; &#34; onmouseover=&#34;alert(2) here." in html
    )
    assert "&lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in html
    assert not [a for a in page.find("a") if "javascript" in a.get("href", "")]
    assert html.count("<title>") == 1


def test_output_is_deterministic_and_dated_only_on_request(notices, multi, html):
    again = compare_many(
        [notices[1], notices[3], notices[0], notices[2]],
        themes=ThemeOptions(lexicon=load_lexicon()),
    )
    assert render_multi_html(again) == html
    dated = render_multi_html(multi, generated="2025-11-23")
    assert dated.replace(" on 2025-11-23", "") == html
    assert multi_to_json(again) == multi_to_json(multi)
    assert multi_to_csv(again) == multi_to_csv(multi)


def test_two_file_report_keeps_its_own_ids(multi):
    """The partials shared with the multi page render the two-file report as before."""
    html = render_compare_html(multi.comparisons[0])
    assert '<table class="diff" id="diff">' in html
    assert '<tr id="row-1"' in html
    assert re.search(r'<a href="#row-\d+">row \d+</a>', html)
    assert "c1-" not in html


def test_json_nests_each_two_file_comparison(multi):
    data = json.loads(multi_to_json(multi))
    assert list(data) == [
        "schema",
        "tool",
        "mode",
        "base",
        "order",
        "options",
        "editions",
        "comparisons",
    ]
    assert (data["schema"], data["mode"], data["order"]) == (1, "base", "date")
    assert data["base"] == multi.editions[0].id
    assert [e["date"] for e in data["editions"]] == [
        "2021-03-29",
        "2022-03-30",
        "2023-03-29",
        "2024-03-26",
    ]
    assert [e["position"] for e in data["editions"]] == [1, 2, 3, 4]
    first, second = data["editions"][:2]
    assert (first["reference"], first["comparison"], first["counts"], first["shared_share"]) == (
        None,
    ) * 4
    assert second["reference"] == multi.editions[0].id
    assert second["comparison"] == 0
    assert second["later"] is True
    assert second["shared_share"] == multi.comparisons[0].figures.new_reused_share
    assert second["counts"]["same"] == 5
    assert (second["themes_new"], second["themes_dropped"]) == ([], [])
    for got, c in zip(data["comparisons"], multi.comparisons, strict=True):
        assert got == json.loads(json.dumps(comparison_to_dict(c)))
    assert multi_to_dict(multi)["comparisons"][0]["rows"][0]["kind"] == "dropped"


def test_csv_is_the_two_file_rows_with_the_pair_in_front(multi):
    rows = list(csv.reader(io.StringIO(multi_to_csv(multi), newline="")))
    assert tuple(rows[0]) == MULTI_CSV_COLUMNS
    assert rows[0][:3] == ["old_id", "new_id", "row"]
    expected = []
    for c in multi.comparisons:
        own = list(csv.reader(io.StringIO(comparison_to_csv(c), newline="")))[1:]
        expected += [[c.old.id, c.new.id, *line] for line in own]
    assert rows[1:] == expected
    assert len(rows) == 1 + sum(len(c.rows) for c in multi.comparisons)


def test_render_picks_the_format(multi):
    assert render_multi(multi, "csv") == multi_to_csv(multi)
    assert render_multi(multi, "json") == multi_to_json(multi)
    assert render_multi(multi, "html").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="fmt must be one of html, json, csv: 'pdf'"):
        render_multi(multi, "pdf")


def test_terminal_summary(multi, notices):
    lines = multi_summary_lines(multi)
    assert (
        lines[0] == "4 editions in date order, each compared with the base: edition 1, 2021-03-29"
    )
    table = [line.split() for line in lines[1:] if line[:1].isdigit()]
    assert [row[:5] for row in table] == [
        ["1", "2021-03-29", "204", "base", NOTICE_FILES[0].name],
        ["2", "2022-03-30", "191", "1\u21922", "99.4%"],
        ["3", "2023-03-29", "191", "1\u21923", "99.4%"],
        ["4", "2024-03-26", "191", "1\u21924", "99.4%"],
    ]
    assert all(line == line.rstrip() for line in lines)
    assert "themes: none new or dropped in any pair" in lines
    chain = multi_summary_lines(compare_many(notices, base="previous"))
    assert chain[0] == "4 editions in date order, each compared with the edition before it"
    assert not any(line.startswith("themes") for line in chain)


def test_themes_of_each_pair_are_shown_with_prefixed_evidence_links(parse):
    statements = [read_one(f) for f in PROCLAMATION_FILES[:3]]
    m = compare_many(statements, base="previous", themes=ThemeOptions(lexicon=load_lexicon()))
    html = render_multi_html(m)
    page = parse(html)
    assert (
        len(
            page.find(
                "section", class_="themes pair-themes", aria_label="Policy themes of this pair"
            )
        )
        == 2
    )
    first = html.split('id="c1"')[1].split('id="c2"')[0]
    assert "Online scams and fraud" in first
    assert re.search(r'<a class="row-link" href="#c1-row-\d+">row \d+</a>', first)
    summary = html.split('<table class="editions">')[1].split("</table>")[0]
    shown = re.findall(r'<span class="theme-name s-(new|dropped)">([^<]+)</span>', summary)
    labels = m.comparisons[0].themes.labels
    expected = [
        (status, labels[theme])
        for e in m.summaries[1:]
        for status, themes in (("dropped", e.themes_dropped), ("new", e.themes_new))
        for theme in themes
    ]
    assert sorted(shown) == sorted(expected)
    assert ("new", "Incident response and CERTs") in shown
    # without a lexicon: no theme columns, no theme sections, no themes stylesheet
    plain = render_multi_html(compare_many(statements, base="previous"))
    assert "Themes new" not in plain
    assert "pair-themes" not in plain.split("</head>")[1]
    assert ".theme-chip" not in plain


def test_undated_editions_are_announced_on_the_page(notices, parse):
    undated = [replace(s, date=None) for s in notices[:3]]
    html = render_multi_html(compare_many([undated[2], undated[0], undated[1]]))
    assert (
        '<p class="order-note" role="note">Kept in the order given: 3 of 3 editions have no date'
        in html
    )
    page = parse(html)
    assert [s["data-title"] for s in page.classed("section", "comparison")] == [
        f"{NOTICE_FILES[2].name} \u2192 {NOTICE_FILES[0].name}",
        f"{NOTICE_FILES[2].name} \u2192 {NOTICE_FILES[1].name}",
    ]
