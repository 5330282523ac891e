"""The compare report in a real headless Chromium: offline, interactive, printable.

The report compares a real White House proclamation with an edited edition that has every
kind of row (see ``edited_edition`` in conftest.py). Every check counts what the browser
actually renders, before and after an interaction.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from policydrift.compare.models import KINDS


@pytest.fixture(scope="session")
def report(edited_pair, drift, tmp_path_factory) -> tuple[Path, dict]:
    """The HTML report and the JSON of the same comparison (the expected numbers)."""
    old, new = edited_pair
    folder = tmp_path_factory.mktemp("compare-report")
    path = folder / "report.html"
    drift("compare", old, new, "-o", path)
    data = json.loads(drift("compare", old, new, "--format", "json"))
    counts = data["figures"]["counts"]
    assert all(counts[k] >= 1 for k in KINDS), f"the edited pair must show every kind: {counts}"
    return path, data


def _fresh(loaded) -> None:
    """Load the page again from its plain URL: no hash, no selection, default filters."""
    loaded.page.goto(loaded.url, wait_until="load")


def _rows(loaded, selector: str = "#diff tr.row:not(.ghost)") -> int:
    return loaded.visible_count(selector)


def _shown(loaded) -> int:
    return int(loaded.page.inner_text("#visible-count"))


def test_loads_offline_without_errors(page, report) -> None:
    _, data = report
    assert page.console_errors == []
    assert page.requests == [], f"the report tried to load {page.requests}"
    assert page.page.evaluate("document.documentElement.classList.contains('js')")
    assert _rows(page) == len(data["rows"])
    assert _shown(page) == len(data["rows"])
    assert page.xss_records() == []


def test_content_security_policy_forbids_network(report, open_report) -> None:
    page = open_report(report[0])
    csp = page.page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in directives.get("script-src", [])
    for name in ("img-src", "style-src", "font-src", "connect-src"):
        sources = directives.get(name, directives["default-src"])
        assert not any(s.startswith(("http", "*")) or s == "'self'" for s in sources), (
            name,
            sources,
        )
    # Prove it in the browser: a load attempted after the page is up is blocked.
    page.page.evaluate(
        "() => { const i = new Image(); i.src = 'https://example.org/pixel.png';"
        " document.body.append(i); }"
    )
    page.page.wait_for_timeout(100)
    assert any("Content Security Policy" in e for e in page.console_errors)
    assert page.page.evaluate("[...document.images].every(i => i.naturalWidth === 0)")


def test_each_kind_filter_hides_exactly_that_kind(page, report) -> None:
    _, data = report
    counts = data["figures"]["counts"]
    total = len(data["rows"])
    boxes = page.page.query_selector_all("input[data-filter-kind]")
    assert sorted(b.get_attribute("data-filter-kind") for b in boxes) == sorted(
        k for k in KINDS if counts[k]
    )
    for box in boxes:
        kind = box.get_attribute("data-filter-kind")
        selector = f'#diff tr.row[data-kind="{kind}"]:not(.ghost)'
        assert _rows(page, selector) == counts[kind]
        box.uncheck()
        assert _rows(page, selector) == 0
        assert _rows(page, f'#diff tr.row[data-kind="{kind}"]') == 0, "its ghost rows too"
        assert _rows(page) == total - counts[kind]
        assert _shown(page) == total - counts[kind]
        box.check()
        assert _rows(page, selector) == counts[kind]
        assert _rows(page) == total


def test_each_band_filter_hides_exactly_the_links_of_that_band(page, report) -> None:
    _, data = report
    total = len(data["rows"])
    bands = [row["band"] for row in data["rows"] if row["band"]]
    boxes = page.page.query_selector_all("input[data-filter-band]")
    assert [b.get_attribute("data-filter-band") for b in boxes] == [
        b for b in ("strong", "likely", "weak") if b in bands
    ]
    assert len(boxes) >= 2  # the edited pair has a rewording, a likely link
    for box in boxes:
        band = box.get_attribute("data-filter-band")
        count = bands.count(band)
        selector = f'#diff tr.row[data-band="{band}"]:not(.ghost)'
        assert _rows(page, selector) == count
        box.uncheck()
        assert _rows(page, selector) == 0
        assert _shown(page) == total - count
        box.check()
        assert _shown(page) == total


def test_changes_only_toggle(page, report) -> None:
    _, data = report
    counts = data["figures"]["counts"]
    total = len(data["rows"])
    ghosts = page.page.eval_on_selector_all("#diff tr.ghost", "els => els.length")
    assert ghosts == counts["moved"] + counts["moved+edited"], "one ghost per moved row"
    assert _rows(page, "#diff tr.row") == total + ghosts
    page.page.check("#only-changes")
    assert _rows(page) == total - counts["same"]
    assert _rows(page, "#diff tr.row.k-same") == 0
    assert _rows(page, "#diff tr.ghost") == ghosts
    assert _shown(page) == total - counts["same"]
    # Filters combine: changes only, and no 'new' rows.
    page.page.uncheck('input[data-filter-kind="new"]')
    assert _rows(page) == total - counts["same"] - counts["new"]
    page.page.uncheck("#only-changes")
    page.page.check('input[data-filter-kind="new"]')
    assert _rows(page, "#diff tr.row") == total + ghosts


def _in_view(loaded, element_id: str) -> bool:
    return loaded.page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }""",
        element_id,
    )


