"""Emerging phrases: which key terms leaning to the new side a reader would report as new.

:func:`emerging_phrases` picks the first-screen list from the key terms of
:func:`policydrift.compare.themes.keyness.key_terms`; the rules beyond keyness (a single word
only as a name, a term used before only when clearly more used or beyond chance) were set on
hand labels (``benchmarks/bench_emerging.py``, ``benchmarks/labels/emerging``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from policydrift.compare.themes.models import KeyTerm

__all__ = ["RISE_G2", "clearly_more", "emerging_phrases", "rise_g2", "written_as_name"]


RISE_G2 = 3.84
"""A term the old side used too is emerging if its log-likelihood G2 (Dunning 1993) reaches
this (the 5% point of chi-square with one degree of freedom), or if :func:`clearly_more`."""


def emerging_phrases(terms: Iterable[KeyTerm], *, top: int = 8) -> tuple[KeyTerm, ...]:
    """Key terms leaning to NEW that no theme covers, in at least two sentences there (a phrase
    repeated inside one sentence is a burst, not a trend), multi-word phrases first (then by
    rank): the first-screen list of language beyond the lexicon.

    Two more rules, set on hand labels (``benchmarks/bench_emerging.py``): a single word is
    listed only if it is written as a name (:func:`written_as_name`: common words alone,
    "increase", "efforts", "welcomed", were what a reader would not report), and a term the
    old side used too only if it is used :func:`clearly_more` or its rise is beyond chance
    (:func:`rise_g2` >= :data:`RISE_G2`): "2 in the 4 earlier editions together, 2 in the
    latest" is neither.

    >>> from policydrift.compare.themes.models import Evidence
    >>> def uses(*texts):
    ...     return tuple(Evidence("new", k, t, ((t.index("Scam"), t.index("Scam") + 4),) if "Scam" in t
    ...                  else ((0, 0),)) for k, t in enumerate(texts))
    >>> two = uses("The Scam Centre grew.", "A Scam Centre closed.")
    >>> t = [KeyTerm("regional forum", 2, 0, 3, 0.0, 6.0, 2.8, uses=two),
    ...      KeyTerm("scam", 1, 0, 5, 0.0, 9.0, 3.5, uses=two), KeyTerm("forum", 1, 0, 4, 0.0, 8.0, 3.1, uses=two[:1]),
    ...      KeyTerm("old one", 2, 3, 0, 6.0, 0.0, -2.0, uses=two),
    ...      KeyTerm("as before", 2, 2, 2, 4.0, 4.0, 1.0, uses=two)]
    >>> [k.term for k in emerging_phrases(t)]
    ['regional forum', 'scam']
    """
    fresh = [
        t
        for t in terms
        if not t.themes
        and t.leaning == "new"
        and len(t.uses) >= 2
        and (t.words > 1 or written_as_name(t))
        and (t.old_count == 0 or clearly_more(t) or rise_g2(t) >= RISE_G2)
    ]
    return tuple(sorted(fresh, key=lambda t: t.words == 1)[:top])


_CALENDAR = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
))  # fmt: skip


def written_as_name(term: KeyTerm) -> bool:
    """Whether every use of a one-word ``term`` inside a sentence is written as a name
    (capitalised, or an acronym), and at least one is: "QSCG", "Tokyo", "Biden", not "efforts".
    A sentence's first word says nothing either way; the names of months and days are dates,
    not language.

    >>> from policydrift.compare.themes.models import Evidence
    >>> def term(*texts):
    ...     return KeyTerm("tokyo", 1, 0, 2, 0.0, 4.0, 2.0, uses=tuple(
    ...         Evidence("new", k, t, ((t.lower().index("tokyo"), t.lower().index("tokyo") + 5),))
    ...         for k, t in enumerate(texts)))
    >>> written_as_name(term("Held in Tokyo.", "Tokyo hosted it.")), written_as_name(term("Tokyo hosted it.",))
    (True, False)
    >>> written_as_name(term("Held in Tokyo.", "a tokyo style"))
    False
    """
    if term.term in _CALENDAR:
        return False
    named = False
    for use in term.uses:
        for start, end in use.spans:
            word = use.text[start:end]
            if not any(c.isalpha() for c in use.text[:start]):
                continue  # the sentence's first word (after any numbering) is capitalised anyway
            if not word[:1].isupper():
                return False
            named = True
    return named


def clearly_more(term: KeyTerm) -> bool:
    """Whether NEW uses ``term`` at least three times and at least twice as often as OLD (all
    its statements together): "once in 2023, four times in 2024".

    >>> clearly_more(KeyTerm("digital world", 2, 1, 4, 1.0, 4.0, 2.0))
    True
    >>> clearly_more(KeyTerm("earlier", 1, 2, 2, 1.0, 4.0, 2.0))
    False
    """
    return term.new_count >= max(3, 2 * term.old_count)


def rise_g2(term: KeyTerm) -> float:
    """Dunning's log-likelihood G2 of ``term``'s counts on the two sides against their word
    totals (which its rates give back), or infinity if the old side never used it.

    >>> round(rise_g2(KeyTerm("earlier", 1, 2, 2, 2 / 2.722, 2 / 0.498, 2.0)), 2)
    2.59
    >>> round(rise_g2(KeyTerm("american", 1, 11, 12, 11 / 2.722, 12 / 0.498, 4.0)), 2)
    16.65
    """
    o, n = term.old_count, term.new_count
    if o == 0:
        return math.inf
    old_total, new_total = o / term.old_rate, n / term.new_rate
    share = new_total / (old_total + new_total)
    expected = ((o + n) * (1 - share), (o + n) * share)
    return 2 * sum(x * math.log(x / e) for x, e in zip((o, n), expected, strict=True) if x)
