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
from dataclasses import replace
from functools import partial

from policydrift.compare.timeline.digest import Digest, series_digests
from policydrift.compare.timeline.models import Edition, SeriesView, Timeline
from policydrift.compare.timeline.similarity import CLOSEST
from policydrift.reports.compare.view import percent, score_text
from policydrift.reports.page import check_generated
from policydrift.reports.timeline import charts, heatmap
from policydrift.reports.timeline.head import earlier_editions, page_report, phrase_counts
from policydrift.reports.timeline.lines import Escaped, Later, sentence_lines
from policydrift.reports.timeline.models import (
    DigestView,
    EditionSentences,
    FormulaView,
    Link,
    PhraseView,
    Section,
    TimelineReport,
    TrackRow,
)
from policydrift.reports.timeline.rows import (
    MAX_LINEAGES,
    Page,
    edition_anchor,
    edition_row,
    edition_sentences,
    lineage_view,
    plural,
    sentence_anchor,
    sentence_link,
    short,
    squash,
)
from policydrift.reports.timeline.track_rows import track_rows, year_rows

MAX_OVERALL_HEATMAP = CLOSEST
"""The all-statements similarity heatmap is drawn up to this many statements (one per series
page above it): each statement lists its ``CLOSEST`` most similar ones, so up to there the
timeline holds every pair."""


def build_timeline_report(timeline: Timeline, *, generated: str | None = None) -> TimelineReport:
    """The view model of the whole report as one page."""
    check_generated(generated)
    page = Page(timeline)
    sections = [overall_section(page)] if not timeline.series_filter else []
    used: set[str] = {"x-all"}
    for view in timeline.series:
        title, anchor = series_title(page, view, used)
        sections.append(section_view(page, view, anchor, title, kind="series"))
    return page_report(page, sections, generated=generated)


def series_title(page: Page, view: SeriesView, used: set[str]) -> tuple[str, str]:
    title = view.name or f"{squash(page.t.edition(view.editions[0]).title)} (no series)"
    return title, _slug(view.name or title, used)


def overall_section(page: Page) -> Section:
    return section_view(page, page.t.overall, "x-all", "All statements", kind="all")


def _slug(name: str, used: set[str]) -> str:
    base = "x-" + (re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "series")
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def section_view(
    t: Page,
    view: SeriesView,
    anchor: str,
    title: str,
    *,
    kind: str,
    run: int = 0,
    digests: tuple[DigestView, ...] | None = None,
) -> Section:
    """The view model of one section; ``digests`` of a series when made already (else they
    are made here)."""
    if kind == "series" and digests is None:
        digests = digest_views(t, view, anchor, run=run)
    editions = [t.edition(i) for i in view.editions]
    # the index of a split report lists the series; each series page lists its editions
    rows = () if kind == "all" and t.page_of else tuple(edition_row(t, e) for e in editions)
    labels = [e.date or e.id for e in editions]
    multi = len(editions) > 1
    escaped = Escaped()  # the sentence lists' values, each escaped once
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
    note = ""
    if multi and (kind != "all" or len(editions) <= MAX_OVERALL_HEATMAP):
        names = [f"{e.date or ''} {short(e.title)}".strip() for e in editions]
        similarity_svg = heatmap.heatmap_svg(
            f"similarity-{name}", names, labels, _matrix(view),
            title="Similarity of each pair of editions", percent=True, vmax=1.0,
            cmap="Purples", colorbar="share of words in shared sentences",
        )  # fmt: skip
    elif multi:
        note = (
            f"The similarity of each pair of statements is drawn up to {MAX_OVERALL_HEATMAP} "
            "statements; each series shows its own, and the JSON output lists each statement's "
            f"{CLOSEST} most similar statements."
        )
    if kind == "all":  # on the index of a split report: linked to the series carrying them
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
            phrase_counts(k.old_count, k.new_count, earlier_editions(t, view)),
            tuple(sentence_link(t, latest, e.sentence) for e in k.uses),
        )
        for k in view.phrases
    )
    return Section(
        phrases=phrases,
        anchor=anchor,
        title=title,
        kind=kind,
        summary=editions_summary(editions),
        columns=tuple(columns),
        editions=rows,
        reuse_svg=reuse_svg,
        similarity_svg=similarity_svg,
        themes_svg=themes_svg,
        themes=theme_rows,
        initiatives=initiative_rows,
        evidence=evidence,
        by_series=kind == "all" and bool(t.page_of),
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
        sentences=_sentence_lists(t, editions, escaped) if kind == "series" else (),
        shifts=_shifts(t, editions, view) if kind == "series" else None,
        digests=digests if kind == "series" else (),
        note=note,
    )


