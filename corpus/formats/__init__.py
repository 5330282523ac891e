"""Format readers: Markdown, HTML, PDF and Word files to plain text with headings.

Each reader turns one kind of file into a :class:`~policydrift.corpus.formats.document.Document`
(or ``(text, meta)``): the text a reader sees, paragraphs separated by blank lines, markup
removed; :mod:`policydrift.corpus.read` builds the ``Statement`` from it. The readers are
imported on first use: reading a Markdown file loads neither the PDF reader nor ``logging``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydrift.corpus.lazy import lazy_exports

if TYPE_CHECKING:
    from policydrift.corpus.formats.document import Document, Heading, fold_ligatures
    from policydrift.corpus.formats.html import html_document, html_to_text
    from policydrift.corpus.formats.pdf import pdf_to_text

_WHERE = {
    "Document": "policydrift.corpus.formats.document",
    "Heading": "policydrift.corpus.formats.document",
    "fold_ligatures": "policydrift.corpus.formats.document",
    "html_document": "policydrift.corpus.formats.html",
    "html_to_text": "policydrift.corpus.formats.html",
    "pdf_to_text": "policydrift.corpus.formats.pdf",
}

__all__ = ["Document", "Heading", "fold_ligatures", "html_document", "html_to_text", "pdf_to_text"]

__getattr__, __dir__ = lazy_exports("policydrift.corpus.formats", _WHERE)
