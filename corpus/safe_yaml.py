"""The one YAML reader for files drift is given: bounded whatever the text says.

A 700-byte YAML file can stand for gigabytes: each alias (``*name``) repeats an anchored node,
and nine levels of ten aliases each make a billion strings ("billion laughs"). Front matter
(:mod:`policydrift.corpus.frontmatter`) and theme files (:mod:`policydrift.compare.themes.lexicon_file`)
both go through :func:`check_yaml` first, which reads the event stream once and refuses

- any alias (``*name``; merge keys ``<<: *name`` included): no statement or theme file needs
  one, and a refused alias cannot expand;
- nesting deeper than :data:`MAX_DEPTH` (a theme file nested 20,000 deep would otherwise
  overflow the stack of the recursive composer).

The events come from libyaml when PyYAML has it (``CSafeLoader``), else from the pure-Python
parser; the check builds nothing, so it is linear in the text, and what is composed or loaded
after it is no bigger than the text.
"""

from __future__ import annotations

__all__ = ["MAX_DEPTH", "YamlRefused", "check_yaml", "compose_yaml", "load_yaml"]

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted (a theme file needs 4)."""


class YamlRefused(Exception):
    """The text is YAML drift will not expand; ``line`` is 1-based."""

    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem, line)
        self.problem = problem
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.problem}"


def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_yaml(text: str) -> None:
    """Refuse aliases and deep nesting in ``text`` (:class:`YamlRefused`); yaml errors pass.

    >>> check_yaml("a: &x [1, 2]\\nb: *x\\n")
    Traceback (most recent call last):
    ...
    policydrift.corpus.safe_yaml.YamlRefused: line 2: aliases ('*x') are not allowed: write the value out
    >>> check_yaml("a: " + "[" * 100 + "]" * 100)
    Traceback (most recent call last):
    ...
    policydrift.corpus.safe_yaml.YamlRefused: line 1: nested more than 64 levels deep
    >>> check_yaml("themes:\\n  - id: scams\\n    patterns: [scam(s)]\\n")
    """
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else 0
            msg = f"aliases ('*{event.anchor}') are not allowed: write the value out"
            raise YamlRefused(msg, line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else 0
                msg_0 = f"nested more than {MAX_DEPTH} levels deep"
                raise YamlRefused(msg_0, line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def compose_yaml(text: str):
    """The node tree of ``text`` (line numbers kept), after :func:`check_yaml`.

    Both passes use libyaml when PyYAML has it (about ten times faster than pure Python).

    >>> compose_yaml("a: 1\\n").value[0][1].value
    '1'
    >>> compose_yaml("- &a x\\n- *a\\n")
    Traceback (most recent call last):
    ...
    policydrift.corpus.safe_yaml.YamlRefused: line 2: aliases ('*a') are not allowed: write the value out
    """
    import yaml

    check_yaml(text)
    return yaml.compose(text, Loader=_loader())


def load_yaml(text: str):
    """The plain Python value of ``text`` (safe tags only), after :func:`check_yaml`.

    >>> load_yaml("date: 2022-03-30\\ntitle: A\\n")
    {'date': datetime.date(2022, 3, 30), 'title': 'A'}
    """
    import yaml

    check_yaml(text)
    return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader
