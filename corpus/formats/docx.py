"""Text out of Word ``.docx`` files: paragraphs, headings, numbered lists, tracked changes.

Read from the document's own XML (``word/document.xml``, with ``styles.xml`` and
``numbering.xml``), through :mod:`policydrift.corpus.formats.office` (bounded, no DTDs):

- each paragraph (``w:p``, also inside tables, text boxes and content controls) is one
  paragraph of the text; a table row is one paragraph with its cells joined by `` | ``;
- a paragraph whose style is a heading ("heading 1"-"heading 9", "Title", or any style or
  paragraph with an outline level) is a heading;
- a numbered paragraph keeps its number as Word shows it ("3.", "(b)", "iv)"), computed from
  the list definitions; bullets are dropped;
- tracked changes read as the final text: insertions kept, deletions (``w:del``,
  ``w:moveFrom``) left out; comments, footnotes, headers and footers are not read;
- line breaks (``w:br``, ``w:cr``) are newlines, tabs spaces, non-breaking hyphens "-".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from policydrift.corpus.formats.document import Document, TextBuilder
from policydrift.corpus.formats.office import open_package, read_xml

__all__ = ["docx_document"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
_SKIPPED = {f"{W}{t}" for t in ("del", "moveFrom", "instrText", "delText", "pPr", "rPr")} | {
    f"{W}{t}" for t in ("footnoteReference", "endnoteReference", "commentReference")
}
_SKIPPED |= {f"{W}{t}" for t in ("delInstrText", "fldData", "sectPr", "tblPr", "trPr", "tcPr")}


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class _Numbering:
    """The list definitions and the running counters of each list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # start overrides
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if counts[ilvl] == 0:
            counts[ilvl] = self.starts.get((num_id, ilvl), levels[ilvl].start)
        else:
            counts[ilvl] += 1
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""

        def number(found: re.Match[str]) -> str:
            n = int(found.group(1)) - 1
            lv = levels.get(n)
            value = counts[n] or (lv.start if lv else 1)
            return _format(value, lv.fmt if lv else "decimal")

        return re.sub(r"%([1-9])", number, level.text).strip()


def _format(value: int, fmt: str) -> str:
    """A list number in Word's format.

    >>> [_format(4, f) for f in ("decimal", "lowerLetter", "upperRoman", "decimalZero")]
    ['4', 'd', 'IV', '04']
    """
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(97 + r) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for size, digits in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while value >= size:
            out += digits
            value -= size
    return out


def docx_document(data: bytes, *, path: str, max_bytes: int) -> Document:
    """The text, headings and title of a ``.docx`` file (see the module docstring)."""
    archive = open_package(data, path=path, max_bytes=max_bytes, kind="Word")
    with archive:
        body = read_xml(archive, "word/document.xml", path=path, max_bytes=max_bytes)
        styles = read_xml(
            archive, "word/styles.xml", path=path, max_bytes=max_bytes, required=False
        )
        numbering = read_xml(
            archive, "word/numbering.xml", path=path, max_bytes=max_bytes, required=False
        )
        core = read_xml(
            archive, "docProps/core.xml", path=path, max_bytes=max_bytes, required=False
        )
    reader = _Reader(_style_table(styles), _numbering(numbering))
    reader.walk(body)
    meta = {}
    title = _core_title(core)
    if title:
        meta["title"] = title
    return reader.builder.build(meta)


@dataclass(frozen=True)
class _Style:
    level: int  # heading level 1-9, 0: not a heading
    num: tuple[str, int] | None  # (numId, ilvl) the style numbers its paragraphs with


