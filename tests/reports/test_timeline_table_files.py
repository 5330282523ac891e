"""The timeline's CSV and Parquet tables, made block by block while they are written."""

from __future__ import annotations

import csv

import pandas as pd
import pyarrow.parquet as pq
import pytest
from policydrift.compare.timeline.models import EDITION_COLUMNS, SENTENCE_COLUMNS
from policydrift.reports.timeline.table_files import write_timeline_tables


def test_csv_in_small_blocks_is_the_same_bytes_and_reads_as_the_records(timeline, tmp_path):
    whole = write_timeline_tables(timeline, tmp_path / "whole.csv", "csv")
    small = write_timeline_tables(timeline, tmp_path / "small.csv", "csv", block=7)
    for a, b in zip(whole, small, strict=True):
        assert a.read_bytes() == b.read_bytes()
    with open(small[0], newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(SENTENCE_COLUMNS)
    assert len(rows) == len(timeline.sentences) + 1
    texts = [r["text"] for r in timeline.sentence_records()]
    assert [row[SENTENCE_COLUMNS.index("text")] for row in rows[1:]] == [
        ("'" + t if t[:1] in "=+-@\t\r" else t) for t in texts
    ]


@pytest.mark.parametrize("block", [7, 50_000])
def test_parquet_in_row_groups_reads_as_the_records(timeline, tmp_path, block):
    sentences, editions = write_timeline_tables(
        timeline, tmp_path / "t.parquet", "parquet", block=block
    )
    table = pq.ParquetFile(sentences)
    groups = -(-len(timeline.sentences) // block)
    assert table.metadata.num_row_groups == groups
    got = pd.read_parquet(sentences)
    assert list(got.columns) == list(SENTENCE_COLUMNS)
    assert got["text"].tolist() == [r["text"] for r in timeline.sentence_records()]
    assert got["sentence"].tolist() == [r["sentence"] for r in timeline.sentence_records()]
    assert list(pd.read_parquet(editions)["id"]) == [e.id for e in timeline.editions]
    assert list(pd.read_parquet(editions).columns) == list(EDITION_COLUMNS)


def test_an_empty_table_is_still_a_parquet_file_with_its_columns(timeline, tmp_path):
    from dataclasses import replace

    empty = replace(timeline, sentences=())
    sentences, _ = write_timeline_tables(empty, tmp_path / "t.parquet", "parquet")
    got = pd.read_parquet(sentences)
    assert list(got.columns) == list(SENTENCE_COLUMNS)
    assert got.empty


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_each_block_made_is_reported(timeline, tmp_path, fmt):
    reports = []
    write_timeline_tables(
        timeline, tmp_path / f"t.{fmt}", fmt, block=7, progress=lambda d, t: reports.append((d, t))
    )
    total = -(-len(timeline.sentences) // 7) + -(-len(timeline.editions) // 7)
    assert reports == [(k, total) for k in range(1, total + 1)]
