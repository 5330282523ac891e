"""Corpus-scale reuse, as the timeline reads it: earliest sources, near-copy groups, similarity.

:class:`ReuseLinks` wraps the directed pairs of :func:`policydrift.compare.scale.reuse.reuse_pairs` (sentences of
different statements scoring >= the threshold); :func:`reused_words` counts, per sentence of a
newer edition, the words ``drift compare`` counts as kept from the older one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from policydrift.compare.figures import ALIGNED_KINDS, JOIN
from policydrift.compare.passages import WordSpans, key_word_spans
from policydrift.compare.scale.reuse import ReuseResult
from policydrift.compare.timeline.similarity import MatchedWords, Similarity
from policydrift.compare.word_positions import word_characters
from policydrift.corpus.models import Statement

if TYPE_CHECKING:
    from policydrift.compare.timeline.pairs import Aligned, WordPlaces

__all__ = ["ReuseLinks", "reused_words"]


class ReuseLinks:
    """The reused pairs of a :class:`~policydrift.compare.scale.reuse.ReuseResult` between *different*
    statements, looked up by (statement id, sentence index).

    A statement dated the same day as another is not earlier than it: pairs between two
    statements of the same date are kept apart as contemporaneous (``same_day``), never as a
    source (they still count in :meth:`similarity`).

    >>> from policydrift.compare.scale.reuse import reuse_pairs
    >>> from policydrift.corpus.models import Sentence, Statement
    >>> def st(i, date, text):
    ...     return Statement(i, i, text, text, (Sentence(0, text, text.lower(), 0, len(text), 0),), date=date)
    >>> links = ReuseLinks(reuse_pairs([st("a", "2020-01-01", "We act"), st("b", "2021-01-01", "We act")]))
    >>> links.earliest("b", 0), links.earliest("a", 0)
    (('a', 0, 100.0), None)
    >>> links = ReuseLinks(reuse_pairs([st("a", "2021-01-01", "We act"), st("b", "2021-01-01", "We act")]))
    >>> links.earliest("b", 0), links.contemporaneous("b", 0)
    (None, ('a',))
    """

    def __init__(self, reuse: ReuseResult) -> None:
        self.reuse = reuse
        self.index = {s.id: k for k, s in enumerate(reuse.statements)}
        sizes = np.array([len(s.sentences) for s in reuse.statements], dtype=np.int64)
        self.offsets = np.concatenate(([0], np.cumsum(sizes)))
        src, tgt = reuse.source, reuse.target
        keep = reuse.stmt[src] != reuse.stmt[tgt]
        self.src, self.tgt, self.score = src[keep], tgt[keep], reuse.score[keep]
        # statements of the same date are contemporaneous: never each other's source
        day: dict[str | None, int] = {}
        code = np.array(
            [-1 if s.date is None else day.setdefault(s.date, len(day)) for s in reuse.statements],
            dtype=np.int64,
        ).reshape(-1)
        a, b = code[reuse.stmt[self.src]], code[reuse.stmt[self.tgt]]
        same = (a >= 0) & (a == b)
        self.same_day: dict[int, set[int]] = {}
        for s, t in zip(self.src[same].tolist(), self.tgt[same].tolist(), strict=True):
            self.same_day.setdefault(t, set()).add(int(reuse.stmt[s]))
            self.same_day.setdefault(s, set()).add(int(reuse.stmt[t]))
        src, tgt, score = self.src[~same], self.tgt[~same], self.score[~same]
        ranked = np.lexsort((src, tgt))  # by target, then earliest source
        targets, at = np.unique(tgt[ranked], return_index=True)
        best = ranked[at]
        self.first: dict[int, tuple[int, float]] = dict(
            zip(
                targets.tolist(),
                zip(src[best].tolist(), score[best].astype(np.float64).tolist(), strict=True),
                strict=True,
            )
        )

    def flat(self, statement_id: str, sentence: int) -> int:
        return int(self.offsets[self.index[statement_id]]) + sentence

    def earliest(self, statement_id: str, sentence: int) -> tuple[str, int, float] | None:
        """The earliest sentence of another, earlier statement that is a near-copy."""
        found = self.first.get(self.flat(statement_id, sentence))
        if found is None:
            return None
        k, score = found
        statement = self.reuse.statements[int(self.reuse.stmt[k])]
        return statement.id, int(self.reuse.sent[k]), round(score, 2)

    def contemporaneous(self, statement_id: str, sentence: int) -> tuple[str, ...]:
        """Ids of the statements of the same date holding a near-copy of the sentence."""
        found = self.same_day.get(self.flat(statement_id, sentence), set())
        return tuple(sorted(self.reuse.statements[k].id for k in found))

    def groups(self, editions: Sequence[Statement]) -> dict[tuple[str, int], Any]:
        """Cluster of near-copies of each reused sentence of ``editions``."""
        out: dict[tuple[str, int], Any] = {}
        for statement in editions:
            base = int(self.offsets[self.index[statement.id]])
            clusters = self.reuse.cluster[base : base + len(statement.sentences)]
            for i in np.flatnonzero(clusters >= 0).tolist():
                out[(statement.id, i)] = ("cluster", int(clusters[i]))
        return out

    def similarity(
        self, report: Sequence[Statement], words: np.ndarray, included: np.ndarray
    ) -> Similarity:
        """Share of the (included) words of two editions lying in sentences they share.

        ``words`` and ``included`` hold one value per sentence of ``report`` (its statements in
        order, their sentences in order). Each edition's closest editions are kept
        (:class:`~policydrift.compare.timeline.similarity.Similarity`; every pair of a report
        of up to 51 editions).
        """
        return Similarity.from_matched(self.matched_words(report, words, included))

    def matched_words(
        self, report: Sequence[Statement], words: np.ndarray, included: np.ndarray
    ) -> MatchedWords:
        """What :meth:`Similarity.from_matched` reads: the words of edition ``a`` with a
        near-copy in edition ``b`` (here a sparse editions x editions matrix), each edition's
        words."""
        from scipy.sparse import csr_matrix, identity

        n = len(report)
        sizes = np.array([len(s.sentences) for s in report], dtype=np.int64)
        start = np.concatenate(([0], np.cumsum(sizes)))
        # flat sentence of the reuse result -> flat sentence of the report (-1 if not reported)
        to_report = np.full(int(self.offsets[-1]), -1, dtype=np.int64)
        for k, s in enumerate(report):
            base = int(self.offsets[self.index[s.id]])
            to_report[base : base + sizes[k]] = np.arange(start[k], start[k + 1])
        owner = np.repeat(np.arange(n, dtype=np.int64), sizes)
        x = to_report[np.concatenate((self.src, self.tgt))]
        y = to_report[np.concatenate((self.tgt, self.src))]
        both = (x >= 0) & (y >= 0)
        x, y = x[both], y[both]
        ra, rb = owner[x], owner[y]
        # a sentence counts once towards each other edition holding a near-copy of it
        _, first = np.unique(x * n + rb, return_index=True)
        x, ra, rb = x[first], ra[first], rb[first]
        weight = np.where(included[x], words[x], 0).astype(np.float64)
        totals = np.bincount(owner, weights=np.where(included, words, 0), minlength=n)
        return MatchedWords(csr_matrix((weight, (ra, rb)), shape=(n, n)), identity(n), totals)


def reused_words(comparison: Aligned, spans: WordSpans | WordPlaces | None = None) -> np.ndarray:
    """Per sentence of NEW, how many of its words ``drift compare``'s figures count as kept.

    A word is kept when it lies in an ``equal`` opcode of an aligned row or inside a shared
    passage (once, however many cover it), exactly as :mod:`policydrift.compare.figures` counts; summed and
    divided by the words of NEW, this is ``comparison.figures.new_reused_share``. ``spans``:
    :func:`policydrift.compare.passages.key_word_spans` of NEW (or its
    :class:`~policydrift.compare.timeline.pairs.WordPlaces`), if already at hand.

    >>> from policydrift.compare.engine import compare
    >>> from policydrift.corpus.models import Sentence
    >>> def st(i, text):
    ...     return Statement(i, i, text, text, (Sentence(0, text, text.lower().strip("."), 0, len(text), 0),))
    >>> reused_words(compare(st("a", "We act now."), st("b", "We act today."))).tolist()
    [2]
    """
    new = comparison.new
    spans = spans if spans is not None else key_word_spans(new)
    starts, ends = _kept_words(comparison)
    passages = comparison.passages
    covered = np.zeros(len(new.raw) + 2, dtype=np.int64)
    np.add.at(covered, starts, 1)
    np.add.at(covered, ends, -1)
    np.add.at(covered, np.array([p.new_start for p in passages], dtype=np.int64), 1)
    np.add.at(covered, np.array([p.new_end for p in passages], dtype=np.int64), -1)
    mask = np.cumsum(covered) > 0
    return np.bincount(spans.sentences[mask[spans.starts]], minlength=len(new.sentences))


def _kept_words(comparison: Aligned) -> tuple[np.ndarray, np.ndarray]:
    """The spans in NEW's raw text of the word tokens in the ``equal`` opcodes of its aligned
    rows, all rows at once: a row's tokens are its NEW sentences joined by :data:`JOIN`, each
    token at the sum of the lengths before it; a token in the row's ``k``-th sentence lies at
    that offset less the sentence's start in the row, plus its start in the raw text."""
    tokens: list[str] = []
    row_tokens: list[int] = []  # tokens of each row
    row_at: list[int] = []  # where each row starts on one line holding all rows apart
    kept: list[int] = []  # token index ranges of the equal opcodes, as +1 / -1 marks
    marks: list[int] = []
    sentence_at: list[int] = []  # where each row sentence starts on that line
    shift: list[int] = []  # its start in the raw text less its start in the row
    line = 0
    for row in comparison.rows:
        words = row.new_words
        if row.kind not in ALIGNED_KINDS or not words:
            continue
        first, n = len(tokens), len(words)
        tokens.extend(words)
        row_tokens.append(n)
        row_at.append(line)
        for tag, _, _, j1, j2 in row.ops:
            if tag == "equal" and min(j2, n) > j1:
                kept += (first + j1, first + min(j2, n))
                marks += (1, -1)
        at = 0
        for j in row.new:
            sentence_at.append(line + at)
            shift.append(comparison.new.sentences[j].start - at)
            at += len(comparison.new.sentences[j].text) + len(JOIN)
        line += max(sum(map(len, words)), at) + 1
    if not tokens:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    on = np.zeros(len(tokens) + 1, dtype=np.int64)
    np.add.at(on, np.array(kept, dtype=np.int64), np.array(marks, dtype=np.int64))
    keep = (np.cumsum(on[:-1]) > 0) & _words(tokens, lengths)
    counts = np.array(row_tokens, dtype=np.int64)
    before = np.cumsum(lengths) - lengths  # where each token starts, all rows end to end
    at = before - np.repeat(before[np.cumsum(counts) - counts], counts)  # ... in its row
    on_line = (at + np.repeat(np.array(row_at, dtype=np.int64), counts))[keep]
    k = np.searchsorted(np.array(sentence_at, dtype=np.int64), on_line, side="right") - 1
    moved = np.array(shift, dtype=np.int64)[k]
    at = at[keep] + moved
    return at, at + lengths[keep]


def _words(tokens: list[str], lengths: np.ndarray) -> np.ndarray:
    """Whether each token is a word (:func:`policydrift.compare.diff.is_word`: its first
    character is a letter, digit or ``_``), from the code points of all of them at once."""
    text = "".join(tokens).encode("utf-32-le", "surrogatepass")
    codes = np.frombuffer(text, dtype=np.uint32)
    firsts = np.cumsum(lengths) - lengths
    filled = lengths > 0
    out = np.zeros(len(tokens), dtype=bool)
    out[filled] = word_characters(codes[firsts[filled]])
    return out
