"""Rows of the timeline report's tables, and the look-ups and anchors they share.

One row per edition, per theme or initiative (with the quoted evidence behind each count), per
sentence, and per lineage; :mod:`policydrift.reports.timeline.view` assembles them into sections. Nothing
here builds HTML or computes a score. Anchors all start ``x-`` so they can never clash with the
ids inside the charts.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from functools import lru_cache

from policydrift.compare.timeline.lineage import Lineage, Step
from policydrift.compare.timeline.models import Edition, SeriesView, Timeline
from policydrift.compare.timeline.tracks import STATUS_HELP, Track
from policydrift.corpus.models import Statement
from policydrift.reports.compare.view import percent, score_text
from policydrift.reports.timeline.models import (
    Cell,
    EditionRow,
    EditionSentences,
    Evidence,
    LineageView,
    Link,
    Quote,
    SentenceLine,
    StepView,
    TrackRow,
    step_segments,
)

MAX_LINEAGES = 30  # lineages shown per series (the longest); every one is in the JSON
MAX_QUOTES = 3  # sentences quoted per theme and edition; the others are linked
MAX_QUOTE_CHARS = 320
MAX_YEAR_EVIDENCE = 8  # sentences quoted per theme and year in the all-statements view
_SPACE = re.compile(r"\s+")
CLASS_LABELS = {"first": "first edition", "same": "same", "edited": "edited", "new": "new"}


def edition_anchor(edition: Edition) -> str:
    return f"x-e{edition.order + 1}"


def sentence_anchor(edition: Edition, index: int) -> str:
    return f"x-e{edition.order + 1}-s{index + 1}"


def lineage_anchor(lineage_id: str) -> str:
    return f"x-{lineage_id.lower()}"


def _fig(value: float | None, missing: str = "—") -> str:
    return missing if value is None else percent(value)


def _count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


@lru_cache(maxsize=4096)
def squash(text: str) -> str:
    return _SPACE.sub(" ", text)


def short(text: str, size: int = 34) -> str:
    text = squash(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


class Page:
    """The timeline with the look-ups the sections share (built once per report).

    ``page_of`` maps an edition id to the file of the page showing its series (a report split
    into pages); ``here`` is the file being built. Links to an edition on another page carry
    that page's file name; on one page they are plain anchors.
    """

    def __init__(
        self,
        timeline: Timeline,
        *,
        page_of: dict[str, str] | None = None,
        here: str = "",
        lineage_page: dict[str, str] | None = None,
        series_anchors: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.t = timeline
        self.page_of = page_of or {}
        self.series_anchors = series_anchors or {}  # first edition id -> (title, anchor)
        self.lineage_page = lineage_page or {}
        self.here = here
        self.known = {e.id for e in timeline.editions}
        self.rows: dict[str, list] = {}
        self.formulaic = 0  # formulaic sentences in the whole timeline
        for row in timeline.sentences:
            self.rows.setdefault(row.edition, []).append(row)
            self.formulaic += row.formulaic
        self.labels = {track.key: track.label for track in timeline.overall.themes}
        self.links: dict[tuple[str, int], Link] = {}  # made once per page (see at())
        self.lineage_links: dict[str, Link] = {}
        self._quoted: dict[str, str] = {}
        self.theme_labels: dict[tuple[str, ...], str] = {}  # a sentence's themes, as listed
        self.shown: set[str] = set()
        for view in timeline.series:
            shown = [x.id for x in view.lineages if x.length > 1][:MAX_LINEAGES]
            self.shown.update(shown)

    def edition(self, edition_id: str) -> Edition:
        return self.t.edition(edition_id)

    def href(self, edition_id: str, anchor: str) -> str:
        """A link to ``anchor``, which lies in the section of edition ``edition_id``'s series."""
        page = self.page_of.get(edition_id, "")
        return f"#{anchor}" if page == self.here else f"{page}#{anchor}"

    def lineage_href(self, lineage_id: str) -> str:
        """A link to a lineage shown in the report, or '' (only the longest are shown)."""
        if lineage_id not in self.shown:
            return ""
        page = self.lineage_page.get(lineage_id, self.here)
        return f"{'' if page == self.here else page}#{lineage_anchor(lineage_id)}"

    def at(self, here: str) -> Page:
        """The same look-ups, for building the page ``here``."""
        other = copy.copy(self)
        other.here = here
        other.links, other.lineage_links = {}, {}
        return other

    def quoted(self, text: str) -> str:
        """A sentence as the evidence quotes it: on one line, cut at ``MAX_QUOTE_CHARS`` (the
        link leads to the whole sentence); each distinct text once."""
        out = self._quoted.get(text)
        if out is None:
            out = self._quoted[text] = short(text, MAX_QUOTE_CHARS)
        return out

    def sentence_link(self, edition_id: str, index: int) -> Link:
        """:func:`sentence_link`, each made once per page (a sentence is linked from the
        evidence of every theme it holds)."""
        link = self.links.get((edition_id, index))
        if link is None:
            link = self.links[(edition_id, index)] = sentence_link(self, edition_id, index)
        return link

    def statement(self, edition_id: str) -> Statement:
        return self.t.statement(edition_id)


