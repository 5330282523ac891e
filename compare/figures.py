"""Headline figures of a comparison: reuse shares, words per side, rows per kind.

Words are the comparison key's words (:func:`compare.passages.key_word_spans`), so the counts
do not depend on punctuation, case or line wrapping. A word of NEW counts as *reused* (a word
of OLD as *retained*) when either

- it lies in an ``equal`` opcode of an aligned row (kinds ``same``, ``edited``, ``moved``,
  ``moved+edited``, ``split``, ``merged``): the words of a ``same`` row, and the unchanged
  words of the other kinds; or
- it lies inside a shared passage (:func:`compare.passages.shared_passages`), which catches
  wording carried over into sentences that were not aligned.

Each word is counted once, however many of these cover it (a mask over the words is filled,
then counted). A side without words has a share of 0.0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from compare.diff import is_word
from compare.models import KINDS, AlignedRow, Figures, Passage
from compare.passages import WordSpans, key_word_spans
from corpus.models import Statement

# Row kinds whose equal opcodes count as reused wording.
ALIGNED_KINDS = ("same", "edited", "moved", "moved+edited", "split", "merged")
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

    >>> from compare.engine import compare
    >>> from corpus.models import Sentence, Statement
    >>> raw = "Keep it safe."
    >>> st = Statement("x", "x", raw, raw, (Sentence(0, raw, "keep it safe", 0, len(raw), 0),))
    >>> c = compare(st, st)
    >>> f = compute_figures(st, st, c.rows, c.passages)
    >>> f.new_words, f.new_reused_share, f.counts["same"], f.identical
    (3, 1.0, 1, True)
    """
    a = old_spans if old_spans is not None else key_word_spans(old)
    b = new_spans if new_spans is not None else key_word_spans(new)
    old_cov = _char_mask(old.raw)
    new_cov = _char_mask(new.raw)
    for row in rows:
        equal = [op for op in row.ops if op[0] == "equal"]
        if row.kind in ALIGNED_KINDS and equal == [("equal", 0, len(row.old_words), 0, len(row.new_words))]:
            for i in row.old:  # wholly unchanged: every word of both sides
                old_cov[old.sentences[i].start : old.sentences[i].end] = True
            for j in row.new:
                new_cov[new.sentences[j].start : new.sentences[j].end] = True
        elif row.kind in ALIGNED_KINDS and equal:
            _mark_equal_words(old_cov, old, row.old, row.old_words, [op[1:3] for op in equal])
            _mark_equal_words(new_cov, new, row.new, row.new_words, [op[3:5] for op in equal])
    for p in passages:
        old_cov[p.old_start : p.old_end] = True
        new_cov[p.new_start : p.new_end] = True
    counts = dict.fromkeys(KINDS, 0)
    for row in rows:
        counts[row.kind] += 1
    identical = all(row.kind == "same" for row in rows) and len(old.sentences) == len(
        new.sentences
    )
    return Figures(
        old_words=len(a.words),
        new_words=len(b.words),
        new_reused_share=_share(new_cov, b),
        old_retained_share=_share(old_cov, a),
        counts=counts,
        identical=identical,
    )


def _char_mask(raw: str) -> np.ndarray:
    return np.zeros(len(raw) + 1, dtype=bool)


def _share(mask: np.ndarray, spans: WordSpans) -> float:
    """Fraction of the words whose first character is covered."""
    if not spans.words:
        return 0.0
    return float(mask[spans.starts].sum()) / len(spans.words)


def _mark_equal_words(
    mask: np.ndarray,
    statement: Statement,
    indexes: Sequence[int],
    tokens: Sequence[str],
    ranges: Sequence[tuple[int, int]],
) -> None:
    """Mark in ``mask`` the raw-text spans of the word tokens inside ``ranges`` (token index
    ranges, in order) of one side of a row, in one pass over the tokens.

    The side's text is its sentences' texts joined by :data:`JOIN`, so an offset in the joined
    text maps back to the raw text through the sentence it falls in.
    """
    inside = np.zeros(len(tokens) + 1, dtype=np.int8)
    for lo, hi in ranges:
        inside[lo] += 1
        inside[hi] -= 1
    inside = np.cumsum(inside) > 0
    sentences = [statement.sentences[i] for i in indexes]
    seg, seg_start, pos = 0, 0, 0  # sentence of the current token, its offset in the join
    for k, token in enumerate(tokens):
        while seg + 1 < len(sentences) and pos >= seg_start + len(sentences[seg].text) + len(JOIN):
            seg_start += len(sentences[seg].text) + len(JOIN)
            seg += 1
        if inside[k] and is_word(token):
            start = sentences[seg].start + pos - seg_start
            mask[start : start + len(token)] = True
        pos += len(token)
