"""View models of the timeline report: plain frozen dataclasses that the template reads.

Built by :mod:`policydrift.reports.timeline.view` from a :class:`policydrift.compare.timeline.models.Timeline`; every
string here is final text (formatted figures, labels), escaped by the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydrift.compare.timeline.lineage import Step
from policydrift.reports.multi.shifts_view import ShiftTableView

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Segment:
    """A run of text in a diff: ``mark`` is '' (kept), 'del' or 'ins'."""

    text: str
    mark: str = ""


@dataclass(frozen=True)
class Link:
    """A labelled link to an anchor of the page (none when ``anchor`` is empty), with an
    optional count."""

    label: str
    anchor: str = ""
    count: int = 0


@dataclass(frozen=True)
class EditionRow:
    anchor: str
    date: str
    title: str
    series: str
    words: str
    from_previous: str
    from_earlier: str
    same: str
    edited: str
    new: str
    dropped: str
    formulaic: str
    sources: tuple[Link, ...]
    first: bool
    href: str = ""


@dataclass(frozen=True)
class SentenceLine:
    anchor: str
    number: int
    text: str
    cls: str
    label: str
    formulaic: bool
    source: Link | None
    score: str
    lineage: Link
    themes: str


@dataclass(frozen=True)
class EditionSentences:
    anchor: str
    date: str
    title: str
    lines: tuple[SentenceLine, ...]
    html: object = ""  # the lines as HTML, made when written (policydrift.reports.timeline.lines)


@dataclass(frozen=True)
class Cell:
    count: int
    anchor: str


@dataclass(frozen=True)
class TrackRow:
    label: str
    detail: str
    status: str
    status_help: str
    first: str
    last: str
    editions: int
    cells: tuple[Cell, ...]
    trend: str = ""  # the trend line: SVG polyline points of the rate per 1,000 words
    trend_title: str = ""
    anchor: str = ""  # the row's own id, when something links to it


@dataclass(frozen=True)
class Quote:
    link: Link
    text: str


@dataclass(frozen=True)
class Evidence:
    anchor: str
    title: str
    quotes: tuple[Quote, ...]
    more: int = 0
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class StepView:
    link: Link
    kind: str
    score: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class LineageView:
    anchor: str
    id: str
    length: int
    span: str
    end: str
    formulaic: bool
    steps: tuple[StepView, ...]


@dataclass(frozen=True)
class FormulaView:
    text: str
    editions: int
    total: int
    where: tuple[Link, ...]


@dataclass(frozen=True)
class PhraseView:
    """An emerging phrase of a series' latest edition, linked to its sentences."""

    term: str
    counts: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class DigestView:
    """What changed in one edition, as plain sentences: each a tuple of runs of text, linked to
    their evidence when their ``anchor`` is set."""

    anchor: str
    title: Link
    sentences: tuple[tuple[Link, ...], ...]
    edition: str = ""


@dataclass(frozen=True)
class PageLink:
    """A series page of a report split into pages, as the index lists it."""

    title: str
    href: str
    summary: str
    digest: DigestView | None


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    kind: str  # 'all' or 'series'
    summary: str
    columns: tuple[str, ...]
    editions: tuple[EditionRow, ...]
    reuse_svg: str
    similarity_svg: str
    themes_svg: str
    themes: tuple[TrackRow, ...]
    initiatives: tuple[TrackRow, ...]
    evidence: tuple[Evidence, ...]
    lineages: tuple[LineageView, ...]
    lineages_total: int
    formulas: tuple[FormulaView, ...]
    sentences: tuple[EditionSentences, ...]
    shifts: ShiftTableView | None = None
    phrases: tuple[PhraseView, ...] = ()
    digests: tuple[DigestView, ...] = ()
    note: str = ""
    digest_title: str = ""
    by_series: bool = False  # counts link to the series carrying them (index of a split report)


@dataclass(frozen=True)
class TimelineReport:
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    options: tuple[tuple[str, str], ...]
    statuses: tuple[tuple[str, str], ...]
    exclude_formulaic: bool
    threshold: str
    sections: tuple[Section, ...]
    generated: str | None
    version: str
    pages: tuple[PageLink, ...] = ()
    index_href: str = ""
    parts: tuple[Link, ...] = ()  # the pages of a long series (anchor '' for this one)


def step_segments(step: Step) -> tuple[Segment, ...]:
    """The step's text with the words removed since the previous step and those added.

    >>> from policydrift.compare.timeline.lineage import Step
    >>> s = Step("b", 1, (0,), "We act today.", "edited", 80.0, (("equal", 0, 2, 0, 2),
    ...     ("replace", 2, 3, 2, 3), ("equal", 3, 4, 3, 4)), ("We", " ", "now", "."), ("We", " ", "today", "."))
    >>> [(x.text, x.mark) for x in step_segments(s)]
    [('We ', ''), ('now', 'del'), ('today', 'ins'), ('.', '')]
    """
    if not step.ops:
        return (Segment(_SPACE.sub(" ", step.text)),)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in step.ops:
        if tag == "equal":
            out.append(Segment(_SPACE.sub(" ", "".join(step.new_words[j1:j2]))))
            continue
        if tag in ("delete", "replace"):
            out.append(Segment(_SPACE.sub(" ", "".join(step.old_words[i1:i2])), "del"))
        if tag in ("insert", "replace"):
            out.append(Segment(_SPACE.sub(" ", "".join(step.new_words[j1:j2])), "ins"))
    merged: list[Segment] = []
    for seg in out:
        if seg.text and merged and merged[-1].mark == seg.mark:
            merged[-1] = Segment(merged[-1].text + seg.text, seg.mark)
        elif seg.text:
            merged.append(seg)
    return tuple(merged)
