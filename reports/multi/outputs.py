"""The outputs of ``drift compare A B C ...``: one HTML page, JSON, CSV and a terminal summary.

The page holds a summary table (one line per edition), then one section per comparison drawn
with the partials of the two-file report (``_table.html``, ``_figures.html`` ...), under the
same Content-Security-Policy and script (``compare.js`` serves every table of the page):
nothing loads from the network, only drift's own inline script runs. The JSON nests each
comparison exactly as ``drift compare OLD NEW`` writes it, and the CSV is its row lines with two
leading columns naming the pair. See ``docs/schema.md``.
"""

from __future__ import annotations

import json
import os
from typing import Any

from policydrift.compare.models import KINDS
from policydrift.compare.multi import MultiComparison
from policydrift.reports.compare.view import LABELS, number, percent
from policydrift.reports.csv_cells import csv_text
from policydrift.reports.multi.view import ARROW, build_multi_report, label_of
from policydrift.reports.page import check_generated, render_page
from policydrift.reports.tables import CSV_COLUMNS, comparison_to_dict, csv_rows

MULTI_SCHEMA_VERSION = 1
MULTI_CSV_COLUMNS = ("old_id", "new_id", *CSV_COLUMNS)


def render_multi(multi: MultiComparison, fmt: str, *, raw_csv: bool = False) -> str:
    """The multi-edition comparison written as ``html``, ``json`` or ``csv``."""
    writers = {"html": render_multi_html, "json": multi_to_json, "csv": multi_to_csv}
    if fmt not in writers:
        msg = f"fmt must be one of html, json, csv: {fmt!r}"
        raise ValueError(msg)
    return multi_to_csv(multi, raw=raw_csv) if fmt == "csv" else writers[fmt](multi)


def render_multi_html(multi: MultiComparison, *, generated: str | None = None) -> str:
    """The whole multi-edition report page, as a string.

    ``generated`` (e.g. a date) is printed in the footer when given; without it the output
    depends on the comparisons alone, byte for byte.
    """
    check_generated(generated)
    page = build_multi_report(multi, generated=generated)
    names = ["base.css", "compare.css", "multi.css"] + (["themes.css"] if page.with_themes else [])
    names += ["shifts.css"] if page.shifts is not None else []
    return render_page("multi.html", styles=names, scripts=["compare.js"], page=page)


def multi_to_dict(m: MultiComparison) -> dict[str, Any]:
    """The multi-edition comparison as JSON-ready data, keys in the documented order."""
    return {
        "schema": MULTI_SCHEMA_VERSION,
        "tool": "drift",
        "mode": m.mode,
        "base": m.base,
        "order": m.order,
        "options": {
            "scorer": m.options.scorer,
            "threshold": m.options.threshold,
            "split_threshold": m.options.split_threshold,
            "min_passage_words": m.options.min_passage_words,
        },
        "editions": [
            {
                "position": e.position + 1,
                "id": e.id,
                "title": s.title,
                "date": s.date,
                "series": s.series,
                "source": s.source,
                "path": s.path,
                "sentences": e.sentences,
                "words": e.words,
                "reference": e.reference,
                "comparison": e.comparison,
                "later": e.later if e.comparison is not None else None,
                "shared_share": e.shared_share,
                "counts": {k: e.counts.get(k, 0) for k in KINDS}
                if e.comparison is not None
                else None,
                "themes_new": None if e.themes_new is None else list(e.themes_new),
                "themes_dropped": None if e.themes_dropped is None else list(e.themes_dropped),
                "shifts": _edition_shifts(m, e.comparison),
            }
            for s, e in zip(m.editions, m.summaries, strict=True)
        ],
        "comparisons": [comparison_to_dict(c) for c in m.comparisons],
    }


def _edition_shifts(m: MultiComparison, comparison: int | None) -> dict[str, Any] | None:
    """Shift counts of an edition's comparison, in total and per theme (None: not read)."""
    if comparison is None or m.comparisons[comparison].shifts is None:
        return None
    from policydrift.compare.shifts.summary import theme_counts

    c = m.comparisons[comparison]
    return {"counts": c.shifts.counts(), "themes": theme_counts(c)}