def edition_row(t: Page, e: Edition) -> EditionRow:
    first = e.previous is None
    return EditionRow(
        anchor=edition_anchor(e),
        date=e.date or "undated",
        title=squash(e.title),
        series=(e.series or "").replace("_", "_\u200b"),
        words=f"{e.words:,}",
        from_previous=_fig(e.reuse_from_previous, "first edition" if first else "—"),
        from_earlier=_fig(e.reuse_from_earlier, "first statement" if e.order == 0 else "—"),
        same=_count(e.same),
        edited=_count(e.edited),
        new=_count(e.new),
        dropped=_count(e.dropped),
        formulaic=f"{e.formulaic_words:,}" if e.formulaic_words else "",
        sources=tuple(
            Link(
                f"{t.edition(s.id).date or ''} {short(t.edition(s.id).title, 40)}".strip(),
                t.href(s.id, edition_anchor(t.edition(s.id))),
                s.sentences,
            )
            if s.id in t.known
            else Link(s.id, "", s.sentences)
            for s in e.sources[:4]
        ),
        first=first,
        href=t.href(e.id, edition_anchor(e)),
    )


def sentence_link(t: Page, edition_id: str, index: int) -> Link:
    e = t.edition(edition_id)
    return Link(f"{e.date or e.id} #{index + 1}", t.href(edition_id, sentence_anchor(e, index)))


def edition_sentences(t: Page, e: Edition) -> EditionSentences:
    lines = []
    lineages = t.lineage_links
    for row in t.rows.get(e.id, ()):
        source = None
        if row.source is not None:
            source = (
                t.sentence_link(row.source, row.source_sentence or 0)
                if row.source in t.known
                else Link(f"{row.source} #{(row.source_sentence or 0) + 1}", "")
            )
        lineage = lineages.get(row.lineage)
        if lineage is None:
            lineage = lineages[row.lineage] = Link(row.lineage, t.lineage_href(row.lineage))
        themes = t.theme_labels.get(row.themes)
        if themes is None:
            themes = t.theme_labels[row.themes] = ", ".join(
                t.labels.get(theme, theme) for theme in row.themes
            )
        lines.append(
            SentenceLine(
                anchor=sentence_anchor(e, row.index),
                number=row.index + 1,
                text=row.text,
                cls=row.cls,
                label=CLASS_LABELS[row.cls],
                formulaic=row.formulaic,
                source=source,
                score=score_text(row.source_score) if row.source_score is not None else "",
                lineage=lineage,
                themes=themes,
            )
        )
    return EditionSentences(edition_anchor(e), e.date or "undated", squash(e.title), tuple(lines))


