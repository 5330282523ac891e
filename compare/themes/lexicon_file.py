"""The lexicon file format: its keys and vocabularies, and a reader that reports line numbers.

A lexicon is YAML (see ``docs/themes.md``). :func:`compose_lexicon` parses the text into YAML
nodes, which keep their line numbers; :class:`LexiconReader` turns the nodes into plain values,
raising :class:`ThemeFileError` with the line of the first problem. Building and compiling
the themes is :mod:`policydrift.compare.themes.lexicon`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from policydrift.compare.themes.patterns import translated
from policydrift.corpus.errors import DriftError, ThemeFileError

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

THEME_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
TOP_KEYS = ("schema", "name", "version", "description", "extend", "themes")
THEME_KEYS = (
    "id", "label", "description", "cap_major", "patterns", "acronyms", "exclude",
    "not_before", "not_after",
)  # fmt: skip
# A guarded pattern (an item of ``patterns`` written as a mapping): see compare/themes/rules.py.
RULE_KEYS = ("pattern", "requires", "unless", "scope", "not_before", "not_after")


def translate_each(items: Iterable[str], what: str, translate: Callable[[str], str]) -> list[str]:
    """``translate`` of each pattern; ValueError naming ``what`` and the first malformed one.

    >>> translate_each(["cyber*", "scam(s"], "pattern", translated)
    Traceback (most recent call last):
    ...
    ValueError: pattern 'scam(s': '(' at column 5 is never closed
    """
    found = []
    for item in items:
        try:
            found.append(translate(item))
        except ValueError as exc:
            msg = f"{what} {item!r}: {exc}"
            raise ValueError(msg) from None
    return found


MAX_LEXICON_FILE_BYTES = 5_000_000
"""Largest lexicon file read (the built-in lexicon is about 40 kB); a regular file only."""


def read_lexicon_file(
    path, *, error: type[DriftError] = ThemeFileError, what: str = "theme file"
) -> str:
    """The UTF-8 text of a lexicon file (BOM dropped), or ``error`` saying why it cannot be read.

    >>> read_lexicon_file("no/such.yaml")
    Traceback (most recent call last):
    ...
    policydrift.corpus.errors.ThemeFileError: no/such.yaml: theme file not found
    """
    from policydrift.corpus.safe_open import NotRegular, TooBig, read_regular

    try:
        return read_regular(path, max_bytes=MAX_LEXICON_FILE_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        msg = f"{what} not found"
        raise error(msg, path=str(path)) from None
    except IsADirectoryError:
        msg = f"is a directory, not a {what}"
        raise error(msg, path=str(path)) from None
    except NotRegular as exc:  # a FIFO would block, /dev/zero never ends
        raise error(str(exc), path=str(path)) from None
    except TooBig as exc:
        msg = f"{exc} for a {what}"
        raise error(msg, path=str(path)) from None
    except UnicodeDecodeError:
        msg = "is not UTF-8 text"
        raise error(msg, path=str(path)) from None
    except OSError as exc:
        raise error(exc.strerror or str(exc), path=str(path)) from None


def compose_lexicon(
    text: str,
    *,
    source: str,
    error: type[DriftError] = ThemeFileError,
    empty: str = "the theme file is empty; it needs a 'themes:' list",
):
    """The YAML node tree of ``text``; ``error`` (:class:`ThemeFileError`) if it is not YAML
    or is empty (message ``empty``).

    >>> compose_lexicon("themes: [a\\n", source="mine.yaml")
    Traceback (most recent call last):
    ...
    policydrift.corpus.errors.ThemeFileError: mine.yaml: line 2: not valid YAML: did not find expected ',' or ']'
    """
    import yaml
    from policydrift.corpus.safe_yaml import YamlRefused, compose_yaml

    try:  # libyaml when present, about 10x faster (corpus.safe_yaml)
        root = compose_yaml(text)
    except YamlRefused as exc:
        raise error(str(exc), path=source) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        problem = exc.problem or exc.context or "malformed"
        msg = f"{where}not valid YAML: {problem}"
        raise error(msg, path=source) from None
    except yaml.YAMLError as exc:
        msg = f"not valid YAML: {exc}"
        raise error(msg, path=source) from None
    if root is None:
        raise error(empty, path=source)
    return root


class LexiconReader:
    """Turns YAML nodes into values, failing with the node's line number (as ``error``).

    >>> reader = LexiconReader("mine.yaml")
    >>> reader.theme(compose_lexicon("id: scams\\nlabel: Scams\\n", source="mine.yaml"))
    Traceback (most recent call last):
    ...
    policydrift.corpus.errors.ThemeFileError: mine.yaml: line 1: theme 'scams' has no patterns and no acronyms
    """

    error: type[DriftError] = ThemeFileError

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node, problem: str):
        msg = f"line {node.start_mark.line + 1}: {problem}"
        raise self.error(msg, path=self.source)

    def top(
        self, root, keys: tuple[str, ...] = TOP_KEYS, items: str = "themes", kind: str = "lexicon"
    ) -> dict:
        """The top-level keys of the file, checked: a known schema and a non-empty ``items``
        list (``kind`` names the file in messages)."""
        import yaml

        top = self.mapping(root, "the top level", keys)
        if "schema" in top and self.integer(top["schema"], "schema") != 1:
            self.fail(top["schema"], f"schema must be 1 (the only {kind} format so far)")
        if items not in top:
            self.fail(root, f"no '{items}:' list at the top level")
        found = top[items]
        if not isinstance(found, yaml.SequenceNode) or not found.value:
            self.fail(found, f"'{items}' must be a non-empty list of {items}")
        return top

    def identity(self, top: dict) -> dict[str, Any]:
        """The ``name``, ``version`` and ``extend`` the file gives (checked), by key."""
        found: dict[str, Any] = {}
        for key in ("name", "version"):
            if key in top:
                found[key] = self.text(top[key], key)
        if "extend" in top:
            found["extend"] = self.boolean(top["extend"], "extend")
        return found

    def each_unique(self, nodes, build, what: str) -> list:
        """``build`` of each node (each has ``id`` and ``line``), failing on a repeated id."""
        built, seen = [], {}
        for node in nodes:
            item = build(node)
            if item.id in seen:
                self.fail(node, f"{what} id {item.id!r} already defined on line {seen[item.id]}")
            seen[item.id] = item.line
            built.append(item)
        return built

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

    def theme(self, node) -> dict[str, Any]:
        """The checked fields of one theme, as keyword arguments of ``make_theme``."""
        fields = self.mapping(node, "a theme", THEME_KEYS)
        for required in ("id", "label"):
            if required not in fields:
                self.fail(node, f"theme without {required!r}")
        theme_id = self.text(fields["id"], "id")
        if not THEME_ID.fullmatch(theme_id):
            self.fail(fields["id"], f"theme id must be snake_case (a-z, 0-9, _): {theme_id!r}")
        rules = []
        if "patterns" in fields:
            fields["patterns"], rules = self.split_rules(fields["patterns"], theme_id)
        lists = {}
        for key in ("patterns", "acronyms", "exclude"):
            lists[key] = self.texts(fields[key], key) if key in fields else []
            kind = {"patterns": "pattern", "acronyms": "acronym"}.get(key, key)
            self.check_patterns(lists[key], theme_id, kind, case_sensitive=key == "acronyms")
        if not lists["patterns"] and not lists["acronyms"] and not rules:
            self.fail(node, f"theme {theme_id!r} has no patterns and no acronyms")
        cap_major = None
        if "cap_major" in fields and not fields["cap_major"].tag.endswith(":null"):
            cap_major = self.integer(fields["cap_major"], "cap_major")
            if cap_major not in CAP_MAJOR_TOPICS:
                self.fail(
                    fields["cap_major"],
                    f"cap_major {cap_major} is not a CAP major topic code {sorted(CAP_MAJOR_TOPICS)}",
                )
        return {
            "theme_id": theme_id,
            "label": self.text(fields["label"], "label"),
            "patterns": [p for p, _ in lists["patterns"]] + rules,
            "acronyms": [p for p, _ in lists["acronyms"]],
            "exclude": [p for p, _ in lists["exclude"]],
            "description": self.text(fields["description"], "description")
            if "description" in fields
            else "",
            "cap_major": cap_major,
            "not_before": self.bound(fields, "not_before"),
            "not_after": self.bound(fields, "not_after"),
            "source": self.source,
            "line": node.start_mark.line + 1,
        }

    def check_patterns(
        self, items: list[tuple[str, object]], theme_id: str, kind: str, *, case_sensitive: bool
    ) -> None:
        """Fail on the first malformed pattern, naming its line."""
        for item, item_node in items:
            try:
                translate_each([item], kind, lambda p: translated(p, case_sensitive=case_sensitive))
            except ValueError as exc:
                self.fail(item_node, f"theme {theme_id!r}: {exc}")

    def bound(self, fields: dict, key: str) -> str | None:
        """A date bound (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or None when not given."""
        if key not in fields:
            return None
        node = fields[key]
        value = str(node.value).strip()
        if not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", value):
            self.fail(node, f"{key} must be a date as YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
        return value

    def split_rules(self, node, theme_id: str):
        """The plain items of a ``patterns`` list (as a list node) and its guarded patterns.

        A guarded pattern is a mapping with ``pattern`` and at least one of ``requires``,
        ``unless``, ``not_before``, ``not_after`` (``scope``: sentence or paragraph).
        """
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            return node, []
        plain, rules = [], []
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                plain.append(item)
                continue
            found = self.mapping(item, "a guarded pattern", RULE_KEYS)
            if "pattern" not in found:
                self.fail(item, f"theme {theme_id!r}: a guarded pattern needs 'pattern:'")
            if len(found) == 1:
                self.fail(
                    item,
                    f"theme {theme_id!r}: a guarded pattern needs requires, unless, not_before or not_after",
                )
            rule: dict[str, Any] = {
                "pattern": self.text(found["pattern"], "pattern"),
                "line": item.start_mark.line + 1,
            }
            self.check_patterns(
                [(rule["pattern"], found["pattern"])], theme_id, "pattern", case_sensitive=False
            )
            for key in ("requires", "unless"):
                if key in found:
                    items = self.texts(found[key], key)
                    if not items:
                        self.fail(found[key], f"theme {theme_id!r}: '{key}' is empty")
                    self.check_patterns(items, theme_id, key, case_sensitive=False)
                    rule[key] = [i for i, _ in items]
            if "scope" in found:
                scope = self.text(found["scope"], "scope")
                if scope not in ("sentence", "paragraph"):
                    self.fail(found["scope"], f"scope must be sentence or paragraph: {scope!r}")
                rule["scope"] = scope
            for key in ("not_before", "not_after"):
                if key in found:
                    rule[key] = self.bound(found, key)
            rules.append(rule)
        return yaml.SequenceNode(node.tag, plain, node.start_mark, node.end_mark), rules
