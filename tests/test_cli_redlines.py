"""``drift compare OLD NEW -o changes.docx`` and ``-o changes.md`` through the real CLI."""

from __future__ import annotations

import io
import zipfile

import pytest
from helpers import DATA, fails, wrote
from helpers import compare_cli as drift

NOTICES = DATA / "whitehouse" / "cyber_emergency_continuation_notices"
OLD = str(next(NOTICES.glob("2022-03-30-*.md")))
NEW = str(next(NOTICES.glob("2023-03-29-*.md")))


def test_word_document_by_extension(tmp_path):
    target = tmp_path / "changes.docx"
    result = drift(OLD, NEW, "-o", target)
    wrote(result, target, "docx, 6 rows")
    with zipfile.ZipFile(target) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert '<w:del w:id="' in document
    assert ">2022</w:delText>" in document
    assert '<w:ins w:id="' in document
    assert ">2023</w:t>" in document
    assert 'w:date="2023-03-29T00:00:00Z"' in document
    assert [p.name for p in tmp_path.iterdir()] == ["changes.docx"]
    again = tmp_path / "again.docx"
    assert drift(OLD, NEW, "-o", again).exit_code == 0
    assert again.read_bytes() == target.read_bytes()  # deterministic


def test_word_document_to_a_pipe():
    result = drift(OLD, NEW, "--format", "docx")
    assert result.exit_code == 0
    assert zipfile.ZipFile(io.BytesIO(result.stdout_bytes)).testzip() is None


@pytest.mark.parametrize("name", ["changes.md", "changes.markdown"])
def test_markdown_by_extension(tmp_path, name):
    target = tmp_path / name
    assert drift(OLD, NEW, "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "beyond April 1, ~~2022~~**2023**." in " ".join(text.split())


def test_criticmarkup_flag():
    result = drift(OLD, NEW, "--format", "md", "--criticmarkup")
    assert result.exit_code == 0, result.output
    assert "beyond April 1, {--2022--}{++2023++}." in " ".join(result.stdout.split())


def test_criticmarkup_needs_markdown(tmp_path):
    fails(
        drift(OLD, NEW, "-o", tmp_path / "r.html", "--criticmarkup"),
        "--criticmarkup marks Markdown output: name the output .md or give --format md",
    )


def test_redlines_compare_two_editions(tmp_path):
    third = str(next(NOTICES.glob("2024-*.md")))
    target = tmp_path / "all.docx"
    fails(
        drift(OLD, NEW, third, "-o", target),
        f"{target}: a docx redline compares two editions: give OLD and NEW only",
    )
    fails(
        drift(OLD, NEW, "--base", "previous", "--format", "md"),
        "--format: a md redline compares two editions: give OLD and NEW only",
    )
    assert not target.exists()
