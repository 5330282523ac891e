"""Smaller guarantees of the format readers, sentence rule and dates, on real text and on
arbitrary input (hypothesis)."""

from __future__ import annotations

from helpers import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.scale.reuse import reuse_pairs
from policydrift.compare.timeline.reuse import ReuseLinks
from policydrift.corpus import build_statement, read_statement
from policydrift.corpus.dates import date_from_name
from policydrift.corpus.errors import InputError
from policydrift.corpus.formats.html import html_document
from policydrift.corpus.formats.markdown import markdown_document
from policydrift.corpus.formats.pdf_layout import is_page_number, strip_running_lines


def test_a_full_stop_without_a_space_ends_a_sentence() -> None:
    text = (SEEDS / "003_f3c8cea24e4c5715.txt").read_text(encoding="utf-8")
    first, second = (s.text for s in build_statement(text, id="x", path="x").sentences[1:3])
    glued = build_statement(text.replace(f"{first} {second}", f"{first}{second}"), id="x", path="x")
    assert [s.text for s in glued.sentences[1:3]] == [first, second]
    kept = "See www.asean.Org and e.g.The plan; Node.js runs."
    assert len(build_statement(kept, id="k", path="k").sentences) == 1


def test_html_headings_are_sections(tmp_path) -> None:
    paragraphs = [p for p in (SEEDS / "003_f3c8cea24e4c5715.txt").read_text().splitlines() if p]
    body = "<h2>Opening</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs[2:6])
    body += "<h2>Cyber capacity</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs[6:10])
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><article><h1>Dialogue</h1>{body}</article></body></html>")
    st_ = read_statement(path)
    assert [s.title for s in st_.sections] == ["Opening", "Cyber capacity"]
    assert not any(s.text in ("Opening", "Cyber capacity") for s in st_.sentences)
    assert st_.sentences[-1].section == 1


def test_same_day_statements_are_contemporaneous_not_earlier() -> None:
    text = "We will strengthen cooperation against ransomware across the region."

    def statement(i: str, date: str):
        return build_statement(text, id=i, path=i, date=date)

    links = ReuseLinks(reuse_pairs([statement("a", "2021-10-14"), statement("b", "2021-10-14")]))
    assert links.earliest("b", 0) is None
    assert links.contemporaneous("b", 0) == ("a",)
    links = ReuseLinks(reuse_pairs([statement("a", "2021-10-13"), statement("b", "2021-10-14")]))
    assert links.earliest("b", 0)[0] == "a"
    assert links.contemporaneous("b", 0) == ()


def test_page_numbers_and_years() -> None:
    for line in ("7", "- 7 -", "7 / 12", "Page 7 of 12", "p. 7", "xii", "(7)"):
        assert is_page_number(line), line
    for line in ("2021", "Annex I.", "civil society", "7 March 2021", "In 2021 we met."):
        assert not is_page_number(line), line


@given(st.lists(st.lists(st.text(max_size=30), max_size=8), max_size=6))
@settings(max_examples=200, deadline=None)
def test_running_lines_cut_only_edges(pages: list[list[str]]) -> None:
    kept = strip_running_lines(pages)
    assert len(kept) == len(pages)
    for lines, (a, b) in zip(pages, kept, strict=True):
        assert 0 <= a <= b <= len(lines)
        assert a <= 3
        assert len(lines) - b <= 3


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_markdown_gives_text_with_headings_inside_it(source: str) -> None:
    document = markdown_document(source)
    for h in document.headings:
        assert 0 <= h.start < h.end <= len(document.text)
        assert "\n" not in document.text[h.start : h.end]
    assert "\r" not in document.text or "\r" in source


@given(st.text(alphabet="<>/h123pbdivu *#_-\n", max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_html_soup_headings_are_inside_the_text(html: str) -> None:
    try:
        document = html_document(html, path="x.html")
    except InputError:  # a page without text: the one error allowed
        return
    for h in document.headings:
        assert 0 <= h.start < h.end <= len(document.text)


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_date_from_name_is_none_or_a_valid_date(name: str) -> None:
    from policydrift.corpus.manifest import parse_date

    found = date_from_name(name)
    assert found is None or parse_date(found) == found


def test_a_wrapped_last_line_in_capitals_is_not_a_signature() -> None:
    notice = (SEEDS.parent / "whitehouse" / "cyber_emergency_continuation_notices").glob("2022-*")
    st_ = read_statement(next(notice))
    assert [f.reason for f in st_.furniture] == ["signature block"]  # JOSEPH R. BIDEN JR. ...
    text = "We support the Convention on the Prohibition of Toxin Weapons and on their Destruction\n(BTWC)."
    kept = build_statement(text, id="x", path="x")
    assert kept.furniture == ()
    assert kept.sentences[-1].text.endswith("(BTWC).")


def test_a_title_case_line_above_a_list_is_its_heading() -> None:
    # the 2023 ASEAN-U.S. statement titles its numbered commitments "Maritime Cooperation",
    # "Connectivity", ...: sections, not sentences that could be dropped or paired
    (path,) = (SEEDS.parent / "whitehouse" / "asean_us").glob("2023-09-06-*.md")
    statement = read_statement(path)
    titles = [s.title for s in statement.sections]
    for title in (
        "Maritime Cooperation",
        "Connectivity",
        "Economic or Other Possible Areas of Cooperation",
    ):
        assert title in titles
        assert title not in [s.text for s in statement.sentences]
    doc = markdown_document(
        "Maritime Cooperation\n\n1. Expand cooperation.\n\n"
        "Leaders welcomed progress\n\n- on trade\n\n"
        "We commit to:\n\n- act\n\nRegional Security Outlook\n\nNo list follows this line."
    )
    headings = [doc.text[h.start : h.end] for h in doc.headings]
    assert headings == ["Maritime Cooperation"]
