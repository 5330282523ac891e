"""The year-over-year timeline of a corpus: reuse, lineages, formulas, themes and initiatives.

:func:`build_timeline` takes dated statements (a corpus is already in date order) and returns a
:class:`~policydrift.compare.timeline.models.Timeline`:

- consecutive editions of each series are aligned as :func:`policydrift.compare.engine.compare`
  aligns them (:func:`policydrift.compare.timeline.pairs.align_pair`: rows, word diffs,
  passages and shifts, without the figures the timeline does not show); an
  edition's *reuse from the previous edition* is the share of its words that comparison counts
  as kept (``drift compare`` gives the same figure), and its same / edited / new sentences are
  that comparison's rows;
- every sentence of the corpus is matched against every other (score >= ``options.threshold``),
  per distinct sentence (:class:`policydrift.compare.timeline.keylinks.KeyLinks`); a sentence's *source* is the earliest earlier statement
  holding a near-copy of it (or the start of its lineage, if earlier), and an edition's
  *reuse from earlier statements* counts the words of such sentences (plus the words kept from
  the previous edition);
- lineages follow each sentence through its series (:mod:`policydrift.compare.timeline.lineage`); formulaic
  sentences are the near-copies found in most editions of a series (:mod:`policydrift.compare.timeline.formulaic`)
  and can be left out of every reuse figure (``exclude_formulaic``);
- themes (lexicon) and named initiatives (:mod:`policydrift.compare.timeline.initiatives`) are tracked per edition
  (:mod:`policydrift.compare.timeline.tracks`), with the sentences as evidence.

The recipe is a few named steps, each reporting progress (``progress(stage, done, total, what)``)
under its own stage: ``reuse`` (one search over the corpus), ``themes`` (each statement, every
distinct sentence coded once in its context), ``comparing`` (one alignment per pair of
consecutive editions: with enough pairs, done in child processes, one per core, while this one
runs the two stages before; :mod:`policydrift.compare.timeline.comparing`), ``lineages`` (and
formulas, per series), ``editions`` (the figures of
each edition), ``views`` (similarity, tracks and emerging phrases of each series and of all
statements). How each grows: the reuse search with the distinct sentences (blocked index) and
the pairs of distinct sentences found, never the pairs of repeated ones; theme coding with the
distinct sentences; the alignments, edition figures and emerging phrases (each series' latest
edition against all its earlier ones, each distinct sentence read once) with the sentences
(linearly); each series' similarity matrix with the square of *its* editions; across the
corpus, each edition lists its 50 most similar editions (worked out a block of editions at a
time from the pairs sharing a sentence, which a sentence in every statement makes the square
of the statements: :mod:`policydrift.compare.timeline.similarity`, README).

Pure: no file is read or written, nothing is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from policydrift.compare.themes.lexicon import Lexicon, load_lexicon
from policydrift.compare.timeline.coding import Coding
from policydrift.compare.timeline.comparing import EditionAlignments
from policydrift.compare.timeline.editions import Evidence
from policydrift.compare.timeline.formulaic import Formula, find_formulaic
from policydrift.compare.timeline.keylinks import KeyLinks
from policydrift.compare.timeline.lineage import Lineage, build_lineages
from policydrift.compare.timeline.measuring import Measured
from policydrift.compare.timeline.models import (
    Timeline,
    TimelineOptions,
)
from policydrift.compare.timeline.pairs import Aligned, WordPositions
from policydrift.compare.timeline.per_series import series_jobs
from policydrift.compare.timeline.reuse import ReuseLinks
from policydrift.compare.timeline.similarity import Similarity
from policydrift.compare.timeline.views import matched_words, overall_view, series_view
from policydrift.corpus.collector import paused
from policydrift.corpus.errors import OptionError
from policydrift.corpus.models import Statement

if TYPE_CHECKING:
    from policydrift.compare.shifts.lexicon import StrengthLexicon

__all__ = ["STAGES", "Timeline", "TimelineOptions", "build_timeline"]

Progress = Callable[[str, int, int, str], None]
STAGES = ("reuse", "themes", "comparing", "lineages", "editions", "views")
"""The stages of :func:`build_timeline`, in the order they run."""
Groups = list[tuple[str, tuple[Statement, ...]]]


def build_timeline(
    statements: Sequence[Statement],
    *,
    lexicon: Lexicon | None = None,
    series: str | None = None,
    exclude_formulaic: bool = False,
    options: TimelineOptions | None = None,
    progress: Progress | None = None,
    strength: StrengthLexicon | None = None,
) -> Timeline:
    """The timeline of ``statements`` (all series, or only ``series``).

    Reuse from earlier statements is always looked for in the whole of ``statements``, also when
    ``series`` picks one. ``progress(stage, done, total, what)`` is called after each step of
    each stage of :data:`STAGES`. With a ``strength`` lexicon, each edition carries its
    strength shifts against the previous one.

    >>> from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus
    >>> corpus = load_corpus(SAMPLE_CORPUS / "whitehouse", cache=False)
    >>> t = build_timeline(corpus.statements, series="cyber_emergency_continuation_notices")
    >>> [(e.date, e.reuse_from_previous is None or e.reuse_from_previous > 0.95) for e in t.editions]
    [('2021-03-29', True), ('2022-03-30', True), ('2023-03-29', True), ('2024-03-26', True)]

    The garbage collector is paused meanwhile (:func:`policydrift.corpus.collector.paused`):
    the build makes no reference cycles (tested), and the collector's passes over its
    millions of objects, in this process and in the forked ones, freed nothing while they
    took a tenth of the CPU time at 5,000 statements.
    """
    with paused():
        return _build(
            statements, lexicon=lexicon, series=series, exclude_formulaic=exclude_formulaic,
            options=options, progress=progress, strength=strength,
        )  # fmt: skip


def _build(
    statements: Sequence[Statement],
    *,
    lexicon: Lexicon | None,
    series: str | None,
    exclude_formulaic: bool,
    options: TimelineOptions | None,
    progress: Progress | None,
    strength: StrengthLexicon | None,
) -> Timeline:
    options = _checked(options, progress)
    ordered, report = _select(statements, series)
    lexicon = lexicon if lexicon is not None else load_lexicon()
    groups = _groups(report)
    tick = _Ticker(progress)
    positions = WordPositions()
    with EditionAlignments(
        groups, options.compare, strength=strength, positions=positions,
        workers=options.compare.workers,
    ) as aligning:  # fmt: skip
        # the alignments run in child processes while this one searches and codes
        links = _find_reuse(ordered, options, tick)
        coded = _code_themes(lexicon, ordered, report, tick)
        formulas, overall_formulas = _formulas(groups, report, links, options)
        evidence = Evidence(
            order={s.id: k for k, s in enumerate(report)},
            links=links,
            lineage_of={},  # filled series by series (Measured)
            formulaic=frozenset(
                occ for found in [*formulas.values(), overall_formulas] for f in found
                for occ in f.occurrences
            ),
            coded=coded,
            exclude=exclude_formulaic,
            positions=positions,
        )  # fmt: skip
        measured = Measured(evidence)
        # each series traced and measured as soon as its pairs are in (later series still
        # aligning in the child processes)
        early: dict[str, list[Lineage]] = {}
        editions_of = dict(groups)

        def finished(name: str, pairs: list[Aligned]) -> None:
            early[name] = build_lineages(name, editions_of[name], pairs)
            if name:
                measured.series(name, editions_of[name], pairs, early[name])

        comparisons = aligning.collect(tick, finished)
    traced = _lineages(groups, comparisons, tick, early)
    lineages, numbered = _number(traced, order=evidence.order)
    workers = options.compare.workers
    editions, rows = measured.all(groups, comparisons, traced, numbered, tick)
    tick("views", 0, len(groups) + 1, "similarity of editions: words shared")
    matched = matched_words(links, report, rows, exclude=exclude_formulaic)

    def shared(done: int, total: int) -> None:
        tick("views", 0, len(groups) + 1, f"similarity of editions: {done}/{total}")

    series_of = np.empty(len(report), dtype=np.int64)  # each edition's series (its group)
    for k, (_, eds) in enumerate(groups):
        series_of[[evidence.order[s.id] for s in eds]] = k
    similarity = Similarity.from_matched(matched, series_of, progress=shared)
    by_series: dict[str, list[Lineage]] = {}
    for line in lineages:
        by_series.setdefault(line.series, []).append(line)
    views = []
    with series_jobs(partial(series_view, evidence, similarity), groups, workers) as found:
        tick("views", 0, len(groups) + 1, "all statements: themes by year")
        overall = overall_view(report, editions, coded, overall_formulas)
        tick("views", 0, len(groups) + 1, "all statements: closest pairs")
        overall = replace(overall, pairs=similarity.pairs())
        for (name, eds), view in zip(groups, found, strict=True):
            # the parent's own lineages and formulas, not copies sent back by a child process
            lines, found_formulas = tuple(by_series.get(name, ())), tuple(formulas.get(name, ()))
            views.append(replace(view, lineages=lines, formulas=found_formulas))
            tick("views", len(views), len(groups) + 1, name or eds[0].id)
    tick("views", len(groups) + 1, len(groups) + 1, "all statements")
    return Timeline(
        statements=report,
        editions=tuple(editions),
        sentences=tuple(rows),
        series=tuple(views),
        overall=overall,
        lineages=tuple(lineages),
        lexicon=lexicon.describe(),
        options=options,
        exclude_formulaic=exclude_formulaic,
        series_filter=series,
        reuse_method=links.reuse.method,
        reused_pairs=len(links.reuse),
    )


class _Ticker:
    """Counts the steps of each stage and reports them to ``progress``."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def __call__(self, stage: str, done: int, total: int, what: str) -> None:
        if self.progress is not None:
            self.progress(stage, done, total, what)


