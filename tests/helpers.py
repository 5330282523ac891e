"""Helpers shared by test modules in several folders (``tests/`` is on the path: conftest.py).

Fixtures live in ``conftest.py``; these are plain functions the tests call with arguments.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from typing import Any

from click.testing import CliRunner, Result
from policydrift.cli import cli
from policydrift.corpus.collection import SAMPLE_CORPUS
from policydrift.corpus.models import Sentence, Statement
from policydrift.corpus.normalize import normalise_key
from policydrift.corpus.read import read_statement

SEEDS = SAMPLE_CORPUS / "seeds"


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
