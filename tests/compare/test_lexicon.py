"""The built-in theme lexicon: its themes, real spellings, precision traps (the pattern
language: test_theme_patterns.py; user lexicon files: test_lexicon_files.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from policydrift.compare.themes.lexicon import (
    CAP_MAJOR_TOPICS,
    load_lexicon,
    parse_lexicon,
)

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
