"""The year-over-year timeline of a corpus: reuse, lineages, formulas, themes and initiatives.

:func:`build_timeline` takes dated statements (a corpus is already in date order) and returns a
:class:`~policydrift.compare.timeline.models.Timeline`:

- consecutive editions of each series are aligned with :func:`policydrift.compare.engine.compare`; an
  edition's *reuse from the previous edition* is the share of its words that comparison counts
  as kept (``drift compare`` gives the same figure), and its same / edited / new sentences are
  that comparison's rows;
- every sentence of the corpus is matched against every other with :func:`policydrift.compare.scale.reuse.reuse_pairs`
  (score >= ``options.threshold``); a sentence's *source* is the earliest earlier statement
  holding a near-copy of it (or the start of its lineage, if earlier), and an edition's
  *reuse from earlier statements* counts the words of such sentences (plus the words kept from
  the previous edition);
- lineages follow each sentence through its series (:mod:`policydrift.compare.timeline.lineage`); formulaic
  sentences are the near-copies found in most editions of a series (:mod:`policydrift.compare.timeline.formulaic`)
  and can be left out of every reuse figure (``exclude_formulaic``);
- themes (lexicon) and named initiatives (:mod:`policydrift.compare.timeline.initiatives`) are tracked per edition
  (:mod:`policydrift.compare.timeline.tracks`), with the sentences as evidence.

Pure: no file is read or written, nothing is printed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from policydrift.compare.engine import compare
from policydrift.compare.models import Comparison
from policydrift.compare.passages import key_word_spans
from policydrift.compare.scale.reuse import reuse_pairs
from policydrift.compare.themes.lexicon import Lexicon, load_lexicon
from policydrift.compare.timeline.formulaic import find_formulaic
from policydrift.compare.timeline.lineage import Lineage, build_lineages
from policydrift.compare.timeline.models import (
    CLASS_OF_KIND,
    Edition,
    SentenceRow,
    SeriesView,
    Source,
    Timeline,
    TimelineOptions,
)
from policydrift.compare.timeline.reuse import ReuseLinks, reused_words, submatrix
from policydrift.compare.timeline.tracks import Coding, year_tracks, years_in
from policydrift.corpus.errors import OptionError
from policydrift.corpus.models import Statement
from rapidfuzz import fuzz

if TYPE_CHECKING:
    from policydrift.compare.shifts.lexicon import StrengthLexicon

__all__ = ["Timeline", "TimelineOptions", "build_timeline"]

Progress = Callable[[int, int, str], None]


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
    ``series`` picks one. ``progress(done, total, what)`` is called after each step. With a
    ``strength`` lexicon, each edition carries its strength shifts against the previous one.

    >>> from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus
    >>> corpus = load_corpus(SAMPLE_CORPUS / "whitehouse", cache=False)
    >>> t = build_timeline(corpus.statements, series="cyber_emergency_continuation_notices")
    >>> [(e.date, e.reuse_from_previous is None or e.reuse_from_previous > 0.95) for e in t.editions]
    [('2021-03-29', True), ('2022-03-30', True), ('2023-03-29', True), ('2024-03-26', True)]
    """
    options = options if options is not None else TimelineOptions()
    if not isinstance(options, TimelineOptions):
        msg = f"options must be TimelineOptions or None: {options!r}"
        raise TypeError(msg)
    if progress is not None and not callable(progress):
        msg = f"progress must be callable or None: {progress!r}"
        raise TypeError(msg)
    ordered = _time_ordered(statements)
    report = tuple(s for s in ordered if series is None or s.series == series)
    if series is not None and not report:
        names = sorted({s.series for s in ordered if s.series})
        msg = f"no series {series!r} in the corpus; its series are: {', '.join(names) or 'none'}"
        raise OptionError(msg)
    if not report:
        msg = "a timeline needs at least one statement"
        raise ValueError(msg)
    lexicon = lexicon if lexicon is not None else load_lexicon()
    groups = _groups(report)
    steps = _Steps(progress, len(report) + sum(max(0, len(g) - 1) for _, g in groups) + 1)

    reuse = reuse_pairs(
        ordered, threshold=options.threshold, method=options.method, workers=options.compare.workers
    )
    links = ReuseLinks(reuse)
    steps.tick("reused sentences")
    comparisons: dict[str, list[Comparison]] = {}
    for name, editions in groups:
        comparisons[name] = []
        for old, new in zip(editions, editions[1:], strict=False):
            comparisons[name].append(compare(old, new, options.compare, strength=strength))
            steps.tick(f"{new.id} against {old.id}")

    lineages = _number(
        [
            line
            for name, editions in groups
            for line in build_lineages(name, editions, comparisons[name])
        ],
        order={s.id: k for k, s in enumerate(report)},
    )
    lineage_of = {
        (step.edition, i): line for line in lineages for step in line.steps for i in step.sentences
    }
    formulas = {
        name: find_formulaic(
            name,
            editions,
            links.groups(editions),
            share=options.formulaic_share,
            min_editions=options.formulaic_min_editions,
        )  # fmt: skip
        for name, editions in groups
        if name
    }
    overall_formulas = find_formulaic(
        "", report, links.groups(report),
        share=options.formulaic_share, min_editions=options.formulaic_min_editions,
    )  # fmt: skip
    formulaic = {
        occ
        for found in [*formulas.values(), overall_formulas]
        for f in found
        for occ in f.occurrences
    }

    coded = Coding(lexicon, ordered)
    editions_out, rows_out = [], []
    for name, editions in groups:
        for position, statement in enumerate(editions):
            comparison = comparisons[name][position - 1] if position else None
            edition, rows = _edition(
                statement, position, comparison, report, links, lineage_of, formulaic, coded,
                exclude=exclude_formulaic,
            )  # fmt: skip
            if comparison is not None and comparison.shifts is not None:
                edition = _with_shifts(edition, comparison, rows, rows_out)
            editions_out.append(edition)
            rows_out.extend(rows)
            steps.tick(statement.id)
    order = {s.id: k for k, s in enumerate(report)}
    editions_out.sort(key=lambda e: e.order)
    rows_out.sort(key=lambda r: (order[r.edition], r.index))
    included = {(r.edition, r.index) for r in rows_out if not (exclude_formulaic and r.formulaic)}
    words = {(r.edition, r.index): r.words for r in rows_out}
    similarity = links.similarity(report, words, included)

    views = []
    for name, editions in groups:
        ids = [s.id for s in editions]
        views.append(
            SeriesView(
                name=name,
                editions=tuple(ids),
                similarity=submatrix(similarity, [order[i] for i in ids]),
                lineages=tuple(line for line in lineages if line.series == name),
                themes=coded.theme_tracks(ids),
                initiatives=coded.initiative_tracks(ids),
                formulas=tuple(formulas.get(name, ())),
                phrases=coded.phrases(editions),
            )
        )
    ids = [s.id for s in report]
    all_themes, all_initiatives = coded.theme_tracks(ids), coded.initiative_tracks(ids)
    overall = SeriesView(
        name="",
        editions=tuple(ids),
        similarity=similarity,
        lineages=(),
        themes=all_themes,
        initiatives=all_initiatives,
        formulas=tuple(overall_formulas),
        years=years_in([e.year for e in editions_out]),
        year_themes=year_tracks(all_themes, [e.year for e in editions_out]),
        year_initiatives=year_tracks(all_initiatives, [e.year for e in editions_out]),
    )
    return Timeline(
        statements=report,
        editions=tuple(editions_out),
        sentences=tuple(rows_out),
        series=tuple(views),
        overall=overall,
        lineages=tuple(lineages),
        lexicon=lexicon.describe(),
        options=options,
        exclude_formulaic=exclude_formulaic,
        series_filter=series,
        reuse_method=reuse.method,
        reused_pairs=len(reuse),
    )


