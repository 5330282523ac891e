"""The theme lexicon: the built-in file, the pattern language, precision traps, user files."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from policydrift.compare.themes import patterns
from policydrift.compare.themes.lexicon import (
    CAP_MAJOR_TOPICS,
    load_lexicon,
    make_theme,
    parse_lexicon,
)
from policydrift.compare.themes.patterns import (
    fold_separators,
    lower,
    pattern_anchor,
    pattern_regex,
    required_runs,
)
from policydrift.corpus.errors import ThemeFileError

LEXICON = load_lexicon(lexicons="cyber")

# Every area the issue names, with the theme that covers it.
REQUIRED = {
    "online_scams": "online scams and fraud",
    "artificial_intelligence": "artificial intelligence",
    "ransomware": "ransomware",
    "critical_infrastructure": "critical infrastructure",
    "capacity_building": "capacity building",
    "responsible_state_behaviour": "norms of responsible state behaviour",
    "international_law": "international law and the UN Charter",
    "un_processes": "UN processes (OEWG, GGE)",
    "incident_response": "incident response and CERTs",
    "cybercrime": "cybercrime",
    "data_governance": "data security and data governance",
    "cross_border_data_flows": "cross-border data flows",
    "personal_data_protection": "personal data protection",
    "digital_economy": "digital economy and e-commerce",
    "telecoms_5g": "5G and telecoms",
    "digital_inclusion": "digital inclusion and literacy",
    "msmes": "MSMEs",
    "covid19": "COVID-19 and recovery",
    "trafficking_in_persons": "trafficking in persons",
    "victims_and_survivors": "victims and survivors",
    "public_private_partnership": "public-private partnership",
    "financial_intelligence": "financial intelligence and recovery of funds",
    "confidence_building_measures": "confidence-building measures",
    "emerging_technologies": "emerging technologies",
    "smart_cities": "smart cities",
    "digital_health": "digital health",
    "disaster_response": "disaster response",
    "human_capital": "human capital and skills",
}


def hits(text: str, lexicon=LEXICON) -> list[tuple[str, str]]:
    return [(t.id, text[s:e]) for t in lexicon.themes for s, e in t.spans(text)]


# -- the built-in lexicon -------------------------------------------------------------------


def test_builtin_lexicon_has_about_thirty_documented_themes():
    assert 28 <= len(LEXICON) <= 40
    assert LEXICON.version == "2.0.0"
    assert re.fullmatch(r"[0-9a-f]{12}", LEXICON.digest)
    for theme in LEXICON.themes:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", theme.id)
        assert theme.label, theme.id
        assert theme.description, theme.id
        assert theme.patterns or theme.acronyms, theme.id
        assert theme.cap_major is None or theme.cap_major in CAP_MAJOR_TOPICS
        assert theme.line > 0
        assert theme.source == "builtin"


@pytest.mark.parametrize(("theme_id", "area"), sorted(REQUIRED.items()))
def test_every_required_area_has_its_theme(theme_id, area):
    assert theme_id in LEXICON.ids, area


def test_most_themes_map_to_a_cap_major_topic():
    mapped = [t for t in LEXICON.themes if t.cap_major is not None]
    assert len(mapped) >= len(LEXICON) - 2
    assert LEXICON.get("covid19").cap_topic == "Health"
    assert LEXICON.get("cybercrime").cap_topic == "Law and Crime"


def test_builtin_lexicon_is_deterministic():
    again = parse_lexicon(
        (Path(__file__).parents[2] / "compare" / "themes" / "lexicon.yaml").read_text("utf-8"),
        source="builtin",
    )
    assert again.ids == LEXICON.ids
    assert again.digest == LEXICON.digest
    assert [t.sources for t in again.themes] == [t.sources for t in LEXICON.themes]


# -- real spellings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme", "matched"),
    [
        ("ransom wares like Golden Eye", "ransomware", "ransom wares"),
        ("the Counter-Ransomware Initiative", "ransomware", "Counter-Ransomware Initiative"),
        ("ASEAN Anti-Online Scams Working Group", "online_scams", "Online Scams"),
        ("cross border data flows", "cross_border_data_flows", "cross border data flows"),
        ("crossborder data-flows", "cross_border_data_flows", "crossborder data-flows"),
        ("norms of responsible State behavior", "responsible_state_behaviour", "norms"),
        ("the Open-Ended Working Group (OEWG)", "un_processes", "Open-Ended Working Group"),
        ("the UNGGE reports", "un_processes", "UNGGE"),
        ("national CERTs and CSIRTs", "incident_response", "CERTs"),
        ("cyber-crime and cyber crimes", "cybercrime", "cyber-crime"),
        ("COVID-19 and Covid19", "covid19", "COVID-19"),
        ("the post-pandemic era", "covid19", "pandemic"),
        ("secure 5G networks", "telecoms_5g", "5G"),
        ("micro, small and medium enterprises (MSMEs)", "msmes", "small and medium enterprises"),
        ("Trafficking in Persons 2023-2028", "trafficking_in_persons", "Trafficking in Persons"),
        ("victims and survivors of online fraud", "victims_and_survivors", "victims"),
        (
            "deepen public-private partnerships",
            "public_private_partnership",
            "public-private partnerships",
        ),
        ("financial intelligence for recovery", "financial_intelligence", "financial intelligence"),
        (
            "cyber confidence-building measures (CBMs)",
            "confidence_building_measures",
            "confidence-building",
        ),
        (
            "digital skills for marginalised groups and marginalized groups",
            "digital_inclusion",
            "marginalised groups",
        ),
        ("ASEAN\u2019s digital\u00a0economy", "digital_economy", "digital\u00a0economy"),
        ("critical\ninfrastructure", "critical_infrastructure", "critical\ninfrastructure"),
        ("Internet of Things (IoT)", "emerging_technologies", "Internet of Things"),
    ],
)
def test_real_spellings_match(text, theme, matched):
    found = [m for t, m in hits(text) if t == theme]
    assert found[:1] == [matched], hits(text)


# -- precision: traps for every acronym and short word --------------------------------------

TRAPS = [
    "He said the aid was certain to arrive by email or e-mail.",
    "SAID THE MAID: CERTAIN AID IS PAID IN HAWAII.",
    "The certificate and certification of a certified cert file.",
    "Mainly, the chairman's aide paid for the paint.",
    "Stem cells, stemming the flow; Normandy and enormous normal Norman scampi.",
    "A 5GB disk, G5 summit, 56G; OEWGX and GGES are not names.",
    "Smell, smear, smes, fiu, aml, ioc, cbm, poa, tvet and vasp in lower case.",
    "Drug trafficking, arms trafficking and wildlife trafficking rose.",
    "The skillet, the victorious team, the cryptic crossword, the disastrous joke.",
    "Enormity, norman, abnormal; internet policy was discussed.",
]


@pytest.mark.parametrize("text", TRAPS)
def test_traps_give_no_theme_at_all(text):
    assert hits(text) == []


def _plain(pattern: str) -> str:
    """The shortest text an acronym pattern matches: optional parts dropped."""
    return re.sub(r"\([^)]*\)|\*", "", pattern)


@pytest.mark.parametrize(
    ("theme_id", "acronym"),
    [(t.id, a) for t in LEXICON.themes for a in t.acronyms],
)
def test_every_acronym_is_case_sensitive_and_whole_word(theme_id, acronym):
    theme = LEXICON.get(theme_id)
    word = _plain(acronym)
    assert theme.spans(f"the {word} text") == [(4, 4 + len(word))]
    assert theme.spans(f"the {word.lower()} text") == []
    assert theme.spans(f"the x{word}x text") == []
    if word.isalnum():
        assert theme.spans(f"the {word}x text") == []


def test_exclusions_drop_matches_inside_them():
    text = "Human trafficking and drug trafficking, trafficking in persons."
    found = [m for t, m in hits(text) if t == "trafficking_in_persons"]
    assert found == ["Human trafficking", "trafficking in persons"]


# -- the pattern language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("cross border", "cross-border", True),
        ("cross border", "crossborder", False),
        ("cross-border", "crossborder", True),
        ("cross-border", "cross \u2013 border", True),
        ("behavio(u)r", "behaviour", True),
        ("behavio(u)r", "behavior", True),
        ("organi[sz]ation", "organization", True),
        ("organi[sz]ation", "organi-ation", False),
        ("state's duty", "State\u2019s duty", True),
        ("scam*", "scammers", True),
        ("build* (the )capacit*", "building the capacity", True),
        ("build* (the )capacit*", "builds capacities", True),
        ("AI", "ai", False),
    ],
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
    with pytest.raises(ThemeFileError, match="theme file not found"):
        load_lexicon(tmp_path / "missing.yaml")
    with pytest.raises(ThemeFileError, match="is a directory"):
        load_lexicon(tmp_path)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("themes: [caf\xe9]".encode("latin-1"))
    with pytest.raises(ThemeFileError, match="is not UTF-8 text"):
        load_lexicon(latin)


def test_yaml_scalars_stay_text():
    lexicon = parse_lexicon("themes:\n  - id: x\n    label: x\n    acronyms: [NO, ON, '5G']\n")
    assert lexicon.get("x").acronyms == ("NO", "ON", "5G")