def _checked(options: TimelineOptions | None, progress: Progress | None) -> TimelineOptions:
    options = options if options is not None else TimelineOptions()
    if not isinstance(options, TimelineOptions):
        msg = f"options must be TimelineOptions or None: {options!r}"
        raise TypeError(msg)
    if progress is not None and not callable(progress):
        msg = f"progress must be callable or None: {progress!r}"
        raise TypeError(msg)
    return options


def _select(
    statements: Sequence[Statement], series: str | None
) -> tuple[tuple[Statement, ...], tuple[Statement, ...]]:
    """(every statement, the reported ones), both in time order."""
    ordered = _time_ordered(statements)
    report = tuple(s for s in ordered if series is None or s.series == series)
    if series is not None and not report:
        names = sorted({s.series for s in ordered if s.series})
        msg = f"no series {series!r} in the corpus; its series are: {', '.join(names) or 'none'}"
        raise OptionError(msg)
    if not report:
        msg = "a timeline needs at least one statement"
        raise ValueError(msg)
    return ordered, report


def _find_reuse(
    ordered: tuple[Statement, ...], options: TimelineOptions, tick: _Ticker
) -> ReuseLinks:
    """Near-copies (score >= threshold) across the whole corpus, one search."""
    tick("reuse", 0, 1, f"{len(ordered)} statements")
    distinct = [0]

    def searched(done: int, total: int) -> None:  # the last step (links) still to come
        distinct[0] = total
        tick("reuse", done, total + 1, "distinct sentences searched")

    def step(what: str) -> None:
        tick("reuse", distinct[0], distinct[0] + 1, what)

    links = KeyLinks(
        ordered, threshold=options.threshold, method=options.method,
        workers=options.compare.workers, progress=searched, step=step,
    )  # fmt: skip
    tick("reuse", distinct[0] + 1, distinct[0] + 1, f"{len(links.reuse)} pairs")
    return links