def _sentence_lists(
    t: Page, editions: Sequence[Edition], escaped: Escaped
) -> tuple[EditionSentences, ...]:
    """Every sentence of each edition, with its list's HTML."""
    out = []
    for e in editions:
        listed = edition_sentences(t, e)
        out.append(replace(listed, html=Later(partial(sentence_lines, listed.lines, escaped))))
    return tuple(out)


def _shifts(t: Page, editions: Sequence[Edition], view: SeriesView):  # noqa: ANN202
    """The strength shifts of each edition against the previous one, in total and per theme."""
    from policydrift.compare.shifts.summary import ShiftTable, empty_counts
    from policydrift.reports.multi.shifts_view import build_shift_table_view

    read = [e for e in editions if e.shifts is not None and e.previous is not None]
    if not read:
        return None
    columns = [f"{t.edition(e.previous).date or e.previous} \u2192 {e.date or e.id}" for e in read]
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


def _matrix(view: SeriesView) -> list[list[float]]:
    """The series' similarity matrix, or the all-statements one rebuilt from its pairs."""
    if view.similarity:
        return [list(r) for r in view.similarity]
    n = len(view.editions)
    rows = [[1.0 if a == b else 0.0 for b in range(n)] for a in range(n)]
    for a, b, share in view.pairs:
        rows[a][b] = rows[b][a] = share
    return rows


def digest_views(t: Page, view: SeriesView, anchor: str, *, run: int = 0) -> tuple[DigestView, ...]:
    """What changed in each edition of the series, latest last, linked to the evidence.

    ``run``: the series' editions are on pages of this many (0: all on one page).
    """
    themes = {track.key: (k, track.label) for k, track in enumerate(view.themes, start=1)}
    return tuple(_digest_view(t, d, anchor, themes, run) for d in series_digests(t.t, view))


def _digest_view(
    t: Page, d: Digest, anchor: str, themes: dict[str, tuple[int, str]], run: int
) -> DigestView:
    e, before = t.edition(d.edition), t.edition(d.previous)
    when = before.date or before.id
    kept: list[Link] = []
    if d.reused is not None:
        kept += [
            Link("It keeps "),
            Link(percent(d.reused), t.href(e.id, edition_anchor(e))),
            Link(f" of its words from the edition of {when}"),
        ]
    else:
        kept.append(Link(f"Against the edition of {when}"))
    kept.append(
        Link(f"; it adds {plural(d.added, 'sentence')} and drops {plural(d.dropped, 'sentence')}.")
    )
    sentences = [tuple(kept)]

    def theme_parts(
        keys: tuple[str, ...], edition: Edition, lead: str, none: str
    ) -> tuple[Link, ...]:
        if not keys:
            return (Link(none),)
        column = (edition.position % run if run else edition.position) + 1  # on its page
        parts = [Link(lead)]
        for n, key in enumerate(keys):
            k, label = themes[key]
            parts.append(Link(label, t.href(edition.id, f"{anchor}-t{k}-{column}")))
            parts.append(Link(", " if n < len(keys) - 1 else "."))
        return tuple(parts)

    sentences.append(theme_parts(d.new_themes, e, "New themes: ", "No new theme."))
    sentences.append(theme_parts(d.dropped_themes, before, "Themes dropped: ", "No theme dropped."))
    if d.edits:
        parts = [Link("Most edited: ")]
        for n, edit in enumerate(d.edits):
            text = short(t.statement(e.id).sentences[edit.sentence].text, 70)
            parts.append(Link(f"“{text}”", t.href(e.id, sentence_anchor(e, edit.sentence))))
            parts.append(Link(f" (similarity {score_text(edit.score)} to the previous version)"))
            parts.append(Link("; " if n < len(d.edits) - 1 else "."))
        sentences.append(tuple(parts))
    else:
        sentences.append((Link("No sentence was edited."),))
    title = Link(f"{e.date or e.id}: {short(e.title, 60)}", t.href(e.id, edition_anchor(e)))
    return DigestView(f"{anchor}-d{d.position + 1}", title, tuple(sentences), e.id)


def editions_summary(editions: Sequence[Edition]) -> str:
    n = len(editions)
    dates = [e.date for e in editions if e.date]
    when = f"{dates[0]} to {dates[-1]}" if len(dates) > 1 else (dates[0] if dates else "undated")
    return f"{n} edition{'s' if n != 1 else ''}, {when}"


def _heatmap(name: str, rows: Sequence[TrackRow], columns: Sequence[str], title: str) -> str:
    return heatmap.heatmap_svg(
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
