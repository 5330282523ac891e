"""Dates read from file names, and the names of the places a statement's date comes from.

A file name gives a date when it holds an ISO date (``2021-09-24-quad.txt``,
``quad_2021-09-24.md``; also ``2021-09``) or, failing that, starts or ends with a bare year
(``2021.txt``, ``2021-quad.md``, ``quad_2021.pdf``). A year inside a name
(``agenda-2030-review``) is not read: it is too often part of a title.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

__all__ = [
    "FILE_NAME",
    "FRONT_MATTER",
    "MANIFEST",
    "PAGE_METADATA",
    "PDF_METADATA",
    "date_from_name",
]

FRONT_MATTER = "front matter"
MANIFEST = "manifest"
FILE_NAME = "file name"
PAGE_METADATA = "page metadata"
PDF_METADATA = "PDF metadata"

_ISO = re.compile(r"(?<![0-9])((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:-([0-3]\d))?(?![0-9])")
_YEAR_EDGE = re.compile(r"\A((?:19|20)\d{2})(?![0-9A-Za-z])|(?<![0-9A-Za-z])((?:19|20)\d{2})\Z")


def date_from_name(name: str) -> str | None:
    """The date a file name gives (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), or None.

    >>> [date_from_name(n) for n in ("2021-09-24-quad.txt", "2021.txt", "quad_2023.md", "a/2022-13-01.md")]
    ['2021-09-24', '2021', '2023', None]
    >>> date_from_name("agenda-2030-review.md") is None, date_from_name("2021-02-30.md") is None
    (True, True)
    """
    stem = PurePath(name).name
    stem = stem[: stem.rfind(".")] if "." in stem else stem
    for found in _ISO.finditer(stem):
        year, month, day = found.groups()
        try:
            dt.date(int(year), int(month), int(day or 1))
        except ValueError:
            continue
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    if _ISO.search(stem) or re.search(r"(?<![0-9])\d{4}-\d{2}-\d{2}(?![0-9])", stem):
        return None  # an impossible date in the name: do not fall back to its year
    edge = _YEAR_EDGE.search(stem)
    return (edge.group(1) or edge.group(2)) if edge else None
