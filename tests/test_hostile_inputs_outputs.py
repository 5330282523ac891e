"""Second hardening round, data loss: drift never replaces an input, a device or a link.

Each case runs the real CLI and would have lost or damaged a file before (see docs/hardening.md):
an output naming an input (same path, hard link, symbolic link), an output inside the corpus
being read, a FIFO or a symbolic link as the output, a private report losing its mode, two
tables written half, and SIGTERM leaving a temporary file.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_hostile_inputs_interrupt import _big_corpus
from test_hostile_inputs_refused import (
    SEED,
    SEEDS,
    Refusal,
    _check_refused,
    run_inprocess,
    snapshot,
)

if TYPE_CHECKING:
    from conftest import Where


OTHER = SEEDS / "002_23602f18eb2f6ed8.txt"
DRIFT_SCRIPT = Path(sys.executable).with_name("drift")


def _inputs(where: Where) -> tuple[Path, Path]:
    where.inputs.mkdir(parents=True, exist_ok=True)
    a, b = where.inputs / "a.txt", where.inputs / "b.txt"
    shutil.copy(SEED, a)
    shutil.copy(OTHER, b)
    return a, b


def _refused(where: Where, args: list, names: str, problem: str) -> None:
    before = snapshot(where.inputs)
    ran = run_inprocess(args)
    _check_refused(ran, Refusal(args, names, problem))
    assert snapshot(where.inputs) == before, "an input was changed"


@pytest.mark.timeout(30)
def test_output_is_an_input(where: Where) -> None:
    a, b = _inputs(where)
    _refused(where, ["compare", a, b, "-o", b, "--format", "json"], str(b), "is one of the input")


@pytest.mark.timeout(30)
def test_output_is_a_hard_link_to_an_input(where: Where) -> None:
    a, b = _inputs(where)
    link = where.out / "report.json"
    os.link(b, link)
    _refused(where, ["compare", a, b, "-o", link], str(link), "is one of the input files")
    assert link.read_bytes() == OTHER.read_bytes()


@pytest.mark.timeout(30)
def test_output_is_a_symbolic_link_to_an_input(where: Where) -> None:
    a, b = _inputs(where)
    link = where.out / "report.csv"
    link.symlink_to(a)
    _refused(where, ["compare", a, b, "-o", link], str(link), "is one of the input files")
    assert link.is_symlink()


@pytest.mark.timeout(30)
def test_theme_file_is_not_an_output(where: Where) -> None:
    a, b = _inputs(where)
    themes = where.inputs / "themes.json"
    themes.write_text("themes: []\n", encoding="utf-8")
    args = ["compare", a, b, "--themes", themes, "-o", themes]
    _refused(where, args, str(themes), "is one of the input files")


def _corpus(where: Where) -> Path:
    corpus = where.inputs / "corpus"
    shutil.copytree(SEEDS.parent / "whitehouse" / "asean_us", corpus / "asean_us")
    return corpus


@pytest.mark.timeout(60)
def test_output_inside_the_corpus_being_read(where: Where) -> None:
    corpus = _corpus(where)
    target = corpus / "asean_us" / "timeline.html"
    args = ["timeline", corpus, "-o", target, "--no-cache"]
    _refused(where, args, str(target), "inside the corpus folder being read")


@pytest.mark.timeout(60)
def test_reuse_clusters_table_inside_the_corpus(where: Where) -> None:
    corpus = _corpus(where)
    args = ["reuse", corpus, "-o", corpus / "reuse.csv", "--no-cache"]
    _refused(where, args, str(corpus / "reuse.csv"), "inside the corpus folder")


@pytest.mark.timeout(30)
def test_a_fifo_is_written_into_not_replaced(where: Where) -> None:
    """A special file (FIFO here, /dev/null as root) is written directly, never renamed over."""
    a, b = _inputs(where)
    fifo = where.out / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    ran = run_inprocess(["compare", a, b, "-o", fifo, "--format", "json"])
    reader.join(10)
    assert ran.code == 0, ran.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"
    assert received
    assert received[0].startswith(b"{")
    assert sorted(os.listdir(where.out)) == ["pipe.json"]


@pytest.mark.timeout(30)
def test_symbolic_link_output_is_written_through(where: Where) -> None:
    a, b = _inputs(where)
    real = where.out / "reports" / "real.json"
    real.parent.mkdir()
    real.write_text("old report\n", encoding="utf-8")
    link = where.out / "latest.json"
    link.symlink_to(real)
    ran = run_inprocess(["compare", a, b, "-o", link])
    assert ran.code == 0, ran.stderr
    assert link.is_symlink(), "the link was replaced by a file"
    assert real.read_text(encoding="utf-8").startswith("{")


@pytest.mark.timeout(30)
def test_replaced_report_keeps_its_mode(where: Where) -> None:
    a, b = _inputs(where)
    report = where.out / "private.html"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o600)
    ran = run_inprocess(["compare", a, b, "-o", report])
    assert ran.code == 0, ran.stderr
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.timeout(60)
def test_two_tables_all_or_nothing(where: Where, monkeypatch: pytest.MonkeyPatch) -> None:
    """``drift reuse`` writes pairs and clusters: a full disk on the second keeps both old files."""
    from policydrift.reports import output

    corpus = _corpus(where)
    pairs, clusters = where.out / "reuse.csv", where.out / "reuse.clusters.csv"
    pairs.write_text("old pairs\n", encoding="utf-8")
    clusters.write_text("old clusters\n", encoding="utf-8")
    real = os.replace
    calls: list[str] = []

    def disk_full_on_second(src, dst):
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real(src, dst)

    monkeypatch.setattr(output.os, "replace", disk_full_on_second)
    ran = run_inprocess(["reuse", corpus, "-o", pairs, "--no-cache"])
    monkeypatch.setattr(output.os, "replace", real)
    assert ran.code == 2, ran.stderr
    assert "No space left on device" in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1
    assert pairs.read_text(encoding="utf-8") == "old pairs\n"
    assert clusters.read_text(encoding="utf-8") == "old clusters\n"
    assert sorted(os.listdir(where.out)) == ["reuse.clusters.csv", "reuse.csv"]


def _default_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.mark.timeout(60)
def test_sigterm_is_handled_like_ctrl_c(where: Where) -> None:
    """``timeout``, containers and CI send SIGTERM: exit 143, one line, nothing left behind."""
    corpus = _big_corpus(where.inputs / "big")
    target = where.out / "timeline.html"
    cache = where.out.parent / "cache"
    command = (
        [str(DRIFT_SCRIPT)] if DRIFT_SCRIPT.exists() else [sys.executable, "-m", "policydrift"]
    )
    proc = subprocess.Popen(
        [*command, "timeline", str(corpus), "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DRIFT_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1"},
        start_new_session=True,
        preexec_fn=_default_signals,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:  # until it is reading
        if any(p.suffix == ".json" for p in cache.rglob("*")):
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before the signal: make the corpus bigger"
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 143, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: terminated"), lines[0]
    assert stdout == ""
    assert os.listdir(where.out) == [], "partial or temporary output left behind"