def _lineages(
    groups: Groups,
    comparisons: dict[str, list[Aligned]],
    tick: _Ticker,
    early: dict[str, list[Lineage]],
) -> list[Lineage]:
    """Every series' lineages, not numbered (``early``: those of series already traced)."""
    found = []
    for done, (name, eds) in enumerate(groups, start=1):
        lines = early.get(name) if name else None
        found.extend(lines if lines is not None else build_lineages(name, eds, comparisons[name]))
        tick("lineages", done, len(groups), name or eds[0].id)
    return found


def _formulas(
    groups: Groups, report: tuple[Statement, ...], links: ReuseLinks, options: TimelineOptions
) -> tuple[dict[str, list[Formula]], list[Formula]]:
    """Formulaic sentences of each named series, and of all reported statements together."""

    def find(name: str, editions: Sequence[Statement]) -> list[Formula]:
        return find_formulaic(
            name, editions, links.groups(editions),
            share=options.formulaic_share, min_editions=options.formulaic_min_editions,
        )  # fmt: skip

    return {name: find(name, eds) for name, eds in groups if name}, find("", report)


def _code_themes(
    lexicon: Lexicon, ordered: tuple[Statement, ...], report: tuple[Statement, ...], tick: _Ticker
) -> Coding:
    """Themes and initiatives of each reported statement."""
    tick("themes", 0, len(report), "named initiatives")
    every = len(ordered)

    def read(done: int) -> None:
        tick("themes", 0, len(report), f"initiatives: {done}/{every} statements")

    coded = Coding(lexicon, ordered, read=read)
    for done, statement in enumerate(report, start=1):
        coded.code(statement)
        tick("themes", done, len(report), statement.id)
    return coded


def _time_ordered(statements: Sequence[Statement]) -> tuple[Statement, ...]:
    seen: set[str] = set()
    for s in statements:
        if not isinstance(s, Statement):
            msg = f"statements must be Statement objects: {s!r}"
            raise TypeError(msg)
        if s.id in seen:
            msg = f"statement ids must be unique: {s.id!r} appears twice"
            raise ValueError(msg)
        seen.add(s.id)
    ranked = sorted(
        range(len(statements)),
        key=lambda k: (statements[k].date is None, statements[k].date or "", k),
    )
    return tuple(statements[k] for k in ranked)


def _groups(report: Sequence[Statement]) -> list[tuple[str, tuple[Statement, ...]]]:
    """Series in order of their first edition; a statement without a series stands alone."""
    named: dict[str, list[Statement]] = {}
    out: list[tuple[str, list[Statement]]] = []
    for statement in report:
        if not statement.series:
            out.append(("", [statement]))
        elif statement.series in named:
            named[statement.series].append(statement)
        else:
            named[statement.series] = [statement]
            out.append((statement.series, named[statement.series]))
    return [(name, tuple(editions)) for name, editions in out]


def _number(
    lineages: list[Lineage], *, order: dict[str, int]
) -> tuple[list[Lineage], dict[int, str]]:
    """Lineages sorted (longest first, then by birth) and numbered L1, L2..., and the number
    of each lineage given (by ``id()``)."""
    ranked = sorted(
        lineages, key=lambda x: (-x.length, order[x.steps[0].edition], x.steps[0].sentences)
    )
    numbered = [replace(line, id=f"L{n}") for n, line in enumerate(ranked, start=1)]
    return numbered, {id(old): new.id for old, new in zip(ranked, numbered, strict=True)}
