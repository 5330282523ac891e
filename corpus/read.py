"""A statement file (or stdin) to a :class:`~policydrift.corpus.models.Statement`.

``read_statement`` reads the bytes (refusing anything over ``max_bytes`` before reading it),
dispatches on the file name's suffix (``.md``/``.markdown``: YAML front matter, then the body
through a Markdown parser; ``.html``/``.htm``, ``.pdf``, ``.docx``, ``.odt``: the readers of
:mod:`policydrift.corpus.formats`; ``.txt`` and anything else: plain text, unless the content
starts like a PDF (``%PDF-``), an HTML document, a Word file or front matter), and hands the
text to ``build_statement``, which strips page furniture, keeps headings as sections and
splits sentences. Stdin (``"-"``) has no name, so it is always sniffed.

``Statement.raw`` is, for plain text, the decoded text with every line ending normalised to
``\\n`` (see :func:`policydrift.corpus.decode.decode_bytes`); for the other formats it is the
text a reader sees, markup removed (front matter, Markdown and HTML markup, PDF page furniture,
Word's XML). All offsets point into it. The date comes from the front matter or the page's own
metadata, else from the file name; a PDF's metadata date only with ``pdf_date=True``.
``date_source`` says which. Every problem with the input is an
:class:`~policydrift.corpus.errors.InputError` naming the problem, with the path in ``path``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from policydrift.corpus import dates
from policydrift.corpus.decode import decode_bytes, normalise_newlines
from policydrift.corpus.errors import InputError
from policydrift.corpus.formats.document import Document, Heading
from policydrift.corpus.frontmatter import FrontMatter, iso_date, read_front_matter
from policydrift.corpus.furniture import strip_furniture
from policydrift.corpus.models import Statement
from policydrift.corpus.sections import cut_headings
from policydrift.corpus.sentences import split_sentences, strip_span

__all__ = ["DEFAULT_MAX_BYTES", "build_statement", "read_statement"]

DEFAULT_MAX_BYTES = 50_000_000
_MARKDOWN = frozenset({".md", ".markdown"})
_HTML = frozenset({".html", ".htm"})
_OFFICE = frozenset({".docx", ".odt"})
_NAMED = _MARKDOWN | _HTML | _OFFICE | {".pdf"}
_SNIFFED_MARKDOWN = "front matter?"


def read_statement(
    path: str | os.PathLike,
    *,
    keep_all: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    pdf_date: bool = False,
) -> Statement:
    """Read one statement file (``"-"``: standard input) into a :class:`Statement`.

    ``keep_all`` keeps page furniture as text; ``max_bytes`` refuses larger inputs before they
    are read (and bounds what a Word file may inflate to). The statement's id is the file name
    without its extension (``"stdin"`` for ``"-"``) and its path is ``path`` as given.
    ``pdf_date`` dates a PDF by its metadata (when the file was made), over its file name.
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        msg = f"max_bytes must be a positive integer: {max_bytes!r}"
        raise ValueError(msg)
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_limited(stream, max_bytes, name)
        options = _Options(keep_all, max_bytes, pdf_date)
        return _from_bytes(data, name, "stdin", _sniff(data, markdown=True), options)
    data = _read_file(name, max_bytes)
    suffix = Path(name).suffix.lower()
    kind = suffix if suffix in _NAMED else _sniff(data, markdown=False)
    statement = _from_bytes(
        data, name, Path(name).stem or name, kind, _Options(keep_all, max_bytes, pdf_date)
    )
    if statement.date is None:
        found = dates.date_from_name(name)
        if found is not None:
            statement = replace(statement, date=found, date_source=dates.FILE_NAME)
    return statement


