"""Compiled report templates kept between runs: used when ours, ignored when forged, and the
pages are the same with or without them."""

from __future__ import annotations

import jinja2
from policydrift.corpus.derived_cache import DerivedStore
from policydrift.reports.page import _SETTINGS, SignedBytecodeCache


def _environment(store: DerivedStore) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.DictLoader({"page.html": "<p>{{ text }}</p>\n"}),
        bytecode_cache=SignedBytecodeCache(store),
        **_SETTINGS,
    )


def test_a_kept_template_is_used_and_a_forged_one_is_not(tmp_path, monkeypatch):
    store = DerivedStore("templates", tmp_path)
    assert _environment(store).get_template("page.html").render(text="<b>") == "<p>&lt;b&gt;</p>\n"
    (entry,) = store.path("x").parent.iterdir()
    compiled = []
    monkeypatch.setattr(
        jinja2.Environment, "_compile", lambda self, *a: compiled.append(a) or None
    )  # a second compilation would fail here: the kept code is used
    assert _environment(store).get_template("page.html").render(text="a") == "<p>a</p>\n"
    assert compiled == []
    monkeypatch.undo()
    entry.write_bytes(entry.read_bytes().replace(b"<p>", b"<i>"))  # forged: compiled afresh
    assert _environment(store).get_template("page.html").render(text="a") == "<p>a</p>\n"


def test_reports_render_the_same_without_a_cache(tmp_path, monkeypatch, edited_pair):
    from policydrift.compare import compare
    from policydrift.corpus import read_statement
    from policydrift.reports import page
    from policydrift.reports.compare.html import render_compare_html

    comparison = compare(*(read_statement(p) for p in edited_pair))
    pages = []
    for folder in (tmp_path / "a", tmp_path / "a", tmp_path / "file" / "x"):
        (tmp_path / "file").write_text("")
        monkeypatch.setenv("DRIFT_CACHE_DIR", str(folder))
        page.environment.cache_clear()
        pages.append(render_compare_html(comparison))
    page.environment.cache_clear()
    assert pages[0] == pages[1] == pages[2]  # compiled, read back, and never kept
    assert any((tmp_path / "a").rglob("*.bin"))
