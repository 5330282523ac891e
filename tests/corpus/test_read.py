"""read_statement: files, stdin, formats, metadata, and every kind of bad input."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DATA
from policydrift.corpus import InputError, Statement, read_statement
from policydrift.corpus import read as read_module

SEEDS = DATA / "seeds"
WHITEHOUSE = DATA / "whitehouse"
PROSE = "The ministers met in Hanoi on Monday. They agreed on a joint plan for the region.\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def problem(path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_statement(path, **kwargs)
    assert info.value.path == os.fspath(path)
    assert os.fspath(path) not in info.value.problem
    return info.value.problem


# --- good input -------------------------------------------------------------------------------


def test_a_seed_reads_into_a_statement():
    path = SEEDS / "002_23602f18eb2f6ed8.txt"
    st = read_statement(path)
    assert isinstance(st, Statement)
    assert st.id == "002_23602f18eb2f6ed8"
    assert st.path == str(path)
    assert st.encoding == "utf-8"
    assert st.title == ""
    assert st.date is None
    assert st.text.startswith("Ministers and senior officials from all the 10 ASEAN member states")
    assert st.text.endswith("the digital economy becomes vulnerable to cyber attacks.")
    assert "Related Topics" not in st.text


def test_the_path_is_kept_as_given(tmp_path, monkeypatch):
    write(tmp_path, "note.txt", PROSE)
    monkeypatch.chdir(tmp_path)
    st = read_statement("note.txt")
    assert (st.id, st.path) == ("note", "note.txt")


def test_markdown_front_matter_becomes_metadata():
    path = next((WHITEHOUSE / "cyber_emergency_continuation_notices").glob("2021-*.md"))
    st = read_statement(path)
    assert st.id == path.stem
    assert st.date == "2021-03-29"
    assert st.title.startswith("Notice on the Continuation of the National Emergency")
    assert st.source.endswith("malicious-cyber-enabled-activities/")
    meta = dict(st.meta)
    assert meta["tags"] == "presidential-actions"
    assert meta["modified_time"] == "2021-03-29 13:23:14-04:00"
    assert [k for k, _ in st.meta] == sorted(k for k, _ in st.meta)
    assert "title" not in meta
    assert "date" not in meta
    assert "source_url" not in meta
    # raw is the rendered body: no front matter, no markup.
    assert "---" not in st.raw
    assert "presidential-actions" not in st.raw
    assert st.date_source == "front matter"


def test_front_matter_dates_in_other_forms(tmp_path):
    path = write(tmp_path, "a.md", f"---\ndate: 2022-03-30\ntitle: A\n---\n{PROSE}")
    assert read_statement(path).date == "2022-03-30"
    path = write(tmp_path, "b.md", f"---\ndate: March 30, 2022\n---\n{PROSE}")
    assert read_statement(path).date == "2022-03-30"
    path = write(tmp_path, "c.md", f"---\ndate: someday\n---\n{PROSE}")
    assert problem(path) == "front matter date 'someday' is not a date (write it as YYYY-MM-DD)"


def test_malformed_front_matter_is_an_input_error(tmp_path):
    path = write(tmp_path, "a.md", f"---\ntitle: [unclosed\n---\n{PROSE}")
    assert problem(path).startswith("front matter is not valid YAML")
    path = write(tmp_path, "b.md", f"---\n- a list\n---\n{PROSE}")
    assert problem(path) == "front matter must be 'key: value' lines"
    path = write(tmp_path, "c.md", "---\ntitle: Only metadata\n---\n\n")
    assert problem(path) == "has no text after its front matter"


def test_markdown_without_closing_front_matter_is_all_text(tmp_path):
    path = write(tmp_path, "a.md", f"---\n{PROSE}")
    st = read_statement(path)
    assert st.title == ""
    assert len(st.sentences) == 2


def test_stdin(tmp_path):
    st = read_statement("-", stdin=io.BytesIO(PROSE.encode("utf-16")))
    assert (st.id, st.path, st.encoding) == ("stdin", "-", "utf-16-le")
    assert [s.text for s in st.sentences] == [
        "The ministers met in Hanoi on Monday.",
        "They agreed on a joint plan for the region.",
    ]
    front = f"---\ntitle: From a pipe\ndate: '2024-01-02'\n---\n{PROSE}".encode()
    st = read_statement("-", stdin=io.BytesIO(front))
    assert (st.title, st.date) == ("From a pipe", "2024-01-02")


def test_stdin_reads_at_most_one_byte_over_the_limit():
    class Stream(io.BytesIO):
        sizes: list[int] = []

        def read(self, size=-1):
            self.sizes.append(size)
            return super().read(size)

    stream = Stream(b"x" * 1000)
    with pytest.raises(InputError) as info:
        read_statement("-", stdin=stream, max_bytes=100)
    assert info.value.problem == "is larger than the 100 bytes limit"
    assert stream.sizes == [101]


def test_mixed_line_endings_keep_offsets_consistent(tmp_path):
    path = write(tmp_path, "a.txt", b"First paragraph here.\r\n\r\nSecond one.\rThird one.\n")
    st = read_statement(path)
    assert "\r" not in st.raw
    assert [s.text for s in st.sentences] == ["First paragraph here.", "Second one.", "Third one."]
    assert all(st.raw[s.start : s.end] == s.text for s in st.sentences)
    assert [s.paragraph for s in st.sentences] == [0, 1, 2]


def test_cp1252_file(tmp_path):
    text = "The Nation\u2019s \u201cpartners\u201d met \u2013 in Caf\u00e9 Hanoi. They agreed.\n"
    st = read_statement(write(tmp_path, "a.txt", text.encode("cp1252")))
    assert st.encoding == "cp1252"
    assert (
        st.sentences[0].text
        == "The Nation\u2019s \u201cpartners\u201d met \u2013 in Caf\u00e9 Hanoi."
    )
    assert st.sentences[0].key == "the nation's partners met in café hanoi"


def test_unknown_suffix_is_read_as_text(tmp_path):
    st = read_statement(write(tmp_path, "statement.data", PROSE))
    assert st.id == "statement"
    assert len(st.sentences) == 2


def test_html_goes_through_formats(tmp_path):
    html = (
        '<html><head><title>Joint Statement</title><meta name="date" content="2023-11-01">'
        '<link rel="canonical" href="https://example.gov/s"></head><body><article>'
        "<p>The ministers met in Hanoi on Monday to discuss cybersecurity cooperation.</p>"
        "<p>They agreed on a joint plan for the region and its partners.</p>"
        "</article></body></html>"
    )
    st = read_statement(write(tmp_path, "page.html", html))
    assert (st.id, st.title, st.date, st.source) == (
        "page",
        "Joint Statement",
        "2023-11-01",
        "https://example.gov/s",
    )
    assert [s.text for s in st.sentences] == [
        "The ministers met in Hanoi on Monday to discuss cybersecurity cooperation.",
        "They agreed on a joint plan for the region and its partners.",
    ]
    assert all(st.raw[s.start : s.end] == s.text for s in st.sentences)


def test_pdf_goes_through_formats(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "The ministers met in Hanoi on Monday. They agreed on a joint plan.")
    path = tmp_path / "statement.pdf"
    pdf.output(str(path))
    st = read_statement(path)
    assert (st.id, st.encoding) == ("statement", "pdf")
    assert [s.text for s in st.sentences] == [
        "The ministers met in Hanoi on Monday.",
        "They agreed on a joint plan.",
    ]


def test_keep_all_keeps_furniture(tmp_path):
    text = f"Navigation\n\n{PROSE}{PROSE}\nRelated News\n\nOther story here."
    path = write(tmp_path, "a.txt", text)
    assert len(read_statement(path).sentences) == 4
    st = read_statement(path, keep_all=True)
    assert st.furniture == ()
    assert [s.text for s in st.sentences][0] == "Navigation"
    assert len(st.sentences) == 7


# --- bad input --------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    assert problem(tmp_path / "nope.txt") == "no such file"


def test_directory(tmp_path):
    assert problem(tmp_path) == "is a directory, not a file"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (PermissionError(13, "Permission denied"), "cannot be read: permission denied"),
        (OSError(5, "Input/output error"), "cannot be read: input/output error"),  # any other
    ],
    ids=["no read permission", "other OS error"],
)
def test_os_errors_on_open_become_input_errors(tmp_path, monkeypatch, error, expected):
    path = write(tmp_path, "a.txt", PROSE)

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr("builtins.open", fail)
    assert problem(path) == expected


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_no_read_permission_for_real(tmp_path):
    path = write(tmp_path, "a.txt", PROSE)
    path.chmod(0)
    assert problem(path) == "cannot be read: permission denied"


def test_symlink_loop(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert problem(loop).startswith("cannot be opened: too many levels of symbolic links")


def test_empty_file(tmp_path):
    assert problem(write(tmp_path, "a.txt", b"")) == "file is empty"


def test_whitespace_only(tmp_path):
    assert problem(write(tmp_path, "a.txt", " \n\t\u00a0\r\n")) == "contains only whitespace"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(30), "is a PNG image, not a text file"),
        (b"PK\x03\x04\x14\x00\x00\x00" + bytes(30), "is a ZIP archive"),
        (PROSE.encode() + b"\x00" + PROSE.encode(), "is binary data, not a text file"),
    ],
)
def test_binary_files(tmp_path, data, expected):
    assert problem(write(tmp_path, "a.txt", data)).startswith(expected)


def test_undecodable_file(tmp_path):
    data = bytes(range(128, 256)) * 8
    assert problem(write(tmp_path, "a.txt", data)).startswith("cannot be decoded")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(60_000_000)  # sparse: no disk used

    def never(*args, **kwargs):
        raise AssertionError("read a file over the limit")

    monkeypatch.setattr(read_module, "_read_limited", never)
    assert problem(path) == "is 60 MB, larger than the 50 MB limit"
    assert problem(write(tmp_path, "a.txt", PROSE), max_bytes=10) == (
        "is 82 bytes, larger than the 10 bytes limit"
    )


def test_max_bytes_must_be_positive():
    with pytest.raises(ValueError, match="max_bytes must be a positive integer: 0"):
        read_statement("x.txt", max_bytes=0)


def test_no_sentence_found(tmp_path):
    path = write(tmp_path, "a.txt", "Related News\n\n2020-12-16\n\n[Print](#)\n")
    assert problem(path) == "no sentence found (all 3 text blocks look like page furniture)"
    path = write(tmp_path, "b.txt", "*** --- ***\n")
    assert problem(path) == "no sentence found (all 1 text blocks look like page furniture)"


# --- imports stay light ---------------------------------------------------------------------


def test_reading_imports_no_pandas_or_scipy():
    code = (
        "import sys, corpus\n"
        "heavy = {'numpy', 'blingfire', 'yaml', 'charset_normalizer'} & set(sys.modules)\n"
        "corpus.read_statement(sys.argv[1])\n"
        "print(sorted(heavy), 'pandas' in sys.modules, 'scipy' in sys.modules)\n"
    )
    path = next((WHITEHOUSE / "asean_us").glob("*.md"))
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[] False False"


def test_dashes_in_a_text_file_are_not_front_matter(tmp_path):
    text = f"---\n{PROSE}---\n{PROSE}"
    st = read_statement(write(tmp_path, "a.txt", text))
    assert st.title == ""
    assert len(st.sentences) == 4
    # From stdin it looks like front matter, fails to parse as such, and is read as text.
    st = read_statement("-", stdin=io.BytesIO(f"---\nNot: valid: yaml: [\n---\n{PROSE}".encode()))
    assert st.title == ""
    assert st.sentences[-1].text == "They agreed on a joint plan for the region."


def test_impossible_front_matter_date_is_a_clean_error(tmp_path):
    from policydrift.corpus import InputError, read_statement

    path = tmp_path / "bad.md"
    path.write_text("---\ndate: 2025-02-30\ntitle: x\n---\nWe met today. We agreed.\n")
    with pytest.raises(InputError, match="impossible value: day is out of range for month"):
        read_statement(path)