class _Steps:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def tick(self, what: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, what)


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


def _number(lineages: list[Lineage], *, order: dict[str, int]) -> list[Lineage]:
    """Sort lineages (longest first, then by birth) and number them L1, L2..."""
    from dataclasses import replace

    lineages.sort(key=lambda x: (-x.length, order[x.steps[0].edition], x.steps[0].sentences))
    return [replace(line, id=f"L{n}") for n, line in enumerate(lineages, start=1)]


def _edition(
    statement: Statement,
    position: int,
    comparison: Comparison | None,
    report: Sequence[Statement],
    links: ReuseLinks,
    lineage_of: dict[tuple[str, int], Lineage],
    formulaic: set[tuple[str, int]],
    coded: Coding,
    *,
    exclude: bool,
) -> tuple[Edition, list[SentenceRow]]:
    coded.code(statement)
    n = len(statement.sentences)
    spans = key_word_spans(statement)
    words = (
        np.bincount(spans.sentences, minlength=n).astype(np.int64) if n else np.zeros(0, np.int64)
    )
    kinds = [""] * n
    dropped: list[int] = []
    reused_prev = np.zeros(n, dtype=np.int64)
    if comparison is not None:
        for row in comparison.rows:
            for j in row.new:
                kinds[j] = row.kind
            if row.kind == "dropped":
                dropped.extend(row.old)
        reused_prev = reused_words(comparison, spans)
    order = {s.id: k for k, s in enumerate(report)}
    rows, keep = [], []
    sources: Counter[str] = Counter()
    source_words: Counter[str] = Counter()
    earlier_words = 0
    for sentence in statement.sentences:
        i = sentence.index
        line = lineage_of[(statement.id, i)]
        cls = "first" if comparison is None else CLASS_OF_KIND.get(kinds[i], "new")
        direct = links.earliest(statement.id, i)
        source = _source(statement, i, cls, line, direct, links)
        is_formulaic = (statement.id, i) in formulaic
        include = not (exclude and is_formulaic)
        keep.append(include)
        if include:
            earlier_words += int(words[i]) if direct is not None else int(reused_prev[i])
            if source is not None:
                sources[source[0]] += 1
                source_words[source[0]] += int(words[i])
        rows.append(
            SentenceRow(
                edition=statement.id,
                index=i,
                text=" ".join(sentence.text.split()),
                words=int(words[i]),
                lineage=line.id,
                cls=cls,
                kind=kinds[i],
                formulaic=is_formulaic,
                source=source[0] if source else None,
                source_sentence=source[1] if source else None,
                source_score=source[2] if source else None,
                themes=tuple(coded.sentence_themes.get((statement.id, i), ())),
                initiatives=tuple(coded.sentence_initiatives.get((statement.id, i), ())),
            )
        )
    mask = np.array(keep, dtype=bool) if n else np.zeros(0, bool)
    total = int(words[mask].sum()) if n else 0
    first_in_corpus = links.index[statement.id] == 0
    counts = Counter(r.cls for r, k in zip(rows, keep, strict=True) if k)
    dropped_count = None
    if comparison is not None:
        dropped_count = sum(
            1 for i in dropped if not (exclude and (comparison.old.id, i) in formulaic)
        )
    edition = Edition(
        id=statement.id,
        series=statement.series,
        date=statement.date,
        title=statement.title or statement.id,
        order=order[statement.id],
        position=position,
        previous=comparison.old.id if comparison is not None else None,
        words=int(words.sum()),
        sentences=n,
        formulaic_words=int(sum(int(words[r.index]) for r in rows if r.formulaic)),
        reuse_from_previous=(
            _share(int(reused_prev[mask].sum()), total) if comparison is not None else None
        ),
        reuse_from_earlier=None if first_in_corpus else _share(earlier_words, total),
        same=counts["same"] if comparison is not None else None,
        edited=counts["edited"] if comparison is not None else None,
        new=counts["new"] if comparison is not None else None,
        dropped=dropped_count,
        sources=tuple(
            Source(sid, count, source_words[sid])
            for sid, count in sorted(sources.items(), key=lambda kv: (-kv[1], links.index[kv[0]]))
        ),
    )
    return edition, rows


