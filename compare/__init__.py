"""Compare two statements: align sentences, classify rows, word diffs, shared passages, figures.

Pure functions over the dataclasses of :mod:`compare.models`; nothing here reads or writes
files. The entry point is :func:`compare`::

    from compare import compare
    comparison = compare(old_statement, new_statement)
"""

from compare.align import align, find_groups, match_pairs
from compare.diff import tokenize, word_opcodes
from compare.engine import compare
from compare.figures import compute_figures
from compare.models import (
    KINDS,
    AlignedRow,
    CompareOptions,
    Comparison,
    Figures,
    Opcode,
    Passage,
)
from compare.passages import key_word_spans, shared_passages
from compare.similarity import SCORERS, score_matrix

__all__ = [
    "KINDS",
    "SCORERS",
    "AlignedRow",
    "CompareOptions",
    "Comparison",
    "Figures",
    "Opcode",
    "Passage",
    "align",
    "compare",
    "compute_figures",
    "find_groups",
    "key_word_spans",
    "match_pairs",
    "score_matrix",
    "shared_passages",
    "tokenize",
    "word_opcodes",
]
