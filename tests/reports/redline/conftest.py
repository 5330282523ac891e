"""Sample pairs for the redline exports: every consecutive pair of editions in each White House
series, every pair of the ASEAN seeds (older first), and the edited proclamation that has every
kind of row (``edited_pair`` in tests/conftest.py)."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from policydrift.compare import compare
from policydrift.compare.models import Comparison
from policydrift.compare.themes.coding import compare_themes
from policydrift.compare.themes.lexicon import load_lexicon
from policydrift.corpus.collection import SAMPLE_CORPUS, read_one


def sample_pairs() -> list[tuple[Path, Path]]:
    seeds = sorted((SAMPLE_CORPUS / "seeds").glob("*.txt"))
    pairs = list(itertools.combinations(seeds, 2))
    for series in sorted(p for p in (SAMPLE_CORPUS / "whitehouse").iterdir() if p.is_dir()):
        editions = sorted(series.glob("*.md"))
        pairs += list(itertools.pairwise(editions))
    return pairs


PAIRS = sample_pairs()


def pair_id(pair: tuple[Path, Path]) -> str:
    return f"{pair[0].parent.name}:{pair[0].name[:10]}-{pair[1].name[:10]}"


def comparison_of(old: Path, new: Path) -> Comparison:
    """The comparison drift compare makes by default (themes and strength shifts on), older
    edition first."""
    from policydrift.compare.shifts.lexicon import load_strength

    a, b = read_one(old), read_one(new)
    if (a.date or "") > (b.date or ""):
        a, b = b, a
    c = compare(a, b, strength=load_strength(None))
    return replace(c, themes=compare_themes(c, load_lexicon()))


@pytest.fixture(scope="session")
def edited_comparison(edited_pair) -> Comparison:
    return comparison_of(*edited_pair)


def collapse(text: str) -> str:
    return " ".join(text.split())


def side_text(c: Comparison, side: str) -> str:
    """A statement's sentences in order, joined, white space collapsed."""
    statement = c.old if side == "old" else c.new
    return collapse(" ".join(s.text for s in statement.sentences))


@pytest.fixture(scope="session")
def pandoc() -> str:
    """Debian's pandoc; skipped without it, except under CI=true."""
    found = shutil.which("pandoc")
    if not found:
        reason = "pandoc is not installed (apt-get install pandoc)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI=true: the Word export must be checked)", pytrace=False)
        pytest.skip(reason)
    return found


def pandoc_text(pandoc: str, path: Path, mode: str) -> str:
    """The plain text pandoc reads from a .docx with ``--track-changes=mode``."""
    result = subprocess.run(
        [pandoc, f"--track-changes={mode}", "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout
