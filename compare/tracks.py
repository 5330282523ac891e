"""Themes and named initiatives followed across the editions of a timeline.

A :class:`Track` is one theme (from the lexicon) or one named initiative (from
:mod:`compare.initiatives`) across an ordered list of editions: how often it occurs in each,
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

__all__ = ["STATUS_HELP", "TRACK_STATUSES", "Track", "make_track", "track_status", "tracks_over"]

TRACK_STATUSES = ("emerging", "new", "constant", "recurring", "faded", "one-off", "present", "absent")
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
