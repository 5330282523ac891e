"""The table of contents of a compare report: each section with its new / dropped / edited
row counts, linking to the first table row under it; a renamed heading is one entry."""

from __future__ import annotations

from dataclasses import dataclass

from policydrift.compare.models import Comparison
from policydrift.reports.tables import row_section_title

__all__ = ["SectionView", "section_views"]


@dataclass(frozen=True)
class SectionView:
    """One entry of the table of contents."""

    kind: str  # same, renamed, new, dropped
    title: str
    old_title: str  # the old heading when renamed, else ''
    new_rows: int
    dropped_rows: int
    edited_rows: int
    anchor: str  # the id of the first table row in the section ('' when it has none)


def section_views(c: Comparison) -> tuple[SectionView, ...]:
    """The entries, in report order, or () when neither statement has headings."""
    first: dict[str, int] = {}
    for n, row in enumerate(c.rows, start=1):
        first.setdefault(row_section_title(c, row), n)
    out = []
    for s in c.sections:
        title = s.title
        row = first.get(title) if s.kind != "dropped" or s.old_title else None
        out.append(
            SectionView(
                kind=s.kind,
                title=title,
                old_title=(s.old_title or "") if s.kind == "renamed" else "",
                new_rows=s.new_rows,
                dropped_rows=s.dropped_rows,
                edited_rows=s.edited_rows,
                anchor=f"row-{row}" if row else "",
            )
        )
    return tuple(out)
