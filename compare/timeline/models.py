"""The data model of a timeline: frozen dataclasses, with pandas views of its two tables.

Built by :func:`policydrift.compare.timeline.build.build_timeline`; rendered by ``reports.timeline_view`` and
written by ``reports.timeline_tables``. Shares are 0-1 fractions of words; ``None`` means the
figure does not exist (the first edition of a series has no previous edition; with formulaic
sentences excluded, an edition made only of them has no words left to measure).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from policydrift.compare.shifts.models import DIRECTIONS
from policydrift.compare.timeline.formulaic import Formula
from policydrift.compare.timeline.lineage import Lineage
from policydrift.compare.timeline.options import TimelineOptions
from policydrift.compare.timeline.tracks import Track
from policydrift.corpus.models import Statement

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SENTENCE_CLASSES",
    "Edition",
    "SentenceRow",
    "SeriesView",
    "Source",
    "Timeline",
    "TimelineOptions",
]

# Class of a sentence against the previous edition of its series.
SENTENCE_CLASSES = ("first", "same", "edited", "new")
CLASS_OF_KIND = {
    "same": "same",
    "moved": "same",
    "edited": "edited",
    "trimmed": "edited",
    "extended": "edited",
    "reworded": "edited",
    "moved+edited": "edited",
    "split": "edited",
    "merged": "edited",
    "new": "new",
}
EDITION_COLUMNS = (
    "id", "series", "date", "title", "order", "position", "previous", "words", "sentences",
    "formulaic_words", "reuse_from_previous", "reuse_from_earlier", "same", "edited", "new",
    "dropped", "main_source", "strengthened", "softened", "hedged", "unhedged", "negated",
    "affirmed",
)  # fmt: skip
SENTENCE_COLUMNS = (
    "edition", "series", "date", "sentence", "text", "words", "lineage", "class", "kind",
    "formulaic", "source", "source_sentence", "source_score", "themes", "initiatives",
)  # fmt: skip


@dataclass(frozen=True)
class Source:
    """An earlier statement that reused sentences of an edition were found in first."""

    id: str
    sentences: int
    words: int


@dataclass(frozen=True)
class Edition:
    """One statement in the timeline, with its reuse figures.

    ``order`` is its place among all editions (date order), ``position`` its place in its
    series. ``reuse_from_previous``: share of its words kept from the previous edition of its
    series (as ``drift compare`` counts them); ``reuse_from_earlier``: share of its words in
    sentences found (score >= threshold) in any earlier statement of the corpus, or kept from
    the previous edition. ``same``/``edited``/``new`` count its sentences against the previous
    edition, ``dropped`` the previous edition's sentences it left out; all None for a first
    edition. With formulaic sentences excluded, every figure leaves them out. ``shifts``: strength
    shifts against the previous edition per direction, ``shift_themes`` the same per theme of
    the sentence (``""``: no theme); None for a first edition or without a strength lexicon.
    """

    id: str
    series: str | None
    date: str | None
    title: str
    order: int
    position: int
    previous: str | None
    words: int
    sentences: int
    formulaic_words: int
    reuse_from_previous: float | None
    reuse_from_earlier: float | None
    same: int | None
    edited: int | None
    new: int | None
    dropped: int | None
    sources: tuple[Source, ...] = ()
    shifts: dict[str, int] | None = None
    shift_themes: dict[str, dict[str, int]] | None = None

    @property
    def year(self) -> str:
        """The year of its date, or 'undated'."""
        return self.date[:4] if self.date else "undated"


@dataclass(frozen=True)
class SentenceRow:
    """One sentence of one edition: its class, lineage, inferred source, themes.

    ``cls``: ``first`` (first edition of its series), ``same``, ``edited`` or ``new`` against
    the previous edition; ``kind`` is the exact alignment kind. ``source``: the earliest earlier
    statement holding it (a near-copy scoring >= threshold, or the start of its lineage),
    with the sentence index there and the score.
    """

    edition: str
    index: int
    text: str
    words: int
    lineage: str
    cls: str
    kind: str
    formulaic: bool
    source: str | None
    source_sentence: int | None
    source_score: float | None
    themes: tuple[str, ...]
    initiatives: tuple[str, ...]


@dataclass(frozen=True)
class SeriesView:
    """One section of the report: a series, a statement without a series (``name`` empty,
    one edition) or, as :attr:`Timeline.overall`, all statements.

    ``similarity[a][b]``: share of the words of editions ``a`` and ``b`` together that lie in
    sentences they share (score >= threshold); the diagonal is 1 (series views only: it grows
    with the square of the series' editions). ``pairs`` (all-statements view only): the same
    shares as ``(a, b, share)`` with ``a < b``, for each edition's
    :data:`~policydrift.compare.timeline.similarity.CLOSEST` most similar editions (every pair
    sharing anything, up to ``CLOSEST + 1`` editions), bounded because boilerplate would make
    it every pair of the corpus. ``years``, ``year_themes``
    and ``year_initiatives`` (all-statements view only): the counts summed per year.
    """

    name: str
    editions: tuple[str, ...]
    similarity: tuple[tuple[float, ...], ...]
    lineages: tuple[Lineage, ...]
    themes: tuple[Track, ...]
    initiatives: tuple[Track, ...]
    formulas: tuple[Formula, ...]
    years: tuple[str, ...] = ()
    year_themes: tuple[Track, ...] = ()
    year_initiatives: tuple[Track, ...] = ()
    pairs: tuple[tuple[int, int, float], ...] = ()
    phrases: tuple[Any, ...] = ()  # KeyTerm: emerging phrases of the latest edition


@dataclass(frozen=True)
class Timeline:
    """The year-over-year report of a corpus, as plain data."""

    statements: tuple[Statement, ...]
    editions: tuple[Edition, ...]
    sentences: tuple[SentenceRow, ...]
    series: tuple[SeriesView, ...]
    overall: SeriesView
    lineages: tuple[Lineage, ...]
    lexicon: dict[str, Any]
    options: TimelineOptions
    exclude_formulaic: bool = False
    series_filter: str | None = None
    reuse_method: str = ""
    reused_pairs: int = 0

    @cached_property
    def _by_id(self) -> dict[str, tuple[Edition, Statement]]:
        return {e.id: (e, s) for e, s in zip(self.editions, self.statements, strict=True)}

    @cached_property
    def _rows_of(self) -> dict[str, tuple[SentenceRow, ...]]:
        found: dict[str, list[SentenceRow]] = {}
        for row in self.sentences:
            found.setdefault(row.edition, []).append(row)
        return {k: tuple(v) for k, v in found.items()}

    def rows(self, edition_id: str) -> tuple[SentenceRow, ...]:
        """The sentence rows of the edition with this id, in order (empty if none)."""
        return self._rows_of.get(edition_id, ())

    def edition(self, edition_id: str) -> Edition:
        """The edition with this id (KeyError if none)."""
        return self._by_id[edition_id][0]

    def statement(self, edition_id: str) -> Statement:
        """The statement of the edition with this id (KeyError if none)."""
        return self._by_id[edition_id][1]

    def options_dict(self) -> dict[str, Any]:
        """Every option that shaped the timeline, JSON-ready."""
        o = self.options
        return {
            "threshold": o.threshold,
            "method": o.method,
            "reuse_method": self.reuse_method,
            "align_scorer": o.compare.scorer,
            "align_threshold": o.compare.threshold,
            "split_threshold": o.compare.split_threshold,
            "min_passage_words": o.compare.min_passage_words,
            "formulaic_share": o.formulaic_share,
            "formulaic_min_editions": o.formulaic_min_editions,
            "exclude_formulaic": self.exclude_formulaic,
            "series": self.series_filter,
            "lexicon": self.lexicon.get("name"),
            "lexicon_version": self.lexicon.get("version"),
        }

    def edition_records(self, lo: int = 0, hi: int | None = None) -> list[dict[str, Any]]:
        """One dict per edition (of ``editions[lo:hi]``), keys :data:`EDITION_COLUMNS`."""
        return [
            {
                "id": e.id,
                "series": e.series,
                "date": e.date,
                "title": e.title,
                "order": e.order,
                "position": e.position,
                "previous": e.previous,
                "words": e.words,
                "sentences": e.sentences,
                "formulaic_words": e.formulaic_words,
                "reuse_from_previous": e.reuse_from_previous,
                "reuse_from_earlier": e.reuse_from_earlier,
                "same": e.same,
                "edited": e.edited,
                "new": e.new,
                "dropped": e.dropped,
                "main_source": e.sources[0].id if e.sources else None,
                **{d: None if e.shifts is None else e.shifts[d] for d in DIRECTIONS},
            }  # fmt: skip
            for e in self.editions[lo:hi]
        ]

    def sentence_records(self, lo: int = 0, hi: int | None = None) -> list[dict[str, Any]]:
        """One dict per sentence (of ``sentences[lo:hi]``), keys :data:`SENTENCE_COLUMNS`
        (themes joined by ';')."""
        out = []
        for row in self.sentences[lo:hi]:
            edition = self.edition(row.edition)
            out.append(
                {
                    "edition": row.edition,
                    "series": edition.series,
                    "date": edition.date,
                    "sentence": row.index,
                    "text": row.text,
                    "words": row.words,
                    "lineage": row.lineage,
                    "class": row.cls,
                    "kind": row.kind,
                    "formulaic": row.formulaic,
                    "source": row.source,
                    "source_sentence": row.source_sentence,
                    "source_score": row.source_score,
                    "themes": ";".join(row.themes),
                    "initiatives": ";".join(row.initiatives),
                }  # fmt: skip
            )
        return out

    def to_frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(sentences, editions) as DataFrames with columns in the documented order."""
        import pandas as pd

        sentences = pd.DataFrame.from_records(
            self.sentence_records(), columns=list(SENTENCE_COLUMNS)
        )
        editions = pd.DataFrame.from_records(self.edition_records(), columns=list(EDITION_COLUMNS))
        return sentences, editions
