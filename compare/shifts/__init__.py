"""Strength shifts: what was softened or strengthened inside edited sentences.

A graded strength lexicon (:mod:`policydrift.compare.shifts.lexicon`, ``strength.yaml``) and
the rules that read a row's word diff with it (:mod:`policydrift.compare.shifts.detect`).
Names are imported on first use: ``import policydrift.compare.shifts`` loads no lexicon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydrift.corpus.lazy import lazy_exports

if TYPE_CHECKING:
    from policydrift.compare.shifts.detect import detect_shifts, row_shifts
    from policydrift.compare.shifts.lexicon import StrengthLexicon, load_strength, parse_strength
    from policydrift.compare.shifts.models import (
        CHANGED_KINDS,
        DIRECTIONS,
        Shift,
        ShiftReport,
        is_mixed,
    )

_WHERE = {
    "CHANGED_KINDS": "policydrift.compare.shifts.models",
    "DIRECTIONS": "policydrift.compare.shifts.models",
    "Shift": "policydrift.compare.shifts.models",
    "ShiftReport": "policydrift.compare.shifts.models",
    "StrengthLexicon": "policydrift.compare.shifts.lexicon",
    "detect_shifts": "policydrift.compare.shifts.detect",
    "is_mixed": "policydrift.compare.shifts.models",
    "load_strength": "policydrift.compare.shifts.lexicon",
    "parse_strength": "policydrift.compare.shifts.lexicon",
    "row_shifts": "policydrift.compare.shifts.detect",
}

__all__ = [
    "CHANGED_KINDS",
    "DIRECTIONS",
    "Shift",
    "ShiftReport",
    "StrengthLexicon",
    "detect_shifts",
    "is_mixed",
    "load_strength",
    "parse_strength",
    "row_shifts",
]

__getattr__, __dir__ = lazy_exports("policydrift.compare.shifts", _WHERE)
