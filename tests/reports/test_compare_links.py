"""The compare report on real statements: the band of every link (mark and filter), the new
kinds, and the closest counterpart of every new/dropped row, in HTML, JSON and CSV alike."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from policydrift.compare import compare
from policydrift.corpus import read_statement
from policydrift.reports.compare.html import render_compare_html
from policydrift.reports.tables import comparison_to_csv, comparison_to_json

FOLDER = (
    Path(__file__).resolve().parents[2]
    / "corpus/data/whitehouse/cyber_awareness_month_proclamations"
)


@pytest.fixture(scope="module")
def comparison():
    (old,) = FOLDER.glob("2022-*.md")
    (new,) = FOLDER.glob("2023-*.md")
    return compare(read_statement(old), read_statement(new))


def test_every_link_shows_its_band_and_weak_ones_can_be_filtered(comparison, parse):
    page = parse(render_compare_html(comparison))
    rows = page.rows()
    linked = [r for r, row in zip(rows, comparison.rows, strict=True) if row.old and row.new]
    assert linked
    assert [r["data-band"] for r in linked] == [
        row.band for row in comparison.rows if row.old and row.new
    ]
    assert all("data-band" not in r for r in rows if r["data-kind"] in ("new", "dropped"))
    marks = page.classed("span", "band")
    assert {m["class"] for m in marks} >= {"band b-strong"}
    boxes = [a["data-filter-band"] for a in page.find("input") if "data-filter-band" in a]
    assert boxes == [
        b for b in ("strong", "likely", "weak") if any(r.band == b for r in comparison.rows)
    ]
    kinds = [a["data-filter-kind"] for a in page.find("input") if "data-filter-kind" in a]
    assert "reworded" in kinds  # the 2022 -> 2023 proclamations restate two sentences


def test_closest_counterparts_agree_in_html_json_and_csv(comparison, parse):
    page = parse(render_compare_html(comparison))
    links = {a["href"] for a in page.classed("a", "closest")}
    data = json.loads(comparison_to_json(comparison))
    table = list(csv.DictReader(io.StringIO(comparison_to_csv(comparison))))
    found = 0
    for n, (row, item, line) in enumerate(
        zip(comparison.rows, data["rows"], table, strict=True), 1
    ):
        if row.closest is None:
            assert item["closest"] is None
            assert line["closest_row"] == ""
            continue
        found += 1
        target = item["closest"]["row"]
        assert target != n
        assert item["closest"]["side"] == ("new" if row.old else "old")
        assert row.closest in data["rows"][target - 1][item["closest"]["side"]]
        assert line["closest_row"] == str(target)
        assert float(line["closest_score"]) == item["closest"]["score"] == row.closest_score
        assert f"#row-{target}" in links
    assert found >= 10
    assert [line["band"] for line in table] == [row.band for row in comparison.rows]
