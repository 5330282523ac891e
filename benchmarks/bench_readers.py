"""Reading long documents: a 50-page PDF and a 100-page Word file, against the same text.

Both documents are made here from the sample statements (the seeds and the White House
Markdown files, their sentences repeated until the length is reached): the PDF with fpdf2
(A4, 11 pt Helvetica, a running header, a footer with a URL and "Page N of M", page breaks
wherever a page is full), the Word file with python-docx (a heading every 20 paragraphs). The baseline, run in the same process, reads the same paragraphs as a
plain text file. Printed: pages, time, sentences, the ratio to the baseline, and whether the
sentences equal those of the plain text.

Run: ``.venv/bin/python benchmarks/bench_readers.py`` (needs the ``test`` extra: fpdf2,
python-docx).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from policydrift.corpus import read_statement
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from helpers import printout  # noqa: E402  (the print-out the reader tests use)

_ASCII = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def sample_paragraphs() -> list[str]:
    """Every sentence of the sample corpus, one paragraph each, in latin-1 for the PDF font."""
    corpus = load_corpus(SAMPLE_CORPUS, cache=False)
    out = []
    for statement in corpus:
        for s in statement.sentences:
            text = " ".join(s.text.split()).translate(_ASCII)
            text = text.encode("latin-1", "replace").decode("latin-1").replace("?", "'")
            if len(text) > 40 and text[-1] in ".;:":
                out.append(text)
    return out


def make_pdf(paragraphs: list[str], pages: int, path: Path) -> int:
    pdf = printout("Ministry of Foreign Affairs - Statements", "https://www.example.gov/statements")
    pdf.set_font("Helvetica", size=11)
    used = 0
    while pdf.page_no() < pages or pdf.get_y() < 200:
        pdf.multi_cell(0, 5.5, paragraphs[used % len(paragraphs)], new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        used += 1
        if pdf.page_no() >= pages and pdf.get_y() > 200:
            break
    path.write_bytes(bytes(pdf.output()))
    return used


def make_docx(paragraphs: list[str], words: int, path: Path) -> int:
    import docx

    document = docx.Document()
    used = count = 0
    while count < words:
        if used % 20 == 0:
            document.add_heading(f"Part {used // 20 + 1}", 1)
        text = paragraphs[used % len(paragraphs)]
        document.add_paragraph(text)
        count += len(text.split())
        used += 1
    document.save(path)
    return used


def timed(path: Path) -> tuple[float, int, list[str]]:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        statement = read_statement(path, max_bytes=200_000_000)
        best = min(best, time.perf_counter() - start)
    return best, len(statement.sentences), [" ".join(s.text.split()) for s in statement.sentences]


def main() -> None:
    paragraphs = sample_paragraphs()
    with tempfile.TemporaryDirectory() as folder:
        pdf, docx_path = Path(folder) / "long.pdf", Path(folder) / "long.docx"
        n_pdf = make_pdf(paragraphs, 50, pdf)
        n_docx = make_docx(paragraphs, 100 * 500, docx_path)  # ~500 words a Word page
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
        for label, path, used, unit in (
            (f"PDF, {pages} pages", pdf, n_pdf, "pdf"),
            ("DOCX, ~100 pages (50,000 words)", docx_path, n_docx, "docx"),
        ):
            plain = Path(folder) / f"{unit}.txt"
            plain.write_text("\n\n".join(paragraphs[k % len(paragraphs)] for k in range(used)))
            base, base_n, base_sentences = timed(plain)
            took, n, sentences = timed(path)
            same = sentences == base_sentences
            print(
                f"{label:34} {took:6.2f} s  {n:6} sentences  "
                f"({took / base:5.1f}x the same text as .txt: {base:.2f} s, {base_n} sentences; "
                f"same sentences: {same})"
            )


if __name__ == "__main__":
    main()
