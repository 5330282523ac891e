"""View models of the timeline report: what each section of the page shows, decided here.

Built from a :class:`policydrift.compare.timeline.models.Timeline`; nothing here builds HTML (the template
does, with autoescape on) and nothing computes a score: figures are formatted, counts summed for
display, charts drawn from the numbers by :mod:`policydrift.reports.timeline.charts`. The rows of the tables come
from :mod:`policydrift.reports.timeline.rows`. Anchors all start ``x-`` so they can never clash with the ids
inside the charts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policydrift.compare.timeline.models import Edition, SeriesView, Timeline
from policydrift.compare.timeline.tracks import STATUS_HELP
from policydrift.reports.timeline import charts
from policydrift.reports.timeline.models import (
    FormulaView,
    PhraseView,
    Section,
    TimelineReport,
    TrackRow,
)
from policydrift.reports.timeline.rows import (
    MAX_LINEAGES,
    Page,
    edition_row,
    edition_sentences,
    lineage_view,
    sentence_link,
    short,
    squash,
    track_rows,
    year_rows,
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policydrift")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def build_timeline_report(timeline: Timeline, *, generated: str | None = None) -> TimelineReport:
    """The view model of the whole page."""
    if generated is not None and not isinstance(generated, str):
        msg = f"generated must be a string or None: {generated!r}"
        raise TypeError(msg)
    t = timeline
    page = Page(t)
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
        title = view.name or f"{squash(t.edition(view.editions[0]).title)} (no series)"
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
        ("theme lexicons", lexicons_text(t.lexicon)),
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
            for s in ("emerging", "new", "constant", "recurring", "fading", "one-off")
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


def lexicons_text(lexicon: dict) -> str:
    """Every lexicon used, as the themes panels name them: ``cyber 2.0.0 (35 themes), ...``.

    >>> lexicons_text({"lexicons": [{"name": "cyber", "version": "2", "size": 35}]})
    'cyber 2 (35 themes)'
    """
    parts = lexicon.get("lexicons") or [
        {
            "name": lexicon.get("name"),
            "version": lexicon.get("version"),
            "size": lexicon.get("themes"),
        }
    ]
    return ", ".join(f"{p['name']} {p['version']} ({p['size']} themes)" for p in parts)


def _section(t: Page, view: SeriesView, anchor: str, title: str, *, kind: str) -> Section:
    editions = [t.edition(i) for i in view.editions]
    rows = tuple(edition_row(t, e) for e in editions)
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
        names = [f"{e.date or ''} {short(e.title)}".strip() for e in editions]
        similarity_svg = charts.heatmap_svg(
            f"similarity-{name}", names, labels, [list(r) for r in view.similarity],
            title="Similarity of each pair of editions", percent=True, vmax=1.0,
            cmap="Purples", colorbar="share of words in shared sentences",
        )  # fmt: skip
    if kind == "all":
        theme_rows, evidence = year_rows(
            t, view.themes, view.year_themes, view.years, anchor, "t", editions
        )
        initiative_rows, more = year_rows(
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
        theme_rows, evidence = track_rows(t, view.themes, anchor, "t", editions)
        initiative_rows, more = track_rows(t, view.initiatives, anchor, "i", editions)
        evidence = evidence + more
        columns = tuple(labels)
        themes_svg = (
            _heatmap(f"themes-{name}", theme_rows, columns, "Themes by edition (mentions)")
            if theme_rows and multi
            else ""
        )
    lineages = [x for x in view.lineages if x.length > 1]
    formulaic_ids = {(e, i) for f in view.formulas for e, i in f.occurrences}
    latest = editions[-1].id
    phrases = tuple(
        PhraseView(
            k.term,
            f"{k.old_count}\u2192{k.new_count}",
            tuple(sentence_link(t, latest, e.sentence) for e in k.uses),
        )
        for k in view.phrases
    )
    return Section(
        phrases=phrases,
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
        lineages=tuple(lineage_view(t, x, formulaic_ids) for x in lineages[:MAX_LINEAGES]),
        lineages_total=len(lineages),
        formulas=tuple(
            FormulaView(
                f.text,
                f.editions,
                f.total,
                tuple(sentence_link(t, e, i) for e, i in f.occurrences),
            )
            for f in view.formulas
        ),
        sentences=tuple(edition_sentences(t, e) for e in editions) if kind == "series" else (),
        shifts=_shifts(editions, view) if kind == "series" else None,
    )


def _shifts(editions: Sequence[Edition], view: SeriesView):
    """The strength shifts of each edition against the previous one, in total and per theme."""
    from policydrift.compare.shifts.summary import ShiftTable, empty_counts
    from policydrift.reports.multi.shifts_view import build_shift_table_view

    read = [e for e in editions if e.shifts is not None]
    if not read:
        return None
    by_id = {e.id: e for e in editions}
    columns = [f"{by_id[e.previous].date or e.previous} \u2192 {e.date or e.id}" for e in read]
    ids = sorted({theme for e in read for theme in e.shift_themes or {}})
    table = ShiftTable(
        columns=tuple(columns),
        totals=tuple(e.shifts for e in read),
        themes={
            theme: tuple((e.shift_themes or {}).get(theme, empty_counts()) for e in read)
            for theme in ids
        },
    )
    labels = {track.key: track.label for track in view.themes}
    return build_shift_table_view(table, [""] * len(read), labels)


def _summary(editions: Sequence[Edition]) -> str:
    n = len(editions)
    dates = [e.date for e in editions if e.date]
    when = f"{dates[0]} to {dates[-1]}" if len(dates) > 1 else (dates[0] if dates else "undated")
    return f"{n} edition{'s' if n != 1 else ''}, {when}"


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


def _overall_reuse(t: Page, editions: Sequence[Edition], name: str) -> str:
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
