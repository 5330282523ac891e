"""Helpers shared by test modules in several folders (``tests/`` is on the path: conftest.py).

Fixtures live in ``conftest.py``; these are plain functions the tests call with arguments.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from policydrift.cli import cli
from policydrift.corpus.collection import SAMPLE_CORPUS
from policydrift.corpus.models import Sentence, Statement
from policydrift.corpus.normalize import normalise_key
from policydrift.corpus.read import read_statement

DATA = SAMPLE_CORPUS  # corpus/data: the sample statements
SEEDS = DATA / "seeds"


def statement(sid: str, *texts: str, paragraphs: bool = False, **meta: Any) -> Statement:
    """Sentences exactly as given, joined by spaces (the engine's input, no segmenter): all in
    one paragraph, or one paragraph each with ``paragraphs``; ``meta``: Statement fields."""
    raw, sentences = "", []
    for k, text in enumerate(texts):
        raw += " " if raw else ""
        start = len(raw)
        raw += text
        sentences.append(Sentence(k, text, normalise_key(text), start, len(raw), k * paragraphs))
    return Statement(sid, f"{sid}.txt", raw, raw, tuple(sentences), **meta)


def seed_text(number: int) -> str:
    """The text of the ``number``-th seed file (0: the first by name), as on disk."""
    return sorted(SEEDS.glob("*.txt"))[number].read_text(encoding="utf-8")


@cache
def seed(number: str) -> Statement:
    """The seed statement whose file name starts with ``number`` (``"000"``), read once."""
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return read_statement(path)


def compare_cli(*args: object, input: bytes | None = None) -> Result:
    """``drift compare ARGS`` through the real CLI, in this process."""
    return CliRunner().invoke(cli, ["compare", *map(str, args)], input=input, prog_name="drift")


def wrote(result: Result, target: object, summary: str) -> None:
    """Exit code 0, nothing on stdout, and the one line saying what was written where."""
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"Wrote {target} ({summary})\n"


def fails(result: Result, message: str) -> None:
    """Exit code 2 and exactly one line, drift's message, on stderr."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def refuses_unreadable(
    load: Callable[[Path], object], error: type[Exception], folder: Path, what: str
) -> None:
    """``load`` raises ``error`` for a missing file, a directory and a Latin-1 file, with the
    messages of ``policydrift.compare.themes.lexicon_file`` (``what``: "theme file"...)."""
    with pytest.raises(error, match=f"{what} not found"):
        load(folder / "missing.yaml")
    with pytest.raises(error, match="is a directory, not a regular file"):
        load(folder)
    latin = folder / "latin.yaml"
    latin.write_bytes("name: caf\xe9".encode("latin-1"))
    with pytest.raises(error, match="is not UTF-8 text"):
        load(latin)


def printout(running_head: str, url: str) -> Any:
    """A new fpdf2 document as a ministry prints a statement, first page added: the
    ``running_head`` atop every page, a footer with the ``url`` and "Page N of M", page breaks
    wherever a page is full (inside sentences too)."""
    from fpdf import FPDF

    class Printed(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, running_head, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, url, new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Printed()
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()
    return pdf


def assert_only_its_script_runs(html: str, page: Any) -> None:
    """The report's Content-Security-Policy (``page``: the ``parse`` fixture's tree of
    ``html``) allows nothing but inline styles, data: images and its one script, by hash, and
    comes before any style."""
    (meta,) = page.find("meta", http_equiv="Content-Security-Policy")
    policy = meta["content"]
    assert policy.startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:;")
    (script,) = page.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert re.search(r"script-src 'sha256-([^']+)'", policy).group(1) == digest
    assert html.index("Content-Security-Policy") < html.index("<style")
