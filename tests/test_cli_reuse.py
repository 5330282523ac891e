"""``drift reuse`` end to end on the sample corpus: files written, summary, every error."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from policydrift.cli import cli
from policydrift.compare.models import REUSE_METHODS
from policydrift.compare.scale.search import METHODS
from policydrift.corpus.collection import SAMPLE_CORPUS
from policydrift.options import cores

CORPUS = str(SAMPLE_CORPUS)


def run(*args: str):
    return CliRunner().invoke(cli, ["reuse", *args, "--no-cache"])


def test_method_names_match_the_library():
    assert REUSE_METHODS == METHODS


def test_csv_pairs_and_clusters(tmp_path):
    out = tmp_path / "reuse.csv"
    result = run(CORPUS, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (
        "521 sentences in 24 statements; threshold 90 (ratio), method exhaustive" in result.stdout
    )
    assert "69 reused sentence pairs (1 within one statement) in 20 clusters" in result.stdout
    with out.open(encoding="utf-8", newline="") as fh:
        pairs = list(csv.DictReader(fh))
    assert len(pairs) == 69
    assert list(pairs[0])[:7] == [
        "source_id", "source_date", "source_sentence",
        "target_id", "target_date", "target_sentence", "score",
    ]  # fmt: skip
    assert all(p["source_date"] <= p["target_date"] for p in pairs)
    assert all(float(p["score"]) >= 90 for p in pairs)
    with (tmp_path / "reuse.clusters.csv").open(encoding="utf-8", newline="") as fh:
        clusters = list(csv.DictReader(fh))
    assert len(clusters) == 20
    assert sum(int(c["size"]) for c in clusters) >= 40


def test_json_and_parquet_hold_the_same_pairs(tmp_path):
    run(CORPUS, "-o", str(tmp_path / "r.json"), "--method", "blocked", "--threshold", "85")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (data["schema"], data["threshold"], data["method"]) == (1, 85.0, "blocked")
    result = run(CORPUS, "-o", str(tmp_path / "r.parquet"), "--threshold", "85")
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "r.parquet").to_pylist()
    assert table == data["pairs"]
    clusters = pq.read_table(tmp_path / "r.clusters.parquet").to_pylist()
    assert clusters == data["clusters"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.txt"], "cannot tell the output format from '.txt'"),
        (["-o", "x.csv", "--threshold", "0"], "--threshold: must be a score above 0 to 100, not 0"),
        (["-o", "x.csv", "--workers", "0"], f"--workers: must be from 1 to {cores()} (the cores"),
        (["-o", "x.csv", "--workers", "1000"], "of this machine), not 1000"),
        (["-o", "missing/x.csv"], "folder 'missing' does not exist"),
    ],
)
def test_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(CORPUS, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("Error: ")


def test_missing_corpus_folder(tmp_path):
    result = run(str(tmp_path / "nope"), "-o", str(tmp_path / "r.csv"))
    assert result.exit_code == 2
    assert "Error" in result.stderr
    assert not (tmp_path / "r.csv").exists()


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["reuse", "-h"])
    assert result.exit_code == 0
    assert "drift reuse corpus/data -o reuse.csv" in result.output
