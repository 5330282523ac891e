"""The comparison as a Word document of the new statement with real tracked changes.

Word and LibreOffice show the changes in review mode: deletions as ``w:del``, insertions as
``w:ins``, all by the author "drift" on the new edition's date; accepting every change gives
the new statement's text, rejecting every change the old one's (the inline view is built with
``exact=True``, so even a changed comma is tracked). A moved sentence is deleted at its old place
and inserted at its new one, as tracked moves (``w:moveFrom``/``w:moveTo``, paired by name)
with a comment at both places naming the move. A summary table (counts, themes, most changed
sentences, strength shifts when rows carry them) opens the document, untracked.

The package is written by hand with :mod:`xml.etree.ElementTree` (every text escaped by the
serialiser) and :mod:`zipfile` with fixed time stamps, so the same comparison gives the same
bytes. The parts are the fewest a reader needs: content types, relationships, document,
styles, settings, comments and core properties.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

from policydrift.compare.models import Comparison
from policydrift.reports.redline.inline import InlineRow, InlineView, build_inline
from policydrift.reports.redline.summary import Summary, build_summary

AUTHOR = "drift"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BODY_HEADING = "The new text, with the changes"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
XML_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 cannot hold (a statement may carry stray control characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

for _prefix, _uri in (("w", W), ("r", R), ("cp", CP), ("dc", DC)):
    ET.register_namespace(_prefix, _uri)


def w(name: str) -> str:
    """The qualified name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


def clean(text: str) -> str:
    """Text as Word holds it: no characters XML forbids, every run of white space one space.

    >>> clean("two\\n  lines\\x0b")
    'two lines '
    """
    return _SPACES.sub(" ", _NOT_XML.sub(" ", text))


def revision_date(date: str | None) -> str | None:
    """The ``w:date`` of every change: the new edition's date at midnight UTC, when known.

    >>> revision_date("2024-09-30"), revision_date("2024"), revision_date(None)
    ('2024-09-30T00:00:00Z', None, None)
    """
    return f"{date}T00:00:00Z" if date and _DATE.match(date) else None


class _Writer:
    """Builds document.xml and comments.xml; one id counter for every annotation (changes,
    move ranges, comments), as ECMA-376 wants them unique across kinds (LibreOffice fails to
    open a document whose comment ids repeat revision ids)."""

    def __init__(self, date: str | None) -> None:
        self.date = date
        self.ids = 0
        self.comments = ET.Element(w("comments"))

    def next_id(self) -> str:
        self.ids += 1
        return str(self.ids)

    def stamp(self, element: ET.Element) -> ET.Element:
        element.set(w("id"), self.next_id())
        element.set(w("author"), AUTHOR)
        if self.date:
            element.set(w("date"), self.date)
        return element

    def run(self, text: str, *, deleted: bool = False, bold: bool = False) -> ET.Element:
        r = ET.Element(w("r"))
        if bold:
            ET.SubElement(ET.SubElement(r, w("rPr")), w("b"))
        t = ET.SubElement(r, w("delText" if deleted else "t"))
        t.text = clean(text)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return r

    def paragraph(self, body: ET.Element, text: str = "", style: str = "") -> ET.Element:
        p = ET.SubElement(body, w("p"))
        if style:
            ET.SubElement(ET.SubElement(p, w("pPr")), w("pStyle")).set(w("val"), style)
        if text:
            p.append(self.run(text))
        return p

    def comment(self, p: ET.Element, start: ET.Element, text: str) -> None:
        """A comment on everything in ``p`` from ``start`` on: range marks and a reference."""
        cid = self.next_id()  # annotation ids are unique across comments and revisions
        c = ET.SubElement(self.comments, w("comment"))
        c.set(w("id"), cid)
        c.set(w("author"), AUTHOR)
        c.set(w("initials"), "d")
        if self.date:
            c.set(w("date"), self.date)
        cp = ET.SubElement(c, w("p"))
        cp.append(self.run(text))
        p.insert(list(p).index(start), _marker("commentRangeStart", cid))
        p.append(_marker("commentRangeEnd", cid))
        ref = ET.SubElement(p, w("r"))
        ET.SubElement(ref, w("commentReference")).set(w("id"), cid)

    def row(self, p: ET.Element, row: InlineRow) -> None:
        """One inline row into paragraph ``p``: tracked runs, moves as ranges with a comment."""
        if row.move:
            self.move(p, row)
            return
        for piece in row.pieces:
            if not piece.mark:
                p.append(self.run(piece.text))
                continue
            change = self.stamp(ET.SubElement(p, w("del" if piece.mark == "del" else "ins")))
            change.append(self.run(piece.text, deleted=piece.mark == "del"))

    def move(self, p: ET.Element, row: InlineRow) -> None:
        away = row.move == "away"
        name = f"move{row.number}"
        tag = "moveFrom" if away else "moveTo"
        start = self.stamp(ET.SubElement(p, w(f"{tag}RangeStart")))
        start.set(w("name"), name)
        range_id = start.get(w("id"))
        change = self.stamp(ET.SubElement(p, w(tag)))
        text = row.old_text if away else row.new_text
        change.append(self.run(text))  # moved runs keep w:t (ECMA-376 17.13.5.22), unlike w:del
        ET.SubElement(p, w(f"{tag}RangeEnd")).set(w("id"), range_id or "")
        where = "now" if away else "moved here from its old place,"
        note = f"Moved: {where} row {row.number} of the drift report."
        if not away and row.reworded:
            note += " Also reworded."
        self.comment(p, start, note)


