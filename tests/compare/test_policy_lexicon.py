"""The policy lexicon on real summit statements: the domains a leaders' statement is about."""

from __future__ import annotations

import pytest
from policydrift.compare import compare
from policydrift.compare.models import ThemeOptions
from policydrift.compare.themes.coding import code_statement
from policydrift.compare.themes.lexicon import CAP_MAJOR_TOPICS, load_lexicon
from policydrift.corpus.collection import SAMPLE_CORPUS, read_one

POLICY = load_lexicon(lexicons="policy")
ASEAN_US = SAMPLE_CORPUS / "whitehouse" / "asean_us"


def statement(prefix: str):
    (path,) = ASEAN_US.glob(f"{prefix}*.md")
    return read_one(path)


SUMMIT = statement("2022-05-13")  # ASEAN-U.S. Special Summit 2022, Joint Vision Statement


def sentences_of(st, theme: str) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for hit in code_statement(st, POLICY):
        if hit.theme == theme:
            found.setdefault(hit.sentence, []).append(" ".join(hit.text.split()))
    return found


def test_every_policy_theme_is_mapped_to_a_cap_major_topic():
    assert len(POLICY) >= 30
    for theme in POLICY.themes:
        assert theme.cap_major in CAP_MAJOR_TOPICS, theme.id
        assert theme.description
        assert theme.label
    domains = {
        "defence_security", "non_proliferation", "maritime_security", "south_china_sea",
        "korean_peninsula", "myanmar", "russia_ukraine", "middle_east", "climate_change",
        "energy", "health", "trade_investment", "critical_minerals_supply_chains",
        "development_infrastructure_finance", "human_rights_democracy", "outer_space",
        "un_security_council_reform", "counter_terrorism", "humanitarian_aid",
        "education_people_to_people",
    }  # fmt: skip
    assert domains <= set(POLICY.ids)
    assert not set(POLICY.ids) & set(load_lexicon(lexicons="cyber").ids)


@pytest.mark.parametrize(
    ("theme", "opening", "words"),
    [
        ("south_china_sea", "We recognise the benefits of having", ["South China Sea"]),
        ("myanmar", "We remain deeply concerned over the crisis", ["Myanmar"]),
        ("russia_ukraine", "With regard to Ukraine", ["Ukraine"]),
        ("korean_peninsula", "We reaffirm a shared commitment to the goal", ["Korean Peninsula"]),
        ("non_proliferation", "We remain committed to universalization", ["IAEA", "Chemical Weapons"]),
        ("maritime_security", "We are committed to advancing our cooperation in the maritime", ["maritime domain"]),
        ("climate_change", "We affirm the key role that sub-national actors", ["climate action"]),
        ("health", "We support ASEAN’s pandemic recovery and health security", ["health security", "health systems", "pandemic prevention", "World Health Organization"]),
        ("education_people_to_people", "We commit to working with partners, including companies", ["universities", "education"]),
    ],
)  # fmt: skip
def test_summit_statement_sentences_carry_their_domain(theme, opening, words):
    (index,) = [s.index for s in SUMMIT.sentences if " ".join(s.text.split()).startswith(opening)]
    assert sentences_of(SUMMIT, theme)[index] == words


def test_summit_domains_and_what_the_next_statement_drops():
    found = {t for t in POLICY.ids if sentences_of(SUMMIT, t)}
    assert {"middle_east", "outer_space", "afghanistan", "taiwan_strait"}.isdisjoint(found)
    later = statement("2022-11-12")  # the Comprehensive Strategic Partnership statement
    themes = compare(SUMMIT, later, themes=ThemeOptions(lexicon=POLICY)).themes
    dropped = {c.theme for c in themes.by_status("dropped")}
    assert {"myanmar", "south_china_sea", "korean_peninsula", "russia_ukraine"} <= dropped


def test_general_words_are_refused_outside_their_domain():
    for text in ("Firms weigh the business climate.", "A regulator limits radio emissions."):
        assert [t.id for t in POLICY.themes if t.spans(text)] == []
    cyber = "Software supply chains must be secure against malicious cyber actors."
    assert POLICY.get("critical_minerals_supply_chains").spans(cyber) == []
