"""The theme lexicon: load a YAML file, build its themes, compile their patterns.

The built-in lexicon ships as ``compare/themes/lexicon.yaml``; users extend or override it with their
own file (same format, read and checked with line numbers by :mod:`policydrift.compare.themes.lexicon_file`). Each theme is compiled once: one expression for its case-insensitive
``patterns`` (run on the lowered text), one for its case-sensitive ``acronyms``, and a list of
literal anchors checked first, so that a sentence which cannot match a theme costs a few
substring tests. The pattern language is in :mod:`policydrift.compare.themes.patterns` and
``docs/themes.md``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from policydrift.compare.themes.lexicon_file import (
    CAP_MAJOR_TOPICS,
    THEME_ID,
    LexiconReader,
    compose_lexicon,
    read_lexicon_file,
)
from policydrift.compare.themes.patterns import (
    alternation,
    any_matches_empty,
    lower,
    pattern_anchor,
    pattern_regex,
)

BUILTIN = "builtin"


@dataclass(frozen=True)
class Theme:
    """One theme: its id, label, description, CAP major topic and compiled patterns.

    ``regex`` finds the ``patterns`` in the lowered text (see
    :func:`policydrift.compare.themes.patterns.lower`), ``acronym_regex`` the ``acronyms`` in the text as
    written; ``exclude_regex`` finds contexts in which a match does not count; ``anchors``
    ((text, case-sensitive) pairs, or None) are literal pieces one of which every match
    contains. ``source`` is the file the theme came from (``builtin`` for the shipped
    lexicon) and ``line`` its line there.
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
    regex: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    acronym_regex: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    exclude_regex: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    anchors: tuple[tuple[str, bool], ...] | None = field(default=None, compare=False, repr=False)

    @property
    def cap_topic(self) -> str | None:
        """The CAP major topic name, or None."""
        return CAP_MAJOR_TOPICS.get(self.cap_major) if self.cap_major is not None else None

    def spans(self, text: str, lowered: str | None = None) -> list[tuple[int, int]]:
        """Start/end offsets of this theme's matches in ``text`` (exclusions applied).

        ``lowered`` is ``lower(text)`` when the caller has it already. Where a pattern and an
        acronym overlap, the earlier (then the longer) match is kept. Typographic ligatures
        (U+FB00-FB06, as PDF text layers give them) match as their letters; offsets stay those
        of ``text``.

        >>> theme = make_theme("ransomware", "Ransomware", patterns=["ransom-ware*"])
        >>> theme.spans("Ransom wares like Golden Eye; ransomware attacks")
        [(0, 12), (30, 40)]
        >>> make_theme("ai", "AI", patterns=["artificial intelligence"]).spans("On arti\ufb01cial intelligence.")
        [(3, 25)]
        """
        if _LIGATURE.search(text):
            return _unfolded_spans(self, text)
        low = lower(text) if lowered is None else lowered
        if self.anchors is not None and not any(
            anchor in (text if sensitive else low) for anchor, sensitive in self.anchors
        ):
            return []
        found = [m.span() for m in self.regex.finditer(low)] if self.regex else []
        if self.acronym_regex is not None:
            found += [m.span() for m in self.acronym_regex.finditer(text)]
            found = _leftmost_longest(found)
        if not found or self.exclude_regex is None:
            return found
        blocked = [m.span() for m in self.exclude_regex.finditer(low)]
        return [(s, e) for s, e in found if not any(s < be and bs < e for bs, be in blocked)]


_LIGATURE = re.compile("[\ufb00-\ufb06]")


def _unfolded_spans(theme: Theme, text: str) -> list[tuple[int, int]]:
    """A theme's spans in ``text`` found in its ligature-folded form, mapped back."""
    from policydrift.corpus.formats.document import fold_ligatures

    starts: list[int] = []
    for k, ch in enumerate(text):
        starts.extend([k] * len(fold_ligatures(ch)))
    folded = fold_ligatures(text)
    return [(starts[a], starts[b - 1] + 1) for a, b in theme.spans(folded) if b > a]


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


