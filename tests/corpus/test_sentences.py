"""Sentence and unit splitting: tricky abbreviations, list items, clauses, paragraphs, limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import InputError, build_statement, read_statement, split_sentences
from corpus.sentences import MAX_SENTENCE_CHARS, paragraphs

DATA = Path(__file__).resolve().parents[2] / "corpus" / "data"
SEEDS = DATA / "seeds"
WHITEHOUSE = DATA / "whitehouse"


def units(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, [(0, len(text))])]


def check_invariants(raw: str, sentences) -> None:
    assert [s.index for s in sentences] == list(range(len(sentences)))
    previous_end, previous_paragraph = 0, 0
    for s in sentences:
        assert raw[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.text
        assert s.key
        assert s.start >= previous_end
        assert s.paragraph in (previous_paragraph, previous_paragraph + 1)
        assert len(s.text) <= MAX_SENTENCE_CHARS
        previous_end, previous_paragraph = s.end, s.paragraph


# --- abbreviations and numbers that are not sentence ends ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. and ASEAN met in Singapore. They agreed.",
            ["The U.S. and ASEAN met in Singapore.", "They agreed."],
        ),
        (
            "Contact us at No. 2, Chaoyangmen Nandajie. Call later.",
            ["Contact us at No. 2, Chaoyangmen Nandajie.", "Call later."],
        ),
        (
            "The dialogue was held on Dec. 7, 2020 in Manila. It went well.",
            ["The dialogue was held on Dec. 7, 2020 in Manila.", "It went well."],
        ),
        (
            "Powers Act (50 U.S.C. 1701 *et seq.*) to deal with the threat. On December 28 it ended.",
            [
                "Powers Act (50 U.S.C. 1701 *et seq.*) to deal with the threat.",
                "On December 28 it ended.",
            ],
        ),
        (
            "Powers Act (50 U.S.C. 1701 *et seq*.) to deal with it. Next sentence here.",
            ["Powers Act (50 U.S.C. 1701 *et seq*.) to deal with it.", "Next sentence here."],
        ),
        (
            "See 50 U.S.C. 1701 et seq. for the powers. They apply.",
            ["See 50 U.S.C. 1701 et seq. for the powers.", "They apply."],
        ),
        (
            "In accordance with section 202(d) of the Act (50 U.S.C. 1622(d)), I continue. Done.",
            [
                "In accordance with section 202(d) of the Act (50 U.S.C. 1622(d)), I continue.",
                "Done.",
            ],
        ),
        (
            "The ASEAN digital economy can grow US$200 billion in ten years. Experts agree.",
            ["The ASEAN digital economy can grow US$200 billion in ten years.", "Experts agree."],
        ),
        (
            "They launched the Computer Emergency Response Team (CERT). It works.",
            ["They launched the Computer Emergency Response Team (CERT).", "It works."],
        ),
        (
            "Some tools, e.g. backups, help. Others, i.e. audits, too. Mr. Lee and Dr. Tan "
            "met at St. Andrew's Hall. They spoke. It was good. Dr. Tan left approx. Dr. Lim.",
            [
                "Some tools, e.g. backups, help.",
                "Others, i.e. audits, too.",
                "Mr. Lee and Dr. Tan met at St. Andrew's Hall.",
                "They spoke.",
                "It was good.",
                "Dr. Tan left approx. Dr. Lim.",
            ],
        ),
        (
            "For the first time, U.S. President Joseph R. Biden Jr. welcomed the leaders. Then.",
            [
                "For the first time, U.S. President Joseph R. Biden Jr. welcomed the leaders.",
                "Then.",
            ],
        ),
        (
            "The dialogue met on 7th December 2020 and again on 2021-10-26. Good.",
            ["The dialogue met on 7th December 2020 and again on 2021-10-26.", "Good."],
        ),
    ],
)
def test_abbreviations_and_numbers_do_not_end_sentences(text, expected):
    assert units(text) == expected


# --- list items and clauses ----------------------------------------------------------------


def test_numbered_items_ending_in_semicolons_are_one_unit_each():
    text = (
        "Hereby decide to:\n"
        "  1. Support the vision for a digital community;\n"
        "  2. Strengthen cooperation in line with the Workplan 2021-2025. Explore solutions;\n"
        "  3. Support the next generation of leaders; and\n"
        "  4. Cooperate with the private sector."
    )
    assert units(text) == [
        "Hereby decide to:",
        "1. Support the vision for a digital community;",
        "2. Strengthen cooperation in line with the Workplan 2021-2025. Explore solutions;",
        "3. Support the next generation of leaders; and",
        "4. Cooperate with the private sector.",
    ]


@pytest.mark.parametrize("marker", ["(a)", "a)", "(iv)", "b.", "-", "*", "•"])
def test_lettered_and_bulleted_items_keep_their_marker(marker):
    text = f"{marker} first item of the list;\n{marker} second item; and\n{marker} third item."
    got = units(text)
    assert got == [
        f"{marker} first item of the list;",
        f"{marker} second item; and",
        f"{marker} third item.",
    ]


def test_a_list_number_is_never_a_unit_by_itself():
    text = "1.\n\nSupport the vision of the community.\n\n2.\n\nExplore ways to cooperate."
    assert units(text) == [
        "1.\n\nSupport the vision of the community.",
        "2.\n\nExplore ways to cooperate.",
    ]
    # A list number the segmenter leaves at the end of a sentence moves to its item.
    assert units("We agree to: 1. Support the plan. 2. Fund the plan.") == [
        "We agree to:",
        "1. Support the plan.",
        "2. Fund the plan.",
    ]


def test_a_prose_list_item_is_split_into_sentences_with_the_marker_on_the_first():
    text = "-   We remain concerned over the crisis.\n    We call for calm. We will help."
    assert units(text) == [
        "-   We remain concerned over the crisis.",
        "We call for calm.",
        "We will help.",
    ]


def test_capitalised_preamble_clauses_are_units():
    text = (
        "WE, the member states, met by video conference on October 26, 2021;\n\n"
        "TO ACKNOWLEDGE the important role of digital development;\n\n"
        "REAFFIRMING commitment to support digital development. In ASEAN;\n\n"
        "NOTING that our reliance on digital infrastructure grew;"
    )
    got = split_sentences(text, [(0, len(text))])
    assert [s.text.split()[0] for s in got] == ["WE,", "TO", "REAFFIRMING", "NOTING"]
    assert [s.paragraph for s in got] == [0, 1, 2, 3]


# --- paragraphs ------------------------------------------------------------------------------


def test_hard_wrapped_paragraphs_are_joined_and_blank_lines_separate_them():
    text = (
        "These significant malicious cyber-enabled activities continue to pose an\n"
        "unusual and extraordinary threat to the national security, foreign\n"
        "policy, and economy of the United States.  For this reason, the\n"
        "emergency must continue.\n"
        "\u00a0 \n"
        "This notice shall be published in the Federal Register and transmitted\n"
        "to the Congress."
    )
    got = split_sentences(text, [(0, len(text))])
    assert [(s.text.split()[0], s.paragraph) for s in got] == [
        ("These", 0),
        ("For", 0),
        ("This", 1),
    ]


def test_one_line_per_paragraph_text_never_joins_lines():
    text = (
        "Co-Chairs' Statement on the 1st ASEAN-China Cyber Dialogue\n"
        "The Inaugural ASEAN-China Cyber Dialogue was held via video conference on 7th "
        "December 2020, co-chaired by the Philippines and China, and it went on and on.\n"
        "We agreed to hold the 2nd Cyber Dialogue in the year 2022."
    )
    got = split_sentences(text, [(0, len(text))])
    assert [s.paragraph for s in got] == [0, 1, 2]
    assert got[0].text == "Co-Chairs' Statement on the 1st ASEAN-China Cyber Dialogue"


def test_a_wrapped_line_starting_with_a_number_is_not_a_list_item():
    text = (
        "CRI members intend to implement the Financial Action Task Force Recommendation\n"
        "15. on the regulation of virtual assets and related service providers.\n"
        "More words follow here on the same wrapped paragraph line."
    )
    assert len(paragraphs(text, 0, len(text))) == 1


def test_a_blank_line_that_cuts_a_sentence_is_not_a_paragraph_boundary():
    text = (
        "We recognized that data security bears on national security, public interests\n\n"
        "and individual rights of States. ASEAN noted this."
    )
    got = split_sentences(text, [(0, len(text))])
    assert got[0].text.endswith("individual rights of States.")
    assert [s.paragraph for s in got] == [0, 0]


def test_sentences_never_cross_a_paragraph_or_span_boundary():
    text = "First paragraph without end\n\nSecond paragraph. Third one"
    got = split_sentences(text, [(0, len(text))])
    assert [s.text for s in got] == [
        "First paragraph without end",
        "Second paragraph.",
        "Third one",
    ]
    spans = [(0, 16), (16, 26)]
    got = split_sentences(text, spans)
    assert [s.text for s in got] == ["First paragraph", "without en"]
    assert [s.paragraph for s in got] == [0, 1]


def test_bad_spans_are_refused():
    with pytest.raises(ValueError, match="spans must be ordered"):
        split_sentences("abc def", [(4, 7), (0, 3)])
    with pytest.raises(ValueError, match="spans must be ordered"):
        split_sentences("abc", [(0, 10)])


# --- limits ----------------------------------------------------------------------------------


def test_a_long_run_without_punctuation_is_cut_at_whitespace_near_the_limit():
    text = "word " * 200_000  # 1 MB
    got = split_sentences(text, [(0, len(text))])
    check_invariants(text, got)
    assert all(MAX_SENTENCE_CHARS // 2 <= len(s.text) <= MAX_SENTENCE_CHARS for s in got[:-1])
    assert all(s.text.endswith("word") for s in got)
    assert sum(len(s.text.split()) for s in got) == 200_000


def test_a_long_run_without_whitespace_is_hard_cut():
    text = "x" * (3 * MAX_SENTENCE_CHARS + 5)
    got = split_sentences(text, [(0, len(text))])
    assert [len(s.text) for s in got] == [MAX_SENTENCE_CHARS] * 3 + [5]


@pytest.mark.slow
def test_one_hundred_thousand_one_word_lines():
    # Capitalised: one paragraph (and unit) per line.
    text = "Word\n" * 100_000
    st = build_statement(text, id="x", path="x.txt")
    assert len(st.sentences) == 100_000
    assert st.sentences[-1].paragraph == 99_999
    check_invariants(st.raw, st.sentences)
    # Lowercase: each line carries on the previous one's sentence, so the one long run is cut
    # at line breaks near the length limit.
    text = "word\n" * 20_000
    st = build_statement(text, id="x", path="x.txt")
    check_invariants(st.raw, st.sentences)
    assert len(st.sentences) == len(text) // MAX_SENTENCE_CHARS
    assert sum(s.text.count("word") for s in st.sentences) == 20_000


# --- the real texts --------------------------------------------------------------------------

SEED_COUNTS = {
    "000_a03e204da53f589a": 15,
    "001_be354720912bd893": 10,
    "002_23602f18eb2f6ed8": 11,
    "003_f3c8cea24e4c5715": 16,
    "004_740a3e3daa21dc44": 29,
}


@pytest.mark.parametrize(("stem", "count"), sorted(SEED_COUNTS.items()))
def test_seed_sentence_counts(stem, count):
    st = read_statement(SEEDS / f"{stem}.txt")
    assert len(st.sentences) == count
    check_invariants(st.raw, st.sentences)


def test_seed_004_has_nineteen_decisions_and_eight_preamble_clauses():
    st = read_statement(SEEDS / "004_740a3e3daa21dc44.txt")
    texts = [s.text for s in st.sentences]
    start = texts.index("Hereby decide to:")
    decisions = texts[start + 1 :]
    assert len(decisions) == 19
    assert [d.split(".", 1)[0] for d in decisions] == [str(n) for n in range(1, 20)]
    assert decisions[9].startswith("10. Strengthen cooperation on low-carbon")
    assert decisions[9].endswith("renewable energy systems in the region;")
    assert decisions[17].endswith("Fulbright University Viet Nam; and")
    preamble = texts[1:start]
    assert len(preamble) == 8
    assert all(p.endswith(";") for p in preamble)
    assert preamble[0].startswith("WE, Association of Southeast Asian Nations")
    assert preamble[1].startswith("TO ACKNOWLEDGE")
    assert preamble[2].startswith("REAFFIRMING")
    assert preamble[3].startswith("NOTING")


def test_whitehouse_notice_splits_legal_citations_correctly():
    path = next((WHITEHOUSE / "cyber_emergency_continuation_notices").glob("2022-*.md"))
    st = read_statement(path)
    texts = [" ".join(s.text.split()) for s in st.sentences]
    assert texts[0].startswith("On April 1, 2015, by Executive Order 13694")
    assert "(50 U.S.C. 1701 *et seq.*) to deal with" in texts[0]
    assert texts[0].endswith("outside the United States.")
    assert texts[4].startswith("Therefore, in accordance with section 202(d)")
    assert "(50 U.S.C. 1622(d)), I am continuing" in texts[4]
    assert len(texts) == 6
    assert [s.paragraph for s in st.sentences] == [0, 0, 1, 1, 1, 2]


def test_whitehouse_joint_vision_bullets_and_headings():
    path = next((WHITEHOUSE / "asean_us").glob("2022-05-13-*.md"))
    st = read_statement(path)
    texts = [" ".join(s.text.split()) for s in st.sentences]
    assert len(texts) == 73
    assert texts[0].startswith("**WE**,")
    assert texts[0].endswith(
        "Special Summit, the first-ever to be held in Washington, D.C., on 12-13 May 2022."
    )
    myanmar = [t for t in texts if "Myanmar" in t]
    assert myanmar[0] == "- We remain deeply concerned over the crisis in Myanmar."
    assert len(myanmar) == 6


@pytest.mark.parametrize("path", sorted(WHITEHOUSE.glob("*/*.md")), ids=lambda p: p.name[:40])
def test_whitehouse_invariants(path):
    st = read_statement(path)
    check_invariants(st.raw, st.sentences)
    assert not any(
        s.text.lstrip("*_ ").startswith(("date:", "title:", "---")) for s in st.sentences
    )


# --- arbitrary text ----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "U.S.",
        "No. 2",
        "Dec. 7",
        "*et seq.*",
        "1.",
        "(a)",
        "a)",
        "-",
        ";",
        "; and",
        ".",
        "!",
        "?",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u00a0",
        "\u00ad",
        "\u2028",
        "\x00",
        "\ud800",
        "😀",
        "Related News",
        "2020-12-16",
        "###",
        "(End)",
        "JOSEPH R. BIDEN JR.",
        "Begin Text:",
        "word",
        "Word",
        "  ",
        "\t",
        "—",
        "“",
        "”",
        "(",
        ")",
        "**",
        "<!-- -->",
        "---",
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=20), _PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_split_sentences_keeps_its_invariants_on_any_text(text):
    check_invariants(text, split_sentences(text, [(0, len(text))]))


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.booleans())
def test_build_statement_raises_only_input_error_on_any_text(text, keep_all):
    try:
        statement = build_statement(text, id="x", path="x.txt", keep_all=keep_all)
    except InputError as exc:
        error = exc
    else:
        error = None
    if error is not None:
        assert error.path == "x.txt"
        assert error.problem in ("contains only whitespace", "no sentence found") or (
            error.problem.startswith("no sentence found (all ")
        )
        return
    check_invariants(statement.raw, statement.sentences)
    assert "\r" not in statement.raw
    for f in statement.furniture:
        assert statement.raw[f.start : f.end] == f.text
        for s in statement.sentences:
            assert s.end <= f.start or s.start >= f.end


def test_chinese_full_stops_end_sentences_without_a_space():
    from corpus import build_statement

    text = "东盟与中国举行网络对话。双方同意加强合作！我们欢迎新的倡议？\n\nThe end. Really."
    statement = build_statement(text, id="zh", path="zh.txt")
    assert [s.text for s in statement.sentences] == [
        "东盟与中国举行网络对话。",
        "双方同意加强合作！",
        "我们欢迎新的倡议？",
        "The end.",
        "Really.",
    ]
