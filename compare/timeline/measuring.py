"""Every edition's figures and sentence rows, each series measured as soon as it is traced.

A series can be measured once its lineages are known (its alignments in, its sentences
traced), while later series are still being aligned in child processes: :class:`Measured`
measures each series then (:meth:`Measured.series`, from the timeline's ``finished`` hook),
in time this process would otherwise spend waiting, and the few left at the end
(:meth:`Measured.all`). The lineages are numbered only once all are known (longest first), so
a row measured early names its lineage when that numbering is done: the rows are the same as
measuring every edition after the numbering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from policydrift.compare.timeline.editions import Evidence, measure_edition
from policydrift.compare.timeline.lineage import Lineage
from policydrift.compare.timeline.models import Edition, SentenceRow
from policydrift.compare.timeline.pairs import Aligned
from policydrift.corpus.models import Statement

__all__ = ["Measured"]

Groups = Sequence[tuple[str, tuple[Statement, ...]]]
Tick = Callable[[str, int, int, str], None]
Figures = list[tuple[Edition, list[SentenceRow]]]


class Measured:
    """The editions of ``evidence`` measured series by series (``evidence.lineage_of`` is
    filled here, as each series' lineages come)."""

    def __init__(self, evidence: Evidence) -> None:
        self.evidence = evidence
        self._found: dict[str, Figures] = {}

    def series(self, name: str, eds: tuple[Statement, ...], pairs: Sequence[Aligned],
               lineages: Sequence[Lineage]) -> None:  # fmt: skip
        """Measure the editions ``eds`` of one series, aligned as ``pairs``, traced as
        ``lineages`` (not numbered yet)."""
        self._trace(lineages)
        self._found[name] = _measure_series(self.evidence, pairs, eds)

    def _trace(self, lineages: Sequence[Lineage]) -> None:
        lineage_of = self.evidence.lineage_of
        for line in lineages:
            for step in line.steps:
                for i in step.sentences:
                    lineage_of[(step.edition, i)] = line

    def all(
        self,
        groups: Groups,
        comparisons: dict[str, list[Aligned]],
        lineages: Sequence[Lineage],
        numbered: dict[int, str],
        tick: Tick,
    ) -> tuple[list[Edition], list[SentenceRow]]:
        """Every edition and sentence row, in time order: the series not measured yet are
        measured now. ``lineages``: every lineage, not numbered; ``numbered`` maps each (by
        ``id()``) to its number."""
        editions, rows = [], []
        total = sum(len(eds) for _, eds in groups)
        lineage_of = self.evidence.lineage_of
        self._trace([line for line in lineages if line.series not in self._found])
        for name, eds in groups:
            found = self._found.pop(name, None) if name else None
            if found is None:
                found = _measure_series(self.evidence, comparisons[name], eds)
            for edition, mine in found:
                for row in mine:  # made before the lineages were numbered: name them now
                    line = numbered[id(lineage_of[(row.edition, row.index)])]
                    object.__setattr__(row, "lineage", line)  # not yet seen by anyone
                editions.append(edition)
                rows.extend(mine)
                tick("editions", len(editions), total, edition.id)
        order = self.evidence.order
        editions.sort(key=lambda e: e.order)
        rows.sort(key=lambda r: (order[r.edition], r.index))
        return editions, rows


def _measure_series(
    evidence: Evidence, pairs: Sequence[Aligned], eds: tuple[Statement, ...]
) -> Figures:
    """The figures and sentence rows of each edition of one series."""
    out: Figures = []
    before: list[SentenceRow] = []
    for position, statement in enumerate(eds):
        comparison = pairs[position - 1] if position else None
        edition, mine = measure_edition(evidence, statement, position, comparison)
        if comparison is not None and comparison.shifts is not None:
            edition = _with_shifts(edition, comparison, mine, before)
        out.append((edition, mine))
        before = mine
    return out


def _with_shifts(
    edition: Edition, comparison: Aligned, rows: list[SentenceRow], earlier: list[SentenceRow]
) -> Edition:
    """``edition`` with the shift counts of its comparison, in total and per sentence theme."""
    from dataclasses import replace

    from policydrift.compare.shifts.summary import theme_counts

    themes = {("new", r.index): r.themes for r in rows}
    themes.update({("old", r.index): r.themes for r in earlier if r.edition == comparison.old.id})
    counts = theme_counts(comparison, lambda side, index: themes.get((side, index), ()))
    return replace(edition, shifts=comparison.shifts.counts(), shift_themes=counts)
