"""Sentence and unit splitting rules, on short texts: tricky abbreviations, list items, clauses,
paragraphs, full-width stops. Length limits, the real texts and arbitrary text are in
``test_sentences_invariants.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from policydrift.corpus import split_sentences
from policydrift.corpus.sentences import paragraphs


def units(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, [(0, len(text))])]


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


# --- paragraphs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "WE, the member states, met by video conference on October 26, 2021;\n\n"
            "TO ACKNOWLEDGE the important role of digital development;\n\n"
            "REAFFIRMING commitment to support digital development. In ASEAN;\n\n"
            "NOTING that our reliance on digital infrastructure grew;",
            [("WE,", 0), ("TO", 1), ("REAFFIRMING", 2), ("NOTING", 3)],
            id="capitalised preamble clauses are units",
        ),
        pytest.param(
            "These significant malicious cyber-enabled activities continue to pose an\n"
            "unusual and extraordinary threat to the national security, foreign\n"
            "policy, and economy of the United States.  For this reason, the\n"
            "emergency must continue.\n"
            "\u00a0 \n"
            "This notice shall be published in the Federal Register and transmitted\n"
            "to the Congress.",
            [("These", 0), ("For", 0), ("This", 1)],
            id="hard-wrapped lines are joined, blank lines separate paragraphs",
        ),
        pytest.param(
            "Co-Chairs' Statement on the 1st ASEAN-China Cyber Dialogue\n"
            "The Inaugural ASEAN-China Cyber Dialogue was held via video conference on 7th "
            "December 2020, co-chaired by the Philippines and China, and it went on and on.\n"
            "We agreed to hold the 2nd Cyber Dialogue in the year 2022.",
            [("Co-Chairs'", 0), ("The", 1), ("We", 2)],
            id="one-line-per-paragraph text never joins lines",
        ),
    ],
)
def test_sentences_and_their_paragraphs(text: str, expected: list[tuple[str, int]]) -> None:
    """Each sentence's first word and paragraph number."""
    got = split_sentences(text, [(0, len(text))])
    assert [(s.text.split()[0], s.paragraph) for s in got] == expected


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


# --- full-width stops ------------------------------------------------------------------------


def test_chinese_full_stops_end_sentences_without_a_space():
    from policydrift.corpus import build_statement

    text = "东盟与中国举行网络对话。双方同意加强合作！我们欢迎新的倡议？\n\nThe end. Really."
    statement = build_statement(text, id="zh", path="zh.txt")
    assert [s.text for s in statement.sentences] == [
        "东盟与中国举行网络对话。",
        "双方同意加强合作！",
        "我们欢迎新的倡议？",
        "The end.",
        "Really.",
    ]


_PIECES = [
    "We act now.", "U.S. and ASEAN", "activities.We reaffirm", " ", "\n", "\n\n", "1. ", "(a) ",
    "- ", "e.g. ", "Dr. Smith", "No. 2", "; and", "。", "他们", "“Yes.”", "x", "…", "WE HEREBY",
    "\u00a0", "*", "_", "Mr. ", "etc.", "?", "!", ")", "(", "2024.", "is next",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@example(parts=["We act now.", " ", "。", "\n", "We act now."])  # the glue looked past the end
def test_a_paragraph_is_segmented_alike_alone_and_in_its_text(parts):
    """What lets each distinct paragraph be segmented once (``_units_alone``): its units,
    found within the whole text, are those found in its text alone."""
    from policydrift.corpus import sentences

    text = "".join(parts)
    for pa, pb in paragraphs(text, 0, len(text)):
        alone = sentences._units(text[pa:pb], 0, pb - pa)
        assert sentences._units(text, pa, pb) == [(pa + a, pa + b) for a, b in alone]


def test_each_distinct_paragraph_of_the_sample_corpus_segments_alike_alone():
    from policydrift.corpus import sentences
    from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus

    count = 0
    for statement in load_corpus(SAMPLE_CORPUS, cache=False).statements:
        text = statement.text
        for pa, pb in paragraphs(text, 0, len(text)):
            alone = sentences._units(text[pa:pb], 0, pb - pa)
            assert sentences._units(text, pa, pb) == [(pa + a, pa + b) for a, b in alone]
            count += 1
    assert count > 250