def build_statement(
    raw: str,
    *,
    id: str,
    path: str,
    encoding: str = "utf-8",
    title: str = "",
    date: str | None = None,
    source: str | None = None,
    series: str | None = None,
    meta: dict | None = None,
    keep_all: bool = False,
    body_start: int = 0,
    headings: tuple[Heading, ...] = (),
    date_source: str | None = None,
) -> Statement:
    """A :class:`Statement` from decoded text: furniture stripped, sentences split.

    ``body_start`` is the offset where the body starts (after front matter). Line endings are
    normalised to ``\\n`` first (``body_start`` is moved to match). ``headings`` (offsets into
    ``raw``, which then has no ``\\r``) become the statement's sections: no sentence is made of
    them, and each sentence records the last heading before it. Raises :class:`InputError`
    when no sentence is left.

    >>> body = "The ministers of the ten member states met in Hanoi on Monday. They agreed on a plan to fight online fraud."
    >>> raw = f"Navigation\\n\\n{body}\\n\\nRelated News\\nOther."
    >>> st = build_statement(raw, id="a", path="a.txt")
    >>> [s.text for s in st.sentences]
    ['The ministers of the ten member states met in Hanoi on Monday.', 'They agreed on a plan to fight online fraud.']
    >>> [(f.text, f.reason) for f in st.furniture]
    [('Navigation', 'navigation'), ('Related News\\nOther.', "after 'Related News'")]
    """
    if not 0 <= body_start <= len(raw):
        msg = f"body_start must be in [0, {len(raw)}]: {body_start!r}"
        raise ValueError(msg)
    if "\r" in raw or any(ch in raw for ch in "\u2028\u2029\x85"):
        body_start = len(normalise_newlines(raw[:body_start]))
        raw = normalise_newlines(raw)
    if not raw[body_start:].strip():
        problem = "has no text after its front matter" if body_start else "contains only whitespace"
        raise InputError(problem, path=path)
    if keep_all:
        spans = [strip_span(raw, body_start, len(raw))]
        furniture: list = []
    else:
        spans, furniture = strip_furniture(raw, start=body_start, title=title)
    spans, sections, sentences = cut_headings(raw, spans, headings, split_sentences)
    if not sentences:
        problem = "no sentence found"
        if furniture:
            problem += f" (all {len(furniture)} text blocks look like page furniture)"
        raise InputError(problem, path=path)
    pairs = tuple(sorted((str(k), str(v)) for k, v in (meta or {}).items()))
    return Statement(
        id=id,
        path=path,
        raw=raw,
        text="\n\n".join(raw[a:b] for a, b in spans),
        sentences=tuple(sentences),
        title=title,
        date=date,
        series=series,
        source=source,
        encoding=encoding,
        furniture=tuple(furniture),
        meta=pairs,
        sections=sections,
        date_source=date_source if date else None,
    )


