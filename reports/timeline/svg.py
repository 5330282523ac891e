"""What every chart of the timeline report is drawn with: its opening, text, coordinates.

Coordinates are printed with one decimal and no trailing zero, so that the same chart is the
same bytes; text is escaped here (``html.escape``), as charts are inserted as markup.
"""

from __future__ import annotations

import re
from html import escape

__all__ = ["CHAR", "FONT", "FONT_SIZE", "check_name", "num", "open_svg", "svg_text"]

FONT = "font-family:'DejaVu Sans',Verdana,'Liberation Sans',Arial,sans-serif"
FONT_SIZE = 11
CHAR = 6.4  # average width of a character at FONT_SIZE, pixels (generous)
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def check_name(name: str) -> None:
    """A chart's name (the prefix of every id inside it) must be a plain identifier."""
    if not _NAME.match(name):
        msg = f"chart name must be letters, digits, '-' or '_': {name!r}"
        raise ValueError(msg)


def num(value: float) -> str:
    """A coordinate with one decimal, no trailing zero: stable text for stable bytes."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg_text(x: float, y: float, text: str, *, anchor: str = "start", extra: str = "") -> str:
    """``text`` (escaped) at ``x, y``."""
    return f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def open_svg(name: str, width: float, height: float, title: str) -> list[str]:
    """The opening lines of a chart: the ``svg`` element, its title, a white ground."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'id="{name}" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" role="img" aria-labelledby="{name}-title" '
        f'style="{FONT};font-size:{FONT_SIZE}px">',
        f'<title id="{name}-title">{escape(title)}</title>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        svg_text(8, 17, title, extra=' font-weight="bold" font-size="13"'),
    ]
