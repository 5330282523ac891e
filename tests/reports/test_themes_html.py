"""The themes partial of the compare report, and the `drift themes` terminal table."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from functools import cache

from helpers import seed, statement
from policydrift.compare import compare
from policydrift.compare.themes.coding import compare_themes
from policydrift.compare.themes.lexicon import Lexicon, load_lexicon, make_theme, merge_lexicons
from policydrift.reports.compare.html import render_compare_html
from policydrift.reports.page import environment
from policydrift.reports.themes_json import detection_text
from policydrift.reports.themes_tables import themes_table

LEXICON = load_lexicon()


@cache
def page(old: str, new: str) -> tuple[str, object]:
    c = compare(seed(old), seed(new))
    themes = compare_themes(c, LEXICON)
    return render_compare_html(replace(c, themes=themes)), themes


def test_chips_evidence_and_filter_in_the_report():
    text, themes = page("002", "000")
    assert 'id="themes"' in text
    chips = re.findall(r'<button type="button" class="theme-chip s-(\w+)" data-theme="(\w+)"', text)
    assert ("new", "online_scams") in chips
    assert ("dropped", "ransomware") in chips
    assert {t for _, t in chips} == {c.theme for c in themes.flagged}
    assert "<mark>ransom wares</mark>" in text
    assert "<mark>Online Scams</mark>" in text
    assert 'id="theme-select"' in text
    assert "theme-hit" in text
    assert ".theme-chip" in text  # themes.css is inlined
    assert html.escape(detection_text(themes.detection), quote=False) in text


def test_every_theme_sentence_of_the_table_carries_its_ids():
    text, themes = page("003", "004")
    cells = dict(re.findall(r'data-sentence="((?:old|new):\d+)" data-themes="([^"]+)"', text))
    expected = {
        f"{side}:{i}": " ".join(ids)
        for side, mapping in themes.sentence_themes.items()
        for i, ids in mapping.items()
    }
    assert cells == expected
    ai = sum("artificial_intelligence" in v.split() for v in cells.values())
    assert ai == themes.sentence_count("artificial_intelligence") == 2


def test_evidence_links_to_the_table_rows():
    text, themes = page("002", "000")
    rows = {int(n) for n in re.findall(r'<tr id="row-(\d+)"', text)}
    links = {int(n) for n in re.findall(r'class="row-link" href="#row-(\d+)"', text)}
    assert links
    assert links <= rows


def test_statement_text_and_labels_are_escaped():
    old = statement("a", "We fight cybercrime <script>alert(1)</script> & more.")
    new = statement("b", 'We fight online scams <img src=x onerror="alert(2)"> & more.')
    hostile = make_theme("hostile", '<b>bold</b> & "quoted"', patterns=["more"])
    lexicon = merge_lexicons(LEXICON, Lexicon("x", "1", (hostile,)))
    c = compare(old, new)
    text = render_compare_html(replace(c, themes=compare_themes(c, lexicon)))
    assert "<script>alert(1)" not in text
    assert "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<b>bold</b>" not in text
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34;" in text
    assert "<mark>online scams</mark>" in text


def test_partial_renders_alone_without_changes():
    s = statement("a", "Ransomware hurts hospitals.")
    themes = compare_themes(compare(s, s), LEXICON)
    text = (
        environment()
        .get_template("_compare_themes.html")
        .render(themes=themes, theme_limit=detection_text(themes.detection))
    )
    assert "No lexicon theme is new, dropped, reframed, rising or falling" in text
    assert "theme-chip" not in text
    assert "1 theme without a change to call" in text


def test_report_without_themes_has_no_theme_section():
    c = compare(seed("002"), seed("000"))
    text = render_compare_html(c)
    assert 'id="themes"' not in text
    assert "data-themes" not in text


def test_terminal_table_quotes_reframings():
    old = statement("a", "We will fight cybercrime together.")
    new = statement("b", "We will fight online scams together.")
    lines = themes_table(compare_themes(compare(old, new), LEXICON))
    assert "  row 1 (edited): Cybercrime -> Online scams and fraud" in lines
    assert "    new, sentence 1: We will fight **online scams** together." in lines


def test_emerging_phrases_and_lexicons_on_the_first_screen():
    from policydrift.compare.models import ThemeOptions
    from policydrift.corpus.collection import SAMPLE_CORPUS, read_one

    folder = SAMPLE_CORPUS / "whitehouse" / "asean_us"
    old, new = (read_one(p) for p in sorted(folder.glob("2022-*.md")))
    c = compare(old, new, themes=ThemeOptions())
    text = render_compare_html(c)
    first_screen = text[text.index('id="themes"') : text.index('class="theme-detail"')]
    assert "Emerging phrases beyond the lexicon" in first_screen
    assert "Lexicons: " in first_screen
    assert ">cyber</span> 2.0.0 (35 themes)" in first_screen
    assert ">policy</span> 1.0.0 (32 themes)" in first_screen
    shown = re.findall(r'<span class="term">([^<]+)</span>', first_screen)
    assert shown == [k.term for k in c.themes.emerging]
    multi = [k.words > 1 for k in c.themes.emerging]
    assert multi == sorted(multi, reverse=True)  # phrases first
    ids = set(re.findall(r'id="([^"]+)"', text))
    links = re.findall(r'<a class="row-link" href="#([^"]+)"', first_screen)
    assert links
    assert set(links) <= ids
    for k in c.themes.emerging:  # every phrase is in each sentence it links to
        for e in k.uses:
            assert all(e.text[s:t] for s, t in e.spans)
            assert e.row is not None
