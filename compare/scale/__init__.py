"""Reuse at corpus scale: candidate blocking, exhaustive or blocked scoring, Dask.

Names are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydrift.corpus.lazy import lazy_exports

if TYPE_CHECKING:
    from policydrift.compare.scale.reuse import reuse_pairs
    from policydrift.compare.scale.search import find_reuse

_WHERE = {
    "find_reuse": "policydrift.compare.scale.search",
    "reuse_pairs": "policydrift.compare.scale.reuse",
}

__all__ = [
    "find_reuse",
    "reuse_pairs",
]

__getattr__, __dir__ = lazy_exports("policydrift.compare.scale", _WHERE)
