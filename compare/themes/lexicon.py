"""The theme lexicon: load YAML files, build their themes, compile their patterns.

Two lexicons are built in: ``cyber`` (``compare/themes/lexicon.yaml``) and ``policy``
(``lexicon_policy.yaml``); users extend or override them with their own file (same format,
read and checked with line numbers by :mod:`policydrift.compare.themes.lexicon_file`). Each
theme's expressions are compiled on first use: one for its case-insensitive ``patterns`` (run
on the lowered text), one for its case-sensitive ``acronyms``, one per guarded pattern
(:mod:`policydrift.compare.themes.rules`), and a list of literal anchors checked first, so
that a sentence which cannot match a theme costs a few substring tests and a theme no sentence
can match is never compiled. The pattern language is in :mod:`policydrift.compare.themes.patterns` and
``docs/themes.md``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from policydrift.compare.themes.lexicon_file import (
    CAP_MAJOR_TOPICS,
    RULE_KEYS,
    THEME_ID,
    LexiconReader,
    compose_lexicon,
    read_lexicon_file,
)
from policydrift.compare.themes.patterns import (
    alternation,
    fold_separators,
    matchable,
    pattern_anchor,
    simple_source,
    translated,
)
from policydrift.compare.themes.rules import ContextRule, Scope, check_bound, within

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
        return re.compile(self.sources[0]) if self.sources[0] else None

    @cached_property
    def acronym_regex(self) -> re.Pattern[str] | None:
        """The acronyms as one case-sensitive expression, or None."""
        return re.compile(self.sources[1]) if self.sources[1] else None

    @cached_property
    def exclude_regex(self) -> re.Pattern[str] | None:
        """The exclusions as one expression, or None."""
        return re.compile(self.sources[2]) if self.sources[2] else None

    @property
    def guarded(self) -> tuple[str, ...]:
        """The patterns that count only in context (those of :attr:`rules`)."""
        return tuple(r.pattern for r in self.rules)

    def spans(
        self, text: str, lowered: str | None = None, scope: Scope | None = None
    ) -> list[tuple[int, int]]:
        """Start/end offsets of this theme's matches in ``text`` (exclusions and rules applied).

        ``lowered`` is ``matchable(text)`` (lowered, separators folded, see
        :func:`~policydrift.compare.themes.patterns.matchable`) when the caller has it already; ``scope`` gives the
        paragraph and date context rules look at (without it: the sentence alone, no date).
        Where matches overlap, the earlier (then the longer) one is kept. Typographic
        ligatures (U+FB00-FB06, as PDF text layers give them) match as their letters; offsets
        stay those of ``text``.

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
        scope = scope or _NO_SCOPE
        if (self.not_before or self.not_after) and not within(
            scope.date, self.not_before, self.not_after
        ):
            return []
        found: list[tuple[int, int]] = []
        folded = None
        for anchor, source, sensitive in self.pieces:  # each pattern runs only if it may match
            if sensitive and folded is None:
                folded = fold_separators(text)
            subject = folded if sensitive else low
            if anchor in subject:
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
    return re.compile(source)


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


