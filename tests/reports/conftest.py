"""Fixtures shared by the report tests: reading a rendered HTML page back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest


@dataclass
class Page(HTMLParser):
    """Every start tag with its attributes, script and style bodies, and the text outside tags."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    _in: str = ""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._in = ""

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data
        else:
            self.text.append(data)

    def find(self, tag: str, **attrs) -> list[dict[str, str]]:
        """The attributes of every ``tag`` whose attributes equal ``attrs`` (``class_`` for
        ``class``, ``aria_label`` for ``aria-label``)."""
        return [
            a for t, a in self.tags
            if t == tag and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]  # fmt: skip

    def classed(self, tag: str, name: str) -> list[dict[str, str]]:
        """The attributes of every ``tag`` with ``name`` among its classes."""
        return [a for t, a in self.tags if t == tag and name in a.get("class", "").split()]

    def rows(self, *, ghost: bool = False) -> list[dict[str, str]]:
        """The lines of the side-by-side table(s): real rows, or their ghosts."""
        return [
            a for t, a in self.tags
            if t == "tr" and "row" in a.get("class", "").split()
            and ("ghost" in a["class"].split()) == ghost
        ]  # fmt: skip


def _parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="session")
def parse() -> Callable[[str], Page]:
    """The function reading a rendered page: ``parse(html) -> Page``."""
    return _parse
