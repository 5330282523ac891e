"""What a format reader gives back: plain text in paragraphs, the headings in it, metadata.

Every reader (Markdown, HTML, PDF, Word) turns its file into one plain text: paragraphs separated
by one blank line, line breaks inside a paragraph kept as single newlines, markup removed. The
text is what the reader of the document sees, character for character, minus the markup; it
becomes ``Statement.raw`` and every offset points into it. Headings are paragraphs of that text
too; ``headings`` says where they are, so that the statement keeps them as sections rather than
sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Document", "Heading", "TextBuilder", "fold_ligatures", "tidy"]

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# The runs of _SPACES that are not already one plain space (the same result, far fewer
# replacements: most runs are a single space).
_ODD_SPACES = re.compile(
    r"[\t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000][ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]*"
    r"| [ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+"
)
# Typographic ligatures (U+FB00-U+FB06) as PDF text layers give them, and their letters.
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)


def fold_ligatures(text: str) -> str:
    """``text`` with the Latin ligature characters spelled out.

    >>> fold_ligatures("arti\\ufb01cial intelligence, e\\ufb00ective")
    'artificial intelligence, effective'
    """
    return text.translate(_LIGATURES)


def tidy(text: str) -> str:
    """Collapse runs of spaces inside each line; drop blank lines and edge spaces.

    >>> tidy("  a   b \\n\\n  c ")
    'a b\\nc'
    """
    lines = (line.strip() for line in _ODD_SPACES.sub(" ", text).split("\n"))  # no "\n" in it
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Heading:
    """A heading of the document: ``text[start:end]``, level 1 (top) to 6."""

    start: int
    end: int
    level: int


@dataclass(frozen=True)
class Document:
    """Plain text with paragraphs separated by blank lines, its headings, its own metadata.

    ``meta`` holds what the document states about itself, among ``title``, ``date`` and
    ``source_url`` (keys present only where known), as sorted pairs.
    """

    text: str
    headings: tuple[Heading, ...] = ()
    meta: tuple[tuple[str, str], ...] = field(default=())


class TextBuilder:
    """Collects paragraphs (and headings) into one text with one blank line between them.

    >>> b = TextBuilder()
    >>> b.heading("Cyber", 2); b.paragraph("We agree.\\nWe meet."); b.paragraph("  ")
    >>> d = b.build({"title": "T"})
    >>> d.text, d.headings, d.meta
    ('Cyber\\n\\nWe agree.\\nWe meet.', (Heading(start=0, end=5, level=2),), (('title', 'T'),))
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._headings: list[Heading] = []

    def __len__(self) -> int:
        return len(self._parts)

    def paragraph(self, text: str) -> None:
        """Add a paragraph (tidied; nothing is added when it is blank)."""
        self._add(tidy(text))

    def heading(self, text: str, level: int) -> None:
        """Add a heading (on one line; nothing is added when it is blank)."""
        text = " ".join(tidy(text).split("\n"))
        start = self._add(text)
        if start is not None:
            self._headings.append(Heading(start, start + len(text), max(1, min(6, level))))

    def _add(self, text: str) -> int | None:
        if not text:
            return None
        if self._parts:
            self._parts.append("\n\n")
            self._size += 2
        start = self._size
        self._parts.append(text)
        self._size += len(text)
        return start

    def build(self, meta: dict[str, str] | None = None) -> Document:
        return Document(
            "".join(self._parts), tuple(self._headings), tuple(sorted((meta or {}).items()))
        )
