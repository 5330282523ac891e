"""One theme of a lexicon: its compiled patterns and acronyms, and where they match a text.

Each theme's expressions are compiled on first use: one for its case-insensitive ``patterns``
(run on the lowered text), one for its case-sensitive ``acronyms``, one per guarded pattern
(:mod:`policydrift.compare.themes.rules`), and a list of literal anchors checked first, so that
a sentence which cannot match a theme costs a few substring tests and a theme no sentence can
match is never compiled. Each plain pattern runs on its own, and only if the text holds every
run of plain characters it requires (:func:`~policydrift.compare.themes.patterns.required_runs`). Built by :func:`policydrift.compare.themes.lexicon.make_theme`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from functools import cached_property

from policydrift.compare.themes.expressions import compile_expression
from policydrift.compare.themes.lexicon_file import CAP_MAJOR_TOPICS
from policydrift.compare.themes.patterns import (
    fold_separators,
    matchable,
    pattern_anchor,
    required_runs,
)
from policydrift.compare.themes.rules import ContextRule, Scope, within

BUILTIN = "builtin"


@dataclass(frozen=True)
class Theme:
    """One theme: its id, label, description, CAP major topic and patterns.

    ``regex`` finds the plain ``patterns`` in the lowered text (see
    :func:`policydrift.compare.themes.patterns.lower`), ``acronym_regex`` the ``acronyms`` in
    the text as written; ``exclude_regex`` finds contexts in which a match does not count;
    ``rules`` are the patterns that count only in context or between dates
    (:class:`~policydrift.compare.themes.rules.ContextRule`), and ``not_before``/``not_after``
    bound the whole theme. Expressions are compiled on first use. ``anchors`` ((text,
    case-sensitive) pairs, or None) are literal pieces one of which every match contains.
    ``source`` is the file the theme came from (``builtin`` for the shipped lexicons) and
    ``line`` its line there.
    """

    id: str
    label: str
    description: str
    patterns: tuple[str, ...]
    acronyms: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    cap_major: int | None = None
    source: str = BUILTIN
    line: int = 0
    rules: tuple[ContextRule, ...] = ()
    not_before: str | None = None
    not_after: str | None = None
    sources: tuple[str | None, str | None, str | None] = field(
        default=(None, None, None), compare=False, repr=False
    )
    anchors: tuple[tuple[str, bool], ...] | None = field(default=None, compare=False, repr=False)
    pieces: tuple[tuple[str, str, bool], ...] = field(default=(), compare=False, repr=False)

    @property
    def cap_topic(self) -> str | None:
        """The CAP major topic name, or None."""
        return CAP_MAJOR_TOPICS.get(self.cap_major) if self.cap_major is not None else None

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        """The plain (unguarded) patterns as one expression, or None."""
        return compile_expression(self.sources[0]) if self.sources[0] else None

    @cached_property
    def acronym_regex(self) -> re.Pattern[str] | None:
        """The acronyms as one case-sensitive expression, or None."""
        return compile_expression(self.sources[1]) if self.sources[1] else None

    @cached_property
    def exclude_regex(self) -> re.Pattern[str] | None:
        """The exclusions as one expression, or None."""
        return compile_expression(self.sources[2]) if self.sources[2] else None

    @property
    def guarded(self) -> tuple[str, ...]:
        """The patterns that count only in context (those of :attr:`rules`)."""
        return tuple(r.pattern for r in self.rules)

    def expressions(self) -> list[str]:
        """The sources of every expression of the theme (patterns, acronyms, exclusions,
        each pattern alone, the rules')."""
        return [
            *(source for source in self.sources if source),
            *(source for _, source, _ in self.pieces),
            *(source for rule in self.rules for source in rule.expressions()),
        ]

    @cached_property
    def _required(self) -> tuple[tuple[str, ...], ...]:
        """Per piece, the runs of plain characters every match of its pattern holds (see
        :func:`~policydrift.compare.themes.patterns.required_runs`); none if the pieces are
        not those of the plain patterns and acronyms, in order."""
        plain = self.patterns[: len(self.patterns) - len(self.rules)]
        items = [(p, False) for p in plain] + [(a, True) for a in self.acronyms]
        runs = tuple(required_runs(p, case_sensitive=cs) for p, cs in items)
        if len(items) != len(self.pieces) or any(
            (anchor, sensitive) != (pattern_anchor(p, case_sensitive=cs), cs)
            for (anchor, _, sensitive), (p, cs) in zip(self.pieces, items, strict=False)
        ):
            return ((),) * len(self.pieces)
        return runs

    @cached_property
    def _by_anchor(self) -> tuple[frozenset[tuple[str, bool]], dict] | None:
        """The (anchor, case-sensitive) pairs of the pieces, and the pieces (with their
        required runs) of each, in order; None if a piece has no anchor (it always runs)."""
        if any(not anchor for anchor, _, _ in self.pieces):
            return None
        where: dict[tuple[str, bool], list] = {}
        for k, ((anchor, source, sensitive), required) in enumerate(
            zip(self.pieces, self._required, strict=True)
        ):
            where.setdefault((anchor, sensitive), []).append(
                (k, (anchor, source, sensitive), required)
            )
        return frozenset(where), where

    def spans(
        self,
        text: str,
        lowered: str | None = None,
        scope: Scope | None = None,
        folded: str | None = None,
    ) -> list[tuple[int, int]]:
        """Start/end offsets of this theme's matches in ``text`` (exclusions and rules applied).

        ``lowered`` is ``matchable(text)`` (lowered, separators folded, see
        :func:`~policydrift.compare.themes.patterns.matchable`) and ``folded``
        ``fold_separators(text)`` when the caller has them already; ``scope`` gives the
        paragraph and date context rules look at (without it: the sentence alone, no date).
        Where matches overlap, the earlier (then the longer) one is kept. Typographic
        ligatures (U+FB00-FB06, as PDF text layers give them) match as their letters; offsets
        stay those of ``text``.

        >>> from policydrift.compare.themes.lexicon import make_theme
        >>> theme = make_theme("ransomware", "Ransomware", patterns=["ransom-ware*"])
        >>> theme.spans("Ransom wares like Golden Eye; ransomware attacks")
        [(0, 12), (30, 40)]
        >>> norms = make_theme("norms", "Norms", patterns=[
        ...     {"pattern": "norm(s)", "requires": ["cyber*"]}, "responsible state behaviour"])
        >>> norms.spans("Norms of the sea."), norms.spans("Cyber norms.")
        ([], [(6, 11)])
        >>> make_theme("ai", "AI", patterns=["artificial intelligence"]).spans("On arti\ufb01cial intelligence.")
        [(3, 25)]
        """
        if _LIGATURE.search(text):
            return _unfolded_spans(self, text, scope)
        low = matchable(text) if lowered is None else lowered
        if self.anchors is not None and not any(
            anchor in (text if sensitive else low) for anchor, sensitive in self.anchors
        ):
            return []
        return self.matches(text, low, scope, folded)

    def matches(
        self,
        text: str,
        low: str,
        scope: Scope | None = None,
        folded: str | None = None,
        present: set[tuple[str, bool]] | None = None,
    ) -> list[tuple[int, int]]:
        """:meth:`spans` of a ``text`` without ligatures, its ``low`` (``matchable``) and
        ``folded`` (``fold_separators``) forms given, once it holds one of :attr:`anchors`
        (not checked here: the caller looked). ``present``: (anchor, case-sensitive) pairs
        that include every anchor of the theme the text holds (in ``low``, or in ``folded``
        if case-sensitive), when the caller knows them: the pieces of other anchors are then
        not looked at.

        >>> from policydrift.compare.themes.lexicon import make_theme
        >>> make_theme("ai", "AI", patterns=["generative AI"], acronyms=["GenAI"]).matches(
        ...     "GenAI, generative-AI", "genai, generative-ai", None, "GenAI, generative-AI")
        [(0, 5), (7, 20)]
        """
        scope = scope or _NO_SCOPE
        if (self.not_before or self.not_after) and not within(
            scope.date, self.not_before, self.not_after
        ):
            return []
        found: list[tuple[int, int]] = []
        pieces = zip(self.pieces, self._required, strict=True)
        index = self._by_anchor if present is not None else None
        if index is not None:  # only the pieces of the anchors present, in order
            held = present.intersection(index[0])
            picked = [entry for a in held for entry in index[1][a]]
            if len(held) > 1:
                picked.sort(key=lambda entry: entry[0])
            pieces = [(piece, required) for _, piece, required in picked]
        # each pattern runs only if the text holds its anchor and every other literal run of it
        for (anchor, source, sensitive), required in pieces:
            if sensitive:
                if folded is None:
                    folded = fold_separators(text)
                subject = folded
            else:
                subject = low
            if anchor not in subject:
                continue
            for run in required:  # (a loop, not all(): this runs a million times)
                if run not in subject:
                    break
            else:
                found += [m.span() for m in _compiled(source).finditer(subject)]
        for rule in self.rules:
            if rule.anchor not in low:
                continue
            matches = [m.span() for m in rule.regex.finditer(low)]
            if matches and rule.allows(low, scope):
                found += matches
        found = _leftmost_longest(found)
        if not found or not self.sources[2]:
            return found
        blocked = [m.span() for m in self.exclude_regex.finditer(low)]
        return [(s, e) for s, e in found if not any(s < be and bs < e for bs, be in blocked)]


_NO_SCOPE = Scope()


@functools.lru_cache(maxsize=8192)
def _compiled(source: str) -> re.Pattern[str]:
    """One pattern's expression, compiled the first time a sentence holds its anchor."""
    return compile_expression(source)


_LIGATURE = re.compile("[\ufb00-\ufb06]")


def _unfolded_spans(theme: Theme, text: str, scope: Scope | None) -> list[tuple[int, int]]:
    """A theme's spans in ``text`` found in its ligature-folded form, mapped back."""
    from policydrift.corpus.formats.document import fold_ligatures

    starts: list[int] = []
    for k, ch in enumerate(text):
        starts.extend([k] * len(fold_ligatures(ch)))
    folded = fold_ligatures(text)
    return [(starts[a], starts[b - 1] + 1) for a, b in theme.spans(folded, None, scope) if b > a]


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept
