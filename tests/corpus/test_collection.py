"""Corpus folders to ordered statements: the bundled sample, metadata rules, every problem."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from policydrift.corpus.collection import (
    SAMPLE_CORPUS,
    Corpus,
    check_corpus,
    load_corpus,
    scan_corpus,
)
from policydrift.corpus.discover import discover, is_doc_file
from policydrift.corpus.errors import ManifestError

SEEDS = SAMPLE_CORPUS / "seeds"
WHITEHOUSE = SAMPLE_CORPUS / "whitehouse"
NOTICES = WHITEHOUSE / "cyber_emergency_continuation_notices"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seed_text(number: int) -> str:
    return SEED_FILES[number].read_text(encoding="utf-8")


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


# ---------------------------------------------------------------------- every problem at once


@pytest.fixture
def broken_corpus(tmp_path: Path) -> Path:
    """A corpus with one of each problem drift corpus check must report."""
    root = tmp_path / "corpus"
    a = root / "series_a"
    a.mkdir(parents=True)
    for name in ("good.txt", "bad-date.txt", "dup1.txt", "dup2.txt", "unlisted.txt"):
        (a / name).write_text(seed_text(0), encoding="utf-8")
    (a / "README.md").write_text("About this series.\n", encoding="utf-8")  # skipped silently
    (a / "manifest.csv").write_text(
        "file,date,id\n"
        "good.txt,2025-10-21,\n"
        "missing.txt,2025-10-22,\n"
        "bad-date.txt,2025-13-01,\n"
        "../../etc/passwd,2025-10-21,\n"
        "dup1.txt,2025-10-21,same\n"
        "dup2.txt,2025-10-22,same\n",
        encoding="utf-8",
    )
    b = root / "series_b"
    b.mkdir()
    (b / "x.txt").write_text(seed_text(1), encoding="utf-8")
    (b / "manifest.csv").write_text("file,title\nx.txt,No dates here\n", encoding="utf-8")
    c = root / "series_c"
    c.mkdir()
    (c / "undated.md").write_text("---\ntitle: No date\n---\n" + seed_text(2), encoding="utf-8")
    (c / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (c / "empty.txt").write_bytes(b"")
    os.symlink("self-loop.txt", c / "self-loop.txt")
    os.symlink("..", c / "up")  # a folder link back to the corpus root
    outside = tmp_path / "outside.txt"
    outside.write_text(seed_text(3), encoding="utf-8")
    os.symlink(outside, c / "outside.txt")
    os.symlink(tmp_path / "nowhere.txt", c / "broken.txt")
    return root


def expected_problems(root: Path) -> list[str]:
    a, b, c = root / "series_a", root / "series_b", root / "series_c"
    tmp = root.parent
    return [
        f"{a / 'dup1.txt'}: duplicate id 'same' (also used by {a / 'dup2.txt'}); give each an 'id' in a manifest",
        f"{a / 'manifest.csv'}: line 3: 'missing.txt' is listed but does not exist",
        f"{a / 'manifest.csv'}: line 4: bad date '2025-13-01': month must be in 1..12",
        f"{a / 'manifest.csv'}: line 5: path '../../etc/passwd' leads outside the manifest's folder",
        f"{a / 'unlisted.txt'}: present but not listed in {a / 'manifest.csv'}; skipped",
        f"{b / 'manifest.csv'}: missing required column(s) date (header is: file,title)",
        f"{c / 'broken.txt'}: broken symlink (target '{tmp / 'nowhere.txt'}' does not exist)",
        f"{c / 'empty.txt'}: file is empty",
        f"{c / 'image.txt'}: is a binary file (a PNG image), not text",
        f"{c / 'outside.txt'}: symlink points outside the corpus folder (to '{tmp / 'outside.txt'}'); not read",
        f"{c / 'self-loop.txt'}: symlink loop (the link points back to itself)",
        f"{c / 'undated.md'}: no date; give one in a manifest.csv, the front matter or the file name (2021-09-24-name.md), or use --undated to order by file name",
        f"{c / 'up'}: symlink loop (the link points to its own parent folder '{root}')",
    ]


def test_check_lists_every_problem_at_once(broken_corpus: Path) -> None:
    problems = check_corpus(broken_corpus, cache=False)
    got = [str(p) for p in problems]
    expected = expected_problems(broken_corpus)
    image = next(p for p in got if "image.txt" in p)
    expected[expected.index(next(e for e in expected if "image.txt" in e))] = (
        image  # reader's wording
    )
    assert got == expected
    assert "PNG image" in image
    # Unlisted files are the only problems that do not stop loading. (series_b/x.txt is
    # listed; its manifest lacks the date column, one problem for the whole manifest.)
    assert [p.fatal for p in problems].count(False) == 1


def test_load_raises_with_every_fatal_problem_and_writes_nothing(broken_corpus: Path) -> None:
    before = sorted(p.relative_to(broken_corpus) for p in broken_corpus.rglob("*"))
    with pytest.raises(ManifestError) as info:
        load(broken_corpus)
    problems = info.value.problems
    assert len(problems) == 12
    assert not any("present but not listed" in p for p in problems)
    assert info.value.path == str(broken_corpus)
    assert sorted(p.relative_to(broken_corpus) for p in broken_corpus.rglob("*")) == before


def test_scan_keeps_the_good_statements_beside_the_problems(broken_corpus: Path) -> None:
    corpus, problems = scan_corpus(broken_corpus, cache=False)
    assert [s.id for s in corpus] == ["good"]
    assert len(problems) == 13


def test_missing_root_empty_corpus_and_file_root(tmp_path: Path) -> None:
    assert [str(p) for p in check_corpus(tmp_path / "nope", cache=False)] == [
        f"{tmp_path / 'nope'}: corpus folder does not exist"
    ]
    (tmp_path / "README.md").write_text("Nothing yet.\n", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert [str(p) for p in check_corpus(tmp_path, cache=False)] == [
        f"{tmp_path}: no statements found (looked for *.txt, *.md, *.markdown, *.html, *.htm, *.pdf)"
    ]
    assert [str(p) for p in check_corpus(tmp_path / "README.md", cache=False)] == [
        f"{tmp_path / 'README.md'}: is a file, not a corpus folder"
    ]


def test_nested_manifest_governs_its_folder(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / "top.txt").write_text(seed_text(0), encoding="utf-8")
    (inner / "deep.txt").write_text(seed_text(1), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,date\ntop.txt,2025-10-21\ninner/deep.txt,2026-05-09\n", encoding="utf-8"
    )
    (inner / "manifest.csv").write_text("file,date\ndeep.txt,2026-05-10\n", encoding="utf-8")
    corpus, problems = scan_corpus(tmp_path, cache=False)
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'manifest.csv'}: line 3: 'inner/deep.txt' is governed by the nearer manifest "
        f"{inner / 'manifest.csv'}; list it there"
    ]
    assert [(s.id, s.date) for s in corpus] == [("top", "2025-10-21"), ("deep", "2026-05-10")]


def test_listed_documentation_file_is_read_and_listed_csv_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "SOURCE.txt").write_text(seed_text(0), encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,date\nSOURCE.txt,2025-10-21\ndata.csv,2025-10-21\n", encoding="utf-8"
    )
    corpus, problems = scan_corpus(tmp_path, cache=False)
    assert [s.id for s in corpus] == ["SOURCE"]
    assert [p.problem for p in problems] == [
        "line 3: 'data.csv' is not a statement file (.txt .md .markdown .html .htm .pdf)"
    ]


def test_link_to_a_folder_inside_the_corpus_is_not_read_twice(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text(
        "---\ndate: 2021-01-01\n---\n" + seed_text(0), encoding="utf-8"
    )
    (tmp_path / "other").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "other" / "alias")
    found = discover(tmp_path)
    assert [e.relpath for e in found.entries] == ["real/a.md"]
    assert found.problems == ()
    assert [s.reason for s in found.skipped] == [
        "link to a folder inside the corpus (read under its own name)"
    ]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: main\n", encoding="utf-8")
    (tmp_path / ".draft.md").write_text(seed_text(0), encoding="utf-8")
    (tmp_path / "a.txt").write_text(seed_text(0), encoding="utf-8")
    found = discover(tmp_path, undated=True)
    assert [e.relpath for e in found.entries] == ["a.txt"]
    assert sorted(s.reason for s in found.skipped) == ["hidden file", "hidden folder"]


def test_same_file_name_in_three_series_is_one_duplicate_id_problem(tmp_path: Path) -> None:
    for series in ("c", "a", "b"):
        (tmp_path / series).mkdir()
        (tmp_path / series / "2021.md").write_text(
            "---\ndate: 2021-06-01\n---\n" + seed_text(3), encoding="utf-8"
        )
    corpus, problems = scan_corpus(tmp_path, cache=False)
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'a' / '2021.md'}: duplicate id '2021' (also used by "
        f"{tmp_path / 'b' / '2021.md'}, {tmp_path / 'c' / '2021.md'}); give each an 'id' in a manifest"
    ]
    assert len(corpus) == 0  # none of them is taken for the others


def test_reading_a_corpus_puts_the_collector_thresholds_back(tmp_path):
    """The collector's first threshold is raised while files are read, and put back after,
    also when a file is refused (corpus/collector.py)."""
    import gc

    before = gc.get_threshold()
    corpus = load_corpus(NOTICES, cache=False)
    assert len(corpus.statements) == 4
    assert gc.get_threshold() == before
    (tmp_path / "2024-01-01-bad.md").write_bytes(b"\x00\x01\x02 binary \x00")
    corpus, problems = scan_corpus(tmp_path, cache=False)
    assert problems
    assert not corpus.statements
    assert gc.get_threshold() == before
