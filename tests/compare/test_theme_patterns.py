"""The theme pattern language: wildcards, optional parts, anchors, required literal runs,
separator folding, malformed patterns."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from policydrift.compare.themes import patterns
from policydrift.compare.themes.lexicon import (
    load_lexicon,
    make_theme,
)
from policydrift.compare.themes.patterns import (
    fold_separators,
    lower,
    pattern_anchor,
    pattern_regex,
    required_runs,
)

LEXICON = load_lexicon(lexicons="cyber")


# -- the pattern language -------------------------------------------------------------------


MATCHES = {  # pattern: {text: whether the pattern matches the whole text}
    "cross border": {"cross-border": True, "crossborder": False},
    "cross-border": {"crossborder": True, "cross \u2013 border": True},
    "behavio(u)r": {"behaviour": True, "behavior": True},
    "organi[sz]ation": {"organization": True, "organi-ation": False},
    "state's duty": {"State\u2019s duty": True},
    "scam*": {"scammers": True},
    "build* (the )capacit*": {"building the capacity": True, "builds capacities": True},
    "AI": {"ai": False},
}


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [(pattern, text, hit) for pattern, texts in MATCHES.items() for text, hit in texts.items()],
)
def test_pattern_language(pattern, text, expected):
    sensitive = pattern.isupper()
    regex = re.compile(pattern_regex(pattern, case_sensitive=sensitive))
    subject = text if sensitive else lower(text)
    assert (regex.fullmatch(subject) is not None) is expected


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("scam(s", "'(' at column 5 is never closed"),
        ("a((b))", "nested '(' at column 3"),
        ("a()", "empty '()' at column 2"),
        ("x[]", "'[' at column 2 must enclose letters or digits and be closed by ']'"),
        ("a|b", "unexpected '|' at column 2"),
        ("ab?", "unexpected '?' at column 3"),
        ("a\tb", "unexpected whitespace '\\t' at column 2; use a plain space"),
        ("*", "matches empty text; give at least one letter or digit that must be present"),
        ("(s)", "matches empty text; give at least one letter or digit that must be present"),
    ],
)
def test_malformed_patterns_say_where(pattern, problem):
    with pytest.raises(ValueError, match=re.escape(problem)):
        pattern_regex(pattern)


@pytest.mark.parametrize(
    ("pattern", "anchor"),
    [
        ("online scam(s)", "online"),
        ("Cross-border data flow(s)", "border"),
        ("organi[sz]ation", "organi"),
        ("(the )capacity", "capacity"),
        ("*", ""),
    ],
)
def test_anchor_is_a_piece_every_match_contains(pattern, anchor):
    assert pattern_anchor(pattern) == anchor


def test_every_builtin_match_contains_an_anchor_of_its_theme():
    data = Path(__file__).parents[2] / "corpus" / "data"
    files = sorted(data.glob("seeds/*.txt")) + sorted(data.glob("whitehouse/*/*.md"))
    assert len(files) == 24
    for path in files:
        text = path.read_text(encoding="utf-8")
        for theme in LEXICON.themes:
            plain = make_theme(
                theme.id, theme.label, patterns=theme.patterns, acronyms=theme.acronyms
            )
            full = replace(plain, anchors=None)
            assert plain.spans(text) == full.spans(text), (path.name, theme.id)


def test_required_runs_skip_patterns_without_changing_any_match():
    """A pattern runs only if the text holds every literal run of it: the same spans as running
    every pattern whose anchor the text holds, on every sample statement, every built-in theme."""
    data = Path(__file__).parents[2] / "corpus" / "data"
    files = sorted(data.glob("seeds/*.txt")) + sorted(data.glob("whitehouse/*/*.md"))
    skipped = 0
    for theme in load_lexicon().themes:
        plain = replace(theme)
        plain.__dict__["_required"] = ((),) * len(theme.pieces)  # anchors only
        for path in files:
            text = path.read_text(encoding="utf-8")
            low = patterns.matchable(text)
            assert theme.spans(text) == plain.spans(text), (path.name, theme.id)
            skipped += sum(
                1
                for (anchor, _, sensitive), runs in zip(theme.pieces, theme._required, strict=True)
                if not sensitive and anchor in low and any(r not in low for r in runs)
            )
    assert skipped > 100  # the runs do skip patterns on real text


@pytest.mark.parametrize(
    ("pattern", "runs"),
    [
        ("critical national infrastructure*", ("infrastructure", "critical", "national")),
        ("organi[sz]ation", ("organi", "ation")),
        ("(the )capacity", ("capacity",)),
        ("A.I.", ("a.i.",)),
        ("*", ()),
    ],
)
def test_required_runs_are_the_plain_pieces_every_match_holds(pattern, runs):
    assert required_runs(pattern) == runs
    assert not runs or pattern_anchor(pattern) == runs[0]


_FOLDED = "".join(chr(c) for c in patterns._FOLD)


@given(st.text(alphabet=st.sampled_from(_FOLDED + "ab -'\u00e9\u2018\t"), max_size=40))
def test_fold_separators_is_the_translation_table(text):
    table = patterns._FOLD_ASCII if text.isascii() else patterns._FOLD
    assert fold_separators(text) == text.translate(table)


def test_case_insensitive_matching_keeps_offsets_with_expanding_characters():
    text = "\u0130STANBUL: Online SCAMS."  # the dotted capital I lowercases to two characters
    theme = LEXICON.get("online_scams")
    assert [text[s:e] for s, e in theme.spans(text)] == ["Online SCAMS"]


def test_make_theme_checks_its_arguments():
    with pytest.raises(ValueError, match="snake_case"):
        make_theme("Bad-Id", "x", patterns=["x"])
    with pytest.raises(ValueError, match="no patterns and no acronyms"):
        make_theme("empty", "x")
    with pytest.raises(ValueError, match="cap_major must be"):
        make_theme("x", "x", patterns=["x"], cap_major=11)
