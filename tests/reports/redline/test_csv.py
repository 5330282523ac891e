"""The compare CSV as pandas reads it with no options: one type per column on every sample pair,
and the removed and added words of each row, so that a spreadsheet user needs no JSON."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from policydrift.reports.tables import comparison_to_csv

from .conftest import PAIRS, comparison_of, pair_id


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_one_type_per_column(pair) -> None:
    c = comparison_of(*pair)
    frame = pd.read_csv(io.StringIO(comparison_to_csv(c)), keep_default_na=True)
    assert frame["row"].dtype.kind == "i"
    assert frame["score"].dtype.kind == "f"
    for column in ("old", "new"):
        assert frame[column].map(type).eq(str).all(), column  # never a number, never missing
        assert [json.loads(v) for v in frame[column]] == [list(getattr(r, column)) for r in c.rows]
    for column in ("removed", "added"):
        assert frame[column].map(type).eq(str).all(), column
        assert all(isinstance(json.loads(v), list) for v in frame[column])
    assert pd.api.types.is_string_dtype(frame["kind"])


def test_removed_and_added_words_of_the_notices() -> None:
    pair = next(p for p in PAIRS if p[0].name.startswith("2022-03-30"))
    c = comparison_of(*pair)
    frame = pd.read_csv(io.StringIO(comparison_to_csv(c)), keep_default_na=False)
    edited = frame[frame["kind"] == "edited"]
    assert edited[["removed", "added"]].to_numpy().tolist() == [['["2022"]', '["2023"]']]
    assert set(frame.loc[frame["kind"] == "same", "removed"]) == {"[]"}


def test_removed_and_added_of_every_kind(edited_comparison) -> None:
    frame = pd.read_csv(io.StringIO(comparison_to_csv(edited_comparison)))
    for column in ("removed", "added"):
        frame[column] = frame[column].map(json.loads)
    by_kind = dict(tuple(frame.groupby("kind")))
    assert by_kind["moved"]["removed"].map(len).eq(0).all()  # moved word for word
    assert by_kind["moved"]["added"].map(len).eq(0).all()
    assert by_kind["moved+edited"]["removed"].iloc[0] == ["inflection"]
    assert by_kind["moved+edited"]["added"].iloc[0] == ["decisive turning"]
    assert by_kind["edited"]["added"].map(" ".join).str.contains("strengthen and").any()
    assert by_kind["new"]["removed"].map(len).eq(0).all()
    assert by_kind["dropped"]["added"].map(len).eq(0).all()
    dropped = by_kind["dropped"]
    assert [r[0] for r in dropped["removed"]] == [" ".join(t.split()) for t in dropped["old_text"]]
