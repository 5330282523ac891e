"""``fold`` replaces only the characters present (str.replace) instead of translating every
character: the result must be exactly the old translate-based fold."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.corpus.normalize import _FOLD, _INVISIBLE, fold

SPECIAL = "".join(map(chr, _FOLD)) + "".join(map(chr, _INVISIBLE)) + "İΣςﬁ①Ａé\u0301"


def translate_fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
    return text.translate(_FOLD).casefold()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(SPECIAL)), max_size=60))
def test_fold_is_the_translate_fold(text: str) -> None:
    assert fold(text) == translate_fold(text)


def test_fold_of_ascii_is_lower_case() -> None:
    assert (
        fold("U.S.-ASEAN Cyber Dialogue's 6th MEETING") == "u.s.-asean cyber dialogue's 6th meeting"
    )
