"""drift: the command-line shell over the corpus, compare and reports libraries."""

__version__ = "0.1.0"
