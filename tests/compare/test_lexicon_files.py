"""User theme lexicon files: extending and overriding the built-in one, and every malformed
file named with its line."""

from __future__ import annotations

import pytest
from helpers import refuses_unreadable
from policydrift.compare.themes.lexicon import (
    load_lexicon,
    parse_lexicon,
)
from policydrift.corpus.errors import ThemeFileError

LEXICON = load_lexicon(lexicons="cyber")


def hits(text: str, lexicon=LEXICON) -> list[tuple[str, str]]:
    return [(t.id, text[s:e]) for t in lexicon.themes for s, e in t.spans(text)]


# -- user files -----------------------------------------------------------------------------

USER = """\
name: mine
version: "2"
themes:
  - id: ransomware
    label: Ransom and extortion
    patterns: [ransom*, extortion]
  - id: sanctions
    label: Sanctions
    description: Sanctions on malicious cyber actors.
    cap_major: 19
    patterns:
      - sanction(s)
    acronyms: [OFAC]
"""


def test_user_file_extends_and_overrides_in_place(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(USER, encoding="utf-8")
    merged = load_lexicon(path, lexicons="cyber")
    assert len(merged) == len(LEXICON) + 1
    assert merged.ids[: len(LEXICON)] == LEXICON.ids
    assert merged.ids[-1] == "sanctions"
    assert merged.get("ransomware").label == "Ransom and extortion"
    assert merged.get("ransomware").source == str(path)
    assert merged.get("sanctions").line == 7
    assert merged.sources == ("builtin", str(path))
    assert merged.name == "cyber+mine"
    assert merged.version == "2.0.0+2"
    assert hits("OFAC sanctions", merged) == [("sanctions", "OFAC"), ("sanctions", "sanctions")]


def test_user_file_alone(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(USER, encoding="utf-8")
    assert load_lexicon(path, extend=False).ids == ("ransomware", "sanctions")
    path.write_text("extend: false\n" + USER, encoding="utf-8")
    assert load_lexicon(path).ids == ("ransomware", "sanctions")


THEME = "themes:\n  - id: scams\n    label: Scams\n    patterns: [scam(s)]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the theme file is empty; it needs a 'themes:' list"),
        (
            "themes: [\n  - id: x\n",
            "line 2: not valid YAML: ",
        ),
        ("- a\n- b\n", "line 1: the top level must be a mapping of 'key: value' lines"),
        ("name: x\n", "line 1: no 'themes:' list at the top level"),
        ("themes: []\n", "line 1: 'themes' must be a non-empty list of themes"),
        ("schema: 2\n" + THEME, "line 1: schema must be 1 (the only lexicon format so far)"),
        (
            "themse:\n  - id: x\n",
            "line 1: unknown key 'themse' in the top level (expected one of schema, name, version, description, extend, themes)",
        ),
        (
            THEME + "    pattern: [x]\n",
            "line 5: unknown key 'pattern' in a theme (expected one of id, label, description, cap_major, patterns, acronyms, exclude, not_before, not_after)",
        ),
        (THEME + "    label: Again\n", "line 5: key 'label' given twice in a theme"),
        (THEME + THEME[8:], "line 5: theme id 'scams' already defined on line 2"),
        (
            "themes:\n  - id: Online-Scams\n    label: x\n    patterns: [x]\n",
            "line 2: theme id must be snake_case (a-z, 0-9, _): 'Online-Scams'",
        ),
        ("themes:\n  - id: x\n    patterns: [x]\n", "line 2: theme without 'label'"),
        ("themes:\n  - id: x\n    label: x\n", "line 2: theme 'x' has no patterns and no acronyms"),
        (
            "themes:\n  - id: x\n    label: x\n    patterns: scam\n",
            "line 4: patterns must be a list ('- item' lines or [a, b])",
        ),
        (
            "themes:\n  - id: x\n    label: x\n    patterns:\n      - ok\n      - scam(s\n",
            "line 6: theme 'x': pattern 'scam(s': '(' at column 5 is never closed",
        ),
        (
            "themes:\n  - id: x\n    label: x\n    acronyms: [A|B]\n",
            "line 4: theme 'x': acronym 'A|B': unexpected '|' at column 2",
        ),
        (
            "themes:\n  - id: x\n    label: x\n    patterns: [x]\n    cap_major: 11\n",
            "line 5: cap_major 11 is not a CAP major topic code",
        ),
        (
            "themes:\n  - id: x\n    label: x\n    patterns: [x]\n    cap_major: ten\n",
            "line 5: cap_major must be a whole number: 'ten'",
        ),
        (
            "themes:\n  - id: x\n    label:\n    patterns: [x]\n",
            "line 3: label must be a single line of text",
        ),
        ("extend: maybe\n" + THEME, "line 1: extend must be true or false: 'maybe'"),
    ],
)
def test_malformed_file_errors_name_the_line(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThemeFileError) as info:
        load_lexicon(path)
    assert info.value.path == str(path)
    assert info.value.problem.startswith(message), info.value.problem


def test_unreadable_files(tmp_path):
    refuses_unreadable(load_lexicon, ThemeFileError, tmp_path, "theme file")


def test_yaml_scalars_stay_text():
    lexicon = parse_lexicon("themes:\n  - id: x\n    label: x\n    acronyms: [NO, ON, '5G']\n")
    assert lexicon.get("x").acronyms == ("NO", "ON", "5G")
