"""Themes and named initiatives of the statements of a timeline, coded once per distinct sentence.

Editions of a series repeat most of their sentences, so :class:`SentenceCodes` codes each
distinct sentence *in its context* once: a theme's matches in a sentence depend on the
sentence's text, and, through the context rules (:mod:`policydrift.compare.themes.rules`), on
the statement's date (only through the date bounds of the lexicon: which bounds it falls
within) and on its paragraph (only through the paragraph-scope rules: whether each one's
company is there). The cache key is exactly that, so the codes are those of
:func:`policydrift.compare.themes.coding.code_statement`, sentence for sentence (tested).
Named initiatives depend on the text alone.

:class:`Coding` codes each statement of a timeline and gives the tracks of any list of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from policydrift.compare.themes.coding import mention_count
from policydrift.compare.themes.lexicon import Lexicon
from policydrift.compare.themes.models import ThemeHit
from policydrift.compare.themes.patterns import fold_separators, matchable
from policydrift.compare.themes.rules import Scope, sentence_scopes, within
from policydrift.compare.timeline.initiatives import find_initiatives, initiative_finder
from policydrift.compare.timeline.tracks import Track, tracks_over
from policydrift.corpus.models import Statement
from policydrift.corpus.normalize import key_words

if TYPE_CHECKING:
    from policydrift.compare.themes.models import KeyTerm
    from policydrift.compare.themes.terms import TermMemo

__all__ = ["Coding", "SentenceCodes"]

Span = tuple[int, int]
_LIGATURE = re.compile("[\ufb00-\ufb06]")
_SEPARATORS = re.compile(r"[\s\-*'\u2019]+")
ThemeCode = tuple[str, int, tuple[Span, ...]]  # theme id, mentions, spans in the sentence


class _Text(NamedTuple):
    low: str
    folded: str | None  # separators folded (None: the text holds a ligature)
    rules: tuple[int, ...]  # the paragraph-scope rules that may match it
    anchors: set[tuple[str, bool]] | None
    bounds: tuple[int, ...]  # the date bounds of the themes and rules that may match it


class _Finder:
    """Which of many literal strings a text holds, looked up word by word.

    A literal without a separator (space, hyphen, apostrophe, asterisk: theme anchors have
    none) lies inside one run of other characters, so the literals each distinct run holds
    are found once and remembered; a literal with a separator is looked for directly.
    """

    def __init__(self, literals: Iterable[str]) -> None:
        literals = sorted(set(literals))
        self.plain = [s for s in literals if not _SEPARATORS.search(s)]
        self.direct = [s for s in literals if _SEPARATORS.search(s)]
        self._runs: dict[str, tuple[str, ...]] = {}

    def within(self, text: str) -> set[str]:
        """The literals found in ``text``.

        >>> sorted(_Finder(["cyber", "ai", "cybercrime", "scam", "e-mail"]).within("cyber scams, fair e-mail"))
        ['ai', 'cyber', 'e-mail', 'scam']
        """
        found = {s for s in self.direct if s in text}
        for run in set(_SEPARATORS.split(text)):
            held = self._runs.get(run)
            if held is None:
                held = self._runs[run] = tuple(s for s in self.plain if s in run)
            found.update(held)
        return found


class SentenceCodes:
    """The theme matches of sentences, computed once per distinct sentence and context.

    :meth:`statement` gives, for each sentence of a statement, its ``(theme id, mentions,
    spans)`` in lexicon order (themes without a match left out), as
    :func:`~policydrift.compare.themes.coding.code_statement` would find them.

    >>> from policydrift.compare.themes.lexicon import load_lexicon
    >>> from policydrift.corpus.models import Sentence
    >>> t = "Ransomware (ransomware) hits hospitals."
    >>> s = Statement("a", "a", t, t, (Sentence(0, t, "", 0, len(t), 0),))
    >>> SentenceCodes(load_lexicon()).statement(s)
    [(('ransomware', 1, ((0, 10), (12, 22))),)]
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        rules = [rule for theme in lexicon.themes for rule in theme.rules]
        bounds = {(t.not_before, t.not_after) for t in [*lexicon.themes, *rules]}
        self._bounds = sorted(b for b in bounds if b != (None, None))
        self._paragraph_rules = [rule for rule in rules if rule.scope == "paragraph"]
        self._dates: dict[str | None, tuple[bool, ...]] = {}
        self._texts: dict[str, _Text] = {}
        self._paragraphs: dict[tuple[int, str], bool] = {}
        self._codes: dict[tuple, tuple[ThemeCode, ...]] = {}
        # Each theme's literal anchors, (text, case-sensitive) pairs one of which is in every
        # match (Theme.anchors; None: no anchor): a case-sensitive one is looked for in the
        # text as written, the others in the matchable form.
        self._anchors = [
            (t, None if t.anchors is None else frozenset(t.anchors)) for t in lexicon.themes
        ]
        where = {bound: n for n, bound in enumerate(self._bounds)}
        self._bounded_themes = [
            (anchors, where[(t.not_before, t.not_after)])
            for t, anchors in self._anchors
            if t.not_before or t.not_after
        ]
        self._bounded_rules = [
            (r, where[(r.not_before, r.not_after)]) for r in rules if r.not_before or r.not_after
        ]
        self._unanchored = [n for n, (_, anchors) in enumerate(self._anchors) if anchors is None]
        self._themes_of: dict[tuple[str, bool], list[int]] = {}  # anchor -> themes holding it
        for n, (_, anchors) in enumerate(self._anchors):
            for anchor in sorted(anchors or ()):
                self._themes_of.setdefault(anchor, []).append(n)
        every = {a for _, anchors in self._anchors for a in anchors or ()}
        self._lowered = _Finder(a for a, sensitive in every if not sensitive)
        self._sensitive = _Finder(a for a, sensitive in every if sensitive)

    def statement(self, statement: Statement) -> list[tuple[ThemeCode, ...]]:
        """The codes of each sentence of ``statement``, in order."""
        scopes: list[Scope] | None = None
        dated = self._date_key(statement.date)
        out = []
        for k, sentence in enumerate(statement.sentences):
            text = sentence.text
            seen = self._texts.get(text) or self._text(text)
            paragraph = None
            if seen.rules:  # paragraph-scope rules may apply: their company is in the key
                scopes = scopes or sentence_scopes(statement)
                paragraph = self._paragraph_key(seen.rules, scopes[k].paragraph)
            key = (text, tuple(dated[n] for n in seen.bounds), paragraph)
            codes = self._codes.get(key)
            if codes is None:
                scopes = scopes or sentence_scopes(statement)
                codes = self._codes[key] = self._code(text, seen, scopes[k])
            out.append(codes)
        return out

    def _date_key(self, date: str | None) -> tuple[bool, ...]:
        """Which date bounds of the lexicon ``date`` falls within: all a match reads of it (a
        sentence's key keeps those of the themes and rules that may match it)."""
        if date not in self._dates:
            self._dates[date] = tuple(within(date, lo, hi) for lo, hi in self._bounds)
        return self._dates[date]

    def _text(self, text: str) -> _Text:
        """What a sentence's text alone decides: its matchable form, the paragraph-scope rules
        that may match it and the anchors it holds (None: every theme must be tried)."""
        low = matchable(text)
        folded = None
        if _LIGATURE.search(text):  # matched in the ligature-folded form: try everything
            rules, present = tuple(range(len(self._paragraph_rules))), None
            bounds = tuple(range(len(self._bounds)))
        else:  # a rule or theme none of whose anchors the sentence holds cannot match it
            rules = tuple(n for n, r in enumerate(self._paragraph_rules) if r.anchor in low)
            folded = fold_separators(text)
            present = {(a, False) for a in self._lowered.within(low)}
            present.update((a, True) for a in self._sensitive.within(text))
            bounds = tuple(
                sorted(
                    {n for anchors, n in self._bounded_themes
                     if anchors is None or not present.isdisjoint(anchors)}
                    | {n for rule, n in self._bounded_rules if rule.anchor in low}
                )
            )  # fmt: skip
        seen = self._texts[text] = _Text(low, folded, rules, present, bounds)
        return seen

    def _paragraph_key(self, rules: tuple[int, ...], paragraph: str) -> tuple[bool, ...] | None:
        """Whether each of the paragraph-scope ``rules`` finds its company in ``paragraph``
        (None without a paragraph: the rules then read the sentence, which is in the key)."""
        if not paragraph:
            return None
        plain = Scope(paragraph, None)
        out = []
        for n in rules:
            allowed = self._paragraphs.get((n, paragraph))
            if allowed is None:
                allowed = self._paragraphs[(n, paragraph)] = self._paragraph_rules[n].allows(
                    "", plain
                )
            out.append(allowed)
        return tuple(out)

    def _code(self, text: str, seen: _Text, scope: Scope) -> tuple[ThemeCode, ...]:
        present = seen.anchors
        if present is None:  # a ligature: every theme's own checks, on the folded form
            tried = [(theme, theme.spans(text, seen.low, scope)) for theme, _ in self._anchors]
        else:  # the themes one of whose anchors the sentence holds (or with none), in order
            held = set(self._unanchored).union(*(self._themes_of.get(a, ()) for a in present))
            tried = [
                (theme, theme.matches(text, seen.low, scope, seen.folded, present))
                for theme in (self._anchors[n][0] for n in sorted(held))
            ]
        found = []
        for theme, spans in tried:
            if spans:
                hits = [ThemeHit(theme.id, "", 0, s, e, s, e, text[s:e]) for s, e in spans]
                found.append((theme.id, mention_count(hits, {0: text}), tuple(spans)))
        return tuple(found)

    def spans(self, statement: Statement) -> list[list[tuple[str, tuple[Span, ...]]]]:
        """Per sentence of ``statement``: (theme id, spans) of each theme matching there."""
        return [
            [(theme, spans) for theme, _, spans in codes] for codes in self.statement(statement)
        ]


