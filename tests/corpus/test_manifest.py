"""manifest.csv: reading, validation (every problem with its line), and the corpus date format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import SEEDS
from hypothesis import given
from hypothesis import strategies as st
from policydrift.corpus.manifest import normalise_relpath, parse_date, read_manifest


def write(folder: Path, text: str, name: str = "manifest.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(manifest) -> list[str]:
    return [p.problem for p in manifest.problems]


def test_the_seed_manifest_reads_without_problems() -> None:
    manifest = read_manifest(SEEDS / "manifest.csv")
    assert manifest.problems == ()
    assert [r.relpath for r in manifest.rows] == sorted(p.name for p in SEEDS.glob("*.txt"))
    first = manifest.rows[0]
    assert first.line == 2
    assert first.date == "2025-10-21"
    assert first.title == "Joint Statement of the 6th U.S.-ASEAN Cyber Policy Dialogue"
    assert first.series == "ASEAN-US Cyber Policy Dialogue"
    assert (first.id, first.source_url) == (None, None)  # blank cells are absent, not ""
    # Columns drift does not know are kept as metadata.
    assert first.meta == (("kind", "joint statement"), ("publisher", "U.S. Department of State"))
    china = next(r for r in manifest.rows if r.relpath.startswith("003_"))
    assert china.source_url.startswith("fmprc.gov.cn/mfa_eng/")


def test_known_optional_columns_and_header_spelling(tmp_path: Path) -> None:
    text = (
        "\ufeff File , Date ,ID,Title,Series,Parties,Source_URL,Language\n"
        "notices/2021.md,2021-03-29,notice-2021,Notice,notices,United States,https://x.gov/a,en\n"
    )
    manifest = read_manifest(write(tmp_path, text))
    assert manifest.problems == ()
    (row,) = manifest.rows
    assert (row.relpath, row.date, row.id, row.title, row.series, row.source_url) == (
        "notices/2021.md",
        "2021-03-29",
        "notice-2021",
        "Notice",
        "notices",
        "https://x.gov/a",
    )
    assert row.meta == (("parties", "United States"), ("language", "en"))


def test_missing_required_columns_are_one_problem(tmp_path: Path) -> None:
    manifest = read_manifest(
        write(tmp_path, "name,when,title\na.txt,2021-01-01,A\n"), display="m.csv"
    )
    assert manifest.rows == ()
    assert [str(p) for p in manifest.problems] == [
        "m.csv: missing required column(s) file, date (header is: name,when,title)"
    ]


def test_date_column_is_optional_when_undated(tmp_path: Path) -> None:
    manifest = read_manifest(write(tmp_path, "file,title\na.txt,A\n"), require_date=False)
    assert manifest.problems == ()
    assert manifest.rows[0].date is None


def test_every_row_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    text = (
        "file,date,title\n"
        "a.txt,2021-02-30,day out of range\n"
        "b.txt,21/03/2021,not ISO\n"
        "c.txt,,no date\n"
        "../../etc/passwd,2021-01-01,escape\n"
        "/etc/passwd,2021-01-01,absolute\n"
        ",2021-01-01,no file\n"
        "d.txt,2021-01-01,fine\n"
        "./d.txt,2021-05-01,listed twice\n"
        'e.txt,2021-01-01,"two\nlines",extra\n'
        "\n"
        "f.txt,2021,a year is a date\n"
    )
    manifest = read_manifest(write(tmp_path, text), display="m.csv")
    assert messages(manifest) == [
        "line 2: bad date '2021-02-30': day is out of range for month",
        "line 3: bad date '21/03/2021': expected YYYY-MM-DD (or YYYY-MM, YYYY)",
        "line 4: no date for 'c.txt' (give YYYY-MM-DD, or use --undated)",
        "line 5: path '../../etc/passwd' leads outside the manifest's folder",
        "line 6: absolute path '/etc/passwd' is not allowed; give the path relative to the manifest",
        "line 7: the 'file' cell is empty",
        "line 9: file './d.txt' is already listed on line 8",
        "line 10: 4 cells but only 3 columns",
    ]
    # Rows with a bad date stay listed (so their file is not "unlisted"), marked not ok.
    assert [(r.relpath, r.ok) for r in manifest.rows] == [
        ("a.txt", False),
        ("b.txt", False),
        ("c.txt", False),
        ("d.txt", True),
        ("e.txt", False),
        ("f.txt", True),
    ]
    assert manifest.rows[-1].line == 13  # the quoted cell spanning two lines is counted


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty manifest: no header row (need columns file,date)"),
        (b"file,date\n\xff\xfe,2021-01-01\n", "not UTF-8 text (bad byte at offset 10)"),
        (b'file,date\n"a.txt,2021-01-01\n', "not a valid CSV file: unexpected end of data"),
        (
            b"file,file,date\na.txt,a.txt,2021-01-01\n",
            "line 1: column(s) file appear more than once",
        ),
    ],
)
def test_unreadable_manifests(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "manifest.csv"
    path.write_bytes(content)
    assert messages(read_manifest(path)) == [problem]


def test_missing_manifest_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    manifest = read_manifest(tmp_path / "manifest.csv")
    assert messages(manifest) == ["cannot read the manifest: No such file or directory"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2022-05-13", "2022-05-13"),
        ("2021-10", "2021-10"),
        ("2017", "2017"),
        (" 2024-02-29 ", "2024-02-29"),
        ("2022-05-13T21:33:59-04:00", "2022-05-13"),
        ("2022-05-13 21:33", "2022-05-13"),
        ("2022-05-13T09:00:00Z", "2022-05-13"),
    ],
)
def test_parse_date_accepts(given: str, expected: str) -> None:
    assert parse_date(given) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "2023-02-29",
        "2021-13",
        "2021-00-10",
        "13/05/2022",
        "May 2022",
        "2022-5-1",
        "2022-05T10:00",
        "20222",
    ],
)
def test_parse_date_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="bad date"):
        parse_date(bad)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_parse_date_round_trips_every_real_date(day: dt.date) -> None:
    text = day.isoformat()
    assert parse_date(text) == text
    assert parse_date(text[:7]) == text[:7]


def test_partial_dates_sort_before_full_dates_of_their_period() -> None:
    dates = [parse_date(d) for d in ("2021-03-05", "2021", "2020-12-31", "2021-03")]
    assert sorted(dates) == ["2020-12-31", "2021", "2021-03", "2021-03-05"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("a.txt", "a.txt"),
        ("./sub/../b.md", "b.md"),
        ("sub\\c.html", "sub/c.html"),
        ("x/./y.pdf", "x/y.pdf"),
    ],
)
def test_normalise_relpath(given: str, expected: str) -> None:
    assert normalise_relpath(given) == expected


@pytest.mark.parametrize(
    "bad", ["../a.txt", "sub/../../a.txt", "/abs.txt", "C:\\x.txt", "~/x.txt", ".", "sub/.."]
)
def test_normalise_relpath_rejects_paths_leaving_the_folder(bad: str) -> None:
    with pytest.raises(
        ValueError, match=r"leads outside|absolute path|names the manifest's own folder"
    ):
        normalise_relpath(bad)
