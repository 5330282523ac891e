"""JSON, CSV and terminal summary of a comparison, on real statements through the real pipeline."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import DATA
from policydrift.compare import compare
from policydrift.compare.models import KINDS, CompareOptions
from policydrift.corpus import read_statement
from policydrift.reports.tables import (
    CSV_COLUMNS,
    comparison_to_csv,
    comparison_to_dict,
    comparison_to_json,
    summary_lines,
)

NOTICES = DATA / "whitehouse" / "cyber_emergency_continuation_notices"
OLD = next(NOTICES.glob("2022-03-30-*.md"))
NEW = next(NOTICES.glob("2023-03-29-*.md"))
SEED_OLD = DATA / "seeds" / "002_23602f18eb2f6ed8.txt"
SEED_NEW = DATA / "seeds" / "000_a03e204da53f589a.txt"


@pytest.fixture(scope="module")
def notices():
    return compare(read_statement(OLD), read_statement(NEW))


@pytest.fixture(scope="module")
def seeds():
    return compare(read_statement(SEED_OLD), read_statement(SEED_NEW))


def test_json_has_the_documented_keys_in_order(notices):
    text = comparison_to_json(notices)
    data = json.loads(text)
    assert list(data) == [
        "schema", "tool", "old", "new", "rows", "passages", "figures", "sections", "options",
        "themes", "strength_lexicon",
    ]  # fmt: skip
    assert data["schema"] == 1
    assert data["tool"] == "drift"
    assert data["themes"] is None
    assert list(data["old"]) == [
        "id", "title", "date", "date_source", "series", "source", "path", "encoding", "sentences",
        "sections", "furniture",
    ]  # fmt: skip
    assert list(data["rows"][0]) == [
        "kind", "old", "new", "score", "band", "closest", "ops", "old_words", "new_words",
        "shifts",
    ]  # fmt: skip
    assert all(row["shifts"] == [] for row in data["rows"])  # no strength lexicon ran
    assert data["figures"]["shifts"] is None
    assert data["strength_lexicon"] is None
    assert list(data["figures"]["counts"]) == list(KINDS)
    assert list(data["options"]) == [
        "scorer", "threshold", "split_threshold", "min_passage_words", "fold_spelling",
        "semantic", "semantic_model",
    ]  # fmt: skip
    assert text.endswith("}\n")
    assert text.startswith('{\n  "schema": 1,\n  "tool": "drift",\n')


def test_json_carries_the_comparison_faithfully(notices):
    data = json.loads(comparison_to_json(notices))
    assert data["old"]["date"] == "2022-03-30"
    assert data["new"]["date"] == "2023-03-29"
    assert len(data["rows"]) == len(notices.rows)
    assert [r["kind"] for r in data["rows"]] == [r.kind for r in notices.rows]
    for side, statement in (("old", notices.old), ("new", notices.new)):
        for s in data[side]["sentences"]:
            assert statement.raw[s["start"] : s["end"]] == s["text"]
    for row in data["rows"]:
        for tag, i1, i2, j1, j2 in row["ops"]:
            assert tag in {"equal", "replace", "delete", "insert"}
            assert 0 <= i1 <= i2 <= len(row["old_words"])
            assert 0 <= j1 <= j2 <= len(row["new_words"])
        texts = [data["new"]["sentences"][i]["text"] for i in row["new"]]
        if row["ops"]:
            assert "".join(row["new_words"]) == " ".join(texts)
    counts = data["figures"]["counts"]
    assert sum(counts.values()) == len(data["rows"])
    assert 0 < data["figures"]["new_reused_share"] <= 1


def test_json_keeps_unicode_and_is_deterministic(notices, seeds):
    text = comparison_to_json(notices)
    assert "\u2011" in text  # the non-breaking hyphen of "cyber‑enabled", written as itself
    assert "\\u2011" not in text
    again = compare(read_statement(OLD), read_statement(NEW))
    assert comparison_to_json(again) == text
    assert comparison_to_dict(seeds)["options"] == {
        "scorer": "model", "threshold": 60.0, "split_threshold": 80.0, "min_passage_words": 6,
        "fold_spelling": True, "semantic": True, "semantic_model": "wordllama",
    }  # fmt: skip


def test_csv_one_line_per_row(seeds):
    text = comparison_to_csv(seeds)
    assert "\r" not in text
    lines = list(csv.reader(io.StringIO(text)))
    assert tuple(lines[0]) == CSV_COLUMNS
    body = lines[1:]
    assert len(body) == len(seeds.rows)
    for n, (line, row) in enumerate(zip(body, seeds.rows, strict=True), start=1):
        assert int(line[0]) == n
        assert line[1] == row.kind
        assert json.loads(line[2]) == list(row.old)
        assert json.loads(line[3]) == list(row.new)
        assert line[4] == " ".join(seeds.old.sentences[i].text for i in row.old)
        assert line[5] == " ".join(seeds.new.sentences[i].text for i in row.new)
        assert line[6] == ("" if row.score is None else repr(row.score))
        if not row.new:
            assert json.loads(line[7]) == [" ".join(line[4].split())]
        if not row.old:
            assert json.loads(line[8]) == [" ".join(line[5].split())]
    kinds = {line[1] for line in body}
    assert {"new", "dropped"} <= kinds  # a 2017 news report against a 2025 joint statement
    assert "No sentence of the old statement was matched in the new one." in summary_lines(seeds)


def test_summary_reports_the_figures(notices):
    lines = summary_lines(notices)
    assert all(line == line.rstrip() for line in lines)
    text = "\n".join(lines)
    assert "Notice on the Continuation of the National Emergency" in text
    assert "(2022-03-30)" in text
    assert "of the new text's words are reused from the old" in text
    assert ["total", str(len(notices.rows))] in [line.split() for line in lines]
    for kind, n in notices.figures.counts.items():
        label = kind.replace("+", " + ").split()
        assert ([*label, str(n)] in [line.split() for line in lines]) == (n > 0)
    assert "identical" not in text
    assert "No sentence" not in text


def test_summary_of_identical_statements():
    s = read_statement(OLD)
    lines = summary_lines(compare(s, s, CompareOptions()))
    assert "The two statements are identical." in lines
    assert any(line.strip().startswith("100.0%") for line in lines)


def test_summary_tells_same_words_from_identical_text(tmp_path):
    text = OLD.read_text(encoding="utf-8")
    assert "Register\xa0*and" in text
    retyped = tmp_path / "retyped.md"
    retyped.write_text(text.replace("Register\xa0*and", "REGISTER, and"), encoding="utf-8")
    c = compare(read_statement(OLD), read_statement(retyped))
    assert c.figures.identical
    lines = summary_lines(c)
    assert "The two statements are identical." not in lines
    assert (
        "The two statements have the same words in the same order "
        "(they differ only in case, punctuation or spacing)." in lines
    )
