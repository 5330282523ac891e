"""Themes and named initiatives followed across the editions of a timeline.

:func:`tracks_over` and :func:`year_tracks` turn the codes of
:class:`policydrift.compare.timeline.coding.Coding` into tracks.

A :class:`Track` is one theme (from the lexicon) or one named initiative (from
:mod:`policydrift.compare.timeline.initiatives`) across an ordered list of editions: how often it
occurs in each, in how many sentences, its rate per 1,000 words (the trend line), the sentences
that prove it, its first and last appearance and a status over the series.

The status reads the **trend of sentence rates** (sentences carrying it per 1,000 words; mentions
cluster in a few sentences, sentences much less), comparing the earlier half of the editions
with the later half (the middle edition of an odd number in neither): the later half's smoothed
rate ``(sentences + 1) / words`` at least ``min_ratio`` (2) times the earlier half's, with more
sentences per edition and at least ``min_count`` (3) sentences in the later half, is a rise; the
converse a fall. Then:

- ``emerging``: in at least two editions including the latest, and rising (or absent from the
  first edition); a single appearance is never called emerging;
- ``fading``: in at least two editions and falling, or absent from the latest after two;
- ``constant``: in every edition, without a rise or a fall;
- ``recurring``: in two or more editions with gaps between, without a rise or a fall;
- ``new``: only in the latest edition (too early to say whether it persists);
- ``one-off``: in a single edition that is not the latest;
- ``present``: the timeline has a single edition and it is there; ``absent``: in none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "STATUS_HELP",
    "TRACK_STATUSES",
    "Track",
    "make_track",
    "track_status",
    "trend",
    "tracks_over",
    "year_tracks",
    "years_in",
]

TRACK_STATUSES = (
    "emerging",
    "new",
    "constant",
    "recurring",
    "fading",
    "one-off",
    "present",
    "absent",
)
STATUS_HELP = {
    "emerging": "in two or more editions up to the latest, its rate of sentences per 1,000 words rising (or absent from the first edition)",
    "new": "only in the latest edition",
    "constant": "in every edition, without a clear rise or fall of its rate",
    "recurring": "in two or more editions with gaps in between, without a clear rise or fall",
    "fading": "in two or more editions, its rate falling, or absent from the latest edition",
    "one-off": "in a single edition, not the latest",
    "present": "in the only edition",
    "absent": "in no edition",
}
MIN_RATIO = 2.0
MIN_COUNT = 3


@dataclass(frozen=True)
class Track:
    """One theme or initiative across editions (``kind`` is ``theme`` or ``initiative``).

    ``counts[k]`` is its count in edition ``k`` (mentions for a theme, sentences for an
    initiative) and ``evidence[k]`` the indexes of the sentences of edition ``k`` holding it.
    ``sentences[k]`` counts those sentences and ``words[k]`` the edition's words (empty when
    unknown). ``first``/``last`` are edition ids (None when absent everywhere).
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
    sentences: tuple[int, ...] = ()
    words: tuple[int, ...] = ()

    @property
    def rates(self) -> tuple[float, ...]:
        """Its count per 1,000 words in each edition: the trend line (empty without words)."""
        if not self.words:
            return ()
        return tuple(
            1000 * c / w if w else 0.0 for c, w in zip(self.counts, self.words, strict=True)
        )

    @property
    def editions(self) -> int:
        """How many editions hold it."""
        return sum(1 for c in self.counts if c)

    @property
    def total(self) -> int:
        """Its count over all editions."""
        return sum(self.counts)


def trend(
    sentences: Sequence[int],
    words: Sequence[int],
    *,
    min_ratio: float = MIN_RATIO,
    min_count: int = MIN_COUNT,
) -> int:
    """+1 rising, -1 falling, 0 neither: later half of the editions against the earlier half.

    >>> trend([4, 3, 1, 1], [1000, 1000, 1000, 1000]), trend([1, 1, 4, 3], [1000, 1000, 1000, 1000])
    (-1, 1)
    >>> trend([3, 3], [1000, 3000]), trend([1, 2], [1000, 1000])
    (0, 0)
    """
    n = len(sentences)
    if n < 2 or len(words) != n:
        return 0
    half = n // 2
    early, late = range(half), range(n - half, n)
    e_s, l_s = sum(sentences[k] for k in early), sum(sentences[k] for k in late)
    e_w, l_w = sum(words[k] for k in early), sum(words[k] for k in late)
    if not e_w or not l_w:
        return 0
    ratio = ((l_s + 1) / l_w) / ((e_s + 1) / e_w)
    if ratio >= min_ratio and l_s > e_s and l_s >= min_count:
        return 1
    if ratio <= 1 / min_ratio and l_s < e_s and e_s >= min_count:
        return -1
    return 0


