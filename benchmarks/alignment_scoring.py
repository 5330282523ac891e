"""Scoring an aligner against the hand-made alignment labels: the figures of a pair, of a split.

Labels: ``benchmarks/labels/alignment/*.yaml`` (rules and the TUNE/TEST split in the README
there), read by :mod:`alignment_labels`. Links are (old sentence, new sentence) index pairs; a
row with several old or new indexes counts as a link between each old and each new index of
it. The figures are described in :mod:`bench_alignment`, which prints them.

Importable for calibration::

    from alignment_scoring import evaluate
    result = evaluate(lambda old, new: compare(old, new, options), "TUNE")
    result.total.precision, result.total.recall, result.total.recall_by_relation["reworded"]
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from alignment_labels import (  # noqa: E402
    LINKED,
    ROOT,
    LabelledPair,
    check_pair,
    load_labels,
)

__all__ = [
    "TARGETS",
    "Figures",
    "PairResult",
    "Result",
    "baseline_rows",
    "engine_compare",
    "evaluate",
    "load_labels",
    "possible_rows",
    "predicted_links",
    "score_pair",
    "statements",
]

TARGETS = {
    "precision": 0.97,  # overall, on TEST
    "pair_precision": 0.90,  # on every TEST pair
    "recall": 0.85,  # links other than loose
    "reworded_recall": 0.75,
    "linked_shown_unmatched": 0.15,  # at most
}

Link = tuple[int, int]
SHARES = (
    "precision",
    "recall",
    "recall_by_relation",
    "linked_shown_unmatched",
    "false_unmatched_share",
    "possible_precision",
    "false_unmarked_share",
)
"""The shares of :class:`Figures` (properties), written beside the counts in JSON."""


def _share(num: int, den: int) -> float | None:
    return num / den if den else None


class _Share:
    """A share of :class:`Figures`: one of its counts over another (None over 0)."""

    def __init__(self, num: str, den: str) -> None:
        self.num, self.den = num, den

    def __get__(self, figures: Figures, owner: type | None = None) -> float | None:
        return _share(getattr(figures, self.num), getattr(figures, self.den))


@dataclass
class Figures:
    """Counts of one pair or of a whole split, and the shares made from them."""

    predicted: int = 0  # predicted links, loose ones left out
    correct: int = 0
    labelled: int = 0  # labelled links other than loose
    found: int = 0
    by_relation: dict[str, list[int]] = field(default_factory=dict)  # rel: [found, labelled]
    linked_sentences: int = 0
    linked_unmatched: int = 0
    unmatched: int = 0  # sentences shown as dropped/new (linked_unmatched of them wrongly)
    possible: int = 0  # dropped/new rows marked "possibly restated" (closest >= POSSIBLE)
    possible_linked: int = 0  # ... whose sentence has a labelled link

    def add(self, other: Figures) -> None:
        """Add another pair's counts to these."""
        for f in fields(self):
            if f.type == "int":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        for rel, (f, n) in other.by_relation.items():
            mine = self.by_relation.setdefault(rel, [0, 0])
            mine[0] += f
            mine[1] += n

    precision = _Share("correct", "predicted")
    recall = _Share("found", "labelled")
    linked_shown_unmatched = _Share("linked_unmatched", "linked_sentences")
    false_unmatched_share = _Share("linked_unmatched", "unmatched")
    possible_precision = _Share("possible_linked", "possible")
    """Of the dropped/new rows marked "possibly restated", those really linked."""

    @property
    def recall_by_relation(self) -> dict[str, float | None]:
        return {rel: _share(f, n) for rel, (f, n) in sorted(self.by_relation.items())}

    @property
    def false_unmarked_share(self) -> float | None:
        """Of the dropped/new rows not so marked (the plain claims), those that are false."""
        return _share(self.linked_unmatched - self.possible_linked, self.unmatched - self.possible)

    def as_dict(self) -> dict[str, Any]:
        """Counts and shares, for JSON."""
        data = asdict(self)
        for name in SHARES:
            data[name] = getattr(self, name)
        return data


@dataclass
class PairResult:
    """The figures of one labelled pair, with the wrong and the missed links."""

    name: str
    split: str
    formulaic: bool
    sentences: int
    figures: Figures
    wrong: list[Link]
    missed: list[tuple[Link, str]]


@dataclass
class Result:
    """The figures of every pair of a split, and their sum."""

    split: str | None
    pairs: list[PairResult]
    total: Figures

    def min_pair_precision(self) -> float | None:
        values = [p.figures.precision for p in self.pairs if p.figures.precision is not None]
        return min(values) if values else None


def predicted_links(rows: Iterable[Any]) -> set[Link]:
    """Every (old, new) pair of the rows: each old index with each new index of a row.

    >>> from types import SimpleNamespace as R
    >>> sorted(predicted_links([R(old=(0,), new=(1, 2)), R(old=(1,), new=())]))
    [(0, 1), (0, 2)]
    """
    return {(i, j) for row in rows for i in row.old for j in row.new}


