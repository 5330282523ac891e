"""Every context rule of the built-in lexicons: a true hit kept and a false one refused.

Each guarded pattern (``requires`` / ``unless`` / date bounds, see ``compare/themes/rules.py``)
has one sentence where it must count and one where it must not. Sentences come from the sample
corpus where it has one (``(file prefix, sentence index)``: the statement is read, so paragraph
scope and dates are real); where it has none, a sentence in the style of real statements is
given as text (scope: the sentence alone, no date). A new rule without cases fails
``test_every_rule_has_cases``.
"""

from __future__ import annotations

from functools import cache

import pytest
from policydrift.compare.themes.lexicon import load_lexicon
from policydrift.compare.themes.patterns import matchable
from policydrift.compare.themes.rules import Scope, sentence_scopes
from policydrift.corpus.collection import SAMPLE_CORPUS, read_one

LEXICON = load_lexicon()

# (theme, guarded pattern): (a sentence where it counts, one where it does not).
CASES = {
    ("critical_infrastructure", "critical sector(s)"): (("2023-02-02-quad", 16), ("2023-12-15-joint", 10)),
    ("critical_infrastructure", "critical service(s)"): (("2022-09-30-a-cyber", 3), "Teachers and nurses provide critical services to rural communities."),
    ("critical_infrastructure", "essential service(s)"): (("2021-09-30-a-proc", 1), "Local governments must keep essential services such as water and schooling affordable."),
    ("critical_infrastructure", "lifeline service(s)"): ("Ransomware attacks on hospitals threaten lifeline services.", "The programme funds lifeline services for elderly people."),
    ("responsible_state_behaviour", "norm(s)"): (("002_", 7), ("2022-05-13-asean", 1)),
    ("responsible_state_behaviour", "rules and principles"): (("003_", 6), "Parties shall abide by the rules and principles of the law of the sea, including UNCLOS."),
    ("responsible_state_behaviour", "in a responsible manner"): (("002_", 7), "Companies should dispose of plastic waste in a responsible manner."),
    ("un_processes", "program(me) of action"): ("We support a UN Programme of Action to advance responsible state behaviour in the use of ICTs.", "We support the UN Programme of Action on Small Arms and Light Weapons."),
    ("un_processes", "UN General Assembly"): ("The UN General Assembly endorsed the report on ICTs in the context of international security.", "The UN General Assembly adopted a resolution on the situation in Ukraine."),
    ("un_processes", "United Nations General Assembly"): (("004_", 8), ("2022-05-13-asean", 21)),
    ("un_processes", "General Assembly resolution(s)"): ("General Assembly resolution 73/27 addressed developments in the field of ICTs.", ("2022-05-13-asean", 21)),
    ("un_processes", "First Committee"): ("The First Committee discussed the security of ICTs.", "The First Committee adopted the draft resolution on nuclear disarmament."),
    ("incident_response", "incident report*"): (("2023-11-01-inter", 7), "Port authorities improved incident reporting for oil spills at sea."),
    ("incident_response", "security incident(s)"): ("Agencies must report security incidents affecting their networks.", "Maritime security incidents in the strait rose this year."),
    ("incident_response", "emergency response team(s)"): (("2021-10-14-joint", 11), "Medical emergency response teams were deployed after the earthquake disaster."),
    ("cybercrime", "criminal purposes"): ("States should prevent the use of ICTs for criminal purposes.", "Vessels must not be used for criminal purposes such as smuggling."),
    ("cybercrime", "law enforcement"): (("2021-10-14-joint", 5), ("2022-05-13-asean", 23)),
    ("digital_inclusion", "financial inclusion"): (("004_", 23), "Microfinance for farmers promotes financial inclusion in rural areas."),
    ("digital_inclusion", "marginali[sz]ed group(s)"): (("004_", 23), "Health services must reach marginalised groups in remote provinces."),
    ("digital_inclusion", "vulnerable group(s)"): (("2023-09-06-asean", 17), "Food aid should reach vulnerable groups first."),
    ("covid19", "vaccin*"): (("004_", 18), ("2022-05-13-asean", 16)),
    ("covid19", "economic recovery"): (("004_", 16), ("2022-05-13-asean", 16)),
    ("covid19", "comprehensive recovery framework"): (("004_", 5), "A comprehensive recovery framework was adopted after the 2008 financial crisis."),
    ("trafficking_in_persons", "traffick*"): (("001_", 5), "Police will curb trafficking in illicit drugs and firearms."),
    ("victims_and_survivors", "victim*"): (("2021-10-14-joint", 11), "Relief reached the victims of the typhoon within days."),
    ("victims_and_survivors", "survivor(s)"): (("001_", 3), "Survivors of the earthquake received shelter."),
    ("confidence_building_measures", "confidence-build*"): ("The ARF adopted confidence-building measures to reduce the risk of conflict stemming from the use of ICTs.", ("2022-05-13-asean", 28)),
    ("confidence_building_measures", "build* confidence"): (("002_", 7), ("2022-05-13-asean", 55)),
    ("confidence_building_measures", "trust-build*"): ("Trust-building among ICT security agencies remains a priority.", "Trust-building between the parties to the conflict is essential."),
    ("confidence_building_measures", "build* trust"): ("Regular dialogue on cyber issues helps build trust between states.", "Leaders pledged to build trust between the two Koreas."),
    ("confidence_building_measures", "point(s) of contact"): ("Member states exchanged points of contact for ICT security incidents.", "Each ministry will designate points of contact for disaster relief."),
    ("confidence_building_measures", "transparency measure(s)"): ("Transparency measures on national cyber policies reduce misperception.", "Transparency measures on military budgets reduce misperception."),
    ("information_sharing", "information sharing"): (("2021-09-30-a-proc", 8), "Information sharing on defence technology will deepen under the new security agreement."),
    ("information_sharing", "information exchange"): ("Information exchange on cyber threats between CERTs will be expanded.", ("2022-05-13-asean", 39)),
    ("information_sharing", "shar* information"): (("2021-09-30-a-proc", 18), "The parties will share information on infrastructure projects along the Mekong."),
    ("information_sharing", "sharing of information"): ("Timely sharing of information on ransomware incidents helps victims.", ("2022-05-13-asean", 23)),
    ("information_sharing", "exchang* (of )information"): (("2021-10-14-joint", 29), "The ministers agreed to exchange information on military exercises in the region."),
    ("cyber_awareness", "public awareness"): (("000_", 10), "The campaign builds public awareness of the dangers of drug abuse."),
    ("cyber_awareness", "awareness campaign(s)"): ("A national awareness campaign will teach citizens to spot phishing emails.", "An awareness campaign on dengue prevention reached every village."),
    ("cyber_awareness", "awareness-raising"): ("Awareness-raising on online scams targets older people.", "Awareness-raising on climate change continues in schools."),
    ("cyber_awareness", "rais* awareness"): (("2022-09-30-a-cyber", 1), "We will raise awareness of the rights of migrant workers."),
    ("supply_chain_security", "supply-chain(s)"): (("2023-02-02-quad", 13), ("2024-09-30-a-proc", 7)),
    ("malicious_cyber_activity", "malicious activit*"): (("2021-10-14-joint", 27), "Coast guards monitor malicious activities at sea such as piracy."),
    ("malicious_cyber_activity", "malicious actor(s)"): (("2021-10-14-joint", 20), "Malicious actors spread rumours at rallies."),
    ("malicious_cyber_activity", "state-sponsored"): ("State-sponsored hackers targeted government networks.", "State-sponsored scholarships support students abroad."),
    ("defence_security", "interoperability"): ("Joint exercises improve interoperability between our armed forces.", "We support the interoperability of payment systems in the region."),
    ("maritime_security", "piracy"): ("Piracy and armed robbery against ships threaten shipping in the Strait of Malacca.", "Software piracy costs the creative industries billions."),
    ("south_china_sea", "code of conduct"): (("2022-05-13-asean", 31), "Companies should adopt a code of conduct for responsible AI."),
    ("climate_change", "emission(s)"): (("2022-05-13-asean", 45), "The regulator limits radio emissions from mobile phones."),
    ("climate_change", "adaptation"): (("2022-11-12-asean", 15), "The film is an adaptation of a popular novel."),
    ("energy", "energy"): (("004_", 19), ("2021-09-30-a-proc", 10)),
    ("environment", "environment"): ("We will protect the marine environment from plastic pollution.", ("003_", 8)),
    ("health", "public health"): (("2022-11-12-asean", 7), ("2021-09-30-a-proc", 2)),
    ("health", "health care"): (("2022-05-13-asean", 13), "Ransomware attacks disrupted health care providers across the country."),
    ("health", "healthcare"): ("We will expand access to affordable healthcare in rural areas.", ("2024-10-02-inter", 9)),
    ("health", "vaccin*"): (("2022-05-13-asean", 16), ("004_", 18)),
    ("trade_investment", "economic security"): ("Export controls on advanced chips serve our economic security.", ("2021-09-30-a-proc", 2)),
    ("critical_minerals_supply_chains", "supply-chain(s)"): (("2022-05-13-asean", 16), ("2023-02-02-quad", 13)),
    ("development_infrastructure_finance", "connectivity"): (("2022-05-13-asean", 17), ("003_", 3)),
    ("human_rights_democracy", "corruption"): ("We will fight corruption and bribery of public officials.", ("2021-09-30-a-proc", 2)),
    ("education_people_to_people", "education"): (("004_", 7), ("2021-09-30-a-proc", 26)),
    ("education_people_to_people", "youth"): (("2022-05-13-asean", 33), ("004_", 4)),
}  # fmt: skip


