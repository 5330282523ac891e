"""Presentation of drift's results: the HTML report, JSON and CSV writers, terminal summaries.

``reports`` never computes a score: it renders what :mod:`compare` returns. Names are
imported on first use, so ``import reports.output`` stays cheap for the command line.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reports.html import render_compare_html
    from reports.output import check_writable, write_atomic
    from reports.tables import (
        SCHEMA_VERSION,
        comparison_to_csv,
        comparison_to_dict,
        comparison_to_json,
        summary_lines,
    )
    from reports.view import build_report

_WHERE = {
    "render_compare_html": "reports.html",
    "check_writable": "reports.output",
    "write_atomic": "reports.output",
    "SCHEMA_VERSION": "reports.tables",
    "comparison_to_csv": "reports.tables",
    "comparison_to_dict": "reports.tables",
    "comparison_to_json": "reports.tables",
    "summary_lines": "reports.tables",
    "build_report": "reports.view",
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


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    msg = f"module 'reports' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
