"""Text out of HTML pages and PDF files: paragraphs separated by blank lines, plus metadata.

Both functions return ``(text, meta)``: the main text of the document with one blank line
between paragraphs (line breaks inside a paragraph kept as single newlines), and the metadata
the document itself states, among ``title``, ``date`` and ``source_url``, keys present only
where known. Nothing here decides what a statement is; :mod:`policydrift.corpus.read` builds the
``Statement`` from this text. Every problem with the input becomes an :class:`InputError`.
"""

from __future__ import annotations

import io
import logging
import re
from html.parser import HTMLParser
from typing import Any

from policydrift.corpus.errors import InputError

__all__ = ["html_to_text", "pdf_to_text"]

# trafilatura's output tree: elements that start a new paragraph.
_BLOCK_TAGS = {"p", "head", "quote", "code", "item", "row", "list", "table", "div", "body"}
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_NEWLINE_RUN = re.compile(r"[ \t]*(?:\r\n?|\n)\s*")
_LB = "\x00"  # stands for <lb/> while paragraphs are split at newlines (lxml text has no NUL)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A line that ends a sentence: final punctuation, optionally followed by closing quotes/brackets.
_FINAL = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")


def _tidy(text: str) -> str:
    """Collapse runs of spaces inside each line; drop blank lines and edge spaces."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------------------- HTML


def html_to_text(html: str, *, path: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page (navigation, scripts, footers dropped) and its metadata.

    trafilatura finds the main content; if it finds none, every visible text block of the page
    is kept instead (a plain parse that tolerates any malformed markup). Metadata comes from
    the page's own tags (``<title>``, Open Graph, ``<meta name="date">``, canonical link).

    >>> html_to_text("<html><body><p>First.</p><p>Second<br>line.</p></body></html>", path="x.html")
    ('First.\\n\\nSecond\\nline.', {})
    """
    if not isinstance(html, str):
        msg = f"html must be str, not {type(html).__name__}"
        raise TypeError(msg)
    paragraphs, meta = _trafilatura_extract(html)
    if not paragraphs:
        paragraphs = _plain_paragraphs(html)
    if not paragraphs:
        msg = "HTML page has no readable text"
        raise InputError(msg, path=path)
    return "\n\n".join(paragraphs), meta


def _trafilatura_extract(html: str) -> tuple[list[str], dict[str, str]]:
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
    paragraphs: list[str] = []
    if doc.body is not None:
        _collect_blocks(doc.body, paragraphs)
    return paragraphs, _meta_of(doc)


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


def _collect_blocks(element: Any, out: list[str]) -> None:
    """Append the paragraphs of a trafilatura output element (p, head, list, table...).

    A newline in the text separates paragraphs; an ``<lb/>`` is a line break inside one.
    """
    parts: list[str] = [element.text or ""]
    cells = 0
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_TAGS:
            _flush(parts, out, blocks=True)
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
    _flush(parts, out, blocks=True)


