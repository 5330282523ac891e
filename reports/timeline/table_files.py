"""The sentence and edition tables of ``drift timeline`` as CSV or Parquet files.

Two files named from the output path (``t.csv`` -> ``t.sentences.csv`` and
``t.editions.csv``), both written or neither (:func:`policydrift.reports.output.write_all`:
old files are kept on failure). Each table is made while it is written,
:data:`TABLE_BLOCK` rows at a time (a Parquet row group each), so that the 221,600 sentences of
5,000 statements are never held whole as records or as text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from policydrift.compare.timeline.models import EDITION_COLUMNS, SENTENCE_COLUMNS, Timeline
from policydrift.reports.csv_cells import csv_chunks
from policydrift.reports.output import write_all
from policydrift.reports.timeline.tables import Counted, spans

__all__ = ["TABLE_BLOCK", "TABLE_FORMATS", "table_paths", "write_timeline_tables"]

TABLE_FORMATS = ("csv", "parquet")
TABLE_BLOCK = 50_000
"""Rows of a table made and written at a time (a Parquet row group)."""


def table_paths(output: str | Path) -> tuple[Path, Path]:
    """(sentences, editions) file paths named from ``output``: ``t.csv`` -> ``t.sentences.csv``.

    >>> [str(p) for p in table_paths("out/timeline.csv")]
    ['out/timeline.sentences.csv', 'out/timeline.editions.csv']
    """
    path = Path(output)
    suffix = path.suffix or ".csv"
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(f"{stem}.sentences{suffix}"), path.with_name(f"{stem}.editions{suffix}")


def _csv_chunks(
    records: Callable[[int, int], list[dict[str, Any]]],
    count: int,
    columns: tuple[str, ...],
    *,
    raw: bool = False,
    block: int = TABLE_BLOCK,
) -> Iterator[str]:
    """The CSV of ``records(lo, hi)`` over ``range(count)``, ``block`` records at a time."""
    blocks = (_cells(records(lo, hi), columns) for lo, hi in spans(count, block))
    return csv_chunks(columns, blocks, raw=raw)


def _cells(records: list[dict[str, Any]], columns: tuple[str, ...]) -> list[list[Any]]:
    return [[record[c] for c in columns] for record in records]


_TYPES = {
    "sentence": "int64", "words": "int64", "formulaic": "bool", "source_sentence": "int64",
    "source_score": "float64", "order": "int64", "position": "int64", "sentences": "int64",
    "formulaic_words": "int64", "reuse_from_previous": "float64", "reuse_from_earlier": "float64",
    "same": "int64", "edited": "int64", "new": "int64", "dropped": "int64",
    "strengthened": "int64", "softened": "int64", "hedged": "int64", "unhedged": "int64",
    "negated": "int64", "affirmed": "int64",
}  # fmt: skip


def _parquet_chunks(
    records: Callable[[int, int], list[dict[str, Any]]],
    count: int,
    columns: tuple[str, ...],
    *,
    block: int = TABLE_BLOCK,
) -> Iterator[bytes]:
    """The Parquet file of ``records(lo, hi)`` over ``range(count)``: a row group of ``block``
    records at a time, its bytes handed on as soon as they are written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(c, pa.from_numpy_dtype(_TYPES[c]) if c in _TYPES else pa.string()) for c in columns]
    )
    sink = _Drain()
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        for lo, hi in spans(count, block) or [(0, 0)]:
            rows = [{c: r[c] for c in columns} for r in records(lo, hi)]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            yield sink.take()
    yield sink.take()


class _Drain(io.RawIOBase):
    """A write-only file whose bytes are taken away as they come (:meth:`take`)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.parts.append(bytes(data))
        self.size += len(self.parts[-1])
        return len(self.parts[-1])

    def tell(self) -> int:
        return self.size

    def take(self) -> bytes:
        """The bytes written since the last call."""
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def write_timeline_tables(
    t: Timeline,
    output: str | Path,
    fmt: str,
    *,
    raw: bool = False,
    block: int = TABLE_BLOCK,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Path, Path]:
    """Write the sentence and edition tables as CSV or Parquet; returns both paths.

    CSV cells a spreadsheet would run as formulas are neutralised unless ``raw``. The tables are
    made while they are written, ``block`` rows at a time (a Parquet row group each);
    ``progress(done, total)`` after each block.
    """
    if fmt not in TABLE_FORMATS:
        msg = f"fmt must be one of {', '.join(TABLE_FORMATS)}: {fmt!r}"
        raise ValueError(msg)
    sentences_path, editions_path = table_paths(output)  # both checked before either is made
    counted = Counted(
        len(spans(len(t.sentences), block)) + len(spans(len(t.editions), block)), progress
    )

    def each(records: Callable[[int, int], list[dict[str, Any]]]) -> Callable[[int, int], Any]:
        return lambda lo, hi: counted(records(lo, hi))

    def encode(records, count, columns):
        if fmt == "csv":
            return _csv_chunks(each(records), count, columns, raw=raw, block=block)
        return _parquet_chunks(each(records), count, columns, block=block)

    write_all([
        (sentences_path, encode(t.sentence_records, len(t.sentences), SENTENCE_COLUMNS)),
        (editions_path, encode(t.edition_records, len(t.editions), EDITION_COLUMNS)),
    ])  # fmt: skip
    return sentences_path, editions_path
