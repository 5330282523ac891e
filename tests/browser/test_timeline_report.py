"""The timeline report in a real headless Chromium: offline, every fold and link working.

The report is built from two series of the bundled White House corpus: the national emergency
notices (four near-identical editions, formulaic language) and the cybersecurity awareness
month proclamations (five editions with changing themes).
Folded blocks (evidence, lineages, every sentence) are opened and closed by their summaries;
links into a folded block open it and bring the target into view; the charts are drawn; the
page prints (with every block unfolded) to PDF.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from policydrift.corpus.collection import SAMPLE_CORPUS


@pytest.fixture(scope="session")
def report(drift, tmp_path_factory) -> tuple[Path, dict]:
    """The HTML timeline of two White House series and its JSON (the expected numbers)."""
    folder = tmp_path_factory.mktemp("timeline-report")
    corpus = folder / "corpus"
    for series in ("cyber_emergency_continuation_notices", "cyber_awareness_month_proclamations"):
        shutil.copytree(SAMPLE_CORPUS / "whitehouse" / series, corpus / series)
    path = folder / "timeline.html"
    drift("timeline", corpus, "--no-cache", "-o", path)
    data = json.loads(drift("timeline", corpus, "--no-cache", "--format", "json"))
    return path, data


def _fresh(loaded) -> None:
    loaded.page.goto(loaded.url, wait_until="load")


def _in_view(loaded, element_id: str) -> bool:
    return loaded.page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight; }""",
        element_id,
    )


def test_loads_offline_without_errors(page, report) -> None:
    _, data = report
    assert page.console_errors == []
    assert page.requests == [], f"the report tried to load {page.requests}"
    assert page.xss_records() == []
    assert page.page.evaluate("document.documentElement.classList.contains('js')")
    csp = page.page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1]
    series = page.page.eval_on_selector_all("section.section.series", "els => els.length")
    assert series == len(data["series"])
    rows = page.visible_count("section.section.all table.editions tbody tr")
    assert rows == len(data["editions"])


@pytest.mark.parametrize(
    ("fold", "inside"),
    [
        ("details.sentences", "li[id]"),
        ("details.evidence", "div.ev"),
        ("details.lineage:not([open])", "ol.steps li"),
        ("details.legend", "dl.defs dt"),
    ],
)
def test_folds_open_and_close(page, fold: str, inside: str) -> None:
    _fresh(page)
    first = page.page.query_selector(fold)
    assert first is not None, f"no {fold} in the report"
    assert first.evaluate("d => !d.open")
    total = first.evaluate(f"d => d.querySelectorAll({inside!r}).length")
    assert total > 0

    def visible() -> int:
        return first.evaluate(
            f"d => [...d.querySelectorAll({inside!r})].filter(e => e.checkVisibility()).length"
        )

    assert visible() == 0
    first.query_selector("summary").click()
    assert visible() == total
    first.query_selector("summary").click()
    assert visible() == 0


def test_every_theme_count_links_to_its_sentences(page, report) -> None:
    """A count in the theme table opens the folded evidence and shows exactly that cell."""
    _fresh(page)
    links = page.page.eval_on_selector_all(
        "section.section.all table.tracks td.cell a", "els => els.map(a => a.getAttribute('href'))"
    )
    assert links, "the theme table has linked counts"
    for href in links[:2]:
        _fresh(page)
        target = href[1:]
        assert page.page.evaluate("id => !document.getElementById(id).checkVisibility()", target)
        page.page.click(f'section.section.all table.tracks td.cell a[href="{href}"]')
        page.page.wait_for_function("id => location.hash === '#' + id", arg=target)
        assert _in_view(page, target), f"{href} did not bring its evidence into view"
        quotes = page.page.eval_on_selector_all(f"#{target} li", "els => els.length")
        count = int(page.page.inner_text(f'section.section.all td.cell a[href="{href}"]'))
        assert 1 <= quotes <= count, (href, quotes, count)