def track_status(present: Sequence[bool], direction: int = 0) -> str:
    """The status from presence in each edition, in order, and the trend ``direction``.

    >>> [track_status(p) for p in ([1, 1, 1], [0, 1, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0], [1, 0, 1])]
    ['constant', 'emerging', 'new', 'fading', 'one-off', 'recurring']
    >>> track_status([1, 1, 1, 1], -1), track_status([1, 0, 1, 1], 1), track_status([1, 1], -1)
    ('fading', 'emerging', 'fading')
    """
    n = len(present)
    where = [k for k, p in enumerate(present) if p]
    if not where:
        return "absent"
    if n == 1:
        return "present"
    first, last = where[0], where[-1]
    if len(where) == 1:
        return "new" if last == n - 1 else "one-off"
    if last < n - 1 or direction < 0:
        return "fading"
    if direction > 0 or first > 0:
        return "emerging"
    return "constant" if len(where) == n else "recurring"


def make_track(
    key: str,
    label: str,
    kind: str,
    edition_ids: Sequence[str],
    counts: Sequence[int],
    evidence: Sequence[Sequence[int]],
    *,
    detail: str = "",
    words: Sequence[int] = (),
    sentences: Sequence[int] | None = None,
) -> Track:
    """A :class:`Track` from per-edition counts and evidence sentence indexes.

    ``words``: the editions' words, for the rates and the trend (without them the status
    reads presence only); ``sentences``: sentences per edition (default: the evidence's).

    >>> t = make_track("ransomware", "Ransomware", "theme", ["a", "b", "c"], [0, 2, 1], [[], [3, 4], [0]])
    >>> t.status, t.first, t.last, t.editions
    ('emerging', 'b', 'c', 2)
    >>> covid = make_track("covid19", "COVID-19", "theme", ["a", "b", "c", "d"], [41, 28, 6, 12],
    ...                    [range(30), range(20), range(5), range(9)], words=[2000, 2000, 2000, 2000])
    >>> covid.status, [round(r, 1) for r in covid.rates]
    ('fading', [20.5, 14.0, 3.0, 6.0])
    """
    if not len(edition_ids) == len(counts) == len(evidence):
        msg = f"need one count and one evidence list per edition: {len(edition_ids)}, {len(counts)}, {len(evidence)}"
        raise ValueError(msg)
    present = [c > 0 for c in counts]
    where = [edition_ids[k] for k, p in enumerate(present) if p]
    evidence = [tuple(sorted(set(e))) if e else () for e in evidence]
    per_edition = [len(e) for e in evidence] if sentences is None else list(sentences)
    if words and len(words) != len(counts):
        msg = f"need the words of every edition: {len(words)} for {len(counts)} editions"
        raise ValueError(msg)
    return Track(
        key=key,
        label=label,
        kind=kind,
        counts=tuple(int(c) for c in counts),
        evidence=tuple(evidence),
        first=where[0] if where else None,
        last=where[-1] if where else None,
        status=track_status(present, trend(per_edition, words) if words else 0),
        detail=detail,
        sentences=tuple(per_edition),
        words=tuple(int(w) for w in words),
    )


def tracks_over(
    kind: str,
    labels: Mapping[str, tuple[str, str]],
    edition_ids: Sequence[str],
    per_edition: Mapping[str, Mapping[str, tuple[int, tuple[int, ...]]]],
    words: Mapping[str, int] | None = None,
) -> tuple[Track, ...]:
    """One track per key of ``labels`` (in its order) present in at least one edition.

    ``labels`` maps key -> (label, detail); ``per_edition[edition id][key]`` is
    (count, evidence sentence indexes); ``words`` the words of each edition (for rates).

    >>> tracks_over("theme", {"a": ("A", ""), "b": ("B", "")}, ["x", "y"],
    ...             {"x": {"a": (1, (0,))}, "y": {}})[0].status
    'one-off'
    """
    sizes = [words[e] for e in edition_ids] if words is not None else []
    found: dict[str, list[tuple[int, tuple[int, tuple[int, ...]]]]] = {}
    for k, e in enumerate(edition_ids):  # only what is there: no work per absent key
        for key, (count, sentences) in per_edition.get(e, {}).items():
            found.setdefault(key, []).append((k, (count, sentences)))
    out = []
    for key, (label, detail) in labels.items():
        if not any(count for _, (count, _) in found.get(key, ())):
            continue
        counts, evidence = [0] * len(edition_ids), [()] * len(edition_ids)
        for k, (count, sentences) in found[key]:
            counts[k], evidence[k] = count, sentences
        out.append(
            make_track(key, label, kind, edition_ids, counts, evidence, detail=detail, words=sizes)
        )
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
    [((3, 0), 'one-off')]
    """
    years = years_in(years_of)
    out = []
    for track in tracks:

        def per_year(values: Sequence[int]) -> list[int]:
            sums = dict.fromkeys(years, 0)
            for year, value in zip(years_of, values, strict=True):
                sums[year] += value
            return [sums[y] for y in years]

        out.append(
            make_track(
                track.key,
                track.label,
                track.kind,
                years,
                per_year(track.counts),
                [()] * len(years),
                detail=track.detail,
                words=per_year(track.words) if track.words else (),
                sentences=per_year(track.sentences),
            )
        )
    return tuple(out)
