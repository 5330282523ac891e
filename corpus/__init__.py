"""drift's reading layer: statement files (text, Markdown, HTML, PDF, stdin) to ``Statement``.

>>> from corpus import read_statement
"""

from corpus.decode import decode_bytes
from corpus.errors import (
    DriftError,
    InputError,
    ManifestError,
    OptionError,
    OutputError,
    ThemeFileError,
)
from corpus.furniture import strip_furniture
from corpus.models import Furniture, Sentence, Statement
from corpus.read import build_statement, read_statement
from corpus.sentences import MAX_SENTENCE_CHARS, split_sentences

__all__ = [
    "MAX_SENTENCE_CHARS",
    "DriftError",
    "Furniture",
    "InputError",
    "ManifestError",
    "OptionError",
    "OutputError",
    "Sentence",
    "Statement",
    "ThemeFileError",
    "build_statement",
    "decode_bytes",
    "read_statement",
    "split_sentences",
    "strip_furniture",
]
