"""The timeline report page: one offline file, escaped, linked, deterministic, with its charts."""

from __future__ import annotations

import base64
import hashlib
import html
import re

import pytest
from markupsafe import escape
from policydrift.compare.timeline.build import build_timeline
from policydrift.corpus.models import Sentence, Statement
from policydrift.corpus.normalize import normalise_key
from policydrift.reports.timeline.charts import reuse_svg
from policydrift.reports.timeline.heatmap import heatmap_svg
from policydrift.reports.timeline.html import render_timeline_html
from policydrift.reports.timeline.view import build_timeline_report

PROCLAMATIONS = "cyber_awareness_month_proclamations"


@pytest.fixture(scope="module")
def page(timeline):
    return render_timeline_html(timeline)


def test_offline_with_a_csp_allowing_only_its_own_script(page):
    csp = html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    )
    assert "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert not re.search(r"<(?:link|img|iframe|object)\b", page)
    assert not re.search(r'\b(?:src|href)="(?:https?:)?//', page)
    assert "<script src" not in page


def test_every_internal_link_has_a_target_and_ids_are_unique(page):
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    targets = set(re.findall(r'(?:xlink:)?href="#([^"]+)"', page))
    assert targets, "the page links nowhere"
    assert targets <= set(ids)


def test_sections_tables_and_charts(page, timeline):
    for view in timeline.series:
        assert f">{escape(view.name)}</h2>" in page
    assert page.count("<svg") >= 3 * 5 + 3  # reuse, similarity, themes per multi-edition series
    assert "Reused from previous" in page
    assert "Reused from any earlier" in page
    assert "99.4%" in page  # the notices
    assert 'class="tag formulaic"' in page


def test_heatmap_cells_link_to_their_evidence_sentences(page, timeline):
    links = re.findall(r'<a xlink:href="#(x-cyber-awareness-month-proclamations-t\d+-\d+)"', page)
    assert links
    block = re.search(rf'<div class="ev" id="{links[0]}">(.*?)</div>', page, flags=re.S).group(1)
    assert "<li>" in block
    assert 'href="#x-e' in block


def test_lineages_show_word_level_diffs(page):
    witness = page.index("IN WITNESS WHEREOF")
    assert re.search(r"<del>[^<]*twenty-one[^<]*</del><ins>[^<]*twenty-two", page[witness:])
    # "Last year, I signed an Executive Order..." (2022, 2023) is gone from the 2024 proclamation
    assert re.search(
        r"2 editions, 2022-09-30 to 2023-09-29, <span class=\"end\">dropped in 2024-09-30", page
    )


def test_deterministic_byte_for_byte(corpus, page):
    again = render_timeline_html(build_timeline(corpus.statements))
    assert again == page
    assert "<dc:date>" not in page
    assert "<metadata>" not in page


def _st(sid, date, texts, title):
    raw, sentences = "", []
    for k, text in enumerate(texts):
        sentences.append(Sentence(k, text, normalise_key(text), len(raw), len(raw) + len(text), 0))
        raw += text + " "
    return Statement(sid, sid, raw, raw, tuple(sentences), title=title, date=date, series="s<x>")


def test_every_text_is_escaped():
    hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    statements = [
        _st(
            "a",
            "2020-01-01",
            [f"Ransomware {hostile} is a threat.", "We will act."],
            f"T1 {hostile}",
        ),
        _st("b", "2021-01-01", [f"Ransomware {hostile} is a threat.", "We act $5 now."], "T2 $x$"),
        _st("c", "2022-01-01", [f"Ransomware {hostile} is a big threat.", "We act now."], "T3"),
    ]
    page = render_timeline_html(build_timeline(statements))
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page
    assert "s&lt;x&gt;</h2>" in page
    assert page.count("<script>") == 1


def test_generated_stamp_is_an_argument(timeline):
    report = build_timeline_report(timeline, generated="2026-01-01")
    assert report.generated == "2026-01-01"
    with pytest.raises(TypeError, match="generated must be a string"):
        build_timeline_report(timeline, generated=2026)


def test_charts_are_reproducible_svg_with_prefixed_ids():
    args = ("r1", ["2021", "2022"], {"from the previous edition": [None, 0.5]})
    first, second = reuse_svg(*args, title="A $2 title"), reuse_svg(*args, title="A $2 title")
    assert first == second
    assert first.startswith("<svg")
    assert "A $2 title" in first  # no math text
    ids = re.findall(r'\bid="([^"]+)"', first)
    assert ids
    assert all(i == "r1" or i.startswith("r1-") for i in ids)
    heat = heatmap_svg("h1", ["a"], ["2021"], [[2]], title="t", links=[["#x-a"]])
    assert '<a xlink:href="#x-a">' in heat
    with pytest.raises(ValueError, match="page anchors"):
        heatmap_svg("h2", ["a"], ["b"], [[1]], title="t", links=[["https://evil.example"]])
    with pytest.raises(ValueError, match="chart name"):
        reuse_svg("bad name", [], {}, title="t")


