"""`drift corpus list` and `drift corpus check`, run in-process on real and broken corpora."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from policydrift.cli import cli
from policydrift.corpus.collection import SAMPLE_CORPUS

SEED_FILES = sorted((SAMPLE_CORPUS / "seeds").glob("*.txt"))


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRIFT_CACHE_DIR", str(folder))
    return folder


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def snapshot(root: Path) -> list[tuple[str, int]]:
    return sorted((p.relative_to(root).as_posix(), p.lstat().st_size) for p in root.rglob("*"))


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "broken"
    (root / "a").mkdir(parents=True)
    text = SEED_FILES[0].read_text(encoding="utf-8")
    for name in ("ok.txt", "one.txt", "two.txt", "extra.txt"):
        (root / "a" / name).write_text(text, encoding="utf-8")
    (root / "a" / "manifest.csv").write_text(
        "file,date,id\nok.txt,2025-10-21,\none.txt,2025-10-21,same\ntwo.txt,2025-10-22,same\n"
        "gone.txt,2025-10-23,\n../../etc/passwd,2025-10-24,\nok.txt,21 October 2025,\n",
        encoding="utf-8",
    )
    (root / "b").mkdir()
    (root / "b" / "x.md").write_text("---\ndate: '2025-02-30'\n---\nWe met.\n", encoding="utf-8")
    (root / "b" / "manifest.csv").write_text("file\nx.md\n", encoding="utf-8")
    os.symlink("loop", root / "b" / "loop")
    return root


def broken_problems(root: Path) -> list[str]:
    a, b = root / "a", root / "b"
    return [
        f"{a / 'manifest.csv'}: line 5: 'gone.txt' is listed but does not exist",
        f"{a / 'manifest.csv'}: line 6: path '../../etc/passwd' leads outside the manifest's folder",
        f"{a / 'manifest.csv'}: line 7: bad date '21 October 2025': expected YYYY-MM-DD (or YYYY-MM, YYYY)",
        f"{a / 'manifest.csv'}: line 7: file 'ok.txt' is already listed on line 2",
        f"{a / 'one.txt'}: duplicate id 'same' (also used by {a / 'two.txt'}); give each an 'id' in a manifest",
        f"{b / 'loop'}: symlink loop (the link points back to itself)",
        f"{b / 'manifest.csv'}: missing required column(s) date (header is: file)",
        # Listed in a manifest without dates, x.md is still read, and its own problem reported.
        f"{b / 'x.md'}: front matter date '2025-02-30' is not a date (write it as YYYY-MM-DD)",
    ]


# -------------------------------------------------------------------------------------- list


def test_list_table_of_the_sample_corpus() -> None:
    result = run("corpus", "list", str(SAMPLE_CORPUS))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "series", "id", "title", "sentences", "words"]
    assert set(lines[1]) == {"-", " "}
    assert len(lines) == 2 + 24
    assert lines[2].startswith(
        "2017-09-18  ASEAN Ministerial Conference on Cybersecurity  002_23602f18eb2f6ed8"
    )
    assert lines[-1].startswith("2026-05-09  ASEAN Chairman's Statement")
    assert result.stderr == ""


def test_list_csv_gives_whole_values_and_counts() -> None:
    result = run("corpus", "list", str(SAMPLE_CORPUS), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 24
    assert list(rows[0]) == [
        "date",
        "series",
        "id",
        "title",
        "sentences",
        "words",
        "source",
        "path",
    ]
    notice = next(r for r in rows if r["date"] == "2021-03-29")
    assert notice["id"] == (
        "2021-03-29-notice-on-the-continuation-of-the-national-emergency-with-respect-to-"
        "significant-malicious-cyber-enabled-activities"
    )
    assert notice["series"] == "cyber_emergency_continuation_notices"
    assert 0 < int(notice["sentences"]) < int(notice["words"])
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_list_json_has_a_schema_and_metadata() -> None:
    result = run("corpus", "list", str(SAMPLE_CORPUS / "seeds"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert data["corpus"] == str(SAMPLE_CORPUS / "seeds")
    assert [s["date"] for s in data["statements"]] == [
        "2017-09-18",
        "2020-12-07",
        "2021-10-26",
        "2025-10-21",
        "2026-05-09",
    ]
    assert data["statements"][0]["meta"] == {
        "kind": "news report of a meeting",
        "publisher": "Nhan Dan (NDO)",
    }


def test_list_undated_orders_by_file_name(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(SEED_FILES[0].read_text(encoding="utf-8"), encoding="utf-8")
    refused = run("corpus", "list", str(tmp_path))
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"Error: {tmp_path / n}: no date; give one in a manifest.csv, the front matter or the file name "
        "(2021-09-24-name.md), "
        "or use --undated to order by file name"
        for n in ("a.txt", "b.txt")
    ]
    result = run("corpus", "list", str(tmp_path), "--undated", "--format", "csv")
    assert result.exit_code == 0
    assert [r["id"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["a", "b"]


def test_list_warns_about_unlisted_files_and_goes_on(tmp_path: Path) -> None:
    text = SEED_FILES[0].read_text(encoding="utf-8")
    (tmp_path / "listed.txt").write_text(text, encoding="utf-8")
    (tmp_path / "forgotten.txt").write_text(text, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,date\nlisted.txt,2025-10-21\n", encoding="utf-8")
    result = run("corpus", "list", str(tmp_path), "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: {tmp_path / 'forgotten.txt'}: present but not listed in "
        f"{tmp_path / 'manifest.csv'}; skipped\n"
    )
    assert [r["id"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["listed"]


def test_list_of_a_broken_corpus_prints_each_fatal_problem(broken: Path) -> None:
    before = snapshot(broken)
    result = run("corpus", "list", str(broken))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"Error: {p}" for p in broken_problems(broken)]
    assert snapshot(broken) == before


# ------------------------------------------------------------------------------------- check


def test_check_the_sample_corpus() -> None:
    result = run("corpus", "check", str(SAMPLE_CORPUS))
    assert result.exit_code == 0
    assert result.stdout == (
        f"OK: {SAMPLE_CORPUS}: 24 statements in 10 series, 2017-09-18 to 2026-05-09; "
        "5 other files skipped\n"
    )
    assert result.stderr == ""


def test_check_verbose_lists_skipped_files() -> None:
    result = run("corpus", "check", str(SAMPLE_CORPUS / "whitehouse"), "-v")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"skipped {SAMPLE_CORPUS / 'whitehouse' / name}: documentation file (README, LICENSE, SOURCE), not a statement"
        for name in ("LICENSE_CC0.txt", "SOURCE.md")
    ]
    assert result.stdout.startswith(
        f"OK: {SAMPLE_CORPUS / 'whitehouse'}: 19 statements in 5 series"
    )


def test_check_reports_every_problem_once_and_writes_nothing(broken: Path, cache_dir: Path) -> None:
    (broken / "a" / "later.txt").write_text(
        SEED_FILES[1].read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = snapshot(broken)
    result = run("corpus", "check", str(broken))
    assert result.exit_code == 2
    assert result.stdout == ""
    a = broken / "a"
    unlisted = [
        f"{a / name}: present but not listed in {a / 'manifest.csv'}; skipped"
        for name in ("extra.txt", "later.txt")
    ]
    fatal = broken_problems(broken)
    expected = [*unlisted, *fatal]  # grouped by file, in file-name order
    assert result.stderr.splitlines() == [f"Error: {p}" for p in expected]
    assert snapshot(broken) == before


def test_check_missing_folder() -> None:
    result = run("corpus", "check", "no/such/corpus")
    assert result.exit_code == 2
    assert result.stderr == "Error: no/such/corpus: corpus folder does not exist\n"


def test_no_cache_leaves_the_cache_folder_alone(cache_dir: Path) -> None:
    assert run("corpus", "check", str(SAMPLE_CORPUS / "seeds"), "--no-cache").exit_code == 0
    assert not cache_dir.exists()
    assert run("corpus", "check", str(SAMPLE_CORPUS / "seeds")).exit_code == 0
    assert len(list(cache_dir.rglob("*.json"))) == 5


@pytest.mark.parametrize("args", [["corpus"], ["corpus", "list"], ["corpus", "check"]])
def test_help_has_examples(args: list[str]) -> None:
    result = run(*args, "-h")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "drift corpus" in result.stdout.split("Examples:")[1]


def test_bad_format_is_a_usage_error() -> None:
    result = run("corpus", "list", str(SAMPLE_CORPUS), "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Invalid value for '--format'")
