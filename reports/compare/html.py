"""The self-contained HTML report of ``drift compare`` (assets and CSP: :mod:`policydrift.reports.page`)."""

from __future__ import annotations

from policydrift.compare.models import Comparison
from policydrift.reports.compare.view import build_report
from policydrift.reports.page import check_generated, render_page
from policydrift.reports.themes_json import detection_text


def render_compare_html(
    comparison: Comparison, *, generated: str | None = None, notes: tuple[str, ...] = ()
) -> str:
    """The whole report page for one comparison, as a string.

    ``generated`` (e.g. a date) is printed in the footer when given; without it the output
    depends on the comparison alone, byte for byte. ``notes`` (e.g. "compared in date
    order") are shown at the top.
    """
    check_generated(generated)
    report = build_report(comparison, generated=generated, notes=notes)
    with_themes = comparison.themes is not None
    with_shifts = comparison.shifts is not None
    return render_page(
        "compare.html",
        styles=["base.css", "compare.css"]
        + (["themes.css"] if with_themes else [])
        + (["shifts.css"] if with_shifts else []),
        scripts=["compare.js"]
        + (["themes.js"] if with_themes else [])
        + (["shifts.js"] if report.shifts is not None and report.shifts.items else []),
        report=report,
        themes=comparison.themes,
        theme_limit=detection_text(comparison.themes.detection) if with_themes else "",
    )
