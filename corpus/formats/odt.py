"""Text out of OpenDocument ``.odt`` files: paragraphs, headings, tracked changes as final.

Read from ``content.xml`` through :mod:`policydrift.corpus.formats.office` (bounded, no DTDs):
``text:h`` is a heading (its ``text:outline-level``), ``text:p`` a paragraph, a table row one
paragraph with its cells joined by `` | ``. Tracked changes read as the final text (the
``text:tracked-changes`` record of deleted text is not read); annotations (comments) and notes
are left out. List numbers are not stored in the file (the application draws them) and are not
added.
"""

from __future__ import annotations

from typing import Any

from policydrift.corpus.formats.document import Document, TextBuilder
from policydrift.corpus.formats.office import open_package, read_xml

__all__ = ["odt_document"]

T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_SKIPPED = {f"{T}tracked-changes", f"{OFFICE}annotation", f"{T}note", f"{T}sequence-decls"}
_SKIPPED |= {f"{OFFICE}annotation-end", f"{T}bookmark", f"{T}change", f"{T}soft-page-break"}


def odt_document(data: bytes, *, path: str, max_bytes: int) -> Document:
    """The text and headings of an ``.odt`` file (see the module docstring)."""
    archive = open_package(data, path=path, max_bytes=max_bytes, kind="OpenDocument")
    with archive:
        root = read_xml(archive, "content.xml", path=path, max_bytes=max_bytes)
    builder = TextBuilder()
    _walk(root, builder)
    return builder.build()


def _walk(element: Any, builder: TextBuilder) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == f"{T}h":
            level = child.get(f"{T}outline-level") or "1"
            builder.heading(_text(child), int(level) if level.isdigit() else 1)
        elif tag == f"{T}p":
            builder.paragraph(_text(child))
        elif tag == f"{TABLE}table-row":
            cells = [_text(p).strip() for p in child.iter(f"{T}p")]
            builder.paragraph(" | ".join(c for c in cells if c))
        else:
            _walk(child, builder)


def _text(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag not in _SKIPPED:
            if tag == f"{T}s":
                count = child.get(f"{T}c") or "1"
                parts.append(" " * (int(count) if count.isdigit() else 1))
            elif tag == f"{T}tab":
                parts.append(" ")
            elif tag == f"{T}line-break":
                parts.append("\n")
            else:
                parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
