"""The timeline report as one self-contained HTML page.

The CSS, the JavaScript and the SVG charts are inlined; the report environment of
:mod:`reports.html` renders the template with autoescape on, and the page carries the same
Content-Security-Policy as the compare report: only the inline script whose hash is in the page
may run, nothing is loaded from the network.
"""

from __future__ import annotations

from compare.timeline_models import Timeline
from reports.timeline_view import build_timeline_report

__all__ = ["render_timeline_html"]


def render_timeline_html(timeline: Timeline, *, generated: str | None = None) -> str:
    """The whole timeline page, as a string: one file, CSS, JS and charts inline.

    ``generated`` (e.g. a date) is printed in the footer when given; without it the page depends
    on the timeline alone, byte for byte.
    """
    from markupsafe import Markup

    from reports.html import content_security_policy, environment, static_text

    report = build_timeline_report(timeline, generated=generated)
    styles = [static_text(name) or "" for name in ("base.css", "timeline.css")]
    script = static_text("timeline.js") or ""
    closing = any("</style" in style.lower() for style in styles)
    if closing or "</script" in script.lower() or "<!--" in script:
        msg = "the timeline stylesheet or script contains a closing tag"
        raise ValueError(msg)
    template = environment().get_template("timeline.html")
    return template.render(
        report=report,
        csp=content_security_policy([script] if script else []),
        styles=[Markup(style) for style in styles if style],
        scripts=[Markup(script)] if script else [],
    )
