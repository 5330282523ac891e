"""Page furniture: what the seeds and White House files lose, what they keep, general rules."""

from __future__ import annotations

import csv
import re

import pytest
from helpers import DATA
from policydrift.corpus import build_statement, decode_bytes, read_statement, strip_furniture
from policydrift.corpus.frontmatter import read_front_matter

SEEDS = DATA / "seeds"
WHITEHOUSE = DATA / "whitehouse"
ALL_FILES = sorted(SEEDS.glob("*.txt")) + sorted(WHITEHOUSE.glob("*/*.md"))


def seed(stem: str, **kwargs):
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    return read_statement(path, **kwargs)


def stripped(st) -> dict[str, str]:
    """Furniture text (whitespace squeezed) -> reason."""
    return {" ".join(f.text.split()): f.reason for f in st.furniture}


def kept(st) -> str:
    return "\n".join(" ".join(s.text.split()) for s in st.sentences)


def manifest_titles() -> dict[str, str]:
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        return {row["file"]: row["title"] for row in csv.DictReader(handle)}


# --- the five seeds ---------------------------------------------------------------------------


def test_seed_000_loses_the_preface_and_text_markers():
    st = seed("000")
    reasons = stripped(st)
    assert reasons["Begin Text:"] == "text marker"
    assert reasons["End Text"] == "after 'End Text'"
    preface = next(t for t in reasons if t.startswith("The text of the following statement"))
    assert reasons[preface] == "preface before 'Begin Text:'"
    assert st.sentences[0].text.startswith("The United States and Cambodia co-chaired the 6th")
    assert st.sentences[-1].text.endswith("2026 ASEAN Digital Ministers' meeting.")
    assert "Begin Text" not in kept(st)
    assert "End Text" not in kept(st)


def test_seed_001_loses_navigation_date_dateline_and_tail():
    st = seed("001")
    reasons = stripped(st)
    assert reasons["2026-05-10"] == "date line"
    assert reasons["Font Size:"] == "navigation"
    assert reasons["Southeast Asia Information Port (www.dnyxxg.com) –"] == "dateline"
    assert reasons["(End)"] == "end mark"
    tail = "Next This is already the last article Related News Navigation"
    assert reasons[tail] == "after '(End)'"
    text = kept(st)
    assert st.sentences[1].text.startswith("Faced with the severe situation")
    assert st.sentences[-1].text.endswith("effective implementation of Community initiatives.")
    for gone in ("Font Size", "Related News", "Navigation", "already the last article", "(End)"):
        assert gone not in text
    # The truncated headline is not the metadata title, so it stays.
    assert st.sentences[0].text.endswith("promote cross-b")


def test_seed_002_keeps_the_report_and_loses_the_teasers():
    st = seed("002")
    text = kept(st)
    assert "The ASEAN digital economy can grow US$200 billion in the next ten years" in text
    assert st.sentences[-1].text == (
        "Therefore, the digital economy becomes vulnerable to cyber attacks."
    )
    reasons = stripped(st)
    assert reasons["Source: NDO"] == "source line"
    caption = next(t for t in reasons if "takes a group photo" in t)
    assert reasons[caption] == "caption"
    teasers = next(t for t in reasons if t.startswith("Related Topics"))
    assert reasons[teasers] == "after 'Related Topics'"
    for gone in (
        "Laos announces theme, logo",
        "Safe and responsible use of AI",
        "G20",
        "NDO",
        "group photo",
    ):
        assert gone not in text
        assert any(gone in t for t in reasons)


def test_seed_003_loses_the_page_header_and_footer():
    st = seed("003")
    reasons = stripped(st)
    assert (
        reasons[
            "fmprc.gov.cn/mfa_eng/wjb_663304/zzjg_663340/jks_665232/kjfywj_665252/202012/"
            "t20201216_599781.html"
        ]
        == "URL"
    )
    assert reasons["2020-12-16 22:36"] == "date line"
    assert reasons["Suggest to a friend [Print](#)"] == "navigation"
    assert (
        reasons["Copyright©1998-2014, Ministry of Foreign Affairs, the People's Republic of China"]
        == "copyright"
    )
    contact = next(t for t in reasons if t.startswith("Contact us"))
    assert reasons[contact] == "contact details"
    assert contact.endswith("Tel: 86-10-65961114")
    assert st.sentences[-1].text == "We agreed to hold the 2nd Cyber Dialogue in the year 2022."
    text = kept(st)
    assert "No. 2, Chaoyangmen" not in text
    assert "Print" not in text


