"""Every problem a corpus folder can have, reported at once: manifests, dates, duplicates,
unreadable files, links, hidden and documentation files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import seed_text
from policydrift.corpus.collection import check_corpus, load_corpus, scan_corpus
from policydrift.corpus.discover import discover
from policydrift.corpus.errors import ManifestError


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
        load_corpus(broken_corpus, cache=False)
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
