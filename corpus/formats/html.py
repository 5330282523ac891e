"""Text out of HTML pages: the main text in paragraphs, headings ``<h1>``-``<h6>`` as headings.

:func:`html_document` returns a :class:`~policydrift.corpus.formats.document.Document`;
:func:`html_to_text` the same as ``(text, meta)``. trafilatura finds the main content (its
``<head rend="h2">`` elements are the page's headings); when it finds none, every visible text
block of the page is kept instead by a plain parse. Every problem becomes an :class:`InputError`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from policydrift.corpus.errors import InputError
from policydrift.corpus.formats.document import Document, TextBuilder, tidy

__all__ = ["html_document", "html_to_text"]

# trafilatura's output tree: elements that start a new paragraph.
_BLOCK_TAGS = {"p", "head", "quote", "code", "item", "row", "list", "table", "div", "body"}
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_NEWLINE_RUN = re.compile(r"(?<![ \t])[ \t]*+(?:\r\n?|\n)\s*")  # linear: starts a run once
_LB = "\x00"  # stands for <lb/> while paragraphs are split at newlines (lxml text has no NUL)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
Block = tuple[str, int]  # a paragraph's text and its heading level (0: not a heading)


def html_to_text(html: str, *, path: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page (navigation, scripts, footers dropped) and its metadata.

    >>> html_to_text("<html><body><p>First.</p><p>Second<br>line.</p></body></html>", path="x.html")
    ('First.\\n\\nSecond\\nline.', {})
    """
    document = html_document(html, path=path)
    return document.text, dict(document.meta)


def html_document(html: str, *, path: str) -> Document:
    """The main text of an HTML page, its headings and the metadata of its own tags.

    Metadata comes from ``<title>``, Open Graph, ``<meta name="date">`` and the canonical link.

    >>> d = html_document("<body><p>We agree.</p><p>We meet.</p></body>", path="x.html")
    >>> d.text, d.headings
    ('We agree.\\n\\nWe meet.', ())
    """
    if not isinstance(html, str):
        msg = f"html must be str, not {type(html).__name__}"
        raise TypeError(msg)
    blocks, meta = _trafilatura_extract(html)
    if not any(level == 0 for _, level in blocks):
        blocks = plain_blocks(html)
    if not blocks:
        msg = "HTML page has no readable text"
        raise InputError(msg, path=path)
    builder = TextBuilder()
    for text, level in blocks:
        if level:
            builder.heading(text, level)
        else:
            builder.paragraph(text)
    return builder.build(meta)


def _trafilatura_extract(html: str) -> tuple[list[Block], dict[str, str]]:
    """Main-content paragraphs and metadata from trafilatura; empty results when it gives up."""
    import trafilatura

    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            return [], {}
        _flatten_source_newlines(tree)
        doc = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # noqa: BLE001 - a third-party parser on untrusted input; fall back
        doc = None
    if doc is None:
        return [], _fallback_meta(html)
    blocks: list[Block] = []
    if doc.body is not None:
        _collect_blocks(doc.body, blocks)
    return blocks, _meta_of(doc)


def _flatten_source_newlines(tree: Any) -> None:
    """Line breaks in the HTML source are spaces to a browser; make them spaces.

    After this, a newline in trafilatura's output separates blocks it joined itself (its
    baseline extractor does), while ``<br>`` arrives as an ``<lb/>`` element.
    """
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in {"pre", "textarea"}:
            continue
        if element.text and "\n" in element.text:
            element.text = _NEWLINE_RUN.sub(" ", element.text)
        if element.tail and "\n" in element.tail:
            element.tail = _NEWLINE_RUN.sub(" ", element.tail)


def _meta_of(doc: Any) -> dict[str, str]:
    pairs = (("title", doc.title), ("date", doc.date), ("source_url", doc.url))
    return {k: _SPACES.sub(" ", v).strip() for k, v in pairs if isinstance(v, str) and v.strip()}


def _fallback_meta(html: str) -> dict[str, str]:
    """Metadata through trafilatura's metadata reader alone (used when it found no text)."""
    import trafilatura

    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            return {}
        doc = trafilatura.extract_metadata(tree, date_config=_DATE_PARAMS)
    except Exception:  # noqa: BLE001 - metadata is optional; never fail on it
        return {}
    return _meta_of(doc)


def _collect_blocks(element: Any, out: list[Block]) -> None:
    """Append the paragraphs of a trafilatura output element (p, head, list, table...).

    A newline in the text separates paragraphs; an ``<lb/>`` is a line break inside one.
    """
    level = _heading_level(element)
    parts: list[str] = [element.text or ""]
    cells = 0
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_TAGS:
            _flush(parts, out, level, blocks=True)
            parts = []
            _collect_blocks(child, out)
        elif tag == "lb":
            parts.append(_LB)
        elif tag == "cell":
            parts.append((" | " if cells else "") + _inline_text(child))
            cells += 1
        elif tag in {"graphic", "comments"}:
            pass
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    _flush(parts, out, level, blocks=True)


def _heading_level(element: Any) -> int:
    """1-6 for trafilatura's ``<head rend="h2">`` (a bare ``<head>``: 2), else 0."""
    if element.tag != "head":
        return 0
    return _HEADING_TAGS.get(str(element.get("rend", "")).lower(), 2)


def _inline_text(element: Any) -> str:
    """Text of an inline element (bold, link...), line breaks kept."""
    parts = [element.text or ""]
    for child in element:
        parts.append(_LB if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _flush(parts: list[str], out: list[Block], level: int = 0, *, blocks: bool = False) -> None:
    """Append the paragraph(s) in ``parts``; with ``blocks``, each newline starts one."""
    joined = "".join(parts)
    for piece in joined.split("\n") if blocks else [joined]:
        text = tidy(piece.replace(_LB, "\n"))
        if text:
            out.append((text, level))


class _PlainText(HTMLParser):
    """Every visible text block of a page, for pages trafilatura cannot make sense of."""

    SKIP = frozenset(
        {"script", "style", "noscript", "template", "svg", "title", "iframe", "object", "canvas"}
    )
    BLOCK = frozenset(
        [
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "dd",
            "details",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "html",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "td",
            "th",
            "tr",
            "ul",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[Block] = []
        self._parts: list[str] = []
        self._skip: list[str] = []
        self._level = 0

    def _break(self) -> None:
        _flush(self._parts, self.paragraphs, self._level)
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip.append(tag)
        elif tag == "br":
            self._parts.append("\n")
        elif tag in self.BLOCK:
            self._break()
            self._level = _HEADING_TAGS.get(tag, 0)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._parts.append("\n")
        elif tag in self.BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            if tag in self._skip:  # unbalanced markup: close up to the matching tag
                while self._skip and self._skip.pop() != tag:
                    pass
        elif tag in self.BLOCK:
            self._break()
            self._level = 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            # Source line breaks are layout (spaces); only <br> breaks a line.
            self._parts.append(re.sub(r"[\r\n]+", " ", data))

    def close(self) -> None:
        super().close()
        self._break()


def plain_blocks(html: str) -> list[Block]:
    """Every visible text block of an HTML fragment, with its heading level (0: paragraph).

    >>> plain_blocks("<h2>Cyber</h2><p>We agree.</p>")
    [('Cyber', 2), ('We agree.', 0)]
    """
    parser = _PlainText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - the stdlib parser is lenient; keep what was read
        parser._break()
    return parser.paragraphs
