"""Charts of the timeline report, drawn directly as inline SVG strings (no plotting library).

The charts receive numbers already computed by ``compare/`` and only draw them. Drawing the SVG
here instead of through matplotlib is about a hundred times faster, keeps the charts small and
their text searchable, and is byte-for-byte reproducible by construction: fixed geometry,
coordinates printed with one decimal, no timestamps, no random ids. Every ``id`` inside a chart
starts with the chart's own name, so many charts sit in one page without clashing. Text is
escaped here (``html.escape``), as the charts are inserted into the page as markup.

- :func:`reuse_svg`: shares over editions on a real time axis (editions placed at their dates;
  year or month ticks spaced so their labels never overlap); above :data:`MAX_LINES` lines it
  draws small multiples, one panel per line on a shared time axis.
- :func:`policydrift.reports.timeline.heatmap.heatmap_svg`: the heatmaps.

What every chart is drawn with is in :mod:`policydrift.reports.timeline.svg`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from policydrift.reports.timeline.svg import CHAR, check_name, num, open_svg, svg_text

__all__ = ["MAX_LINES", "reuse_svg"]

MAX_LINES = 10  # above this many lines, a line chart becomes small multiples
# Colour-blind-safe line colours (Okabe-Ito), then tab10 for more series, in a fixed order.
LINE_COLOURS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
    "#8c564b", "#7f7f7f", "#bcbd22", "#17becf", "#9467bd",
)  # fmt: skip
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MARKERS = ("circle", "square", "diamond")


def _day(label: str) -> float | None:
    """Days since 0001-01-01 of an ISO date (a year alone is its 1 July), or None."""
    match = _DATE.match(label)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2] or 7), int(match[3] or 1)
    try:
        return float(date(year, month, day).toordinal())
    except ValueError:
        return None


def _time_axis(labels: Sequence[str], width: float) -> tuple[list[float], list[tuple[float, str]]]:
    """x positions (0..width) of the editions and the (x, label) ticks of the axis.

    Editions sit at their dates when every label is a date, else evenly. Tick labels are at
    least their own width plus a gap apart, so they never overlap.
    """
    days = [_day(label) for label in labels]
    if not labels:
        return [], []
    if any(d is None for d in days):
        step = width / max(1, len(labels) - 1) if len(labels) > 1 else 0.0
        xs = [width / 2] if len(labels) == 1 else [k * step for k in range(len(labels))]
        room = max(len(label) for label in labels) * CHAR + 12
        every = max(1, math.ceil(room / step)) if step else 1
        return xs, [(xs[k], labels[k]) for k in range(0, len(labels), every)]
    lo, hi = min(days), max(days)  # type: ignore[type-var]
    pad = max(20.0, (hi - lo) * 0.03)
    lo, hi = lo - pad, hi + pad
    scale = width / (hi - lo)
    xs = [(d - lo) * scale for d in days]  # type: ignore[operator]
    first, last = date.fromordinal(int(lo)), date.fromordinal(int(hi))
    per_year = 365.25 * scale
    ticks: list[tuple[float, str]] = []
    if per_year * 1.5 >= 4 * CHAR + 14 or last.year - first.year >= 2:
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if s * per_year >= 4 * CHAR + 14), 200)
        for year in range(math.ceil(first.year / step) * step, last.year + 1, step):
            day = date(year, 1, 1).toordinal()
            if lo <= day <= hi:
                ticks.append(((day - lo) * scale, str(year)))
    if len(ticks) < 2:  # a short span: month ticks
        ticks = []
        per_month = per_year / 12
        step = next((s for s in (1, 2, 3, 6, 12) if s * per_month >= 7 * CHAR + 12), 12)
        month = first.year * 12 + first.month - 1
        month = (month // step + 1) * step
        while True:
            year, m = divmod(month, 12)
            day = date(year, m + 1, 1).toordinal()
            if day > hi:
                break
            ticks.append(((day - lo) * scale, f"{year}-{m + 1:02d}"))
            month += step
    return xs, ticks


def _marker(shape: str, x: float, y: float, colour: str, tip: str, r: float) -> str:
    title = f"<title>{escape(tip)}</title>"
    if shape == "square":
        return (
            f'<rect x="{num(x - r)}" y="{num(y - r)}" width="{num(2 * r)}" height="{num(2 * r)}" '
            f'fill="{colour}">{title}</rect>'
        )
    if shape == "diamond":
        points = f"{num(x)},{num(y - r - 1)} {num(x + r + 1)},{num(y)} {num(x)},{num(y + r + 1)} {num(x - r - 1)},{num(y)}"
        return f'<polygon points="{points}" fill="{colour}">{title}</polygon>'
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="{colour}">{title}</circle>'


def _panel(
    out: list[str],
    origin: tuple[float, float],
    size: tuple[float, float],
    labels: Sequence[str],
    lines: Sequence[tuple[str, Sequence[float | None], str, str]],
    *,
    y_labels: bool,
    small: bool,
) -> None:
    """Axes, grid, ticks and lines of one plot whose top-left corner is ``origin``."""
    ox, oy = origin
    w, h = size
    xs, ticks = _time_axis(labels, w)
    for share in (0, 25, 50, 75, 100):
        y = oy + h - h * share / 100
        out.append(
            f'<line x1="{num(ox)}" y1="{num(y)}" x2="{num(ox + w)}" y2="{num(y)}" '
            f'stroke="{"#bbbbbb" if share == 0 else "#e5e5e5"}" stroke-width="1"/>'
        )
        if y_labels:
            out.append(svg_text(ox - 6, y + 4, f"{share}%", anchor="end"))
    for x, label in ticks:
        out.append(
            f'<line x1="{num(ox + x)}" y1="{num(oy + h)}" x2="{num(ox + x)}" y2="{num(oy + h + 4)}" '
            'stroke="#888888"/>'
        )
        out.append(svg_text(ox + x, oy + h + 16, label, anchor="middle"))
    radius = 2.0 if small or len(labels) > 60 else 3.5
    for legend, values, colour, shape in lines:
        points = [
            (ox + xs[k], oy + h - h * v, labels[k], v)
            for k, v in enumerate(values)
            if v is not None
        ]
        if len(points) > 1:
            path = " ".join(
                f"{'M' if k == 0 else 'L'}{num(x)} {num(y)}"
                for k, (x, y, _, _) in enumerate(points)
            )
            out.append(
                f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.8" '
                'stroke-linejoin="round"/>'
            )
        for x, y, label, v in points:
            out.append(_marker(shape, x, y, colour, f"{label} · {legend}: {100 * v:.0f}%", radius))


def reuse_svg(
    name: str,
    labels: Sequence[str],
    lines: Mapping[str, Sequence[float | None]],
    *,
    title: str,
    ylabel: str = "share of words reused",
) -> str:
    """A line chart of 0-1 shares over editions (``labels``: their dates) on a time axis.

    ``lines`` maps a legend label to one value per edition, drawn in the given order; a line
    joins only its non-None values. More than :data:`MAX_LINES` lines: small multiples.

    >>> svg = reuse_svg("r", ["2021-03-29", "2022-03-30"], {"kept": [None, 0.5]}, title="Reuse")
    >>> svg.startswith("<svg") and "2022" in svg and "kept: 50%" in svg
    True
    """
    check_name(name)
    for label, values in lines.items():
        if len(values) != len(labels):
            msg = f"line {label!r} has {len(values)} values for {len(labels)} editions"
            raise ValueError(msg)
    styled = [
        (label, values, LINE_COLOURS[n % len(LINE_COLOURS)], _MARKERS[n % len(_MARKERS)])
        for n, (label, values) in enumerate(lines.items())
    ]
    if len(styled) > MAX_LINES:
        return _multiples(name, labels, styled, title=title)
    plot_w = min(760.0, max(300.0, 28.0 * len(labels) + 120))
    legend_w = min(260.0, max((len(x) for x in lines), default=0) * CHAR + 30) if lines else 0
    left, top, plot_h = 58.0, 34.0, 190.0
    width = max(left + plot_w + 16 + legend_w, len(title) * 7.6 + 16)
    height = top + plot_h + 40
    out = open_svg(name, width, height, title)
    _panel(out, (left, top), (plot_w, plot_h), labels, styled, y_labels=True, small=False)
    out.append(
        svg_text(14, top + plot_h / 2, ylabel, anchor="middle",
              extra=f' transform="rotate(-90 14 {num(top + plot_h / 2)})" fill="#555555"')
    )  # fmt: skip
    for n, (label, _, colour, shape) in enumerate(styled):
        y = top + 8 + 18 * n
        x = left + plot_w + 16
        out.append(
            f'<line x1="{num(x)}" y1="{num(y)}" x2="{num(x + 18)}" y2="{num(y)}" '
            f'stroke="{colour}" stroke-width="1.8"/>'
        )
        out.append(_marker(shape, x + 9, y, colour, label, 3.5))
        out.append(svg_text(x + 24, y + 4, label))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _multiples(
    name: str,
    labels: Sequence[str],
    styled: Sequence[tuple[str, Sequence[float | None], str, str]],
    *,
    title: str,
) -> str:
    """One small panel per line, four to a row, on the same time and share axes."""
    per_row, pw, ph, gap_x, gap_y, left, top = 4, 190.0, 80.0, 26.0, 52.0, 44.0, 34.0
    rows = math.ceil(len(styled) / per_row)
    width = max(left + per_row * (pw + gap_x), len(title) * 7.6 + 16)
    height = top + rows * (ph + gap_y)
    out = open_svg(name, width, height, title)
    for n, (label, values, _, _) in enumerate(styled):
        r, c = divmod(n, per_row)
        ox, oy = left + c * (pw + gap_x), top + 16 + r * (ph + gap_y)
        shown = label if len(label) <= 30 else label[:29] + "…"
        out.append(svg_text(ox, oy - 5, shown, extra=' font-weight="bold"'))
        line = [(label, values, LINE_COLOURS[0], "circle")]
        _panel(out, (ox, oy), (pw, ph), labels, line, y_labels=c == 0, small=True)
    out.append("</svg>")
    return "\n".join(out) + "\n"
