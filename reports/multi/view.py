"""View models of the multi-edition report (``drift compare A B C ...``).

Built from a :class:`policydrift.compare.multi.MultiComparison`: one summary line per edition, then one
section per comparison holding the same :class:`~policydrift.reports.compare.models.ReportView` as the two-file
report, its row anchors prefixed with the section's id (``c2-row-5``) so that several tables
live in one page. Nothing here builds HTML or computes a score: the figures come from the
comparisons, formatted as text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

from policydrift.compare.models import KINDS
from policydrift.compare.multi import MultiComparison
from policydrift.corpus.models import Statement
from policydrift.reports.compare.marks import KindClass
from policydrift.reports.compare.view import (
    LABELS,
    MEANINGS,
    KindCount,
    ReportView,
    build_report,
    percent,
)
from policydrift.reports.multi.shifts_view import ShiftTableView, build_shift_table_view

ARROW = "\u2192"


@dataclass(frozen=True)
class KindCell(KindClass):
    """One kind's count in an edition's summary line."""

    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class EditionLine:
    """One line of the summary table: an edition and how it reads against its reference."""

    number: int
    anchor: str
    date: str
    title: str
    file_name: str
    path: str
    words: int
    sentences: int
    is_base: bool
    section: str
    pair: str
    shared: str
    shared_width: str
    counts: tuple[KindCell, ...]
    themes_new: tuple[str, ...]
    themes_dropped: tuple[str, ...]


@dataclass(frozen=True)
class SectionView:
    """One comparison of the page: a pair of editions and its side-by-side report (the page
    links each section to the ones before and after it)."""

    number: int
    anchor: str
    prefix: str
    title: str
    pair: str
    note: str
    report: ReportView
    themes: Any


@dataclass(frozen=True)
class TotalsView:
    """What ``_controls.html`` and ``_legend.html`` read: kinds and rows over all sections."""

    kinds: tuple[KindCount, ...]
    total_rows: int


@dataclass(frozen=True)
class MultiView:
    """Everything ``multi.html`` shows."""

    title: str
    heading: str
    mode: str
    intro: str
    shared_header: str
    order_note: str
    editions: tuple[EditionLine, ...]
    sections: tuple[SectionView, ...]
    totals: TotalsView
    columns: tuple[KindCount, ...]
    with_themes: bool
    generated: str | None
    version: str
    shifts: ShiftTableView | None = None


def label_of(s: Statement) -> str:
    """An edition's short name: its date, else its file name (or id).

    >>> from policydrift.corpus.models import Statement
    >>> label_of(Statement("x", "a/x.md", "", "", (), date="2021-03-29")), label_of(Statement("x", "a/x.md", "", "", ()))
    ('2021-03-29', 'x.md')
    """
    return s.date or os.path.basename(s.path) or s.id


def build_multi_report(multi: MultiComparison, *, generated: str | None = None) -> MultiView:
    """The view model of the multi-edition report."""
    m = multi
    number = {s.id: k for k, s in enumerate(m.editions, start=1)}
    theme_labels = _theme_labels(m)
    sections = _sections(m, number, generated)
    editions = tuple(_edition_line(m, k, number, theme_labels) for k in range(len(m.editions)))
    count = len(m.editions)
    totals = _totals(sections)
    present = {k.kind for k in totals.kinds if k.count}
    editions = tuple(
        replace(e, counts=tuple(cell for cell in e.counts if cell.kind in present))
        for e in editions
    )
    intro, shared_header = _intro(m, number)
    titles = {s.title for s in m.editions if s.title}
    span = f"{label_of(m.editions[0])} to {label_of(m.editions[-1])}"
    name = titles.pop() if len(titles) == 1 else f"{count} editions"
    return MultiView(
        title=f"drift compare: {name} ({count} editions, {span})",
        heading=f"How a statement changed across {count} editions",
        mode=m.mode,
        intro=intro,
        shared_header=shared_header,
        order_note=_order_note(m),
        editions=editions,
        sections=sections,
        totals=totals,
        columns=tuple(k for k in totals.kinds if k.count),
        with_themes=any(c.themes is not None for c in m.comparisons),
        generated=generated,
        version=sections[0].report.version,
        shifts=_shifts(m, sections, theme_labels),
    )


def _intro(m: MultiComparison, number: dict[str, int]) -> tuple[str, str]:
    """The sentence under the heading, and the header of the shared-words column."""
    count = len(m.editions)
    if m.mode == "previous":
        return (
            f"{count} editions, each compared with the edition before it.",
            "Words reused from the previous edition",
        )
    base = m.edition(m.base or "")
    return (
        f"{count} editions, each compared with the base: edition {number[base.id]}, "
        f"{label_of(base)}.",
        "Words also in the base",
    )


def _order_note(m: MultiComparison) -> str:
    """Why the editions are not in date order, when they are not."""
    if m.order != "given":
        return ""
    undated = [os.path.basename(m.edition(i).path) or i for i in m.undated]
    return (
        f"Kept in the order given: {len(undated)} of {len(m.editions)} editions have no date "
        f"({', '.join(undated)})."
    )


def _shifts(
    m: MultiComparison, sections: tuple[SectionView, ...], theme_labels: dict[str, str]
) -> ShiftTableView | None:
    from policydrift.compare.shifts.summary import shift_table

    table = shift_table(list(m.comparisons), [s.title for s in sections])
    return build_shift_table_view(table, [s.anchor for s in sections], theme_labels)


def prefixed(report: ReportView, prefix: str) -> ReportView:
    """``report`` with every row anchor and link prefixed (``row-3`` -> ``c2-row-3``)."""
    rows = tuple(
        replace(
            row,
            anchor=prefix + row.anchor,
            link=prefix + row.link if row.link else "",
            closest_link=prefix + row.closest_link if row.closest_link else "",
        )
        for row in report.rows
    )
    return replace(report, rows=rows, shifts=None)  # the pair's shifts: chips and counts


def _sections(
    m: MultiComparison, number: dict[str, int], generated: str | None
) -> tuple[SectionView, ...]:
    out = []
    for k, c in enumerate(m.comparisons, start=1):
        anchor = f"c{k}"
        old_no, new_no = number[c.old.id], number[c.new.id]
        if m.mode == "previous":
            note = f"Edition {new_no} compared with the edition before it, {old_no}."
        elif c.old.id == m.base:
            note = f"Edition {new_no} compared with the base, edition {old_no}."
        else:
            note = (
                f"Edition {old_no}, older than the base, compared with the base, edition {new_no}."
            )
        out.append(
            SectionView(
                number=k,
                anchor=anchor,
                prefix=f"{anchor}-",
                title=f"{label_of(c.old)} {ARROW} {label_of(c.new)}",
                pair=f"{old_no} {ARROW} {new_no}",
                note=note,
                report=prefixed(build_report(c, generated=generated), f"{anchor}-"),
                themes=c.themes,
            )
        )
    return tuple(out)


def _edition_line(
    m: MultiComparison, k: int, number: dict[str, int], theme_labels: dict[str, str]
) -> EditionLine:
    s, e = m.editions[k], m.summaries[k]
    counts: tuple[KindCell, ...] = ()
    pair = shared = width = section = ""
    if e.comparison is not None:
        c = m.comparisons[e.comparison]
        counts = tuple(
            KindCell(kind, LABELS.get(kind, kind), e.counts.get(kind, 0)) for kind in KINDS
        )
        pair = f"{number[c.old.id]} {ARROW} {number[c.new.id]}"
        shared = percent(e.shared_share or 0.0)
        width = f"{100 * (e.shared_share or 0.0):.4f}%"
        section = f"c{e.comparison + 1}"
    return EditionLine(
        number=k + 1,
        anchor=f"edition-{k + 1}",
        date=s.date or "",
        title=s.title or s.id,
        file_name=os.path.basename(s.path) or s.path,
        path=s.path,
        words=e.words,
        sentences=e.sentences,
        is_base=m.base == s.id,
        section=section,
        pair=pair,
        shared=shared,
        shared_width=width,
        counts=counts,
        themes_new=tuple(theme_labels.get(t, t) for t in e.themes_new or ()),
        themes_dropped=tuple(theme_labels.get(t, t) for t in e.themes_dropped or ()),
    )


def _theme_labels(m: MultiComparison) -> dict[str, str]:
    labels: dict[str, str] = {}
    for c in m.comparisons:
        if c.themes is not None:
            labels.update(c.themes.labels)
    return labels


def _totals(sections: tuple[SectionView, ...]) -> TotalsView:
    counts = dict.fromkeys(KINDS, 0)
    for section in sections:
        for k in section.report.kinds:
            counts[k.kind] = counts.get(k.kind, 0) + k.count
    total = sum(s.report.total_rows for s in sections)
    kinds = tuple(
        KindCount(
            kind,
            LABELS.get(kind, kind),
            MEANINGS.get(kind, ""),
            n,
            f"{100 * n / total:.4f}%" if total else "0%",
        )
        for kind, n in counts.items()
    )
    return TotalsView(kinds=kinds, total_rows=total)
