"""The options of a timeline: light to import (the command line reads its defaults here)."""

from __future__ import annotations

from dataclasses import dataclass, field

from policydrift.compare.models import REUSE_METHODS, CompareOptions, check_score
from policydrift.compare.timeline.formulaic import DEFAULT_MIN_EDITIONS, DEFAULT_SHARE


@dataclass(frozen=True)
class TimelineOptions:
    """The knobs of a timeline, recorded in every output.

    ``threshold``: minimum ``fuzz.ratio`` (0-100) between two sentence keys for a sentence to
    count as reused from an earlier statement (also groups near-copies for the formulaic test
    and the similarity matrix). ``compare``: options of the alignment of consecutive editions
    (the similarity model's lexical part by default, ``semantic=False``: see README).
    ``formulaic_share`` / ``formulaic_min_editions``: a sentence is formulaic when near-copies
    of it occur in at least that share, and that many, of the editions of its series.
    ``method``: how reused pairs are found (``auto``, ``exhaustive``, ``blocked``); the blocked
    index by default, which found exactly the pairs of the exhaustive search on the sample
    corpus and the synthetic corpora of ``benchmarks/timeline_corpus.py`` (as
    ``benchmarks/timeline_baselines.py`` checks) at a fraction of the cost.
    """

    threshold: float = 90.0
    compare: CompareOptions = field(default_factory=lambda: CompareOptions(semantic=False))
    formulaic_share: float = DEFAULT_SHARE
    formulaic_min_editions: int = DEFAULT_MIN_EDITIONS
    method: str = "blocked"

    def __post_init__(self) -> None:
        check_score(self.threshold, above_zero=True)
        if not 0 < self.formulaic_share <= 1:
            msg = f"formulaic_share must be in (0, 1]: {self.formulaic_share!r}"
            raise ValueError(msg)
        if isinstance(self.formulaic_min_editions, bool) or self.formulaic_min_editions < 2:
            msg = f"formulaic_min_editions must be an integer >= 2: {self.formulaic_min_editions!r}"
            raise ValueError(msg)
        if self.method not in REUSE_METHODS:
            msg = f"method must be one of {', '.join(REUSE_METHODS)}: {self.method!r}"
            raise ValueError(msg)
