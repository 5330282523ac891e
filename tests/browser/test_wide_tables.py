"""Wide tables fit: at 768, 1366 and 1920 px no report scrolls sideways as a whole; every table
fits its column or scrolls inside its own frame, and from 1366 px every table fits outright
(the several-editions table's last column and the timeline's "main sources" are on screen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from policydrift.corpus.collection import SAMPLE_CORPUS

WIDTHS = (768, 1366, 1920)
WHITEHOUSE = SAMPLE_CORPUS / "whitehouse"
MEASURE = """() => {
  const out = [];
  for (const t of document.querySelectorAll('table')) {
    if (!t.getClientRects().length) continue;
    let frame = t.parentElement;
    while (frame && frame !== document.body && !['auto', 'scroll'].includes(getComputedStyle(frame).overflowX)) {
      frame = frame.parentElement;
    }
    const scrolls = frame && frame !== document.body;
    const box = t.getBoundingClientRect();
    out.push({name: t.className || t.id, right: box.right, width: t.scrollWidth,
              frameRight: scrolls ? frame.getBoundingClientRect().right : null,
              frameWidth: scrolls ? frame.clientWidth : null});
  }
  return {page: document.documentElement.scrollWidth, tables: out};
}"""


@pytest.fixture(scope="module")
def reports(drift, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("wide")
    cri = sorted((WHITEHOUSE / "counter_ransomware_initiative").glob("*.md"))
    proclamations = sorted((WHITEHOUSE / "cyber_awareness_month_proclamations").glob("*.md"))
    out = {
        "compare": folder / "compare.html",
        "editions": folder / "editions.html",
        "editions-previous": folder / "editions-previous.html",
        "timeline": folder / "timeline.html",
    }
    drift("compare", cri[-2], cri[-1], "-o", out["compare"])
    drift("compare", *cri, "-o", out["editions"])
    drift("compare", *proclamations, "--base", "previous", "-o", out["editions-previous"])
    drift("timeline", SAMPLE_CORPUS, "--no-cache", "-o", out["timeline"])
    return out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["compare", "editions", "editions-previous", "timeline"])
def test_tables_fit_or_scroll_in_their_own_frame(browser, reports, name, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(reports[name].resolve().as_uri(), wait_until="load")
        found = page.evaluate(MEASURE)
    finally:
        context.close()
    assert found["page"] <= width, f"the page scrolls sideways: {found['page']} px in {width}"
    assert found["tables"], "no table measured"
    for table in found["tables"]:
        if table["frameRight"] is None:
            assert table["right"] <= width + 0.5, table
        else:
            assert table["frameRight"] <= width + 0.5, table
            if width >= 1366:
                assert table["width"] <= table["frameWidth"], f"{table} is cut at {width} px"