@cache
def sample(prefix: str):
    (path,) = [p for p in SAMPLE_CORPUS.rglob(f"{prefix}*") if p.suffix in (".md", ".txt")]
    return read_one(path)


def place(case) -> tuple[str, Scope]:
    """The sentence text and its scope: read from the sample corpus, or given as text."""
    if isinstance(case, str):
        return case, Scope()
    statement = sample(case[0])
    return statement.sentences[case[1]].text, sentence_scopes(statement)[case[1]]


def counted(theme_id: str, pattern: str, case) -> tuple[bool, bool]:
    """(the guarded pattern occurs in the sentence, one of its matches counts for the theme)."""
    theme = LEXICON.get(theme_id)
    (rule,) = [r for r in theme.rules if r.pattern == pattern]
    text, scope = place(case)
    low = matchable(text)
    matches = [m.span() for m in rule.regex.finditer(low)]
    spans = theme.spans(text, low, scope)
    return bool(matches), any(any(s <= a and b <= e for s, e in spans) for a, b in matches)


def test_every_rule_has_cases():
    rules = {(t.id, r.pattern) for t in LEXICON.themes for r in t.rules}
    assert rules == set(CASES)
    from_corpus = sum(not isinstance(c, str) for pair in CASES.values() for c in pair)
    assert from_corpus >= 50  # most cases are real sample sentences


