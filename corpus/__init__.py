"""drift's reading layer: statement files (text, Markdown, HTML, PDF, stdin) to ``Statement``.

>>> from policydrift.corpus import read_statement
"""

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
from policydrift.corpus.models import Furniture, Sentence, Statement
from policydrift.corpus.read import build_statement, read_statement
from policydrift.corpus.sentences import MAX_SENTENCE_CHARS, split_sentences

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
