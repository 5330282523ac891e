"""Reading and validating a corpus ``manifest.csv``, and the corpus date format.

A ``manifest.csv`` describes the statement files of its folder and the folders below it, one
row per file. Required columns: ``file`` (path relative to the manifest, ``/`` separated) and
``date``. Optional: ``id`` (default: the file name without extension), ``title``, ``series``,
``parties``, ``source_url``, ``language``; any other column (``kind``, ``publisher``...) is
kept as statement metadata. Column names are matched without regard to case or surrounding
spaces; the file is UTF-8 (a byte-order mark is allowed).

Dates are ISO 8601 calendar dates, ``YYYY-MM-DD``; a month (``YYYY-MM``) or a year (``YYYY``)
is accepted where the day is not known, and a time after the date (``2022-05-13T21:33:59``,
as web pages give it) is dropped. Dates are kept as these strings, so that partial dates sort
before the full dates of the same month or year (``2021`` < ``2021-03`` < ``2021-03-05``).

Reading never raises for the manifest's content: every problem found is returned, with its
line number, so that ``drift corpus check`` can list them all at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
from dataclasses import dataclass, replace
from pathlib import Path

from policydrift.corpus.safe_open import NotRegular, TooBig, read_regular

__all__ = [
    "KNOWN_COLUMNS",
    "MANIFEST_NAME",
    "REQUIRED_COLUMNS",
    "Manifest",
    "ManifestRow",
    "Problem",
    "normalise_relpath",
    "parse_date",
    "read_manifest",
]

MANIFEST_NAME = "manifest.csv"
MAX_MANIFEST_BYTES = 50_000_000
REQUIRED_COLUMNS = ("file", "date")
KNOWN_COLUMNS = ("file", "date", "id", "title", "series", "parties", "source_url", "language")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TIME = re.compile(r"[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


@dataclass(frozen=True)
class Problem:
    """One problem with a corpus: the file it is about and a sentence a user can act on.

    ``fatal`` problems stop :func:`policydrift.corpus.collection.load_corpus`; the others (a file present
    but not listed in its manifest) only make the file skipped. ``drift corpus check`` reports
    both kinds.
    """

    path: str
    problem: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(frozen=True)
class ManifestRow:
    """One row of a manifest: the file it describes and the metadata it gives (None if blank)."""

    line: int
    file: str
    relpath: str
    date: str | None = None
    id: str | None = None
    title: str | None = None
    series: str | None = None
    source_url: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    ok: bool = True  # False: the row has a problem (bad date, no date...) already reported


@dataclass(frozen=True)
class Manifest:
    """A manifest as read: its valid rows and every problem found in it."""

    path: Path
    display: str
    rows: tuple[ManifestRow, ...]
    problems: tuple[Problem, ...]
    usable: bool = True  # False: unreadable or no 'file' column, so it lists nothing at all

    @property
    def folder(self) -> Path:
        return self.path.parent


def parse_date(value: str) -> str:
    """The corpus form of a date: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ValueError if bad.

    >>> parse_date("2022-05-13"), parse_date("2021-10"), parse_date(" 2017 ")
    ('2022-05-13', '2021-10', '2017')
    >>> parse_date("2022-05-13T21:33:59-04:00")
    '2022-05-13'
    >>> parse_date("2021-02-30")
    Traceback (most recent call last):
    ...
    ValueError: bad date '2021-02-30': day is out of range for month
    """
    if not isinstance(value, str):
        msg = f"bad date {value!r}: expected a string"
        raise ValueError(msg)
    text = value.strip()
    match = _DATE.match(text)
    rest = text[match.end() :] if match else text
    if not match or (rest and not (match.group(3) and _TIME.fullmatch(rest))):
        msg = f"bad date {value!r}: expected YYYY-MM-DD (or YYYY-MM, YYYY)"
        raise ValueError(msg)
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        msg = f"bad date {value!r}: {exc}"
        raise ValueError(msg) from None
    return "-".join(part for part in (year, month, day) if part)


def normalise_relpath(file: str) -> str:
    """A manifest ``file`` cell as a normalised ``/`` path; ValueError if it leaves the folder.

    >>> normalise_relpath("./seeds\\\\a.txt")
    'seeds/a.txt'
    >>> normalise_relpath("../../etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: path '../../etc/passwd' leads outside the manifest's folder
    """
    text = file.strip().replace("\\", "/")
    if "\x00" in text:
        msg = f"path {file!r} holds a NUL character, which no file name can"
        raise ValueError(msg)
    if text.startswith("/") or re.match(r"[A-Za-z]:", text) or text.startswith("~"):
        msg = f"absolute path {file!r} is not allowed; give the path relative to the manifest"
        raise ValueError(msg)
    norm = posixpath.normpath(text)
    if norm == ".." or norm.startswith("../"):
        msg = f"path {file!r} leads outside the manifest's folder"
        raise ValueError(msg)
    if norm in {".", ""}:
        msg = f"path {file!r} names the manifest's own folder, not a file"
        raise ValueError(msg)
    return norm


def read_manifest(
    path: str | Path, *, display: str | None = None, require_date: bool = True
) -> Manifest:
    """Read ``path`` (a manifest.csv); rows that pass validation plus every problem found.

    ``display`` is how problems name the manifest (default: ``str(path)``). With
    ``require_date=False`` (``--undated``) the ``date`` column and its cells may be absent.
    """
    path = Path(path)
    shown = display if display is not None else str(path)
    problems: list[Problem] = []
    try:
        text = read_regular(path, max_bytes=MAX_MANIFEST_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown, f"not UTF-8 text (bad byte at offset {exc.start})"))
        return Manifest(path, shown, (), tuple(problems), usable=False)
    except (NotRegular, TooBig) as exc:
        problems.append(Problem(shown, f"cannot read the manifest: it {exc}"))
        return Manifest(path, shown, (), tuple(problems), usable=False)
    except OSError as exc:
        problems.append(Problem(shown, f"cannot read the manifest: {exc.strerror or exc}"))
        return Manifest(path, shown, (), tuple(problems), usable=False)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        problems.append(Problem(shown, f"not a valid CSV file: {exc}"))
        return Manifest(path, shown, (), tuple(problems), usable=False)
    lines = _record_lines(text, len(records))
    header = [cell.strip().casefold() for cell in records[0]] if records else []
    if not any(header):
        problems.append(Problem(shown, "empty manifest: no header row (need columns file,date)"))
        return Manifest(path, shown, (), tuple(problems), usable=False)
    required = [c for c in REQUIRED_COLUMNS if require_date or c != "date"]
    missing = [c for c in required if c not in header]
    seen_columns = [c for c in header if c and header.count(c) > 1]
    if seen_columns:
        names = ", ".join(sorted(set(seen_columns)))
        problems.append(Problem(shown, f"line 1: column(s) {names} appear more than once"))
    if missing:
        found = ",".join(header)
        msg = f"missing required column(s) {', '.join(missing)} (header is: {found})"
        problems.append(Problem(shown, msg))
        if "file" in missing:
            return Manifest(path, shown, (), tuple(problems), usable=False)
    # Without a date column every row still lists its file, but none is usable (``ok``).
    dateless = "date" in missing
    rows: list[ManifestRow] = []
    first_line: dict[str, int] = {}
    for record, line in zip(records[1:], lines[1:], strict=True):
        if not any(cell.strip() for cell in record):
            continue
        row = _read_row(record, header, line, shown, problems, require_date=require_date)
        if row is None:
            continue
        if dateless:
            row = replace(row, ok=False)
        if row.relpath in first_line:
            msg = f"line {line}: file {row.file!r} is already listed on line {first_line[row.relpath]}"
            problems.append(Problem(shown, msg))
            continue
        first_line[row.relpath] = line
        rows.append(row)
    return Manifest(path, shown, tuple(rows), tuple(problems))


def _record_lines(text: str, count: int) -> list[int]:
    """The line number on which each CSV record starts (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, last = [], 0
    for _ in range(count):
        starts.append(last + 1)
        next(reader)
        last = reader.line_num
    return starts


def _read_row(
    record: list[str],
    header: list[str],
    line: int,
    shown: str,
    problems: list[Problem],
    *,
    require_date: bool,
) -> ManifestRow | None:
    ok = True
    if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
        msg = f"line {line}: {len(record)} cells but only {len(header)} columns"
        problems.append(Problem(shown, msg))
        ok = False
    cells = {name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)}
    file = cells.get("file", "")
    if not file:
        problems.append(Problem(shown, f"line {line}: the 'file' cell is empty"))
        return None
    try:
        relpath = normalise_relpath(file)
    except ValueError as exc:
        problems.append(Problem(shown, f"line {line}: {exc}"))
        return None
    date = cells.get("date") or None
    if date is not None:
        try:
            date = parse_date(date)
        except ValueError as exc:
            problems.append(Problem(shown, f"line {line}: {exc}"))
            date, ok = None, False
    elif require_date and "date" in header:
        msg = f"line {line}: no date for {file!r} (give YYYY-MM-DD, or use --undated)"
        problems.append(Problem(shown, msg))
        ok = False
    meta = tuple(
        (name, value)
        for name, value in cells.items()
        if name and value and name not in {"file", "date", "id", "title", "series", "source_url"}
    )
    return ManifestRow(
        line=line,
        file=file,
        relpath=relpath,
        date=date,
        id=cells.get("id") or None,
        title=cells.get("title") or None,
        series=cells.get("series") or None,
        source_url=cells.get("source_url") or None,
        meta=meta,
        ok=ok,
    )