@pytest.mark.parametrize(("theme", "pattern"), sorted(CASES))
def test_true_hit_kept(theme, pattern):
    occurs, kept = counted(theme, pattern, CASES[theme, pattern][0])
    assert occurs
    assert kept


@pytest.mark.parametrize(("theme", "pattern"), sorted(CASES))
def test_false_hit_refused(theme, pattern):
    occurs, kept = counted(theme, pattern, CASES[theme, pattern][1])
    assert occurs
    assert not kept


def test_the_issue_examples_are_refused_and_their_true_twins_kept():
    supply = LEXICON.get("supply_chain_security")
    industrial = (
        sample("2024-09-30-a-proc").sentences[7].text
    )  # "...fortify our supply chains, and strengthen our industrial base."
    assert supply.spans(industrial) == []
    minerals = LEXICON.get("critical_minerals_supply_chains")
    assert [industrial[s:e] for s, e in minerals.spans(industrial)] == [
        "supply chains",
        "industrial base",
    ]
    norms = LEXICON.get("responsible_state_behaviour")
    assert norms.spans("We uphold the norms of the sea and freedom of navigation.") == []
    assert norms.spans("We uphold the norms of responsible state behaviour in cyberspace.") != []


def test_date_bounds_guard_covid_only_where_a_date_is_known():
    covid = LEXICON.get("covid19")
    assert covid.not_before == "2019-12"
    statement = sample("004_")  # 2021-10-26
    scopes = sentence_scopes(statement)
    text = statement.sentences[16].text  # "...accelerate economic recovery after COVID-19..."
    assert covid.spans(text, None, scopes[16]) != []
    older = Scope(scopes[16].paragraph, "2009-06-01")
    assert covid.spans(text, None, older) == []
    assert covid.spans("The pandemic slowed trade.", None, Scope(date="2009-06-01")) == []
    assert covid.spans("The pandemic slowed trade.", None, Scope(date="2020-03")) != []
    assert covid.spans("The pandemic slowed trade.") != []  # undated: context alone decides
    # The older crisis: "economic recovery" without the pandemic in its paragraph is refused.
    assert covid.spans("Economic recovery after the 2008 financial crisis was slow.") == []
