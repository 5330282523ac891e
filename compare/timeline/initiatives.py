"""Named initiatives and bodies: acronyms defined with their expansions, found per sentence.

A statement defines a name once, as ``Open-Ended Working Group (OEWG)`` or ``ASEAN Regional
Computer Emergency Response Team (CERT)``, and later editions may use the full name, the short
label (``ASEAN Regional CERT``) or the bare acronym. :func:`find_initiatives` collects the
definitions of a corpus into a :class:`Registry`; :func:`initiative_hits` finds, sentence by
sentence, which of them a statement mentions. Only proper names of bodies and initiatives count:
every word of the expansion is capitalised (small linking words aside) and one of them names a
kind of body or plan (``Group``, ``Strategy``, ``Team``...), so "artificial intelligence (AI)"
or "Internet of Things (IoT)" are not initiatives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from policydrift.compare.timeline.acronyms import LINKING, spells
from policydrift.corpus.models import Statement
from policydrift.corpus.normalize import fold

__all__ = [
    "Initiative",
    "InitiativeHit",
    "Registry",
    "find_initiatives",
    "initiative_hits",
    "initiative_finder",
]

# The last word of a proper name of a body, a plan or an initiative.
_HEADS = frozenset([
    "initiative", "group", "team", "force", "taskforce", "forum", "strategy", "framework",
    "council", "centre", "center", "dialogue", "partnership", "plan", "agreement", "convention",
    "treaty", "organisation", "organization", "agency", "nations", "association", "conference",
    "meeting", "summit", "programme", "program", "network", "committee", "commission", "fund",
    "project", "mechanism", "community", "declaration", "vision", "roadmap", "outlook", "zone",
    "union", "alliance", "institute", "office", "bureau", "department", "ministry",
    "secretariat", "database", "board", "authority", "platform", "agenda", "charter", "act",
    "coalition", "consortium", "caucus", "bank", "court", "corps", "facility", "hub", "academy",
    "compact", "accord", "pact", "process", "cooperation", "area", "region", "blueprint",
    "masterplan", "framework", "system",
])  # fmt: skip
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,11})\)")
_TOKEN = re.compile(r"[\w.&'’]+(?:-[\w.&'’]+)*")
_BREAK = re.compile(r"[;:()\[\]\"“”!?]|\.\s")
_YEARS = re.compile(r"\s*(\d{4}\s*[-–]\s*\d{4})\b")
_MAX_PREFIX = 4


@dataclass(frozen=True)
class Initiative:
    """One named initiative or body.

    ``key`` identifies it (folded label); ``label`` is the short form shown (``ACCS 2026-2030``),
    ``name`` the full form (``ASEAN Cybersecurity Cooperation Strategy 2026-2030``).
    """

    key: str
    label: str
    acronym: str
    name: str


@dataclass(frozen=True)
class InitiativeHit:
    """A sentence of a statement that mentions an initiative; ``text`` is the matched words."""

    key: str
    sentence: int
    text: str


@dataclass(frozen=True)
class Registry:
    """The initiatives defined in a corpus, in a stable order (by label), and their patterns."""

    initiatives: tuple[Initiative, ...]
    aliases: tuple[tuple[str, str], ...]  # (folded alias, key), longest first

    def __len__(self) -> int:
        return len(self.initiatives)

    def get(self, key: str) -> Initiative:
        """The initiative with this key (KeyError when unknown)."""
        return _index(self)[key]


@cache
def _index(registry: Registry) -> dict[str, Initiative]:
    return {item.key: item for item in registry.initiatives}


@dataclass(frozen=True)
class _Definition:
    prefix: str
    core: str
    acronym: str
    years: str

    @property
    def label(self) -> str:
        return " ".join(part for part in (self.prefix, self.acronym, self.years) if part)

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.prefix, self.core, self.years) if part)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _definitions(text: str) -> Iterable[_Definition]:
    """Every ``Expansion (ACR)`` definition of a proper name in one sentence."""
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if sum(ch.isupper() for ch in acronym) < 2 or acronym.endswith("s"):
            continue  # "(CERTs)": a plural is a common noun, not a name
        before = text[: match.start()]
        cut = max((m.end() for m in _BREAK.finditer(before)), default=0)
        spans = [(m.group(0), m.start() + cut) for m in _TOKEN.finditer(before[cut:])]
        words = [w.strip(".'’") or w for w, _ in spans]
        letters = acronym.casefold().replace("&", "")
        start = _expansion_start(words, letters)
        if start is None:
            continue
        core = words[start:]
        if not all(_capitalised(w) or w.casefold() in LINKING for w in core):
            continue
        if not any(w.casefold() in _HEADS or w.casefold()[:-1] in _HEADS for w in core):
            continue
        prefix = _prefix(words, spans, start, before)
        years = _YEARS.match(text, match.end())
        yield _Definition(
            prefix=" ".join(prefix),
            core=_squash(before[spans[start][1] :]).rstrip(" ,"),
            acronym=acronym,
            years=re.sub(r"\s*[-–]\s*", "-", years.group(1)) if years else "",
        )


def _expansion_start(words: Sequence[str], letters: str) -> int | None:
    """The start of the shortest run of final words that spells the acronym."""
    lowest = max(0, len(words) - 2 * len(letters) - 2)
    for start in range(len(words) - 1, lowest - 1, -1):
        if words[start].casefold() in LINKING:
            continue
        if spells(tuple(words[start:]), letters):
            return start
    return None


def _prefix(
    words: Sequence[str], spans: Sequence[tuple[str, int]], start: int, text: str
) -> list[str]:
    """Capitalised words right before the expansion that belong to the name ("ASEAN Regional")."""
    prefix: list[str] = []
    index = start - 1
    while index >= 0 and len(prefix) < _MAX_PREFIX:
        word, at = spans[index]
        gap = text[at + len(word) : spans[index + 1][1]]
        if gap.strip() or not words[index][:1].isupper() or words[index].casefold() in LINKING:
            break
        if word.endswith(("'s", "’s")):  # "Lithuania's MISP": an owner, not part of the name
            break
        sentence_initial = not text[:at].strip()
        if sentence_initial and not (words[index].isupper() and len(words[index]) > 1):
            break
        prefix.insert(0, words[index])
        index -= 1
    return prefix


def _key(definition: _Definition) -> str:
    return fold(definition.label)


_SAME_WORDS = {"un": "united nations", "u.n.": "united nations", "us": "united states",
               "u.s.": "united states", "the": "", "&": "and"}  # fmt: skip


def same_name(core: str) -> str:
    """A key under which spellings of one name meet: case, hyphen spacing, "UN" and "the" aside.

    >>> same_name("UN Convention on the Law of the Sea") == same_name("United Nations Convention on the Law of the Sea")
    True
    >>> same_name("ASEAN Outlook on the Indo- Pacific") == same_name("ASEAN Outlook on the Indo-Pacific")
    True
    """
    words = re.sub(r"\s*[-\u2010\u2011]\s*", "-", fold(core)).split()
    return " ".join(w for w in (_SAME_WORDS.get(w, w) for w in words) if w)


def find_initiatives(
    statements: Iterable[Statement], *, read: Callable[[int], None] | None = None
) -> Registry:
    """Collect the named initiatives and bodies defined anywhere in ``statements``
    (``read(k)`` after the ``k``-th statement).

    A definition without a prefix ("Counter Ransomware Initiative (CRI)") joins the prefixed
    one ("International Counter Ransomware Initiative (CRI)") when there is exactly one.

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> text = "We welcome the ASEAN Regional Computer Emergency Response Team (CERT) and the OEWG."
    >>> s = Statement(id="a", path="a", raw=text, text=text,
    ...               sentences=(Sentence(0, text, text.casefold(), 0, len(text), 0),))
    >>> [i.label for i in find_initiatives([s]).initiatives]
    ['ASEAN Regional CERT']
    """
    first_seen: dict[_Definition, int] = {}
    seen: set[str] = set()  # a repeated sentence defines nothing new: read each text once
    for done, statement in enumerate(statements, start=1):
        for sentence in statement.sentences:
            if sentence.text in seen:
                continue
            seen.add(sentence.text)
            for definition in _definitions(_squash(sentence.text)):
                first_seen.setdefault(definition, len(first_seen))
        if read is not None:
            read(done)
    groups: dict[tuple[str, str, str], list[_Definition]] = {}
    for definition in first_seen:  # in order of first appearance
        group = (definition.acronym, same_name(definition.core), definition.years)
        groups.setdefault(group, []).append(definition)
    owners: dict[_Definition, list[_Definition]] = {}
    for variants in groups.values():
        prefixed = sorted({d.prefix for d in variants if d.prefix})
        for definition in variants:
            owner = definition
            if not definition.prefix and len(prefixed) == 1:
                owner = next(d for d in variants if d.prefix == prefixed[0])
            elif not prefixed or definition.prefix:  # one spelling of a name: its first one
                owner = next(d for d in variants if d.prefix == definition.prefix)
            owners.setdefault(owner, []).append(definition)
    same_label = Counter(_key(owner) for owner in owners)
    initiatives = []
    alias_keys: dict[str, set[str]] = {}
    by_acronym: Counter[str] = Counter()
    for main, variants in owners.items():
        label = main.label
        if (
            same_label[_key(main)] > 1
        ):  # two names behind one short form: "ARF (Asia Regional Forum)"
            label = f"{main.label} ({main.name})"
        key = fold(label)
        initiatives.append(Initiative(key=key, label=label, acronym=main.acronym, name=main.name))
        by_acronym[main.acronym] += 1
        for definition in variants:
            names = [definition.name, f"{definition.name} ({definition.acronym})"]
            if (definition.prefix or definition.years) and same_label[_key(main)] == 1:
                names.append(definition.label)
            for alias in names:
                alias_keys.setdefault(fold(alias), set()).add(key)
    for item in initiatives:
        if by_acronym[item.acronym] == 1:  # a bare acronym is only attributed when unambiguous
            alias_keys.setdefault(fold(item.acronym), set()).add(item.key)
    aliases = tuple(
        sorted(
            ((alias, next(iter(keys))) for alias, keys in alias_keys.items() if len(keys) == 1),
            key=lambda pair: (-len(pair[0]), pair[0]),
        )
    )
    return Registry(
        initiatives=tuple(sorted(initiatives, key=lambda i: (fold(i.label), i.key))),
        aliases=aliases,
    )


@cache
def _pattern(registry: Registry) -> tuple[re.Pattern[str], dict[str, str]]:
    parts = [r"\s+".join(map(re.escape, alias.split(" "))) for alias, _ in registry.aliases]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
    return pattern, dict(registry.aliases)


def initiative_hits(statement: Statement, registry: Registry) -> list[InitiativeHit]:
    """The sentences of ``statement`` that name an initiative of ``registry``, in text order.

    One hit per (sentence, initiative); ``text`` is the first words that matched.

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> text = "The Open-Ended Working Group (OEWG) met. The OEWG will meet again."
    >>> cut = text.index(" The OEWG") + 1
    >>> s = Statement(id="a", path="a", raw=text, text=text, sentences=(
    ...     Sentence(0, text[:cut - 1], "", 0, cut - 1, 0), Sentence(1, text[cut:], "", cut, len(text), 0)))
    >>> registry = find_initiatives([s])
    >>> [(h.key, h.sentence, h.text) for h in initiative_hits(s, registry)]
    [('oewg', 0, 'Open-Ended Working Group (OEWG)'), ('oewg', 1, 'OEWG')]
    """
    find = initiative_finder(registry)
    return [
        InitiativeHit(key=key, sentence=sentence.index, text=text)
        for sentence in statement.sentences
        for key, text in find(sentence.text)
    ]


def initiative_finder(registry: Registry) -> Callable[[str], list[tuple[str, str]]]:
    """A function giving (key, the words that matched) of each initiative a sentence names.

    It reads the sentence's text alone, so a timeline calls it once per distinct sentence.

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> t = "The Open-Ended Working Group (OEWG) met."
    >>> registry = find_initiatives([Statement("a", "a", t, t, (Sentence(0, t, "", 0, len(t), 0),))])
    >>> initiative_finder(registry)("The OEWG and the oewg.")
    [('oewg', 'OEWG')]
    """
    if not registry.initiatives:
        return lambda text: []
    pattern, lookup = _pattern(registry)
    acronyms = {fold(item.acronym): item.acronym for item in registry.initiatives}

    def find(text: str) -> list[tuple[str, str]]:
        text = _squash(text)
        folded = fold(text)
        if len(folded) != len(text):  # folding changed lengths: match on the folded text only
            text = folded
        seen: set[str] = set()
        found = []
        for match in pattern.finditer(folded):
            alias = _squash(match.group(0))
            original = text[match.start() : match.end()]
            if alias in acronyms and original != acronyms[alias]:
                continue
            key = lookup.get(alias)
            if key is None or key in seen:
                continue
            seen.add(key)
            found.append((key, original))
        return found

    return find
