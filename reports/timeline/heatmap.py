"""The heatmaps of the timeline report, drawn directly as inline SVG strings.

:func:`heatmap_svg`: rows x columns of counts or shares, each cell a link to its evidence and
with a tooltip; cells stay at least :data:`MIN_CELL` pixels wide, column labels are thinned
only when they would overlap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from html import escape

from policydrift.reports.timeline.svg import CHAR, FONT_SIZE, check_name, num, open_svg, svg_text

__all__ = ["MIN_CELL", "PALETTES", "heatmap_svg"]

MIN_CELL = 12
# Sequential palettes (ColorBrewer), light to dark.
PALETTES = {
    "Purples": ("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"),
    "YlGnBu": ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"),
    "Blues": ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"),
}  # fmt: skip


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
    check_name(name)
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
    out = open_svg(name, width, height, title)
    labelled = cell >= 22
    cells: list[str] = []  # every cell stroked white by one group, runs of a link in one <a>
    numbers: list[str] = []
    # each coordinate and label written once: escaping is per character, so a tooltip's
    # parts escaped apart read as the whole escaped at once
    size = num(cell)
    xs = [num(left + j * cell) for j in range(ncols)]
    mid_xs = [num(left + j * cell + cell / 2) for j in range(ncols)]
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
            out.append(svg_text(left - 6, y + cell / 2 + 4, rows[i], anchor="end"))
        y_text, mid_y, tip_row = num(y), num(y + cell / 2 + 3.5), escape(rows[i])
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
            svg_text(x, y, label, anchor="end", extra=f' transform="rotate(-45 {num(x)} {num(y)})"')
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
            f'<rect x="{num(x)}" y="{num(y + k * height / steps)}" width="12" '
            f'height="{num(height / steps + 0.5)}" fill="{_colour(palette, share)}"/>'
        )
    ticks = [0.0, 0.5, 1.0]
    for t in ticks:
        value = t * top_value
        text = f"{100 * value:.0f}%" if percent else f"{value:.3g}"
        out.append(svg_text(x + 16, y + height - t * height + 4, text))
    if label:
        cx = x + 58
        out.append(
            svg_text(cx, y + height / 2, label, anchor="middle",
                  extra=f' transform="rotate(-90 {num(cx)} {num(y + height / 2)})" font-size="10" fill="#555555"')
        )  # fmt: skip
