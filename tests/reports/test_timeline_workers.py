"""The split timeline report made in several processes: the same pages, byte for byte, as in one."""

from __future__ import annotations

import gc
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.reports.timeline import html
from policydrift.reports.timeline import pages as split_pages
from policydrift.reports.timeline.html import render_timeline_pages
from policydrift.reports.timeline.pages import SplitPages, build_timeline_pages

MADE_BY = re.compile(r"\n<!-- made by (\d+) -->\Z")


@pytest.fixture
def marked(monkeypatch):
    """Each page marked with the process that made it (the mark is taken off before comparing)."""
    render = html._render
    monkeypatch.setattr(
        html, "_render", lambda report: f"{render(report)}\n<!-- made by {os.getpid()} -->"
    )

    def unmarked(pages: dict[str, str]) -> tuple[dict[str, str], set[int]]:
        found = {name: MADE_BY.search(text) for name, text in pages.items()}
        assert all(found.values())
        return (
            {
                name: text[: m.start()]
                for (name, text), m in zip(pages.items(), found.values(), strict=True)
            },
            {int(m.group(1)) for m in found.values()},
        )

    return unmarked


def _pages(timeline, workers: int, **kw) -> dict[str, str]:
    return render_timeline_pages(timeline, index="index.html", prefix="p-", workers=workers, **kw)


@pytest.mark.parametrize("run", [50, 2])  # whole series; series on several pages (runs of 2)
def test_pages_made_in_two_processes_are_those_made_in_one(timeline, marked, monkeypatch, run):
    monkeypatch.setattr(split_pages, "MAX_PAGE_EDITIONS", run)
    monkeypatch.setattr(html, "_LEAST_SENTENCES", 0)  # the sample corpus forks too
    alone, here = marked(_pages(timeline, 1))
    seen: list[tuple[int, int, str]] = []
    forked, makers = marked(_pages(timeline, 2, progress=lambda *a: seen.append(a)))
    assert here == {os.getpid()}
    assert os.getpid() not in makers  # child processes made them (both, unless one was late)
    assert 1 <= len(makers) <= 2
    assert forked == alone  # byte for byte, and in the same order: the index first
    assert list(forked)[0] == "index.html"
    assert len(forked) > 10 + (run == 2)  # the index and the series (more with runs of 2)
    # progress: in the parent, counting up, each page once
    assert [d for d, _, _ in seen] == list(range(1, len(forked) + 1))
    assert {t for _, t, _ in seen} == {len(forked)}
    assert sorted(name for *_, name in seen) == sorted(forked)


def test_a_small_report_is_made_in_this_process(timeline, marked):
    assert len(timeline.sentences) < html._LEAST_SENTENCES
    pages, makers = marked(_pages(timeline, -1))
    assert makers == {os.getpid()}
    assert pages == marked(_pages(timeline, 1))[0]


def test_an_error_making_a_page_in_a_child_is_raised_here(timeline, monkeypatch):
    monkeypatch.setattr(html, "_LEAST_SENTENCES", 0)

    def broken(report):
        if report.index_href:  # the series pages
            msg = f"could not render {report.title}"
            raise ValueError(msg)
        return "index"

    monkeypatch.setattr(html, "_render", broken)
    with pytest.raises(ValueError, match="could not render"):
        _pages(timeline, 2)


def test_a_callers_paused_collector_stays_paused_with_workers(timeline, monkeypatch):
    monkeypatch.setattr(html, "_LEAST_SENTENCES", 0)
    gc.collect()
    gc.disable()
    try:
        _pages(timeline, 2)
        assert not gc.isenabled()
        assert gc.collect() == 0
    finally:
        gc.enable()
    _pages(timeline, 2)
    assert gc.isenabled()


@given(order=st.permutations(range(11)))
@settings(max_examples=8, deadline=None)
def test_pages_made_in_any_order_are_the_same(timeline, order):
    """Each page depends on the timeline alone, not on the pages made before it (the look-ups
    the pages share are caches), so processes can make them in any order."""
    expected = [(name, html._render(report)) for name, report in build_timeline_pages(
        timeline, index="index.html", prefix="p-")]  # fmt: skip
    pages = SplitPages(timeline, index="index.html", prefix="p-")
    assert len(pages.names) == len(order)
    made = {k: html._render(pages.report(k)) for k in order}
    assert [(pages.names[k], made[k]) for k in range(len(order))] == expected


def test_the_largest_pages_are_those_listing_the_most_sentences(timeline):
    pages = SplitPages(timeline, index="index.html", prefix="p-")
    sizes = [len(html._render(pages.report(k))) for k in range(len(pages.names))]
    listed = [pages.sentences(k) for k in range(len(pages.names))]
    assert listed[0] == len(timeline.sentences)
    assert sum(listed[1:]) == len(timeline.sentences)  # every sentence on one series page
    series = sorted(range(1, len(sizes)), key=lambda k: listed[k])
    assert sizes[series[-1]] > 4 * sizes[series[0]]  # the weight orders pages as their size


@pytest.mark.parametrize("workers", [1, 2])
def test_pages_one_at_a_time_are_the_report_names_first_then_each_page_once(
    timeline, monkeypatch, workers
):
    monkeypatch.setattr(html, "_LEAST_SENTENCES", 0)
    whole = _pages(timeline, workers)
    names, pages = html.timeline_pages(timeline, index="index.html", prefix="p-", workers=workers)
    assert names == list(whole)  # known before any page is made, the index first
    made = list(pages)
    assert sorted(name for name, _ in made) == sorted(whole)
    assert dict(made) == whole


def test_in_several_processes_the_largest_series_page_comes_first_and_the_index_last(
    timeline, monkeypatch
):
    monkeypatch.setattr(html, "_LEAST_SENTENCES", 0)
    reported = []
    names, pages = html.timeline_pages(
        timeline, index="index.html", prefix="p-", workers=2,
        progress=lambda done, total, name: reported.append(name),
    )  # fmt: skip
    made = [name for name, _ in pages]
    assert made == reported
    assert made[-1] == "index.html"  # after the series pages, whose digests it lists
    split = SplitPages(timeline, index="index.html", prefix="p-")
    largest = max(range(1, len(split.names)), key=lambda k: split.sentences(k))
    assert split.sentences(split.names.index(made[0])) == split.sentences(largest)