def _inline_text(element: Any) -> str:
    """Text of an inline element (bold, link...), line breaks kept."""
    parts = [element.text or ""]
    for child in element:
        parts.append(_LB if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _flush(parts: list[str], out: list[str], *, blocks: bool = False) -> None:
    """Append the paragraph(s) in ``parts``; with ``blocks``, each newline starts one."""
    joined = "".join(parts)
    for piece in joined.split("\n") if blocks else [joined]:
        text = _tidy(piece.replace(_LB, "\n"))
        if text:
            out.append(text)


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
        self.paragraphs: list[str] = []
        self._parts: list[str] = []
        self._skip: list[str] = []

    def _break(self) -> None:
        _flush(self._parts, self.paragraphs)
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip.append(tag)
        elif tag == "br":
            self._parts.append("\n")
        elif tag in self.BLOCK:
            self._break()

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

    def handle_data(self, data: str) -> None:
        if not self._skip:
            # Source line breaks are layout (spaces); only <br> breaks a line.
            self._parts.append(re.sub(r"[\r\n]+", " ", data))

    def close(self) -> None:
        super().close()
        self._break()


def _plain_paragraphs(html: str) -> list[str]:
    parser = _PlainText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - the stdlib parser is lenient; keep what was read
        parser._break()
    return parser.paragraphs


# ---------------------------------------------------------------------------------------- PDF


def pdf_to_text(data: bytes, *, path: str) -> tuple[str, dict[str, str]]:
    """The text layer of a PDF, paragraphs kept, with title and date from the PDF info.

    Paragraph breaks are found from the layout: a vertical gap clearly larger than the usual
    line spacing of the page, or a short line that ends a sentence. Line breaks inside a
    paragraph are kept as single newlines (like hard-wrapped text). A paragraph that runs on
    over a page break (the page's last line does not end a sentence) is joined across it.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        msg = f"data must be bytes, not {type(data).__name__}"
        raise TypeError(msg)
    reader = _open_pdf(bytes(data), path)
    pages: list[tuple[list[str], bool]] = []
    try:
        for page in reader.pages:
            pages.append(_page_paragraphs(page))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed content streams raise anything
        msg = f"cannot read the text of this PDF (damaged file?): {_detail(exc)}"
        raise InputError(msg, path=path) from exc
    paragraphs = _join_pages(pages)
    if not paragraphs:
        msg = "PDF has no text layer (scanned image?); run OCR first"
        raise InputError(msg, path=path)
    return "\n\n".join(paragraphs), _pdf_meta(reader)


def _detail(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _quiet(logger_name: str) -> None:
    """Keep a library's warnings off stderr unless the application configures logging.

    A NullHandler stops Python's last-resort handler from printing them; the records still
    propagate to any handler the application installs.
    """
    logger = logging.getLogger(logger_name)
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _open_pdf(data: bytes, path: str) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    _quiet("pypdf")
    if b"%PDF-" not in data[:1024]:  # the header may follow a little junk
        msg = "not a PDF file (no %PDF header)"
        raise InputError(msg, path=path)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            msg = "PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)"
            raise InputError(msg, path=path)
        _ = len(reader.pages)
    except InputError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        msg = f"PDF is encrypted and cannot be decrypted here: {_detail(exc)}"
        raise InputError(msg, path=path) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
        msg = f"not a readable PDF (damaged or truncated file?): {_detail(exc)}"
        raise InputError(msg, path=path) from exc
    return reader


def _page_paragraphs(page: Any) -> tuple[list[str], bool]:
    """Paragraphs of one page from the text chunks and their vertical positions.

    Also whether the page's last line runs to the usual line width (so may run on).
    """
    lines: list[list[Any]] = [["", None, 0.0]]  # text, y of its first placed chunk, font size

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if not text:
            return
        for number, piece in enumerate(text.split("\n")):
            if number:
                lines.append(["", None, 0.0])
            if piece.strip() and lines[-1][1] is None and any(tm[4:6]):
                lines[-1][1] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = abs(tm[3] * cm[3]) or 1.0
                lines[-1][2] = float(size or 0) * scale
            lines[-1][0] += piece

    page.extract_text(visitor_text=visit)
    placed = [(_SPACES.sub(" ", t).strip(), y, size) for t, y, size in lines]
    placed = [line for line in placed if line[0]]
    if not placed:
        return [], False
    step = _line_step(placed)
    widths = sorted(len(t) for t, _, _ in placed)
    full = widths[int(0.9 * (len(widths) - 1))]
    paragraphs: list[list[str]] = [[placed[0][0]]]
    for (before, y0, _), (text, y1, _) in zip(placed, placed[1:], strict=False):
        gap = y0 - y1 if y0 is not None and y1 is not None else None
        wide_gap = step is not None and gap is not None and (gap > 1.35 * step or gap < 0)
        short_end = bool(_FINAL.search(before)) and len(before) < 0.7 * full and full >= 40
        if wide_gap or short_end:
            paragraphs.append([])
        paragraphs[-1].append(text)
    runs_on = len(placed[-1][0]) >= 0.7 * full and not _FINAL.search(placed[-1][0])
    return ["\n".join(p) for p in paragraphs], runs_on


def _line_step(placed: list[tuple[str, float | None, float]]) -> float | None:
    """The usual distance between two lines of one paragraph on this page (None: unknown).

    The 20th percentile of the downward gaps: low enough to ignore paragraph gaps when most
    lines are inside paragraphs. When every gap is about the same and more than 2.4 times the
    font size, each line is its own paragraph (the gaps are paragraph gaps): the step is then
    taken as the font size times 1.2.
    """
    gaps = sorted(
        a[1] - b[1]
        for a, b in zip(placed, placed[1:], strict=False)
        if a[1] is not None and b[1] is not None and a[1] - b[1] > 0
    )
    if not gaps:
        return None
    low, high = gaps[int(0.2 * (len(gaps) - 1))], gaps[int(0.8 * (len(gaps) - 1))]
    sizes = sorted(size for _, _, size in placed if size > 0)
    size = sizes[len(sizes) // 2] if sizes else 0.0
    if size and high <= 1.1 * low and low > 2.4 * size:
        return 1.2 * size
    return low


def _join_pages(pages: list[tuple[list[str], bool]]) -> list[str]:
    """One list of paragraphs; a paragraph cut by a page break is joined again.

    It was cut if the page's last line runs to the usual width without ending a sentence.
    """
    out: list[str] = []
    runs_on = False
    for paragraphs, page_runs_on in pages:
        for number, paragraph in enumerate(paragraphs):
            if number == 0 and out and runs_on:
                out[-1] = f"{out[-1]}\n{paragraph}"
            else:
                out.append(paragraph)
        if paragraphs:
            runs_on = page_runs_on
    return out


def _pdf_meta(reader: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    try:
        info = reader.metadata
        if info is None:
            return meta
        title = info.title
        if isinstance(title, str) and title.strip():
            meta["title"] = _SPACES.sub(" ", title).strip()
        created = info.creation_date
        if created is not None:
            meta["date"] = created.date().isoformat()
    except Exception:  # noqa: BLE001,S110 - PDF info is optional and often malformed
        pass
    return meta
