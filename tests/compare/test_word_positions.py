"""word_bounds marks exactly the matches of the key's word pattern, text by text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.word_positions import word_bounds

WORD = re.compile(r"\w+(?:['\-]\w+)*", re.UNICODE)
PIECES = st.sampled_from(
    ["a", "Z", "9", "_", "é", "ß", "'", "-", " ", ".", "\x00", "—", "١", "\u0301"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(PIECES, max_size=30), st.text(max_size=12)), max_size=6))
def test_word_bounds_is_the_regular_expression(texts: list[str]) -> None:
    words, starts, ends, counts = word_bounds(texts)
    expected = [[(m.group(), m.start(), m.end()) for m in WORD.finditer(t)] for t in texts]
    assert counts.tolist() == [len(e) for e in expected]
    flat = [x for e in expected for x in e]
    assert list(zip(words, starts.tolist(), ends.tolist(), strict=True)) == flat
