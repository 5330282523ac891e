"""Named initiatives and bodies: acronyms defined with their expansions, found per sentence."""

from __future__ import annotations

import pytest
from helpers import statement as _st
from policydrift.compare.timeline.initiatives import find_initiatives, initiative_hits


@pytest.fixture(scope="module")
def registry(corpus):
    return find_initiatives(corpus.statements)


def test_the_issue_examples_are_found_with_their_labels(registry):
    labels = {i.label: i.name for i in registry.initiatives}
    assert labels["ASEAN Regional CERT"] == "ASEAN Regional Computer Emergency Response Team"
    assert labels["ACCS 2026-2030"] == "ASEAN Cybersecurity Cooperation Strategy 2026-2030"
    assert labels["OEWG"] == "Open-Ended Working Group"
    assert labels["International CRI"] == "International Counter Ransomware Initiative"


def test_common_nouns_are_not_initiatives(registry):
    acronyms = {i.acronym for i in registry.initiatives}
    # "artificial intelligence (AI)", "micro, small and medium enterprises (MSMEs)",
    # "Internet of Things (IoT)", "cyber emergency response teams (CERTs)"
    assert not acronyms & {"AI", "MSMEs", "MSME", "IoT", "CERTs", "IT", "OT"}


def test_mentions_by_full_name_label_or_acronym(corpus, registry):
    dialogue = next(s for s in corpus.statements if s.id == "000_a03e204da53f589a")
    keys = {h.key for h in initiative_hits(dialogue, registry)}
    assert {"asean regional cert", "accs 2026-2030", "arf"} <= keys
    china = next(s for s in corpus.statements if s.id == "003_f3c8cea24e4c5715")
    oewg = [h for h in initiative_hits(china, registry) if h.key == "oewg"]
    assert [h.text for h in oewg] == ["Open-Ended Working Group (OEWG)", "OEWG"]


def test_one_hit_per_sentence_and_initiative():
    s = _st("a", "The Open-Ended Working Group (OEWG) met; the OEWG agreed.", "Nothing here.")
    hits = initiative_hits(s, find_initiatives([s]))
    assert [(h.key, h.sentence) for h in hits] == [("oewg", 0)]


def test_ambiguous_bare_acronyms_are_not_attributed():
    s = _st(
        "a",
        "The Asia Regional Forum (ARF) met.",
        "The ASEAN Regional Forum (ARF) met.",
        "The ARF will meet again.",
    )
    registry = find_initiatives([s])
    assert len(registry) == 2
    assert [h.sentence for h in initiative_hits(s, registry)] == [0, 1]


def test_acronyms_match_case_sensitively():
    s = _st("a", "The Anti-Cybercrime Taskforce (ACT) met.", "We act now.", "The ACT met.")
    registry = find_initiatives([s])
    assert [i.acronym for i in registry.initiatives] == ["ACT"]
    assert [h.sentence for h in initiative_hits(s, registry)] == [0, 2]
