"""View models of the "Strengthened / softened" panel and the shift chips of the table rows.

Built from a comparison's :class:`policydrift.compare.shifts.models.ShiftReport` (None when no
strength lexicon ran: no panel, no chips). Rows are numbered from 1, as in the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from policydrift.compare.models import Comparison
from policydrift.compare.shifts.models import DIRECTIONS, Shift, is_mixed

DIRECTION_MEANINGS = {
    "strengthened": "a firmer word in its place: 'intend to' became 'will', 'note' became 'welcome'",
    "softened": "a weaker word, or a commitment lost: 'commit to' became 'consider'",
    "hedged": "a condition added: 'where appropriate', 'subject to national laws'",
    "unhedged": "a condition removed",
    "negated": "a negation added: 'will not', 'no longer'",
    "affirmed": "a negation removed",
}
SCALE_LABELS = {
    "commitment": "commitment",
    "necessity": "necessity",
    "stance": "stance",
    "support": "support",
    "intensity": "intensity",
    "hedges": "hedge",
    "negation": "negation",
}


@dataclass(frozen=True)
class ShiftChip:
    """One shift as a chip on a table row: direction, scale and the words as a tooltip."""

    direction: str
    scale: str
    old_words: str
    new_words: str

    @property
    def title(self) -> str:
        """The evidence, e.g. ``commitment: 'commit to' → 'will consider'``."""
        old = f"'{self.old_words}'" if self.old_words else "nothing"
        new = f"'{self.new_words}'" if self.new_words else "nothing"
        return f"{self.scale}: {old} \u2192 {new}"


@dataclass(frozen=True)
class ShiftItem:
    """One row of the panel: the table row it points at and its shifts."""

    row: int
    anchor: str
    chips: tuple[ShiftChip, ...]
    mixed: bool


@dataclass(frozen=True)
class DirectionCount:
    """How many shifts of one direction the comparison has."""

    direction: str
    count: int

    @property
    def meaning(self) -> str:
        """What the direction means, with examples (:data:`DIRECTION_MEANINGS`)."""
        return DIRECTION_MEANINGS[self.direction]


@dataclass(frozen=True)
class ShiftPanel:
    """Counts per direction, then every row with a shift; ``lexicon`` names what was used."""

    counts: tuple[DirectionCount, ...]
    rows_with: int
    mixed: int
    changed_rows: int
    items: tuple[ShiftItem, ...]
    lexicon: str


def chips(shifts: tuple[Shift, ...] | list[Shift]) -> tuple[ShiftChip, ...]:
    """The chips of one row's shifts, in reading order."""
    return tuple(
        ShiftChip(s.direction, SCALE_LABELS.get(s.scale, s.scale), s.old_words, s.new_words)
        for s in shifts
    )


def row_chips(c: Comparison, position: int) -> tuple[ShiftChip, ...]:
    """The chips of row ``position`` (0-based); none when no strength lexicon ran."""
    if c.shifts is None:
        return ()
    return chips(c.shifts.rows[position])


def build_shift_panel(c: Comparison, *, anchor_prefix: str = "") -> ShiftPanel | None:
    """The panel of a comparison, or None when no strength lexicon ran."""
    report = c.shifts
    if report is None:
        return None
    from policydrift.compare.shifts.models import CHANGED_KINDS

    counts = report.counts()
    items = tuple(
        ShiftItem(n, f"{anchor_prefix}row-{n}", chips(shifts), is_mixed(shifts))
        for n, shifts in enumerate(report.rows, start=1)
        if shifts
    )
    lexicon = report.lexicon
    named = f"{lexicon.get('name', '')} {lexicon.get('version', '')}".strip()
    return ShiftPanel(
        counts=tuple(DirectionCount(d, counts[d]) for d in DIRECTIONS),
        rows_with=counts["rows"],
        mixed=counts["mixed"],
        changed_rows=sum(1 for row in c.rows if row.kind in CHANGED_KINDS),
        items=items,
        lexicon=named,
    )