def test_trend_lines_statuses_and_emerging_phrases(page, timeline):
    import re as regex

    tracks = [t for view in timeline.series for t in view.themes]
    assert {t.status for t in tracks} <= {
        "emerging", "new", "constant", "recurring", "fading", "one-off", "present",
    }  # fmt: skip
    assert all(len(t.rates) == len(t.counts) for t in tracks)
    lines = regex.findall(r'<svg class="spark"[^>]*aria-label="([^"]+)"', page)
    assert len(lines) >= sum(1 for t in tracks if len(t.counts) > 1)
    assert all(label.endswith("per 1,000 words") or "by year" in label for label in lines)
    phrases = regex.findall(
        r'<span class="phrase">(.*?);?</span>(?= <span class="phrase">|</span>)', page
    )
    assert phrases
    assert len(phrases) == page.count('<span class="phrase">')
    ids = set(regex.findall(r'id="([^"]+)"', page))
    for href in regex.findall(r'<span class="phrases">.*?</li>', page, flags=regex.S):
        for target in regex.findall(r'href="#([^"]+)"', href):
            assert target in ids


@pytest.mark.parametrize(
    ("first", "last", "count"),
    [("2021-01-05", "2021-02-20", 3), ("2019-03-01", "2022-09-30", 8), ("1950-01-01", "2049-12-31", 400),
     ("1700-06-01", "2026-06-01", 50)],
)  # fmt: skip
def test_time_axis_places_editions_at_their_dates_and_labels_never_overlap(first, last, count):
    from datetime import date

    from policydrift.reports.timeline.charts import CHAR, _time_axis

    a, b = date.fromisoformat(first).toordinal(), date.fromisoformat(last).toordinal()
    labels = [
        date.fromordinal(a + (b - a) * k // max(1, count - 1)).isoformat() for k in range(count)
    ]
    for width in (190.0, 760.0):
        xs, ticks = _time_axis(labels, width)
        assert xs == sorted(xs)
        assert xs[0] >= 0
        assert xs[-1] <= width
        gaps = [xs[k + 1] - xs[k] for k in range(len(xs) - 1)]
        assert max(gaps) - min(gaps) < 0.05 * width + 1  # evenly spread dates, evenly placed
        assert len(ticks) >= 2
        for (x1, l1), (x2, l2) in zip(ticks, ticks[1:], strict=False):
            assert x2 - x1 >= (len(l1) + len(l2)) / 2 * CHAR + 4, (l1, l2)


def test_more_than_ten_series_become_small_multiples():
    from policydrift.reports.timeline.charts import MAX_LINES

    labels = [f"{2000 + k}-01-01" for k in range(5)]
    lines = {f"series {n}": [0.1 * n / 2] * 5 for n in range(MAX_LINES + 2)}
    svg = reuse_svg("many", labels, lines, title="t")
    assert svg.count("<path") == MAX_LINES + 2  # one panel, one line each
    assert all(f">series {n}</text>" in svg for n in range(MAX_LINES + 2))
    few = reuse_svg("few", labels, dict(list(lines.items())[:3]), title="t")
    assert few.count("<path") == 3


def test_heatmap_of_fifty_editions_keeps_cells_and_labels_legible():
    names = [f"edition {k}" for k in range(50)]
    values = [[1.0 if i == j else 0.5 for j in range(50)] for i in range(50)]
    svg = heatmap_svg("big", names, names, values, title="t", percent=True, vmax=1.0)
    widths = {float(w) for w in re.findall(r'<rect x="[^"]+" y="[^"]+" width="([\d.]+)"', svg)}
    assert min(widths) >= 12  # cells
    assert sum(1 for n in names if f">{n}</text>" in svg) >= 2 * 50 * 0.5  # rows and columns
    assert svg.count("<title>") == 50 * 50  # a tooltip per cell (the chart title has an id)


def test_each_series_opens_with_what_changed_in_its_latest_edition(page):
    section = page[page.index('id="x-cyber-awareness-month-proclamations"') :]
    section = section[: section.index("</section>")]
    latest = section[section.index('<div class="latest">') : section.index("</div>")]
    assert "What changed in the latest edition" in latest
    assert "2025-10-17" in latest
    text = re.sub(r"<[^>]+>", "", latest)
    assert "It keeps 20.0% of its words from the edition of 2024-09-30" in text
    assert re.search(
        r'New themes: <a href="#x-cyber-awareness-month-proclamations-t\d+-5">', latest
    )
    assert re.search(
        r'Themes dropped: <a href="#x-cyber-awareness-month-proclamations-t\d+-4">Ransomware',
        latest,
    )
    assert "Most edited: " in text
    assert section.count('<div class="digest"') == 4  # the latest, and the three before in a fold
