"""The data model of a read statement: plain frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """One unit of alignment: a sentence, a list item or a ';'-ended preamble clause.

    ``text`` is exactly ``raw[start:end]`` of the statement (never normalised); ``key`` is the
    comparison key from :func:`policydrift.corpus.normalize.normalise_key`.
    """

    index: int
    text: str
    key: str
    start: int
    end: int
    paragraph: int


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

    ``raw`` is the decoded file content; every offset (sentences, furniture) points into it.
    ``text`` is the kept text (raw minus front matter and furniture), for display and counts.
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

    @property
    def label(self) -> str:
        """A short human name: title, else id, with the date when known."""
        name = self.title or self.id
        return f"{name} ({self.date})" if self.date else name
