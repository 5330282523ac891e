"""The status of a theme between two statements, from counts alone, and the detection limit.

Short statements (a few hundred words) cannot carry significance tests: a theme's status is
decided by presence, sentence counts and a smoothed ratio of sentence rates with a minimum
number of sentences (mentions are bursty, sentences much less so), and every output states
what the text lengths allow one to see (:func:`detection_limit`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from policydrift.compare.themes.models import DetectionLimit


@dataclass(frozen=True)
class StatusRules:
    """When a theme counts as new, dropped, rising or falling (the fields of the same names
    of :class:`~policydrift.compare.models.ThemeOptions`): ``min_new`` sentences on one side
    for new or dropped; ``min_count`` sentences on the larger side and a smoothed ratio of
    sentence rates of ``min_ratio`` (or its inverse), counts plus ``smoothing``, for rising
    or falling."""

    min_new: int = 1
    min_count: int = 3
    min_ratio: float = 2.0
    smoothing: float = 1.0


RULES = StatusRules()
"""The default rules."""


def smoothed_ratio(
    old_count: int, new_count: int, old_words: int, new_words: int, *, smoothing: float = 1.0
) -> float:
    """NEW's rate over OLD's, each count plus ``smoothing``: 1 -> 2 mentions is not a doubling.

    >>> round(smoothed_ratio(1, 2, 500, 500), 3), round(smoothed_ratio(2, 1, 500, 500), 3)
    (1.5, 0.667)
    """
    if smoothing <= 0:
        msg = f"smoothing must be > 0: {smoothing!r}"
        raise ValueError(msg)
    return ((new_count + smoothing) / max(new_words, 1)) / (
        (old_count + smoothing) / max(old_words, 1)
    )


def theme_status(
    old_count: int,
    new_count: int,
    old_sentences: int,
    new_sentences: int,
    old_words: int,
    new_words: int,
    rules: StatusRules = RULES,
) -> str:
    """The status of one theme from its counts (before alignment-aware reframing).

    Rising and falling are judged on **sentences**, not mentions (mentions cluster: one
    sentence listing "ransomware" four times is one piece of evidence), and need all of:
    mentions and sentences both moving that way (a theme whose count rose is never
    ``falling``, whatever the lengths), the smoothed ratio of sentence rates per 1,000 words
    at least ``min_ratio`` (at most its inverse), and at least ``min_count`` sentences on the
    larger side (:class:`StatusRules`).

    >>> theme_status(0, 2, 0, 1, 500, 400)
    'new'
    >>> theme_status(1, 2, 1, 2, 500, 500), theme_status(1, 4, 1, 3, 500, 500)
    ('persisting', 'rising')
    >>> theme_status(4, 5, 4, 5, 500, 1500), theme_status(1, 6, 1, 1, 500, 500)
    ('persisting', 'persisting')
    """
    min_new, min_count, min_ratio = rules.min_new, rules.min_count, rules.min_ratio
    if old_count == 0 and new_count == 0:
        return "absent"
    if old_count == 0:
        return "new" if new_sentences >= min_new else "trace"
    if new_count == 0:
        return "dropped" if old_sentences >= min_new else "trace"
    ratio = smoothed_ratio(
        old_sentences, new_sentences, old_words, new_words, smoothing=rules.smoothing
    )
    if (
        new_count > old_count
        and new_sentences > old_sentences
        and ratio >= min_ratio
        and new_sentences >= min_count
    ):
        return "rising"
    if (
        new_count < old_count
        and new_sentences < old_sentences
        and ratio <= 1 / min_ratio
        and old_sentences >= min_count
    ):
        return "falling"
    return "persisting"


def detection_limit(old_words: int, new_words: int, rules: StatusRules = RULES) -> DetectionLimit:
    """What can be seen at these text lengths under ``rules`` (see :class:`DetectionLimit`).

    >>> limit = detection_limit(570, 392)
    >>> round(limit.old_floor, 2), limit.rise_from_one, limit.fall_from_one
    (1.75, 3, 5)
    """
    min_count, min_ratio, smoothing = rules.min_count, rules.min_ratio, rules.smoothing

    def needed(words_from: int, words_to: int) -> int:
        # Smallest count c >= min_count with a smoothed ratio >= min_ratio against one mention:
        # c >= min_ratio * (1 + s) * words_to / words_from - s (checked, against rounding).
        bound = min_ratio * (1 + smoothing) * max(words_to, 1) / max(words_from, 1) - smoothing
        c = max(min_count, math.floor(bound))
        while smoothed_ratio(1, c, words_from, words_to, smoothing=smoothing) < min_ratio:
            c += 1
        return c

    return DetectionLimit(
        old_words=old_words,
        new_words=new_words,
        old_floor=1000 / old_words if old_words else math.inf,
        new_floor=1000 / new_words if new_words else math.inf,
        rise_from_one=needed(old_words, new_words),
        fall_from_one=needed(new_words, old_words),
        min_new=rules.min_new,
        min_count=min_count,
        min_ratio=min_ratio,
    )
