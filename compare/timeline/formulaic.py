"""Formulaic language: sentences or clauses that recur in most editions of a series.

A preamble ("NOW, THEREFORE, I, JOSEPH R. BIDEN JR., President of the United States...") or
a closing formula repeated by every edition says little about how the policy changed, but
makes any two editions look alike. A sentence is *formulaic* when near-copies of it (the same
group of near-duplicates, score >= the reuse threshold) occur in at least ``share`` of the
editions of its series, and in at least ``min_editions`` of them. The groups come from the
corpus-scale reuse clusters (:mod:`policydrift.compare.scale.reuse`), so the test does not depend on the editions
being consecutive. The timeline can leave formulaic sentences out of its reuse figures.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from policydrift.corpus.models import Statement

__all__ = [
    "DEFAULT_MIN_EDITIONS",
    "DEFAULT_SHARE",
    "Formula",
    "find_formulaic",
    "required_editions",
]

DEFAULT_SHARE = 0.6
DEFAULT_MIN_EDITIONS = 3


@dataclass(frozen=True)
class Formula:
    """One formulaic sentence of a series: its text (earliest occurrence), where it occurs.

    ``occurrences`` are ``(edition id, sentence index)`` pairs in edition order; ``editions``
    counts the distinct editions holding it, out of ``total`` editions in the series.
    """

    series: str
    text: str
    occurrences: tuple[tuple[str, int], ...]
    editions: int
    total: int


def required_editions(
    total: int, *, share: float = DEFAULT_SHARE, min_editions: int = DEFAULT_MIN_EDITIONS
) -> int | None:
    """How many editions of a series of ``total`` a formula must occur in (None: too few editions).

    >>> [required_editions(n) for n in (2, 3, 4, 5, 10)]
    [None, 3, 3, 3, 6]
    """
    _check(share, min_editions)
    if total < min_editions:
        return None
    return max(min_editions, math.ceil(share * total - 1e-9))


def _check(share: float, min_editions: int) -> None:
    if not 0 < share <= 1:
        msg = f"share must be in (0, 1]: {share!r}"
        raise ValueError(msg)
    if isinstance(min_editions, bool) or not isinstance(min_editions, int) or min_editions < 2:
        msg = f"min_editions must be an integer >= 2: {min_editions!r}"
        raise ValueError(msg)


def find_formulaic(
    series: str,
    editions: Sequence[Statement],
    groups: Mapping[tuple[str, int], Hashable],
    *,
    share: float = DEFAULT_SHARE,
    min_editions: int = DEFAULT_MIN_EDITIONS,
) -> list[Formula]:
    """The formulas of one series, in order of first occurrence.

    ``groups`` maps ``(statement id, sentence index)`` to the id of its group of near-copies;
    a sentence missing from ``groups`` is its own group (sentences with identical keys are
    always one group).

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> def st(i, *texts):
    ...     return Statement(id=i, path=i, raw="", text="", sentences=tuple(
    ...         Sentence(n, t, t.lower(), 0, 0, 0) for n, t in enumerate(texts)))
    >>> eds = [st("a", "Hereby proclaim.", "One."), st("b", "Hereby proclaim.", "Two."),
    ...        st("c", "Hereby proclaim.", "Three.")]
    >>> [(f.text, f.editions) for f in find_formulaic("s", eds, {})]
    [('Hereby proclaim.', 3)]
    """
    _check(share, min_editions)
    need = required_editions(len(editions), share=share, min_editions=min_editions)
    if need is None:
        return []
    members: dict[Hashable, list[tuple[int, str, int]]] = {}
    for position, statement in enumerate(editions):
        for sentence in statement.sentences:
            group = groups.get((statement.id, sentence.index), ("key", sentence.key))
            members.setdefault(group, []).append((position, statement.id, sentence.index))
    formulas = []
    for found in members.values():
        found.sort()
        count = len({position for position, _, _ in found})
        if count < need:
            continue
        first_position, first_id, first_index = found[0]
        text = editions[first_position].sentences[first_index].text
        formulas.append(
            Formula(
                series=series,
                text=" ".join(text.split()),
                occurrences=tuple((sid, index) for _, sid, index in found),
                editions=count,
                total=len(editions),
            )
        )
    formulas.sort(key=lambda f: (_position(editions, f.occurrences[0]), f.occurrences[0][1]))
    return formulas


def _position(editions: Sequence[Statement], occurrence: tuple[str, int]) -> int:
    for position, statement in enumerate(editions):
        if statement.id == occurrence[0]:
            return position
    return len(editions)
