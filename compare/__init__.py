"""Compare two statements: align sentences, classify rows, word diffs, shared passages, figures.

Pure functions over the dataclasses of :mod:`policydrift.compare.models`; nothing here reads or writes
files. The entry point is :func:`compare`::

    from policydrift.compare import compare
    comparison = compare(old_statement, new_statement)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydrift.corpus.lazy import lazy_exports

if TYPE_CHECKING:
    from policydrift.compare.align import align, find_groups, match_pairs
    from policydrift.compare.diff import tokenize, word_opcodes
    from policydrift.compare.engine import compare
    from policydrift.compare.figures import compute_figures
    from policydrift.compare.models import (
        KINDS,
        AlignedRow,
        CompareOptions,
        Comparison,
        Figures,
        Opcode,
        Passage,
    )
    from policydrift.compare.passages import key_word_spans, shared_passages
    from policydrift.compare.similarity import SCORERS, score_matrix

_WHERE = {
    "align": "policydrift.compare.align",
    "find_groups": "policydrift.compare.align",
    "match_pairs": "policydrift.compare.align",
    "tokenize": "policydrift.compare.diff",
    "word_opcodes": "policydrift.compare.diff",
    "compare": "policydrift.compare.engine",
    "compute_figures": "policydrift.compare.figures",
    "KINDS": "policydrift.compare.models",
    "AlignedRow": "policydrift.compare.models",
    "CompareOptions": "policydrift.compare.models",
    "Comparison": "policydrift.compare.models",
    "Figures": "policydrift.compare.models",
    "Opcode": "policydrift.compare.models",
    "Passage": "policydrift.compare.models",
    "key_word_spans": "policydrift.compare.passages",
    "shared_passages": "policydrift.compare.passages",
    "SCORERS": "policydrift.compare.similarity",
    "score_matrix": "policydrift.compare.similarity",
}

__all__ = [
    "AlignedRow",
    "CompareOptions",
    "Comparison",
    "Figures",
    "KINDS",
    "Opcode",
    "Passage",
    "SCORERS",
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

__getattr__, __dir__ = lazy_exports("policydrift.compare", _WHERE)
