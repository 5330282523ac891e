"""What a strength shift is, as data: one shift, and the shifts of a whole comparison.

Vocabularies (one everywhere, JSON and CSV included):

- :data:`CHANGED_KINDS`: the alignment row kinds whose word diff is read for shifts. Rows that
  are ``same`` or ``moved`` have no changed words; ``new`` and ``dropped`` rows have one side
  only, and a sentence that appears or disappears is not a shift. ``reworded`` rows (the same
  point in other words) are not read either: their words differ throughout, so a marker on
  one side only is not an edit of that marker (the two reworded rows of the sample corpus
  that had shifts named a "not" of a contrast and an "obligations" of a description).
- :data:`DIRECTIONS`: ``strengthened`` / ``softened`` (a graded marker rose or fell, or a
  commitment clause was gained or lost), ``hedged`` / ``unhedged`` (a condition such as "where
  appropriate" added or removed), ``negated`` / ``affirmed`` (a negation added or removed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

CHANGED_KINDS = (
    "edited",
    "moved+edited",
    "split",
    "merged",
    "trimmed",
    "extended",
)
DIRECTIONS = ("strengthened", "softened", "hedged", "unhedged", "negated", "affirmed")
# Directions that make a sentence firmer / weaker; a row with both is "mixed".
FIRMER = ("strengthened", "unhedged")
WEAKER = ("softened", "hedged")


@dataclass(frozen=True)
class Shift:
    """One change of force inside an aligned pair of sentences.

    ``scale`` is a scale id of the strength lexicon (``commitment``, ``hedges``...);
    ``old_words`` / ``new_words`` are the marker words on each side as written, the evidence
    (several markers joined by `` … ``; empty when the side has none). ``old_span`` /
    ``new_span`` are token ranges ``(start, end)`` into the row's ``old_words`` /
    ``new_words`` tokens covering those markers, or None.
    """

    scale: str
    direction: str
    old_words: str
    new_words: str
    old_span: tuple[int, int] | None = None
    new_span: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            msg = f"direction must be one of {', '.join(DIRECTIONS)}: {self.direction!r}"
            raise ValueError(msg)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: scale, direction, old and new words."""
        return {
            "scale": self.scale,
            "direction": self.direction,
            "old_words": self.old_words,
            "new_words": self.new_words,
        }


def is_mixed(shifts: tuple[Shift, ...] | list[Shift]) -> bool:
    """Whether shifts go both ways: one firmer (strengthened, unhedged), one weaker.

    >>> is_mixed([Shift("support", "strengthened", "", "strongly"),
    ...           Shift("intensity", "softened", "early", "")])
    True
    """
    directions = {s.direction for s in shifts}
    return bool(directions & set(FIRMER)) and bool(directions & set(WEAKER))


@dataclass(frozen=True)
class ShiftReport:
    """The shifts of one comparison: one tuple per alignment row (empty when none).

    ``lexicon`` describes the strength lexicon used (name, version, sources, digest).
    """

    rows: tuple[tuple[Shift, ...], ...]
    lexicon: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Shifts per direction (every direction listed, in :data:`DIRECTIONS` order), plus
        ``rows`` (rows with a shift) and ``mixed`` (rows with shifts both ways)."""
        counts = dict.fromkeys(DIRECTIONS, 0)
        for shifts in self.rows:
            for shift in shifts:
                counts[shift.direction] += 1
        counts["rows"] = sum(1 for shifts in self.rows if shifts)
        counts["mixed"] = sum(1 for shifts in self.rows if is_mixed(shifts))
        return counts

    def to_frame(self) -> pd.DataFrame:
        """One line per shift: row (0-based), scale, direction, old and new words."""
        import pandas as pd

        records = [
            {"row": n, **shift.to_dict()} for n, shifts in enumerate(self.rows) for shift in shifts
        ]
        return pd.DataFrame.from_records(
            records, columns=["row", "scale", "direction", "old_words", "new_words"]
        )