def test_heatmap_cells_are_links_too(page) -> None:
    _fresh(page)
    link = page.page.query_selector("figure.chart svg a")
    assert link is not None, "chart cells link to their evidence"
    target = link.get_attribute("xlink:href") or link.get_attribute("href")
    link.scroll_into_view_if_needed()
    link.click(timeout=3000)  # where a user clicks: the middle of the cell
    page.page.wait_for_function("id => location.hash === '#' + id", arg=target[1:])
    assert _in_view(page, target[1:])


def test_sentence_source_links_open_the_sentence_list(page) -> None:
    _fresh(page)
    href = page.page.eval_on_selector(
        "details.sentences .meta a[href^='#']", "a => a.getAttribute('href')"
    )
    page.page.evaluate("h => { location.hash = h; }", href)
    page.page.wait_for_timeout(50)
    assert _in_view(page, href[1:])
    holder = page.page.evaluate(
        "id => document.getElementById(id).closest('details').open", href[1:]
    )
    assert holder


def test_charts_are_drawn_with_a_size(page, report) -> None:
    _, data = report
    sizes = page.page.eval_on_selector_all(
        "figure.chart svg",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.id, r.width, r.height]; })",
    )
    ids = [s[0] for s in sizes]
    assert {"reuse-all", "similarity-all", "themes-all"} <= set(ids), ids
    assert all(w > 50 and h > 50 for _, w, h in sizes), sizes
    # One reuse chart per series with several editions, and one for the whole corpus.
    several = sum(1 for s in data["series"] if len(s["editions"]) >= 2)
    assert sum(1 for i in ids if i.startswith("reuse-")) == several + 1
    drawn = page.page.eval_on_selector_all(
        "figure.chart svg :is(path, rect, circle, polygon)", "els => els.length"
    )
    assert drawn > 100
    # dates on the time axis never overlap
    overlaps = page.page.evaluate(
        """() => [...document.querySelectorAll('svg[id^="reuse-"]')].map(svg => {
             const boxes = [...svg.querySelectorAll('text[text-anchor="middle"]')]
               .filter(t => /^\\d{4}(-\\d{2})?$/.test(t.textContent))
               .map(t => t.getBoundingClientRect()).sort((a, b) => a.left - b.left);
             return boxes.slice(1).filter((b, k) => b.left < boxes[k].right).length; })"""
    )
    assert overlaps
    assert not any(overlaps), overlaps


@pytest.mark.parametrize(("kind", "magic"), [("svg", b"<svg"), ("png", b"\x89PNG")])
def test_every_chart_can_be_saved(page, kind, magic) -> None:
    _fresh(page)
    figures = page.page.eval_on_selector_all("figure.chart", "els => els.length")
    buttons = page.page.eval_on_selector_all(
        f"figure.chart button[data-save={kind}]", "els => els.length"
    )
    assert figures > 3
    assert buttons == figures
    button = page.page.query_selector(f"figure.chart button[data-save={kind}]")
    button.scroll_into_view_if_needed()
    with page.page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(f".{kind}")
    data = Path(download.path()).read_bytes()
    assert data.startswith(magic)
    if kind == "svg":
        assert b"Share of each" in data  # the chart's own title travels with it
    else:
        assert len(data) > 5_000


def test_prints_to_pdf_with_every_fold_open(page, report, artifacts) -> None:
    from pypdf import PdfReader

    _, data = report
    _fresh(page)
    pdf = page.page.pdf(format="A4", print_background=True)
    (artifacts / "timeline-report.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages >= 5

    def text(n: int) -> str:
        return " ".join((reader.pages[n].extract_text() or "").split())

    assert "drift timeline" in text(0).casefold()
    # The last sentence of the folded "every sentence" list is printed: printing unfolds.
    last = " ".join(data["sentences"][-1]["text"].split())[:40]
    assert any(last in text(n) for n in range(pages - 1, max(pages - 4, 0), -1))
    assert page.page.evaluate(
        "[...document.querySelectorAll('details.sentences')].every(d => !d.open)"
    )


def test_screenshot(page, artifacts) -> None:
    _fresh(page)
    target = artifacts / "timeline-report.png"
    page.page.screenshot(path=str(target), full_page=False)
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 20_000
