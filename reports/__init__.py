"""Presentation of drift's results: the HTML report, JSON and CSV writers, terminal summaries.

``reports`` never computes a score: it renders what :mod:`compare` returns. Names are
imported on first use, so ``import reports.output`` stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydrift.corpus.lazy import lazy_exports

if TYPE_CHECKING:
    from policydrift.reports.compare.html import render_compare_html
    from policydrift.reports.compare.view import build_report
    from policydrift.reports.output import check_writable, write_atomic
    from policydrift.reports.tables import (
        SCHEMA_VERSION,
        comparison_to_csv,
        comparison_to_dict,
        comparison_to_json,
        summary_lines,
    )

_WHERE = {
    "render_compare_html": "policydrift.reports.compare.html",
    "check_writable": "policydrift.reports.output",
    "write_atomic": "policydrift.reports.output",
    "SCHEMA_VERSION": "policydrift.reports.tables",
    "comparison_to_csv": "policydrift.reports.tables",
    "comparison_to_dict": "policydrift.reports.tables",
    "comparison_to_json": "policydrift.reports.tables",
    "summary_lines": "policydrift.reports.tables",
    "build_report": "policydrift.reports.compare.view",
}

__all__ = [
    "SCHEMA_VERSION",
    "build_report",
    "check_writable",
    "comparison_to_csv",
    "comparison_to_dict",
    "comparison_to_json",
    "render_compare_html",
    "summary_lines",
    "write_atomic",
]

__getattr__, __dir__ = lazy_exports("policydrift.reports", _WHERE)
