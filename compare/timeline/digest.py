"""What changed in each edition of a series, against the one before: the digest.

For every edition after the first: the themes it brings that the previous edition did not have,
the themes it drops, its most heavily edited sentences (lowest similarity to their previous
version, from the lineage steps), the share of its words kept from the previous edition, and
how many sentences it adds and drops. Read from a built :class:`Timeline`; nothing is scored
again.
"""

from __future__ import annotations

from dataclasses import dataclass

from policydrift.compare.timeline.models import SeriesView, Timeline

__all__ = ["MAX_EDITS", "Digest", "Edit", "series_digests"]

MAX_EDITS = 3
"""Edited sentences named per edition (the most heavily edited)."""


@dataclass(frozen=True)
class Edit:
    """An edited sentence: its index in the edition, its lineage and its similarity (0-100) to
    the previous version."""

    sentence: int
    lineage: str
    score: float


@dataclass(frozen=True)
class Digest:
    """The changes of ``edition`` (position ``position`` in its series) since ``previous``.

    ``new_themes`` / ``dropped_themes``: theme keys present here and not in the previous
    edition, and the reverse, in lexicon order; ``edits``: up to :data:`MAX_EDITS` edited
    sentences, most heavily edited first (formulaic sentences left out: their edits are dates and names); ``reused``: share of its words kept from the previous
    edition (None when not measurable); ``added`` / ``dropped``: new sentences and the previous
    edition's sentences left out.
    """

    edition: str
    position: int
    previous: str
    new_themes: tuple[str, ...]
    dropped_themes: tuple[str, ...]
    edits: tuple[Edit, ...]
    reused: float | None
    added: int
    dropped: int


def series_digests(timeline: Timeline, view: SeriesView) -> tuple[Digest, ...]:
    """One :class:`Digest` per edition of ``view`` after the first, in edition order.

    >>> from policydrift.compare.timeline.build import build_timeline
    >>> from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus
    >>> corpus = load_corpus(SAMPLE_CORPUS / "whitehouse", cache=False)
    >>> t = build_timeline(corpus.statements, series="cyber_emergency_continuation_notices")
    >>> d = series_digests(t, t.series[0])[-1]
    >>> d.position, d.previous == t.series[0].editions[-2], d.reused > 0.9
    (3, True, True)
    """
    score_at = {
        (line.id, step.edition): step.score
        for line in view.lineages
        for step in line.steps
        if step.kind != "new"
    }
    out = []
    for position in range(1, len(view.editions)):
        edition_id, previous = view.editions[position], view.editions[position - 1]
        edition = timeline.edition(edition_id)
        here = [t.key for t in view.themes if t.counts[position]]
        before = [t.key for t in view.themes if t.counts[position - 1]]
        edits = [
            Edit(row.index, row.lineage, score)
            for row in timeline.rows(edition_id)
            if row.cls == "edited"
            and not row.formulaic
            and (score := score_at.get((row.lineage, edition_id))) is not None
        ]
        edits.sort(key=lambda e: (e.score, e.sentence))
        out.append(
            Digest(
                edition=edition_id,
                position=position,
                previous=previous,
                new_themes=tuple(k for k in here if k not in before),
                dropped_themes=tuple(k for k in before if k not in here),
                edits=tuple(edits[:MAX_EDITS]),
                reused=edition.reuse_from_previous,
                added=edition.new or 0,
                dropped=edition.dropped or 0,
            )
        )
    return tuple(out)
