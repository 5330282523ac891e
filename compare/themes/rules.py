"""Context rules: a pattern that counts only in the right company, and date bounds.

A general word carries a specific theme only in context: "norms" are cyber norms in a
sentence about cyberspace, not in one about the sea; "economic recovery" is the post-COVID
recovery only near the pandemic. A :class:`ContextRule` guards one pattern of a theme:

- ``requires``: at least one of these patterns in the same sentence (or paragraph);
- ``unless``: none of these patterns in the same sentence (or paragraph);
- ``scope``: ``sentence`` (default) or ``paragraph``;
- ``not_before`` / ``not_after``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a statement dated
  outside the bounds does not count the pattern (an undated statement is judged by context
  alone).

A :class:`Scope` carries what a sentence needs from around it: its paragraph (lowered) and its
statement's date. Expressions are compiled on first use, so loading a lexicon stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from policydrift.compare.themes.expressions import compile_expression
from policydrift.compare.themes.lexicon_file import translate_each
from policydrift.compare.themes.patterns import (
    alternation,
    literal_first,
    matchable,
    pattern_anchor,
    simple_source,
    translated,
)
from policydrift.corpus.models import Statement

SCOPES = ("sentence", "paragraph")
_BOUND = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


@dataclass(frozen=True)
class Scope:
    """Where a sentence sits: its paragraph, :func:`matchable` ('' for none), and its date.

    >>> Scope.of_text("Maritime norms.", date="2021-10-26").paragraph
    'maritime norms.'
    """

    paragraph: str = ""
    date: str | None = None

    @classmethod
    def of_text(cls, paragraph: str, *, date: str | None = None) -> Scope:
        """The scope of a paragraph given as written (it is lowered here)."""
        return cls(matchable(paragraph), date)


def check_bound(value: str, what: str) -> str:
    """``value`` if it is a date bound (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``); else ValueError.

    >>> check_bound("2019-12", "not_before")
    '2019-12'
    """
    if not _BOUND.fullmatch(value):
        msg = f"{what} must be a date as YYYY, YYYY-MM or YYYY-MM-DD: {value!r}"
        raise ValueError(msg)
    return value


def within(date: str | None, not_before: str | None, not_after: str | None) -> bool:
    """Whether ``date`` (ISO, or None for unknown) lies within the bounds, at their precision.

    >>> within("2019-06-01", "2019-12", None), within("2020-01-05", "2019-12", None), within(None, "2019-12", None)
    (False, True, True)
    """
    if not date:
        return True
    if not_before and date[: len(not_before)] < not_before:
        return False
    return not (not_after and date[: len(not_after)] > not_after)


def _source(patterns: tuple[str, ...]) -> str:
    return literal_first(simple_source(alternation([translated(p) for p in patterns])))


def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return compile_expression(_source(patterns)) if patterns else None


@dataclass(frozen=True)
class ContextRule:
    """One guarded pattern of a theme and the company it needs (see the module docstring).

    >>> rule = ContextRule("norm(s)", requires=("cyber*", "ICT(s)"), unless=("maritime",))
    >>> [m.group() for m in rule.regex.finditer("cyber norms and maritime norms")]
    ['norms', 'norms']
    >>> rule.allows("we uphold cyber norms", Scope()), rule.allows("norms of the sea", Scope())
    (True, False)
    """

    pattern: str
    requires: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    scope: str = "sentence"
    not_before: str | None = None
    not_after: str | None = None
    line: int = 0

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            msg = f"scope must be one of {', '.join(SCOPES)}: {self.scope!r}"
            raise ValueError(msg)
        for what in ("not_before", "not_after"):
            if getattr(self, what) is not None:
                check_bound(getattr(self, what), what)
        for what, items in (("pattern", (self.pattern,)), ("requires", self.requires), ("unless", self.unless)):  # fmt: skip
            translate_each(items, what, translated)

    @classmethod
    def checked(cls, **fields: object) -> ContextRule:
        """A rule from the fields of one that was built and checked before (a built-in
        lexicon kept as built): the same rule, without translating its patterns again."""
        rule = object.__new__(cls)
        for name, value in fields.items():
            object.__setattr__(rule, name, value)
        return rule

    @cached_property
    def anchor(self) -> str:
        """A literal piece every match of the guarded pattern holds ('' if none)."""
        return pattern_anchor(self.pattern)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The guarded pattern, as a whole-word expression for lowered text."""
        return compile_expression(_source((self.pattern,)))

    def expressions(self) -> list[str]:
        """The sources of the rule's expressions (its pattern, ``requires``, ``unless``)."""
        return [_source(p) for p in ((self.pattern,), self.requires, self.unless) if p]

    @cached_property
    def _requires(self) -> re.Pattern[str] | None:
        return _compiled(self.requires)

    @cached_property
    def _unless(self) -> re.Pattern[str] | None:
        return _compiled(self.unless)

    def allows(self, sentence: str, scope: Scope) -> bool:
        """Whether a match in ``sentence`` (lowered) counts, given its ``scope``."""
        if not within(scope.date, self.not_before, self.not_after):
            return False
        text = scope.paragraph if self.scope == "paragraph" and scope.paragraph else sentence
        if self._requires is not None and self._requires.search(text) is None:
            return False
        return self._unless is None or self._unless.search(text) is None

    def describe(self) -> str:
        """The rule in words, for documentation and reports.

        >>> ContextRule("norm(s)", requires=("cyber*",), unless=("sea",)).describe()
        '`norm(s)` needs `cyber*` and not `sea` in the same sentence'
        """
        parts = []
        if self.requires:
            parts.append("needs " + " or ".join(f"`{p}`" for p in self.requires))
        if self.unless:
            parts.append(
                ("and not " if parts else "not with ") + " or ".join(f"`{p}`" for p in self.unless)
            )
        where = f" in the same {self.scope}" if parts else ""
        dates = []
        if self.not_before:
            dates.append(f"not before {self.not_before}")
        if self.not_after:
            dates.append(f"not after {self.not_after}")
        return (
            f"`{self.pattern}` "
            + " ".join(parts)
            + where
            + (", " if parts and dates else "")
            + ", ".join(dates)
        )


def sentence_scopes(statement: Statement) -> list[Scope]:
    """The :class:`Scope` of each sentence: its paragraph (lowered) and the statement's date.

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> s = Statement("x", "x", "", "", (Sentence(0, "Sea.", "", 0, 4, 0), Sentence(1, "Norms.", "", 5, 11, 0)),
    ...               date="2021-05-01")
    >>> [(sc.paragraph, sc.date) for sc in sentence_scopes(s)]
    [('sea. norms.', '2021-05-01'), ('sea. norms.', '2021-05-01')]
    """
    paragraphs: dict[int, list[str]] = {}
    for sentence in statement.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
    scopes = {
        p: Scope.of_text(" ".join(texts), date=statement.date) for p, texts in paragraphs.items()
    }
    return [scopes[s.paragraph] for s in statement.sentences]
