"""The compare report's table of contents by section, in a real headless Chromium.

Two Markdown editions made from a real seed statement, with headings: one section renamed, one
dropped, one sentence added. Each entry shows its counts and jumps to the first row of its
section; no Markdown markup reaches the page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from policydrift.corpus.collection import SAMPLE_CORPUS

SEED = SAMPLE_CORPUS / "seeds" / "003_f3c8cea24e4c5715.txt"


@pytest.fixture(scope="module")
def sections_report(drift, tmp_path_factory) -> tuple[Path, dict]:
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip()][3:15]
    old_parts = ["## Opening", *paragraphs[:4], "## **Cyber** capacity", *paragraphs[4:8],
                 "## Annex I", *paragraphs[8:]]  # fmt: skip
    new_parts = ["## Opening", *paragraphs[:4], "We will meet again in 2022.",
                 "## Capacity building", *paragraphs[4:8]]  # fmt: skip
    folder = tmp_path_factory.mktemp("toc")
    old, new = folder / "2020-12-07-old.md", folder / "2021-12-07-new.md"
    old.write_text("\n\n".join(old_parts) + "\n", encoding="utf-8")
    new.write_text("\n\n".join(new_parts) + "\n", encoding="utf-8")
    path = folder / "report.html"
    drift("compare", old, new, "-o", path)
    data = json.loads(drift("compare", old, new, "--format", "json"))
    return path, data


def test_table_of_contents_lists_sections_and_jumps_to_them(sections_report, open_report):
    path, data = sections_report
    assert [(s["kind"], s["old_title"], s["new_title"]) for s in data["sections"]] == [
        ("same", "Opening", "Opening"),
        ("renamed", "Cyber capacity", "Capacity building"),
        ("dropped", "Annex I", None),
    ]
    loaded = open_report(path)
    page = loaded.page
    entries = page.eval_on_selector_all("nav.sections li", "els => els.map(e => e.innerText)")
    assert len(entries) == 3
    assert "1 new, 0 dropped, 0 edited" in entries[0]
    assert "Cyber capacity" in entries[1]
    assert "Capacity building" in entries[1]
    assert "renamed" in entries[1].lower()
    assert "dropped" in entries[2].lower()
    link = page.query_selector("nav.sections li.toc-renamed a")
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    top = page.evaluate(f"document.querySelector('{target}').getBoundingClientRect().top")
    assert 0 <= top < page.evaluate("window.innerHeight")
    body = page.inner_text("body")
    assert "**" not in body
    assert "## " not in body
    assert loaded.console_errors == []
    assert loaded.page_errors == []
    assert loaded.requests == []