class Coding:
    """Themes (lexicon) and named initiatives of statements, coded once each.

    The initiatives are those defined anywhere in ``statements``; :meth:`code` each statement
    to follow, then read the tracks over any list of coded statement ids.

    >>> from policydrift.compare.themes.lexicon import load_lexicon
    >>> from policydrift.corpus.models import Sentence, Statement
    >>> t = "Ransomware hits the Open-Ended Working Group (OEWG)."
    >>> s = Statement("a", "a", t, t, (Sentence(0, t, "", 0, len(t), 0),))
    >>> coding = Coding(load_lexicon(), [s]); coding.code(s)
    >>> [(x.key, x.counts) for x in coding.initiative_tracks(["a"])]
    [('oewg', (1,))]
    """

    def __init__(
        self,
        lexicon: Lexicon,
        statements: Sequence[Statement],
        *,
        read: Callable[[int], None] | None = None,
    ) -> None:
        """``read(k)``: the initiatives' definitions are read up to the ``k``-th statement."""
        self.lexicon = lexicon
        self.registry = find_initiatives(statements, read=read)
        self.codes = SentenceCodes(lexicon)
        self._find = initiative_finder(self.registry)
        self._named: dict[str, tuple[str, ...]] = {}
        self.themes: dict[str, dict[str, tuple[int, tuple[int, ...]]]] = {}
        self.initiatives: dict[str, dict[str, tuple[int, tuple[int, ...]]]] = {}
        self.sentence_themes: dict[tuple[str, int], list[str]] = {}
        self.sentence_initiatives: dict[tuple[str, int], list[str]] = {}
        self.words: dict[str, int] = {}
        self._counts: dict[str, int] = {}
        self._terms: TermMemo | None = None  # the terms of each sentence, for phrases()

    def code(self, statement: Statement) -> None:
        """Find the themes and initiatives of one statement, sentence by sentence."""
        self.words[statement.id] = sum(self._word_count(s.text) for s in statement.sentences)
        mentions: dict[str, int] = {}
        where: dict[str, list[int]] = {}
        for sentence, codes in zip(
            statement.sentences, self.codes.statement(statement), strict=True
        ):
            for theme, count, _ in codes:
                mentions[theme] = mentions.get(theme, 0) + count
                where.setdefault(theme, []).append(sentence.index)
        found = {}
        for theme in self.lexicon.ids:
            if theme not in where:
                continue
            sentences = tuple(sorted(set(where[theme])))
            found[theme] = (mentions[theme], sentences)
            for i in sentences:
                self.sentence_themes.setdefault((statement.id, i), []).append(theme)
        self.themes[statement.id] = found
        named: dict[str, list[int]] = {}
        for sentence in statement.sentences:
            keys = self._named.get(sentence.text)
            if keys is None:
                keys = self._named[sentence.text] = tuple(k for k, _ in self._find(sentence.text))
            for key in keys:
                named.setdefault(key, []).append(sentence.index)
                self.sentence_initiatives.setdefault((statement.id, sentence.index), []).append(key)
        self.initiatives[statement.id] = {k: (len(v), tuple(v)) for k, v in named.items()}

    def _word_count(self, text: str) -> int:
        """The words of one sentence as :func:`~policydrift.compare.themes.coding.count_words`
        counts them, once per distinct sentence."""
        count = self._counts.get(text)
        if count is None:
            count = self._counts[text] = len(key_words(text))
        return count

    def phrases(self, statements: Sequence[Statement], *, top: int = 8) -> tuple[KeyTerm, ...]:
        """Emerging phrases of the latest of ``statements`` (in order) against the earlier ones:
        words and phrases no theme covers, multi-word first (see
        :func:`policydrift.compare.themes.emerging.emerging_phrases`). Empty for one statement.
        """
        if len(statements) < 2:
            return ()
        from policydrift.compare.themes.emerging import emerging_phrases
        from policydrift.compare.themes.keyness import key_terms
        from policydrift.compare.themes.terms import TermMemo

        if self._terms is None:  # one memo for every series (they share sentences)
            self._terms = TermMemo(3)
        terms = key_terms(
            statements[:-1], statements[-1:], lexicon=self.lexicon, top=3 * top,
            theme_spans=self.codes.spans, leaning="new", memo=self._terms,
        )  # fmt: skip
        return emerging_phrases(terms, top=top)

    def theme_tracks(self, ids: Sequence[str]) -> tuple[Track, ...]:
        """One track per lexicon theme found in the statements ``ids`` (in that order)."""
        labels = {t.id: (t.label, t.description) for t in self.lexicon.themes}
        return tracks_over("theme", labels, ids, self.themes, self.words)

    def initiative_tracks(self, ids: Sequence[str]) -> tuple[Track, ...]:
        """One track per initiative named in the statements ``ids`` (in that order)."""
        labels = {i.key: (i.label, i.name) for i in self.registry.initiatives}
        return tracks_over("initiative", labels, ids, self.initiatives, self.words)
