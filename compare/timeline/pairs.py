"""Consecutive editions aligned: the part of :func:`policydrift.compare.engine.compare` a timeline reads.

A timeline reads, of each comparison of consecutive editions, its rows with their word diffs
(lineages, sentence classes, words kept), its shared passages (words kept) and its strength
shifts. :func:`align_pair` computes exactly those, as ``compare()`` does, and leaves out what
the timeline never shows (the headline figures, the spelling-only count, the sections); the
word positions of each statement (:func:`policydrift.compare.passages.key_word_spans`) are
computed once while aligning (:class:`WordPositions`), not twice.

Consecutive editions share a statement (the new side of one comparison is the old side of
the next) and most of their sentences, so the alignment keeps a few things for the next
comparisons, each a bounded memo of a pure function: each side's keys split into words
(:mod:`policydrift.compare.linking.evidence`), each sentence's tokens
(:func:`policydrift.compare.diff.tokens`) and the strength markers of each changed row side
(:mod:`policydrift.compare.shifts.detect`). :func:`forget` drops them.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from policydrift.compare.engine import aligned_rows
from policydrift.compare.models import AlignedPair, CompareOptions, Comparison
from policydrift.compare.passages import WordSpans, key_word_spans, passages_from_spans
from policydrift.corpus.models import Statement

if TYPE_CHECKING:
    from policydrift.compare.shifts.lexicon import StrengthLexicon

__all__ = ["Aligned", "EditionPair", "WordPlaces", "WordPositions", "align_pair", "forget"]


@dataclass(frozen=True)
class EditionPair(AlignedPair):
    """OLD and NEW aligned: ``rows``, ``passages`` and ``shifts`` are those of ``compare()``."""

    shifts: Any = None  # compare.shifts.ShiftReport when a strength lexicon ran
    kept: tuple[int, ...] | None = None  # words of each NEW sentence kept (reuse.reused_words)


Aligned = EditionPair | Comparison
"""What a timeline reads consecutive editions from: its own pairs, or whole comparisons."""


@dataclass(frozen=True)
class WordPlaces:
    """Where the key words of a statement start (in ``Statement.raw``) and the sentence each
    belongs to: the part of :class:`~policydrift.compare.passages.WordSpans` the edition
    figures read, in 8 bytes a word."""

    starts: np.ndarray
    sentences: np.ndarray


class WordPositions:
    """:func:`~policydrift.compare.passages.key_word_spans` of the latest ``keep`` statements,
    and :class:`WordPlaces` of every statement it gave.

    Consecutive editions are aligned in order, each statement as NEW and then as OLD, so
    remembering the last two computes each once while aligning, and memory stays bounded (the
    word positions of a whole archive would be hundreds of megabytes); the figures of each
    edition, measured after all the alignments, read their places (a few MB per thousand
    statements) instead of computing them again.
    """

    def __init__(self, keep: int = 2) -> None:
        self.keep = keep
        self._spans: OrderedDict[str, WordSpans] = OrderedDict()
        self._places: dict[str, WordPlaces] = {}

    def __call__(self, statement: Statement) -> WordSpans:
        """The key words of ``statement`` with their spans (ids are unique in a timeline)."""
        spans = self._spans.get(statement.id)
        if spans is None:
            spans = self._spans[statement.id] = key_word_spans(statement)
            small = np.int32 if len(statement.raw) < 2**31 else np.int64
            self._places[statement.id] = WordPlaces(
                spans.starts.astype(small), spans.sentences.astype(np.int32)
            )
            while len(self._spans) > self.keep:
                self._spans.popitem(last=False)
        return spans

    def remember(self, places: dict[str, WordPlaces]) -> None:
        """Take the places of statements aligned elsewhere (another process), by id."""
        self._places.update(places)

    def places(self, statement: Statement) -> WordPlaces | WordSpans:
        """Where the key words of ``statement`` start and their sentences (as given before,
        or computed now).

        >>> from policydrift.corpus.models import Sentence, Statement
        >>> s = Statement("x", "x", "We act.", "We act.", (Sentence(0, "We act.", "we act", 0, 7, 0),))
        >>> WordPositions().places(s).starts.tolist()
        [0, 3]
        """
        return self._places.get(statement.id) or self(statement)


def forget() -> None:
    """Drop what aligning keeps for the next comparisons (the same results either way).

    >>> forget()
    """
    from policydrift.compare.diff import tokens
    from policydrift.compare.linking import evidence
    from policydrift.compare.shifts import detect

    tokens.cache_clear()
    evidence.forget()
    detect.forget()


def align_pair(
    old: Statement,
    new: Statement,
    options: CompareOptions,
    *,
    positions: WordPositions | None = None,
    strength: StrengthLexicon | None = None,
) -> EditionPair:
    """OLD aligned with NEW as ``compare(old, new, options, strength=strength)`` aligns them.

    >>> from policydrift.corpus.collection import SAMPLE_CORPUS, read_one
    >>> from policydrift.compare.engine import compare
    >>> folder = SAMPLE_CORPUS / "whitehouse" / "cyber_awareness_month_proclamations"
    >>> a, b = (read_one(f) for f in sorted(folder.glob("*202[34]*.md")))
    >>> pair, c = align_pair(a, b, CompareOptions()), compare(a, b, CompareOptions())
    >>> (pair.rows, pair.passages) == (c.rows, c.passages)
    True
    """
    positions = positions if positions is not None else WordPositions()
    rows = tuple(aligned_rows(old, new, options))
    passages = passages_from_spans(
        old, new, positions(old), positions(new), options.min_passage_words
    )
    pair = EditionPair(old=old, new=new, rows=rows, passages=tuple(passages))
    if strength is None:
        return pair
    from dataclasses import replace

    from policydrift.compare.shifts.detect import detect_shifts

    return replace(pair, shifts=detect_shifts(pair, strength))  # type: ignore[arg-type]
