"""The timeline report as one self-contained HTML page.

The CSS, the JavaScript and the SVG charts are inlined by :mod:`policydrift.reports.page`, which
renders every report with autoescape on and the same Content-Security-Policy: only the inline
script whose hash is in the page may run, nothing is loaded from the network.
"""

from __future__ import annotations

from policydrift.compare.timeline.models import Timeline
from policydrift.reports.page import check_generated, render_page
from policydrift.reports.timeline.view import build_timeline_report

__all__ = ["render_timeline_html"]


def render_timeline_html(timeline: Timeline, *, generated: str | None = None) -> str:
    """The whole timeline page, as a string: one file, CSS, JS and charts inline.

    ``generated`` (e.g. a date) is printed in the footer when given; without it the page depends
    on the timeline alone, byte for byte.
    """
    check_generated(generated)
    report = build_timeline_report(timeline, generated=generated)
    styles = ["base.css", "timeline.css"]
    styles += ["shifts.css"] if any(s.shifts for s in report.sections) else []
    return render_page("timeline.html", styles=styles, scripts=["timeline.js"], report=report)