def multi_to_json(m: MultiComparison) -> str:
    """The JSON text: UTF-8 characters kept, 2-space indent, final newline."""
    return json.dumps(multi_to_dict(m), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def multi_to_csv(m: MultiComparison, *, raw: bool = False) -> str:
    """The rows of every comparison, in order, each line led by the pair's ``old_id,new_id``.

    Formula-like cells are neutralised unless ``raw`` (:mod:`policydrift.reports.csv_cells`).
    """
    rows = ((c.old.id, c.new.id, *line) for c in m.comparisons for line in csv_rows(c))
    return csv_text(MULTI_CSV_COLUMNS, rows, raw=raw)


def multi_summary_lines(m: MultiComparison) -> list[str]:
    """A plain-text summary for the terminal: one line per edition (no trailing spaces)."""
    position = {s.id: k for k, s in enumerate(m.editions, start=1)}
    count = len(m.editions)
    order = "in date order" if m.order == "date" else "in the order given (not all are dated)"
    if m.mode == "previous":
        lines = [f"{count} editions {order}, each compared with the edition before it"]
        shared = "shared: share of an edition's words reused from the previous edition"
    else:
        base = m.edition(m.base or "")
        lines = [
            f"{count} editions {order}, each compared with the base: "
            f"edition {position[base.id]}, {label_of(base)}"
        ]
        shared = "shared: share of an edition's words also in the base"
    titles = {s.title for s in m.editions if s.title}
    if len(titles) == 1:
        lines.append(titles.pop())
    kinds = [k for k in KINDS if any(e.counts.get(k) for e in m.summaries)]
    table = [["#", "date", "words", "pair", "shared", *(LABELS[k] for k in kinds), "file"]]
    for s, e in zip(m.editions, m.summaries, strict=True):
        if e.comparison is None:
            pair = "base" if m.base == s.id else "first"
            cells = [pair, "", *("" for _ in kinds)]
        else:
            c = m.comparisons[e.comparison]
            pair = f"{position[c.old.id]}{ARROW}{position[c.new.id]}"
            cells = [
                pair,
                percent(e.shared_share or 0.0),
                *(str(e.counts.get(k, 0)) for k in kinds),
            ]
        name = os.path.basename(s.path) or s.path
        table.append([str(e.position + 1), s.date or "-", str(e.words), *cells, name])
    lines += ["", *_columns(table, left={1, 3, len(table[0]) - 1}), "", shared]
    lines += _theme_lines(m, position)
    lines += _shift_lines(m, position)
    o = m.options
    lines.append(
        f"scorer {o.scorer}, threshold {number(o.threshold)}, split threshold "
        f"{number(o.split_threshold)}, passages of {o.min_passage_words}+ words"
    )
    return lines


def _theme_lines(m: MultiComparison, position: dict[str, int]) -> list[str]:
    if all(c.themes is None for c in m.comparisons):
        return []
    found = []
    for c in m.comparisons:
        new = [x.label for x in c.themes.by_status("new")] if c.themes is not None else []
        gone = [x.label for x in c.themes.by_status("dropped")] if c.themes is not None else []
        if new or gone:
            parts = ([f"new {', '.join(new)}"] if new else []) + (
                [f"dropped {', '.join(gone)}"] if gone else []
            )
            found.append(f"  {position[c.old.id]}{ARROW}{position[c.new.id]}  {'; '.join(parts)}")
    if not found:
        return ["themes: none new or dropped in any pair", ""]
    return ["themes new or dropped (in time order):", *found, ""]


def _shift_lines(m: MultiComparison, position: dict[str, int]) -> list[str]:
    if all(c.shifts is None for c in m.comparisons):
        return []
    from policydrift.reports.tables import shift_line

    lines = ["strength shifts (strengthened, softened, hedged...):"]
    for c in m.comparisons:
        line = shift_line(c.shifts.counts()) if c.shifts is not None else "shifts   not read"
        lines.append(f"  {position[c.old.id]}{ARROW}{position[c.new.id]}  {line[9:]}")
    return [*lines, ""]


def _columns(table: list[list[str]], *, left: set[int]) -> list[str]:
    widths = [max(len(row[k]) for row in table) for k in range(len(table[0]))]
    out = []
    for row in table:
        cells = [
            cell.ljust(w) if k in left else cell.rjust(w)
            for k, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
    return out
