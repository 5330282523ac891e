"""Theme shortcuts with the same matches: only the pieces whose anchors a sentence holds; each
pattern's expression searched by its leading letters (literal_first)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.themes.lexicon import load_lexicon, make_theme
from policydrift.compare.themes.patterns import (
    alternation,
    fold_separators,
    literal_first,
    matchable,
    simple_source,
    translated,
)
from policydrift.compare.timeline.coding import SentenceCodes


def test_the_sample_sentences_match_the_same_with_the_anchors_present(corpus):
    lexicon = load_lexicon()
    codes = SentenceCodes(lexicon)
    texts = sorted({s.text for st in corpus.statements for s in st.sentences})
    hits = 0
    for text in texts:
        seen = codes._text(text)
        if seen.anchors is None:
            continue
        for theme in lexicon.themes:
            every = theme.matches(text, seen.low, None, seen.folded)
            assert theme.matches(text, seen.low, None, seen.folded, seen.anchors) == every
            hits += bool(every)
    assert hits > 500


def test_only_the_pieces_of_the_anchors_given_run():
    theme = make_theme("t", "T", patterns=["cyber*", "ransom-ware"], acronyms=["CERT"])
    text = "A CERT and ransom\u2013ware hit cyberspace."
    low, folded = matchable(text), fold_separators(text)
    every = [(2, 6), (11, 22), (27, 37)]
    assert theme.matches(text, low, None, folded) == every
    assert theme.matches(text, low, None, folded, {("cyber", False)}) == [(27, 37)]
    anchors = {("cyber", False), ("ransom", False), ("CERT", True), ("other", False)}
    assert theme.matches(text, low, None, folded, anchors) == every


def plain_form(source: str) -> str:
    """The whole-word form :func:`literal_first` started from."""
    found = re.fullmatch(r"\(\?:([^\W_]+)\(\?<!\\w\[\\s\\S\]\{\d+\}\)(.*)\)\(\?!\\w\)", source)
    return rf"(?<!\w)(?:{found.group(1)}{found.group(2)})(?!\w)" if found else source


def test_the_literal_first_expressions_find_what_the_whole_word_ones_find(corpus):
    texts = sorted({s.text for st in corpus.statements for s in st.sentences})
    subjects = [matchable(t) for t in texts] + [fold_separators(t) for t in texts]
    lexicon = load_lexicon()
    sources = [src for t in lexicon.themes for _, src, _ in t.pieces]
    sources += [source for t in lexicon.themes for r in t.rules for source in r.expressions()]
    assert sum(plain_form(s) != s for s in sources) > 500
    for source in sources:
        new, old = re.compile(source), re.compile(plain_form(source))
        for subject in subjects:
            assert [m.span() for m in new.finditer(subject)] == [
                m.span() for m in old.finditer(subject)
            ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["scam", "scams", "online", "x", "_", "1", " ", "-", "é", "\n"]),
                max_size=12))  # fmt: skip
def test_a_literal_first_expression_keeps_whole_words(pieces):
    text = "".join(pieces)
    for pattern in ["scam(s)", "online scam(s)", "x"]:
        source = literal_first(simple_source(alternation([translated(pattern)])))
        assert source != plain_form(source)
        new, old = re.compile(source), re.compile(plain_form(source))
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
