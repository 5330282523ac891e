"""The views of a timeline: each series' (similarity matrix, theme tracks, emerging phrases)
and all statements' (themes by year), from lookups built once for the whole corpus."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from policydrift.compare.timeline.coding import Coding
from policydrift.compare.timeline.editions import Evidence
from policydrift.compare.timeline.formulaic import Formula
from policydrift.compare.timeline.models import Edition, SentenceRow, SeriesView
from policydrift.compare.timeline.reuse import ReuseLinks
from policydrift.compare.timeline.similarity import MatchedWords, Similarity
from policydrift.compare.timeline.tracks import year_tracks, years_in
from policydrift.corpus.models import Statement

__all__ = ["matched_words", "overall_view", "series_view"]


def matched_words(
    links: ReuseLinks, report: Sequence[Statement], rows: Sequence[SentenceRow], *, exclude: bool
) -> MatchedWords:
    """What :meth:`Similarity.from_matched` reads of the editions of ``report``: their words
    in sentences each other edition shares, and their words (formulaic sentences left out
    with ``exclude``)."""
    words = np.fromiter((r.words for r in rows), dtype=np.int64, count=len(rows))
    included = np.fromiter(
        (not (exclude and r.formulaic) for r in rows), dtype=bool, count=len(rows)
    )
    return links.matched_words(report, words, included)


def series_view(
    evidence: Evidence, similarity: Similarity, name: str, editions: tuple[Statement, ...]
) -> SeriesView:
    """The view of one series, without its lineages and formulas (the caller adds them)."""
    ids = [s.id for s in editions]
    return SeriesView(
        name=name,
        editions=tuple(ids),
        similarity=similarity.dense([evidence.order[i] for i in ids]),
        lineages=(),
        themes=evidence.coded.theme_tracks(ids),
        initiatives=evidence.coded.initiative_tracks(ids),
        formulas=(),
        phrases=evidence.coded.phrases(editions),
    )


def overall_view(
    report: tuple[Statement, ...],
    editions: Sequence[Edition],
    coded: Coding,
    formulas: Sequence[Formula],
) -> SeriesView:
    """All reported statements together: themes by year (the caller adds the similarity)."""
    ids = [s.id for s in report]
    themes, initiatives = coded.theme_tracks(ids), coded.initiative_tracks(ids)
    years = [e.year for e in editions]
    return SeriesView(
        name="",
        editions=tuple(ids),
        similarity=(),
        lineages=(),
        themes=themes,
        initiatives=initiatives,
        formulas=tuple(formulas),
        years=years_in(years),
        year_themes=year_tracks(themes, years),
        year_initiatives=year_tracks(initiatives, years),
    )
