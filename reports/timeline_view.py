"""View models of the timeline report: what each section of the page shows, decided here.

Built from a :class:`compare.timeline_models.Timeline`; nothing here builds HTML (the template
does, with autoescape on) and nothing computes a score: figures are formatted, counts summed for
display, charts drawn from the numbers by :mod:`reports.charts`. Anchors all start ``x-`` so
they can never clash with the ids inside the charts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from compare.lineage import Lineage, Step
from compare.timeline_models import Edition, SeriesView, Timeline
from compare.tracks import STATUS_HELP, Track
from corpus.models import Statement
from reports import charts
from reports.timeline_page import (
    Cell,
    EditionRow,
    EditionSentences,
    Evidence,
    FormulaView,
    LineageView,
    Link,
    Quote,
    Section,
    SentenceLine,
    StepView,
    TimelineReport,
    TrackRow,
    step_segments,
)
from reports.view import percent, score_text

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


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text)


class _Page:
    """The timeline with the look-ups the sections share (built once per page)."""

    def __init__(self, timeline: Timeline) -> None:
        self.t = timeline
        self.known = {e.id for e in timeline.editions}
        self.rows: dict[str, list] = {}
        for row in timeline.sentences:
            self.rows.setdefault(row.edition, []).append(row)
        self.labels = {track.key: track.label for track in timeline.overall.themes}
        self.shown: set[str] = set()
        for view in timeline.series:
            shown = [x.id for x in view.lineages if x.length > 1][:MAX_LINEAGES]
            self.shown.update(shown)

    def edition(self, edition_id: str) -> Edition:
        return self.t.edition(edition_id)

    def statement(self, edition_id: str) -> Statement:
        return self.t.statement(edition_id)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("drift")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def build_timeline_report(timeline: Timeline, *, generated: str | None = None) -> TimelineReport:
    """The view model of the whole page."""
    if generated is not None and not isinstance(generated, str):
        msg = f"generated must be a string or None: {generated!r}"
        raise TypeError(msg)
    t = timeline
    page = _Page(t)
    dates = [e.date for e in t.editions if e.date]
    span = f"{dates[0][:4]}–{dates[-1][:4]}" if dates else "undated"
    multi = [v for v in t.series if len(v.editions) > 1]
    named = [v for v in t.series if v.name]
    sections = (
        []
        if t.series_filter
        else [_section(page, t.overall, "x-all", "All statements", kind="all")]
    )
    used: set[str] = {"x-all"}
    for view in t.series:
        title = view.name or f"{_squash(t.edition(view.editions[0]).title)} (no series)"
        sections.append(_section(page, view, _slug(view.name or title, used), title, kind="series"))
    formulaic_sentences = sum(1 for r in t.sentences if r.formulaic)
    facts = (
        ("statements", f"{len(t.editions):,}"),
        ("series", f"{len(named):,} ({len(multi)} with several editions)"),
        ("years", span),
        ("sentences", f"{len(t.sentences):,}"),
        ("lineages over 2+ editions", f"{sum(1 for x in t.lineages if x.length > 1):,}"),
        ("formulaic sentences", f"{formulaic_sentences:,}"),
        ("reused sentence pairs", f"{t.reused_pairs:,}"),
    )
    options = tuple((k, "—" if v is None else str(v)) for k, v in t.options_dict().items())
    title = f"The language of {t.series_filter}" if t.series_filter else "How the language changed"
    return TimelineReport(
        title=title,
        subtitle=f"{len(t.editions)} statements, {span}",
        facts=facts,
        options=options,
        statuses=tuple(
            (s, STATUS_HELP[s])
            for s in ("emerging", "new", "constant", "recurring", "faded", "one-off")
        ),
        exclude_formulaic=t.exclude_formulaic,
        threshold=f"{t.options.threshold:g}",
        sections=tuple(sections),
        generated=generated,
        version=_version(),
    )


def _slug(name: str, used: set[str]) -> str:
    base = "x-" + (re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "series")
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _section(t: _Page, view: SeriesView, anchor: str, title: str, *, kind: str) -> Section:
    editions = [t.edition(i) for i in view.editions]
    rows = tuple(_edition_row(t, e) for e in editions)
    labels = [e.date or e.id for e in editions]
    multi = len(editions) > 1
    reuse_svg = similarity_svg = ""
    name = anchor.removeprefix("x-")
    if kind == "all" and len(editions) > 1:
        reuse_svg = _overall_reuse(t, editions, name)
    elif multi:
        reuse_svg = charts.reuse_svg(
            f"reuse-{name}", labels,
            {"from the previous edition": [e.reuse_from_previous for e in editions],
             "from any earlier statement": [e.reuse_from_earlier for e in editions]},
            title="Share of each edition's words reused",
        )  # fmt: skip
    if multi:
        names = [f"{e.date or ''} {_short(e.title)}".strip() for e in editions]
        similarity_svg = charts.heatmap_svg(
            f"similarity-{name}", names, labels, [list(r) for r in view.similarity],
            title="Similarity of each pair of editions", percent=True, vmax=1.0,
            cmap="Purples", colorbar="share of words in shared sentences",
        )  # fmt: skip
    if kind == "all":
        theme_rows, evidence = _year_rows(
            t, view.themes, view.year_themes, view.years, anchor, "t", editions
        )
        initiative_rows, more = _year_rows(
            t, view.initiatives, view.year_initiatives, view.years, anchor, "i", editions
        )
        evidence = evidence + more
        columns = view.years
        themes_svg = (
            _heatmap(f"themes-{name}", theme_rows, columns, "Themes by year (mentions)")
            if theme_rows
            else ""
        )
    else:
        theme_rows, evidence = _track_rows(t, view.themes, anchor, "t", editions)
        initiative_rows, more = _track_rows(t, view.initiatives, anchor, "i", editions)
        evidence = evidence + more
        columns = tuple(labels)
        themes_svg = (
            _heatmap(f"themes-{name}", theme_rows, columns, "Themes by edition (mentions)")
            if theme_rows and multi
            else ""
        )
    lineages = [x for x in view.lineages if x.length > 1]
    formulaic_ids = {(e, i) for f in view.formulas for e, i in f.occurrences}
    return Section(
        anchor=anchor,
        title=title,
        kind=kind,
        summary=_summary(editions),
        columns=tuple(columns),
        editions=rows,
        reuse_svg=reuse_svg,
        similarity_svg=similarity_svg,
        themes_svg=themes_svg,
        themes=theme_rows,
        initiatives=initiative_rows,
        evidence=evidence,
        lineages=tuple(_lineage_view(t, x, formulaic_ids) for x in lineages[:MAX_LINEAGES]),
        lineages_total=len(lineages),
        formulas=tuple(
            FormulaView(
                f.text,
                f.editions,
                f.total,
                tuple(_sentence_link(t, e, i) for e, i in f.occurrences),
            )
            for f in view.formulas
        ),
        sentences=tuple(_sentences(t, e) for e in editions) if kind == "series" else (),
    )


def _short(text: str, size: int = 34) -> str:
    text = _squash(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _summary(editions: Sequence[Edition]) -> str:
    n = len(editions)
    dates = [e.date for e in editions if e.date]
    when = f"{dates[0]} to {dates[-1]}" if len(dates) > 1 else (dates[0] if dates else "undated")
    return f"{n} edition{'s' if n != 1 else ''}, {when}"


def _edition_row(t: _Page, e: Edition) -> EditionRow:
    first = e.previous is None
    return EditionRow(
        anchor=edition_anchor(e),
        date=e.date or "undated",
        title=_squash(e.title),
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
                f"{t.edition(s.id).date or ''} {_short(t.edition(s.id).title, 40)}".strip(),
                "#" + edition_anchor(t.edition(s.id)),
                s.sentences,
            )
            if s.id in t.known
            else Link(s.id, "", s.sentences)
            for s in e.sources[:4]
        ),
        first=first,
    )


def _sentence_link(t: _Page, edition_id: str, index: int) -> Link:
    e = t.edition(edition_id)
    return Link(f"{e.date or e.id} #{index + 1}", "#" + sentence_anchor(e, index))


def _sentences(t: _Page, e: Edition) -> EditionSentences:
    lines = []
    for row in t.rows.get(e.id, ()):
        source = None
        if row.source is not None:
            source = (
                _sentence_link(t, row.source, row.source_sentence or 0)
                if row.source in t.known
                else Link(f"{row.source} #{(row.source_sentence or 0) + 1}", "")
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
                lineage=Link(
                    row.lineage, "#" + lineage_anchor(row.lineage) if row.lineage in t.shown else ""
                ),
                themes=", ".join(t.labels.get(theme, theme) for theme in row.themes),
            )
        )
    return EditionSentences(edition_anchor(e), e.date or "undated", _squash(e.title), tuple(lines))


def _track_rows(
    t: _Page, tracks: Sequence[Track], anchor: str, letter: str, editions: Sequence[Edition]
) -> tuple[tuple[TrackRow, ...], tuple[Evidence, ...]]:
    rows, evidence = [], []
    for k, track in enumerate(tracks, start=1):
        cells = []
        for j, (edition, count, sentences) in enumerate(
            zip(editions, track.counts, track.evidence, strict=True), start=1
        ):
            target = f"{anchor}-{letter}{k}-{j}" if count else ""
            cells.append(Cell(count, target))
            if count:
                statement = t.statement(edition.id)
                quotes = tuple(
                    Quote(_sentence_link(t, edition.id, i), statement.sentences[i].text)
                    for i in sentences[:MAX_QUOTES]
                )
                links = tuple(_sentence_link(t, edition.id, i) for i in sentences[MAX_QUOTES:])
                title = (
                    f"{track.label} in {edition.date or edition.id}: {_short(edition.title, 40)}"
                )
                evidence.append(Evidence(target, title, _squashed(quotes), links=links))
        rows.append(_track_row(t, track, tuple(cells)))
    return tuple(rows), tuple(evidence)


def _squashed(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """Quotes on one line, cut at ``MAX_QUOTE_CHARS`` (the link leads to the whole sentence)."""
    return tuple(Quote(q.link, _short(q.text, MAX_QUOTE_CHARS)) for q in quotes)


def _track_row(t: _Page, track: Track, cells: tuple[Cell, ...]) -> TrackRow:
    def when(edition_id: str | None) -> str:
        if edition_id is None:
            return "—"
        if edition_id in t.known:
            return t.edition(edition_id).date or edition_id
        return edition_id

    return TrackRow(
        label=track.label,
        detail=track.detail,
        status=track.status,
        status_help=STATUS_HELP.get(track.status, ""),
        first=when(track.first),
        last=when(track.last),
        editions=track.editions,
        cells=cells,
    )


def _year_rows(
    t: _Page,
    tracks: Sequence[Track],
    year_tracks: Sequence[Track],
    years: Sequence[str],
    anchor: str,
    letter: str,
    editions: Sequence[Edition],
) -> tuple[tuple[TrackRow, ...], tuple[Evidence, ...]]:
    rows, evidence = [], []
    for k, (track, by_year) in enumerate(zip(tracks, year_tracks, strict=True), start=1):
        cells = []
        for j, (year, count) in enumerate(zip(years, by_year.counts, strict=True), start=1):
            target = f"{anchor}-{letter}{k}-{j}" if count else ""
            cells.append(Cell(count, target))
            if not count:
                continue
            quotes = [
                Quote(
                    _sentence_link(t, e.id, i),
                    _short(t.statement(e.id).sentences[i].text, MAX_QUOTE_CHARS),
                )
                for e, sentences in zip(editions, track.evidence, strict=True)
                if e.year == year
                for i in sentences
            ]
            shown = tuple(quotes[:MAX_YEAR_EVIDENCE])
            evidence.append(
                Evidence(target, f"{track.label} in {year}", shown, len(quotes) - len(shown))
            )
        row = _track_row(t, track, tuple(cells))
        rows.append(
            replace(
                row,
                status=by_year.status,
                status_help=STATUS_HELP.get(by_year.status, "") + " (by year)",
            )
        )
    return tuple(rows), tuple(evidence)


def _heatmap(name: str, rows: Sequence[TrackRow], columns: Sequence[str], title: str) -> str:
    return charts.heatmap_svg(
        name,
        [r.label for r in rows],
        list(columns),
        [[c.count or None for c in r.cells] for r in rows],
        links=[["#" + c.anchor if c.anchor else None for c in r.cells] for r in rows],
        title=title,
        cmap="YlGnBu",
        colorbar="count",
    )


def _overall_reuse(t: _Page, editions: Sequence[Edition], name: str) -> str:
    labels = [e.date or e.id for e in editions]
    lines: dict[str, list[float | None]] = {}
    for view in t.t.series:
        if len(view.editions) < 2:
            continue
        mine = set(view.editions)
        lines[view.name] = [e.reuse_from_earlier if e.id in mine else None for e in editions]
    if not lines:
        lines["all statements"] = [e.reuse_from_earlier for e in editions]
    return charts.reuse_svg(
        f"reuse-{name}",
        labels,
        lines,
        title="Share of each statement's words found in earlier statements, by series",
    )


def _unchanged(step: Step) -> bool:
    """A later step with the same words as the one before (its text is not repeated)."""
    return step.kind != "new" and bool(step.ops) and all(op[0] == "equal" for op in step.ops)


def _lineage_view(t: _Page, line: Lineage, formulaic: set[tuple[str, int]]) -> LineageView:
    first, last = t.edition(line.steps[0].edition), t.edition(line.steps[-1].edition)
    if line.end == "dropped" and line.ended_in:
        end = f"dropped in {t.edition(line.ended_in).date or line.ended_in}"
    elif line.end == "merged" and line.ended_in:
        end = f"merged into another sentence in {t.edition(line.ended_in).date or line.ended_in}"
    else:
        end = "still in the latest edition"
    steps = tuple(
        StepView(
            link=_sentence_link(t, step.edition, step.sentences[0]),
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
