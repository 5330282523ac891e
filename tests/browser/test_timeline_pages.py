"""A timeline report split into pages (``-o FOLDER/``) in real headless Chromium.

The index shows the overview and what changed in the latest edition of each series; each series
has its own page. Links between the pages are relative file links that open the right folded
block on arrival, and nothing outside the folder is ever requested.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from policydrift.corpus.collection import SAMPLE_CORPUS


@pytest.fixture(scope="module")
def folder(drift, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("timeline-pages") / "report"
    drift("timeline", SAMPLE_CORPUS, "--no-cache", "-o", f"{out}/")
    return out


@pytest.fixture
def tab(browser, folder):
    """A page allowed to open the report's own files and nothing else."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside, errors = [], []

    def route(r) -> None:
        url = r.request.url
        if url.startswith(folder.resolve().as_uri() + "/"):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert outside == [], outside
    assert errors == [], errors


def test_index_links_each_series_page_and_back(tab, folder) -> None:
    tab.goto((folder / "index.html").as_uri(), wait_until="load")
    assert tab.is_visible("text=What changed in the latest edition of each series")
    digests = tab.eval_on_selector_all("section.digests .digest", "els => els.length")
    assert digests >= 5  # one per series with several editions
    tab.click("nav.toc a[href='series-cyber-awareness-month-proclamations.html']")
    tab.wait_for_url("**/series-cyber-awareness-month-proclamations.html")
    assert tab.is_visible(".latest .digest")
    assert tab.eval_on_selector_all("section.section.series", "els => els.length") == 1
    tab.click("text=back to the overview of all series")
    tab.wait_for_url("**/index.html")


def test_a_digest_link_opens_its_evidence_on_the_series_page(tab, folder) -> None:
    tab.goto((folder / "index.html").as_uri(), wait_until="load")
    link = tab.query_selector("section.digests .digest p a[href*='.html#x-'][href*='-t']")
    assert link is not None, "a new or dropped theme links to its evidence"
    href = link.get_attribute("href")
    link.click()
    tab.wait_for_url(f"**/{href.split('#')[0]}*")
    target = href.split("#")[1]
    tab.wait_for_function("id => document.getElementById(id).checkVisibility()", arg=target)
    assert tab.evaluate("id => document.getElementById(id).closest('details').open", target)


def test_an_index_theme_count_leads_to_the_series_rows_of_that_theme(tab, folder) -> None:
    tab.goto((folder / "index.html").as_uri(), wait_until="load")
    count = tab.query_selector("table.tracks td.cell a[href^='#x-all-t']")
    assert count is not None, "a count of the themes-by-year table links to the theme's list"
    target = count.get_attribute("href")[1:]
    count.click()
    tab.wait_for_function("id => document.getElementById(id).checkVisibility()", arg=target)
    links = tab.eval_on_selector_all(f"[id='{target}'] li a", "els => els.map(a => a.href)")
    assert links, "the theme's list links each series that carries it"
    assert all(".html#x-" in href and "-t" in href.split("#")[1] for href in links)
    page, row = tab.get_attribute(f"[id='{target}'] li a", "href").split("#")
    tab.click(f"[id='{target}'] li a")
    tab.wait_for_url(f"**/{page}#{row}")
    assert tab.evaluate("id => document.getElementById(id).tagName", row) == "TR"
    assert tab.evaluate("id => document.getElementById(id).checkVisibility()", row)
