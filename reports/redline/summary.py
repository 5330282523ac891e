"""What a reader should see first about a comparison: counts, themes, the most changed rows.

One summary feeds the first screen of the HTML report, the table at the top of the Word export
and the header of the Markdown export, so the three always agree. It only reads what the
engine computed (row kinds, word opcodes, theme statuses and, when rows carry them, strength
``shifts``); it scores nothing itself. Most changed rows are those with the most changed
words, ties broken by row order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policydrift.compare.models import KINDS, Comparison
from policydrift.corpus.models import Statement
from policydrift.reports.compare.marks import KindClass
from policydrift.reports.compare.view import LABELS, percent, score_text
from policydrift.reports.redline.inline import InlineView, build_inline, changed_words

TOP = 5  # rows listed as most changed


@dataclass(frozen=True)
class Line:
    label: str
    value: str


@dataclass(frozen=True)
class RowNote:
    """Something said of one row of the table: the row's number (from 1) and anchor."""

    number: int

    @property
    def anchor(self) -> str:
        return f"row-{self.number}"


@dataclass(frozen=True)
class TopRow(RowNote, KindClass):
    """A row among the most changed: its number, kind, score and a short quote."""

    kind: str
    label: str
    score: str
    changed: int
    quote: str

    def describe(self) -> str:
        score = f", score {self.score}" if self.score else ""
        return (
            f"row {self.number} ({self.label}{score}, {self.changed} words changed): {self.quote}"
        )


@dataclass(frozen=True)
class Shift(RowNote):
    """A strength shift carried by a row (from the engine), as one line of text."""

    text: str


@dataclass(frozen=True)
class Summary:
    old_label: str
    new_label: str
    counts: tuple[tuple[str, str, int], ...]  # (kind, label, rows) for kinds present
    lines: tuple[Line, ...]
    themes: tuple[tuple[str, tuple[str, ...]], ...]  # (status, theme labels) flagged
    top: tuple[TopRow, ...]
    shifts: tuple[Shift, ...]
    deleted_words: int
    inserted_words: int

    @property
    def lists(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Themes, top rows and shifts as (title, items) for plain-text outputs."""
        out = [(f"Themes {status}", labels) for status, labels in self.themes]
        out.append(("Most changed sentences", tuple(t.describe() for t in self.top)))
        if self.shifts:
            out.append(("Strength shifts", tuple(f"row {s.number}: {s.text}" for s in self.shifts)))
        return tuple(out)


def label(s: Statement) -> str:
    """An edition's name for headings: title (or id), with its date."""
    name = s.title or s.id
    return f"{name} ({s.date})" if s.date else name


def build_summary(c: Comparison, view: InlineView | None = None) -> Summary:
    """The summary of ``c`` (``view``: its inline redline, when already built)."""
    view = view if view is not None else build_inline(c)
    counts: dict[str, int] = {}
    for row in c.rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    order = [k for k in KINDS if k in counts] + sorted(k for k in counts if k not in KINDS)
    kinds = tuple((k, LABELS.get(k, k), counts[k]) for k in order)
    deleted = inserted = 0
    changed: dict[int, int] = {}
    for row in view.rows:
        if row.move == "away":
            continue
        d = sum(len(w.split()) for w in changed_words(row, "del"))
        i = sum(len(w.split()) for w in changed_words(row, "ins"))
        deleted, inserted = deleted + d, inserted + i
        if c.rows[row.number - 1].old and c.rows[row.number - 1].new and d + i:
            changed[row.number] = d + i
    top = sorted(changed, key=lambda n: (-changed[n], n))[:TOP]
    f = c.figures
    lines = (
        Line("Old edition", label(c.old)),
        Line("New edition", label(c.new)),
        Line(
            "Sentences",
            f"{len(c.old.sentences)} old, {len(c.new.sentences)} new, in {len(c.rows)} rows: "
            + ", ".join(f"{n} {name}" for _, name, n in kinds),
        ),
        Line(
            "Words",
            f"{percent(f.new_reused_share)} of the new text reused from the old; "
            f"{percent(f.old_retained_share)} of the old kept; "
            f"{deleted} deleted, {inserted} inserted",
        ),
    )
    return Summary(
        old_label=label(c.old),
        new_label=label(c.new),
        counts=kinds,
        lines=lines,
        themes=_themes(c.themes),
        top=tuple(_top(c, n, changed[n]) for n in top),
        shifts=_shifts(c),
        deleted_words=deleted,
        inserted_words=inserted,
    )


def _top(c: Comparison, n: int, words: int) -> TopRow:
    row = c.rows[n - 1]
    text = " ".join(s.text for s in c.sentences("new", row))
    quote = " ".join(text.split()[:14]) + (" …" if len(text.split()) > 14 else "")
    kind = row.kind
    return TopRow(n, kind, LABELS.get(kind, kind), score_text(row.score), words, quote)


def _themes(themes: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Flagged theme statuses with their labels, new and dropped first."""
    chips = getattr(themes, "chips", ()) or ()
    return tuple((status, tuple(t.label for t in changes)) for status, changes in chips if changes)


def _shifts(c: Comparison) -> tuple[Shift, ...]:
    """Strength shifts, when the engine found them: per row, either a ``shifts`` field on the
    row or the comparison's ``shifts.rows`` (one tuple of shifts per row)."""
    per_row = getattr(getattr(c, "shifts", None), "rows", None) or ()
    out = []
    for n, row in enumerate(c.rows, start=1):
        found = getattr(row, "shifts", None) or (per_row[n - 1] if n <= len(per_row) else ())
        out += [Shift(n, shift_text(shift)) for shift in found or ()]
    return tuple(out)


def shift_text(shift: Any) -> str:
    """One shift as a line: its ``describe()``, ``summary``, ``label`` or ``text``; a shift of
    the strength engine (direction, scale, marker words) as the CSV writes it; else ``str()``.

    >>> from types import SimpleNamespace as S
    >>> shift_text(S(direction="softened", scale="commitment", old_words="will", new_words="may"))
    "softened commitment: 'will' -> 'may'"
    """
    describe = getattr(shift, "describe", None)
    if callable(describe):
        return str(describe())
    for name in ("summary", "label", "text"):
        value = getattr(shift, name, None)
        if isinstance(value, str) and value:
            return value
    if all(hasattr(shift, name) for name in ("direction", "scale", "old_words", "new_words")):
        from policydrift.reports.tables import shift_text as csv_shift_text

        return csv_shift_text(shift)
    if isinstance(shift, dict):
        return ", ".join(f"{k}: {v}" for k, v in shift.items())
    return str(shift)
