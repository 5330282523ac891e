"""Fixtures shared by the tests at the top of ``tests/``."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from policydrift.corpus.collection import SAMPLE_CORPUS

# CI (``CI`` set, as .ci/run sets it) replays the same generated examples on every run, so a
# push is never refused for an example no one has seen; local runs go on exploring new ones
# (and keep what fails in .hypothesis/ to replay it).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The hostile-input modules share their helpers (``from test_hostile_inputs_refused import
# ...``); tests run with ``--import-mode=importlib``, which does not put this folder on the path.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))


@dataclass(frozen=True)
class Where:
    inputs: Path  # everything the case reads lives here
    out: Path  # the output folder, empty before the run


@pytest.fixture
def where() -> Iterator[Where]:
    """Input and output folders that the unprivileged user can reach (not under /root)."""
    base = Path(tempfile.mkdtemp(prefix="drift-hostile-"))
    base.chmod(0o755)
    inputs, out = base / "in", base / "out"
    inputs.mkdir()
    out.mkdir()
    inputs.chmod(0o755)
    out.chmod(0o777)
    yield Where(inputs, out)
    for root, dirs, _ in os.walk(base):
        for name in dirs:
            Path(root, name).chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)


# A new edition made from a real White House proclamation by the edits analysts meet: every
# kind of row appears once or more (checked by the tests that use it).
PROCLAMATION = (
    SAMPLE_CORPUS
    / "whitehouse"
    / "cyber_awareness_month_proclamations"
    / "2023-09-29-a-proclamation-on-cybersecurity-awareness-month-2023.md"
)
# Sentence 11 (cyber dialogues with allies and partners, a rapid response mechanism at NATO)
# restated in other words, its two points in the other order: fewer than half its characters
# in common (fuzz.ratio 43), so only the meaning stage links it.
REWORDED = (
    "NATO's virtual rapid response mechanism now lets Allies support one another when cyber "
    "incidents strike, and new cyber dialogues bring allies and partners into our collective "
    "defense."
)
# Sentence 19 (the call to observe the month) with half its words replaced: a `likely` link.
LOOSER = (
    "I call upon the people and institutions of the United States to observe this month with "
    "programs that raise awareness of cyber threats."
)
ADDED = (
    "Every American can help by reporting phishing attempts and suspicious messages to the "
    "Cybersecurity and Infrastructure Security Agency."
)


def edited_edition(sentences: list[str]) -> list[str]:
    """The proclamation's sentences, edited: one of each kind of change."""
    s = [" ".join(t.split()) for t in sentences]
    cut = s[12].index(" — ")
    split = [s[12][:cut] + ".", "This" + s[12][cut + 2 :]]
    merged = s[15].rstrip(".") + ", and " + s[16][0].lower() + s[16][1:]
    trimmed = s[4][: s[4].index(", including")] + "."
    extended = s[9].rstrip(".") + " alongside our closest allies and partners."
    out = [s[0], s[13].replace("inflection point", "decisive turning point")]  # moved+edited
    out += s[1:3] + [s[3].replace("modernize", "strengthen and modernize")]  # edited
    out += [trimmed, *s[5:7], s[8], extended, s[10], REWORDED]  # trimmed, extended, reworded
    out += split + [s[14], merged, s[17], s[7]]  # split, merged, moved
    out += [s[18], LOOSER, s[20], ADDED, s[22]]  # a likely link; s[21] dropped, ADDED new
    return out


@pytest.fixture(scope="session")
def corpus():
    """The sample corpus (corpus/data), read once for the whole run."""
    from policydrift.corpus.collection import load_corpus

    return load_corpus(SAMPLE_CORPUS, cache=False)


@pytest.fixture(scope="session")
def sample_keys(corpus) -> list[str]:
    """The comparison key of every sentence of the sample corpus, in corpus order."""
    return [s.key for st in corpus.statements for s in st.sentences]


@pytest.fixture(scope="session")
def timeline(corpus):
    """The timeline of the sample corpus with the default options (modules may override)."""
    from policydrift.compare.timeline.build import build_timeline

    return build_timeline(corpus.statements)


@pytest.fixture(scope="session")
def edited_pair(tmp_path_factory) -> tuple[Path, Path]:
    """(old.md, new.md): the real proclamation and its edited edition, in a private folder."""
    from policydrift.corpus.read import read_statement

    folder = tmp_path_factory.mktemp("pair")
    old = folder / "proclamation-2023.md"
    shutil.copy(PROCLAMATION, old)
    sentences = [x.text for x in read_statement(old).sentences]
    body = "\n\n".join(edited_edition(sentences))
    new = folder / "proclamation-2024-edited.md"
    front = "---\ndate: '2024-09-30'\ntitle: A Proclamation on Cybersecurity Awareness Month (edited)\n---\n"
    new.write_text(f"{front}\n{body}\n", encoding="utf-8")
    return old, new