def _style_table(root: Any | None) -> dict[str, _Style]:
    """Style id -> heading level and numbering, following ``basedOn``."""
    if root is None:
        return {}
    raw: dict[str, tuple[str, int | None, tuple[str, int] | None, str | None]] = {}
    for style in root.iter(f"{W}style"):
        sid = style.get(f"{W}styleId") or ""
        name_el = style.find(f"{W}name")
        name = (name_el.get(f"{W}val") if name_el is not None else "") or ""
        ppr = style.find(f"{W}pPr")
        based = style.find(f"{W}basedOn")
        raw[sid] = (
            name,
            _outline(ppr),
            _num_pr(ppr),
            based.get(f"{W}val") if based is not None else None,
        )
    table: dict[str, _Style] = {}
    for sid in raw:
        level, num, seen, current = 0, None, set(), sid
        while current in raw and current not in seen:
            seen.add(current)
            name, outline, numpr, based = raw[current]
            found = _HEADING_NAME.fullmatch(name.strip())
            if not level and found:
                level = int(found.group(1))
            elif not level and name.strip().casefold() == "title":
                level = 1
            elif not level and outline is not None and outline < 9:
                level = outline + 1
            num = num or numpr
            current = based
        table[sid] = _Style(level, num)
    return table


def _outline(ppr: Any | None) -> int | None:
    el = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    value = el.get(f"{W}val") if el is not None else None
    return int(value) if value is not None and value.isdigit() else None


def _num_pr(ppr: Any | None) -> tuple[str, int] | None:
    numpr = ppr.find(f"{W}numPr") if ppr is not None else None
    if numpr is None:
        return None
    num_el, ilvl_el = numpr.find(f"{W}numId"), numpr.find(f"{W}ilvl")
    num_id = num_el.get(f"{W}val") if num_el is not None else None
    ilvl = ilvl_el.get(f"{W}val") if ilvl_el is not None else "0"
    if not num_id or num_id == "0":
        return ("0", 0) if num_id == "0" else None  # numId 0 switches numbering off
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


def _numbering(root: Any | None) -> _Numbering:
    numbering = _Numbering()
    if root is None:
        return numbering
    abstract: dict[str, dict[int, _Level]] = {}
    for node in root.iter(f"{W}abstractNum"):
        levels = {}
        for lvl in node.iter(f"{W}lvl"):
            ilvl = int(lvl.get(f"{W}ilvl") or 0)
            fmt = _val(lvl.find(f"{W}numFmt")) or "decimal"
            text = _val(lvl.find(f"{W}lvlText")) or ""
            start = _val(lvl.find(f"{W}start")) or "1"
            levels[ilvl] = _Level(fmt, text, int(start) if start.isdigit() else 1)
        abstract[node.get(f"{W}abstractNumId") or ""] = levels
    for num in root.iter(f"{W}num"):
        num_id = num.get(f"{W}numId") or ""
        numbering.levels[num_id] = abstract.get(_val(num.find(f"{W}abstractNumId")) or "", {})
        for override in num.iter(f"{W}lvlOverride"):
            start = _val(override.find(f"{W}startOverride"))
            if start and start.isdigit():
                numbering.starts[(num_id, int(override.get(f"{W}ilvl") or 0))] = int(start)
    return numbering


def _val(el: Any | None) -> str | None:
    return el.get(f"{W}val") if el is not None else None


def _core_title(core: Any | None) -> str:
    if core is None:
        return ""
    for el in core.iter("{http://purl.org/dc/elements/1.1/}title"):
        return " ".join((el.text or "").split())
    return ""


class _Reader:
    def __init__(self, styles: dict[str, _Style], numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.builder = TextBuilder()

    def walk(self, element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tr":
                cells = [self.text_of(p) for p in child.iter(f"{W}p")]
                self.builder.paragraph(" | ".join(c.strip() for c in cells if c.strip()))
            elif tag not in _SKIPPED:
                self.walk(child)

    def paragraph(self, p: Any) -> None:
        ppr = p.find(f"{W}pPr")
        style_id = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        style = self.styles.get(style_id or "")
        level = _outline(ppr)
        heading = level + 1 if level is not None and level < 9 else (style.level if style else 0)
        num = _num_pr(ppr) or (style.num if style else None)
        text = self.text_of(p)
        label = self.numbering.label(*num) if num and num[0] != "0" else ""
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        if heading:
            self.builder.heading(text, heading)
        else:
            self.builder.paragraph(text)

    def text_of(self, element: Any) -> str:
        parts: list[str] = []
        self._collect(element, parts)
        return "".join(parts)

    def _collect(self, element: Any, parts: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append(" ")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}p":  # a text box's paragraph inside a run
                parts.append("\n")
                self._collect(child, parts)
            else:
                self._collect(child, parts)
