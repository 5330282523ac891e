"""Second hardening round: bounded time and memory, injection, and one clear line.

Small hostile inputs that used to take unbounded time or memory (YAML alias bombs, devices
and FIFOs opened as files, template-like text aligning every sentence with every other),
text that injects into a spreadsheet or a terminal, and inputs that gave a traceback or a
wrong answer. Every case runs under a time limit that fails the test, not the suite.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile_inputs_refused import (
    SEED,
    SEEDS,
    Refusal,
    _check_refused,
    run_inprocess,
    run_subprocess,
)

if TYPE_CHECKING:
    from conftest import Where


OTHER = SEEDS / "002_23602f18eb2f6ed8.txt"
WHITEHOUSE = SEEDS.parent / "whitehouse"
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8)
)


def _refused(args: list, names: str, problem: str, how: str = "inprocess", cwd=None) -> None:
    ran = run_inprocess(args) if how == "inprocess" else run_subprocess(args, cwd=cwd)
    _check_refused(ran, Refusal(args, names, problem))


# ----------------------------------------------------------------- unbounded time and memory


@pytest.mark.timeout(30)
def test_yaml_alias_bomb_in_front_matter(where: Where) -> None:
    path = where.inputs / "bomb.md"
    path.write_text(f"---\n{BOMB}title: x\n---\nWe met in Hanoi. We agreed.\n", encoding="utf-8")
    _refused(["compare", SEED, path], str(path), "aliases", how="subprocess")


@pytest.mark.timeout(30)
def test_yaml_alias_bomb_in_a_theme_file(where: Where) -> None:
    path = where.inputs / "themes.yaml"
    path.write_text(BOMB + "themes: []\n", encoding="utf-8")
    _refused(["compare", SEED, OTHER, "--themes", path], str(path), "aliases", how="subprocess")


@pytest.mark.timeout(30)
def test_theme_file_nested_20000_deep(where: Where) -> None:
    path = where.inputs / "deep.yaml"
    path.write_text("themes: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    # a child process: a stack overflow in the YAML composer would kill the test runner
    _refused(
        ["themes", SEED, OTHER, "--themes", path], str(path), "nest", "subprocess"
    )  # ours or libyaml's limit


@pytest.mark.timeout(30)
def test_theme_file_that_never_ends() -> None:
    args = ["compare", SEED, OTHER, "--themes", "/dev/zero"]
    _refused(args, "/dev/zero", "not a regular file", "subprocess")  # never read it in-process


@pytest.mark.timeout(30)
def test_fifo_as_a_theme_file(where: Where) -> None:
    fifo = where.inputs / "themes.yaml"
    os.mkfifo(fifo)
    _refused(["compare", SEED, OTHER, "--themes", fifo], str(fifo), "FIFO", "subprocess")


def _small_corpus(where: Where) -> Path:
    corpus = where.inputs / "corpus"
    shutil.copytree(WHITEHOUSE / "asean_us", corpus / "asean_us")
    return corpus


@pytest.mark.timeout(60)
def test_fifo_in_a_corpus_is_skipped_not_waited_for(where: Where) -> None:
    corpus = _small_corpus(where)
    os.mkfifo(corpus / "asean_us" / "2024-01-01-pipe.md")
    ran = run_inprocess(["corpus", "check", corpus, "--no-cache", "-v"])
    assert ran.code == 0, ran.stderr
    assert "2024-01-01-pipe.md: not a regular file (a FIFO" in ran.stderr


@pytest.mark.timeout(60)
def test_fifo_as_a_manifest(where: Where) -> None:
    corpus = _small_corpus(where)
    os.mkfifo(corpus / "manifest.csv")
    ran = run_inprocess(["corpus", "list", corpus, "--no-cache"])
    assert ran.code == 2
    assert "manifest.csv: cannot read the manifest: it is a FIFO" in ran.stderr
    assert "no statements found" not in ran.stderr


@pytest.mark.timeout(60)
def test_fifo_in_the_cache_is_not_waited_for(where: Where, monkeypatch) -> None:
    from policydrift.corpus.cache import StatementCache

    cache_dir = where.out.parent / "cache"
    monkeypatch.setenv("DRIFT_CACHE_DIR", str(cache_dir))
    corpus = _small_corpus(where)
    assert run_inprocess(["corpus", "list", corpus]).code == 0
    cache = StatementCache(cache_dir)
    for entry in cache.folder.rglob("*.json"):
        entry.unlink()
        os.mkfifo(entry)
    ran = run_inprocess(["corpus", "list", corpus])
    assert ran.code == 0, ran.stderr


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--workers", "1000"], "--workers: must be -1 (all cores) or from 1 to"),
        (["--max-bytes", "100000000000000000000000"], "--max-bytes: must be a number of bytes"),
    ],
    ids=["workers-1000", "max-bytes-1e23"],
)
def test_options_beyond_the_machine(args: list[str], problem: str) -> None:
    ran = run_inprocess(["compare", SEED, OTHER, *args])
    assert ran.exception is None, ran.exception
    assert ran.code == 2, ran.stderr
    assert ran.stderr.startswith(f"Error: {problem}"), ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1


@pytest.mark.timeout(30)
def test_reuse_local_dask_workers_bounded_by_cores(where: Where) -> None:
    corpus = _small_corpus(where)
    args = ["reuse", corpus, "-o", where.out / "r.csv", "--scheduler", "local", "--workers", "1000"]
    ran = run_inprocess(args)
    assert ran.code == 2, ran.stderr
    assert "--workers: must be from 1 to" in ran.stderr
    assert os.listdir(where.out) == []


def test_pair_cap_bounds_memory_when_every_pair_passes() -> None:
    """2,000 x 2,000 admissible pairs (every pair passes): at most k x (n + m) are held."""
    from policydrift.compare.pair_cap import PairCap, best_pairs

    rng = np.random.default_rng(3)
    n = 2000
    cap = PairCap(n, n, k=10)
    for start in range(0, n, 250):  # blocks of rows, as a scan gives them
        rows = np.arange(start, start + 250)
        scores = rng.uniform(60, 100, (250, n)).astype(np.float32)
        cap.add_block(rows, np.arange(n), scores, 60.0)
        assert sum(p[0].size for p in cap._parts) <= 4 * 10 * 2 * n + 250 * n
    i, j, s = cap.pairs()
    assert i.size <= 10 * 2 * n
    assert cap.capped == 2 * n
    assert best_pairs(i, j, s, 10).all()


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.integers(1, 5),
    st.integers(0, 2**32 - 1),
    st.integers(1, 4),
)
def test_pair_cap_keeps_exactly_each_sentences_best(n: int, m: int, k: int, seed: int, parts: int):
    """Whatever the blocks, the kept pairs are those among the k best of their row or column,
    and nothing is dropped when no sentence has more than k partners."""
    from policydrift.compare.pair_cap import PairCap, best_pairs

    rng = np.random.default_rng(seed)
    scores = np.round(rng.uniform(0, 100, (n, m)), 0).astype(np.float32)
    i, j = np.nonzero(scores >= 50)
    s = scores[i, j]
    cap = PairCap(n, m, k=k)
    for chunk in np.array_split(rng.permutation(i.size), parts):
        cap.add(i[chunk], j[chunk], s[chunk])
    got = set(zip(*(a.tolist() for a in cap.pairs()[:2]), strict=True))
    keep = best_pairs(i, j, s, k)
    assert got == set(zip(i[keep].tolist(), j[keep].tolist(), strict=True))
    for a, b in zip(i.tolist(), j.tolist(), strict=True):  # brute force: the k best of each
        row = sorted((-scores[a, c], c) for c in range(m) if scores[a, c] >= 50)[:k]
        col = sorted((-scores[r, b], r) for r in range(n) if scores[r, b] >= 50)[:k]
        assert ((a, b) in got) == ((-scores[a, b], b) in row or (-scores[a, b], a) in col)
    if (
        max(np.bincount(i, minlength=n).max(initial=0), np.bincount(j, minlength=m).max(initial=0))
        <= k
    ):
        assert cap.capped == 0
        assert len(got) == i.size


@pytest.mark.timeout(60)
def test_template_like_statements_state_the_cap(where: Where) -> None:
    """400 template-like lines a side: every pair passes; the comparison says it was capped."""
    rng = np.random.default_rng(5)
    for name in ("a.txt", "b.txt"):
        lines = [
            f"Line {rng.integers(10**6)}: the committee reviewed section {rng.integers(999)} "
            f"of the annual report on {rng.choice(['trade', 'security', 'energy'])}."
            for _ in range(400)
        ]
        (where.inputs / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    # the rapidfuzz path, where the cap applies (the similarity model scores up to 4 million
    # pairs densely, under its own bound)
    pair = ["compare", where.inputs / "a.txt", where.inputs / "b.txt", "--scorer", "ratio"]
    out = where.out / "r.json"
    ran = run_inprocess([*pair, "-o", out])
    assert ran.code == 0, ran.stderr
    limits = json.loads(out.read_text(encoding="utf-8"))["limits"]
    assert limits["capped_sentences"] == 800
    assert limits["pair_cap"] == 50
    summary = run_inprocess(pair).stdout
    assert "Limit reached: 800 sentences had more than 50 possible partners" in summary
    page = where.out / "r.html"
    assert run_inprocess([*pair, "-o", page]).code == 0
    assert "Limit reached: 800 sentences had more than 50 possible partners" in page.read_text(
        encoding="utf-8"
    )


def test_ordinary_statements_hit_no_limit() -> None:
    ran = run_inprocess(["compare", SEED, OTHER, "--format", "json"])
    assert "limits" not in json.loads(ran.stdout)


# ------------------------------------------------------------------------------- injection

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _formula_statement(where: Where) -> Path:
    body = "\n\n".join(
        f"{f} is what the attacker wrote in sentence {n}." for n, f in enumerate(FORMULAS)
    )
    path = where.inputs / "formulas.txt"
    path.write_text(f"We met in Hanoi today.\n\n{body}\n", encoding="utf-8")
    return path


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.timeout(60)
def test_csv_cells_never_start_a_formula(where: Where) -> None:
    """Every CSV drift writes neutralises formula cells (OWASP); --csv-raw keeps them."""
    path = _formula_statement(where)
    outputs = {
        "compare": ["compare", SEED, path, "--format", "csv", "--no-themes"],
        "themes": ["themes", SEED, path, "--format", "csv"],
    }
    for name, args in outputs.items():
        ran = run_inprocess(args)
        assert ran.code == 0, (name, ran.stderr)
        cells = _cells(ran.stdout)
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], name
        if name == "compare":
            assert any(c.startswith("'=HYPERLINK(") for c in cells)
            raw = _cells(run_inprocess([*args, "--csv-raw"]).stdout)
            assert any(c.startswith("=HYPERLINK(") for c in raw)
    numbers = run_inprocess(outputs["compare"]).stdout
    import pandas as pd

    frame = pd.read_csv(io.StringIO(numbers))
    assert frame["score"].dropna().between(0, 100).all()  # numbers stay numbers


@pytest.mark.timeout(60)
def test_corpus_list_and_timeline_csv_neutralise_titles(where: Where) -> None:
    corpus = _small_corpus(where)
    first = sorted((corpus / "asean_us").glob("*.md"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(
        text.replace("title:", "title: '=cmd|'' /C calc''!A0'\nold_title:", 1), encoding="utf-8"
    )
    listed = run_inprocess(["corpus", "list", corpus, "--format", "csv", "--no-cache"])
    assert listed.code == 0, listed.stderr
    assert "'=cmd|' /C calc'!A0" in _cells(listed.stdout)
    out = where.out / "t.csv"
    ran = run_inprocess(["timeline", corpus, "-o", out, "--no-cache"])
    assert ran.code == 0, ran.stderr
    for table in (where.out / "t.sentences.csv", where.out / "t.editions.csv"):
        cells = _cells(table.read_text(encoding="utf-8"))
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], table


@pytest.mark.timeout(30)
def test_terminal_control_sequences_never_printed(where: Where) -> None:
    """OSC (window title, clipboard) and CSI in a title reach neither stdout nor stderr."""
    body = " ".join(SEED.read_text(encoding="utf-8").split()[:400])
    path = where.inputs / "evil.md"
    title = "Evil \\e]0;pwned\\a \\e]52;c;Y2xpcA==\\a \\e[2J \\x9d0;x\\x9c title"  # YAML escapes
    path.write_text(f'---\ntitle: "{title}"\ndate: 2022-01-01\n---\n{body}\n', encoding="utf-8")
    ran = run_subprocess(["compare", path, OTHER, "--no-themes"])
    assert ran.code == 0, ran.stderr
    assert "Evil" in ran.stdout
    for text in (ran.stdout, ran.stderr):
        assert not any(ch in text for ch in "\x1b\x07\x9b\x9c\x9d"), repr(text[:300])


# ---------------------------------------------------------------- wrong answers and messages


@pytest.mark.timeout(60)
def test_own_report_in_the_corpus_is_skipped_with_a_note(where: Where) -> None:
    corpus = _small_corpus(where)
    before = run_inprocess(["corpus", "list", corpus, "--format", "json", "--no-cache"])
    report = where.out / "report.html"
    files = sorted((corpus / "asean_us").glob("*.md"))
    assert run_inprocess(["compare", files[0], files[1], "-o", report]).code == 0
    shutil.copy(report, corpus / "asean_us" / "report.html")
    after = run_inprocess(["corpus", "list", corpus, "--format", "json", "--no-cache"])
    assert json.loads(after.stdout)["statements"] == json.loads(before.stdout)["statements"]
    check = run_inprocess(["corpus", "check", corpus, "-v", "--no-cache"])
    assert "report.html: a drift report (its generator is drift), not a statement" in check.stderr


@pytest.mark.timeout(30)
def test_tiny_threshold_gives_the_rows_of_threshold_zero() -> None:
    rows = []
    for threshold in ("1e-300", "0"):
        ran = run_inprocess(["compare", SEED, OTHER, "--format", "csv", "--threshold", threshold])
        assert ran.code == 0, ran.stderr
        rows.append(ran.stdout)
    assert rows[0] == rows[1]


@pytest.mark.timeout(30)
def test_file_name_with_a_newline_stays_one_line(where: Where) -> None:
    path = where.inputs / "two\nlines\x1b]0;x\x07.txt"
    path.write_bytes(b"")
    ran = run_inprocess(["compare", SEED, path])
    assert ran.code == 2
    assert ran.stderr.count("\n") == 1, repr(ran.stderr)
    assert "two\\nlines\\x1b]0;x\\x07.txt: " in ran.stderr


@pytest.mark.timeout(30)
def test_file_name_that_is_not_utf8(where: Where) -> None:
    name = os.fsencode(where.inputs) + b"/bad\xff\xfename.txt"
    with open(name, "wb") as handle:
        handle.write(b"")
    ran = run_subprocess(["compare", SEED, os.fsdecode(name)])
    assert ran.code == 2, ran.stderr
    assert "Traceback" not in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1
    assert "bad\\xff\\xfename.txt: " in ran.stderr


@pytest.mark.timeout(60)
def test_nul_in_a_manifest_path(where: Where) -> None:
    corpus = _small_corpus(where)
    (corpus / "manifest.csv").write_text(
        "file,date\nasean_us/x\x00y.md,2020-01-01\n", encoding="utf-8"
    )
    ran = run_inprocess(["timeline", corpus, "-o", where.out / "t.html", "--no-cache"])
    assert ran.exception is None, ran.exception
    assert ran.code == 2, ran.stderr
    assert "Traceback" not in ran.stderr
    assert "no statements found" not in ran.stderr
    assert os.listdir(where.out) == []


@pytest.mark.timeout(30)
@pytest.mark.parametrize("how", ["closed", "full"])
def test_stdout_closed_or_full(how: str) -> None:
    stdout = subprocess.DEVNULL
    if how == "full":
        if not Path("/dev/full").exists():
            pytest.skip("no /dev/full on this system")
        stdout = open("/dev/full", "wb")  # noqa: SIM115
    command = [
        sys.executable,
        "-m",
        "policydrift",
        "compare",
        str(OTHER),  # the older first: no note about the date order
        str(SEED),
        "--format",
        "json",
    ]
    proc = subprocess.run(
        command if how == "full" else ["sh", "-c", '"$@" >&-', "sh", *command],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=30,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("Error: <stdout>: cannot write the output"), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
