"""Corpus-scale reuse, as the timeline reads it: earliest sources, near-copy groups, similarity.

:class:`ReuseLinks` wraps the directed pairs of :func:`policydrift.compare.scale.reuse.reuse_pairs` (sentences of
different statements scoring >= the threshold); :func:`reused_words` counts, per sentence of a
newer edition, the words ``drift compare`` counts as kept from the older one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from policydrift.compare.diff import is_word
from policydrift.compare.figures import ALIGNED_KINDS, JOIN
from policydrift.compare.models import Comparison
from policydrift.compare.passages import WordSpans, key_word_spans
from policydrift.compare.scale.reuse import ReuseResult
from policydrift.corpus.models import Statement

__all__ = ["ReuseLinks", "reused_words", "submatrix"]


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
        dates = [s.date for s in reuse.statements]
        same_day: dict[int, set[int]] = {}
        first: dict[int, tuple[int, float]] = {}
        for p in np.lexsort((self.src, self.tgt)).tolist():
            s, t = int(self.src[p]), int(self.tgt[p])
            a, b = dates[int(reuse.stmt[s])], dates[int(reuse.stmt[t])]
            if a is not None and a == b:
                same_day.setdefault(t, set()).add(int(reuse.stmt[s]))
                same_day.setdefault(s, set()).add(int(reuse.stmt[t]))
                continue
            first.setdefault(t, (s, float(self.score[p])))
        self.first = first
        self.same_day = same_day

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
        self,
        report: Sequence[Statement],
        words: dict[tuple[str, int], int],
        included: set[tuple[str, int]],
    ) -> tuple[tuple[float, ...], ...]:
        """Share of the (included) words of two editions lying in sentences they share."""
        n = len(report)
        where = {self.index[s.id]: k for k, s in enumerate(report)}
        matched = np.zeros((n, n), dtype=np.float64)
        stmt, sent = self.reuse.stmt, self.reuse.sent
        seen: set[tuple[int, int, int]] = set()
        for a, b in ((self.src, self.tgt), (self.tgt, self.src)):
            for x, y in zip(a.tolist(), b.tolist(), strict=True):
                ra, rb = where.get(int(stmt[x])), where.get(int(stmt[y]))
                if ra is None or rb is None or (ra, int(sent[x]), rb) in seen:
                    continue
                seen.add((ra, int(sent[x]), rb))
                key = (report[ra].id, int(sent[x]))
                if key in included:
                    matched[ra, rb] += words[key]
        position = {s.id: k for k, s in enumerate(report)}
        totals = np.zeros(n)
        for key, count in words.items():
            if key in included:
                totals[position[key[0]]] += count
        out = []
        for a in range(n):
            line = []
            for b in range(n):
                if a == b:
                    line.append(1.0)
                    continue
                total = totals[a] + totals[b]
                line.append(
                    round(float((matched[a, b] + matched[b, a]) / total), 4) if total else 0.0
                )
            out.append(tuple(line))
        return tuple(out)


def submatrix(
    matrix: tuple[tuple[float, ...], ...], picks: list[int]
) -> tuple[tuple[float, ...], ...]:
    """The rows and columns ``picks`` of a square matrix.

    >>> submatrix(((1.0, 0.5, 0.0), (0.5, 1.0, 0.2), (0.0, 0.2, 1.0)), [0, 2])
    ((1.0, 0.0), (0.0, 1.0))
    """
    return tuple(tuple(matrix[a][b] for b in picks) for a in picks)


def reused_words(comparison: Comparison, spans: WordSpans | None = None) -> np.ndarray:
    """Per sentence of NEW, how many of its words ``drift compare``'s figures count as kept.

    A word is kept when it lies in an ``equal`` opcode of an aligned row or inside a shared
    passage (once, however many cover it), exactly as :mod:`policydrift.compare.figures` counts; summed and
    divided by the words of NEW, this is ``comparison.figures.new_reused_share``. ``spans``:
    :func:`policydrift.compare.passages.key_word_spans` of NEW, if already at hand.

    >>> from policydrift.compare.engine import compare
    >>> from policydrift.corpus.models import Sentence
    >>> def st(i, text):
    ...     return Statement(i, i, text, text, (Sentence(0, text, text.lower().strip("."), 0, len(text), 0),))
    >>> reused_words(compare(st("a", "We act now."), st("b", "We act today."))).tolist()
    [2]
    """
    new = comparison.new
    spans = spans if spans is not None else key_word_spans(new)
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    for row in comparison.rows:
        if row.kind not in ALIGNED_KINDS or not row.new_words:
            continue
        keep = np.zeros(len(row.new_words), dtype=bool)
        for tag, _, _, j1, j2 in row.ops:
            if tag == "equal":
                keep[j1:j2] = True
        keep &= np.fromiter(map(is_word, row.new_words), dtype=bool, count=len(row.new_words))
        if not keep.any():
            continue
        offsets = np.concatenate(
            ([0], np.cumsum(np.fromiter(map(len, row.new_words), dtype=np.int64)))
        )
        texts = [len(new.sentences[j].text) + len(JOIN) for j in row.new]
        segment = np.concatenate(
            ([0], np.cumsum(texts)[:-1])
        )  # where each sentence starts when joined
        raw_start = np.array([new.sentences[j].start for j in row.new], dtype=np.int64)
        at, stop = offsets[:-1][keep], offsets[1:][keep]
        k = np.searchsorted(segment, at, side="right") - 1
        shift = raw_start[k] - segment[k]
        starts.append(at + shift)
        ends.append(stop + shift)
    for passage in comparison.passages:
        starts.append(np.array([passage.new_start]))
        ends.append(np.array([passage.new_end]))
    covered = np.zeros(len(new.raw) + 2, dtype=np.int64)
    if starts:
        np.add.at(covered, np.concatenate(starts), 1)
        np.add.at(covered, np.concatenate(ends), -1)
    mask = np.cumsum(covered) > 0
    return np.bincount(spans.sentences[mask[spans.starts]], minlength=len(new.sentences))