def track_rows(
    t: Page, tracks: Sequence[Track], anchor: str, letter: str, editions: Sequence[Edition]
) -> tuple[tuple[TrackRow, ...], tuple[Evidence, ...]]:
    rows, evidence = [], []
    # what each edition's evidence blocks share: its statement and the end of their titles
    shared = [
        (e.id, t.statement(e.id).sentences, f" in {e.date or e.id}: {short(e.title, 40)}")
        for e in editions
    ]
    for k, track in enumerate(tracks, start=1):
        cells = []
        for j, ((edition, sentences, when), count, found) in enumerate(
            zip(shared, track.counts, track.evidence, strict=True), start=1
        ):
            target = f"{anchor}-{letter}{k}-{j}" if count else ""
            cells.append(Cell(count, target))
            if count:
                quotes = tuple(
                    Quote(t.sentence_link(edition, i), t.quoted(sentences[i].text))
                    for i in found[:MAX_QUOTES]
                )
                links = tuple(t.sentence_link(edition, i) for i in found[MAX_QUOTES:])
                evidence.append(Evidence(target, track.label + when, quotes, links=links))
        rows.append(_track_row(t, track, tuple(cells), anchor=f"{anchor}-{letter}{k}"))
    return tuple(rows), tuple(evidence)


def _track_row(
    t: Page,
    track: Track,
    cells: tuple[Cell, ...],
    anchor: str = "",
    *,
    by_year: Track | None = None,
) -> TrackRow:
    """The row of ``track``; with ``by_year``, its status and trend are those of the same
    track summed per year."""

    def when(edition_id: str | None) -> str:
        if edition_id is None:
            return "—"
        if edition_id in t.known:
            return t.edition(edition_id).date or edition_id
        return edition_id

    shape, note, per = (track, "", "") if by_year is None else (by_year, " (by year)", " by year")
    rates = shape.rates
    return TrackRow(
        label=track.label,
        detail=track.detail,
        status=shape.status,
        status_help=STATUS_HELP.get(shape.status, "") + note,
        first=when(track.first),
        last=when(track.last),
        editions=track.editions,
        cells=cells,
        trend=trend_points(rates),
        trend_title=f"{', '.join(f'{r:.1f}' for r in rates)} per 1,000 words{per}" if rates else "",
        anchor=anchor,
    )


TREND_WIDTH, TREND_HEIGHT = 60, 16


def trend_points(rates: Sequence[float]) -> str:
    """SVG polyline points drawing ``rates`` in a 60 x 16 box (the highest at the top).

    >>> trend_points([0.0, 2.0, 1.0])
    '1.0,15.0 30.0,1.0 59.0,8.0'
    """
    if len(rates) < 2:
        return ""
    top = max(rates) or 1.0
    step = (TREND_WIDTH - 2) / (len(rates) - 1)
    return " ".join(
        f"{1 + k * step:.1f},{TREND_HEIGHT - 1 - (TREND_HEIGHT - 2) * r / top:.1f}"
        for k, r in enumerate(rates)
    )


def year_rows(
    t: Page,
    tracks: Sequence[Track],
    year_tracks: Sequence[Track],
    years: Sequence[str],
    anchor: str,
    letter: str,
    editions: Sequence[Edition],
    *,
    quotes: int = MAX_YEAR_EVIDENCE,
) -> tuple[tuple[TrackRow, ...], tuple[Evidence, ...]]:
    """Track rows summed per year, each count linked to up to ``quotes`` quoted sentences (the
    rest counted); on the index of a split report, to the series carrying it (:func:`_by_series`)."""
    if t.page_of:
        return _by_series(t, tracks, year_tracks, anchor, letter)
    year_of = [e.year for e in editions]
    rows, evidence = [], []
    for k, (track, by_year) in enumerate(zip(tracks, year_tracks, strict=True), start=1):
        found: dict[str, list[tuple[Edition, int]]] = {}
        for e, year, sentences in zip(editions, year_of, track.evidence, strict=True):
            if sentences:
                found.setdefault(year, []).extend((e, i) for i in sentences)
        cells = []
        for j, (year, count) in enumerate(zip(years, by_year.counts, strict=True), start=1):
            target = f"{anchor}-{letter}{k}-{j}" if count else ""
            cells.append(Cell(count, target))
            if not count:
                continue
            mine = found.get(year, [])
            shown = tuple(
                Quote(t.sentence_link(e.id, i), t.quoted(t.statement(e.id).sentences[i].text))
                for e, i in mine[:quotes]
            )
            more = len(mine) - len(shown)
            evidence.append(Evidence(target, f"{track.label} in {year}", shown, more))
        rows.append(_track_row(t, track, tuple(cells), by_year=by_year))
    return tuple(rows), tuple(evidence)


