"""Consecutive editions aligned in forked processes, while the timeline goes on with other stages.

Aligning each edition with the previous one is the longest stage of a timeline (about 7 ms a
pair, 980 pairs for 1,000 statements) and each pair is independent of the others, so
:class:`EditionAlignments` cuts each series into runs of at most :data:`RUN_PAIRS`
consecutive pairs and aligns the runs in child processes forked at once
(:class:`policydrift.corpus.processes.Forked`), one per core; the build meanwhile searches for
reuse and codes themes, and reads the alignments when it needs them. A run shares each
statement between two pairs (the new side of one is the old side of the next), so the
alignment's memos (:mod:`policydrift.compare.timeline.pairs`) still compute each statement's
words once. What comes back is each pair's rows, passages and shifts, the words of each new
sentence kept from the old edition (:func:`policydrift.compare.timeline.reuse.reused_words`,
counted here rather than in the edition figures, which run in this process alone) and each
statement's word places; the pairs are rebuilt over the parent's own statements, in order, and are identical to
aligning them one after the other in this process (which is what happens below
:data:`PARALLEL_MIN_PAIRS` pairs, with one core, or where ``fork`` is unavailable).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from policydrift.compare.models import AlignedRow, CompareOptions
from policydrift.compare.timeline.pairs import (
    Aligned,
    EditionPair,
    WordPlaces,
    WordPositions,
    align_pair,
)
from policydrift.corpus.models import Statement
from policydrift.corpus.processes import Forked, processes_for

if TYPE_CHECKING:
    from policydrift.compare.shifts.lexicon import StrengthLexicon

__all__ = [
    "PARALLEL_MIN_PAIRS",
    "RUN_PAIRS",
    "EditionAlignments",
    "packed",
    "runs_of",
    "unpacked",
]

PARALLEL_MIN_PAIRS = 40
"""Below this many pairs of consecutive editions, they are aligned in this process (forking
costs more than it saves)."""
RUN_PAIRS = 12
"""Consecutive pairs aligned by one job: small enough to share the work out evenly, large
enough that few statements are read twice (once at each end of a run)."""

Run = tuple[str, tuple[Statement, ...]]
Groups = Sequence[tuple[str, tuple[Statement, ...]]]
Tick = Callable[[str, int, int, str], None]
_Result = tuple[list[tuple[Any, Any, Any, tuple[int, ...]]], dict[str, WordPlaces]]


_CUT = "\x00"  # between the tokens of a packed row side (a text holding it is sent as is)
Packed = tuple[tuple[Any, ...], ...]


def packed(rows: Sequence[AlignedRow]) -> Packed:
    """``rows`` as plain tuples, each side's tokens as one string: what a child process sends
    back. Unpickling 200,000 rows (5,000 statements) took 3.5 s of this process's time as
    objects, 0.7 s as tuples; the tokens of a ``same`` row's sides are one tuple, sent once.

    >>> from policydrift.compare.diff import tokens
    >>> row = AlignedRow("edited", (0,), (1,), 80.0, (), tokens("We act."), tokens("We act now."))
    >>> unpacked(packed([row])) == (row,)
    True
    """
    out = []
    for r in rows:
        old = _CUT.join(r.old_words)
        new = None if r.new_words is r.old_words else _CUT.join(r.new_words)
        if old.count(_CUT) != len(r.old_words) - 1 or (
            new is not None and new.count(_CUT) != len(r.new_words) - 1
        ):  # a token holds the cut itself (or a side has no token): sent as it is
            old, new = r.old_words, r.new_words
        out.append((r.kind, r.old, r.new, r.score, r.ops, old, new, r.band, r.closest,
                    r.closest_score))  # fmt: skip
    return tuple(out)


def unpacked(
    rows: Packed, seen: dict[str, tuple[str, ...]] | None = None
) -> tuple[AlignedRow, ...]:
    """The rows :func:`packed` packed. ``seen``: the tokens already unpacked, by packed side:
    a sentence kept through a series is one tuple of tokens in all its rows (as the child
    process had it), not one per row (350 MB more at 5,000 statements)."""
    seen = {} if seen is None else seen

    def tokens(side: str) -> tuple[str, ...]:
        found = seen.get(side)
        if found is None:
            found = seen[side] = tuple(side.split(_CUT))
        return found

    out = []
    for kind, old, new, score, ops, old_words, new_words, band, closest, closest_score in rows:
        if isinstance(old_words, str):
            old_words = tokens(old_words)
            new_words = old_words if new_words is None else tokens(new_words)
        out.append(
            AlignedRow(
                kind, old, new, score, ops, old_words, new_words, band, closest, closest_score
            )  # fmt: skip
        )
    return tuple(out)


def runs_of(groups: Groups, size: int | None = None) -> list[Run]:
    """Each series' editions cut into runs of at most ``size`` (:data:`RUN_PAIRS`) consecutive
    pairs (a run of ``n`` pairs holds ``n + 1`` editions; consecutive runs share one edition).

    >>> from policydrift.corpus.models import Statement
    >>> eds = tuple(Statement(str(k), str(k), "", "", ()) for k in range(6))
    >>> [[s.id for s in run] for _, run in runs_of([("a", eds), ("b", eds[:1])], size=2)]
    [['0', '1', '2'], ['2', '3', '4'], ['4', '5']]
    """
    size = size if size is not None else RUN_PAIRS
    runs = []
    for name, editions in groups:
        for start in range(0, len(editions) - 1, size):
            runs.append((name, editions[start : start + size + 1]))
    return runs


class EditionAlignments(Forked[_Result]):
    """The alignments of consecutive editions of ``groups``, started on entering the context
    (in child processes when there are enough pairs and ``workers`` allows), read by
    :meth:`collect`.

    ``workers``: processes (-1: every core; 1: this process). ``positions`` receives the word
    places of every statement aligned (as if it had aligned them itself).
    """

    def __init__(
        self,
        groups: Groups,
        options: CompareOptions,
        *,
        strength: StrengthLexicon | None,
        positions: WordPositions,
        workers: int = -1,
    ) -> None:
        self.groups, self.options, self.strength = groups, options, strength
        self.positions = positions
        self.runs = runs_of(groups)
        self.pairs = sum(len(run) - 1 for _, run in self.runs)
        processes = processes_for(workers, len(self.runs), least_jobs=2)
        processes = processes if self.pairs >= PARALLEL_MIN_PAIRS else 1
        super().__init__(self._align_run, len(self.runs), processes)

    def _align_run(self, k: int) -> _Result:
        """Job ``k``: each pair of run ``k`` as its rows (:func:`packed`), passages, shifts
        and the words each new sentence keeps; and the word places of the run's statements."""
        from policydrift.compare.timeline.reuse import reused_words

        _, editions = self.runs[k]
        positions = WordPositions()
        found = []
        for old, new in zip(editions, editions[1:], strict=False):
            pair = align_pair(old, new, self.options, positions=positions, strength=self.strength)
            kept = reused_words(pair, positions(new))  # here, not in the serial figures stage
            found.append((packed(pair.rows), pair.passages, pair.shifts, tuple(kept.tolist())))
        return found, {s.id: positions.places(s) for s in editions}  # type: ignore[misc]

    def collect(
        self, tick: Tick, finished: Callable[[str, list[Aligned]], None] | None = None
    ) -> dict[str, list[Aligned]]:
        """Each series' pairs in order (``tick("comparing", done, total, what)`` after each);
        ``finished(name, pairs)`` as soon as a series' last pair is in, while later series may
        still be aligned in child processes."""
        out: dict[str, list[Aligned]] = {name: [] for name, _ in self.groups}
        seen: dict[str, tuple[str, ...]] = {}  # the tokens of each row side, unpacked once
        left = Counter(name for name, _ in self.runs)
        done = 0
        results: Iterator[_Result] = iter(self)
        for (name, editions), (found, places) in zip(self.runs, results, strict=True):
            self.positions.remember(places)
            for old, new, (rows, passages, shifts, kept) in zip(
                editions[:-1], editions[1:], found, strict=True
            ):
                out[name].append(
                    EditionPair(
                        old=old,
                        new=new,
                        rows=unpacked(rows, seen),
                        passages=passages,
                        shifts=shifts,
                        kept=kept,
                    )  # fmt: skip
                )
                done += 1
                tick("comparing", done, self.pairs, f"{new.id} against {old.id}")
            left[name] -= 1
            if not left[name] and finished is not None:
                finished(name, out[name])
        return out
