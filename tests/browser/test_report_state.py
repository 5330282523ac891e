"""The compare report's inline view, search, URL state, presets and print, in real Chromium.

The report compares the real 2023 proclamation with the edited edition that has every kind of
row (``edited_edition`` in tests/conftest.py); expected numbers come from the JSON of the same
comparison and from the inline view model, never from the page itself.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from policydrift.compare import compare
from policydrift.corpus.collection import read_one
from policydrift.reports.redline.inline import build_inline


@pytest.fixture(scope="session")
def report(edited_pair, drift, tmp_path_factory) -> tuple[Path, dict]:
    old, new = edited_pair
    path = tmp_path_factory.mktemp("state") / "report.html"
    drift("compare", old, new, "-o", path)
    return path, json.loads(drift("compare", old, new, "--format", "json"))


@pytest.fixture(scope="session")
def inline(edited_pair):
    return build_inline(compare(read_one(edited_pair[0]), read_one(edited_pair[1])))


def _open(loaded, fragment: str = "") -> None:
    """Load the report afresh at this fragment (a new document, as a shared link would)."""
    loaded.page.goto("about:blank")
    loaded.page.goto(loaded.url + fragment, wait_until="load")


def _fragment(loaded) -> str:
    url = loaded.page.url
    return url.split("#", 1)[1] if "#" in url else ""


def _shown(loaded) -> int:
    return int(loaded.page.inner_text("#visible-count"))


def _rows_with(data: dict, words: list[str]) -> int:
    """Rows whose old or new sentences contain every word (case-insensitive), from the JSON."""
    old = {s["index"]: s["text"] for s in data["old"]["sentences"]}
    new = {s["index"]: s["text"] for s in data["new"]["sentences"]}
    found = 0
    for row in data["rows"]:
        text = " ".join([old[i] for i in row["old"]] + [new[i] for i in row["new"]]).lower()
        text = " ".join(text.split())
        found += all(w in text for w in words)
    return found


def test_inline_view_shows_the_new_text_with_the_changes(page, inline) -> None:
    _open(page)
    assert page.visible_count(".inline-view") == 0
    page.page.check('input[name="view"][value="inline"]')
    assert page.visible_count("#diff") == 0
    assert page.visible_count(".inline-view") == 1
    assert _fragment(page) == "view=inline"
    spans = page.visible_count(".iv-row")
    assert spans == len(inline.rows)
    for mark in ("del", "ins"):
        expected = sum(1 for r in inline.rows for p in r.pieces if p.mark == mark and p.text)
        assert page.visible_count(f".iv-row {mark}") == expected
    # moved sentences are marked at both places, and the marks link to each other
    away = page.page.eval_on_selector_all(".iv-away .iv-move", "els => els.map(e => e.hash)")
    here = page.page.eval_on_selector_all(".iv-here .iv-move", "els => els.map(e => e.hash)")
    moved = [r for r in inline.rows if r.move == "away"]
    assert len(away) == len(here) == len(moved) == 2
    page.page.click(f'a.iv-move[href="{away[0]}"]')
    target = page.page.locator(away[0])
    assert target.is_visible()
    box = target.bounding_box()
    assert 0 <= box["y"] <= page.page.viewport_size["height"]
    # the reading text: what is not struck is the new statement, word for word
    read = page.page.evaluate(
        """() => { const v = document.querySelector('.inline-view').cloneNode(true);
        v.querySelectorAll('del, .iv-move, .inline-note').forEach(e => e.remove());
        return v.textContent; }"""
    )
    accepted = " ".join(r.new_text for r in inline.rows)
    assert re.sub(r"\s+", "", read) == re.sub(r"\s+", "", accepted)


def test_search_filters_rows_in_both_views_with_a_count(page, report) -> None:
    _, data = report
    _open(page)
    for query in ("cybersecurity", "critical infrastructure", "PHISHING attempts", "zzzz"):
        page.page.fill("#row-search", query)
        words = query.lower().split()
        expected = _rows_with(data, words)
        assert _shown(page) == expected, query
        assert page.visible_count("#diff tr.row:not(.ghost)") == expected
        count = page.page.inner_text("#search-count")
        assert count == f"{expected} row{' matches' if expected == 1 else 's match'}"
        assert _fragment(page) == "q=" + "%20".join(query.split())
    assert _shown(page) == 0
    page.page.check('input[name="view"][value="inline"]')
    assert page.visible_count(".iv-row") == 0
    page.page.fill("#row-search", "")
    assert _shown(page) == len(data["rows"])
    assert page.page.inner_text("#search-count") == ""
    assert _fragment(page) == "view=inline"


def test_state_in_the_url_opens_the_same_view(page, report) -> None:
    _, data = report
    kinds = [r["kind"] for r in data["rows"]]
    _open(page, "#only=1&kinds=edited,new,moved")
    assert page.page.is_checked("#only-changes")
    boxes = page.page.eval_on_selector_all(
        "input[data-filter-kind]",
        "els => els.filter(e => e.checked).map(e => e.dataset.filterKind)",
    )
    assert sorted(boxes) == ["edited", "moved", "new"]
    assert _shown(page) == sum(kinds.count(k) for k in ("edited", "new", "moved"))
    # a change made on the page is written back, and a reload keeps it
    page.page.uncheck('input[data-filter-kind="new"]')
    assert _fragment(page) == "only=1&kinds=edited,moved"
    page.page.reload(wait_until="load")
    assert _shown(page) == kinds.count("edited") + kinds.count("moved")
    assert not page.page.is_checked('input[data-filter-kind="new"]')


def test_theme_highlight_and_view_are_kept_in_the_url(page, report) -> None:
    _, data = report
    changed = [t for t in data["themes"]["themes"] if t["new_sentences"] + t["old_sentences"]]
    theme = changed[0]["theme"]
    _open(page, f"#view=inline&theme={theme}")
    assert page.page.is_checked('input[name="view"][value="inline"]')
    assert page.page.input_value("#theme-select") == theme
    hits = page.visible_count(".theme-hit") + page.page.eval_on_selector_all(
        "#diff .theme-hit", "els => els.length"
    )
    assert hits > 0
    page.page.select_option("#theme-select", "")
    assert _fragment(page) == "view=inline"


def test_row_anchors_keep_working(page, report) -> None:
    _, data = report
    same = next(n for n, r in enumerate(data["rows"], 1) if r["kind"] == "same")
    _open(page, "#only=1")
    assert page.visible_count(f"#row-{same}") == 0  # a same row, hidden by the filter
    page.page.evaluate(f"location.hash = 'row-{same}'")
    page.page.wait_for_function(
        f"!document.getElementById('row-{same}').classList.contains('is-hidden')"
    )
    assert page.page.locator(f"#row-{same}").is_visible()
    assert page.page.is_checked("#only-changes")  # the filter itself is unchanged
    # in the inline view, a row anchor goes to the row's place in the text
    edited = next(n for n, r in enumerate(data["rows"], 1) if r["kind"] == "edited")
    _open(page, "#view=inline")
    page.page.evaluate(f"location.hash = 'row-{edited}'")
    page.page.wait_for_function(
        f"document.getElementById('inline-row-{edited}').classList.contains('current')"
    )
    assert page.page.locator(f"#inline-row-{edited}").is_visible()


def test_presets_on_the_first_screen(page, report) -> None:
    _, data = report
    kinds = [r["kind"] for r in data["rows"]]
    _open(page)
    assert page.page.locator(".story").bounding_box()["y"] < 900  # on the first screen
    assert not page.page.evaluate("document.querySelector('details.legend').open")
    page.page.click(".presets a:text('edited only')")
    in_place = [k for k in ("edited", "trimmed", "extended", "reworded") if k in kinds]
    assert _fragment(page) == "kinds=" + ",".join(in_place)
    assert _shown(page) == sum(kinds.count(k) for k in in_place)
    assert page.page.evaluate("document.querySelector('main').getBoundingClientRect().top") < 5
    page.page.click(".presets a:text('changes only')")
    assert _fragment(page) == "only=1"
    assert _shown(page) == sum(1 for k in kinds if k != "same")
    page.page.click(".presets a:text('everything')")
    assert _fragment(page) == ""
    assert _shown(page) == len(kinds)
    top = page.page.eval_on_selector_all(".story-top a", "els => els.map(e => e.hash)")
    assert top
    assert all(page.page.locator(h).count() == 1 for h in top)


def test_folded_sections_print_open(page, report, artifacts) -> None:
    from pypdf import PdfReader

    _open(page)
    assert page.page.evaluate("[...document.querySelectorAll('details')].every(d => !d.open)")
    page.page.emulate_media(media="print")
    try:
        assert page.visible_count(".theme-detail .evidence li") > 0
        assert page.visible_count(".legend .kind-legend") == 1
    finally:
        page.page.emulate_media(media="screen")
    pdf = page.page.pdf(format="A4", landscape=True, print_background=True)
    (artifacts / "compare-report.pdf").write_bytes(pdf)
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages
    )
    assert "Evidence: the sentences behind each theme" in text
    assert "Old: " in text
    assert "per 1,000 words" in text


def test_inline_view_prints_without_the_table(page, artifacts) -> None:
    from pypdf import PdfReader

    _open(page, "#view=inline")
    page.page.emulate_media(media="print")
    try:
        assert page.visible_count("#diff") == 0
        assert page.visible_count(".controls") == 0
        assert page.visible_count(".inline-view") == 1
    finally:
        page.page.emulate_media(media="screen")
    pdf = page.page.pdf(format="A4", print_background=True)
    (artifacts / "compare-inline.pdf").write_bytes(pdf)
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "The new text in reading order" in " ".join(text.split())


def test_hostile_fragment_is_only_data(page) -> None:
    hostile = (
        "#q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&theme=%3Cscript%3Ealert(2)%3C%2Fscript%3E"
        "&kinds=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E&view=javascript:alert(4)&q=%E0%A4%A"
    )
    _open(page, hostile)
    assert page.xss_records() == []
    assert page.dialogs == []
    # the payload is searched for as text (a malformed repeat of q is ignored), and found nowhere
    assert page.page.input_value("#row-search") == "<img src=x onerror=alert(1)>"
    assert page.page.inner_text("#search-count") == "0 rows match"
    assert page.page.is_checked('input[name="view"][value="table"]')
    assert page.page.locator("img[src=x]").count() == 0
