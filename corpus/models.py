"""The data model of a read statement: plain frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """One unit of alignment: a sentence, a list item or a ';'-ended preamble clause.

    ``text`` is exactly ``raw[start:end]`` of the statement (never normalised); ``key`` is the
    comparison key from :func:`policydrift.corpus.normalize.normalise_key`. ``section`` is the
    index of the heading it falls under in ``Statement.sections`` (None: before any heading).
    """

    index: int
    text: str
    key: str
    start: int
    end: int
    paragraph: int
    section: int | None = None


@dataclass(frozen=True)
class Section:
    """A heading of the statement ("Cyber", "Annex I"): ``raw[start:end]``, level 1-6.

    Headings are structure, not sentences: no sentence is made of one.
    """

    index: int
    title: str
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class Furniture:
    """A stretch of page furniture stripped from the raw text, kept to show folded."""

    text: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Statement:
    """A statement as read from one file (or stdin): metadata, raw text and sentences.

    ``raw`` is the decoded file content for plain text, and the text a reader sees for
    Markdown, HTML, PDF and Word (markup removed, see :mod:`policydrift.corpus.formats`); every
    offset (sentences, sections, furniture) points into it. ``text`` is the kept text (raw minus
    front matter, headings and furniture), for display and counts. ``date_source`` says where
    ``date`` came from (``"front matter"``, ``"manifest"``, ``"file name"``, ``"page
    metadata"``, ``"PDF metadata"``; None when undated).
    """

    id: str
    path: str
    raw: str
    text: str
    sentences: tuple[Sentence, ...]
    title: str = ""
    date: str | None = None
    series: str | None = None
    source: str | None = None
    encoding: str = "utf-8"
    furniture: tuple[Furniture, ...] = ()
    meta: tuple[tuple[str, str], ...] = field(default=())
    sections: tuple[Section, ...] = ()
    date_source: str | None = None

    @property
    def label(self) -> str:
        """A short human name: title, else id, with the date when known."""
        name = self.title or self.id
        return f"{name} ({self.date})" if self.date else name
