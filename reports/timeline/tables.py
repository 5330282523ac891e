"""The JSON of ``drift timeline`` (everything) and its terminal summary.

JSON keys come in a fixed order, with ``"schema"`` first, so the same timeline always gives
the same bytes; ``pandas.DataFrame(data["editions"])`` (or ``data["sentences"]``,
``data["themes"]``...) gives a table straight away. The document is made while it is written
(:func:`timeline_json_chunks`). The CSV and Parquet tables are
:mod:`policydrift.reports.timeline.table_files`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from policydrift.compare.timeline.formulaic import Formula
from policydrift.compare.timeline.lineage import Lineage
from policydrift.compare.timeline.models import SeriesView, Timeline
from policydrift.compare.timeline.tracks import STATUS_HELP, Track
from policydrift.reports.timeline.json_text import Blocks, object_chunks
from policydrift.reports.timeline.paused import no_collector_passes

__all__ = [
    "TIMELINE_SCHEMA",
    "Counted",
    "spans",
    "timeline_json_chunks",
    "timeline_summary",
    "timeline_to_dict",
    "timeline_to_json",
]

TIMELINE_SCHEMA = 3
JSON_BLOCK = 2000
"""Items of a long JSON list (editions, lineages, sentences) made and written at a time."""


def timeline_to_dict(t: Timeline) -> dict[str, Any]:
    """The whole timeline as JSON-ready data, keys in a fixed order."""
    return {key: v.items() if isinstance(v, Blocks) else v for key, v in _fields(t)}


def _fields(
    t: Timeline, block: int = JSON_BLOCK, counted: Callable[[list[Any]], list[Any]] = list
) -> Iterator[tuple[str, Any]]:
    """The keys of the JSON document and their values, each made when its turn comes; the
    long lists as :class:`Blocks` of ``block`` items (a theme's or initiative's cells each),
    each block handed to ``counted`` as it is made (:func:`_block_count` in all)."""

    def blocks(make: Callable[[Any], list[Any]], parts: Iterable[Any]) -> Blocks:
        return Blocks(counted(make(part)) for part in parts)

    def cut(items: tuple[Any, ...]) -> list[tuple[int, int]]:
        return spans(len(items), block)

    overall = t.overall
    yield "schema", TIMELINE_SCHEMA
    yield "tool", "drift"
    yield "kind", "timeline"
    yield "options", t.options_dict()
    yield "lexicon", dict(t.lexicon)
    yield "statuses", dict(STATUS_HELP)
    yield "editions", blocks(lambda s: _editions(t, *s), cut(t.editions))
    yield "series", [_series(view) for view in t.series]
    similarity = {"editions": list(overall.editions), "pairs": [list(p) for p in overall.pairs]}
    yield "similarity", similarity
    yield "lineages", blocks(lambda s: _lineages(t, *s), cut(t.lineages))
    yield "themes", blocks(lambda k: _track_cells(t, (k,), "theme"), overall.themes)
    yield "theme_summary", [_track(track) for track in overall.themes]
    yield "initiatives", blocks(lambda k: _track_cells(t, (k,), "initiative"), overall.initiatives)
    yield "initiative_summary", [_track(track) for track in overall.initiatives]
    yield "formulaic", [_formula(f) for view in (*t.series, overall) for f in view.formulas]
    yield "sentences", blocks(lambda s: _sentences(t, *s), cut(t.sentences))


def _editions(t: Timeline, lo: int, hi: int) -> list[dict[str, Any]]:
    return [_edition(t, record) for record in t.edition_records(lo, hi)]


def _lineages(t: Timeline, lo: int, hi: int) -> list[dict[str, Any]]:
    return [_lineage(line) for line in t.lineages[lo:hi]]


def _formula(f: Formula) -> dict[str, Any]:
    return {
        "series": f.series,
        "text": f.text,
        "editions": f.editions,
        "total": f.total,
        "occurrences": [{"edition": e, "sentence": i} for e, i in f.occurrences],
    }


def _sentences(t: Timeline, lo: int, hi: int) -> list[dict[str, Any]]:
    return [
        dict(
            r,
            themes=r["themes"].split(";") if r["themes"] else [],
            initiatives=r["initiatives"].split(";") if r["initiatives"] else [],
        )
        for r in t.sentence_records(lo, hi)
    ]


def spans(count: int, size: int) -> list[tuple[int, int]]:
    """``(lo, hi)`` of consecutive blocks of ``size`` covering ``range(count)``.

    >>> spans(5, 2), spans(0, 2)
    ([(0, 2), (2, 4), (4, 5)], [])
    """
    return [(lo, min(lo + size, count)) for lo in range(0, count, size)]


class Counted:
    """Blocks of an output counted as they are made, each reported to ``progress(done,
    total)``.

    >>> seen = []
    >>> counted = Counted(2, lambda d, t: seen.append((d, t)))
    >>> counted(["a"]), counted([]), seen
    (['a'], [], [(1, 2), (2, 2)])
    """

    def __init__(self, total: int, progress: Callable[[int, int], None] | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def __call__(self, block: list[Any]) -> list[Any]:
        """``block``, just made, counted."""
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)
        return block


def _block_count(t: Timeline, block: int = JSON_BLOCK) -> int:
    """How many blocks :func:`_fields` makes (so many ticks)."""
    lists = (len(t.editions), len(t.lineages), len(t.sentences))
    themes = len(t.overall.themes) + len(t.overall.initiatives)
    return themes + sum(len(spans(n, block)) for n in lists)


def _edition(t: Timeline, record: dict[str, Any]) -> dict[str, Any]:
    edition = t.edition(record["id"])
    out = dict(record)
    out["sources"] = [
        {"id": s.id, "sentences": s.sentences, "words": s.words} for s in edition.sources
    ]
    out["shift_themes"] = edition.shift_themes
    return out


def _series(view: SeriesView) -> dict[str, Any]:
    return {
        "name": view.name,
        "editions": list(view.editions),
        "similarity": [list(r) for r in view.similarity],
        "lineages": [line.id for line in view.lineages if line.length > 1],
        "themes": [_track(track) for track in view.themes],
        "initiatives": [_track(track) for track in view.initiatives],
        "formulaic": len(view.formulas),
        "emerging_phrases": [k.term for k in view.phrases],
    }


def _track(track: Track) -> dict[str, Any]:
    return {
        "key": track.key,
        "label": track.label,
        "status": track.status,
        "first": track.first,
        "last": track.last,
        "editions": track.editions,
        "total": track.total,
        "counts": list(track.counts),
        "sentences": list(track.sentences),
        "rates": [round(r, 3) for r in track.rates],
    }


def _track_cells(t: Timeline, tracks: tuple[Track, ...], kind: str) -> list[dict[str, Any]]:
    """Long format: one record per (theme or initiative, edition), zeros included."""
    out = []
    for track in tracks:
        for edition_id, count, sentences in zip(
            t.overall.editions, track.counts, track.evidence, strict=True
        ):
            edition = t.edition(edition_id)
            out.append(
                {
                    kind: track.key,
                    "label": track.label,
                    "edition": edition_id,
                    "date": edition.date,
                    "series": edition.series,
                    "count": count,
                    "sentences": list(sentences),
                }  # fmt: skip
            )
    return out


def _lineage(line: Lineage) -> dict[str, Any]:
    return {
        "id": line.id,
        "series": line.series,
        "length": line.length,
        "end": line.end or None,
        "ended_in": line.ended_in,
        "steps": [
            {
                "edition": step.edition,
                "sentences": list(step.sentences),
                "kind": step.kind,
                "score": step.score,
                "text": " ".join(step.text.split()),
                "changes": [
                    [tag, "".join(step.old_words[i1:i2]), "".join(step.new_words[j1:j2])]
                    for tag, i1, i2, j1, j2 in step.ops
                    if tag != "equal"
                ],
            }
            for step in line.steps
        ],
    }


def timeline_to_json(t: Timeline) -> str:
    """The JSON document (UTF-8 text, two-space indent, trailing newline): the text of
    :func:`timeline_json_chunks` joined."""
    return "".join(timeline_json_chunks(t))


def timeline_json_chunks(
    t: Timeline, progress: Callable[[int, int], None] | None = None, *, block: int = JSON_BLOCK
) -> Iterator[str]:
    """The JSON document in pieces, in order, made as they are read: the same text as
    ``json.dumps(timeline_to_dict(t), ensure_ascii=False, indent=2)`` and a line break, written
    mostly by the standard library's C encoder
    (:func:`policydrift.reports.timeline.json_text.object_chunks`), with the garbage collector
    paused (:func:`policydrift.reports.timeline.paused.no_collector_passes`). Neither the
    document nor its data is ever held whole: at 5,000 statements it is 458 MB of text.
    ``progress(done, total)``: after each block (of ``block`` items) of the long lists is made.
    """
    counted = Counted(_block_count(t, block), progress)
    with no_collector_passes():
        yield from object_chunks(_fields(t, block, counted))
    yield "\n"


def timeline_summary(t: Timeline) -> list[str]:
    """A few lines for the terminal: what the timeline covers and its headline figures."""
    dates = [e.date for e in t.editions if e.date]
    span = f"{dates[0]} to {dates[-1]}" if dates else "undated"
    lines = [
        f"{len(t.editions)} statements in {len([v for v in t.series if v.name])} series, {span}; "
        f"{len(t.sentences):,} sentences, {sum(1 for x in t.lineages if x.length > 1):,} lineages "
        f"over 2+ editions, {sum(1 for r in t.sentences if r.formulaic):,} formulaic sentences"
        + (" (left out of the reuse figures)" if t.exclude_formulaic else "")
    ]
    for view in t.series:
        if len(view.editions) < 2:
            continue
        shares = [t.edition(i).reuse_from_previous for i in view.editions[1:]]
        known = [s for s in shares if s is not None]
        mean = f"{100 * sum(known) / len(known):.1f}%" if known else "n/a"
        emerging = [track.label for track in view.themes if track.status == "emerging"]
        lines.append(
            f"  {view.name}: {len(view.editions)} editions, mean reuse from the previous edition {mean}"
            + (f"; emerging themes: {', '.join(emerging[:4])}" if emerging else "")
        )
    return lines
