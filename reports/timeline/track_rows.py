"""Rows of the timeline report's theme and initiative tables: counts per edition or per year,
each count linked to the quoted sentences behind it (or, on the index of a split report, to
the series carrying it)."""

from __future__ import annotations

from collections.abc import Sequence

from policydrift.compare.timeline.models import Edition, SeriesView
from policydrift.compare.timeline.tracks import STATUS_HELP, Track
from policydrift.reports.timeline.models import Cell, Evidence, Link, Quote, TrackRow
from policydrift.reports.timeline.rows import (
    MAX_QUOTES,
    MAX_YEAR_EVIDENCE,
    Page,
    plural,
    short,
)

__all__ = ["TREND_HEIGHT", "TREND_WIDTH", "track_rows", "trend_points", "year_rows"]


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
