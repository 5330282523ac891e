"""Shift counts across comparisons: per pair of editions, and per theme of the sentence.

A row's themes are those the theme coding found in its sentences (new side and old side,
:attr:`policydrift.compare.themes.models.ThemeComparison.sentence_themes`); a row with no theme
counts under the empty id ``""`` ("no theme"). Used by the several-editions and timeline
reports, so that "language on ransomware hardened from 2022 to 2024" is one glance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policydrift.compare.shifts.models import DIRECTIONS

if TYPE_CHECKING:
    from policydrift.compare.models import Comparison

NO_THEME = ""


def empty_counts() -> dict[str, int]:
    """Every direction at 0, in :data:`~policydrift.compare.shifts.models.DIRECTIONS` order."""
    return dict.fromkeys(DIRECTIONS, 0)


ThemesOf = Callable[[str, int], "tuple[str, ...] | list[str]"]


def coded_themes(c: Comparison) -> ThemesOf:
    """Theme ids of sentence ``index`` of a side (``old``/``new``) from the comparison's own
    theme coding (none when no theme lexicon ran)."""
    found = getattr(c.themes, "sentence_themes", None) if c.themes is not None else None

    def themes_of(side: str, index: int) -> tuple[str, ...]:
        by_index = (found or {}).get(side) or {}
        return tuple(str(t) for t in by_index.get(index, ()) or ())

    return themes_of


def row_themes(c: Comparison, position: int, themes_of: ThemesOf | None = None) -> tuple[str, ...]:
    """Theme ids of the sentences of row ``position`` (new side first, then old)."""
    themes_of = themes_of if themes_of is not None else coded_themes(c)
    row = c.rows[position]
    ids: dict[str, None] = {}
    for side in ("new", "old"):
        for index in getattr(row, side):
            ids.update(dict.fromkeys(themes_of(side, index)))
    return tuple(ids)


def theme_counts(c: Comparison, themes_of: ThemesOf | None = None) -> dict[str, dict[str, int]]:
    """Shifts per direction for each theme of the sentences they sit in (``""``: no theme).

    Empty when no strength lexicon ran. A shift in a sentence with two themes counts for both.
    ``themes_of(side, index)`` gives a sentence's theme ids (default: the comparison's own
    theme coding, :func:`coded_themes`).

    >>> from policydrift.corpus.collection import SAMPLE_CORPUS, read_one
    >>> from policydrift.compare import compare
    >>> from policydrift.compare.shifts.lexicon import load_strength
    >>> folder = SAMPLE_CORPUS / "whitehouse" / "cyber_awareness_month_proclamations"
    >>> a, b = (read_one(f) for f in sorted(folder.glob("*202[23]*.md")))
    >>> theme_counts(compare(a, b, strength=load_strength()))  # no theme coding ran: ""
    {'': {'strengthened': 1, 'softened': 0, 'hedged': 0, 'unhedged': 0, 'negated': 0, 'affirmed': 0}}
    """
    if c.shifts is None:
        return {}
    table: dict[str, dict[str, int]] = {}
    for position, shifts in enumerate(c.shifts.rows):
        if not shifts:
            continue
        for theme in row_themes(c, position, themes_of) or (NO_THEME,):
            counts = table.setdefault(theme, empty_counts())
            for shift in shifts:
                counts[shift.direction] += 1
    return table


@dataclass(frozen=True)
class ShiftTable:
    """Shift counts of several comparisons side by side: one column per comparison.

    ``columns`` name the comparisons (e.g. "2022 -> 2023"); ``totals[k]`` are the counts of
    comparison ``k`` (None when it ran no strength lexicon); ``themes`` holds, per theme id
    (``""``: no theme), one counts dict per comparison.
    """

    columns: tuple[str, ...]
    totals: tuple[dict[str, int] | None, ...]
    themes: dict[str, tuple[dict[str, int], ...]]


def shift_table(comparisons: list[Comparison], columns: list[str]) -> ShiftTable:
    """The counts of ``comparisons`` (named by ``columns``), in total and per theme."""
    per = [theme_counts(c) for c in comparisons]
    ids = sorted({t for found in per for t in found}, key=lambda t: (t == NO_THEME, t))
    return ShiftTable(
        columns=tuple(columns),
        totals=tuple(c.shifts.counts() if c.shifts is not None else None for c in comparisons),
        themes={t: tuple(found.get(t, empty_counts()) for found in per) for t in ids},
    )