def test_seed_004_loses_the_blog_footer():
    st = seed("004")
    furniture = " ".join(f.text for f in st.furniture)
    for gone in (
        "###",
        "Previous Global Critical Infrastructure Protection Industry to 2026",
        "Next New line of real-world cybersecurity training opens in South Florida",
        "No Comment",
        "Leave a reply",
        "Your email address will not be published.",
    ):
        assert gone in furniture
        assert gone not in kept(st)
    assert st.sentences[-1].text.startswith("19. Cooperate with the private sector")


@pytest.mark.parametrize("stem", ["003", "004"])
def test_a_first_line_equal_to_the_metadata_title_is_furniture(stem):
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    title = manifest_titles()[path.name]
    raw, _ = decode_bytes(path.read_bytes(), path=str(path))
    without = build_statement(raw, id=stem, path=str(path))
    with_title = build_statement(raw, id=stem, path=str(path), title=title)
    assert without.sentences[0].text == title
    assert with_title.sentences[0].text != title
    assert stripped(with_title)[title] == "title"
    assert len(with_title.sentences) == len(without.sentences) - 1


def test_a_first_line_different_from_the_title_is_kept():
    raw = "A headline about something else\n\nThe ministers met in Hanoi on Monday."
    st = build_statement(raw, id="x", path="x.txt", title="Joint statement of the ministers")
    assert st.sentences[0].text == "A headline about something else"


# --- the White House files ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted((WHITEHOUSE / "cyber_emergency_continuation_notices").glob("*.md"))
    + sorted((WHITEHOUSE / "cyber_awareness_month_proclamations").glob("*.md")),
    ids=lambda p: p.name[:30],
)
def test_whitehouse_signature_blocks_are_furniture(path):
    st = read_statement(path)
    text = kept(st)
    assert "BIDEN JR." not in text.split("\n")[-1]
    assert "TRUMP" not in text.split("\n")[-1]
    assert "THE WHITE HOUSE" not in text
    signature = [f for f in st.furniture if f.reason == "signature block"]
    assert len(signature) == 1
    assert re.search(r"(JOSEPH R\. BIDEN JR\.|DONALD J\. TRUMP)", signature[0].text)
    if "notices" in str(path):
        assert re.search(r"THE WHITE HOUSE,\s+\S+ \d+, \d{4}\.\Z", signature[0].text)
        assert st.sentences[-1].text.endswith("to the Congress.")
    else:
        assert st.sentences[-1].text.startswith("IN WITNESS WHEREOF")


def test_whitehouse_front_matter_is_metadata_not_text():
    path = next((WHITEHOUSE / "asean_us").glob("2022-05-13-*.md"))
    st = read_statement(path)
    assert st.title == "ASEAN-U.S. Special Summit 2022, Joint Vision\u00a0Statement"
    assert st.date == "2022-05-13"
    assert st.source.startswith("https://bidenwhitehouse.archives.gov/briefing-room/")
    assert not any("source_url" in s.text or "published_time" in s.text for s in st.sentences)
    # 'May 2022.' carries on a wrapped sentence: not a date line.
    assert st.sentences[0].text.endswith("on 12-13 May 2022.")
    assert [f.reason for f in st.furniture] == ["after '###'"]


def test_markdown_comment_separators_are_markup():
    path = next((WHITEHOUSE / "asean_us").glob("2023-09-06-*.md"))
    st = read_statement(path)
    # The Markdown parser drops HTML comments: they never reach the text.
    assert "<!--" not in st.raw
    assert not any("<!--" in s.text or "-->" in s.text for s in st.sentences)


# --- nothing is lost silently -----------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name[:30])
def test_every_word_is_in_a_sentence_or_in_furniture(path):
    st = read_statement(path)
    body_start = read_front_matter(st.raw, path=str(path)).body_start
    covered = bytearray(len(st.raw))
    for item in (*st.sentences, *st.furniture, *st.sections):
        covered[item.start : item.end] = b"\x01" * (item.end - item.start)
    lost = [
        m.group()
        for m in re.finditer(r"\w+", st.raw[body_start:])
        if not covered[body_start + m.start()]
    ]
    assert lost == []
    for f in st.furniture:
        assert st.raw[f.start : f.end] == f.text
        assert f.text == f.text.strip()
        assert f.reason
        for s in st.sentences:
            assert s.end <= f.start or s.start >= f.end


