"""Sentence lineages: one sentence followed from edition to edition of a series.

The alignment of each pair of consecutive editions (:class:`policydrift.compare.timeline.pairs.EditionPair`, or a whole
:class:`policydrift.compare.models.Comparison`) links
the sentences of the older edition to those of the newer one. Following those links gives the
lineages: every sentence of every edition belongs to exactly one lineage, which starts where the
sentence first appears (a ``new`` row) and continues through ``same``, ``edited``, ``trimmed``,
``extended``, ``reworded``, ``moved`` and ``moved+edited`` rows, but never through a ``weak``
match (:func:`policydrift.compare.linking.evidence.band`): there the old lineage ends as dropped and the
new sentence starts a lineage of its own. A ``split`` carries the lineage on into all the sentences it became; a
``merged`` row continues the oldest of the lineages it joins, the others end there as merged.
A lineage that stops before the last edition of its series says in which edition it was
dropped. Each step keeps the word-level opcodes against the step before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policydrift.compare.diff import tokenize, word_opcodes
from policydrift.compare.models import ALIGNED_KINDS, Opcode
from policydrift.corpus.models import Statement
from rapidfuzz import fuzz

if TYPE_CHECKING:
    from policydrift.compare.timeline.pairs import Aligned

__all__ = ["Lineage", "Step", "build_lineages"]

CONTINUING = ALIGNED_KINDS


@dataclass(frozen=True)
class Step:
    """A lineage in one edition: its sentences there and the change from the step before.

    ``position`` is the edition's place in its series (0 = first edition). ``kind`` is ``new``
    for the first step, else the alignment kind that linked it (``edited`` when several rows
    did). ``score`` is ``fuzz.ratio`` of the comparison keys against the previous step (100 for
    identical keys, None for the first step). ``ops`` are word opcodes over ``old_words`` (the
    previous step's text, tokenised) and ``new_words`` (this step's).
    """

    edition: str
    position: int
    sentences: tuple[int, ...]
    text: str
    kind: str
    score: float | None
    ops: tuple[Opcode, ...] = ()
    old_words: tuple[str, ...] = ()
    new_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lineage:
    """A sentence across the editions of one series; ``id`` is set by the caller's numbering.

    ``end`` is ``""`` while the lineage reaches the last edition of its series, ``"dropped"``
    or ``"merged"`` otherwise; ``ended_in`` is then the edition where it is no longer found.
    """

    id: str
    series: str
    steps: tuple[Step, ...]
    end: str = ""
    ended_in: str | None = None

    @property
    def length(self) -> int:
        """How many editions the lineage spans."""
        return len(self.steps)

    @property
    def edits(self) -> int:
        """How many steps changed wording (kind other than new/same/moved)."""
        return sum(1 for step in self.steps[1:] if step.score is not None and step.score < 100)


def _joined(statement: Statement, indexes: Sequence[int]) -> tuple[str, str]:
    sentences = [statement.sentences[i] for i in indexes]
    return " ".join(s.text for s in sentences), " ".join(s.key for s in sentences)


@dataclass
class _Open:
    """A lineage being built: where it is in the latest edition it reached."""

    birth: tuple[int, int]  # (position, first sentence index): older lineages win merges
    steps: list[Step]
    end: str = ""
    ended_in: str | None = None


def build_lineages(
    series: str, editions: Sequence[Statement], comparisons: Sequence[Aligned]
) -> list[Lineage]:
    """All lineages of one series, in order of birth (ids are left empty, see caller).

    ``comparisons[k]`` must compare ``editions[k]`` (old) with ``editions[k + 1]`` (new).

    >>> from policydrift.compare.engine import compare
    >>> from policydrift.corpus.models import Sentence, Statement
    >>> def st(i, *texts):
    ...     raw = " ".join(texts); out, at = [], 0
    ...     for n, t in enumerate(texts):
    ...         out.append(Sentence(n, t, t.lower().strip("."), at, at + len(t), 0)); at += len(t) + 1
    ...     return Statement(id=i, path=i, raw=raw, text=raw, sentences=tuple(out))
    >>> a = st("a", "We meet every year.", "Ransomware is a threat.")
    >>> b = st("b", "We meet every year.", "Scams grow.")
    >>> lines = build_lineages("s", [a, b], [compare(a, b)])
    >>> [(len(x.steps), x.end, x.ended_in) for x in lines]
    [(2, '', None), (1, 'dropped', 'b'), (1, '', None)]
    """
    if len(comparisons) != max(0, len(editions) - 1):
        msg = f"need {max(0, len(editions) - 1)} comparisons for {len(editions)} editions, got {len(comparisons)}"
        raise ValueError(msg)
    if not editions:
        return []
    lineages: list[_Open] = []
    owner: dict[int, int] = {}  # sentence index in the current edition -> lineage number
    first = editions[0]
    for sentence in first.sentences:
        owner[sentence.index] = len(lineages)
        lineages.append(_Open((0, sentence.index), [_first_step(first, 0, (sentence.index,))]))
    for k, comparison in enumerate(comparisons):
        old, new = editions[k], editions[k + 1]
        if comparison.old.id != old.id or comparison.new.id != new.id:
            msg = f"comparison {k} is {comparison.old.id!r} -> {comparison.new.id!r}, expected {old.id!r} -> {new.id!r}"
            raise ValueError(msg)
        owner = _advance(lineages, owner, comparison, k + 1)
    return [
        Lineage(id="", series=series, steps=tuple(item.steps), end=item.end, ended_in=item.ended_in)
        for item in lineages
    ]


def _first_step(statement: Statement, position: int, indexes: tuple[int, ...]) -> Step:
    text, _ = _joined(statement, indexes)
    return Step(statement.id, position, indexes, text, "new", None)


def _advance(
    lineages: list[_Open], owner: dict[int, int], comparison: Aligned, position: int
) -> dict[int, int]:
    """Carry every lineage across one comparison; returns the owners in the new edition."""
    new_owner: dict[int, int] = {}
    rows_of: dict[int, list[int]] = {}  # lineage -> numbers of the rows continuing it
    merged_away: set[int] = set()
    for number, row in enumerate(comparison.rows):
        if not row.new:
            continue
        if not row.old or row.kind not in CONTINUING or row.band == "weak":
            for j in row.new:
                new_owner[j] = len(lineages)
                lineages.append(_Open((position, j), [_first_step(comparison.new, position, (j,))]))
            continue
        candidates = sorted({owner[i] for i in row.old}, key=lambda n: lineages[n].birth)
        winner = candidates[0]
        merged_away.update(candidates[1:])
        for j in row.new:
            new_owner[j] = winner
        rows_of.setdefault(winner, []).append(number)
    sentences_of: dict[int, list[int]] = {}
    for j, number in sorted(new_owner.items()):
        sentences_of.setdefault(number, []).append(j)
    for number in sorted(set(owner.values())):
        item = lineages[number]
        if number in rows_of:
            indexes = tuple(sentences_of[number])
            item.steps.append(_step(item.steps[-1], comparison, rows_of[number], indexes, position))
        else:
            item.end = "merged" if number in merged_away else "dropped"
            item.ended_in = comparison.new.id
    return new_owner


def _step(
    previous: Step, comparison: Aligned, rows: list[int], indexes: tuple[int, ...], position: int
) -> Step:
    new = comparison.new
    text, key = _joined(new, indexes)
    _, old_key = _joined(comparison.old, previous.sentences)
    kinds = {comparison.rows[r].kind for r in rows}
    kind = kinds.pop() if len(kinds) == 1 else "edited"
    row = comparison.rows[rows[0]]
    if (
        len(rows) == 1
        and row.old == previous.sentences
        and row.new == indexes
        and (row.ops or kind in ("same", "moved"))
    ):
        ops, old_words, new_words = row.ops, row.old_words, row.new_words
    else:
        old_words, new_words = tuple(tokenize(previous.text)), tuple(tokenize(text))
        ops = tuple(word_opcodes(old_words, new_words))
    score = 100.0 if old_key == key else round(float(fuzz.ratio(old_key, key)), 2)
    return Step(
        new.id, position, indexes, text, kind, score, tuple(ops), tuple(old_words), tuple(new_words)
    )