def _marker(tag: str, cid: str) -> ET.Element:
    element = ET.Element(w(tag))
    element.set(w("id"), cid)
    return element


def document_xml(summary: Summary, view: InlineView, date: str | None) -> tuple[bytes, bytes]:
    """The bytes of word/document.xml and word/comments.xml."""
    writer = _Writer(date)
    root = ET.Element(w("document"))
    body = ET.SubElement(root, w("body"))
    writer.paragraph(body, f"Changes: {summary.old_label} → {summary.new_label}", "Title")
    writer.paragraph(
        body,
        "Made by drift compare. The text below is the new edition with every change tracked: "
        "in review mode deletions are struck and insertions underlined; accept all changes for "
        "the new text, reject all for the old. Moved sentences are tracked as moves.",
    )
    writer.paragraph(body, "Summary", "Heading1")
    _summary_table(writer, body, summary)
    writer.paragraph(body, BODY_HEADING, "Heading1")
    for paragraph in view.paragraphs:
        p = writer.paragraph(body)
        for k, row in enumerate(paragraph.rows):
            if k:
                p.append(writer.run(" "))
            writer.row(p, row)
        _paragraph_mark(writer, p, paragraph.rows)
    section = ET.SubElement(body, w("sectPr"))
    size = ET.SubElement(section, w("pgSz"))
    size.set(w("w"), "11906")
    size.set(w("h"), "16838")
    return _xml(root), _xml(writer.comments)


def _paragraph_mark(writer: _Writer, p: ET.Element, rows: tuple[InlineRow, ...]) -> None:
    """Track the paragraph mark as deleted when the whole paragraph is deleted, so that
    accepting all leaves no empty paragraph. A wholly inserted paragraph keeps an untracked
    mark: LibreOffice rejects an inserted mark by joining the paragraphs around it without a
    space (checked by benchmarks/check_docx_libreoffice.py), so rejecting all leaves an empty
    paragraph there instead."""
    marks = {piece.mark for row in rows for piece in row.pieces}
    if marks != {"del"}:
        return
    props = p.find(w("pPr"))
    if props is None:
        props = ET.Element(w("pPr"))
        p.insert(0, props)
    writer.stamp(ET.SubElement(ET.SubElement(props, w("rPr")), w("del")))


def _summary_table(writer: _Writer, body: ET.Element, summary: Summary) -> None:
    cells = [(line.label, line.value) for line in summary.lines]
    cells += [(f"Rows {name}", str(n)) for _, name, n in summary.counts]
    for title, items in summary.lists:
        if items:
            cells.append((title, "\n".join(items)))
    table = ET.SubElement(body, w("tbl"))
    props = ET.SubElement(table, w("tblPr"))
    ET.SubElement(props, w("tblStyle")).set(w("val"), "TableGrid")
    width = ET.SubElement(props, w("tblW"))
    width.set(w("w"), "5000")
    width.set(w("type"), "pct")
    grid = ET.SubElement(table, w("tblGrid"))
    for twips in ("2600", "6400"):
        ET.SubElement(grid, w("gridCol")).set(w("w"), twips)
    for label, value in cells:
        tr = ET.SubElement(table, w("tr"))
        for k, text in enumerate((label, value)):
            tc = ET.SubElement(tr, w("tc"))
            tcw = ET.SubElement(ET.SubElement(tc, w("tcPr")), w("tcW"))
            tcw.set(w("w"), "2600" if k == 0 else "6400")
            tcw.set(w("type"), "dxa")
            for line in text.split("\n"):
                p = ET.SubElement(tc, w("p"))
                p.append(writer.run(line, bold=k == 0))


