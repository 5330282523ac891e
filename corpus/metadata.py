"""A statement's metadata as a corpus gives it: its manifest row over the file's own, and
its series (front matter, else its folder)."""

from __future__ import annotations

from dataclasses import replace

from policydrift.corpus.dates import MANIFEST
from policydrift.corpus.discover import Entry
from policydrift.corpus.manifest import Problem, parse_date
from policydrift.corpus.models import Statement

__all__ = ["series_of", "with_metadata"]


def with_metadata(
    statement: Statement, entry: Entry, *, undated: bool, top: str | None = None
) -> tuple[Statement, Problem | None]:
    """The manifest row's metadata over the file's own, the folder's series as the default.

    ``top`` is the series of files directly in the corpus folder (its name).
    """
    row = entry.row
    date, date_source = statement.date, statement.date_source
    if row is not None and row.date is not None:
        date, date_source = row.date, MANIFEST
    elif date is not None:
        try:
            date = parse_date(date)
        except ValueError as exc:
            return statement, Problem(entry.path, f"{exc} in the file's metadata")
    if date is None and not undated and (row is None or row.ok):
        where = (
            f"in {entry.manifest}"
            if entry.manifest
            else "in a manifest.csv, the front matter or the file name (2021-09-24-name.md)"
        )
        msg = f"no date; give one {where}, or use --undated to order by file name"
        return statement, Problem(entry.path, msg)
    meta = dict(statement.meta)
    if row is not None:
        meta.update(row.meta)
    changed = replace(
        statement,
        id=(row.id if row and row.id else statement.id),
        title=(row.title if row and row.title else statement.title),
        date=date,
        date_source=date_source if date else None,
        series=(row.series if row and row.series else series_of(statement, entry, top)),
        source=(row.source_url if row and row.source_url else statement.source),
        meta=tuple(sorted(meta.items())),
    )
    if not changed.id.strip():
        return changed, Problem(entry.path, "empty id")
    return changed, None


def series_of(statement: Statement, entry: Entry, top: str | None = None) -> str | None:
    """The file's own series (front matter ``series:``), else its folder's name.

    A file directly in the corpus folder belongs to the series named after that folder (a
    flat folder of editions is one series).
    """
    own = statement.series or dict(statement.meta).get("series", "").strip()
    return own or entry.series or top
