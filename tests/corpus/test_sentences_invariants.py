"""Sentence splitting keeps its invariants: at the length limits, on every real text (seeds and
White House), and on arbitrary text. The splitting rules, on short texts, are in
``test_sentences.py``.
"""

from __future__ import annotations

import pytest
from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.corpus import InputError, build_statement, read_statement, split_sentences
from policydrift.corpus.sentences import MAX_SENTENCE_CHARS

SEEDS = DATA / "seeds"
WHITEHOUSE = DATA / "whitehouse"


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
    assert "(50 U.S.C. 1701 et seq.) to deal with" in texts[0]
    assert texts[0].endswith("outside the United States.")
    assert texts[4].startswith("Therefore, in accordance with section 202(d)")
    assert "(50 U.S.C. 1622(d)), I am continuing" in texts[4]
    assert len(texts) == 6
    assert [s.paragraph for s in st.sentences] == [0, 0, 1, 1, 1, 2]


def test_whitehouse_joint_vision_bullets_and_headings():
    path = next((WHITEHOUSE / "asean_us").glob("2022-05-13-*.md"))
    st = read_statement(path)
    texts = [" ".join(s.text.split()) for s in st.sentences]
    # The eight bold section titles are sections, not sentences; markup is gone.
    assert len(texts) == 65
    assert [s.title for s in st.sections][1:4] == [
        "Strengthening Economic Ties and Connectivity",
        "Promoting Maritime Cooperation",
        "Enhancing People-to-people connectivity",
    ]
    assert texts[0].startswith("WE, the Member States")
    assert not any("**" in t or "<sup>" in t for t in texts)
    assert texts[0].endswith(
        "Special Summit, the first-ever to be held in Washington, D.C., on 12-13 May 2022."
    )
    myanmar = [t for t in texts if "Myanmar" in t]
    assert myanmar[0] == "We remain deeply concerned over the crisis in Myanmar."
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
