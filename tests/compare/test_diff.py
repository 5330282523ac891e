"""Word-level diffs: tokenizer round trip, folded comparison, island cleaning, exact edits."""

from __future__ import annotations

import random
import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.diff import clean_opcodes, is_word, token_key, tokenize, word_opcodes

FILES = sorted([*DATA.glob("seeds/*.txt"), *DATA.glob("whitehouse/*/*.md")])


def _changes(old: list[str], new: list[str]) -> list[tuple[str, str, str]]:
    ops = word_opcodes(old, new)
    return [(t, "".join(old[a:b]), "".join(new[c:d])) for t, a, b, c, d in ops if t != "equal"]


def _check_opcodes(old: list[str], new: list[str], ops: list) -> None:
    """Opcodes cover both sides contiguously; equal ranges agree token by token (folded)."""
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        assert tag in {"equal", "replace", "delete", "insert"}
        if tag == "equal":
            assert [token_key(t) for t in old[i1:i2]] == [token_key(t) for t in new[j1:j2]]
        if tag == "delete":
            assert j1 == j2
            assert i1 < i2
        if tag == "insert":
            assert i1 == i2
            assert j1 < j2
        if tag == "replace":
            assert i1 < i2
            assert j1 < j2
        i, j = i2, j2
    assert (i, j) == (len(old), len(new))


def _check_no_islands(old: list[str], ops: list) -> None:
    for before, island, after in zip(ops, ops[1:], ops[2:], strict=False):
        if island[0] == "equal" and before[0] != "equal" and after[0] != "equal":
            assert sum(is_word(t) for t in old[island[1] : island[2]]) >= 2


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_tokenize_round_trips_every_sample_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tokens = tokenize(text)
    assert "".join(tokens) == text
    # Words and separators alternate: two words never touch, nor two separators.
    kinds = [is_word(t) for t in tokens]
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))


@given(st.text())
def test_tokenize_round_trips_any_text(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(tokens) == text
    kinds = [is_word(t) for t in tokens]
    assert all(
        a != b for a, b in zip(kinds, kinds[1:], strict=False)
    )  # figures rely on the alternation


def test_tokenize_keeps_hyphenated_and_apostrophe_words_whole() -> None:
    assert tokenize("Nation\u2019s cyber\u2011enabled U.S.-led work") == [
        "Nation\u2019s",
        " ",
        "cyber\u2011enabled",
        " ",
        "U",
        ".",
        "S",
        ".-",
        "led",
        " ",
        "work",
    ]


def test_curly_quotes_case_and_rewrapping_are_not_edits() -> None:
    old = tokenize("The \u201cCyber Trust Mark\u201d program,\nlaunched in 2023.")
    new = tokenize('the "cyber trust mark" Program, launched in\u00a02023.')
    assert word_opcodes(old, new) == [("equal", 0, len(old), 0, len(new))]


def test_changed_words_are_exactly_the_replaced_tokens() -> None:
    old = tokenize("The national emergency must continue in effect beyond April 1, 2022.")
    new = tokenize("The national emergency must remain in effect beyond April 1, 2023.")
    assert _changes(old, new) == [("replace", "continue", "remain"), ("replace", "2022", "2023")]


def test_inserted_and_deleted_words() -> None:
    old = tokenize("We call upon business and institutions to act.")
    new = tokenize("We call upon business leaders and institutions to act now.")
    assert _changes(old, new) == [("insert", "", "leaders "), ("insert", "", " now")]
    assert _changes(new, old) == [("delete", "leaders ", ""), ("delete", " now", "")]


def test_one_word_island_between_changes_is_merged() -> None:
    old = tokenize("in July we released a new strategy")
    new = tokenize("We also released a strategy")
    ops = word_opcodes(old, new)
    _check_opcodes(old, new, ops)
    _check_no_islands(old, ops)
    assert _changes(old, new) == [("replace", "in July we", "We also"), ("delete", "new ", "")]
    raw = SequenceMatcher(
        None, [token_key(t) for t in old], [token_key(t) for t in new]
    ).get_opcodes()
    assert len(raw) > len(ops)  # difflib alone leaves the lone "we"/" " islands


def test_clean_opcodes_keeps_two_word_islands() -> None:
    tokens = ["a", " ", "b", " ", "c", " ", "d"]
    ops = [("replace", 0, 1, 0, 1), ("equal", 1, 6, 1, 6), ("replace", 6, 7, 6, 7)]
    assert clean_opcodes(ops, tokens) == ops


def test_clean_opcodes_merges_punctuation_only_island() -> None:
    ops = [("delete", 0, 1, 0, 0), ("equal", 1, 2, 0, 1), ("insert", 2, 2, 1, 2)]
    assert clean_opcodes(ops, ["x", ", ", "y"]) == [("replace", 0, 2, 0, 2)]


def test_identical_and_empty_inputs() -> None:
    assert word_opcodes([], []) == []
    assert word_opcodes([], ["a"]) == [("insert", 0, 0, 0, 1)]
    assert word_opcodes(["a"], []) == [("delete", 0, 1, 0, 0)]


def _real_sentences() -> list[str]:
    text = (DATA / "seeds" / "004_740a3e3daa21dc44.txt").read_text(encoding="utf-8")
    return [s for s in re.split(r"(?<=[.;])\s+", text) if len(s.split()) >= 8]


REAL = _real_sentences()


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(REAL) - 1), st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_mutated_real_sentences_give_valid_clean_opcodes(pick: int, seed: int, edits: int) -> None:
    rng = random.Random(seed)
    old = tokenize(REAL[pick])
    words = REAL[pick].split()
    for _ in range(edits):
        k = rng.randrange(len(words))
        action = rng.choice(["replace", "delete", "insert", "case"])
        if action == "replace":
            words[k] = rng.choice(["cyber", "digital", "ASEAN", "shall", "2024"])
        elif action == "delete" and len(words) > 1:
            del words[k]
        elif action == "insert":
            words.insert(k, rng.choice(["jointly", "also", "regional"]))
        else:
            words[k] = words[k].upper()
    new = tokenize(" ".join(words))
    ops = word_opcodes(old, new)
    _check_opcodes(old, new, ops)
    _check_no_islands(old, ops)
    flip = {"insert": "delete", "delete": "insert"}
    assert word_opcodes(new, old) == [(flip.get(t, t), c, d, a, b) for t, a, b, c, d in ops]
    if words == REAL[pick].split():
        assert ops == [("equal", 0, len(old), 0, len(new))]


@settings(max_examples=50, deadline=None)
@given(st.integers(0, len(REAL) - 1), st.integers(0, 2**32 - 1))
def test_case_changes_alone_are_one_equal_opcode(pick: int, seed: int) -> None:
    rng = random.Random(seed)
    words = [w.upper() if rng.random() < 0.3 else w.lower() for w in REAL[pick].split(" ")]
    old, new = tokenize(REAL[pick]), tokenize(" ".join(words))
    assert word_opcodes(old, new) == [("equal", 0, len(old), 0, len(new))]
