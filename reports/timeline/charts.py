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
- :func:`heatmap_svg`: rows x columns of counts or shares, each cell a link to its evidence and
  with a tooltip; cells stay at least :data:`MIN_CELL` pixels wide, column labels are thinned
  only when they would overlap.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from html import escape

__all__ = ["MAX_LINES", "heatmap_svg", "reuse_svg"]

FONT = "font-family:'DejaVu Sans',Verdana,'Liberation Sans',Arial,sans-serif"
FONT_SIZE = 11
CHAR = 6.4  # average width of a character at FONT_SIZE, pixels (generous)
MAX_LINES = 10  # above this many lines, a line chart becomes small multiples
MIN_CELL = 12
# Colour-blind-safe line colours (Okabe-Ito), then tab10 for more series, in a fixed order.
LINE_COLOURS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
    "#8c564b", "#7f7f7f", "#bcbd22", "#17becf", "#9467bd",
)  # fmt: skip
# Sequential palettes (ColorBrewer), light to dark.
PALETTES = {
    "Purples": ("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"),
    "YlGnBu": ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"),
    "Blues": ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"),
}  # fmt: skip
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MARKERS = ("circle", "square", "diamond")


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        msg = f"chart name must be letters, digits, '-' or '_': {name!r}"
        raise ValueError(msg)


def _n(value: float) -> str:
    """A coordinate with one decimal, no trailing zero: stable text for stable bytes."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(x: float, y: float, text: str, *, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _open(name: str, width: float, height: float, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'id="{name}" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" role="img" aria-labelledby="{name}-title" '
        f'style="{FONT};font-size:{FONT_SIZE}px">',
        f'<title id="{name}-title">{escape(title)}</title>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        _text(8, 17, title, extra=' font-weight="bold" font-size="13"'),
    ]


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
            f'<rect x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}" '
            f'fill="{colour}">{title}</rect>'
        )
    if shape == "diamond":
        points = f"{_n(x)},{_n(y - r - 1)} {_n(x + r + 1)},{_n(y)} {_n(x)},{_n(y + r + 1)} {_n(x - r - 1)},{_n(y)}"
        return f'<polygon points="{points}" fill="{colour}">{title}</polygon>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{colour}">{title}</circle>'


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
            f'<line x1="{_n(ox)}" y1="{_n(y)}" x2="{_n(ox + w)}" y2="{_n(y)}" '
            f'stroke="{"#bbbbbb" if share == 0 else "#e5e5e5"}" stroke-width="1"/>'
        )
        if y_labels:
            out.append(_text(ox - 6, y + 4, f"{share}%", anchor="end"))
    for x, label in ticks:
        out.append(
            f'<line x1="{_n(ox + x)}" y1="{_n(oy + h)}" x2="{_n(ox + x)}" y2="{_n(oy + h + 4)}" '
            'stroke="#888888"/>'
        )
        out.append(_text(ox + x, oy + h + 16, label, anchor="middle"))
    radius = 2.0 if small or len(labels) > 60 else 3.5
    for legend, values, colour, shape in lines:
        points = [
            (ox + xs[k], oy + h - h * v, labels[k], v)
            for k, v in enumerate(values)
            if v is not None
        ]
        if len(points) > 1:
            path = " ".join(
                f"{'M' if k == 0 else 'L'}{_n(x)} {_n(y)}" for k, (x, y, _, _) in enumerate(points)
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
    _check_name(name)
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
    out = _open(name, width, height, title)
    _panel(out, (left, top), (plot_w, plot_h), labels, styled, y_labels=True, small=False)
    out.append(
        _text(14, top + plot_h / 2, ylabel, anchor="middle",
              extra=f' transform="rotate(-90 14 {_n(top + plot_h / 2)})" fill="#555555"')
    )  # fmt: skip
    for n, (label, _, colour, shape) in enumerate(styled):
        y = top + 8 + 18 * n
        x = left + plot_w + 16
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + 18)}" y2="{_n(y)}" '
            f'stroke="{colour}" stroke-width="1.8"/>'
        )
        out.append(_marker(shape, x + 9, y, colour, label, 3.5))
        out.append(_text(x + 24, y + 4, label))
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
    out = _open(name, width, height, title)
    for n, (label, values, _, _) in enumerate(styled):
        r, c = divmod(n, per_row)
        ox, oy = left + c * (pw + gap_x), top + 16 + r * (ph + gap_y)
        shown = label if len(label) <= 30 else label[:29] + "…"
        out.append(_text(ox, oy - 5, shown, extra=' font-weight="bold"'))
        line = [(label, values, LINE_COLOURS[0], "circle")]
        _panel(out, (ox, oy), (pw, ph), labels, line, y_labels=c == 0, small=True)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _colour(palette: tuple[str, ...], share: float) -> str:
    """The palette's colour at ``share`` (0-1), interpolated between its stops (256 levels)."""
    return _level(palette, round(255 * min(1.0, max(0.0, share))))


