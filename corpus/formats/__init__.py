"""Format readers: Markdown, HTML, PDF and Word files to plain text with headings.

Each reader turns one kind of file into a :class:`~policydrift.corpus.formats.document.Document`
(or ``(text, meta)``): the text a reader sees, paragraphs separated by blank lines, markup
removed; :mod:`policydrift.corpus.read` builds the ``Statement`` from it.
"""

from policydrift.corpus.formats.document import Document, Heading, fold_ligatures
from policydrift.corpus.formats.html import html_document, html_to_text
from policydrift.corpus.formats.pdf import pdf_to_text

__all__ = ["Document", "Heading", "fold_ligatures", "html_document", "html_to_text", "pdf_to_text"]
