"""The garbage collector paused while a report is made from a built timeline.

Making the pages or the JSON makes no reference cycles (``tests/reports/test_timeline_lines.py``
and ``tests/reports/test_timeline_json_text.py`` check that a collection right after finds
nothing), so the collector's passes there free nothing; but the view models and the JSON data
built meanwhile set off full passes that walk the whole timeline (600,000 objects at 1,000
statements) again and again: about a third of the rendering time, and three quarters of the
time building the JSON data. Output unchanged; a collector paused by the caller stays paused.
The pause is :func:`policydrift.corpus.collector.paused`, which the build uses too.
"""

from __future__ import annotations

from policydrift.corpus.collector import paused as no_collector_passes

__all__ = ["no_collector_passes"]
