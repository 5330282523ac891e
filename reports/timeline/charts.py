"""Charts of the timeline report, drawn with matplotlib into inline SVG strings.

The figures receive numbers already computed by ``compare/`` and only draw them. Output is
reproducible byte for byte: matplotlib's SVG backend with ``metadata={'Date': None}``, a fixed
``svg.hashsalt`` per chart, math text parsing off (a ``$`` in a title stays a dollar sign),
no comments, and text kept as ``<text>`` in one fixed font (DejaVu Sans, which matplotlib ships
and measures; Verdana, its closest match, is the browser's fallback). Text as text keeps the
charts small, fast to draw and searchable. Layout is computed here from the label lengths (one
draw per chart, no ``bbox_inches='tight'``). Every ``id`` inside a chart is prefixed with the
chart's own name, so several charts sit in one HTML page without clashing. matplotlib is
imported inside the functions (it is slow to load).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["heatmap_svg", "reuse_svg"]

FONT_SIZE = 9.0
_STYLE = {
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "DejaVu Sans",
    "font.size": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "path.simplify": False,
}
_FONTS = "font-family: 'DejaVu Sans', Verdana, 'Liberation Sans', Arial, sans-serif"
# Colour-blind-safe line colours (Okabe-Ito), then tab10 for more series, in a fixed order.
LINE_COLOURS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
    "#8c564b", "#7f7f7f", "#bcbd22", "#17becf", "#9467bd",
)  # fmt: skip
MAX_TICKS = 30
MAX_ROW_LABELS = 120
MAX_LINKED_CELLS = 20_000  # above this a heatmap is one image, without cell links
MAX_LABELLED_CELLS = 160  # above this the values are not printed in the cells
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_CHAR = 0.6 * FONT_SIZE / 72  # average width of a character, inches


@contextmanager
def _figure(name: str, width: float, height: float):
    """A fresh figure under the fixed style, closed afterwards whatever happens."""
    if not _NAME.match(name):
        msg = f"chart name must be letters, digits, '-' or '_': {name!r}"
        raise ValueError(msg)
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": f"drift-{name}", "svg.id": name}):
        fig = plt.figure(figsize=(width, height))
        try:
            yield fig
        finally:
            plt.close(fig)


def _svg(fig: Any, name: str) -> str:
    """The figure as an ``<svg>`` element: no prolog, no comments, ids prefixed with ``name``."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    text = text.replace(' target="_blank"', "")
    text = text.replace("font-family: 'DejaVu Sans'", _FONTS)
    text = re.sub(r'\bid="(?!' + re.escape(name) + r'")([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r'xlink:href="#(?!x-)([^"]+)"', rf'xlink:href="#{name}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", text)
    text = re.sub(r"\n\s*\n", "\n", text)
    return text.strip() + "\n"


def _ticks(count: int, *, most: int = 0) -> list[int]:
    """At most ``most`` (default ``MAX_TICKS``) evenly spaced positions, always the last one."""
    most = most or MAX_TICKS
    if count <= most:
        return list(range(count))
    step = math.ceil(count / most)
    ticks = list(range(0, count, step))
    if ticks[-1] != count - 1:
        ticks.append(count - 1)
    return ticks


def _title_width(title: str) -> float:
    """Inches a bold 10 pt title needs, with the margin before it."""
    return 0.2 + len(title) * 0.62 * 10 / 72


def _title(fig: Any, title: str, height: float) -> None:
    """The chart's title at the top left of the figure (never over the colour bar)."""
    fig.text(
        0.1 / fig.get_figwidth(),
        1 - 0.12 / height,
        title,
        ha="left",
        va="top",
        fontsize=10,
        fontweight="bold",
    )


def _longest(labels: Sequence[str]) -> int:
    return max((len(label) for label in labels), default=1)


