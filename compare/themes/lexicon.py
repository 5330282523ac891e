"""The theme lexicon: load YAML files, build their themes, compile their patterns.

Two lexicons are built in: ``cyber`` (``compare/themes/lexicon.yaml``) and ``policy``
(``lexicon_policy.yaml``); users extend or override them with their own file (same format,
read and checked with line numbers by :mod:`policydrift.compare.themes.lexicon_file`). A theme and
how it matches is :mod:`policydrift.compare.themes.theme`. The pattern language is in :mod:`policydrift.compare.themes.patterns` and
``docs/themes.md``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policydrift.compare.themes.lexicon_base import (
    builtin_lexicon,
    identity,
    load_extended,
    merged_identity,
    text_digest,
)
from policydrift.compare.themes.lexicon_file import (
    CAP_MAJOR_TOPICS,
    RULE_KEYS,
    THEME_ID,
    LexiconReader,
    compose_lexicon,
    translate_each,
)
from policydrift.compare.themes.patterns import (
    alternation,
    literal_first,
    pattern_anchor,
    simple_source,
    translated,
)
from policydrift.compare.themes.rules import ContextRule, check_bound
from policydrift.compare.themes.theme import BUILTIN, Theme
from policydrift.corpus.errors import ThemeFileError


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
            **identity(self),
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
    compiled = {
        kind: translate_each(
            items, kind, lambda p, k=kind: translated(p, case_sensitive=k == "acronym")
        )
        for kind, items in (("pattern", plain), ("acronym", acronyms), ("exclude", exclude))
    }
    pieces = tuple(
        (
            pattern_anchor(item, case_sensitive=kind == "acronym"),
            literal_first(simple_source(alternation([src]))),
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
    themes = reader.each_unique(
        top["themes"].value, lambda item: make_theme(**reader.theme(item)), "theme"
    )
    given = reader.identity(top)
    lexicon_name = given.get("name", name or Path(source).stem)
    version = given.get("version", "0")
    return Lexicon(
        name=lexicon_name,
        version=version,
        themes=tuple(themes),
        sources=(source,),
        digest=text_digest(text),
        extend=given.get("extend", True),
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
    return load_extended(
        _builtins(lexicon_names(lexicons)),
        path,
        parse=parse_lexicon,
        merge=merge_lexicons,
        error=ThemeFileError,
        what="theme file",
        extend=extend,
    )


@functools.cache
def _builtin(name: str) -> Lexicon:
    return builtin_lexicon(
        f"themes-{name}",
        Path(__file__).with_name(BUILTIN_LEXICONS[name]),
        lambda text: parse_lexicon(text, source=BUILTIN, name=name),
        lexicon_to_json,
        lexicon_from_json,
        lambda lexicon: [e for theme in lexicon.themes for e in theme.expressions()],
    )


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
    return Lexicon(
        themes=tuple(themes), parts=base.used + extra.used, **merged_identity(base, extra)
    )


def lexicon_to_json(lexicon: Lexicon) -> dict[str, Any]:
    """Every field of ``lexicon`` and of its themes as JSON values (:func:`lexicon_from_json`
    reads them back): how a built-in lexicon is kept between runs."""
    fields = ("name", "version", "sources", "digest", "extend", "parts")
    return {
        **{f: getattr(lexicon, f) for f in fields},
        "themes": [
            {
                **{f: getattr(t, f) for f in _THEME_FIELDS},
                "rules": [{f: getattr(r, f) for f in _RULE_FIELDS} for r in t.rules],
            }
            for t in lexicon.themes
        ],
    }


def lexicon_from_json(data: dict[str, Any]) -> Lexicon:
    """The lexicon :func:`lexicon_to_json` wrote."""
    themes = []
    for t in data["themes"]:
        fields = {f: t[f] for f in _THEME_FIELDS}
        for f in ("patterns", "acronyms", "exclude", "sources", "pieces", "anchors"):
            if fields[f] is not None:
                fields[f] = tuple(_tuple(v) for v in fields[f])
        rules = tuple(
            ContextRule.checked(**{f: _tuple(r[f]) for f in _RULE_FIELDS}) for r in t["rules"]
        )
        themes.append(Theme(**fields, rules=rules))
    return Lexicon(
        name=data["name"],
        version=data["version"],
        themes=tuple(themes),
        sources=tuple(data["sources"]),
        digest=data["digest"],
        extend=data["extend"],
        parts=tuple(data["parts"]),
    )


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


_THEME_FIELDS = (
    "id", "label", "description", "patterns", "acronyms", "exclude", "cap_major", "source",
    "line", "not_before", "not_after", "sources", "anchors", "pieces",
)  # fmt: skip
_RULE_FIELDS = ("pattern", "requires", "unless", "scope", "not_before", "not_after", "line")
