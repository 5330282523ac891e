"""drift's reading layer: statement files (text, Markdown, HTML, PDF, Word, ODT, stdin) to
``Statement``; the format readers are in :mod:`policydrift.corpus.formats`.

>>> from policydrift.corpus import read_statement
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydrift.corpus.lazy import lazy_exports

if TYPE_CHECKING:
    from policydrift.corpus.decode import decode_bytes
    from policydrift.corpus.errors import (
        DriftError,
        InputError,
        ManifestError,
        OptionError,
        OutputError,
        ThemeFileError,
    )
    from policydrift.corpus.furniture import strip_furniture
    from policydrift.corpus.models import Furniture, Section, Sentence, Statement
    from policydrift.corpus.read import build_statement, read_statement
    from policydrift.corpus.sentences import MAX_SENTENCE_CHARS, split_sentences

_WHERE = {
    "read_statement": "policydrift.corpus.read",
    "decode_bytes": "policydrift.corpus.decode",
    "DriftError": "policydrift.corpus.errors",
    "InputError": "policydrift.corpus.errors",
    "ManifestError": "policydrift.corpus.errors",
    "OptionError": "policydrift.corpus.errors",
    "OutputError": "policydrift.corpus.errors",
    "ThemeFileError": "policydrift.corpus.errors",
    "strip_furniture": "policydrift.corpus.furniture",
    "Furniture": "policydrift.corpus.models",
    "Section": "policydrift.corpus.models",
    "Sentence": "policydrift.corpus.models",
    "Statement": "policydrift.corpus.models",
    "build_statement": "policydrift.corpus.read",
    "MAX_SENTENCE_CHARS": "policydrift.corpus.sentences",
    "split_sentences": "policydrift.corpus.sentences",
}

__all__ = [
    "DriftError",
    "Furniture",
    "InputError",
    "MAX_SENTENCE_CHARS",
    "ManifestError",
    "OptionError",
    "OutputError",
    "Section",
    "Sentence",
    "Statement",
    "ThemeFileError",
    "build_statement",
    "decode_bytes",
    "read_statement",
    "split_sentences",
    "strip_furniture",
]

__getattr__, __dir__ = lazy_exports("policydrift.corpus", _WHERE)