@dataclass(frozen=True)
class Lexicon:
    """An ordered set of themes, with where it came from and a digest of its content.

    ``parts`` lists every lexicon it was made of (name, version, size, source), one entry for
    a single file, several for ``cyber+policy`` or a user file extending them.
    """

    name: str
    version: str
    themes: tuple[Theme, ...]
    sources: tuple[str, ...] = (BUILTIN,)
    digest: str = ""
    extend: bool = True  # a user file's wish to extend the built-in lexicon (``extend:`` key)
    parts: tuple[dict[str, Any], ...] = ()

    def __post_init__(self) -> None:
        ids = [t.id for t in self.themes]
        if len(set(ids)) != len(ids):
            msg = f"theme ids must be unique: {sorted({i for i in ids if ids.count(i) > 1})!r}"
            raise ValueError(msg)

    def __len__(self) -> int:
        return len(self.themes)

    def __iter__(self):
        return iter(self.themes)

    @property
    def ids(self) -> tuple[str, ...]:
        """Theme ids in lexicon order."""
        return tuple(t.id for t in self.themes)

    def get(self, theme_id: str) -> Theme:
        """The theme with this id (KeyError if none)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    @property
    def used(self) -> tuple[dict[str, Any], ...]:
        """Every lexicon this one is made of: name, version, size (themes) and source."""
        if self.parts:
            return self.parts
        source = self.sources[0] if self.sources else BUILTIN
        return ({"name": self.name, "version": self.version, "size": len(self), "source": source},)

    def describe(self) -> dict[str, object]:
        """Name, version, sources, digest and parts: what an output records about its lexicon."""
        return {
            "name": self.name,
            "version": self.version,
            "sources": list(self.sources),
            "digest": self.digest,
            "themes": len(self.themes),
            "lexicons": [dict(p) for p in self.used],
        }


PatternItem = str | Mapping[str, Any]


def _rule(item: Mapping[str, Any]) -> ContextRule:
    unknown = set(item) - {*RULE_KEYS, "line"}
    if unknown or "pattern" not in item:
        msg = f"a guarded pattern needs 'pattern' and only {', '.join(RULE_KEYS)}: {dict(item)!r}"
        raise ValueError(msg)
    return ContextRule(
        pattern=item["pattern"],
        requires=tuple(item.get("requires", ())),
        unless=tuple(item.get("unless", ())),
        scope=item.get("scope", "sentence"),
        not_before=item.get("not_before"),
        not_after=item.get("not_after"),
        line=item.get("line", 0),
    )


def make_theme(
    theme_id: str,
    label: str,
    *,
    patterns: Sequence[PatternItem] = (),
    acronyms: Sequence[str] = (),
    exclude: Sequence[str] = (),
    description: str = "",
    cap_major: int | None = None,
    not_before: str | None = None,
    not_after: str | None = None,
    source: str = BUILTIN,
    line: int = 0,
) -> Theme:
    """Build one theme; ValueError naming the bad pattern if any is malformed.

    A pattern is a string or a mapping ``{pattern, requires, unless, scope, not_before,
    not_after}`` (a :class:`ContextRule`). Patterns are translated here (ValueError if
    malformed) and compiled on first use.

    >>> theme = make_theme("ai", "AI", patterns=["artificial intelligence"], acronyms=["AI"])
    >>> theme.spans("He said AI, not aid: Artificial Intelligence.")
    [(8, 10), (21, 44)]
    """
    if not THEME_ID.fullmatch(theme_id):
        msg = f"theme id must be snake_case (a-z, 0-9, _): {theme_id!r}"
        raise ValueError(msg)
    if not patterns and not acronyms:
        msg = f"theme {theme_id!r} has no patterns and no acronyms"
        raise ValueError(msg)
    if cap_major is not None and cap_major not in CAP_MAJOR_TOPICS:
        msg = f"cap_major must be a CAP major topic code {sorted(CAP_MAJOR_TOPICS)}: {cap_major!r}"
        raise ValueError(msg)
    for what, bound in (("not_before", not_before), ("not_after", not_after)):
        if bound is not None:
            check_bound(bound, what)
    rules = tuple(_rule(p) for p in patterns if not isinstance(p, str))
    plain = [p for p in patterns if isinstance(p, str)]
    compiled: dict[str, list[str]] = {"pattern": [], "acronym": [], "exclude": []}
    for kind, items in (("pattern", plain), ("acronym", acronyms), ("exclude", exclude)):
        for item in items:
            try:
                compiled[kind].append(translated(item, case_sensitive=kind == "acronym"))
            except ValueError as exc:
                msg = f"{kind} {item!r}: {exc}"
                raise ValueError(msg) from None
    pieces = tuple(
        (
            pattern_anchor(item, case_sensitive=kind == "acronym"),
            simple_source(alternation([src])),
            kind == "acronym",
        )
        for kind, items in (("pattern", plain), ("acronym", acronyms))
        for item, src in zip(items, compiled[kind], strict=True)
    )
    every = [*plain, *(r.pattern for r in rules)]
    anchors = [(pattern_anchor(p), False) for p in every]
    anchors += [(pattern_anchor(a, case_sensitive=True), True) for a in acronyms]
    return Theme(
        id=theme_id,
        label=label,
        description=description,
        patterns=tuple(every),
        acronyms=tuple(acronyms),
        exclude=tuple(exclude),
        cap_major=cap_major,
        source=source,
        line=line,
        rules=rules,
        not_before=not_before,
        not_after=not_after,
        sources=tuple(
            simple_source(alternation(compiled[k])) if compiled[k] else None for k in compiled
        ),
        anchors=None if any(not a for a, _ in anchors) else tuple(sorted(set(anchors))),
        pieces=pieces,
    )


def parse_lexicon(text: str, *, source: str = "<string>", name: str | None = None) -> Lexicon:
    """Parse and validate lexicon YAML; :class:`ThemeFileError` names the line of any problem.

    >>> parse_lexicon("themes:\\n  - id: scams\\n    label: Scams\\n    patterns: [scam(s]\\n")
    Traceback (most recent call last):
    ...
    policydrift.corpus.errors.ThemeFileError: <string>: line 4: theme 'scams': pattern 'scam(s': '(' at column 5 is never closed
    """
    root = compose_lexicon(text, source=source)
    reader = LexiconReader(source)
    top = reader.top(root)
    themes: list[Theme] = []
    seen: dict[str, int] = {}
    for item in top["themes"].value:
        theme = make_theme(**reader.theme(item))
        if theme.id in seen:
            reader.fail(item, f"theme id {theme.id!r} already defined on line {seen[theme.id]}")
        seen[theme.id] = theme.line
        themes.append(theme)
    default_name = name or Path(source).stem
    lexicon_name = reader.text(top["name"], "name") if "name" in top else default_name
    version = reader.text(top["version"], "version") if "version" in top else "0"
    return Lexicon(
        name=lexicon_name,
        version=version,
        themes=tuple(themes),
        sources=(source,),
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest()[:12],
        extend=reader.boolean(top["extend"], "extend") if "extend" in top else True,
        parts=({"name": lexicon_name, "version": version, "size": len(themes), "source": source},),
    )


# The built-in lexicons, by the name ``--lexicon`` takes, and their files beside this module.
BUILTIN_LEXICONS = {"cyber": "lexicon.yaml", "policy": "lexicon_policy.yaml"}
DEFAULT_LEXICONS = ("cyber", "policy")


def lexicon_names(value: str | Sequence[str]) -> tuple[str, ...]:
    """Built-in lexicon names from ``cyber,policy`` (or a list); ValueError naming a bad one.

    >>> lexicon_names("policy, cyber"), lexicon_names(["cyber"])
    (('policy', 'cyber'), ('cyber',))
    """
    names = [n.strip() for n in (value.split(",") if isinstance(value, str) else value)]
    names = [n for n in names if n]
    if not names:
        msg = f"give at least one lexicon: {', '.join(BUILTIN_LEXICONS)}"
        raise ValueError(msg)
    for n in names:
        if n not in BUILTIN_LEXICONS:
            msg = f"unknown lexicon {n!r} (built in: {', '.join(BUILTIN_LEXICONS)})"
            raise ValueError(msg)
    return tuple(dict.fromkeys(names))


def load_lexicon(
    path: str | Path | None = None,
    *,
    extend: bool = True,
    lexicons: str | Sequence[str] = DEFAULT_LEXICONS,
) -> Lexicon:
    """The built-in lexicons (``lexicons``: by default cyber and policy), or a user file
    extending (default) or replacing them.

    With ``extend``, themes of the user file whose id is built in replace the built-in theme in
    place and the others are appended; a file saying ``extend: false`` at top level stands
    alone whatever ``extend`` says. A malformed file raises :class:`ThemeFileError` naming the
    line.

    >>> lexicon = load_lexicon()
    >>> lexicon.get("online_scams").label, lexicon.get("online_scams").cap_topic
    ('Online scams and fraud', 'Law and Crime')
    >>> [(p["name"], p["size"] > 20) for p in lexicon.used]
    [('cyber', True), ('policy', True)]
    """
    builtin = _builtins(lexicon_names(lexicons))
    if path is None:
        return builtin
    text = read_lexicon_file(path)
    user = parse_lexicon(text, source=str(path))
    return merge_lexicons(builtin, user) if extend and user.extend else user


@functools.cache
def _builtin(name: str) -> Lexicon:
    text = Path(__file__).with_name(BUILTIN_LEXICONS[name]).read_text(encoding="utf-8")
    return parse_lexicon(text, source=BUILTIN, name=name)


@functools.cache
def _builtins(names: tuple[str, ...]) -> Lexicon:
    lexicon = _builtin(names[0])
    for name in names[1:]:
        lexicon = merge_lexicons(lexicon, _builtin(name))
    return lexicon


def merge_lexicons(base: Lexicon, extra: Lexicon) -> Lexicon:
    """``base`` with ``extra``'s themes replacing same-id themes in place, the rest appended.

    >>> base = load_lexicon()
    >>> extra = Lexicon("mine", "1", (make_theme("ransomware", "Ransom", patterns=["ransom*"]),))
    >>> merged = merge_lexicons(base, extra)
    >>> len(merged) == len(base), merged.get("ransomware").label, merged.name
    (True, 'Ransom', 'cyber+policy+mine')
    """
    replacing = {t.id: t for t in extra.themes}
    themes = [replacing.pop(t.id, t) for t in base.themes]
    themes.extend(t for t in extra.themes if t.id in replacing)
    digest = hashlib.sha256(f"{base.digest}+{extra.digest}".encode()).hexdigest()[:12]
    return Lexicon(
        name=f"{base.name}+{extra.name}",
        version=f"{base.version}+{extra.version}",
        themes=tuple(themes),
        sources=base.sources + extra.sources,
        digest=digest,
        parts=base.used + extra.used,
    )
