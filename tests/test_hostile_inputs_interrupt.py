"""Ctrl-C through the real CLI: a real ``drift timeline`` subprocess interrupted mid-run.

The ``where`` fixture (input and output folders) is in ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from policydrift.corpus.collection import SAMPLE_CORPUS

if TYPE_CHECKING:
    from conftest import Where

SEEDS = SAMPLE_CORPUS / "seeds"
WHITEHOUSE = SAMPLE_CORPUS / "whitehouse"
DRIFT = [sys.executable, "-m", "policydrift"]
# The console script users run (``python -m policydrift`` has a rare CPython race on Ctrl-C in which
# the process ends killed by SIGINT, status -2, after drift printed its message and chose 130).
DRIFT_SCRIPT = Path(sys.executable).with_name("drift")


def _big_corpus(folder: Path, editions: int = 40) -> Path:
    """``editions`` dated, distinct statements built from real seed and White House sentences."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [
        p.read_text(encoding="utf-8").split("---", 2)[-1] for p in sorted(WHITEHOUSE.glob("*/*.md"))
    ]
    paragraphs = [p.strip() for t in texts for p in t.split("\n\n") if len(p.strip()) > 80]
    rng = random.Random(3)
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    rows = ["file,date,series"]
    for n in range(editions):
        body = "\n\n".join(rng.sample(paragraphs, min(len(paragraphs), 60)))
        name = f"edition-{n:03d}.txt"
        (corpus / name).write_text(f"Edition {n}.\n\n{body}\n", encoding="utf-8")
        rows.append(f"{name},{2000 + n // 4}-{1 + 3 * (n % 4):02d}-15,big")
    (corpus / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return corpus


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("moment", ["reading", "comparing", "rendering"])
def test_ctrl_c_mid_timeline(moment: str, where: Where) -> None:
    """SIGINT to the process group, as a terminal's Ctrl-C: exit 130, one line, no output.

    While rendering, the pages of a split report (``-o FOLDER/``) are made in child processes
    and each staged beside its target as it is made: none may be left, staged or renamed in."""
    corpus = _big_corpus(where.inputs)
    cache = where.out.parent / "cache"
    target = f"{where.out}/" if moment == "rendering" else where.out / "timeline.html"
    env = {**os.environ, "DRIFT_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen(
        [
            *([str(DRIFT_SCRIPT)] if DRIFT_SCRIPT.exists() else DRIFT),
            "timeline",
            corpus,
            "-o",
            target,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
        # As from a terminal: a test runner started in the background (`cmd &` in a script)
        # ignores SIGINT, the child would inherit that, and Python would never see Ctrl-C.
        preexec_fn=_default_sigint,
    )
    editions = 40
    wanted = 1 if moment == "reading" else editions
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if moment == "rendering":  # the first page staged: the others are still being made
            if any(where.out.iterdir()):
                break
        elif (
            sum(1 for p in cache.glob("statements-*/**/*") if p.is_file() and p.suffix != ".tmp")
            >= wanted  # statements read and kept (not the start-up's own cache entries)
        ):
            break
        time.sleep(0.005)
    if moment == "comparing":
        time.sleep(0.3)  # well into the comparisons, long before they end
    assert proc.poll() is None, (
        "the run ended before it could be interrupted: make the corpus bigger"
    )
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), lines[0]
    assert "interrupt" in lines[0], lines[0]
    assert stdout == ""
    assert os.listdir(where.out) == [], "partial output left behind"