def reuse_svg(
    name: str,
    labels: Sequence[str],
    lines: Mapping[str, Sequence[float | None]],
    *,
    title: str,
    ylabel: str = "share of words reused",
) -> str:
    """A line chart of 0-1 shares over editions; a line joins only its non-None values.

    ``labels`` name the editions (dates), ``lines`` maps a legend label to one value per
    edition, drawn in the given order.
    """
    for label, values in lines.items():
        if len(values) != len(labels):
            msg = f"line {label!r} has {len(values)} values for {len(labels)} editions"
            raise ValueError(msg)
    count = len(labels)
    plot_w = min(9.5, max(3.6, 0.42 * count + 1.0))
    rotate = _longest(labels) * _CHAR > 0.9 * plot_w / max(1, count)
    legend_w = min(3.2, _longest(list(lines)) * _CHAR + 0.55) if lines else 0.2
    left, right, top = 0.75, legend_w + 0.1, 0.45
    bottom = 0.35 + (_longest(labels) * _CHAR * 0.72 if rotate else 0.1)
    width = max(left + plot_w + right, _title_width(title))
    height = top + 2.2 + bottom
    with _figure(name, width, height) as fig:
        ax = fig.add_axes((left / width, bottom / height, plot_w / width, 2.2 / height))
        markers = ("o", "s", "^", "D", "v", "P")
        for n, (label, values) in enumerate(lines.items()):
            points = [(x, 100.0 * v) for x, v in enumerate(values) if v is not None]
            ax.plot(
                [x for x, _ in points],
                [y for _, y in points],
                marker=markers[n % len(markers)],
                markersize=5 if count <= 60 else 2.5,
                linewidth=1.6,
                color=LINE_COLOURS[n % len(LINE_COLOURS)],
                label=label,
            )
        ax.set_ylim(-3, 103)
        ax.set_xlim(-0.5, max(0.5, count - 0.5))
        ax.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        ticks = _ticks(count)
        ax.set_xticks(
            ticks,
            [labels[i] for i in ticks],
            rotation=45 if rotate else 0,
            ha="right" if rotate else "center",
            rotation_mode="anchor",
        )
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_ylabel(ylabel)
        _title(fig, title, height)
        if lines:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        return _svg(fig, name)


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
    Small maps print the value in each cell.
    """
    if len(values) != len(rows) or any(len(r) != len(columns) for r in values):
        msg = f"values must be {len(rows)} rows of {len(columns)} cells"
        raise ValueError(msg)
    if links is not None:
        for row in links:
            for link in row:
                if link is not None and not link.startswith("#x-"):
                    msg = f"cell links must be page anchors starting '#x-': {link!r}"
                    raise ValueError(msg)
    import numpy as np

    data = np.array(
        [[math.nan if v is None else float(v) for v in row] for row in values], dtype=float
    )
    data = data.reshape(len(rows), len(columns))
    nrows, ncols = data.shape
    top_value = (
        vmax if vmax is not None else (float(np.nanmax(data)) if np.isfinite(data).any() else 1.0)
    )
    top_value = top_value or 1.0
    cell = 0.3 if max(nrows, ncols) <= 40 else max(0.02, 12.0 / max(nrows, ncols))
    left = min(3.6, _longest(rows) * _CHAR + 0.25)
    bottom = min(2.2, _longest(columns) * _CHAR * 0.72 + 0.3)
    top, right = 0.45, 1.0
    plot_w, plot_h = max(1.2, ncols * cell), max(0.4, nrows * cell)
    width, height = max(left + plot_w + right, _title_width(title)), top + plot_h + bottom
    with _figure(name, width, height) as fig:
        ax = fig.add_axes((left / width, bottom / height, plot_w / width, plot_h / height))
        if links is not None and nrows * ncols <= MAX_LINKED_CELLS:
            mappable = _linked_cells(ax, data, links, cmap, top_value)
        else:
            mappable = ax.imshow(
                data, cmap=cmap, vmin=0.0, vmax=top_value, aspect="auto", interpolation="nearest"
            )
        if nrows * ncols <= MAX_LABELLED_CELLS:
            for i in range(nrows):
                for j in range(ncols):
                    v = data[i, j]
                    if math.isnan(v) or (not percent and v == 0):
                        continue
                    text = f"{100 * v:.0f}" if percent else f"{v:g}"
                    colour = "white" if v > 0.6 * top_value else "#222222"
                    ax.text(j, i, text, ha="center", va="center", fontsize=7, color=colour)
        xt, yt = _ticks(ncols), _ticks(nrows, most=MAX_ROW_LABELS)
        ax.set_xticks(xt, [columns[j] for j in xt], rotation=45, ha="right", rotation_mode="anchor")
        ax.set_yticks(yt, [rows[i] for i in yt])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        _title(fig, title, height)
        bar_ax = fig.add_axes(
            ((left + plot_w + 0.15) / width, bottom / height, 0.12 / width, plot_h / height)
        )
        bar = fig.colorbar(mappable, cax=bar_ax)
        bar.outline.set_visible(False)
        if colorbar:
            bar.set_label(colorbar, fontsize=8)
        if percent:
            ticks = [tick for tick in (0.0, 0.25, 0.5, 0.75, 1.0) if tick <= top_value + 1e-9]
            bar.set_ticks(ticks, labels=[f"{100 * tick:.0f}%" for tick in ticks])
        return _svg(fig, name)


def _linked_cells(
    ax: Any, data: Any, links: Sequence[Sequence[str | None]], cmap: str, top: float
) -> Any:
    """One rectangle per non-blank cell, each wrapped in its link (an SVG ``<a>``)."""
    import numpy as np
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    nrows, ncols = data.shape
    patches, urls, colours = [], [], []
    for i in range(nrows):
        for j in range(ncols):
            if math.isnan(data[i, j]):
                continue
            patches.append(Rectangle((j - 0.5, i - 0.5), 1.0, 1.0))
            urls.append(links[i][j])
            colours.append(data[i, j])
    collection = PatchCollection(patches, cmap=cmap, edgecolor="white", linewidth=0.8)
    collection.set_array(np.array(colours, dtype=float))
    collection.set_clim(0.0, top)
    collection.set_urls(urls)
    ax.add_collection(collection)
    ax.set_xlim(-0.5, ncols - 0.5)
    ax.set_ylim(nrows - 0.5, -0.5)
    return collection
