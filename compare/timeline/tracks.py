"""Themes and named initiatives followed across the editions of a timeline.

:class:`Coding` codes each statement once (lexicon themes, named initiatives);
:func:`tracks_over` and :func:`year_tracks` turn the codes into tracks.

A :class:`Track` is one theme (from the lexicon) or one named initiative (from
:mod:`policydrift.compare.timeline.initiatives`) across an ordered list of editions: how often it occurs in each,
the sentences that prove it, its first and last appearance and a status:

- ``constant``: in every edition;
- ``emerging``: absent from the first edition, then in at least two editions including the
  latest (a single appearance is never called emerging);
- ``new``: only in the latest edition (too early to say whether it persists);
- ``faded``: in at least one edition but not in the latest;
- ``one-off``: in a single edition that is neither the first nor the latest;
- ``recurring``: in the first and the latest edition, with gaps between;
- ``present``: the timeline has a single edition and it is there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from policydrift.compare.themes.coding import code_statement, mention_count
from policydrift.compare.themes.lexicon import Lexicon
from policydrift.compare.timeline.initiatives import find_initiatives, initiative_hits
from policydrift.corpus.models import Statement

__all__ = [
    "STATUS_HELP",
    "TRACK_STATUSES",
    "Coding",
    "Track",
    "make_track",
    "track_status",
    "tracks_over",
    "year_tracks",
    "years_in",
]

TRACK_STATUSES = (
    "emerging",
    "new",
    "constant",
    "recurring",
    "faded",
    "one-off",
    "present",
    "absent",
)
STATUS_HELP = {
    "emerging": "absent from the first edition, then present in at least two editions up to the latest",
    "new": "only in the latest edition",
    "constant": "in every edition",
    "recurring": "in the first and the latest edition, with gaps in between",
    "faded": "present earlier, absent from the latest edition",
    "one-off": "in a single edition, neither the first nor the latest",
    "present": "in the only edition",
    "absent": "in no edition",
}


@dataclass(frozen=True)
class Track:
    """One theme or initiative across editions (``kind`` is ``theme`` or ``initiative``).

    ``counts[k]`` is its count in edition ``k`` (mentions for a theme, sentences for an
    initiative) and ``evidence[k]`` the indexes of the sentences of edition ``k`` holding it.
    ``first``/``last`` are edition ids (None when absent everywhere).
    """

    key: str
    label: str
    kind: str
    counts: tuple[int, ...]
    evidence: tuple[tuple[int, ...], ...]
    first: str | None
    last: str | None
    status: str
    detail: str = ""

    @property
    def editions(self) -> int:
        """How many editions hold it."""
        return sum(1 for c in self.counts if c)

    @property
    def total(self) -> int:
        """Its count over all editions."""
        return sum(self.counts)


def track_status(present: Sequence[bool]) -> str:
    """The status of a theme from its presence in each edition, in order.

    >>> [track_status(p) for p in ([1, 1, 1], [0, 1, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0], [1, 0, 1])]
    ['constant', 'emerging', 'new', 'faded', 'one-off', 'recurring']
    """
    n = len(present)
    where = [k for k, p in enumerate(present) if p]
    if not where:
        return "absent"
    if n == 1:
        return "present"
    if len(where) == n:
        return "constant"
    first, last = where[0], where[-1]
    if len(where) == 1:
        return "new" if last == n - 1 else ("faded" if first == 0 else "one-off")
    if last < n - 1:
        return "faded"
    return "emerging" if first > 0 else "recurring"


def make_track(
    key: str,
    label: str,
    kind: str,
    edition_ids: Sequence[str],
    counts: Sequence[int],
    evidence: Sequence[Sequence[int]],
    *,
    detail: str = "",
) -> Track:
    """A :class:`Track` from per-edition counts and evidence sentence indexes.

    >>> t = make_track("ransomware", "Ransomware", "theme", ["a", "b", "c"], [0, 2, 1], [[], [3, 4], [0]])
    >>> t.status, t.first, t.last, t.editions
    ('emerging', 'b', 'c', 2)
    """
    if not len(edition_ids) == len(counts) == len(evidence):
        msg = f"need one count and one evidence list per edition: {len(edition_ids)}, {len(counts)}, {len(evidence)}"
        raise ValueError(msg)
    present = [c > 0 for c in counts]
    where = [edition_ids[k] for k, p in enumerate(present) if p]
    return Track(
        key=key,
        label=label,
        kind=kind,
        counts=tuple(int(c) for c in counts),
        evidence=tuple(tuple(sorted(set(e))) for e in evidence),
        first=where[0] if where else None,
        last=where[-1] if where else None,
        status=track_status(present),
        detail=detail,
    )


def tracks_over(
    kind: str,
    labels: Mapping[str, tuple[str, str]],
    edition_ids: Sequence[str],
    per_edition: Mapping[str, Mapping[str, tuple[int, tuple[int, ...]]]],
) -> tuple[Track, ...]:
    """One track per key of ``labels`` (in its order) present in at least one edition.

    ``labels`` maps key -> (label, detail); ``per_edition[edition id][key]`` is
    (count, evidence sentence indexes).

    >>> tracks_over("theme", {"a": ("A", ""), "b": ("B", "")}, ["x", "y"],
    ...             {"x": {"a": (1, (0,))}, "y": {}})[0].status
    'faded'
    """
    out = []
    for key, (label, detail) in labels.items():
        counts = [per_edition.get(e, {}).get(key, (0, ()))[0] for e in edition_ids]
        if not any(counts):
            continue
        evidence = [per_edition.get(e, {}).get(key, (0, ()))[1] for e in edition_ids]
        out.append(make_track(key, label, kind, edition_ids, counts, evidence, detail=detail))
    return tuple(out)


def years_in(years_of: Sequence[str]) -> tuple[str, ...]:
    """The distinct years, sorted, 'undated' last.

    >>> years_in(["2022", "undated", "2021", "2022"])
    ('2021', '2022', 'undated')
    """
    return tuple(sorted(set(years_of) - {"undated"})) + (
        ("undated",) if "undated" in years_of else ()
    )


def year_tracks(tracks: Sequence[Track], years_of: Sequence[str]) -> tuple[Track, ...]:
    """The same tracks with counts summed per year (``years_of``: the year of each edition).

    Years come in sorted order, 'undated' last; evidence stays with the editions.

    >>> t = make_track("k", "K", "theme", ["a", "b", "c"], [1, 2, 0], [[0], [1], []])
    >>> [(y.counts, y.status) for y in year_tracks([t], ["2021", "2021", "2022"])]
    [((3, 0), 'faded')]
    """
    years = years_in(years_of)
    out = []
    for track in tracks:
        counts = dict.fromkeys(years, 0)
        for year, count in zip(years_of, track.counts, strict=True):
            counts[year] += count
        values = [counts[y] for y in years]
        out.append(
            make_track(
                track.key,
                track.label,
                track.kind,
                years,
                values,
                [()] * len(years),
                detail=track.detail,
            )
        )
    return tuple(out)


class Coding:
    """Themes (lexicon) and named initiatives of statements, coded once each.

    The initiatives are those defined anywhere in ``statements``; :meth:`code` each statement
    to follow, then read the tracks over any list of coded statement ids.

    >>> from policydrift.compare.themes.lexicon import load_lexicon
    >>> from policydrift.corpus.models import Sentence, Statement
    >>> t = "Ransomware hits the Open-Ended Working Group (OEWG)."
    >>> s = Statement("a", "a", t, t, (Sentence(0, t, "", 0, len(t), 0),))
    >>> coding = Coding(load_lexicon(), [s]); coding.code(s)
    >>> [(x.key, x.counts) for x in coding.initiative_tracks(["a"])]
    [('oewg', (1,))]
    """

    def __init__(self, lexicon: Lexicon, statements: Sequence[Statement]) -> None:
        self.lexicon = lexicon
        self.registry = find_initiatives(statements)
        self.themes: dict[str, dict[str, tuple[int, tuple[int, ...]]]] = {}
        self.initiatives: dict[str, dict[str, tuple[int, tuple[int, ...]]]] = {}
        self.sentence_themes: dict[tuple[str, int], list[str]] = {}
        self.sentence_initiatives: dict[tuple[str, int], list[str]] = {}

    def code(self, statement: Statement) -> None:
        """Find the themes and initiatives of one statement, sentence by sentence."""
        hits = code_statement(statement, self.lexicon)
        mine: dict[str, list] = {}
        for hit in hits:
            mine.setdefault(hit.theme, []).append(hit)
        found = {}
        for theme in self.lexicon.themes:
            if theme.id not in mine:
                continue
            sentences = tuple(sorted({h.sentence for h in mine[theme.id]}))
            text_of = {i: statement.sentences[i].text for i in sentences}
            found[theme.id] = (mention_count(mine[theme.id], text_of), sentences)
            for i in sentences:
                self.sentence_themes.setdefault((statement.id, i), []).append(theme.id)
        self.themes[statement.id] = found
        named: dict[str, list[int]] = {}
        for hit in initiative_hits(statement, self.registry):
            named.setdefault(hit.key, []).append(hit.sentence)
            self.sentence_initiatives.setdefault((statement.id, hit.sentence), []).append(hit.key)
        self.initiatives[statement.id] = {k: (len(v), tuple(v)) for k, v in named.items()}

    def theme_tracks(self, ids: Sequence[str]) -> tuple[Track, ...]:
        """One track per lexicon theme found in the statements ``ids`` (in that order)."""
        labels = {t.id: (t.label, t.description) for t in self.lexicon.themes}
        return tracks_over("theme", labels, ids, self.themes)

    def initiative_tracks(self, ids: Sequence[str]) -> tuple[Track, ...]:
        """One track per initiative named in the statements ``ids`` (in that order)."""
        labels = {i.key: (i.label, i.name) for i in self.registry.initiatives}
        return tracks_over("initiative", labels, ids, self.initiatives)
