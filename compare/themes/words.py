"""Words for keyness: function words never listed, and spelling variants folded together.

:data:`STOPWORDS` are English function words and words too general to be a finding ("people",
"since", "last"): never a term alone, never the first or last word of a phrase.
:func:`variant` folds British and American spellings (recognise/recognize,
behaviour/behavior, programme/program, defence/defense, travelled/traveled) into one form,
so a change of house style is not reported as a change of language.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """
especially particularly based strong stronger person persons specific certain
a able about above across after again against ago alia all already also although always am
among amongst an and another any anyone anything anywhere are around as at back be because
become becomes been before began begin behind being below beside besides between beyond both
but by can cannot come comes could despite did do does doing done down dr during each eg
eight either etc even ever every except few first five following for four from further
furthermore get gets getting given go goes going gone got great had has have having he her
here hereby herein hers him his how however i ie if in include included includes including
inter into is it its itself just know known last less let like look lot lots made make makes
making many may me might more moreover most mr mrs ms much must my near nearly need needs
neither never new next nine no nor not nothing now of off often on once one ones only onto
or other our ours ourselves out over own people per put rather really said same say says see
seen seven several shall she should since six so some something sometimes soon still such
take takes tell ten than that the their theirs them themselves then there thereby therefore
therein thereof these they thing things this those though thought three through thus time
times to today together too toward towards two under unless until up upon us use used uses
using various very via vs want was way ways we well went were what whatever when whenever
where whereas whereby wherever whether which whichever while who whoever whom whose why will
with within without would year years yes yesterday yet you your
"""
)

# -ise words that are never spelled -ize.
_ISE_ALWAYS = _words(
    """advise advertise arise chastise circumcise comprise compromise concise despise devise
disguise enterprise excise exercise expertise franchise improvise incise merchandise otherwise
precise premise promise revise rise supervise surmise surprise televise wise clockwise likewise
noise poise praise raise cruise bruise treatise paradise demise reprise guise vise anise
mortise tortoise porpoise turquoise reprise"""
)
_ISE = re.compile(r"^(?P<base>[a-z]{3,})is(?P<end>e|es|ed|ing|ation|ations|er|ers)$")
_OUR = re.compile(
    r"^(?P<stem>behavio|labo|hono|favo|colo|endeavo|neighbo|harbo|rumo|vigo|savo|armo|humo)ur(?P<end>[a-z]*)$"
)
_LL = re.compile(
    r"^(?P<stem>travel|model|label|cancel|fuel|signal|level|channel|counsel|equal|total|marshal|"
    r"jewel|dial|enrol)l(?P<end>ing|ed|er|ers)$"
)
_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "offences": "offenses",
    "licence": "license",
    "licences": "licenses",
    "catalogue": "catalog",
    "ageing": "aging",
    "judgement": "judgment",
    "judgements": "judgments",
    "metre": "meter",
    "metres": "meters",
    "theatre": "theater",
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "enrolment": "enrollment",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analyses": "analyses",
    "analysing": "analyzing",
    "paralyse": "paralyze",
    "catalyse": "catalyze",
    "whilst": "while",
    "amongst": "among",
}


@lru_cache(maxsize=65536)
def variant(word: str) -> str:
    """The American spelling of a (lower-case) word, when it has a British variant.

    >>> [variant(w) for w in ("recognise", "recognised", "behaviours", "programme", "travelled", "exercise", "rise")]
    ['recognize', 'recognized', 'behaviors', 'program', 'traveled', 'exercise', 'rise']
    """
    if word in _WORDS:
        return _WORDS[word]
    if "-" in word:
        return "-".join(variant(part) for part in word.split("-"))
    m = _ISE.match(word)
    if m and m["base"] + "ise" not in _ISE_ALWAYS:
        return f"{m['base']}iz{m['end']}"
    m = _OUR.match(word)
    if m:
        return f"{m['stem']}r{m['end']}"
    m = _LL.match(word)
    if m:
        return f"{m['stem']}{m['end']}"
    return word
