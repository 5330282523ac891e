"""The Word export read back by real readers: pandoc accepts and rejects the tracked changes,
python-docx opens the package, and the XML carries what Word needs to show them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest
from policydrift.reports.redline.docx import AUTHOR, BODY_HEADING, W, comparison_to_docx

from .conftest import PAIRS, collapse, comparison_of, pair_id, pandoc_text, side_text

NS = {"w": W}


def _body(text: str) -> str:
    """The statement part of pandoc's text: what follows the body heading."""
    head, found, body = text.partition(BODY_HEADING)
    assert found, "the body heading is missing"
    return collapse(body)


def _round_trip(c, pandoc: str, folder: Path) -> None:
    path = folder / "changes.docx"
    path.write_bytes(comparison_to_docx(c))
    assert _body(pandoc_text(pandoc, path, "accept")) == side_text(c, "new")
    assert _body(pandoc_text(pandoc, path, "reject")) == side_text(c, "old")
    document = docx.Document(str(path))  # python-docx opens it: the summary, then the text
    cells = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cells["Sentences"].startswith(f"{len(c.old.sentences)} old, {len(c.new.sentences)} new")
    assert BODY_HEADING in [p.text for p in document.paragraphs]


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_pandoc_accept_gives_new_and_reject_gives_old(pair, pandoc, tmp_path) -> None:
    c = comparison_of(*pair)
    assert any(row.kind != "same" for row in c.rows)  # every sample pair has changes
    _round_trip(c, pandoc, tmp_path)


def test_every_kind_of_row_round_trips(edited_comparison, pandoc, tmp_path) -> None:
    kinds = {row.kind for row in edited_comparison.rows}
    assert {"moved", "moved+edited", "split", "merged", "new", "dropped", "edited"} <= kinds
    _round_trip(edited_comparison, pandoc, tmp_path)


def _document(data: bytes) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ET.fromstring(archive.read("word/document.xml"))


def test_changes_are_by_drift_on_the_new_editions_date(edited_comparison) -> None:
    root = _document(comparison_to_docx(edited_comparison))
    changes = [
        e for tag in ("ins", "del", "moveFrom", "moveTo") for e in root.iter(f"{{{W}}}{tag}")
    ]
    assert changes
    assert {e.get(f"{{{W}}}author") for e in changes} == {AUTHOR}
    assert {e.get(f"{{{W}}}date") for e in changes} == {"2024-09-30T00:00:00Z"}
    ids = [e.get(f"{{{W}}}id") for e in root.iter() if e.get(f"{{{W}}}author")]
    assert len(ids) == len(set(ids)), "revision ids must be unique"


