"""The one CSV writer of drift: spreadsheet formulas in cells are neutralised.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets (CSV injection: ``=HYPERLINK(...)``,
``=cmd|' /C calc'!A0``). Statement text is scraped from the web, so every text cell drift
writes to CSV follows the OWASP rule: such a cell gets a leading single quote (``'=1+1``),
which spreadsheets show as text, and a single quote inside it is kept as it is. Numbers (int
and float values) are written as numbers, negative ones included. ``raw=True`` writes every
cell unchanged (for programs, not spreadsheets: ``--csv-raw`` on the command line).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

__all__ = ["FORMULA_STARTS", "csv_chunks", "csv_text", "safe_cell"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""


def safe_cell(value: Any, *, raw: bool = False) -> Any:
    """``value`` as a CSV cell a spreadsheet shows as text; numbers and None unchanged.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-3 points"), safe_cell("We act.")
    ('\\'=HYPERLINK("http://x")', "'-3 points", 'We act.')
    >>> safe_cell(-3), safe_cell(-0.5), safe_cell("=1", raw=True)
    (-3, -0.5, '=1')
    """
    if raw or not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    return "'" + value


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, raw: bool = False) -> str:
    """A CSV document: the header, then ``rows``, every cell through :func:`safe_cell`.

    ``None`` cells are written empty; lines end in ``\\n``.

    >>> print(csv_text(["a", "b"], [["=1+1", None], [-2, "@x"]]), end="")
    a,b
    '=1+1,
    -2,'@x
    """
    return "".join(csv_chunks(columns, [rows], raw=raw))


def csv_chunks(
    columns: Sequence[str], blocks: Iterable[Iterable[Sequence[Any]]], *, raw: bool = False
) -> Iterator[str]:
    """:func:`csv_text` of the rows of ``blocks`` in pieces: the header, then a piece per block
    (each block read only when its turn comes).

    >>> list(csv_chunks(["a"], [[[1], [2]], [], [[3]]])), list(csv_chunks(["a"], []))
    (['a\\n1\\n2\\n', '3\\n'], ['a\\n'])
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(c, raw=raw) for c in columns])
    for block in blocks:
        for row in block:
            writer.writerow(["" if v is None else safe_cell(v, raw=raw) for v in row])
        if out.tell():
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue()
