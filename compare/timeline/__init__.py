"""The year-over-year timeline of a corpus: reuse, lineages, formulas, themes and initiatives.

Names are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydrift.corpus.lazy import lazy_exports

if TYPE_CHECKING:
    from policydrift.compare.timeline.build import build_timeline
    from policydrift.compare.timeline.digest import Digest, series_digests
    from policydrift.compare.timeline.models import Edition, Timeline, TimelineOptions

_WHERE = {
    "Digest": "policydrift.compare.timeline.digest",
    "series_digests": "policydrift.compare.timeline.digest",
    "Edition": "policydrift.compare.timeline.models",
    "Timeline": "policydrift.compare.timeline.models",
    "TimelineOptions": "policydrift.compare.timeline.models",
    "build_timeline": "policydrift.compare.timeline.build",
}

__all__ = [
    "Digest",
    "Edition",
    "Timeline",
    "TimelineOptions",
    "build_timeline",
    "series_digests",
]

__getattr__, __dir__ = lazy_exports("policydrift.compare.timeline", _WHERE)
