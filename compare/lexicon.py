"""The theme lexicon: load a YAML file, validate it with line numbers, compile its patterns.

The built-in lexicon ships as ``compare/lexicon.yaml``; users extend or override it with their
own file (same format). Each theme is compiled once: one expression for its case-insensitive
``patterns`` (run on the lowered text), one for its case-sensitive ``acronyms``, and a list of
literal anchors checked first, so that a sentence which cannot match a theme costs a few
substring tests. The pattern language is in :mod:`compare.theme_patterns` and
``docs/themes.md``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from compare.theme_patterns import (
    alternation,
    any_matches_empty,
    lower,
    pattern_anchor,
    pattern_regex,
)
from corpus.errors import ThemeFileError

BUILTIN = "builtin"

# Comparative Agendas Project master codebook: the 21 major topics.
CAP_MAJOR_TOPICS: dict[int, str] = {
    1: "Macroeconomics",
    2: "Civil Rights",
    3: "Health",
    4: "Agriculture",
    5: "Labor",
    6: "Education",
    7: "Environment",
    8: "Energy",
    9: "Immigration",
    10: "Transportation",
    12: "Law and Crime",
    13: "Social Welfare",
    14: "Housing",
    15: "Domestic Commerce",
    16: "Defense",
    17: "Technology",
    18: "Foreign Trade",
    19: "International Affairs",
    20: "Government Operations",
    21: "Public Lands",
    23: "Culture",
}

_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_TOP_KEYS = ("schema", "name", "version", "description", "extend", "themes")
_THEME_KEYS = ("id", "label", "description", "cap_major", "patterns", "acronyms", "exclude")


@dataclass(frozen=True)
class Theme:
    """One theme: its id, label, description, CAP major topic and compiled patterns.

    ``regex`` finds the ``patterns`` in the lowered text (see
    :func:`compare.theme_patterns.lower`), ``acronym_regex`` the ``acronyms`` in the text as
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
        acronym overlap, the earlier (then the longer) match is kept.

        >>> theme = make_theme("ransomware", "Ransomware", patterns=["ransom-ware*"])
        >>> theme.spans("Ransom wares like Golden Eye; ransomware attacks")
        [(0, 12), (30, 40)]
        """
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
    if not _ID.fullmatch(theme_id):
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
    corpus.errors.ThemeFileError: <string>: line 4: theme 'scams': pattern 'scam(s': '(' at column 5 is never closed
    """
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        problem = exc.problem or exc.context or "malformed"
        msg = f"{where}not valid YAML: {problem}"
        raise ThemeFileError(msg, path=source) from None
    except yaml.YAMLError as exc:
        msg = f"not valid YAML: {exc}"
        raise ThemeFileError(msg, path=source) from None
    if root is None:
        msg = "the theme file is empty; it needs a 'themes:' list"
        raise ThemeFileError(msg, path=source)
    reader = _Reader(source)
    top = reader.mapping(root, "the top level", _TOP_KEYS)
    if "schema" in top and reader.integer(top["schema"], "schema") != 1:
        reader.fail(top["schema"], "schema must be 1 (the only lexicon format so far)")
    if "themes" not in top:
        reader.fail(root, "no 'themes:' list at the top level")
    items = top["themes"]
    if not isinstance(items, yaml.SequenceNode) or not items.value:
        reader.fail(items, "'themes' must be a non-empty list of themes")
    themes: list[Theme] = []
    seen: dict[str, int] = {}
    for item in items.value:
        theme = reader.theme(item)
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


class _Reader:
    """Turns YAML nodes into values, failing with the node's line number."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node, problem: str):
        msg = f"line {node.start_mark.line + 1}: {problem}"
        raise ThemeFileError(msg, path=self.source)

    def mapping(self, node, what: str, allowed: tuple[str, ...]) -> dict:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping of 'key: value' lines")
        found: dict = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in allowed:
                self.fail(
                    key, f"unknown key {name!r} in {what} (expected one of {', '.join(allowed)})"
                )
            if name in found:
                self.fail(key, f"key {name!r} given twice in {what}")
            found[name] = value
        return found

    def text(self, node, what: str) -> str:
        import yaml

        if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
            self.fail(node, f"{what} must be a single line of text")
        value = str(node.value).strip()
        if not value:
            self.fail(node, f"{what} is empty")
        return value

    def integer(self, node, what: str) -> int:
        import yaml

        if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":int"):
            self.fail(node, f"{what} must be a whole number: {getattr(node, 'value', node)!r}")
        return int(node.value)

    def boolean(self, node, what: str) -> bool:
        import yaml

        if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":bool"):
            self.fail(node, f"{what} must be true or false: {getattr(node, 'value', node)!r}")
        return node.value.lower() in ("true", "yes", "on")

    def texts(self, node, what: str) -> list[tuple[str, object]]:
        import yaml

        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} must be a list ('- item' lines or [a, b])")
        return [(self.text(item, f"an item of {what}"), item) for item in node.value]

    def theme(self, node) -> Theme:
        fields = self.mapping(node, "a theme", _THEME_KEYS)
        for required in ("id", "label"):
            if required not in fields:
                self.fail(node, f"theme without {required!r}")
        theme_id = self.text(fields["id"], "id")
        if not _ID.fullmatch(theme_id):
            self.fail(fields["id"], f"theme id must be snake_case (a-z, 0-9, _): {theme_id!r}")
        lists = {}
        for key in ("patterns", "acronyms", "exclude"):
            lists[key] = self.texts(fields[key], key) if key in fields else []
            sensitive = key == "acronyms"
            try:  # translation errors; the empty-match check is one regex per list
                sources = [
                    pattern_regex(i, case_sensitive=sensitive, check_empty=False)
                    for i, _ in lists[key]
                ]
            except ValueError:
                sources = None
            checked = sources is None or any_matches_empty(sources)
            for item, item_node in lists[key] if checked else ():
                try:
                    pattern_regex(item, case_sensitive=sensitive)
                except ValueError as exc:
                    kind = {"patterns": "pattern", "acronyms": "acronym"}.get(key, key)
                    self.fail(item_node, f"theme {theme_id!r}: {kind} {item!r}: {exc}")
        if not lists["patterns"] and not lists["acronyms"]:
            self.fail(node, f"theme {theme_id!r} has no patterns and no acronyms")
        cap_major = None
        if "cap_major" in fields and not fields["cap_major"].tag.endswith(":null"):
            cap_major = self.integer(fields["cap_major"], "cap_major")
            if cap_major not in CAP_MAJOR_TOPICS:
                self.fail(
                    fields["cap_major"],
                    f"cap_major {cap_major} is not a CAP major topic code {sorted(CAP_MAJOR_TOPICS)}",
                )
        return make_theme(
            theme_id,
            self.text(fields["label"], "label"),
            patterns=[p for p, _ in lists["patterns"]],
            acronyms=[p for p, _ in lists["acronyms"]],
            exclude=[p for p, _ in lists["exclude"]],
            description=self.text(fields["description"], "description")
            if "description" in fields
            else "",
            cap_major=cap_major,
            source=self.source,
            line=node.start_mark.line + 1,
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
    target = Path(path)
    try:
        text = target.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        msg = "theme file not found"
        raise ThemeFileError(msg, path=str(path)) from None
    except IsADirectoryError:
        msg = "is a directory, not a theme file"
        raise ThemeFileError(msg, path=str(path)) from None
    except UnicodeDecodeError:
        msg = "is not UTF-8 text"
        raise ThemeFileError(msg, path=str(path)) from None
    except OSError as exc:
        raise ThemeFileError(exc.strerror or str(exc), path=str(path)) from None
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