def test_keep_all_keeps_the_furniture_as_text():
    st = seed("002", keep_all=True)
    assert st.furniture == ()
    text = kept(st)
    assert "Laos announces theme, logo of ASEAN Chairmanship 2024" in text
    assert "Source: NDO" in text


# --- the general rules on small texts -------------------------------------------------------

BODY = (
    "The ministers of the ten member states met in Hanoi on Monday and agreed on a joint plan "
    "to fight online fraud in the region."
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Copyright © 2024 Ministry of Information. All rights reserved.", "copyright"),
        ("© 2023 Example News", "copyright"),
        ("Tel: +84 24 3825 1234", "contact details"),
        ("Fax: 86-10-65961114", "contact details"),
        ("Email: press@example.org", "contact details"),
        ("Updated: March 3, 2023 10:30 AM", "date line"),
        ("Thursday, 7 December 2020", "date line"),
        ("https://example.org/news/2023/statement.html", "URL"),
        ("www.example.gov", "URL"),
        ("Photo: VNA", "caption"),
        ("Source: Xinhua", "source line"),
        ("Share this article", "navigation"),
        ("[Print](#)", "navigation"),
        ("Back to top", "navigation"),
        ("Font size: A A A", "navigation"),
        ("**", "markup"),
        ("* * *", "markup"),
    ],
)
def test_general_line_rules(line, reason):
    raw = f"{BODY}\n\n{line}\n\n{BODY}"
    spans, furniture = strip_furniture(raw)
    assert [(f.text, f.reason) for f in furniture][:1] == [(line, reason)]
    assert raw[spans[0][0] : spans[0][1]] == BODY


def test_a_list_heading_at_the_top_does_not_remove_the_statement():
    raw = f"Related News\n\n{BODY}\n\nRead more\n\nAnother story about something else."
    st = build_statement(raw, id="x", path="x.txt")
    assert [s.text for s in st.sentences] == [BODY]
    assert [(f.text, f.reason) for f in st.furniture] == [
        ("Related News", "navigation"),
        ("Read more\n\nAnother story about something else.", "after 'Read more'"),
    ]


def test_previous_and_next_lines_are_navigation_only_beside_furniture():
    inside = f"{BODY}\n\nNext Steps For The Partnership Are Clear\n\n{BODY}"
    st = build_statement(inside, id="x", path="x.txt")
    assert len(st.sentences) == 3
    footer = f"{BODY}\n\nLeave a reply\n\nPrevious Ministers Meet In Hanoi Again"
    st = build_statement(footer, id="x", path="x.txt")
    assert len(st.sentences) == 1
    assert "Next, the ministers agreed." in kept(
        build_statement(f"{BODY}\n\nNext, the ministers agreed.", id="x", path="x.txt")
    )


def test_a_line_that_continues_a_wrapped_sentence_is_never_furniture():
    raw = (
        "The leaders gathered on the occasion of the Special Summit, held on\n"
        "March 30, 2022.\n"
        "They thanked the hosts and named the documents that served as a\n"
        "Source: the minutes of the meeting and the declaration of the\n"
        "www.example.gov\n"
        "for the record of the Summit and its outcomes for the region."
    )
    spans, furniture = strip_furniture(raw)
    assert furniture == []
    assert spans == [(0, len(raw))]


@pytest.mark.parametrize("mark", ["###", "\\###", "-30-", "End Text", "- END -", "# # #"])
def test_an_end_mark_ends_the_statement(mark):
    raw = f"{BODY}\n\n{mark}\n\nPrevious story about something else entirely."
    st = build_statement(raw, id="x", path="x.txt")
    assert [s.text for s in st.sentences] == [BODY]
    assert [f.reason for f in st.furniture] == [f"after '{mark}'"]


def test_a_caption_rule_needs_the_open_parenthesis_to_end_its_paragraph():
    raw = f"{BODY}\n\nThe leaders met at the summit (\nASEAN) and agreed.\n\n{BODY}"
    spans, furniture = strip_furniture(raw)
    assert furniture == []


def test_an_inline_dateline_needs_a_domain_or_a_news_agency():
    kept_line = "The ASEAN Regional Forum (ARF) – a key platform – met in Jakarta."
    _, furniture = strip_furniture(f"{kept_line}\n\n{BODY}")
    assert furniture == []
    _, furniture = strip_furniture(f"HANOI (VNA) – {BODY}")
    assert [(f.text, f.reason) for f in furniture] == [("HANOI (VNA) –", "dateline")]


def test_start_must_be_inside_the_text():
    with pytest.raises(ValueError, match="start must be in"):
        strip_furniture("abc", start=4)
