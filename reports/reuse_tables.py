"""Output of ``drift reuse``: the pairs and clusters tables (CSV, Parquet, JSON) and a summary.

CSV and Parquet write two files: the pairs at the path given and the clusters beside it
(``reuse.csv`` -> ``reuse.clusters.csv``). JSON writes one file holding both, with the options
used (``"schema": 1``). Every file goes through :func:`policydrift.reports.output.write_atomic`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from policydrift.compare.scale.reuse import CLUSTER_COLUMNS, PAIR_COLUMNS, ReuseResult
from policydrift.reports.csv_cells import csv_text
from policydrift.reports.output import check_writable, write_all, write_atomic

__all__ = ["FORMATS", "clusters_path", "reuse_summary", "write_reuse"]

SCHEMA_VERSION = 1
FORMATS = ("csv", "parquet", "json")


def clusters_path(path: str | Path) -> Path:
    """Where the clusters table goes beside the pairs table.

    >>> str(clusters_path("out/reuse.csv"))
    'out/reuse.clusters.csv'
    """
    p = Path(path)
    return p.with_name(f"{p.stem}.clusters{p.suffix}")


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...], *, raw: bool = False) -> str:
    return csv_text(columns, ([row[k] for k in columns] for row in rows), raw=raw)


def _parquet(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=_schema(columns)) if rows else _empty(columns)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


_TYPES = {
    "score": "float64",
    "same_statement": "bool",
    "source_index": "int64",
    "target_index": "int64",
    "cluster": "int64",
    "size": "int64",
    "statements": "int64",
    "first_index": "int64",
}


def _schema(columns: tuple[str, ...]):  # noqa: ANN202
    import pyarrow as pa

    return pa.schema([(c, pa.type_for_alias(_TYPES.get(c, "string"))) for c in columns])


def _empty(columns: tuple[str, ...]):  # noqa: ANN202
    return _schema(columns).empty_table()


def reuse_to_dict(result: ReuseResult) -> dict[str, Any]:
    """The result as JSON-ready data: options, counts, pairs and clusters."""
    return {
        "schema": SCHEMA_VERSION,
        "tool": "drift",
        "threshold": result.threshold,
        "scorer": "ratio",
        "method": result.method,
        "statements": len(result.statements),
        "sentences": int(result.stmt.size),
        "pairs": result.pair_rows(),
        "clusters": result.cluster_rows(),
    }


def write_reuse(
    result: ReuseResult, path: str | Path, fmt: str, *, raw: bool = False
) -> list[Path]:
    """Write the tables of ``result`` in ``fmt`` (csv, parquet, json); the paths written.

    CSV cells a spreadsheet would run as formulas are neutralised unless ``raw``.
    """
    if fmt not in FORMATS:
        msg = f"format must be one of {', '.join(FORMATS)}: {fmt!r}"
        raise ValueError(msg)
    check_writable(path)
    if fmt == "json":
        text = json.dumps(reuse_to_dict(result), ensure_ascii=False, indent=1)
        return [write_atomic(path, text + "\n")]
    check_writable(clusters_path(path))

    def render(rows, columns):
        return _csv(rows, columns, raw=raw) if fmt == "csv" else _parquet(rows, columns)

    return write_all(
        [
            (path, render(result.pair_rows(), PAIR_COLUMNS)),
            (clusters_path(path), render(result.cluster_rows(), CLUSTER_COLUMNS)),
        ]
    )


def reuse_summary(result: ReuseResult) -> list[str]:
    """A few lines for the terminal: what was searched, how, and what was found."""
    same = int(result.same_statement.sum())
    lines = [
        f"{int(result.stmt.size):,} sentences in {len(result.statements):,} statements; "
        f"threshold {result.threshold:g} (ratio), method {result.method}, "
        f"{result.candidates:,} pairs scored",
        f"{len(result):,} reused sentence pairs ({same:,} within one statement) "
        f"in {result.n_clusters:,} clusters",
    ]
    clusters = sorted(result.cluster_rows(), key=lambda r: (-r["size"], r["cluster"]))[:3]
    for row in clusters:
        text = " ".join(str(row["first_sentence"]).split())
        text = text if len(text) <= 70 else text[:69] + "\u2026"
        lines.append(
            f"  {row['size']} sentences in {row['statements']} statements, "
            f"first {row['first_id']} ({row['first_date'] or 'undated'}): {text}"
        )
    return lines
