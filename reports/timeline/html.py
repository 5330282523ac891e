"""The timeline report as self-contained HTML: one page, or an index and one page per series.

The CSS, the JavaScript and the SVG charts are inlined by :mod:`policydrift.reports.page`, which
renders every report with autoescape on and the same Content-Security-Policy: only the inline
script whose hash is in the page may run, nothing is loaded from the network. Pages of a split
report link to each other by relative file names, so their folder works offline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from policydrift.compare.timeline.models import Timeline
from policydrift.corpus.processes import Forked, processes_for
from policydrift.reports.page import check_generated, environment, render_page
from policydrift.reports.timeline.lines import Fragments
from policydrift.reports.timeline.models import TimelineReport
from policydrift.reports.timeline.pages import SplitPages
from policydrift.reports.timeline.paused import no_collector_passes as _no_collector_passes
from policydrift.reports.timeline.view import build_timeline_report

__all__ = ["render_timeline_html", "render_timeline_pages", "timeline_pages"]

_LEAST_SENTENCES = 4_000
"""A report of fewer sentences is made in this process: forking, and sending the pages back,
would cost more than it saves (README, "Year over year")."""


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


def render_timeline_pages(timeline: Timeline, **options: Any) -> dict[str, str]:
    """{file name: page} of the report split into an index and one page per series, the index
    first; ``options`` are those of :func:`timeline_pages`."""
    names, pages = timeline_pages(timeline, **options)
    made = dict(pages)
    return {name: made[name] for name in names}


def timeline_pages(
    timeline: Timeline,
    *,
    index: str,
    prefix: str,
    generated: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    workers: int = 1,
) -> tuple[list[str], Iterator[tuple[str, str]]]:
    """The file names of the report split into an index (``index``) and one page per series
    (``prefix`` + slug + ``.html``), all meant for one folder, the index first; and its pages as
    ``(name, page)`` in the order they are made, each made when it is asked for (so that a
    caller can write each and let it go: a report of 5,000 statements is hundreds of MB).

    ``workers`` processes make the pages (-1: one per core; see
    :func:`policydrift.corpus.processes.processes_for`), each page whole (its view model and
    its HTML) in a process forked from this one; a report of fewer than 4,000 sentences is made
    here. The pages are the same, byte for byte, however many make them. ``progress(done,
    total, file)`` is called here after each page is made, in the order they are made: in one
    process the series pages then the index (which reuses their digests); in several the series
    pages listing the most sentences first, so that no process is left with a large page at the
    end, and the index last: made first, it held back the first report for 1.7-2.6 s at 5,000
    statements while its process worked out the digest of every series, which the processes
    making the series pages worked out again.
    """
    check_generated(generated)
    with _no_collector_passes():
        pages = SplitPages(timeline, index=index, prefix=prefix, generated=generated)
    return list(pages.names), _made(pages, workers, progress)


def _made(
    pages: SplitPages, workers: int, progress: Callable[[int, int, str], None] | None
) -> Iterator[tuple[str, str]]:
    """Every page of ``pages`` rendered, in ``workers`` processes (see :func:`timeline_pages`)."""
    count = len(pages.names)
    small = len(pages.timeline.sentences) < _LEAST_SENTENCES
    processes = 1 if small else processes_for(workers, count)
    if processes > 1:
        listed = [pages.sentences(k) for k in range(count)]
        order = [*sorted(range(1, count), key=lambda k: -listed[k]), 0]
        environment().get_template("timeline.html")  # compiled once, before the fork
    else:
        order = [*range(1, count), 0]
    names, job = pages.names, partial(_render_page, pages, order)
    with _no_collector_passes():
        with Forked(job, count, processes) as results:
            for done, (k, page) in enumerate(zip(order, results, strict=True), start=1):
                if progress is not None:
                    progress(done, count, names[k])
                yield names[k], page
        del pages, job  # freed before the collector resumes: its next pass stays small


def _render_page(pages: SplitPages, order: list[int], n: int) -> str:
    return _render(pages.report(order[n]))
