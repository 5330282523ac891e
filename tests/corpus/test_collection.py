"""Corpus folders to ordered statements: the bundled sample and the metadata rules.

Every problem a corpus can have: ``test_collection_problems.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import SEEDS, seed_text
from policydrift.corpus.collection import (
    SAMPLE_CORPUS,
    Corpus,
    check_corpus,
    load_corpus,
)
from policydrift.corpus.discover import is_doc_file
from policydrift.corpus.errors import ManifestError

WHITEHOUSE = SAMPLE_CORPUS / "whitehouse"
NOTICES = WHITEHOUSE / "cyber_emergency_continuation_notices"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def load(root, **options) -> Corpus:
    return load_corpus(root, cache=False, **options)


# ------------------------------------------------------------------------- the sample corpus


def test_sample_corpus_loads_all_24_statements_in_order() -> None:
    corpus = load(SAMPLE_CORPUS)
    assert len(corpus) == 24
    assert corpus.problems == ()
    keys = [(s.date, s.series or "", s.id) for s in corpus]
    assert keys == sorted(keys)
    assert corpus.statements[0].id == "002_23602f18eb2f6ed8"  # 2017, the oldest seed
    assert corpus.statements[-1].id == "001_be354720912bd893"  # 2026
    # Every statement is dated and has sentences whose text is its raw text at the offsets.
    for statement in corpus:
        assert len(statement.date or "") == 10
        assert statement.sentences
        assert all(s.text == statement.raw[s.start : s.end] for s in statement.sentences)
        assert Path(statement.path).is_relative_to(SAMPLE_CORPUS)


def test_sample_corpus_metadata_from_manifest_front_matter_and_folders() -> None:
    corpus = load(SAMPLE_CORPUS)
    by_id = {s.id: s for s in corpus}
    seed = by_id["003_f3c8cea24e4c5715"]
    assert (seed.date, seed.series, seed.title) == (
        "2020-12-07",
        "ASEAN-China Cyber Dialogue",
        "Co-Chairs' Statement on the 1st ASEAN-China Cyber Dialogue",
    )
    assert seed.source.startswith("fmprc.gov.cn/")
    assert (
        "publisher",
        "Ministry of Foreign Affairs of the People's Republic of China",
    ) in seed.meta
    notice = by_id[
        "2023-03-29-notice-on-the-continuation-of-the-national-emergency-with-respect-to-"
        "significant-malicious-cyber-enabled-activities-3"
    ]
    # Dates and titles from the front matter, series from the folder holding the file.
    assert notice.date == "2023-03-29"
    assert notice.series == "cyber_emergency_continuation_notices"
    assert notice.source.startswith("https://bidenwhitehouse.archives.gov/")
    assert corpus.series == (
        "ASEAN Chairman's Statement",
        "ASEAN Ministerial Conference on Cybersecurity",
        "ASEAN-China Cyber Dialogue",
        "ASEAN-US Cyber Policy Dialogue",
        "ASEAN-US Summit",
        "asean_us",
        "counter_ransomware_initiative",
        "cyber_awareness_month_proclamations",
        "cyber_emergency_continuation_notices",
        "quad_senior_cyber_group",
    )
    assert [s.date for s in corpus.in_series("cyber_awareness_month_proclamations")] == [
        "2021-09-30",
        "2022-09-30",
        "2023-09-29",
        "2024-09-30",
        "2025-10-17",
    ]


def test_sample_corpus_skips_documentation_and_data_files() -> None:
    corpus = load(SAMPLE_CORPUS)
    skipped = {Path(s.path).relative_to(SAMPLE_CORPUS).as_posix(): s.reason for s in corpus.skipped}
    assert skipped == {
        "README.md": "documentation file (README, LICENSE, SOURCE), not a statement",
        "provenance.csv": "not a statement file type (.csv)",
        "seeds/manifest.csv": "manifest",
        "whitehouse/LICENSE_CC0.txt": "documentation file (README, LICENSE, SOURCE), not a statement",
        "whitehouse/SOURCE.md": "documentation file (README, LICENSE, SOURCE), not a statement",
    }


def test_a_series_folder_loads_on_its_own() -> None:
    corpus = load(WHITEHOUSE)
    assert len(corpus) == 19
    assert len(corpus.series) == 5
    assert check_corpus(SEEDS, cache=False) == []


@pytest.mark.parametrize(
    ("name", "doc"),
    [
        ("README", True),
        ("readme.txt", True),
        ("LICENSE_CC0.txt", True),
        ("Licence.md", True),
        ("SOURCE.md", True),
        ("COPYING", True),
        ("source-code-security-2021.md", False),
        ("sources.md", False),
        ("2021-readme.md", False),
    ],
)
def test_documentation_file_names(name: str, doc: bool) -> None:
    assert is_doc_file(name) is doc


# ------------------------------------------------------------------- metadata and ordering


def test_manifest_wins_over_front_matter_and_folder(tmp_path: Path) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    source = NOTICES / sorted(os.listdir(NOTICES))[0]
    shutil.copy(source, folder / "n2021.md")
    (folder / "manifest.csv").write_text(
        "file,date,id,title,series,parties\n"
        "n2021.md,2021-04-01,notice-2021,My title,emergency notices,United States\n",
        encoding="utf-8",
    )
    (statement,) = load(tmp_path).statements
    assert (statement.id, statement.date, statement.title, statement.series) == (
        "notice-2021",
        "2021-04-01",
        "My title",
        "emergency notices",
    )
    # The front matter's own source stays where the manifest says nothing.
    assert statement.source.startswith("https://bidenwhitehouse.archives.gov/")
    assert ("parties", "United States") in statement.meta
    assert ("tags", "presidential-actions") in statement.meta  # front matter keys are kept too


def test_front_matter_series_beats_the_folder_name(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.md").write_text(
        "---\ndate: 2021-05-01\nseries: Dialogue\n---\nWe met in Singapore. We agreed to meet again.\n",
        encoding="utf-8",
    )
    assert load(tmp_path).statements[0].series == "Dialogue"


def test_order_is_date_then_series_then_id_and_partial_dates_come_first(tmp_path: Path) -> None:
    text = seed_text(3)
    for name in ("b", "a", "c", "d"):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,date,series\nb.txt,2021-03-05,X\na.txt,2021-03-05,X\nc.txt,2021,Z\nd.txt,2021-03-05,A\n",
        encoding="utf-8",
    )
    corpus = load(tmp_path)
    assert [(s.date, s.series, s.id) for s in corpus] == [
        ("2021", "Z", "c"),
        ("2021-03-05", "A", "d"),
        ("2021-03-05", "X", "a"),
        ("2021-03-05", "X", "b"),
    ]


def test_undated_orders_by_file_path_and_keeps_known_dates(tmp_path: Path) -> None:
    for rel in ("b/2.txt", "a/9.txt", "a/10.txt", "top.txt"):
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text(seed_text(0), encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        load(tmp_path)
    assert len(info.value.problems) == 4
    assert all(
        "no date; give one in a manifest.csv, the front matter or the file name (2021-09-24-name.md)"
        in p
        for p in info.value.problems
    )
    corpus = load(tmp_path, undated=True)
    assert [Path(s.path).relative_to(tmp_path).as_posix() for s in corpus] == [
        "a/10.txt",
        "a/9.txt",
        "b/2.txt",
        "top.txt",
    ]
    # A file directly in the corpus folder belongs to the series named after the folder.
    assert [s.series for s in corpus] == ["a", "a", "b", tmp_path.name]


def test_html_and_pdf_statements_in_a_corpus(tmp_path: Path) -> None:
    from fpdf import FPDF

    paragraphs = [line for line in seed_text(3).splitlines() if line.strip()]
    body = "".join(f"<p>{p}</p>" for p in paragraphs).replace("'", "&#39;")
    (tmp_path / "china.html").write_text(
        f"<html><head><title>Co-Chairs</title><meta name='date' content='2020-12-07'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    pdf = FPDF()
    pdf.set_creation_date(
        __import__("datetime").datetime(2021, 10, 26, tzinfo=__import__("datetime").UTC)
    )
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in seed_text(4).splitlines():
        if paragraph.strip():
            safe = paragraph.encode("latin-1", "replace").decode("latin-1")
            pdf.multi_cell(0, 6, safe, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    (tmp_path / "us.pdf").write_bytes(bytes(pdf.output()))
    # A PDF's metadata says when the file was made: only read when asked for.
    with pytest.raises(ManifestError, match=r"us\.pdf: no date"):
        load(tmp_path)
    corpus = load_corpus(tmp_path, cache=False, pdf_date=True)
    assert [(s.id, s.date, s.title, s.date_source) for s in corpus] == [
        ("china", "2020-12-07", "Co-Chairs", "page metadata"),
        ("us", "2021-10-26", "", "PDF metadata"),
    ]
    assert all(len(s.sentences) >= 10 for s in corpus)
    (tmp_path / "us.pdf").rename(tmp_path / "2021-10-26-us.pdf")
    dated = load(tmp_path)
    assert [(s.date, s.date_source) for s in dated][1] == ("2021-10-26", "file name")


def test_progress_is_called_once_per_file_in_order() -> None:
    calls = []
    load(SEEDS, progress=lambda done, total, name: calls.append((done, total, name)))
    assert calls == [(i + 1, 5, path.name) for i, path in enumerate(SEED_FILES)]


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="max_bytes must be a positive integer: 0"):
        load(SEEDS, max_bytes=0)
    with pytest.raises(TypeError, match="progress must be callable"):
        load(SEEDS, progress="yes")


def test_size_cap_makes_a_file_unreadable(tmp_path: Path) -> None:
    shutil.copy(SEED_FILES[0], tmp_path / "a.txt")
    (tmp_path / "manifest.csv").write_text("file,date\na.txt,2025-10-21\n", encoding="utf-8")
    problems = check_corpus(tmp_path, cache=False, max_bytes=1000)
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'a.txt'}: is 2.961 kB, larger than the 1 kB limit"
    ]
