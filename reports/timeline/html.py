"""The timeline report as self-contained HTML: one page, or an index and one page per series.

The CSS, the JavaScript and the SVG charts are inlined by :mod:`policydrift.reports.page`, which
renders every report with autoescape on and the same Content-Security-Policy: only the inline
script whose hash is in the page may run, nothing is loaded from the network. Pages of a split
report link to each other by relative file names, so their folder works offline.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from policydrift.compare.timeline.models import Timeline
from policydrift.reports.page import check_generated, render_page
from policydrift.reports.timeline.lines import Fragments
from policydrift.reports.timeline.models import TimelineReport
from policydrift.reports.timeline.pages import build_timeline_pages
from policydrift.reports.timeline.view import build_timeline_report

__all__ = ["render_timeline_html", "render_timeline_pages"]


@contextmanager
def _no_collector_passes() -> Iterator[None]:
    """The garbage collector paused while the pages are made, and resumed after.

    Rendering makes no reference cycles (``tests/reports/test_timeline_lines.py`` checks that
    a collection right after finds nothing), so the collector's passes there free nothing;
    but the view models built meanwhile set off full passes that walk the whole timeline
    (600,000 objects at 1,000 statements) again and again: about a third of the rendering
    time. Output unchanged; a collector paused by the caller stays paused.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _render(report: TimelineReport) -> str:
    styles = ["base.css", "timeline.css"]
    styles += ["shifts.css"] if any(s.shifts for s in report.sections) else []
    return render_page(
        "timeline.html", styles=styles, scripts=["timeline.js"], report=report, html=Fragments()
    )


def render_timeline_html(timeline: Timeline, *, generated: str | None = None) -> str:
    """The whole timeline page, as a string: one file, CSS, JS and charts inline.

    ``generated`` (e.g. a date) is printed in the footer when given; without it the page depends
    on the timeline alone, byte for byte.
    """
    check_generated(generated)
    with _no_collector_passes():
        return _render(build_timeline_report(timeline, generated=generated))


def render_timeline_pages(
    timeline: Timeline,
    *,
    index: str,
    prefix: str,
    generated: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, str]:
    """{file name: page} of the report split into an index (``index``) and one page per series
    (``prefix`` + slug + ``.html``), all meant for one folder. ``progress(done, total, file)``
    is called after each page is rendered.
    """
    check_generated(generated)
    with _no_collector_passes():
        pages = build_timeline_pages(timeline, index=index, prefix=prefix, generated=generated)
        out = {}
        for done, (name, report) in enumerate(pages, start=1):
            out[name] = _render(report)
            if progress is not None:
                progress(done, len(pages), name)
        del pages, report  # freed before the collector resumes: its next pass stays small
    return out
