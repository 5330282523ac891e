"""One scan for all of the strength lexicon's expressions gives what each one's finditer gives."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.shifts.lexicon import (
    StrengthLexicon,
    fold,
    load_strength,
    make_scale,
    merge_strength,
)
from policydrift.compare.shifts.scan import Deferred, Scanner
from policydrift.compare.themes.patterns import lower

BUILTIN = load_strength()
EXPRESSIONS = [rx for scale in BUILTIN.scales for rx in scale.expressions_read()]
SCANNER = Scanner(EXPRESSIONS)


def one_by_one(regexes, text: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in rx.finditer(text)] for rx in regexes]


def scanned_and_not(lexicon: StrengthLexicon) -> tuple[StrengthLexicon, StrengthLexicon]:
    """Two copies of ``lexicon``: one always scanning its expressions together, one never."""
    together, apart = replace(lexicon), replace(lexicon)
    object.__setattr__(together, "_scanner", Deferred(after=0))
    object.__setattr__(apart, "_scanner", Deferred(after=10**9))
    return together, apart


def test_every_builtin_expression_is_scanned_together():
    assert SCANNER.joined == list(range(len(EXPRESSIONS)))


def test_the_sample_sentences_give_the_same_matches(corpus):
    sentences = {s.text for statement in corpus.statements for s in statement.sentences}
    together, apart = scanned_and_not(BUILTIN)
    found = 0
    for text in sorted(sentences):
        low = fold(lower(text))
        assert SCANNER.spans(low) == one_by_one(EXPRESSIONS, low), text
        markers = apart.find(text)
        assert together.find(text) == markers, text
        found += len(markers)
    assert found > len(sentences)  # most sentences hold a marker or more


MARKER_WORDS = sorted(
    {w for scale in BUILTIN.scales for _, ms in scale.levels for m in ms for w in m.split()}
    | {w for scale in BUILTIN.scales for m in scale.exclude for w in m.split()}
)
PIECES = st.sampled_from([*MARKER_WORDS, "the", "s", "ing", "-", "\u2013", "'", ",", ".", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(PIECES, st.sampled_from([" ", "", "-", "  ", "\n"])), max_size=30))
def test_texts_made_of_marker_words_give_the_same_matches(pieces):
    text = "".join(word + gap for word, gap in pieces)
    low = fold(lower(text))
    assert SCANNER.spans(low) == one_by_one(EXPRESSIONS, low)


def test_a_user_scale_and_other_expressions_give_the_same_matches():
    extra = StrengthLexicon(
        "mine", "1",
        (make_scale("vows", "Vows", "graded", [(4, ["vow(s) to", "*pledge", "[pv]ow"])],
                    exclude=["vow to be"]),),
    )  # fmt: skip
    together, apart = scanned_and_not(merge_strength(BUILTIN, extra))
    for text in ["We vow to act; we vow to be there.", "They pledge and repledge, a pow."]:
        assert together.find(text) == apart.find(text)
        assert together.find(text)
    odd = [
        re.compile(r"(?<!\w)(?:a(b)|c)(?!\w)"),  # a group: scanned on its own
        re.compile(r"\bwill\b"),  # another form
        re.compile(r"(?<!\w)(?:x*|y)(?!\w)", re.IGNORECASE),  # flags
        re.compile(r"(?<!\w)(?:[]a]|\(|b\|)(?!\w)"),
    ]
    scanner = Scanner([*odd, *EXPRESSIONS[:3]])
    assert scanner.joined == [3, 4, 5, 6]
    for text in ["ab c will X ]a ( b| we will", "", "commit to it, we must"]:
        assert scanner.spans(text) == one_by_one([*odd, *EXPRESSIONS[:3]], text)


def test_an_expression_matching_empty_text_is_read_as_finditer_reads_it():
    regexes = [re.compile(r"(?<!\w)(?:x*|will)(?!\w)"), re.compile(r"(?<!\w)(?:will)(?!\w)")]
    scanner = Scanner(regexes)
    assert scanner.joined == [0, 1]
    for text in ["will you, xx will", " a b", "xxx"]:
        assert scanner.spans(text) == one_by_one(regexes, text)


def test_the_scanner_is_made_once_past_its_threshold():
    deferred, made = Deferred(after=2), []

    def regexes():
        made.append(1)
        return EXPRESSIONS

    assert deferred.get(regexes) is None
    assert deferred.get(regexes) is None
    scanner = deferred.get(regexes)
    assert scanner is not None
    assert deferred.get(regexes) is scanner
    assert made == [1]
