"""The figures of one edition and the rows of its sentences, from lookups built once.

:class:`Evidence` holds everything the editions of a timeline share (reuse links, lineage of
each sentence, formulaic sentences, theme codes, the place of each statement), built once for
the whole timeline; :func:`measure_edition` reads one edition against it, in time that grows
with that edition's sentences only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from policydrift.compare.timeline.coding import Coding
from policydrift.compare.timeline.lineage import Lineage
from policydrift.compare.timeline.models import CLASS_OF_KIND, Edition, SentenceRow, Source
from policydrift.compare.timeline.pairs import Aligned, WordPositions
from policydrift.compare.timeline.reuse import ReuseLinks, reused_words
from policydrift.corpus.models import Statement
from rapidfuzz import fuzz

__all__ = ["Evidence", "measure_edition"]


@dataclass(frozen=True)
class Evidence:
    """What every edition is measured against.

    ``order``: place of each reported statement in time order; ``lineage_of``: the lineage of
    each (statement id, sentence index); ``formulaic``: the formulaic sentences; ``exclude``:
    leave them out of the figures; ``positions``: the word positions of each statement.
    """

    order: dict[str, int]
    links: ReuseLinks
    lineage_of: dict[tuple[str, int], Lineage]
    formulaic: frozenset[tuple[str, int]]
    coded: Coding
    exclude: bool
    positions: WordPositions


def measure_edition(
    ev: Evidence, statement: Statement, position: int, comparison: Aligned | None
) -> tuple[Edition, list[SentenceRow]]:
    """The :class:`Edition` of ``statement`` (place ``position`` in its series) and its rows.

    ``comparison`` is its alignment against the previous edition of its series (None for the
    first edition).
    """
    n = len(statement.sentences)
    spans = ev.positions.places(statement)
    words = (
        np.bincount(spans.sentences, minlength=n).astype(np.int64) if n else np.zeros(0, np.int64)
    )
    kinds = [""] * n
    dropped: list[int] = []
    reused_prev = np.zeros(n, dtype=np.int64)
    if comparison is not None:
        for row in comparison.rows:
            for j in row.new:
                kinds[j] = row.kind
            if row.kind == "dropped":
                dropped.extend(row.old)
        kept = getattr(comparison, "kept", None)  # counted with the alignment, if it was
        reused_prev = (
            np.array(kept, np.int64) if kept is not None else reused_words(comparison, spans)
        )
    counted, kept_before = words.tolist(), reused_prev.tolist()  # Python ints, read per sentence
    rows, keep = [], []
    sources: Counter[str] = Counter()
    source_words: Counter[str] = Counter()
    earlier_words = 0
    for sentence in statement.sentences:
        i = sentence.index
        line = ev.lineage_of[(statement.id, i)]
        cls = "first" if comparison is None else CLASS_OF_KIND.get(kinds[i], "new")
        direct = ev.links.earliest(statement.id, i)
        source = _source(statement, i, cls, line, direct, ev.links)
        is_formulaic = (statement.id, i) in ev.formulaic
        include = not (ev.exclude and is_formulaic)
        keep.append(include)
        if include:
            earlier_words += counted[i] if direct is not None else kept_before[i]
            if source is not None:
                sources[source[0]] += 1
                source_words[source[0]] += counted[i]
        rows.append(
            SentenceRow(
                edition=statement.id,
                index=i,
                text=" ".join(sentence.text.split()),
                words=counted[i],
                lineage=line.id,
                cls=cls,
                kind=kinds[i],
                formulaic=is_formulaic,
                source=source[0] if source else None,
                source_sentence=source[1] if source else None,
                source_score=source[2] if source else None,
                themes=tuple(ev.coded.sentence_themes.get((statement.id, i), ())),
                initiatives=tuple(ev.coded.sentence_initiatives.get((statement.id, i), ())),
            )
        )
    mask = np.array(keep, dtype=bool) if n else np.zeros(0, bool)
    total = int(words[mask].sum()) if n else 0
    counts = Counter(r.cls for r, k in zip(rows, keep, strict=True) if k)
    previous = comparison is not None
    edition = Edition(
        id=statement.id,
        series=statement.series,
        date=statement.date,
        title=statement.title or statement.id,
        order=ev.order[statement.id],
        position=position,
        previous=comparison.old.id if comparison is not None else None,
        words=int(words.sum()),
        sentences=n,
        formulaic_words=sum(counted[r.index] for r in rows if r.formulaic),
        reuse_from_previous=_share(int(reused_prev[mask].sum()), total) if previous else None,
        reuse_from_earlier=(
            None if ev.links.index[statement.id] == 0 else _share(earlier_words, total)
        ),
        same=counts["same"] if previous else None,
        edited=counts["edited"] if previous else None,
        new=counts["new"] if previous else None,
        dropped=_dropped(ev, comparison, dropped),
        sources=tuple(
            Source(sid, count, source_words[sid])
            for sid, count in sorted(
                sources.items(), key=lambda kv: (-kv[1], ev.links.index[kv[0]])
            )
        ),
    )
    return edition, rows


def _dropped(ev: Evidence, comparison: Aligned | None, dropped: list[int]) -> int | None:
    if comparison is None:
        return None
    old = comparison.old.id
    return sum(1 for i in dropped if not (ev.exclude and (old, i) in ev.formulaic))


@lru_cache(maxsize=1 << 14)
def _ratio(a: str, b: str) -> float:
    """fuzz.ratio of two keys, rounded: a sentence kept edition after edition is compared
    with the start of its lineage each time."""
    return round(float(fuzz.ratio(a, b)), 2)


def _share(part: int, total: int) -> float | None:
    return round(part / total, 4) if total else None


def _source(
    statement: Statement,
    i: int,
    cls: str,
    line: Lineage,
    direct: tuple[str, int, float] | None,
    links: ReuseLinks,
) -> tuple[str, int, float] | None:
    """Earliest earlier statement holding the sentence: a near-copy, or its lineage's start."""
    origin = None
    if cls in ("same", "edited") and line.steps[0].edition != statement.id:
        first = line.steps[0]
        old = links.reuse.statements[links.index[first.edition]]
        old_key = " ".join(old.sentences[k].key for k in first.sentences)
        origin = (first.edition, first.sentences[0], _ratio(old_key, statement.sentences[i].key))
        if old.date is not None and old.date == statement.date:
            origin = None  # a same-day statement is contemporaneous, not earlier
    if direct is None:
        return origin
    if origin is None:
        return direct
    return origin if links.index[origin[0]] < links.index[direct[0]] else direct