def _xml(root: ET.Element) -> bytes:
    return XML_HEAD + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def comparison_to_docx(c: Comparison) -> bytes:
    """The Word document (.docx bytes) of the new statement with tracked changes."""
    view = build_inline(c, exact=True)
    summary = build_summary(c, build_inline(c))
    document, comments = document_xml(summary, view, revision_date(c.new.date))
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _relationships(
            [
                ("rId1", f"{OFFICE}/officeDocument", "word/document.xml"),
                ("rId2", f"{PKG}/metadata/core-properties", "docProps/core.xml"),
            ]
        ),
        "docProps/core.xml": _core(f"Changes: {summary.old_label} → {summary.new_label}"),
        "word/_rels/document.xml.rels": _relationships(
            [
                ("rId1", f"{OFFICE}/styles", "styles.xml"),
                ("rId2", f"{OFFICE}/settings", "settings.xml"),
                ("rId3", f"{OFFICE}/comments", "comments.xml"),
            ]
        ),
        "word/document.xml": document,
        "word/styles.xml": _styles(),
        "word/settings.xml": _settings(),
        "word/comments.xml": comments,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def _content_types() -> bytes:
    root = ET.Element("Types", {"xmlns": CT})  # a default namespace: children unprefixed
    for ext, kind in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        d = ET.SubElement(root, "Default")
        d.set("Extension", ext)
        d.set("ContentType", kind)
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    for part, kind in (
        ("/word/document.xml", f"{word}.document.main+xml"),
        ("/word/styles.xml", f"{word}.styles+xml"),
        ("/word/settings.xml", f"{word}.settings+xml"),
        ("/word/comments.xml", f"{word}.comments+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ):
        o = ET.SubElement(root, "Override")
        o.set("PartName", part)
        o.set("ContentType", kind)
    return _xml(root)


def _relationships(items: list[tuple[str, str, str]]) -> bytes:
    root = ET.Element("Relationships", {"xmlns": PKG})
    for rid, kind, target in items:
        rel = ET.SubElement(root, "Relationship")
        rel.set("Id", rid)
        rel.set("Type", kind)
        rel.set("Target", target)
    return _xml(root)


def _core(title: str) -> bytes:
    root = ET.Element(f"{{{CP}}}coreProperties")
    ET.SubElement(root, f"{{{DC}}}title").text = clean(title)
    ET.SubElement(root, f"{{{DC}}}creator").text = AUTHOR
    return _xml(root)


def _settings() -> bytes:
    root = ET.Element(w("settings"))
    ET.SubElement(root, w("trackRevisions"))  # further edits by the reader are tracked too
    return _xml(root)


def _styles() -> bytes:
    root = ET.Element(w("styles"))
    defaults = ET.SubElement(ET.SubElement(root, w("docDefaults")), w("rPrDefault"))
    fonts = ET.SubElement(ET.SubElement(defaults, w("rPr")), w("sz"))
    fonts.set(w("val"), "22")
    for sid, name, size, kind in (
        ("Normal", "Normal", None, "paragraph"),
        ("Title", "Title", "40", "paragraph"),
        ("Heading1", "heading 1", "30", "paragraph"),
        ("TableGrid", "Table Grid", None, "table"),
    ):
        style = ET.SubElement(root, w("style"))
        style.set(w("type"), kind)
        style.set(w("styleId"), sid)
        if sid == "Normal":
            style.set(w("default"), "1")
        ET.SubElement(style, w("name")).set(w("val"), name)
        if kind == "paragraph" and sid != "Normal":
            ET.SubElement(style, w("basedOn")).set(w("val"), "Normal")
        if size:
            ET.SubElement(ET.SubElement(style, w("pPr")), w("spacing")).set(w("before"), "240")
            rpr = ET.SubElement(style, w("rPr"))
            ET.SubElement(rpr, w("b"))
            ET.SubElement(rpr, w("sz")).set(w("val"), size)
        if kind == "table":
            borders = ET.SubElement(ET.SubElement(style, w("tblPr")), w("tblBorders"))
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
                b = ET.SubElement(borders, w(edge))
                b.set(w("val"), "single")
                b.set(w("sz"), "4")
                b.set(w("space"), "0")
                b.set(w("color"), "999999")
    return _xml(root)
