"""Real sample statements converted in the test to Markdown with markup, a multi-page PDF with
running headers, footers, page numbers and hyphenated line ends, and a Word file with headings,
a numbered list and a tracked change: each reads to the same sentences as the clean text."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF
from helpers import SEEDS, printout
from policydrift.corpus import read_statement
from policydrift.corpus.errors import InputError

_ASCII = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})


def seed(name: str) -> tuple[str, list[str]]:
    """A seed's title line and its paragraphs (ASCII quotes, for the PDF's core font)."""
    lines = [" ".join(line.split()).translate(_ASCII) for line in (SEEDS / name).read_text(
        encoding="utf-8").splitlines() if line.strip()]  # fmt: skip
    return lines[0], lines[1:]


def sentences(path: Path) -> list[str]:
    return [" ".join(s.text.split()) for s in read_statement(path).sentences]


@pytest.fixture(params=["004_740a3e3daa21dc44.txt", "003_f3c8cea24e4c5715.txt"])
def sample(request, tmp_path: Path) -> tuple[str, list[str], list[str]]:
    title, paragraphs = seed(request.param)
    clean = tmp_path / "clean.txt"
    clean.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return title, paragraphs, sentences(clean)


# ------------------------------------------------------------------------------- Markdown


def marked_up(paragraph: str, n: int) -> str:
    """The paragraph with the markup exported pages carry, the words unchanged."""
    if paragraph == "###":  # a press release's end mark, escaped as exporters do
        return "\\###"
    words = paragraph.split(" ")
    if n % 3 == 0 and words[0].isupper():
        words[0] = f"**{words[0]}**"  # a bold lead word
    elif n % 3 == 1 and len(words) > 6:
        words[2] = f"[{words[2]}](https://example.org/{n})"  # a link
    elif n % 3 == 2 and len(words) > 4:
        words[1] = f"<u>{words[1]}</u>"  # inline HTML
    text = " ".join(words).replace("&", "&amp;")
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1<sup>\2</sup>", text)
    text = re.sub(r"^(\d+)\. ", r"\1\\. ", text)  # keep a leading number as text
    return "\n".join(textwrap.wrap(text, 72, break_on_hyphens=False, break_long_words=False))


def test_markdown_with_markup_reads_as_the_clean_text(sample, tmp_path: Path) -> None:
    title, paragraphs, clean = sample
    body = []
    for n, paragraph in enumerate(paragraphs):
        if n in (3, 8):
            body.append(f"**<u>Part {n}: Cooperation</u>**" if n == 3 else f"## Part {n}")
        body.append(marked_up(paragraph, n))
    path = tmp_path / "statement.md"
    path.write_text(f"---\ntitle: T\n---\n# {title}\n\n" + "\n\n".join(body) + "\n")
    st = read_statement(path)
    assert [" ".join(s.text.split()) for s in st.sentences] == clean
    assert [s.title for s in st.sections] == [title, "Part 3: Cooperation", "Part 8"]
    assert {s.section for s in st.sentences} == {0, 1, 2}
    assert not re.search(r"\*\*|<u>|<sup>|\]\(|&amp;|\\", st.raw)


# ------------------------------------------------------------------------------------ PDF


def printed_pdf(title: str, paragraphs: list[str]) -> bytes:
    """Lines set one by one, page breaks wherever the page is full (inside sentences too),
    every ninth line ending in a word hyphenated across the line break."""
    pdf = printout(
        "Ministry of Foreign Affairs - Press Releases", "https://www.example.gov/press/2021/10/26"
    )
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    count = 0
    for paragraph in paragraphs:
        lines = textwrap.wrap(paragraph, 88, break_on_hyphens=False, break_long_words=False)
        for i in range(len(lines) - 1):
            count += 1
            head, _, rest = lines[i + 1].partition(" ")
            if count % 9 == 0 and re.fullmatch(r"[a-z]{8,}", head) and rest:
                lines[i] += f" {head[:4]}-"
                lines[i + 1] = head[4:] + " " + rest
        for line in lines:
            pdf.cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def test_multi_page_pdf_with_furniture_reads_as_the_clean_text(sample, tmp_path: Path) -> None:
    title, paragraphs, clean = sample
    path = tmp_path / "2021-10-26-statement.pdf"
    path.write_bytes(printed_pdf(title, paragraphs))
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    layer = "\n".join(page.extract_text() for page in reader.pages)
    assert "Page 2 of" in layer
    assert "Ministry of Foreign Affairs" in layer
    assert "-\n" in layer
    got = sentences(path)
    assert got[0] == title  # the title is the first line of the first page, kept
    assert got[1:] == clean
    st = read_statement(path)
    assert (st.date, st.date_source) == ("2021-10-26", "file name")


def test_pdf_date_is_not_taken_from_metadata_unless_asked(tmp_path: Path) -> None:
    title, paragraphs = seed("003_f3c8cea24e4c5715.txt")
    path = tmp_path / "statement.pdf"
    path.write_bytes(printed_pdf(title, paragraphs))  # fpdf2 stamps today's date
    assert read_statement(path).date is None
    asked = read_statement(path, pdf_date=True)
    assert asked.date_source == "PDF metadata"
    assert asked.date is not None


def test_ligatures_in_a_pdf_text_layer_are_spelled_out(tmp_path: Path) -> None:
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("DejaVu Sans (fonts-dejavu-core) is not installed")
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(
        0, 6, "We will cooperate on arti\ufb01cial intelligence and e\ufb00ective \ufb02ows."
    )
    path = tmp_path / "ligatures.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert sentences(path) == ["We will cooperate on artificial intelligence and effective flows."]


# ----------------------------------------------------------------------------------- Word


def _tracked(paragraph, deleted: str, inserted: str) -> None:
    """Append a tracked deletion and a tracked insertion to a python-docx paragraph."""
    for tag, text_tag, text in (("w:del", "w:delText", deleted), ("w:ins", "w:t", inserted)):
        change = OxmlElement(tag)
        change.set(qn("w:id"), str(len(text)))
        change.set(qn("w:author"), "Drafter")
        run = OxmlElement("w:r")
        t = OxmlElement(text_tag)
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        change.append(run)
        paragraph._p.append(change)


def test_docx_reads_as_the_clean_text(sample, tmp_path: Path) -> None:
    title, paragraphs, clean = sample
    document = docx.Document()
    document.add_heading(title, 0)
    for n, paragraph in enumerate(paragraphs):
        if n == 4:
            document.add_heading("Cooperation", 1)
        if n == 2:  # the last word arrives through tracked changes: old deleted, new inserted
            head, _, last = paragraph.rpartition(" ")
            p = document.add_paragraph(head + " ")
            _tracked(p, "obsolete wording ", last)
            document.add_comment(p.runs[0], text="Check this with legal", author="Reviewer")
        else:
            document.add_paragraph(paragraph)
    path = tmp_path / "statement.docx"
    document.save(path)
    st = read_statement(path)
    assert [" ".join(s.text.split()) for s in st.sentences] == clean
    assert [s.title for s in st.sections] == [title, "Cooperation"]
    assert "obsolete" not in st.raw
    assert "legal" not in st.raw


def test_docx_numbered_list_keeps_its_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("The ministers decided to:")
    for item in ("Meet again in 2022.", "Set up a working group.", "Report to the leaders."):
        document.add_paragraph(item, style="List Number")
    document.add_paragraph("A bullet is not a number.", style="List Bullet")
    path = tmp_path / "decisions.docx"
    document.save(path)
    assert sentences(path) == [
        "The ministers decided to:",
        "1. Meet again in 2022.",
        "2. Set up a working group.",
        "3. Report to the leaders.",
        "A bullet is not a number.",
    ]


def _zip(entries: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_BODY = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>We agree on the plan.</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize(
    ("entries", "max_bytes", "problem"),
    [
        ({"word/document.xml": _BODY + b" " * 5000}, 4000, "inflates to"),
        ({f"x{n}": b"" for n in range(150)} | {"word/document.xml": _BODY}, 50_000, "entries"),
        (
            {
                "word/document.xml": b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                + _BODY
            },
            10**6,
            "declares a DTD",
        ),
        ({"word/other.xml": _BODY}, 10**6, "no word/document.xml"),
        ({"word/document.xml": b"<w:document"}, 10**6, "not well-formed XML"),
    ],
)
def test_hostile_docx_is_refused_in_one_line(tmp_path, entries, max_bytes, problem) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(_zip(entries))
    with pytest.raises(InputError, match=problem):
        read_statement(path, max_bytes=max_bytes)


def test_docx_bomb_is_refused_before_it_is_inflated(tmp_path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip({"word/document.xml": _BODY[:-21] + b" " * 60_000_000 + _BODY[-21:]}))
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError, match="inflates to"):
        read_statement(path)


def test_odt_reads_headings_paragraphs_and_final_text(tmp_path) -> None:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f"<office:document-content {ns}><office:body><office:text>"
        "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion>"
        "<text:p>Deleted wording.</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:h text:outline-level='1'>Cyber</text:h>"
        "<text:p>We agree<text:s text:c='2'/>on the plan."
        "<office:annotation><text:p>A comment.</text:p></office:annotation></text:p>"
        "</office:text></office:body></office:document-content>"
    ).encode()
    path = tmp_path / "a.odt"
    path.write_bytes(_zip({"mimetype": b"application/vnd.oasis.opendocument.text",
                           "content.xml": content}))  # fmt: skip
    st = read_statement(path)
    assert [s.text for s in st.sentences] == ["We agree on the plan."]
    assert [s.title for s in st.sections] == ["Cyber"]
    assert "Deleted" not in st.raw
    assert "comment" not in st.raw