@dataclass(frozen=True)
class Lexicon:
    """An ordered set of themes, with where it came from and a digest of its content."""

    name: str
    version: str
    themes: tuple[Theme, ...]
    sources: tuple[str, ...] = (BUILTIN,)
    digest: str = ""
    extend: bool = True  # a user file's wish to extend the built-in lexicon (``extend:`` key)

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

    def describe(self) -> dict[str, object]:
        """Name, version, sources and digest: what an output records about its lexicon."""
        return {
            "name": self.name,
            "version": self.version,
            "sources": list(self.sources),
            "digest": self.digest,
            "themes": len(self.themes),
        }


def make_theme(
    theme_id: str,
    label: str,
    *,
    patterns: list[str] | tuple[str, ...] = (),
    acronyms: list[str] | tuple[str, ...] = (),
    exclude: list[str] | tuple[str, ...] = (),
    description: str = "",
    cap_major: int | None = None,
    source: str = BUILTIN,
    line: int = 0,
) -> Theme:
    """Build and compile one theme; ValueError naming the bad pattern if any is malformed.

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
    compiled: dict[str, list[str]] = {"pattern": [], "acronym": [], "exclude": []}
    for kind, items in (("pattern", patterns), ("acronym", acronyms), ("exclude", exclude)):
        sensitive = kind == "acronym"
        fast = not any_matches_empty(
            [pattern_regex(i, case_sensitive=sensitive, check_empty=False) for i in items]
        )
        for item in items:
            try:
                compiled[kind].append(
                    pattern_regex(item, case_sensitive=sensitive, check_empty=not fast)
                )
            except ValueError as exc:
                msg = f"{kind} {item!r}: {exc}"
                raise ValueError(msg) from None

    def rx(kind: str) -> re.Pattern[str] | None:
        return re.compile(alternation(compiled[kind])) if compiled[kind] else None

    anchors = [(pattern_anchor(p), False) for p in patterns]
    anchors += [(pattern_anchor(a, case_sensitive=True), True) for a in acronyms]
    return Theme(
        id=theme_id,
        label=label,
        description=description,
        patterns=tuple(patterns),
        acronyms=tuple(acronyms),
        exclude=tuple(exclude),
        cap_major=cap_major,
        source=source,
        line=line,
        regex=rx("pattern"),
        acronym_regex=rx("acronym"),
        exclude_regex=rx("exclude"),
        anchors=None if any(not a for a, _ in anchors) else tuple(sorted(set(anchors))),
    )


def parse_lexicon(text: str, *, source: str = "<string>") -> Lexicon:
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
    default_name = "builtin" if source == BUILTIN else Path(source).stem
    return Lexicon(
        name=reader.text(top["name"], "name") if "name" in top else default_name,
        version=reader.text(top["version"], "version") if "version" in top else "0",
        themes=tuple(themes),
        sources=(source,),
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest()[:12],
        extend=reader.boolean(top["extend"], "extend") if "extend" in top else True,
    )


def load_lexicon(path: str | Path | None = None, *, extend: bool = True) -> Lexicon:
    """The built-in lexicon, or a user file extending (default) or replacing it.

    With ``extend``, themes of the user file whose id is built in replace the built-in theme in
    place and the others are appended; a file saying ``extend: false`` at top level stands
    alone whatever ``extend`` says. A malformed file raises :class:`ThemeFileError` naming the
    line.

    >>> lexicon = load_lexicon()
    >>> lexicon.get("online_scams").label, lexicon.get("online_scams").cap_topic
    ('Online scams and fraud', 'Law and Crime')
    """
    builtin = _builtin()
    if path is None:
        return builtin
    text = read_lexicon_file(path)
    user = parse_lexicon(text, source=str(path))
    return merge_lexicons(builtin, user) if extend and user.extend else user


@functools.cache
def _builtin() -> Lexicon:
    text = Path(__file__).with_name("lexicon.yaml").read_text(encoding="utf-8")
    return parse_lexicon(text, source=BUILTIN)


def merge_lexicons(base: Lexicon, extra: Lexicon) -> Lexicon:
    """``base`` with ``extra``'s themes replacing same-id themes in place, the rest appended.

    >>> base = load_lexicon()
    >>> extra = Lexicon("mine", "1", (make_theme("ransomware", "Ransom", patterns=["ransom*"]),))
    >>> merged = merge_lexicons(base, extra)
    >>> len(merged) == len(base), merged.get("ransomware").label
    (True, 'Ransom')
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
    )
