"""View model of the shift counts table of the several-editions and timeline reports.

One column per pair of editions (in time order), a line of totals, then one line per theme
(the theme of the sentence the shift sits in), so that "language on X hardened from 2022 to
2024" reads at a glance. Counts come from :func:`policydrift.compare.shifts.summary.shift_table`.
"""

from __future__ import annotations

from dataclasses import dataclass

from policydrift.compare.shifts.models import DIRECTIONS
from policydrift.compare.shifts.summary import NO_THEME, ShiftTable

SHORT = {
    "strengthened": "\u2191",
    "softened": "\u2193",
    "hedged": "hedged ",
    "unhedged": "unhedged ",
    "negated": "negated ",
    "affirmed": "affirmed ",
}


@dataclass(frozen=True)
class ShiftCell:
    """One cell: the non-zero counts as short parts, and every count in words as a tooltip."""

    parts: tuple[tuple[str, str], ...]  # (direction, text) e.g. ("strengthened", "↑3")
    title: str

    @property
    def empty(self) -> bool:
        return not self.parts


@dataclass(frozen=True)
class ShiftLine:
    label: str
    cells: tuple[ShiftCell, ...]


@dataclass(frozen=True)
class ShiftTableView:
    """Columns (pair names and the anchors they link to), the totals line and a line per theme."""

    columns: tuple[tuple[str, str], ...]
    total: ShiftLine
    themes: tuple[ShiftLine, ...]


def cell(counts: dict[str, int] | None) -> ShiftCell:
    """A cell from counts per direction (None: no strength lexicon ran).

    >>> cell({"strengthened": 3, "softened": 1, "hedged": 0}).parts
    (('strengthened', '↑3'), ('softened', '↓1'))
    """
    if counts is None:
        return ShiftCell((), "not read")
    parts = tuple((d, f"{SHORT[d]}{counts[d]}") for d in DIRECTIONS if counts.get(d))
    title = ", ".join(f"{counts.get(d, 0)} {d}" for d in DIRECTIONS)
    return ShiftCell(parts, title)


def build_shift_table_view(
    table: ShiftTable, anchors: list[str], theme_labels: dict[str, str]
) -> ShiftTableView | None:
    """The view of ``table`` (None when no comparison ran a strength lexicon)."""
    if all(t is None for t in table.totals):
        return None
    themes = sorted(
        table.themes.items(),
        key=lambda item: (item[0] == NO_THEME, theme_labels.get(item[0], item[0]).lower()),
    )
    return ShiftTableView(
        columns=tuple(zip(table.columns, anchors, strict=True)),
        total=ShiftLine("All sentences", tuple(cell(t) for t in table.totals)),
        themes=tuple(
            ShiftLine(
                theme_labels.get(theme, theme) if theme != NO_THEME else "No theme",
                tuple(cell(c) for c in counts),
            )
            for theme, counts in themes
        ),
    )
