"""The view-model dataclasses of the compare report: what the templates read.

Built by :mod:`policydrift.reports.compare.view` from a comparison; plain frozen values, no
HTML (the templates turn them into markup with autoescaping on).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policydrift.reports.compare.marks import KindClass, Segment
from policydrift.reports.compare.shifts_view import ShiftChip, ShiftPanel

if TYPE_CHECKING:
    from policydrift.corpus.models import Furniture
    from policydrift.reports.redline.inline import InlineView
    from policydrift.reports.redline.summary import Summary


@dataclass(frozen=True)
class SentenceView:
    """One sentence in a cell, with its word-level marks and theme ids."""

    side: str
    index: int
    segments: tuple[Segment, ...]
    themes: str = ""

    @property
    def ref(self) -> str:
        """The ``data-sentence`` value, e.g. ``old:3`` (0-based index as in the JSON)."""
        return f"{self.side}:{self.index}"


@dataclass(frozen=True)
class RowView(KindClass):
    """One line of the side-by-side table: an alignment row, or the ghost of a moved one.

    A ghost stands at the other position of a moved sentence; ``link`` is the id of its
    partner line (the ghost for a moved row, the moved row for a ghost).
    """

    number: int
    anchor: str
    kind: str
    label: str
    score: str
    old: tuple[SentenceView, ...]
    new: tuple[SentenceView, ...]
    is_change: bool
    ghost: str = ""
    link: str = ""
    arrow: str = ""
    group: str = ""
    weight: int = 1
    shifts: tuple[ShiftChip, ...] = ()
    band: str = ""
    closest: str = ""
    closest_link: str = ""
    passages: tuple[str, ...] = ()

    @property
    def shift_directions(self) -> str:
        """The directions of the row's shifts, space-separated (``data-shifts``)."""
        return " ".join(dict.fromkeys(chip.direction for chip in self.shifts))


@dataclass(frozen=True)
class KindCount(KindClass):
    """One kind's count in the header, with its share of rows for the stacked bar."""

    kind: str
    label: str
    meaning: str
    count: int
    width: str


@dataclass(frozen=True)
class StatementView:
    """Header facts about one statement."""

    side: str
    title: str
    date: str
    date_source: str
    series: str
    source: str
    source_url: str
    file_name: str
    path: str
    encoding: str
    sentences: int
    words: int
    furniture: tuple[Furniture, ...]  # shown: its text and reason


@dataclass(frozen=True)
class PassageView:
    """A shared word run, with the rows where it sits on each side."""

    words: int
    text: str
    old_rows: tuple[int, ...]
    new_rows: tuple[int, ...]


@dataclass(frozen=True)
class ReportView:
    """Everything ``compare.html`` shows."""

    old: StatementView
    new: StatementView
    rows: tuple[RowView, ...]
    kinds: tuple[KindCount, ...]
    total_rows: int
    changed_rows: int
    identical: bool
    identical_text: bool
    nothing_aligned: bool
    new_reused: str
    old_retained: str
    scorer: str
    threshold: str
    split_threshold: str
    min_passage_words: int
    passages: tuple[PassageView, ...]
    bands: tuple[tuple[str, int], ...]
    generated: str | None
    version: str
    sections: tuple[Any, ...] = ()  # reports.compare.sections_view.SectionView
    notes: tuple[str, ...] = ()  # how it was made: date order, hidden spelling edits
    shifts: ShiftPanel | None = None
    inline: InlineView | None = None
    story: Summary | None = None
    edited_kinds: tuple[str, ...] = ()
    limit_notes: tuple[str, ...] = ()

    @property
    def edited_preset(self) -> str:
        """The URL state of the "edited only" preset: kinds reworded in place."""
        return "kinds=" + ",".join(self.edited_kinds or ("edited",))
