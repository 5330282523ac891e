"""The theme filter of the compare report, driven in a real headless Chromium."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from helpers import SEEDS
from policydrift.compare import compare
from policydrift.compare.themes.coding import compare_themes
from policydrift.compare.themes.lexicon import load_lexicon
from policydrift.corpus import read_statement
from policydrift.reports.compare.html import render_compare_html


def report(tmp_path: Path, old: str, new: str):
    c = compare(
        read_statement(next(SEEDS.glob(f"{old}_*.txt"))),
        read_statement(next(SEEDS.glob(f"{new}_*.txt"))),
    )
    themes = compare_themes(c, load_lexicon())
    path = tmp_path / "report.html"
    path.write_text(render_compare_html(replace(c, themes=themes)), encoding="utf-8")
    return path, themes


def expected_refs(themes, theme: str) -> list[str]:
    return sorted(
        f"{side}:{i}"
        for side, mapping in themes.sentence_themes.items()
        for i, ids in mapping.items()
        if theme in ids
    )


HIGHLIGHTED = "els => els.map(e => e.getAttribute('data-sentence')).sort()"


def test_a_chip_highlights_exactly_its_theme_sentences(tmp_path, open_report):
    path, themes = report(tmp_path, "003", "004")
    loaded = open_report(path)
    page = loaded.page
    chip = page.locator('.theme-chip[data-theme="covid19"]')
    chip.click()
    refs = page.eval_on_selector_all("#diff .sent.theme-hit", HIGHLIGHTED)
    assert refs == expected_refs(themes, "covid19")
    assert len(refs) == themes.sentence_count("covid19") > 1
    assert chip.get_attribute("aria-pressed") == "true"
    status = page.locator("#theme-filter-status").inner_text()
    assert (
        status
        == f"COVID-19 and recovery: {len(refs)} sentences highlighted (0 old, {len(refs)} new)."
    )
    # Another theme replaces the highlight; the same chip again clears it.
    page.locator('.theme-chip[data-theme="responsible_state_behaviour"]').click()
    refs = page.eval_on_selector_all("#diff .sent.theme-hit", HIGHLIGHTED)
    assert refs == expected_refs(themes, "responsible_state_behaviour")
    assert all(r.startswith("old:") for r in refs)
    assert chip.get_attribute("aria-pressed") == "false"
    page.locator('.theme-chip[data-theme="responsible_state_behaviour"]').click()
    assert page.locator("#diff .sent.theme-hit").count() == 0
    assert page.locator("#theme-filter-status").inner_text() == ""
    assert not loaded.console_errors
    assert not loaded.page_errors
    assert not loaded.requests


def test_the_list_and_next_button(tmp_path, open_report):
    path, themes = report(tmp_path, "002", "000")
    loaded = open_report(path)
    page = loaded.page
    page.select_option("#theme-select", "online_scams")
    refs = page.eval_on_selector_all("#diff .sent.theme-hit", HIGHLIGHTED)
    assert refs == expected_refs(themes, "online_scams")
    assert (
        page.locator('.theme-chip[data-theme="online_scams"]').get_attribute("aria-pressed")
        == "true"
    )
    in_order = page.eval_on_selector_all(
        "#diff .sent.theme-hit", "els => els.map(e => e.getAttribute('data-sentence'))"
    )
    current = "els => els.map(e => e.getAttribute('data-sentence'))"
    page.locator("#theme-next").click()
    assert page.eval_on_selector_all("#diff .sent.theme-current", current) == in_order[:1]
    page.locator("#theme-next").click()
    assert page.eval_on_selector_all("#diff .sent.theme-current", current) == in_order[1:2]
    assert not loaded.console_errors
    assert not loaded.page_errors
