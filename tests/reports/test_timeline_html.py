"""The timeline report page: one offline file, escaped, linked, deterministic, with its charts."""

from __future__ import annotations

import base64
import hashlib
import html
import re

import pytest
from markupsafe import escape
from policydrift.compare.timeline.build import build_timeline
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus
from policydrift.corpus.models import Sentence, Statement
from policydrift.corpus.normalize import normalise_key
from policydrift.reports.timeline.charts import heatmap_svg, reuse_svg
from policydrift.reports.timeline.html import render_timeline_html
from policydrift.reports.timeline.view import build_timeline_report

PROCLAMATIONS = "cyber_awareness_month_proclamations"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(SAMPLE_CORPUS, cache=False)


@pytest.fixture(scope="module")
def timeline(corpus):
    return build_timeline(corpus.statements)


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
    phrases = regex.findall(r'<span class="phrase">(.*?)</span>(?:; |</span>)', page)
    assert phrases
    ids = set(regex.findall(r'id="([^"]+)"', page))
    for href in regex.findall(r'<span class="phrases">.*?</li>', page, flags=regex.S):
        for target in regex.findall(r'href="#([^"]+)"', href):
            assert target in ids
