"""HTML pages and PDF files made from the seed statements, read back by corpus.formats."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from fpdf import FPDF
from helpers import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policydrift.corpus.errors import InputError
from policydrift.corpus.formats import html_to_text, pdf_to_text

ASEAN_CHINA = SEEDS / "003_f3c8cea24e4c5715.txt"  # 2020 co-chairs' statement, 15 paragraphs
ASEAN_US = SEEDS / "004_740a3e3daa21dc44.txt"  # 2021 leaders' statement, 10 KB: several pages
_ASCII = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})


def paragraphs_of(path) -> list[str]:
    """The seed's paragraphs: its non-blank lines, spaces collapsed."""
    text = path.read_text(encoding="utf-8")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def flat(paragraph: str) -> str:
    return " ".join(paragraph.split())


def realistic_page(paragraphs: list[str], *, title: str) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | Ministry of Foreign Affairs</title>
<meta property="og:title" content="{html.escape(title)}">
<meta name="date" content="2020-12-16">
<link rel="canonical" href="https://www.fmprc.gov.cn/mfa_eng/202012/t20201216_599781.html">
<script>window.dataLayer = []; function track() {{ return "<p>Tracking code</p>"; }}</script>
<style>.nav {{ color: #333; }}</style>
</head><body>
<header><div class="logo">Ministry of Foreign Affairs</div>
<nav class="nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/about">About the Ministry</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
</header>
<main><article><h1>{html.escape(title)}</h1>
{body}
</article></main>
<aside><h3>Related News</h3><ul>
<li><a href="/n1">Foreign Minister meets counterpart from Brunei</a></li>
<li><a href="/n2">Spokesperson's regular press conference</a></li></ul></aside>
<footer><p>Copyright 2020 Ministry of Foreign Affairs. All rights reserved.</p>
<p><a href="/sitemap">Sitemap</a> | <a href="/privacy">Privacy</a></p></footer>
<script>track();</script>
</body></html>"""


# ----------------------------------------------------------------------------------- HTML


def test_html_page_gives_main_text_without_furniture() -> None:
    paragraphs = paragraphs_of(ASEAN_CHINA)
    title = "Co-Chairs' Statement on the 1st ASEAN-China Cyber Dialogue"
    text, meta = html_to_text(realistic_page(paragraphs, title=title), path="page.html")
    got = text.split("\n\n")
    # Every paragraph of the statement is there, whole and in order...
    assert [p for p in got if p in paragraphs] == paragraphs
    # ...and none of the navigation, scripts, related links or footer.
    for furniture in (
        "About the Ministry",
        "Tracking code",
        "dataLayer",
        "Related News",
        "Brunei",
        "All rights reserved",
        "Sitemap",
        "color: #333",
    ):
        assert furniture not in text
    assert meta == {
        "title": title,
        "date": "2020-12-16",
        "source_url": "https://www.fmprc.gov.cn/mfa_eng/202012/t20201216_599781.html",
    }


def test_html_paragraphs_are_separated_by_blank_lines_and_br_kept_inside() -> None:
    paragraphs = paragraphs_of(ASEAN_CHINA)
    # Source line breaks inside a <p> are spaces; a <br> is a line break inside the paragraph.
    wrapped = [p.replace(", ", ",\n      ", 2) for p in paragraphs]
    wrapped[3] = paragraphs[3].replace(". ", ".<br>", 1)
    page = realistic_page(wrapped, title="Statement").replace("&lt;br&gt;", "<br>")
    text, _ = html_to_text(page, path="p.html")
    got = text.split("\n\n")
    assert paragraphs[3].replace(". ", ".\n", 1) in got
    assert [p for p in got if p in paragraphs] == paragraphs[:3] + paragraphs[4:]


def test_short_html_page_keeps_its_blocks_apart() -> None:
    page = (
        "<html><body><div><p>We, the Foreign Ministers of ASEAN, met in Singapore.</p>"
        "<p>We agreed to meet again in Jakarta next year.</p>"
        "<ul><li>Capacity building;</li><li>Norms of responsible behaviour.</li></ul>"
        "</div></body></html>"
    )
    text, _ = html_to_text(page, path="p.html")
    assert text == (
        "We, the Foreign Ministers of ASEAN, met in Singapore.\n\n"
        "We agreed to meet again in Jakarta next year.\n\n"
        "Capacity building;\n\nNorms of responsible behaviour."
    )


def test_malformed_html_with_unclosed_tags_is_read() -> None:
    paragraphs = paragraphs_of(ASEAN_CHINA)
    # No </p>, no </div>, no </body></html>, a stray </span> and an unclosed <b>.
    body = "".join(f"<p>{html.escape(p)}\n" for p in paragraphs)
    page = (
        f"<html><head><title>Statement</title><body><div class=main><b>{body}</span><table><tr><td>"
    )
    text, meta = html_to_text(page, path="broken.html")
    assert [flat(p) for p in text.split("\n\n")] == paragraphs
    assert meta.get("title") == "Statement"


def test_page_trafilatura_rejects_falls_back_to_plain_text() -> None:
    # Bare text without any markup: trafilatura finds no document; the plain parse keeps it.
    text, meta = html_to_text("ASEAN Member States reaffirmed their commitment.", path="x.htm")
    assert text == "ASEAN Member States reaffirmed their commitment."
    assert meta == {}


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   \n ",
        "<html><head><script>var x = 1;</script></head><body></body></html>",
        "<html><body><!-- nothing here --><style>p {}</style></body></html>",
    ],
)
def test_html_without_text_is_an_input_error(page: str) -> None:
    with pytest.raises(InputError, match="HTML page has no readable text") as info:
        html_to_text(page, path="empty.html")
    assert info.value.path == "empty.html"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from([*"<>/=\"' abcp&;#!-\n", "<p>", "</div>", "<script>", "<br>", "&amp"]),
        max_size=80,
    ).map("".join)
)
def test_any_markup_soup_gives_text_or_input_error(page: str) -> None:
    try:
        text, meta = html_to_text(page, path="soup.html")
    except InputError as exc:
        problem = (exc.path, exc.problem)
        text, meta = "x", {}
    else:
        problem = ("soup.html", "HTML page has no readable text")
    assert problem == ("soup.html", "HTML page has no readable text")
    assert text
    assert text.strip() == text
    assert "\n\n\n" not in text
    assert set(meta) <= {"title", "date", "source_url"}


# ------------------------------------------------------------------------------------ PDF


def make_pdf(
    paragraphs: list[str],
    *,
    gap: float = 4,
    title: str | None = None,
    created: dt.datetime = dt.datetime(2021, 10, 26, 9, 30, tzinfo=dt.UTC),
) -> bytes:
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_creation_date(created)  # fpdf2 would put today's date in the PDF info
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.ln(gap)
    return bytes(pdf.output())


def test_pdf_of_a_seed_keeps_every_paragraph_across_pages() -> None:
    paragraphs = [p.translate(_ASCII) for p in paragraphs_of(ASEAN_US)]
    data = make_pdf(paragraphs, title="Statement by the leaders of ASEAN and the United States")
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(data)).pages) >= 3
    text, meta = pdf_to_text(data, path="asean-us.pdf")
    assert [flat(p) for p in text.split("\n\n")] == paragraphs
    # Line breaks inside a paragraph are kept, as in hard-wrapped text.
    assert any("\n" in p for p in text.split("\n\n"))
    assert meta == {
        "title": "Statement by the leaders of ASEAN and the United States",
        "pdf_date": "2021-10-26",  # when the file was made: never the statement's date
    }


def test_pdf_without_paragraph_gaps_breaks_only_at_true_paragraph_ends() -> None:
    paragraphs = [p.translate(_ASCII) for p in paragraphs_of(ASEAN_CHINA)]
    long_ones = [p for p in paragraphs if len(p) > 200 and p.endswith(".")]
    created = dt.datetime(2020, 12, 7, 23, 30, tzinfo=dt.UTC)
    text, meta = pdf_to_text(make_pdf(long_ones, gap=0, created=created), path="tight.pdf")
    got = [flat(p) for p in text.split("\n\n")]
    # Without gaps, a paragraph whose last line is short and ends a sentence ends there; one
    # that fills its last line cannot be told from the next. So each paragraph found is a run
    # of whole source paragraphs, never a cut one, and most ends are found.
    runs, start = [], 0
    for paragraph in got:
        for stop in range(start + 1, len(long_ones) + 1):
            if " ".join(long_ones[start:stop]) == paragraph:
                runs.append((start, stop))
                start = stop
                break
        else:
            pytest.fail(f"not a run of whole paragraphs: {paragraph[:80]!r}")
    assert start == len(long_ones)
    assert len(got) >= 0.6 * len(long_ones)
    assert meta == {"pdf_date": "2020-12-07"}  # no title in the PDF info


def test_pdf_with_only_an_image_has_no_text_layer() -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 380, 60), fill="black")  # a "scanned" line
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=180)
    with pytest.raises(InputError) as info:
        pdf_to_text(bytes(pdf.output()), path="scan.pdf")
    assert str(info.value) == "scan.pdf: PDF has no text layer (scanned image?); run OCR first"


def test_encrypted_pdf_is_a_clear_input_error() -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "We agree to cooperate on cybersecurity.", new_x="LMARGIN", new_y="NEXT")
    with pytest.raises(InputError, match="PDF is encrypted with a password") as info:
        pdf_to_text(bytes(pdf.output()), path="locked.pdf")
    assert info.value.path == "locked.pdf"


def test_pdf_encrypted_without_a_user_password_is_read() -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "We agree to cooperate on cybersecurity.", new_x="LMARGIN", new_y="NEXT")
    text, _ = pdf_to_text(bytes(pdf.output()), path="owner-only.pdf")
    assert text == "We agree to cooperate on cybersecurity."


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"Joint statement, saved as text", "not a PDF file (no %PDF header)"),
        (b"%PDF-1.4\n1 0 obj garbage", "not a readable PDF (damaged or truncated file?)"),
        (None, "not a readable PDF (damaged or truncated file?)"),  # a truncated real PDF
    ],
)
def test_malformed_pdf_is_a_clear_input_error(data: bytes | None, problem: str, capsys) -> None:
    if data is None:
        whole = make_pdf(paragraphs_of(ASEAN_CHINA)[:3])
        data = whole[: len(whole) // 2]
    with pytest.raises(InputError) as info:
        pdf_to_text(data, path="bad.pdf")
    assert info.value.problem.startswith(problem)
    assert info.value.path == "bad.pdf"
    assert capsys.readouterr().err == ""  # pypdf's warnings are not printed


def test_pdf_text_has_no_runs_of_blank_lines() -> None:
    text, _ = pdf_to_text(make_pdf(paragraphs_of(ASEAN_CHINA)[:4], gap=20), path="gaps.pdf")
    assert not re.search(r"\n{3,}", text)
    assert len(text.split("\n\n")) == 4