def _by_series(
    t: Page, tracks: Sequence[Track], year_tracks: Sequence[Track], anchor: str, letter: str
) -> tuple[tuple[TrackRow, ...], tuple[Evidence, ...]]:
    """Track rows summed per year for the index of a split report, compact at any size: every
    count of a row links to one list for the theme (or initiative), which links each series
    carrying it to the theme's row on that series' page (its count per edition there, each
    linked to the sentences, quoted)."""
    rows, evidence = [], []
    unit = "mention" if letter == "t" else "sentence"
    series = [(view, {x.key: k for k, x in enumerate(_tracks(view, letter), start=1)})
              for view in t.t.series]  # fmt: skip
    for k, (track, by_year) in enumerate(zip(tracks, year_tracks, strict=True), start=1):
        target = f"{anchor}-{letter}{k}"
        cells = tuple(Cell(count, target if count else "") for count in by_year.counts)
        links = []
        for view, numbers in series:
            if track.key not in numbers:
                continue
            mine = _tracks(view, letter)[numbers[track.key] - 1]
            name, where = t.series_anchors.get(view.editions[0], (view.name, ""))
            first, last = (t.edition(i).date or i for i in (mine.first, mine.last) if i)
            counts = f"{plural(mine.total, unit)} in {plural(mine.editions, 'edition')}"
            row = f"{where}-{letter}{numbers[track.key]}"
            href = t.href(view.editions[-1], row) if where else ""
            links.append(Link(f"{name}: {counts}, {first} to {last}", href))
        counts = f"{plural(track.total, unit)} in {plural(track.editions, 'edition')}"
        evidence.append(
            Evidence(target, f"{track.label}: {counts}, by series", (), 0, tuple(links))
        )
        rows.append(_track_row(t, track, cells, by_year=by_year))
    return tuple(rows), tuple(evidence)


def _tracks(view: SeriesView, letter: str) -> tuple[Track, ...]:
    return view.themes if letter == "t" else view.initiatives


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, plural unless one.

    >>> plural(1, 'edition'), plural(1200, 'edition')
    ('1 edition', '1,200 editions')
    """
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _unchanged(step: Step) -> bool:
    """A later step with the same words as the one before (its text is not repeated)."""
    return step.kind != "new" and bool(step.ops) and all(op[0] == "equal" for op in step.ops)


def lineage_view(t: Page, line: Lineage, formulaic: set[tuple[str, int]]) -> LineageView:
    first, last = t.edition(line.steps[0].edition), t.edition(line.steps[-1].edition)
    if line.end == "dropped" and line.ended_in:
        end = f"dropped in {t.edition(line.ended_in).date or line.ended_in}"
    elif line.end == "merged" and line.ended_in:
        end = f"merged into another sentence in {t.edition(line.ended_in).date or line.ended_in}"
    else:
        end = "still in the latest edition"
    steps = tuple(
        StepView(
            link=t.sentence_link(step.edition, step.sentences[0]),
            kind="first appearance" if step.kind == "new" else step.kind,
            score="" if step.score is None else score_text(step.score),
            segments=() if _unchanged(step) else step_segments(step),
        )
        for step in line.steps
    )
    return LineageView(
        anchor=lineage_anchor(line.id),
        id=line.id,
        length=line.length,
        span=f"{first.date or first.id} to {last.date or last.id}",
        end=end,
        formulaic=any((s.edition, i) in formulaic for s in line.steps for i in s.sentences),
        steps=steps,
    )
