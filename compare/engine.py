"""``compare()``: the whole comparison of two statements, as plain data."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from policydrift.compare.align import EXHAUSTIVE_MAX_CELLS, align
from policydrift.compare.diff import tokens, word_opcodes
from policydrift.compare.figures import JOIN, compute_figures
from policydrift.compare.models import (
    AlignedRow,
    CompareOptions,
    Comparison,
    Opcode,
    ThemeOptions,
)
from policydrift.compare.passages import key_word_spans, passages_from_spans
from policydrift.compare.sections import compare_sections
from policydrift.compare.spelling import spelling_only_edits
from policydrift.corpus.models import Statement

if TYPE_CHECKING:
    from policydrift.compare.shifts.lexicon import StrengthLexicon


def compare(
    old: Statement,
    new: Statement,
    options: CompareOptions | None = None,
    *,
    themes: ThemeOptions | None = None,
    exhaustive_max_cells: int = EXHAUSTIVE_MAX_CELLS,
    strength: StrengthLexicon | None = None,
) -> Comparison:
    """Compare OLD with NEW: aligned rows with word diffs, shared passages and figures.

    Rows (see :mod:`policydrift.compare.align` for the method):

    - ``same``: the keys are identical (case, quotes, punctuation and spacing aside), in order;
    - ``edited``: one-to-one match scoring >= ``options.threshold``, in order;
    - ``moved`` / ``moved+edited``: matched, but out of the order kept by the longest
      increasing subsequence of matched rows (identical / different keys);
    - ``split`` / ``merged``: one old sentence against several consecutive new ones, or the
      reverse (scored on the joined keys, >= ``options.split_threshold``);
    - ``new`` / ``dropped``: sentences of NEW / OLD with no counterpart.

    Display order: rows follow the NEW statement's order (by their first new sentence; a moved
    row sits at its new position, and ``row.old`` says where it came from). A ``dropped`` old
    sentence sits right after the row holding the old sentence before it (consecutive dropped
    sentences in old order), or at the top when no kept old sentence precedes it. The order is
    deterministic.

    Every row with both sides carries word opcodes (``ops``) over the tokens of its joined old
    and new texts (``old_words``/``new_words``, see :func:`policydrift.compare.diff.tokenize`; a split or
    merged side is its sentences' texts joined by one space); a ``same`` row holds one
    ``equal`` opcode over both sides; ``new``/``dropped`` rows hold none. With ``themes``
    (:class:`~policydrift.compare.models.ThemeOptions`) the result's ``themes`` holds the
    theme changes (:func:`policydrift.compare.themes.coding.compare_themes`); else None.
    With a ``strength`` lexicon (:func:`policydrift.compare.shifts.lexicon.load_strength`),
    ``shifts`` holds the strength shifts of every changed row
    (:func:`policydrift.compare.shifts.detect.detect_shifts`); without one it stays None.

    Bounds. Each sentence keeps its :data:`policydrift.compare.pair_cap.PAIR_CAP` best
    admissible partners, and each run of words of NEW is matched with at most
    :data:`policydrift.compare.passages.MATCH_CAP` places in OLD; ``capped_sentences`` and
    ``capped_passage_words`` count what was cut (0: the result is exactly the uncapped one).

    Size. Sentences whose key occurs exactly once on each side are paired first; the rest are
    scored without ever building their whole score matrix. Up to ``exhaustive_max_cells``
    (:data:`policydrift.compare.align.EXHAUSTIVE_MAX_CELLS`, 25,000,000) remaining old x new pairs, every
    pair whose lengths can reach the threshold is scored, in bounded blocks: the rows are
    exactly those of the whole matrix. Above it (e.g. 5,000 x 5,000 changed sentences), only
    the pairs proposed by the word index of :mod:`policydrift.compare.sparse_align` are scored: 20,000 x
    20,000 heavily revised synthetic sentences align in 13 s at 176 MB peak memory (scoring
    every pair would take ~78 s; the whole float32 matrix alone would be 1.6 GB). The index
    may miss a pair sharing too few words; measured at the default threshold
    (``benchmarks/bench_compare.py`` part d, ``tests/compare/test_sparse_align.py``): all
    1,650 pairs >= 60 of 1,000 sampled sentences found at 20,000 x 20,000, and the same rows
    as the exhaustive path on all 552 ordered pairs of the 24 sample files, on 3,000 x 3,000
    shuffled and reworded sentences, and on generated revisions of real sentences.

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> from policydrift.corpus.normalize import normalise_key
    >>> def st(*texts):
    ...     raw, sents = "", []
    ...     for k, t in enumerate(texts):
    ...         sents.append(Sentence(k, t, normalise_key(t), len(raw), len(raw) + len(t), 0))
    ...         raw += t + " "
    ...     return Statement("x", "x", raw, raw, tuple(sents))
    >>> c = compare(st("We act now.", "Threats grow."), st("Threats grow.", "We act today."))
    >>> [(r.kind, r.old, r.new) for r in c.rows]
    [('same', (1,), (0,)), ('moved+edited', (0,), (1,))]
    >>> c.figures.counts["moved+edited"], c.figures.identical
    (1, False)
    """
    options = options if options is not None else CompareOptions()
    capped: list[int] = []
    rows = aligned_rows(old, new, options, exhaustive_max_cells=exhaustive_max_cells, capped=capped)
    old_spans, new_spans = key_word_spans(old), key_word_spans(new)
    cut: list[int] = []
    passages = passages_from_spans(
        old, new, old_spans, new_spans, options.min_passage_words, capped=cut
    )
    figures = compute_figures(old, new, rows, passages, old_spans=old_spans, new_spans=new_spans)
    if options.fold_spelling:
        figures = replace(figures, spelling_hidden=spelling_only_edits(rows))
    comparison = Comparison(
        old=old,
        new=new,
        rows=tuple(rows),
        passages=tuple(passages),
        figures=figures,
        options=options,
        sections=compare_sections(rows, old, new),
        capped_sentences=sum(capped),
        capped_passage_words=sum(cut),
    )
    if themes is not None:
        comparison = with_themes(comparison, themes)
    if strength is None:
        return comparison
    from policydrift.compare.shifts.detect import detect_shifts

    return replace(comparison, shifts=detect_shifts(comparison, strength))


def aligned_rows(
    old: Statement,
    new: Statement,
    options: CompareOptions,
    *,
    exhaustive_max_cells: int = EXHAUSTIVE_MAX_CELLS,
    capped: list[int] | None = None,
) -> list[AlignedRow]:
    """The rows of :func:`compare` (``comparison.rows``), each with its word diff.

    ``capped`` collects the sentences whose partners were capped (see :func:`compare`).

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> o = Statement("o", "o", "Act now.", "", (Sentence(0, "Act now.", "act now", 0, 8, 0),))
    >>> [(r.kind, r.ops) for r in aligned_rows(o, o, CompareOptions())]
    [('same', (('equal', 0, 4, 0, 4),))]
    """
    rows = align(
        [s.key for s in old.sentences],
        [s.key for s in new.sentences],
        threshold=options.threshold,
        split_threshold=options.split_threshold,
        scorer=options.scorer,
        workers=options.workers,
        exhaustive_max_cells=exhaustive_max_cells,
        semantic=options.semantic,
        semantic_model=options.semantic_model,
        capped=capped,
    )
    return [with_word_diff(row, old, new, fold_spelling=options.fold_spelling) for row in rows]


def with_themes(comparison: Comparison, themes: ThemeOptions) -> Comparison:
    """``comparison`` carrying its theme changes, coded as ``themes`` says."""
    from policydrift.compare.themes.coding import compare_themes

    return replace(comparison, themes=compare_themes(comparison, options=themes))


def with_word_diff(
    row: AlignedRow, old: Statement, new: Statement, *, fold_spelling: bool = False
) -> AlignedRow:
    """``row`` with its tokens and word opcodes filled in (rows with both sides only).

    ``fold_spelling``: British/American spellings and dash spacing are no change
    (:func:`policydrift.compare.diff.word_opcodes`).

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> o = Statement("o", "o", "Act now.", "", (Sentence(0, "Act now.", "act now", 0, 8, 0),))
    >>> n = Statement("n", "n", "Act today.", "", (Sentence(0, "Act today.", "act today", 0, 10, 0),))
    >>> with_word_diff(AlignedRow("edited", (0,), (0,), 75.0), o, n).ops
    (('equal', 0, 2, 0, 2), ('replace', 2, 3, 2, 3), ('equal', 3, 4, 3, 4))
    """
    if not row.old or not row.new:
        return row
    old_text = JOIN.join(old.sentences[i].text for i in row.old)
    new_text = JOIN.join(new.sentences[j].text for j in row.new)
    old_words = tokens(old_text)
    # identical texts (most same and moved rows): same tokens, one equal run
    new_words = old_words if new_text == old_text else tokens(new_text)
    if row.kind == "same" or (new_words is old_words and old_words):
        ops: tuple[Opcode, ...] = (("equal", 0, len(old_words), 0, len(new_words)),)
    else:
        ops = tuple(word_opcodes(old_words, new_words, fold_spelling=fold_spelling))
    return row.with_words(ops, old_words, new_words)
