"""A theme tries only the pieces whose anchors a sentence holds: the same matches as all."""

from __future__ import annotations

from policydrift.compare.themes.lexicon import load_lexicon, make_theme
from policydrift.compare.themes.patterns import fold_separators, matchable
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
