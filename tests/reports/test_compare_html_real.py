"""The compare HTML report from the real pipeline: reader + engine + report, on real files.

The White House continuation notices, two seeds, and a proclamation rewritten by hand (every
kind of change, and a hostile sentence, title and source) read back by the real reader. Tests on
a comparison built by hand are in ``test_compare_html.py``.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import DATA
from policydrift.compare import compare
from policydrift.compare.models import Comparison
from policydrift.corpus import read_statement
from policydrift.reports.compare.html import render_compare_html
from policydrift.reports.compare.view import build_report

HOSTILE = '<script>alert(1)</script> " onmouseover="alert(2)'


# -- reading the page back ------------------------------------------------------------------


# -- the real pipeline: reader + engine + report ---------------------------------------------

NOTICES = DATA / "whitehouse" / "cyber_emergency_continuation_notices"
PROCLAMATION = next((DATA / "whitehouse" / "cyber_awareness_month_proclamations").glob("2023-*.md"))


def pipeline(old: Path, new: Path) -> Comparison:
    return compare(read_statement(old), read_statement(new))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (next(NOTICES.glob("2022-03-30-*.md")), next(NOTICES.glob("2023-03-29-*.md"))),
        (DATA / "seeds" / "002_23602f18eb2f6ed8.txt", DATA / "seeds" / "000_a03e204da53f589a.txt"),
    ],
    ids=["notices-2022-2023", "seeds-2017-2025"],
)
def test_real_reports_have_one_line_per_row(old, new, parse):
    c = pipeline(old, new)
    html = render_compare_html(c)
    page = parse(html)
    assert Counter(r["data-kind"] for r in page.rows()) == Counter(r.kind for r in c.rows)
    assert len(page.rows(ghost=True)) == sum(r.kind in ("moved", "moved+edited") for r in c.rows)
    shown = {k.kind: k.count for k in build_report(c).kinds}
    assert shown == c.figures.counts
    refs = sorted(a["data-sentence"] for _, a in page.tags if "data-sentence" in a)
    assert refs == sorted(
        [f"old:{s.index}" for s in c.old.sentences] + [f"new:{s.index}" for s in c.new.sentences]
    )
    assert html == render_compare_html(pipeline(old, new))  # byte for byte, fresh run
    unrelated = "No sentence of the old statement was matched in the new one." in html
    assert unrelated == (not any(r.old and r.new for r in c.rows))


def test_notices_show_the_changed_year():
    c = pipeline(next(NOTICES.glob("2022-03-30-*.md")), next(NOTICES.glob("2023-03-29-*.md")))
    assert Counter(r.kind for r in c.rows) == {"same": 5, "edited": 1}
    html = render_compare_html(c)
    table = html[html.index('<table class="diff"') :]
    table = table[: table.index("</table>")]
    (edited,) = [part for part in table.split("<tr ")[1:] if 'data-kind="edited"' in part]
    edited = " ".join(edited.split())
    assert "beyond April 1, <del>2022</del>." in edited
    assert "beyond April 1, <ins>2023</ins>." in edited
    assert "Notice on the Continuation of the National Emergency With Respect" in html


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory) -> Comparison:
    """The 2023 proclamation against a copy rewritten by hand: every kind of change, and a
    hostile sentence, title and source, read back from files by the real reader."""
    folder = tmp_path_factory.mktemp("rewritten")
    texts = [" ".join(s.text.split()) for s in read_statement(PROCLAMATION).sentences][:12]
    new = list(texts)
    new[1] = new[1].replace("renews our commitment", "renews its commitment")
    new[2], new[3] = new[3], new[2]  # moved
    new[4] = new[4].replace(" sectors, including mandates", " sectors. These include mandates")
    new[5] = new[5].rstrip(".") + ", and " + new[6][0].lower() + new[6][1:]  # merged
    del new[6]
    del new[7]  # dropped
    # Markdown reads raw HTML tags as markup: the hostile text is written escaped so that the
    # statement's text holds it literally.
    new.insert(8, f"We will publish a {html.escape(HOSTILE, quote=False)} report next year.")
    old_path, new_path = folder / "old.txt", folder / "new.md"
    old_path.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    front = f"---\ntitle: '{HOSTILE}'\ndate: 2024-09-30\nsource_url: javascript:alert(3)\n---\n"
    new_path.write_text(front + "\n\n".join(new) + "\n", encoding="utf-8")
    return pipeline(old_path, new_path)


def test_real_moves_splits_and_merges_are_drawn(rewritten, parse):
    c = rewritten
    kinds = [r.kind for r in c.rows]
    assert {"same", "edited", "moved", "split", "merged", "dropped", "new"} <= set(kinds)
    html = render_compare_html(c)
    page = parse(html)
    moved = kinds.index("moved") + 1
    assert page.find("tr", id=f"was-{moved}")
    assert page.find("a", href=f"#was-{moved}")
    assert page.find("a", href=f"#row-{moved}")
    split = kinds.index("split") + 1
    row = html.split(f'id="row-{split}"')[1].split("</tr>")[0]
    assert 'class="cell new group"' in row
    assert "1 old sentence became 2 new" in row
    assert "<ins>These include</ins>" in row
    assert "<del>renews our commitment</del>" not in html  # only the changed word is marked
    assert "renews <del>our</del>" in html
    assert "renews <ins>its</ins>" in html


def test_real_hostile_statement_is_escaped(rewritten, parse):
    html = render_compare_html(rewritten)
    page = parse(html)
    assert len(page.scripts) == 1
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    assert "<script>alert" not in html
    assert (
        "We will publish a &lt;script&gt;alert(1)&lt;/script&gt; &#34; onmouseover=&#34;alert(2) report"
        in html
    )
    assert "<title>drift compare: old (" not in html
    title = html.split("<title>")[1].split("</title>")[0]
    assert "&lt;script&gt;" in title
    assert not [a for a in page.find("a") if "javascript" in a.get("href", "")]
    (meta,) = page.find("meta", http_equiv="Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in meta["content"]


def test_theme_ids_reach_sentence_cells_when_themes_exist(rewritten, parse):
    from policydrift.compare.themes.coding import compare_themes
    from policydrift.compare.themes.lexicon import load_lexicon

    themes = compare_themes(rewritten, load_lexicon())
    assert any(themes.sentence_themes[side] for side in ("old", "new"))
    html = render_compare_html(replace(rewritten, themes=themes))
    page = parse(html)
    for side in ("old", "new"):
        for index, ids in themes.sentence_themes[side].items():
            (cell,) = page.find("div", data_sentence=f"{side}:{index}")
            assert cell.get("data-themes") == " ".join(ids)
    tagged = [a for _, a in page.tags if "data-themes" in a]
    assert len(tagged) == sum(len(m) for m in themes.sentence_themes.values())
    # the themes script is inlined too, and allowed by its own hash
    (meta,) = page.find("meta", http_equiv="Content-Security-Policy")
    assert len(page.scripts) == 2
    for script in page.scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in meta["content"]
    plain = parse(render_compare_html(rewritten))
    assert not [a for _, a in plain.tags if "data-themes" in a]
    assert len(plain.scripts) == 1


def test_same_words_are_not_called_identical(tmp_path):
    old = next(NOTICES.glob("2022-03-30-*.md"))
    retyped = tmp_path / "retyped.md"
    text = old.read_text(encoding="utf-8").replace("Register\xa0*and", "REGISTER, and")
    retyped.write_text(text, encoding="utf-8")
    html = render_compare_html(pipeline(old, retyped))
    assert "The two statements are identical." not in html
    assert "<strong>The two statements have the same words in the same order.</strong>" in html


def test_every_score_on_the_page_is_named_a_link_score():
    # With the default scorer a row's score is the link confidence, not a similarity: the
    # "most changed sentences" box called it "similarity score" beside "56 words changed"
    import re

    folder = DATA / "whitehouse" / "cyber_awareness_month_proclamations"
    old, new = sorted(folder.glob("202[34]-*.md"))
    page = render_compare_html(pipeline(old, new))
    titles = re.findall(r'<span class="score" title="([^"]*)"', page)
    assert len(titles) > 10
    assert set(titles) == {"link score, 0 to 100"}
