"""A statement file (or stdin) to a :class:`~policydrift.corpus.models.Statement`.

``read_statement`` reads the bytes (refusing anything over ``max_bytes`` before reading it),
dispatches on the file name's suffix (``.md``/``.markdown``: YAML front matter; ``.html``/
``.htm``: :func:`policydrift.corpus.formats.html_to_text`; ``.pdf``: :func:`policydrift.corpus.formats.pdf_to_text`;
``.txt`` and anything else: plain text, unless the content starts like a PDF (``%PDF-``), an
HTML document or front matter), and hands the decoded text to ``build_statement``, which strips
page furniture and splits sentences. Stdin (``"-"``) has no name, so it is always sniffed.

``Statement.raw`` is the decoded text with every line ending normalised to ``\\n`` (see
:func:`policydrift.corpus.decode.decode_bytes`); all offsets point into it. Every problem with the input is
an :class:`~policydrift.corpus.errors.InputError` naming the problem, with the path in ``path``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from policydrift.corpus.decode import decode_bytes, normalise_newlines
from policydrift.corpus.errors import InputError
from policydrift.corpus.frontmatter import FrontMatter, iso_date, read_front_matter
from policydrift.corpus.furniture import strip_furniture
from policydrift.corpus.models import Statement
from policydrift.corpus.sentences import split_sentences

__all__ = ["DEFAULT_MAX_BYTES", "build_statement", "read_statement"]

DEFAULT_MAX_BYTES = 50_000_000
_MARKDOWN = frozenset({".md", ".markdown"})
_HTML = frozenset({".html", ".htm"})
_SNIFFED_MARKDOWN = "front matter?"


def read_statement(
    path: str | os.PathLike,
    *,
    keep_all: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Statement:
    """Read one statement file (``"-"``: standard input) into a :class:`Statement`.

    ``keep_all`` keeps page furniture as text; ``max_bytes`` refuses larger inputs before they
    are read. The statement's id is the file name without its extension (``"stdin"`` for
    ``"-"``) and its path is ``path`` as given.
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
        return _from_bytes(data, name, "stdin", _sniff(data, markdown=True), keep_all)
    data = _read_file(name, max_bytes)
    suffix = Path(name).suffix.lower()
    kind = suffix if suffix in _MARKDOWN | _HTML | {".pdf"} else _sniff(data, markdown=False)
    return _from_bytes(data, name, Path(name).stem or name, kind, keep_all)


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
) -> Statement:
    """A :class:`Statement` from decoded text: furniture stripped, sentences split.

    ``body_start`` is the offset where the body starts (after front matter). Line endings are
    normalised to ``\\n`` first (``body_start`` is moved to match). Raises :class:`InputError`
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
        spans = [_stripped(raw, body_start, len(raw))]
        furniture: list = []
    else:
        spans, furniture = strip_furniture(raw, start=body_start, title=title)
    sentences = split_sentences(raw, spans)
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
    """The format of unnamed data: PDF, HTML, (if ``markdown``) front matter, else text."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return ".pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    if markdown and data.startswith((b"---\n", b"---\r\n")) and data.find(b"\n---", 3) > 0:
        return _SNIFFED_MARKDOWN
    return ".txt"


def _from_bytes(data: bytes, path: str, id_: str, kind: str, keep_all: bool) -> Statement:
    if not data:
        msg = "file is empty"
        raise InputError(msg, path=path)
    if kind == ".pdf":
        from policydrift.corpus.formats import pdf_to_text

        text, info = pdf_to_text(data, path=path)
        return _with_info(normalise_newlines(text), info, path, id_, "pdf", keep_all)
    raw, encoding = decode_bytes(data, path=path)
    if not raw.strip():
        msg = "contains only whitespace"
        raise InputError(msg, path=path)
    if kind in _HTML:
        from policydrift.corpus.formats import html_to_text

        text, info = html_to_text(raw, path=path)
        return _with_info(normalise_newlines(text), info, path, id_, encoding, keep_all)
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
    return build_statement(
        raw,
        id=id_,
        path=path,
        encoding=encoding,
        title=front.title,
        date=front.date,
        source=front.source,
        meta=dict(front.meta),
        keep_all=keep_all,
        body_start=front.body_start,
    )


def _with_info(
    text: str, info: dict[str, str], path: str, id_: str, encoding: str, keep_all: bool
) -> Statement:
    """A statement from extracted text and the metadata the document states about itself."""
    meta = {k: v for k, v in info.items() if k not in ("title", "date", "source_url", "source")}
    date = None
    if info.get("date"):
        try:
            date = iso_date(info["date"], path=path)
        except InputError:
            meta["date"] = str(info["date"])  # a page's odd date is kept, not fatal
    return build_statement(
        text,
        id=id_,
        path=path,
        encoding=encoding,
        title=info.get("title", "") or "",
        date=date,
        source=info.get("source_url") or info.get("source") or None,
        meta=meta,
        keep_all=keep_all,
    )


def _stripped(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