def test_moved_row_links_scroll_to_their_partner(page, report) -> None:
    links = page.page.eval_on_selector_all(
        "#diff tr.row a.movelink",
        "els => els.map(a => [a.closest('tr').id, a.getAttribute('href').slice(1)])",
    )
    _, data = report
    moved = data["figures"]["counts"]["moved"] + data["figures"]["counts"]["moved+edited"]
    assert len(links) == 2 * moved, links
    pairs = dict(links)
    for source, target in links:
        assert pairs[target] == source, f"{target} does not link back to {source}"
        page.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert not _in_view(page, target) or not _in_view(page, source)
        page.page.click(f"#{source} a.movelink")
        page.page.wait_for_function("id => location.hash === '#' + id", arg=target)
        page.page.wait_for_timeout(50)
        assert _in_view(page, target), f"clicking the link in {source} did not show {target}"


def test_next_and_previous_change(page, report) -> None:
    _, data = report
    changes = len(data["rows"]) - data["figures"]["counts"]["same"]
    _fresh(page)
    page.page.click("#next-change")
    first = page.page.eval_on_selector("#diff tr.current", "e => e.id")
    assert page.page.inner_text("#change-position") == f"Change 1 of {changes}"
    page.page.keyboard.press("n")
    assert page.page.inner_text("#change-position") == f"Change 2 of {changes}"
    assert _in_view(page, page.page.eval_on_selector("#diff tr.current", "e => e.id"))
    page.page.keyboard.press("p")
    assert page.page.eval_on_selector("#diff tr.current", "e => e.id") == first


def test_theme_list_highlights_exactly_each_themes_sentences(page, report) -> None:
    """Every theme of the list, against the sentence themes of the JSON output."""
    _, data = report
    expected: dict[str, set[str]] = {}
    for side, mapping in data["themes"]["sentence_themes"].items():
        for index, ids in mapping.items():
            for theme in ids:
                expected.setdefault(theme, set()).add(f"{side}:{index}")
    options = page.page.eval_on_selector_all(
        "#theme-select option", "els => els.map(o => o.value).filter(Boolean)"
    )
    assert sorted(options) == sorted(expected)
    for theme in options:
        page.page.select_option("#theme-select", theme)
        hits = page.page.eval_on_selector_all(
            "#diff .sent.theme-hit", "els => els.map(e => e.getAttribute('data-sentence'))"
        )
        assert sorted(hits) == sorted(expected[theme]), theme
        assert page.visible_count("#diff .sent.theme-hit") == len(expected[theme])
    page.page.select_option("#theme-select", "")
    assert page.visible_count("#diff .sent.theme-hit") == 0


def test_charts_are_drawn_with_a_size(page, report) -> None:
    _, data = report
    counts = data["figures"]["counts"]
    segments = page.page.eval_on_selector_all(
        ".kinds .bar .seg", "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert len(segments) == sum(1 for k in KINDS if counts[k])
    assert all(w > 0 for w in segments), segments
    box = page.page.eval_on_selector(
        ".minimap", "e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }"
    )
    assert box[0] > 0
    assert box[1] > 0
    marks = page.page.eval_on_selector_all(
        ".minimap a.mm", "els => els.filter(e => e.getBoundingClientRect().height > 0).length"
    )
    assert marks == len(data["rows"])


def test_without_javascript_every_row_shows(report, open_report) -> None:
    path, data = report
    loaded = open_report(path, javascript=False)
    assert loaded.visible_count("#diff tr.row:not(.ghost)") == len(data["rows"])
    assert loaded.visible_count(".controls") == 0, "controls that cannot work are hidden"
    assert loaded.requests == []


def test_prints_to_pdf(page, report, artifacts) -> None:
    from pypdf import PdfReader

    _, data = report
    pdf = page.page.pdf(format="A4", print_background=True)
    (artifacts / "compare-report.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "What changed between two statements" in text
    last = " ".join(data["new"]["sentences"][-1]["text"].split())
    assert last[:60] in text, "every row is printed, down to the last sentence"
    assert page.requests == []


def test_screenshot(page, artifacts) -> None:
    target = artifacts / "compare-report.png"
    page.page.screenshot(path=str(target), full_page=True)
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 20_000
