"""Headline figures of a comparison: reuse shares, words per side, rows per kind.

Words are the comparison key's words (:func:`policydrift.compare.passages.key_word_spans`), so the counts
do not depend on punctuation, case or line wrapping. A word of NEW counts as *reused* (a word
of OLD as *retained*) when either

- it lies in an ``equal`` opcode of an aligned row (every kind but ``new`` and ``dropped``): the words of a ``same`` row, and the unchanged
  words of the other kinds; or
- it lies inside a shared passage (:func:`policydrift.compare.passages.shared_passages`), which catches
  wording carried over into sentences that were not aligned.

Each word is counted once, however many of these cover it (a mask over the words is filled,
then counted). A side without words has a share of 0.0.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

import numpy as np
from policydrift.compare.diff import is_word
from policydrift.compare.models import ALIGNED_KINDS, KINDS, AlignedRow, Figures, Passage
from policydrift.compare.passages import WordSpans, key_word_spans
from policydrift.corpus.models import Statement

# How compare.engine joins the sentences of one side of a split/merged row before tokenising.
JOIN = " "


def compute_figures(
    old: Statement,
    new: Statement,
    rows: Sequence[AlignedRow],
    passages: Sequence[Passage],
    *,
    old_spans: WordSpans | None = None,
    new_spans: WordSpans | None = None,
) -> Figures:
    """Reuse shares, word totals, rows per kind (every kind present) and ``identical``.

    ``identical`` is true when every row is ``same`` and both sides have as many sentences.

    >>> from policydrift.compare.engine import compare
    >>> from policydrift.corpus.models import Sentence, Statement
    >>> raw = "Keep it safe."
    >>> st = Statement("x", "x", raw, raw, (Sentence(0, raw, "keep it safe", 0, len(raw), 0),))
    >>> c = compare(st, st)
    >>> f = compute_figures(st, st, c.rows, c.passages)
    >>> f.new_words, f.new_reused_share, f.counts["same"], f.identical
    (3, 1.0, 1, True)
    """
    a = old_spans if old_spans is not None else key_word_spans(old)
    b = new_spans if new_spans is not None else key_word_spans(new)
    old_cov: list[tuple[int, int]] = []  # covered (start, end) spans of the raw texts
    new_cov: list[tuple[int, int]] = []
    for row in rows:
        if row.kind not in ALIGNED_KINDS:
            continue
        equal = [op for op in row.ops if op[0] == "equal"]
        if equal == [("equal", 0, len(row.old_words), 0, len(row.new_words))]:
            # wholly unchanged: every word of both sides
            old_cov += [(old.sentences[i].start, old.sentences[i].end) for i in row.old]
            new_cov += [(new.sentences[j].start, new.sentences[j].end) for j in row.new]
        elif equal:
            old_cov += _equal_word_spans(old, row.old, row.old_words, [op[1:3] for op in equal])
            new_cov += _equal_word_spans(new, row.new, row.new_words, [op[3:5] for op in equal])
    old_cov += [(p.old_start, p.old_end) for p in passages]
    new_cov += [(p.new_start, p.new_end) for p in passages]
    counts = dict.fromkeys(KINDS, 0)
    for row in rows:
        counts[row.kind] += 1
    identical = all(row.kind == "same" for row in rows) and len(old.sentences) == len(new.sentences)
    return Figures(
        old_words=len(a.words),
        new_words=len(b.words),
        new_reused_share=_share(new_cov, b, len(new.raw)),
        old_retained_share=_share(old_cov, a, len(old.raw)),
        counts=counts,
        identical=identical,
    )


def _share(covered: list[tuple[int, int]], spans: WordSpans, size: int) -> float:
    """Fraction of the words whose first character lies in a covered span (counted once)."""
    if not spans.words:
        return 0.0
    depth = np.zeros(size + 1, dtype=np.int32)
    if covered:
        bounds = np.array(covered, dtype=np.int64)
        np.add.at(depth, bounds[:, 0], 1)
        np.add.at(depth, bounds[:, 1], -1)
    inside = np.cumsum(depth) > 0
    return float(inside[spans.starts].sum()) / len(spans.words)


def _equal_word_spans(
    statement: Statement,
    indexes: Sequence[int],
    tokens: Sequence[str],
    ranges: Sequence[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Raw-text spans of the word tokens inside ``ranges`` (token index ranges) of one side.

    The side's text is its sentences' texts joined by :data:`JOIN`, so an offset in the joined
    text maps back to the raw text through the sentence it falls in. Tokens alternate words
    and separators (:func:`policydrift.compare.diff.tokenize`), so words sit at every other position.
    """
    if not tokens:
        return []
    offsets = list(accumulate(map(len, tokens), initial=0))
    seg_starts = list(
        accumulate((len(statement.sentences[i].text) + len(JOIN) for i in indexes), initial=0)
    )
    parity = 0 if is_word(tokens[0]) else 1
    out = []
    for lo, hi in ranges:
        for k in range(lo + (lo + parity) % 2, hi, 2):
            pos = offsets[k]
            seg = bisect_right(seg_starts, pos) - 1 if len(indexes) > 1 else 0
            start = statement.sentences[indexes[seg]].start + pos - seg_starts[seg]
            out.append((start, start + len(tokens[k])))
    return out