def _read_file(name: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            msg = "is a directory, not a file"
            raise InputError(msg, path=name)
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise InputError(_too_big(max_bytes, info.st_size), path=name)
        with open(name, "rb") as handle:
            return _read_limited(handle, max_bytes, name)
    except OSError as exc:
        raise InputError(_os_problem(exc), path=name) from None


def _read_limited(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(_os_problem(exc), path=name) from None
    if data is None:
        data = b""
    if len(data) > max_bytes:
        raise InputError(_too_big(max_bytes, None), path=name)
    return bytes(data)


def _too_big(max_bytes: int, size: int | None) -> str:
    limit = _size(max_bytes)
    if size is None:
        return f"is larger than the {limit} limit"
    return f"is {_size(size)}, larger than the {limit} limit"


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1000:
        return f"{n / 1000:g} kB"
    return f"{n} bytes"


def _os_problem(exc: OSError) -> str:
    code = exc.errno
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        return "no such file"
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return "is a directory, not a file"
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    if code == errno.ELOOP:
        return "cannot be opened: too many levels of symbolic links (a symlink loop?)"
    reason = exc.strerror or type(exc).__name__
    return f"cannot be read: {reason[:1].lower()}{reason[1:]}"


def _sniff(data: bytes, *, markdown: bool) -> str:
    """The format of unnamed data: PDF, HTML, Word, (if ``markdown``) front matter, else text."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]:
        return ".docx"
    if data.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument.text" in data[:200]:
        return ".odt"
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    if markdown and data.startswith((b"---\n", b"---\r\n")) and data.find(b"\n---", 3) > 0:
        return _SNIFFED_MARKDOWN
    return ".txt"


@dataclass(frozen=True)
class _Options:
    keep_all: bool
    max_bytes: int
    pdf_date: bool


def _from_bytes(data: bytes, path: str, id_: str, kind: str, options: _Options) -> Statement:
    keep_all = options.keep_all
    if not data:
        msg = "file is empty"
        raise InputError(msg, path=path)
    if kind == ".pdf":
        from policydrift.corpus.formats.pdf import pdf_to_text

        text, info = pdf_to_text(data, path=path)
        pdf_day = info.pop("pdf_date", None)
        if options.pdf_date and pdf_day:
            info["date"] = pdf_day
        document = Document(normalise_newlines(text), (), tuple(sorted(info.items())))
        source = dates.PDF_METADATA
        return _with_info(document, path, id_, "pdf", keep_all, source)
    if kind in _OFFICE:
        from policydrift.corpus.formats import docx, odt

        reader = docx.docx_document if kind == ".docx" else odt.odt_document
        document = reader(data, path=path, max_bytes=options.max_bytes)
        return _with_info(document, path, id_, kind[1:], keep_all, None)
    raw, encoding = decode_bytes(data, path=path)
    if not raw.strip():
        msg = "contains only whitespace"
        raise InputError(msg, path=path)
    if kind in _HTML:
        from policydrift.corpus.formats.html import html_document

        document = html_document(normalise_newlines(raw), path=path)
        return _with_info(document, path, id_, encoding, keep_all, dates.PAGE_METADATA)
    if kind == _SNIFFED_MARKDOWN:
        try:
            front = read_front_matter(raw, path=path)
        except InputError:  # it only looked like front matter: a text with '---' rules
            return build_statement(raw, id=id_, path=path, encoding=encoding, keep_all=keep_all)
        return _with_front(raw, front, path, id_, encoding, keep_all)
    if kind in _MARKDOWN:
        return _with_front(raw, read_front_matter(raw, path=path), path, id_, encoding, keep_all)
    return build_statement(raw, id=id_, path=path, encoding=encoding, keep_all=keep_all)


def _with_front(
    raw: str, front: FrontMatter, path: str, id_: str, encoding: str, keep_all: bool
) -> Statement:
    """A Markdown statement: its body rendered to plain text, its front matter as metadata."""
    from policydrift.corpus.formats.markdown import markdown_document

    document = markdown_document(normalise_newlines(raw[front.body_start :]))
    if not document.text.strip():
        problem = "has no text after its front matter" if front.body_start else "has no text"
        raise InputError(problem, path=path)
    return build_statement(
        document.text,
        id=id_,
        path=path,
        encoding=encoding,
        title=front.title,
        date=front.date,
        source=front.source,
        meta=dict(front.meta),
        keep_all=keep_all,
        headings=document.headings,
        date_source=dates.FRONT_MATTER,
    )


def _with_info(
    document: Document,
    path: str,
    id_: str,
    encoding: str,
    keep_all: bool,
    date_source: str | None,
) -> Statement:
    """A statement from extracted text and the metadata the document states about itself."""
    info = dict(document.meta)
    meta = {k: v for k, v in info.items() if k not in ("title", "date", "source_url", "source")}
    date = None
    if info.get("date"):
        try:
            date = iso_date(info["date"], path=path)
        except InputError:
            meta["date"] = str(info["date"])  # a page's odd date is kept, not fatal
    return build_statement(
        document.text,
        id=id_,
        path=path,
        encoding=encoding,
        title=info.get("title", "") or "",
        date=date,
        source=info.get("source_url") or info.get("source") or None,
        meta=meta,
        keep_all=keep_all,
        headings=document.headings,
        date_source=date_source,
    )