def test_moves_are_paired_ranges_with_a_comment(edited_comparison) -> None:
    data = comparison_to_docx(edited_comparison)
    root = _document(data)
    moved = sum(1 for row in edited_comparison.rows if row.kind in ("moved", "moved+edited"))
    starts = {
        tag: [e.get(f"{{{W}}}name") for e in root.iter(f"{{{W}}}{tag}RangeStart")]
        for tag in ("moveFrom", "moveTo")
    }
    assert len(starts["moveFrom"]) == moved == 2
    assert sorted(starts["moveFrom"]) == sorted(starts["moveTo"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        comments = ET.fromstring(archive.read("word/comments.xml"))
    texts = ["".join(c.itertext()) for c in comments.iter(f"{{{W}}}comment")]
    assert len(texts) == 2 * moved
    assert all(t.startswith("Moved:") for t in texts)
    assert sum("Also reworded." in t for t in texts) == 1  # the moved+edited row, at its new place
    assert len(list(root.iter(f"{{{W}}}commentReference"))) == len(texts)


def test_python_docx_opens_it_with_the_summary_table(edited_comparison, tmp_path) -> None:
    path = tmp_path / "changes.docx"
    path.write_bytes(comparison_to_docx(edited_comparison))
    document = docx.Document(str(path))
    assert document.core_properties.author == AUTHOR
    table = document.tables[0]
    cells = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert cells["New edition"].endswith("(2024-09-30)")
    counts = {}
    for row in edited_comparison.rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    assert cells["Rows dropped"] == str(counts["dropped"])
    assert cells["Rows moved + edited"] == str(counts["moved+edited"])
    assert "Most changed sentences" in cells
    headings = [p.text for p in document.paragraphs if p.style.name.lower() == "heading 1"]
    assert headings == ["Summary", BODY_HEADING]


def test_themes_new_and_dropped_are_in_the_summary(pandoc, tmp_path) -> None:
    proclamations = [p for p in PAIRS if "2023-09-29" in p[0].name]
    c = comparison_of(*proclamations[0])
    statuses = dict(c.themes.chips)
    path = tmp_path / "changes.docx"
    path.write_bytes(comparison_to_docx(c))
    cells = {r.cells[0].text: r.cells[1].text for r in docx.Document(str(path)).tables[0].rows}
    for status in ("new", "dropped"):
        assert cells[f"Themes {status}"].split("\n") == [t.label for t in statuses[status]]


def test_same_comparison_same_bytes(edited_comparison) -> None:
    assert comparison_to_docx(edited_comparison) == comparison_to_docx(edited_comparison)


def test_control_characters_and_markup_are_kept_as_text(pandoc, tmp_path) -> None:
    from policydrift.compare import compare
    from policydrift.corpus.models import Sentence, Statement
    from policydrift.corpus.normalize import normalise_key

    def st(*texts: str) -> Statement:
        sents = tuple(Sentence(k, t, normalise_key(t), 0, len(t), k) for k, t in enumerate(texts))
        return Statement("x", "x", " ".join(texts), " ".join(texts), sents, date="2024-01-02")

    old = st("We <b>act</b> & now\x0b.", "Keep this sentence as it is.")
    new = st("We <b>act</b> & today.", "Keep this sentence as it is.")
    path = tmp_path / "x.docx"
    path.write_bytes(comparison_to_docx(compare(old, new)))
    assert (
        _body(pandoc_text(pandoc, path, "accept"))
        == "We <b>act</b> & today. Keep this sentence as it is."
    )
    assert (
        _body(pandoc_text(pandoc, path, "reject"))
        == "We <b>act</b> & now . Keep this sentence as it is."
    )


def test_strength_shifts_reach_the_summary_when_the_engine_gives_them(edited_comparison) -> None:
    """The shape the strength engine gives (``Comparison.shifts.rows``, one tuple per row) is
    read without knowing its class: each shift is listed with its row."""
    from dataclasses import replace
    from types import SimpleNamespace

    from policydrift.reports.redline.summary import build_summary

    edited = next(n for n, r in enumerate(edited_comparison.rows) if r.kind == "edited")
    shift = SimpleNamespace(
        direction="strengthened", scale="commitment", old_words="", new_words="strengthen"
    )
    rows = tuple((shift,) if n == edited else () for n in range(len(edited_comparison.rows)))
    c = replace(edited_comparison)
    object.__setattr__(c, "shifts", SimpleNamespace(rows=rows))  # a field once the engine lands
    summary = build_summary(c)
    text = "strengthened commitment: none -> 'strengthen'"
    assert [(s.number, s.text) for s in summary.shifts] == [(edited + 1, text)]
    assert ("Strength shifts", (f"row {edited + 1}: {text}",)) in summary.lists


def test_real_strength_shifts_in_the_word_summary(tmp_path) -> None:
    """ASEAN-U.S. 2022 -> 2023: the strength engine finds shifts; the summary lists each."""
    pair = next(p for p in PAIRS if p[0].name.startswith("2022-11-12"))
    c = comparison_of(*pair)
    found = [(n, s) for n, shifts in enumerate(c.shifts.rows, 1) for s in shifts]
    assert found
    path = tmp_path / "changes.docx"
    path.write_bytes(comparison_to_docx(c))
    cells = {r.cells[0].text: r.cells[1].text for r in docx.Document(str(path)).tables[0].rows}
    lines = cells["Strength shifts"].split("\n")
    assert len(lines) == len(found)
    for line, (n, shift) in zip(lines, found, strict=True):
        assert line.startswith(f"row {n}: {shift.direction} {shift.scale}: ")