def _share(part: int, total: int) -> float | None:
    return round(part / total, 4) if total else None


def _source(
    statement: Statement,
    i: int,
    cls: str,
    line: Lineage,
    direct: tuple[str, int, float] | None,
    links: ReuseLinks,
) -> tuple[str, int, float] | None:
    """Earliest earlier statement holding the sentence: a near-copy, or its lineage's start."""
    origin = None
    if cls in ("same", "edited") and line.steps[0].edition != statement.id:
        first = line.steps[0]
        old = links.reuse.statements[links.index[first.edition]]
        old_key = " ".join(old.sentences[k].key for k in first.sentences)
        origin = (
            first.edition,
            first.sentences[0],
            round(float(fuzz.ratio(old_key, statement.sentences[i].key)), 2),
        )
    if origin is not None and old.date is not None and old.date == statement.date:
        origin = None  # a same-day statement is contemporaneous, not earlier
    if direct is None:
        return origin
    if origin is None:
        return direct
    return origin if links.index[origin[0]] < links.index[direct[0]] else direct


def _with_shifts(
    edition: Edition, comparison: Comparison, rows: list[SentenceRow], earlier: list[SentenceRow]
) -> Edition:
    """``edition`` with the shift counts of its comparison, in total and per sentence theme."""
    from dataclasses import replace

    from policydrift.compare.shifts.summary import theme_counts

    themes = {("new", r.index): r.themes for r in rows}
    themes.update({("old", r.index): r.themes for r in earlier if r.edition == comparison.old.id})
    counts = theme_counts(comparison, lambda side, index: themes.get((side, index), ()))
    return replace(edition, shifts=comparison.shifts.counts(), shift_themes=counts)
