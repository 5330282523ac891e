"""The data model of theme coding: hits, evidence, per-theme changes, reframings, key terms.

Frozen dataclasses, no I/O, no prose. A :class:`ThemeComparison` is what ``compare_themes``
returns and what the reports render (its JSON form and wording live in
:mod:`policydrift.reports.themes_json`); ``to_frame()`` is a pandas view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# Status of a theme between OLD and NEW, in display order; the first five are "flagged".
STATUSES = ("new", "dropped", "reframed", "rising", "falling", "persisting", "trace", "absent")
FLAGGED = STATUSES[:5]

Piece = tuple[str, bool]


def pieces(
    text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]
) -> tuple[Piece, ...]:
    """Split ``text`` into (text, is_match) pieces; overlapping or touching spans are merged.

    >>> pieces("fight online scams now", [(6, 18)])
    (('fight ', False), ('online scams', True), (' now', False))
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[Piece] = []
    at = 0
    for start, end in merged:
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return tuple(out)


@dataclass(frozen=True)
class ThemeHit:
    """One match of a theme: the sentence, its span in the sentence and in the raw text."""

    theme: str
    statement: str
    sentence: int
    start: int
    end: int
    raw_start: int
    raw_end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """A sentence quoted as proof, with the spans (in ``text``) of the words that matched.

    ``row`` is the index of the comparison row showing the sentence (None outside a comparison).
    """

    side: str
    sentence: int
    text: str
    spans: tuple[tuple[int, int], ...]
    row: int | None = None

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """The text as (text, is_match) pieces, for templates to wrap matches in marks."""
        return pieces(self.text, self.spans)

    @property
    def matched(self) -> tuple[str, ...]:
        """The matched words, in order."""
        return tuple(self.text[s:e] for s, e in self.spans)


@dataclass(frozen=True)
class ThemeChange:
    """How one theme changed between OLD and NEW, with the sentences that prove it.

    ``*_count`` are mentions (an acronym given in brackets after its long form counts once),
    ``*_sentences`` the sentences carrying the theme, ``*_rate`` mentions per 1,000 words and
    ``ratio`` the smoothed ratio of NEW's rate of sentences (per 1,000 words) to OLD's, the
    figure rising and falling are judged on. ``reframings`` index
    :attr:`ThemeComparison.reframings`.
    """

    theme: str
    label: str
    status: str
    old_count: int
    new_count: int
    old_sentences: int
    new_sentences: int
    old_rate: float
    new_rate: float
    ratio: float
    cap_major: int | None = None
    cap_topic: str | None = None
    evidence: tuple[Evidence, ...] = ()
    reframings: tuple[int, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.status in FLAGGED


@dataclass(frozen=True)
class Reframing:
    """An aligned sentence pair (row ``row`` of the comparison) whose themes changed.

    ``removed`` themes are on the OLD side only, ``added`` on the NEW side only, ``kept`` on
    both; the evidence highlights the removed (OLD) and added (NEW) themes' words.
    """

    row: int
    kind: str
    old: tuple[int, ...]
    new: tuple[int, ...]
    removed: tuple[str, ...]
    added: tuple[str, ...]
    kept: tuple[str, ...]
    old_evidence: tuple[Evidence, ...]
    new_evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class KeyTerm:
    """A word or phrase whose use differs between the sides (discovered, not from the lexicon).

    ``log_ratio``: log2 of the smoothed ratio of rates (NEW over OLD). ``log_odds`` and ``z``:
    Monroe, Colaresi and Quinn's log-odds ratio with an informative Dirichlet prior and its
    z-score (None without a background corpus). ``themes``: lexicon themes whose matches cover
    it (empty for a lexicon gap). ``example``: a sentence of the side it leans to; ``uses``:
    every sentence of that side holding it (the term's words marked), for linking.
    """

    term: str
    words: int
    old_count: int
    new_count: int
    old_rate: float
    new_rate: float
    log_ratio: float
    log_odds: float | None = None
    z: float | None = None
    themes: tuple[str, ...] = ()
    example: Evidence | None = None
    uses: tuple[Evidence, ...] = ()

    @property
    def leaning(self) -> str:
        """'new' if the term is more used in NEW, else 'old'."""
        return "new" if self.log_ratio > 0 else "old"


@dataclass(frozen=True)
class DetectionLimit:
    """What the text lengths allow one to see.

    ``*_floor``: the rate of a single mention (per 1,000 words): absence from a side only
    says the theme's rate there is below it. ``rise_from_one``: sentences NEW needs for a
    theme mentioned once in OLD to be called rising; ``fall_from_one`` the converse.
    """

    old_words: int
    new_words: int
    old_floor: float
    new_floor: float
    rise_from_one: int
    fall_from_one: int
    min_new: int
    min_count: int
    min_ratio: float


@dataclass(frozen=True)
class ThemeComparison:
    """Themes of OLD against NEW: one change per lexicon theme, reframings and key terms.

    ``changes`` are in display order (status order, then lexicon order). ``sentence_themes``
    maps each side ('old', 'new') to {sentence index: [theme ids]} for the sentences that
    carry a theme. ``keyness`` holds the discovered terms (kept apart from the themes) and
    ``gaps`` the key terms no theme covers.
    """

    old_id: str
    new_id: str
    old_words: int
    new_words: int
    lexicon: dict[str, Any]
    options: dict[str, Any]
    detection: DetectionLimit
    changes: tuple[ThemeChange, ...]
    reframings: tuple[Reframing, ...] = ()
    keyness: tuple[KeyTerm, ...] = ()
    gaps: tuple[KeyTerm, ...] = ()
    emerging: tuple[KeyTerm, ...] = ()
    keyness_method: str = "log_ratio"
    sentence_themes: dict[str, dict[int, list[str]]] = field(
        default_factory=lambda: {"old": {}, "new": {}}
    )
    old_label: str = ""
    new_label: str = ""

    def by_status(self, status: str) -> tuple[ThemeChange, ...]:
        """The changes with this status, in lexicon order."""
        if status not in STATUSES:
            msg = f"status must be one of {STATUSES}: {status!r}"
            raise ValueError(msg)
        return tuple(c for c in self.changes if c.status == status)

    @property
    def flagged(self) -> tuple[ThemeChange, ...]:
        """New, dropped, reframed, rising and falling themes."""
        return tuple(c for c in self.changes if c.flagged)

    @property
    def present(self) -> tuple[ThemeChange, ...]:
        """Every theme found on at least one side."""
        return tuple(c for c in self.changes if c.status != "absent")

    @property
    def chips(self) -> tuple[tuple[str, tuple[ThemeChange, ...]], ...]:
        """(status, changes) for each flagged status that has changes, in display order."""
        return tuple((s, self.by_status(s)) for s in FLAGGED if self.by_status(s))

    @property
    def labels(self) -> dict[str, str]:
        """{theme id: label} for every theme of the lexicon."""
        return {c.theme: c.label for c in self.changes}

    def sentence_count(self, theme: str) -> int:
        """Sentences (both sides) carrying ``theme``: what the report's filter highlights."""
        return sum(theme in ids for side in self.sentence_themes.values() for ids in side.values())

    def to_frame(self) -> pd.DataFrame:
        """One row per theme: id, label, status, counts, sentences, rates, ratio, CAP topic."""
        import pandas as pd

        columns = [
            "theme", "label", "status", "old_count", "new_count", "old_sentences",
            "new_sentences", "old_rate", "new_rate", "ratio", "cap_major", "cap_topic",
        ]  # fmt: skip
        records = [{k: getattr(c, k) for k in columns} for c in self.changes]
        return pd.DataFrame.from_records(records, columns=columns)