def possible_rows(rows: Iterable[Any]) -> set[tuple[int, int]]:
    """(side, sentence) of every dropped (0) or new (1) row marked "possibly restated": its
    closest counterpart's score reaches :data:`policydrift.compare.models.POSSIBLE`."""
    from policydrift.compare.models import POSSIBLE

    out = set()
    for row in rows:
        score = getattr(row, "closest_score", None)
        if score is not None and score >= POSSIBLE and bool(row.old) != bool(row.new):
            out.add((0, row.old[0]) if row.old else (1, row.new[0]))
    return out


def score_pair(
    pair: LabelledPair, predicted: set[Link], possible: Iterable[tuple[int, int]] = ()
) -> PairResult:
    """The figures of one pair for a set of predicted links; ``possible`` holds the
    (side, sentence) of the dropped (0) and new (1) rows marked "possibly restated"."""
    labelled = pair.pairs_by_relation()
    neutral = pair.neutral_pairs()
    figures = Figures()
    wrong: list[Link] = []
    for link in sorted(predicted):
        rel = labelled.get(link)
        if link in neutral:
            continue
        figures.predicted += 1
        if rel is None:
            wrong.append(link)
        else:
            figures.correct += 1
    missed: list[tuple[Link, str]] = []
    for link, rel in sorted(labelled.items()):
        if rel == "loose":
            continue
        counts = figures.by_relation.setdefault(rel, [0, 0])
        counts[1] += 1
        figures.labelled += 1
        if link in predicted:
            counts[0] += 1
            figures.found += 1
        else:
            missed.append((link, rel))
    for side, size in enumerate((len(pair.old.hashes), len(pair.new.hashes))):
        linked = {p[side] for p, rel in labelled.items() if rel in LINKED}
        matched = {p[side] for p in predicted}
        unmatched = set(range(size)) - matched
        figures.linked_sentences += len(linked)
        figures.linked_unmatched += len(linked & unmatched)
        figures.unmatched += len(unmatched)
        marked = {x for s, x in possible if s == side} & unmatched
        figures.possible += len(marked)
        figures.possible_linked += len(marked & linked)
    return PairResult(pair.name, pair.split, pair.formulaic, pair.sentences, figures, wrong, missed)


@cache
def _statement(path: str) -> Any:
    from policydrift.corpus import read_statement

    return read_statement(ROOT / path)


def statements(pair: LabelledPair) -> tuple[Any, Any]:
    """The two statements of a labelled pair, as drift reads them."""
    return _statement(pair.old.path), _statement(pair.new.path)


def evaluate(
    compare_fn: Callable[[Any, Any], Any], split: str | None = None, *, check: bool = True
) -> Result:
    """Score ``compare_fn(old_statement, new_statement)`` on every labelled pair of ``split``.

    ``compare_fn`` returns a :class:`policydrift.compare.Comparison` or any iterable of rows
    with ``old`` and ``new`` index tuples. ``check`` refuses labels whose sentences no longer
    match drift's sentence splitting (ValueError naming the file).
    """
    pairs = load_labels(split)
    results = []
    total = Figures()
    for pair in pairs:
        if check:
            problems = check_pair(pair)
            if problems:
                msg = f"{pair.file.name}: {'; '.join(problems)}"
                raise ValueError(msg)
        old, new = statements(pair)
        out = compare_fn(old, new)
        rows = out.rows if hasattr(out, "rows") else out
        result = score_pair(pair, predicted_links(rows), possible_rows(rows))
        total.add(result.figures)
        results.append(result)
    return Result(split, results, total)


def engine_compare(old: Any, new: Any) -> Any:
    """The engine with its default options."""
    from policydrift.compare import compare

    return compare(old, new)


@dataclass(frozen=True)
class _Row:
    old: tuple[int, ...]
    new: tuple[int, ...]


def baseline_rows(old: Any, new: Any, threshold: float = 60.0) -> list[_Row]:
    """Plain ``fuzz.ratio >= threshold`` on the sentence keys, one-to-one, largest total score.

    Only the matched pairs are returned (unmatched sentences are dropped/new).
    """
    from rapidfuzz import fuzz, process
    from scipy.optimize import linear_sum_assignment

    old_keys = [s.key for s in old.sentences]
    new_keys = [s.key for s in new.sentences]
    if not old_keys or not new_keys:
        return []
    scores = process.cdist(old_keys, new_keys, scorer=fuzz.ratio, dtype=np.float64, workers=1)
    weights = np.where(scores >= threshold, scores, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [
        _Row((int(i),), (int(j),))
        for i, j in zip(rows, cols, strict=True)
        if scores[i, j] >= threshold
    ]