@lru_cache(maxsize=4096)
def _level(palette: tuple[str, ...], level: int) -> str:
    share = level / 255
    at = share * (len(palette) - 1)
    k = min(len(palette) - 2, int(at))
    f = at - k
    a, b = palette[k], palette[k + 1]
    mix = [round(int(a[i : i + 2], 16) * (1 - f) + int(b[i : i + 2], 16) * f) for i in (1, 3, 5)]
    return "#" + "".join(f"{v:02x}" for v in mix)


def _thin(count: int, cell: float) -> int:
    """Label every n-th row or column so that labels ``FONT_SIZE`` high never overlap."""
    return max(1, math.ceil((FONT_SIZE + 2) / cell))


def heatmap_svg(
    name: str,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    title: str,
    links: Sequence[Sequence[str | None]] | None = None,
    vmax: float | None = None,
    percent: bool = False,
    cmap: str = "Blues",
    colorbar: str = "",
) -> str:
    """A rows x columns heatmap; each cell with a link (``#x-...`` page anchor) is clickable.

    ``values`` are counts (or 0-1 shares with ``percent=True``); ``None`` is a blank cell.
    Every cell has a tooltip; cells large enough print their value.

    >>> svg = heatmap_svg("h", ["a"], ["2021"], [[2]], title="t", links=[["#x-a"]])
    >>> '<a xlink:href="#x-a">' in svg
    True
    """
    _check_name(name)
    if len(values) != len(rows) or any(len(r) != len(columns) for r in values):
        msg = f"values must be {len(rows)} rows of {len(columns)} cells"
        raise ValueError(msg)
    if links is not None:
        for row in links:
            for link in row:
                if link is not None and not link.startswith("#x-"):
                    msg = f"cell links must be page anchors starting '#x-': {link!r}"
                    raise ValueError(msg)
    palette = PALETTES.get(cmap, PALETTES["Blues"])
    finite = [v for row in values for v in row if v is not None and math.isfinite(v)]
    top_value = vmax if vmax is not None else (max(finite) if finite else 1.0)
    top_value = top_value or 1.0
    nrows, ncols = len(rows), len(columns)
    cell = 24.0 if max(nrows, ncols) <= 24 else max(float(MIN_CELL), min(24.0, 900.0 / ncols))
    row_every, col_every = _thin(nrows, cell), _thin(ncols, cell)
    left = min(300.0, max((len(r) for r in rows), default=1) * CHAR + 14)
    bottom = min(160.0, max((len(c) for c in columns), default=1) * CHAR * 0.72 + 22)
    top = 34.0
    plot_w, plot_h = ncols * cell, nrows * cell
    width = max(left + plot_w + 110, len(title) * 7.6 + 16)
    height = top + plot_h + bottom
    out = _open(name, width, height, title)
    labelled = cell >= 22
    cells: list[str] = []  # every cell stroked white by one group, runs of a link in one <a>
    numbers: list[str] = []
    # each coordinate and label written once: escaping is per character, so a tooltip's
    # parts escaped apart read as the whole escaped at once
    size = _n(cell)
    xs = [_n(left + j * cell) for j in range(ncols)]
    mid_xs = [_n(left + j * cell + cell / 2) for j in range(ncols)]
    tip_columns = [escape(c) for c in columns]

    def _look(v: float) -> tuple[str, str, str]:
        """A value's colour, its text in the tooltip and on the cell (escaped), once each."""
        shown = f"{100 * v:.0f}%" if percent else f"{v:g}"
        value = f"{100 * v:.0f}" if percent else f"{v:g}"
        return _colour(palette, v / top_value), escape(shown), escape(value)

    looks: dict[float, tuple[str, str, str]] = {}  # counts repeat: most cells share a look
    for i, row in enumerate(values):
        y = top + i * cell
        if i % row_every == 0:
            out.append(_text(left - 6, y + cell / 2 + 4, rows[i], anchor="end"))
        y_text, mid_y, tip_row = _n(y), _n(y + cell / 2 + 3.5), escape(rows[i])
        run: list[str] = []
        run_link: str | None = None
        for j, v in enumerate(row):
            link = links[i][j] if links is not None else None
            if v is None or not math.isfinite(v):
                link = None  # a blank cell ends a run
            if run and (link != run_link or not link):
                cells.append(_linked(run, run_link))
                run = []
            if v is None or not math.isfinite(v):
                continue
            run_link = link
            look = looks.get(v)
            if look is None or not v:  # 0.0 and -0.0: one key, printed apart
                look = looks[v] = _look(v)
            fill, shown, value = look
            run.append(
                f'<rect x="{xs[j]}" y="{y_text}" width="{size}" height="{size}" '
                f'fill="{fill}"><title>{tip_row} · {tip_columns[j]}: {shown}</title></rect>'
            )
            if labelled and (percent or v != 0):
                colour = "#ffffff" if v > 0.6 * top_value else "#222222"
                numbers.append(
                    f'<text x="{mid_xs[j]}" y="{mid_y}" text-anchor="middle" font-size="9" '
                    f'fill="{colour}">{value}</text>'
                )
        if run:
            cells.append(_linked(run, run_link))
    out += ['<g stroke="#ffffff" stroke-width="1">', *cells, "</g>", *numbers]
    for j, label in enumerate(columns):
        if j % col_every:
            continue
        x, y = left + j * cell + cell / 2 + 3, top + plot_h + 8
        out.append(
            _text(x, y, label, anchor="end", extra=f' transform="rotate(-45 {_n(x)} {_n(y)})"')
        )
    _colour_bar(out, name, (left + plot_w + 18, top), min(plot_h, 200.0), palette, top_value, percent, colorbar)  # fmt: skip
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _linked(cells: list[str], link: str | None) -> str:
    """Cells side by side, in one link when they share one."""
    joined = "\n".join(cells)
    return f'<a xlink:href="{escape(link)}">{joined}</a>' if link else joined


def _colour_bar(
    out: list[str],
    name: str,
    origin: tuple[float, float],
    height: float,
    palette: Sequence[str],
    top_value: float,
    percent: bool,
    label: str,
) -> None:
    x, y = origin
    height = max(height, 60.0)
    steps = 24
    for k in range(steps):
        share = 1 - (k + 0.5) / steps
        out.append(
            f'<rect x="{_n(x)}" y="{_n(y + k * height / steps)}" width="12" '
            f'height="{_n(height / steps + 0.5)}" fill="{_colour(palette, share)}"/>'
        )
    ticks = [0.0, 0.5, 1.0]
    for t in ticks:
        value = t * top_value
        text = f"{100 * value:.0f}%" if percent else f"{value:.3g}"
        out.append(_text(x + 16, y + height - t * height + 4, text))
    if label:
        cx = x + 58
        out.append(
            _text(cx, y + height / 2, label, anchor="middle",
                  extra=f' transform="rotate(-90 {_n(cx)} {_n(y + height / 2)})" font-size="10" fill="#555555"')
        )  # fmt: skip
