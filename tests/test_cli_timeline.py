"""``drift timeline`` end to end on the sample corpus: every format, the summary, every error."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from policydrift.cli import cli
from policydrift.cmd_timeline import timeline_command
from policydrift.compare.timeline.models import EDITION_COLUMNS, SENTENCE_COLUMNS, TimelineOptions
from policydrift.corpus.collection import SAMPLE_CORPUS

CORPUS = str(SAMPLE_CORPUS)
NOTICES = "cyber_emergency_continuation_notices"


def run(*args: str):
    return CliRunner().invoke(cli, ["timeline", *args, "--no-cache"])


def test_default_threshold_is_the_library_default():
    option = next(p for p in timeline_command.params if p.name == "threshold")
    assert option.default == TimelineOptions().threshold


def test_html_report_and_summary(tmp_path):
    out = tmp_path / "timeline.html"
    result = run(CORPUS, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "24 statements in 10 series, 2017-09-18 to 2026-05-09; 521 sentences"
    )
    assert f"  {NOTICES}: 4 editions, mean reuse from the previous edition 99.5%" in result.stdout
    assert f"Wrote {out} (html)" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "How the language changed" in page


def test_without_output_a_short_summary_and_exit_0():
    result = run(CORPUS)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("24 statements in 10 series")
    assert "<html" not in result.stdout.lower()
    assert len(result.stdout) < 2_000
    assert "-o timeline.html" in result.stdout


def _links_resolve(folder):
    """Every relative link of every page in ``folder`` names a page there and an id in it."""
    import re

    pages = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}
    ids = {name: set(re.findall(r'\bid="([^"]+)"', text)) for name, text in pages.items()}
    checked = 0
    for name, text in pages.items():
        for href in set(re.findall(r'(?:xlink:)?href="([^"#]*)#([^"]+)"', text)):
            page = href[0] or name
            assert page in pages, (name, href)
            assert href[1] in ids[page], (name, href)
            checked += 1
    return pages, checked


def test_folder_output_is_an_index_and_one_page_per_series(tmp_path):
    folder = tmp_path / "report"
    result = run(CORPUS, "-o", f"{folder}/")
    assert result.exit_code == 0, result.output
    pages, checked = _links_resolve(folder)
    assert "index.html" in pages
    assert len(pages) == 1 + 10  # the index and the ten series
    assert checked > 100
    index = pages["index.html"]
    for name in pages:
        if name != "index.html":
            assert f'href="{name}"' in index  # the index links every series page
            assert 'href="index.html"' in pages[name]  # and each links back
    assert "What changed in the latest edition of each series" in index
    assert f"Wrote {folder}/index.html and 10 pages (html)" in result.stderr


def test_a_large_report_is_split_beside_the_index(tmp_path, monkeypatch):
    from policydrift.reports.timeline import pages as split_pages

    monkeypatch.setattr(split_pages, "SPLIT_SENTENCES", 100)
    out = tmp_path / "t.html"
    result = run(CORPUS, "-o", str(out))
    assert result.exit_code == 0, result.output
    pages, _ = _links_resolve(tmp_path)
    assert len(pages) == 11
    assert all(name == "t.html" or name.startswith("t-") for name in pages)
    assert max(len(text) for text in pages.values()) < len(pages["t.html"]) * 3


def test_a_long_series_gets_one_page_per_run_of_editions(tmp_path, monkeypatch):
    from policydrift.reports.timeline import pages as split_pages

    monkeypatch.setattr(split_pages, "MAX_PAGE_EDITIONS", 2)
    folder = tmp_path / "report"
    result = run(CORPUS, "-o", f"{folder}/")
    assert result.exit_code == 0, result.output
    pages, checked = _links_resolve(folder)  # digests, sources, lineages across the runs
    runs = sorted(n for n in pages if n.startswith("series-cyber-awareness-month-proclamations"))
    assert runs == [
        "series-cyber-awareness-month-proclamations-1.html",
        "series-cyber-awareness-month-proclamations-2.html",
        "series-cyber-awareness-month-proclamations.html",
    ]  # five editions: 2 + 2 + the latest
    latest = pages[runs[-1]]
    assert "What changed in the latest edition" in latest
    assert '<a href="series-cyber-awareness-month-proclamations-1.html">2021–2022</a>' in latest
    assert latest.count('class="sent-list"') == 1  # its own edition only
    assert "Sentence lineages" not in pages[runs[0]]  # lineages are on the latest page


def test_docs_list_the_keys_of_the_timeline_json(tmp_path):
    out = tmp_path / "t.json"
    assert run(CORPUS, "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    docs = (Path(__file__).resolve().parent.parent / "docs" / "schema.md").read_text("utf-8")
    section = docs.split("## The timeline:", 1)[1].split("\nChanges:", 1)[0]
    assert f'"schema": {data["schema"]}' in section.splitlines()[0]
    documented = [
        name
        for line in section.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([a-z_]+)`", line.split(" | ")[0])
    ]
    assert documented == list(data)


def test_folder_output_refuses_other_formats(tmp_path):
    result = run(CORPUS, "-o", f"{tmp_path}/", "--format", "json")
    assert result.exit_code == 2
    assert "a folder holds the HTML report" in result.output


def test_json_has_the_documented_tables(tmp_path):
    out = tmp_path / "t.json"
    result = run(CORPUS, "-o", str(out), "--exclude-formulaic", "--threshold", "85")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == 3
    assert {"editions", "lineages", "themes", "options", "similarity"} <= set(data)
    pairs = data["similarity"]["pairs"]
    n = len(data["similarity"]["editions"])
    assert pairs
    assert all(0 <= a < b < n and 0 < share <= 1 for a, b, share in pairs)
    assert data["options"]["exclude_formulaic"] is True
    assert data["options"]["threshold"] == 85.0
    first = data["editions"][0]
    assert {"id", "series", "date", "title", "reuse_from_previous", "reuse_from_earlier"} <= set(
        first
    )
    notices = [e for e in data["editions"] if e["series"] == NOTICES]
    assert all(e["reuse_from_previous"] is None for e in notices)  # all formulaic, excluded
    themes = {(t["theme"], t["edition"]): t["count"] for t in data["themes"]}
    assert len(themes) == len(data["themes"])
    assert all(
        0 <= e["reuse_from_earlier"] <= 1
        for e in data["editions"][1:]
        if e["reuse_from_earlier"] is not None
    )


def test_json_to_stdout_for_one_series():
    result = run(CORPUS, "--format", "json", "--series", NOTICES)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [e["series"] for e in data["editions"]] == [NOTICES] * 4
    assert [e["reuse_from_previous"] for e in data["editions"]] == [None, 0.9948, 0.9948, 0.9948]
    opening = next(
        x for x in data["lineages"] if x["steps"][0]["text"].startswith("On April 1, 2015")
    )
    assert opening["length"] == 4
    assert "4 statements in 1 series" in result.stderr  # the summary stays off stdout


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_two_tables(tmp_path, fmt):
    result = run(CORPUS, "-o", str(tmp_path / f"t.{fmt}"), "--series", NOTICES)
    assert result.exit_code == 0, result.output
    sentences, editions = tmp_path / f"t.sentences.{fmt}", tmp_path / f"t.editions.{fmt}"
    if fmt == "csv":
        with sentences.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        with editions.open(encoding="utf-8", newline="") as fh:
            eds = list(csv.DictReader(fh))
        assert list(rows[0]) == list(SENTENCE_COLUMNS)
    else:
        rows = pq.read_table(sentences).to_pylist()
        eds = pq.read_table(editions).to_pylist()
        assert pq.read_table(editions).column_names == list(EDITION_COLUMNS)
    assert len(eds) == 4
    assert len(rows) == 8 + 6 + 6 + 6
    assert {r["class"] for r in rows} == {"first", "same", "edited"}
    assert not (tmp_path / f"t.{fmt}").exists()
    assert f"Wrote {sentences} and {editions} ({fmt})" in result.stderr


def test_unknown_series_lists_the_series():
    result = run(CORPUS, "--series", "nope")
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: --series: no series 'nope' in this corpus; its series are: "
    )
    assert "counter_ransomware_initiative" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--threshold", "0"],
            "Error: --threshold: must be a score above 0 to 100, not 0\n",
        ),
        (["--format", "csv"], "Error: --format: csv writes two tables: give a file name with -o\n"),
        (
            ["-o", "t.txt"],
            "Error: t.txt: cannot tell the output format from '.txt': name it .html, .json, .csv or .parquet, or give --format\n",
        ),
        (
            ["-o", "/nonexistent/t.html"],
            "Error: /nonexistent/t.html: folder '/nonexistent' does not exist\n",
        ),
        (
            ["--themes", "/nonexistent/themes.yaml"],
            "Error: /nonexistent/themes.yaml: theme file not found\n",
        ),
    ],
)
def test_errors_are_one_line_exit_2(args, message):
    result = run(CORPUS, *args)
    assert result.exit_code == 2
    assert result.output == message


def test_workers_must_be_cores_of_this_machine():
    result = run(CORPUS, "--workers", "0")
    assert result.exit_code == 2
    assert result.output.startswith("Error: --workers: must be -1 (all cores) or from 1 to ")


def test_the_report_does_not_depend_on_the_workers(tmp_path, monkeypatch):
    from policydrift.compare.timeline import comparing, per_series

    monkeypatch.setattr(comparing, "PARALLEL_MIN_PAIRS", 2)  # the sample corpus forks
    monkeypatch.setattr(comparing, "RUN_PAIRS", 3)
    monkeypatch.setattr(per_series, "PARALLEL_MIN_EDITIONS", 2)
    pages = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}" / "t.json"
        out.parent.mkdir()
        result = run(CORPUS, "-o", str(out), "--workers", workers)
        assert result.exit_code == 0, result.output
        pages[workers] = out.read_bytes()
    assert pages["1"] == pages["2"]
    assert b'"same"' in pages["1"]


def test_a_worker_process_that_dies_is_one_line_and_no_output(tmp_path, monkeypatch):
    from policydrift.compare.timeline import comparing

    parent, real = os.getpid(), comparing.align_pair

    def killed(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer would end it
        return real(*args, **kwargs)

    monkeypatch.setattr(comparing, "PARALLEL_MIN_PAIRS", 2)
    monkeypatch.setattr(comparing, "align_pair", killed)
    out = tmp_path / "t.html"
    result = run(CORPUS, "-o", str(out), "--workers", "2")
    assert result.exit_code == 2
    assert result.output == (
        "Error: a worker process ended unexpectedly (out of memory?); "
        "run again with --workers 1 to work in one process\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_leaves_no_output(tmp_path, monkeypatch):
    from policydrift.compare.timeline import build as timeline_build

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(timeline_build, "build_timeline", interrupted)
    out = tmp_path / "t.html"
    result = run(CORPUS, "-o", str(out))
    assert result.exit_code == 130
    # click itself prints a newline before the CLI's one-line message
    assert result.output.strip() == "Error: interrupted; no output was written"
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_between_the_two_tables_keeps_the_old_ones(tmp_path, monkeypatch):
    """All or nothing: interrupted while renaming the second table, both old tables are back."""
    from policydrift.reports import output

    (tmp_path / "t.sentences.csv").write_text("old sentences\n", encoding="utf-8")
    (tmp_path / "t.editions.csv").write_text("old editions\n", encoding="utf-8")
    real = os.replace
    calls = []

    def second_interrupted(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(output.os, "replace", second_interrupted)
    result = run(CORPUS, "-o", str(tmp_path / "t.csv"), "--series", NOTICES)
    monkeypatch.setattr(output.os, "replace", real)
    assert result.exit_code == 130
    assert len(calls) >= 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.editions.csv", "t.sentences.csv"]
    assert (tmp_path / "t.sentences.csv").read_text(encoding="utf-8") == "old sentences\n"
    assert (tmp_path / "t.editions.csv").read_text(encoding="utf-8") == "old editions\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_one_progress_bar_per_stage_with_counts_on_a_terminal(monkeypatch):
    from policydrift.compare.timeline.build import STAGES
    from policydrift.corpus.collection import load_corpus
    from policydrift.progress import stage_bars

    statements = load_corpus(SAMPLE_CORPUS, cache=False).statements
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with stage_bars(STAGES) as progress:
        from policydrift.compare.timeline.build import build_timeline

        build_timeline(statements, progress=progress)
    shown = terminal.getvalue()
    stages = [("comparing", 14), ("lineages", 10), ("themes", 24), ("editions", 24)]
    for stage, total in [*stages, ("views", 11)]:
        assert re.search(rf"{stage}\s*:.*\b{total}/{total}\b", shown), stage
    # the reuse search counts its distinct sentences, then one step for the links
    assert re.search(r"reuse\s*:.*\b(\d{3})/\1\b.*pairs", shown)
    monkeypatch.setattr("sys.stderr", io.StringIO())  # not a terminal: nothing at all
    with stage_bars(STAGES) as progress:
        assert progress is None


def test_report_folder_inside_the_corpus_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(Path(CORPUS) / "whitehouse" / "cyber_emergency_continuation_notices", corpus)
    before = sorted(p.name for p in corpus.iterdir())
    result = run(str(corpus), "-o", str(corpus / "report") + "/")
    assert result.exit_code == 2
    assert "is inside the corpus folder being read" in result.output
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_a_series_page_gives_the_figures_of_its_series(tmp_path):
    folder = tmp_path / "report"
    assert run(CORPUS, "-o", f"{folder}/").exit_code == 0
    page = (folder / "series-cyber-awareness-month-proclamations.html").read_text("utf-8")
    head = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[: page.index("</dl>")]))
    assert "5 editions of this series, 2021–2025" in head
    assert "editions 5 " in head
    assert "whole report 24 statements in 10 series" in head
    assert "statements 24" not in head  # the whole report's figures are not the series'
    index = (folder / "index.html").read_text("utf-8")
    assert "24 statements, " in index
    assert "statements</dt><dd>24<" in index


def test_emerging_phrases_count_the_earlier_editions_together(tmp_path):
    folder = tmp_path / "report"
    assert run(CORPUS, "-o", f"{folder}/").exit_code == 0
    page = (folder / "series-cyber-awareness-month-proclamations.html").read_text("utf-8")
    phrases = re.findall(r'<span class="phrase">(\w[^<]*) <span class="muted">\(([^)]*)\)', page)
    assert phrases
    for _, counts in phrases:
        assert re.fullmatch(
            r"(none in the 4 earlier editions|\d+ in the 4 earlier editions together),"
            r" \d+ in the latest",
            counts,
        ), counts
    assert "\u2192" not in page[page.index('class="phrases"') :].split("</li>")[0]


def test_a_series_page_lists_its_one_section_across_the_page(tmp_path):
    folder = tmp_path / "report"
    assert run(CORPUS, "-o", f"{folder}/").exit_code == 0
    page = (folder / "series-cyber-awareness-month-proclamations.html").read_text("utf-8")
    assert '<nav class="toc" aria-label="Sections">\n    <ol class="one">' in page
    index = (folder / "index.html").read_text("utf-8")
    assert '<nav class="toc" aria-label="Sections">\n    <ol>' in index  # many: two columns
