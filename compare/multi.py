"""Several editions of a statement at once: each read against one base edition, or a chain.

:func:`compare_many` puts the editions in date order (in the order given when any of them has
no date), picks the base edition (``base``), and runs :func:`policydrift.compare.engine.compare` on each
pair. Every pair keeps time's direction: the earlier edition is the OLD side, so ``new``
always means *added later* and ``dropped`` *gone later*, also for an edition older than the
base. Each edition is summed up in an :class:`EditionSummary` (its words, the share of them
found in the edition it is read against, rows per kind, themes new and dropped).

Base choices (``base``), the values of ``drift compare --base``:

- ``first`` (default): the oldest edition; ``last``: the newest;
- ``previous``: no base, each edition against the one before it (a chain);
- an edition id (the file name without extension, or a manifest id);
- a file, as given (``dir/x.md``), or its file name alone when no other edition shares it;
- a date (``2022-03-30``), or a year or month (``2022``, ``2022-03``), that a single
  edition's date falls in;
- a number N (``3`` or ``"3"``): the Nth edition in report order (1 = the oldest), as numbered
  in the reports.

The first of these that matches wins: a keyword over an id spelled the same, an id over a
date, a date over a number (``--base 2`` is the second edition unless an id is ``2``). Pure: nothing here
reads or writes a file or prints.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from policydrift.compare.engine import compare
from policydrift.compare.models import CompareOptions, Comparison, ThemeOptions
from policydrift.corpus.errors import InputError, OptionError
from policydrift.corpus.models import Statement

if TYPE_CHECKING:
    import pandas as pd
    from policydrift.compare.shifts.lexicon import StrengthLexicon

__all__ = [
    "BASE_KEYWORDS",
    "EditionSummary",
    "MultiComparison",
    "compare_many",
    "date_order",
    "resolve_base",
]

BASE_KEYWORDS = ("first", "last", "previous")
DATE_PREFIX = re.compile(r"\d{4}(-\d{2}){0,2}\Z")


@dataclass(frozen=True)
class EditionSummary:
    """One edition as the summary table shows it: how it reads against its reference.

    ``reference`` is the id of the edition it is compared with (the base, or the previous
    edition in a chain), None for the base itself and for the first edition of a chain;
    ``comparison`` indexes :attr:`MultiComparison.comparisons` (None likewise). ``later`` is
    true when the edition is the NEW side of that comparison (it comes after its reference).
    ``shared_share`` is the share (0-1) of the edition's words found in its reference: the
    comparison's ``new_reused_share`` when ``later``, its ``old_retained_share`` otherwise.
    ``counts`` are the comparison's rows per kind (empty without a comparison).
    ``themes_new``/``themes_dropped`` are the theme ids the comparison calls new and dropped,
    in time order (found only in its later, only in its earlier edition); None when no
    lexicon ran or the edition has no comparison.
    """

    id: str
    position: int
    words: int
    sentences: int
    reference: str | None
    comparison: int | None
    later: bool
    shared_share: float | None
    counts: dict[str, int]
    themes_new: tuple[str, ...] | None
    themes_dropped: tuple[str, ...] | None


@dataclass(frozen=True)
class MultiComparison:
    """The editions in report order, the pairs compared and a summary line per edition.

    ``mode`` is ``base`` (every edition against ``base``, an edition id) or ``previous``
    (each against the one before it; ``base`` is None). ``order`` is ``date`` or ``given``
    (when an edition has no date). ``comparisons`` come in report order of the edition read
    (the one that is not the base; in a chain, the later one).
    """

    editions: tuple[Statement, ...]
    mode: str
    base: str | None
    order: str
    comparisons: tuple[Comparison, ...]
    summaries: tuple[EditionSummary, ...]
    options: CompareOptions

    @property
    def undated(self) -> tuple[str, ...]:
        """Ids of the editions without a date, in report order."""
        return tuple(s.id for s in self.editions if not s.date)

    def edition(self, edition_id: str) -> Statement:
        """The edition with this id (KeyError when there is none)."""
        for s in self.editions:
            if s.id == edition_id:
                return s
        raise KeyError(edition_id)

    def to_frame(self) -> pd.DataFrame:
        """One line per edition: id, date, words, reference, shared share, rows per kind."""
        import pandas as pd
        from policydrift.compare.models import KINDS

        records: list[dict[str, Any]] = []
        for s, e in zip(self.editions, self.summaries, strict=True):
            record = {
                "position": e.position + 1,
                "id": e.id,
                "date": s.date,
                "title": s.title,
                "words": e.words,
                "reference": e.reference,
                "shared_share": e.shared_share,
            }
            record.update({kind: e.counts.get(kind) if e.counts else None for kind in KINDS})
            records.append(record)
        return pd.DataFrame.from_records(records)


def date_order(statements: Sequence[Statement]) -> tuple[tuple[Statement, ...], str]:
    """The statements oldest first, with ``"date"``; as given, with ``"given"``, when any has
    no date. Equal dates keep the order given (a year alone sorts before dates in that year).

    >>> from policydrift.corpus.models import Statement
    >>> a, b = Statement("a", "a", "", "", (), date="2023"), Statement("b", "b", "", "", (), date="2021")
    >>> [s.id for s in date_order([a, b])[0]], date_order([a, b])[1]
    (['b', 'a'], 'date')
    >>> [s.id for s in date_order([a, b, Statement("c", "c", "", "", ())])[0]]
    ['a', 'b', 'c']
    """
    if all(s.date for s in statements):
        ranked = sorted(range(len(statements)), key=lambda k: (statements[k].date, k))
        return tuple(statements[k] for k in ranked), "date"
    return tuple(statements), "given"


def resolve_base(editions: Sequence[Statement], base: str | int) -> int | None:
    """The position in ``editions`` of the base edition that ``base`` names; None for
    ``previous``. See the module docstring for the values; anything else is an
    :class:`~policydrift.corpus.errors.OptionError` for ``--base``.

    >>> from policydrift.corpus.models import Statement
    >>> eds = [Statement(i, f"notes/{i}.md", "", "", ()) for i in ("y2021", "y2022", "y2023")]
    >>> [resolve_base(eds, b) for b in ("first", "last", "previous", "2", "y2023", "notes/y2022.md")]
    [0, 2, None, 1, 2, 1]
    >>> resolve_base(eds, "y2030")
    Traceback (most recent call last):
    ...
    policydrift.corpus.errors.OptionError: --base: no edition is 'y2030': give first, last, previous, a date, an id, one of the files or a number from 1 to 3 (date order)
    """
    count = len(editions)
    if isinstance(base, bool) or not isinstance(base, str | int):
        msg = f"base must be a string or an int: {base!r}"
        raise TypeError(msg)
    text = str(base).strip()
    if text in BASE_KEYWORDS:
        return {"first": 0, "last": count - 1, "previous": None}[text]
    for k, s in enumerate(editions):
        if s.id == text:
            return k
    wanted = os.path.normpath(text)
    for k, s in enumerate(editions):
        if s.path != "-" and os.path.normpath(s.path) == wanted:
            return k
    named = [
        k for k, s in enumerate(editions) if s.path != "-" and os.path.basename(s.path) == text
    ]
    if len(named) == 1:
        return named[0]
    if named:
        msg = f"{len(named)} editions are files named {text!r}: give the folder too"
        raise OptionError(msg, path="--base")
    dated = [
        k
        for k, s in enumerate(editions)
        if DATE_PREFIX.match(text) and s.date and (s.date + "-").startswith(text + "-")
    ]
    if len(dated) == 1:
        return dated[0]
    if dated:
        msg = f"{len(dated)} editions are dated {text}: give the full date, the id or the file"
        raise OptionError(msg, path="--base")
    if text.isdigit() and 1 <= int(text) <= count:
        return int(text) - 1
    msg = (
        f"no edition is {text!r}: give first, last, previous, a date, an id, one of the files "
        f"or a number from 1 to {count} (date order)"
    )
    raise OptionError(msg, path="--base")


def compare_many(
    statements: Sequence[Statement],
    *,
    base: str | int = "first",
    options: CompareOptions | None = None,
    themes: ThemeOptions | None = None,
    strength: StrengthLexicon | None = None,
) -> MultiComparison:
    """Compare two or more editions, each against ``base`` or (``"previous"``) the one before.

    Editions are put in date order (see :func:`date_order`). Two editions that share an id
    (the same file name in two folders) are each named by their path as given; the same file
    given twice is an :class:`~policydrift.corpus.errors.InputError`. With ``themes``
    (:class:`~policydrift.compare.models.ThemeOptions`), every comparison carries its theme
    changes, as :func:`~policydrift.compare.engine.compare` attaches them; with a ``strength``
    lexicon, its strength shifts.

    >>> from policydrift.corpus.collection import SAMPLE_CORPUS, read_one
    >>> folder = SAMPLE_CORPUS / "whitehouse" / "cyber_emergency_continuation_notices"
    >>> files = sorted(folder.glob("*.md"), reverse=True)  # newest first
    >>> m = compare_many([read_one(f) for f in files], base="previous")
    >>> [s.date for s in m.editions], m.order, m.mode
    (['2021-03-29', '2022-03-30', '2023-03-29', '2024-03-26'], 'date', 'previous')
    >>> [(c.old.date[:4], c.new.date[:4], round(c.figures.new_reused_share, 3)) for c in m.comparisons]
    [('2021', '2022', 0.995), ('2022', '2023', 0.995), ('2023', '2024', 0.995)]
    """
    options = options if options is not None else CompareOptions()
    if not isinstance(options, CompareOptions):
        msg = f"options must be CompareOptions or None: {options!r}"
        raise TypeError(msg)
    if themes is not None and not isinstance(themes, ThemeOptions):
        msg = f"themes must be ThemeOptions or None: {themes!r}"
        raise TypeError(msg)
    for s in statements:
        if not isinstance(s, Statement):
            msg = f"statements must be Statement objects: {s!r}"
            raise TypeError(msg)
    if len(statements) < 2:
        msg = f"compare_many needs at least two statements, not {len(statements)}"
        raise ValueError(msg)
    editions, order = date_order(distinct_ids(statements))
    chosen = resolve_base(editions, base)
    if chosen is None:
        pairs = [(k - 1, k) for k in range(1, len(editions))]
        read = list(range(1, len(editions)))
    else:
        read = [k for k in range(len(editions)) if k != chosen]
        pairs = [(min(k, chosen), max(k, chosen)) for k in read]
    comparisons = []
    for old, new in pairs:
        c = compare(editions[old], editions[new], options, themes=themes, strength=strength)
        comparisons.append(c)
    summaries = _summaries(editions, read, pairs, comparisons)
    return MultiComparison(
        editions=editions,
        mode="previous" if chosen is None else "base",
        base=None if chosen is None else editions[chosen].id,
        order=order,
        comparisons=tuple(comparisons),
        summaries=summaries,
        options=options,
    )


def distinct_ids(statements: Sequence[Statement]) -> tuple[Statement, ...]:
    """The statements, those sharing an id renamed to their path as given.

    >>> from policydrift.corpus.models import Statement
    >>> a, b = Statement("x", "v1/x.md", "", "", ()), Statement("x", "v2/x.md", "", "", ())
    >>> [s.id for s in distinct_ids([a, b])]
    ['v1/x.md', 'v2/x.md']
    """
    seen: dict[str, str] = {}
    for s in statements:
        where = s.path if s.path == "-" else os.path.normpath(s.path)
        if where in seen:
            msg = "is given more than once: give each edition once"
            raise InputError(msg, path=s.path)
        seen[where] = s.id
    ids = Counter(s.id for s in statements)
    renamed = tuple(replace(s, id=s.path) if ids[s.id] > 1 else s for s in statements)
    again = [i for i, n in sorted(Counter(s.id for s in renamed).items()) if n > 1]
    if again:
        msg = "two editions have this id: rename one file or give ids in a manifest"
        raise InputError(msg, path=again[0])
    return renamed


def _summaries(
    editions: Sequence[Statement],
    read: Sequence[int],
    pairs: Sequence[tuple[int, int]],
    comparisons: Sequence[Comparison],
) -> tuple[EditionSummary, ...]:
    words: dict[int, int] = {}
    for (old, new), c in zip(pairs, comparisons, strict=True):
        words.setdefault(old, c.figures.old_words)
        words.setdefault(new, c.figures.new_words)
    at = {k: n for n, k in enumerate(read)}
    out = []
    for k, s in enumerate(editions):
        if k not in at:
            out.append(EditionSummary(s.id, k, words[k], len(s.sentences), None, None,
                                      False, None, {}, None, None))  # fmt: skip
            continue
        n = at[k]
        (old, new), c = pairs[n], comparisons[n]
        later = new == k
        themes = c.themes
        out.append(
            EditionSummary(
                id=s.id,
                position=k,
                words=words[k],
                sentences=len(s.sentences),
                reference=editions[old if later else new].id,
                comparison=n,
                later=later,
                shared_share=c.figures.new_reused_share if later else c.figures.old_retained_share,
                counts=dict(c.figures.counts),
                themes_new=None if themes is None else _ids(themes, "new"),
                themes_dropped=None if themes is None else _ids(themes, "dropped"),
            )
        )
    return tuple(out)


def _ids(themes: Any, status: str) -> tuple[str, ...]:
    return tuple(change.theme for change in themes.by_status(status))
