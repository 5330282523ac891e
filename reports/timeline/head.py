"""The head of a timeline page: its title, subtitle and key figures, and how phrases are counted.

A page of a split report shows one series, so its figures are that series' own (its editions,
years, sentences, lineages and formulaic sentences), with the size of the whole report in one
line of its own: "1,000 statements, 28,590 sentences" under a series' title would read as the
series' figures. The index and a one-page report give the figures of every statement.
"""

from __future__ import annotations

from policydrift import __version__
from policydrift.compare.timeline.models import SeriesView
from policydrift.compare.timeline.tracks import STATUS_HELP
from policydrift.reports.timeline.models import Link, PageLink, Section, TimelineReport
from policydrift.reports.timeline.rows import Page

__all__ = ["earlier_editions", "lexicons_text", "page_report", "phrase_counts"]

Facts = tuple[tuple[str, str], ...]


def page_report(
    page: Page,
    sections: list[Section],
    *,
    generated: str | None,
    pages: tuple[PageLink, ...] = (),
    index_href: str = "",
    parts: tuple[Link, ...] = (),
    series: SeriesView | None = None,
) -> TimelineReport:
    """The view model of one page: ``sections``, under the head of the whole timeline, or of
    ``series`` (the whole series, for the page of a split report showing it)."""
    t = page.t
    subtitle, facts = _series_head(page, series) if series is not None else _head(page)
    options = tuple((k, "—" if v is None else str(v)) for k, v in t.options_dict().items())
    title = f"The language of {t.series_filter}" if t.series_filter else "How the language changed"
    if index_href and sections:
        title = f"{sections[0].title}: how the language changed"
    return TimelineReport(
        title=title,
        subtitle=subtitle,
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
        version=__version__,
        pages=pages,
        index_href=index_href,
        parts=parts,
    )


def _span(dates: list[str]) -> str:
    return f"{dates[0][:4]}–{dates[-1][:4]}" if dates else "undated"


def _head(page: Page) -> tuple[str, Facts]:
    """The subtitle and figures of every statement of the timeline."""
    t = page.t
    span = _span([e.date for e in t.editions if e.date])
    multi = [v for v in t.series if len(v.editions) > 1]
    named = [v for v in t.series if v.name]
    facts = (
        ("statements", f"{len(t.editions):,}"),
        ("series", f"{len(named):,} ({len(multi)} with several editions)"),
        ("years", span),
        ("sentences", f"{len(t.sentences):,}"),
        ("lineages over 2+ editions", f"{sum(1 for x in t.lineages if x.length > 1):,}"),
        ("formulaic sentences", f"{page.formulaic:,}"),
        ("reused sentence pairs", f"{t.reused_pairs:,}"),
        ("theme lexicons", lexicons_text(t.lexicon)),
    )
    return f"{len(t.editions)} statements, {span}", facts


def _series_head(page: Page, series: SeriesView) -> tuple[str, Facts]:
    """The subtitle and figures of one series, and one line for the whole report."""
    t = page.t
    editions = [t.edition(i) for i in series.editions]
    span = _span([e.date for e in editions if e.date])
    rows = [row for e in series.editions for row in page.rows.get(e, ())]
    named = sum(1 for v in t.series if v.name)
    lineages = sum(1 for x in t.lineages if x.series == series.name and x.length > 1)
    facts = (
        ("editions", f"{len(editions):,}"),
        ("years", span),
        ("sentences", f"{len(rows):,}"),
        ("lineages over 2+ editions", f"{lineages:,}"),
        ("formulaic sentences", f"{sum(row.formulaic for row in rows):,}"),
        ("whole report", f"{len(t.editions):,} statements in {named:,} series"),
        ("theme lexicons", lexicons_text(t.lexicon)),
    )
    count = f"{len(editions)} edition{'s' if len(editions) != 1 else ''}"
    return f"{count} of this series, {span}", facts


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


def phrase_counts(old: int, new: int, earlier: int) -> str:
    """The uses of an emerging phrase, said so that a reader cannot take "2 then 2" for no
    change: the earlier editions are counted together.

    >>> phrase_counts(2, 2, 49)
    '2 in the 49 earlier editions together, 2 in the latest'
    >>> phrase_counts(0, 3, 1), phrase_counts(0, 2, 4)
    ('none in the earlier edition, 3 in the latest', 'none in the 4 earlier editions, 2 in the latest')
    """
    if earlier == 1:
        where = "the earlier edition"
    else:
        where = f"the {earlier:,} earlier editions" + (" together" if old else "")
    return f"{old or 'none'} in {where}, {new} in the latest"


def earlier_editions(page: Page, view: SeriesView) -> int:
    """How many editions precede the latest one of ``view``'s whole series (a page of a long
    series shows only some of them)."""
    whole = next((v for v in page.t.series if v.name == view.name), view) if view.name else view
    return len(whole.editions) - 1
