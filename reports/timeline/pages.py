"""The timeline report split into pages: an index and one page per series (or run of editions).

Chosen over one page with its data embedded once because at 1,000 statements a single page is
48 MB and parsing it is the cost (README, "Year over year"). Every link between the pages is
relative, so the folder works offline. The sections themselves come from
:mod:`policydrift.reports.timeline.view`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from policydrift.compare.timeline.models import SeriesView, Timeline
from policydrift.compare.timeline.tracks import Track
from policydrift.reports.page import check_generated
from policydrift.reports.timeline.head import page_report
from policydrift.reports.timeline.models import DigestView, Link, PageLink, TimelineReport
from policydrift.reports.timeline.rows import Page
from policydrift.reports.timeline.view import (
    digest_views,
    editions_summary,
    overall_section,
    section_view,
    series_title,
)

SPLIT_SENTENCES = 2_000
"""Above this many sentences a report with several series is split into pages (see README)."""
MAX_PAGE_EDITIONS = 50
"""A series page of a split report holds at most this many editions (more: one page per run)."""


def should_split(timeline: Timeline) -> bool:
    """Whether the report is best split into pages: several series and many sentences."""
    return len(timeline.series) > 1 and len(timeline.sentences) > SPLIT_SENTENCES


def build_timeline_pages(
    timeline: Timeline, *, index: str, prefix: str, generated: str | None = None
) -> tuple[tuple[str, TimelineReport], ...]:
    """The report as pages: (file name, view model), the index first, then the series pages.

    The index (file ``index``) holds the overview of all statements and links to the series
    pages, named ``prefix`` + the series' slug + ``.html``, all in one folder; every link
    between them is relative, so the folder works offline and can be moved as a whole. A series
    of more than :data:`MAX_PAGE_EDITIONS` editions has one page per run of that many (its
    latest editions on the page the index links to, earlier runs numbered ``-1``, ``-2``...).
    """
    pages = SplitPages(timeline, index=index, prefix=prefix, generated=generated)
    return tuple((pages.names[k], pages.report(k)) for k in range(len(pages.names)))


@dataclass(frozen=True)
class _SeriesPage:
    series: int  # its series' position in the timeline
    lo: int  # its editions: lo:hi of the series
    hi: int
    latest: bool  # the page of the series' latest editions (the one the index links to)


class SplitPages:
    """The pages of a split report (see :func:`build_timeline_pages`): their file names
    (``names``, the index first) and the look-ups they share, made once; each page's view model
    is made when asked (:meth:`report`), so pages can be made one at a time, in any order, or in
    other processes, always to the same result.
    """

    def __init__(
        self, timeline: Timeline, *, index: str, prefix: str, generated: str | None = None
    ) -> None:
        check_generated(generated)
        self.timeline, self.index, self.generated = timeline, index, generated
        used: set[str] = {"x-all"}
        plain = Page(timeline)
        self._series: list[tuple[SeriesView, str, str, list[tuple[tuple[int, int], str]]]] = []
        for view in timeline.series:
            title, anchor = series_title(plain, view, used)
            slug = f"{prefix}{anchor.removeprefix('x-')}"
            runs = _runs(len(view.editions))
            files = [f"{slug}-{k}.html" for k in range(1, len(runs))] + [f"{slug}.html"]
            self._series.append((view, title, anchor, list(zip(runs, files, strict=True))))
        page_of = {
            view.editions[i]: file
            for view, _, _, parts in self._series
            for (lo, hi), file in parts
            for i in range(lo, hi)
        }
        lineage_page = {
            line.id: parts[-1][1] for view, _, _, parts in self._series for line in view.lineages
        }
        anchors = {view.editions[0]: (title, anchor) for view, title, anchor, _ in self._series}
        self.base = Page(
            timeline, page_of=page_of, here=index, lineage_page=lineage_page,
            series_anchors=anchors,
        )  # fmt: skip
        self._pages = [
            _SeriesPage(s, lo, hi, n == len(parts) - 1)
            for s, (_, _, _, parts) in enumerate(self._series)
            for n, ((lo, hi), _) in enumerate(parts)
        ]
        self.names: tuple[str, ...] = (index, *(f for *_, parts in self._series for _, f in parts))
        self._digests: dict[int, tuple[DigestView, ...]] = {}  # by series, once made

    def sentences(self, k: int) -> int:
        """How many sentences page ``k`` lists (the index: all of them), a measure of its cost."""
        if k == 0:
            return len(self.timeline.sentences)
        page = self._pages[k - 1]
        view = self._series[page.series][0]
        return sum(len(self.base.rows.get(e, ())) for e in view.editions[page.lo : page.hi])

    def report(self, k: int) -> TimelineReport:
        """The view model of page ``k`` (0: the index; then the series pages in order)."""
        return self._index() if k == 0 else self._series_page(self._pages[k - 1])

    def _digests_of(self, s: int) -> tuple[DigestView, ...]:
        view, _, anchor, _ = self._series[s]
        if s not in self._digests:
            self._digests[s] = digest_views(self.base, view, anchor, run=MAX_PAGE_EDITIONS)
        return self._digests[s]

    def _series_page(self, page: _SeriesPage) -> TimelineReport:
        view, title, anchor, parts = self._series[page.series]
        file = next(f for (lo, _), f in parts if lo == page.lo)
        digests = self._digests_of(page.series)
        here = self.base.at(file)
        part = _part(view, page.lo, page.hi, latest=page.latest)
        mine = set(part.editions)
        section = section_view(
            here, part, anchor, title, kind="series", run=MAX_PAGE_EDITIONS,
            digests=tuple(d for d in digests if d.edition in mine),
        )  # fmt: skip
        if not page.latest:
            section = replace(section, digest_title="What changed in the last edition of this page")
        nav = tuple(Link(_span(self.timeline, view.editions[lo:hi]), f) for (lo, hi), f in parts)
        return page_report(
            here, [section], generated=self.generated, index_href=self.index, series=view,
            parts=tuple(replace(x, anchor="" if x.anchor == file else x.anchor) for x in nav)
            if len(parts) > 1 else (),
        )  # fmt: skip

    def _index(self) -> TimelineReport:
        links = []
        for s, (view, title, _, parts) in enumerate(self._series):
            latest = self._digests_of(s)[-1:]
            editions = [self.timeline.edition(i) for i in view.editions]
            links.append(
                PageLink(title, parts[-1][1], editions_summary(editions), (*latest, None)[0])
            )
        t = self.timeline
        overview = [overall_section(self.base)] if not t.series_filter else []
        return page_report(self.base, overview, generated=self.generated, pages=tuple(links))


def _runs(count: int) -> list[tuple[int, int]]:
    """Runs of at most ``MAX_PAGE_EDITIONS`` editions, the last one ending at the latest."""
    cuts = list(range(0, count, MAX_PAGE_EDITIONS)) + [count]
    return list(zip(cuts, cuts[1:], strict=False)) or [(0, 0)]


def _span(timeline: Timeline, ids: Sequence[str]) -> str:
    dates = [timeline.edition(i).date for i in ids if timeline.edition(i).date]
    return f"{dates[0][:4]}–{dates[-1][:4]}" if dates else f"{len(ids)} editions"


def _part(view: SeriesView, lo: int, hi: int, *, latest: bool) -> SeriesView:
    """The editions ``lo:hi`` of a series (its lineages and formulas on its latest page)."""
    if (lo, hi) == (0, len(view.editions)):
        return view

    def cut(tracks: Sequence[Track]) -> tuple[Track, ...]:
        return tuple(
            replace(
                t,
                counts=t.counts[lo:hi],
                evidence=t.evidence[lo:hi],
                sentences=t.sentences[lo:hi],
                words=t.words[lo:hi],
            )  # fmt: skip
            for t in tracks
        )

    return replace(
        view,
        editions=view.editions[lo:hi],
        similarity=tuple(row[lo:hi] for row in view.similarity[lo:hi]),
        lineages=view.lineages if latest else (),
        themes=cut(view.themes),
        initiatives=cut(view.initiatives),
        formulas=view.formulas if latest else (),
        phrases=view.phrases if latest else (),
    )
