"""``drift compare`` through the real CLI: outputs, formats, stdin, and one test per error."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DATA, fails, wrote
from helpers import compare_cli as drift
from policydrift import cmd_compare
from policydrift.compare.models import SCORER_NAMES, CompareOptions
from policydrift.compare.similarity import SCORERS
from policydrift.options import cores

NOTICES = DATA / "whitehouse" / "cyber_emergency_continuation_notices"
OLD = str(next(NOTICES.glob("2022-03-30-*.md")))
NEW = str(next(NOTICES.glob("2023-03-29-*.md")))
SEED = str(DATA / "seeds" / "000_a03e204da53f589a.txt")


# -- outputs ----------------------------------------------------------------------------------


def test_summary_on_the_terminal():
    result = drift(OLD, NEW)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("old  Notice on the Continuation of the National Emergency")
    assert "(2022-03-30)" in out
    assert "(2023-03-29)" in out
    assert "of the new text's words are reused from the old" in out
    assert "scorer model (wordllama), threshold 60, split threshold 80" in out
    lines = [line.split() for line in out.splitlines()]
    assert ["same", "5"] in lines
    assert ["edited", "1"] in lines
    assert ["total", "6"] in lines


def test_html_report_to_a_file(tmp_path):
    target = tmp_path / "report.html"
    result = drift(OLD, NEW, "-o", target)
    wrote(result, target, "html, 6 rows")
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('<tr id="row-') == 6
    assert "<del>2022</del>" in html
    assert "<ins>2023</ins>" in html
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "fmt"), [("r.htm", "html"), ("r.HTML", "html"), ("r.json", "json"), ("r.csv", "csv")]
)
def test_format_follows_the_extension(tmp_path, name, fmt):
    target = tmp_path / name
    assert drift(OLD, NEW, "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>")
    elif fmt == "json":
        assert json.loads(text)["schema"] == 1
    else:
        assert text.startswith(
            "row,kind,old,new,old_text,new_text,score,removed,added,section,shift_directions,"
            "shifts,band,closest_row,closest_score\n"
        )


def test_format_option_overrides_the_extension(tmp_path):
    target = tmp_path / "data.txt"
    assert drift(OLD, NEW, "-o", target, "--format", "json").exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["tool"] == "drift"


def test_json_and_csv_on_stdout_record_the_options():
    result = drift(OLD, NEW, "--format", "json", "--threshold", "70", "--min-passage-words", "8")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["options"] == {
        "scorer": "model", "threshold": 70.0, "split_threshold": 80.0, "min_passage_words": 8,
        "fold_spelling": True, "semantic": True, "semantic_model": "wordllama",
    }  # fmt: skip
    assert [r["kind"] for r in data["rows"]].count("same") == 5
    rows = list(csv.DictReader(io.StringIO(drift(OLD, NEW, "--format", "csv").stdout)))
    assert [r["row"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    (edited,) = [r for r in rows if r["kind"] == "edited"]
    assert "April 1, 2022" in edited["old_text"]
    assert "April 1, 2023" in edited["new_text"]


def test_identical_inputs():
    result = drift(OLD, OLD)
    assert result.exit_code == 0
    assert "The two statements are identical." in result.stdout.splitlines()
    html = drift(OLD, OLD, "--format", "html").stdout
    assert "<strong>The two statements are identical.</strong>" in html


def test_stdin_for_one_side():
    result = drift("-", NEW, "--format", "json", input=Path(OLD).read_bytes())
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["old"]["path"] == "-"
    assert data["old"]["date"] == "2022-03-30"  # front matter sniffed on stdin
    assert data["rows"] == json.loads(drift(OLD, NEW, "--format", "json").stdout)["rows"]


def test_same_output_every_run(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    drift(SEED, OLD, "-o", a)
    drift(SEED, OLD, "-o", b, "--workers", "1")
    assert a.read_bytes() == b.read_bytes()


def test_installed_command_runs(tmp_path):
    exe = Path(sys.executable).with_name("drift")
    target = tmp_path / "notices.html"
    done = subprocess.run(
        [str(exe), "compare", OLD, NEW, "-o", str(target)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"Wrote {target} (html, 6 rows)\n"
    assert 'data-kind="edited"' in target.read_text(encoding="utf-8")


# -- errors: one line, exit 2 -------------------------------------------------------------------


def test_missing_file():
    fails(drift("no/such/file.txt", NEW), "no/such/file.txt: no such file")


def test_directory(tmp_path):
    fails(drift(OLD, tmp_path), f"{tmp_path}: is a directory, not a file")


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    fails(drift(empty, NEW), f"{empty}: file is empty")


def test_binary_file(tmp_path):
    image = tmp_path / "scan.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    fails(drift(OLD, image), f"{image}: is a PNG image, not a text file")


def test_too_big():
    size = Path(OLD).stat().st_size
    fails(
        drift(OLD, NEW, "--max-bytes", "1000"),
        f"{OLD}: is {size / 1000:g} kB, larger than the 1 kB limit",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--threshold", "120"], "--threshold: must be a score from 0 to 100, not 120"),
        (["--threshold", "-5"], "--threshold: must be a score from 0 to 100, not -5"),
        (["--threshold", "nan"], "--threshold: must be a score from 0 to 100, not nan"),
        (
            ["--split-threshold", "100.5"],
            "--split-threshold: must be a score from 0 to 100, not 100.5",
        ),
        (["--min-passage-words", "1"], "--min-passage-words: must be at least 2 words, not 1"),
        (
            ["--max-bytes", "0"],
            "--max-bytes: must be a number of bytes from 1 to 2,000,000,000, not 0",
        ),
        (
            ["--workers", "0"],
            f"--workers: must be -1 (all cores) or from 1 to {cores()} (the cores of this "
            "machine), not 0",
        ),
        (
            ["--workers", "1000"],
            f"--workers: must be -1 (all cores) or from 1 to {cores()} (the cores of this "
            "machine), not 1000",
        ),
        (
            ["--scorer", "cosine"],
            "--scorer: must be one of model, QRatio, WRatio, partial_ratio, ratio, token_ratio, "
            "token_set_ratio, token_sort_ratio, not 'cosine'",
        ),
    ],
)
def test_bad_options(args, message):
    fails(drift(OLD, NEW, *args), message)


def test_threshold_that_is_not_a_number():
    fails(
        drift(OLD, NEW, "--threshold", "high"),
        "Invalid value for '--threshold': 'high' is not a valid float. (see 'drift compare --help')",
    )


def test_both_sides_from_stdin():
    fails(drift("-", "-"), "standard input can be read only once: give a file for OLD or NEW")


def test_unknown_extension(tmp_path):
    target = tmp_path / "report.pdf"
    fails(
        drift(OLD, NEW, "-o", target),
        f"{target}: cannot tell the output format from '.pdf': name it .html, .json, .csv, .docx "
        "or .md, or give --format",
    )
    assert not target.exists()


def test_output_folder_missing_is_found_before_any_work(tmp_path):
    target = tmp_path / "missing" / "report.html"
    # the input does not exist either: the output is checked first, before reading anything
    fails(
        drift("no-such-input.txt", NEW, "-o", target),
        f"{target}: folder '{target.parent}' does not exist",
    )


def test_output_is_a_directory(tmp_path):
    folder = tmp_path / "out.html"
    folder.mkdir()
    fails(drift(OLD, NEW, "-o", folder), f"{folder}: is a directory, not a file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_output_folder_not_writable(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    target = locked / "r.html"
    try:
        fails(
            drift(OLD, NEW, "-o", target), f"{target}: no permission to write in folder '{locked}'"
        )
    finally:
        locked.chmod(0o755)


# -- the command reads its defaults from the library ---------------------------------------------


def test_defaults_are_the_library_defaults():
    defaults = CompareOptions()
    params = {p.name: p.default for p in cmd_compare.compare_command.params}
    assert ("model", *sorted(SCORERS)) == SCORER_NAMES
    names = ("scorer", "semantic", "threshold", "split_threshold", "min_passage_words", "workers")
    for name in names:
        assert params[name] == getattr(defaults, name)


def test_command_module_imports_nothing_heavy():
    code = (
        "import sys, policydrift.cmd_compare; "
        "print(sorted(m for m in ('numpy', 'scipy', 'pandas', 'jinja2', 'rapidfuzz', 'policydrift.compare.align')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
