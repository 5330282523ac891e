"""Every match of many whole-word alternations in a text, from one scan of it.

The strength lexicon runs about two dozen expressions over each changed sentence, each of the
form ``(?<!\\w)(?:A|B|...)(?!\\w)`` (:func:`policydrift.compare.themes.patterns.alternation`).
Run one by one, each scans every position of the text, and at each word start tries its
alternatives one after the other: most of the cost of finding strength shifts. A
:class:`Scanner` runs them together: one expression visits each word start once, first asks
whether *any* alternative of any expression matches there (the alternatives grouped by their
first letter, so that a word start tries only those that can begin with its letter), and only
where one does, captures where each expression's own alternation, tried in its own order,
matches there (a lookahead per expression). Keeping, for each expression, the matches that
start at or after the end of its previous one gives exactly what its own ``finditer`` gives.

An expression not of that form is scanned on its own, as before; a text where an expression
matches empty text (never, for a lexicon's checked patterns) is scanned the old way whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from policydrift.compare.themes.patterns import split_alternatives

HEAD, TAIL = r"(?<!\w)(?:", r")(?!\w)"
Span = tuple[int, int]
_META = set("\\[](){}.*+?^$|")
_QUANTIFIERS = set("?*+{")


class Scanner:
    """The spans of each of ``regexes`` in a text, as ``[m.span() for m in regex.finditer(text)]``.

    >>> rx = [re.compile(r"(?<!\\w)(?:will|will not)(?!\\w)"), re.compile(r"(?<!\\w)(?:not)(?!\\w)")]
    >>> Scanner(rx).spans("we will not, will we? not")
    [[(3, 7), (13, 17)], [(8, 11), (22, 25)]]
    """

    def __init__(self, regexes: Sequence[re.Pattern[str]]) -> None:
        self.regexes = tuple(regexes)
        self.joined = [k for k, rx in enumerate(self.regexes) if _alternatives(rx) is not None]
        alternatives = [a for k in self.joined for a in _alternatives(self.regexes[k]) or ()]
        bodies = "".join(f"(?=((?:{self.regexes[k].pattern[len(HEAD) :]}))?" for k in self.joined)
        self.scan = (
            re.compile(rf"(?<!\w)(?={_any(alternatives)}(?!\w)){bodies}") if self.joined else None
        )

    def spans(self, text: str) -> list[list[Span]]:
        """Per expression, its matches in ``text`` (start, end), in order."""
        out: list[list[Span]] = [[] for _ in self.regexes]
        if self.scan is not None:
            ends = [0] * len(self.joined)
            for m in self.scan.finditer(text):
                start = m.start()
                for n, (s, e) in enumerate(m.regs[1:]):
                    if s < 0 or start < ends[n]:
                        continue
                    if e == s:  # an expression matching empty text: finditer's own rules
                        return [[m.span() for m in rx.finditer(text)] for rx in self.regexes]
                    out[self.joined[n]].append((s, e))
                    ends[n] = e
        apart = set(range(len(self.regexes))).difference(self.joined)
        for k in sorted(apart):
            out[k] = [m.span() for m in self.regexes[k].finditer(text)]
        return out


def _alternatives(regex: re.Pattern[str]) -> list[str] | None:
    """The top-level alternatives of a ``(?<!\\w)(?:A|B|...)(?!\\w)`` expression without
    groups or flags beyond the default, or None if it is not one."""
    source = regex.pattern
    plain = regex.flags == re.UNICODE and not regex.groups
    if not (plain and source.startswith(HEAD) and source.endswith(TAIL)):
        return None
    return split_alternatives(source[len(HEAD) : -len(TAIL)])


def _any(alternatives: list[str]) -> str:
    """One expression matching where any of ``alternatives`` does (in any order): those that
    begin with a plain character grouped behind it, the others tried one by one."""
    grouped: dict[str, list[str]] = {}
    others = []
    for a in dict.fromkeys(alternatives):
        first = a[:1]
        if first and first not in _META and a[1:2] not in _QUANTIFIERS:
            grouped.setdefault(first, []).append(a[1:])
        else:
            others.append(a)
    parts = [re.escape(c) + "(?:" + "|".join(rest) + ")" for c, rest in sorted(grouped.items())]
    return "(?:" + "|".join(parts + [f"(?:{a})" for a in others]) + ")"


class Deferred:
    """A :class:`Scanner`, built once more than ``after`` texts were read without it.

    Compiling one costs about what scanning 40 sentences expression by expression does: a
    comparison of two statements reads too few changed sentences to pay for it, a timeline
    reads thousands. The results are the same either way.
    """

    def __init__(self, after: int = 64) -> None:
        self.after = after
        self.reads = 0
        self.scanner: Scanner | None = None

    def get(self, regexes: Callable[[], Sequence[re.Pattern[str]]]) -> Scanner | None:
        """The scanner of ``regexes()`` (made on the first call past ``after``), else None."""
        if self.scanner is None:
            self.reads += 1
            if self.reads <= self.after:
                return None
            self.scanner = Scanner(regexes())
        return self.scanner
