"""Text out of PDF files: the text layer in paragraphs, without the page furniture.

:func:`pdf_to_text` returns ``(text, meta)``: paragraphs separated by blank lines (line breaks
inside a paragraph kept as single newlines), with running headers, footers and page numbers
removed (:mod:`policydrift.corpus.formats.pdf_layout`), paragraphs and words cut by a page
break or a line-end hyphen joined again and typographic ligatures ("\ufb01") spelled out. The
PDF's own dates say when the file was made, not when the statement was issued: the creation
date is returned as ``pdf_date``, never as ``date``; the reader uses it only when asked. Every
problem with the input becomes an :class:`InputError`.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from policydrift.corpus.errors import InputError
from policydrift.corpus.formats.document import fold_ligatures
from policydrift.corpus.formats.pdf_layout import join_hyphenated, strip_running_lines

__all__ = ["pdf_to_text"]

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A line that ends a sentence: final punctuation, optionally followed by closing quotes/brackets.
_FINAL = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
Line = tuple[str, float | None, float]  # text, y of its first placed chunk, font size


def pdf_to_text(data: bytes, *, path: str) -> tuple[str, dict[str, str]]:
    """The text layer of a PDF, paragraphs kept, with the title and creation date of its info.

    Paragraph breaks are found from the layout: a vertical gap clearly larger than the usual
    line spacing of the page, or a short line that ends a sentence. A paragraph that runs on
    over a page break (the page's last line does not end a sentence, and runs to the usual
    width or the next page goes on in lowercase) is joined across it.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        msg = f"data must be bytes, not {type(data).__name__}"
        raise TypeError(msg)
    reader = _open_pdf(bytes(data), path)
    placed: list[list[Line]] = []
    try:
        for page in reader.pages:
            placed.append(_page_lines(page))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed content streams raise anything
        msg = f"cannot read the text of this PDF (damaged file?): {_detail(exc)}"
        raise InputError(msg, path=path) from exc
    kept = strip_running_lines([[text for text, _, _ in lines] for lines in placed])
    pages = [_paragraphs(lines[a:b]) for lines, (a, b) in zip(placed, kept, strict=True)]
    paragraphs = [join_hyphenated(p) for p in _join_pages(pages)]
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


def _page_lines(page: Any) -> list[Line]:
    """The text lines of one page, in content order, with their vertical position and size."""
    lines: list[list[Any]] = [["", None, 0.0]]

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
    placed = [(fold_ligatures(_SPACES.sub(" ", t)).strip(), y, size) for t, y, size in lines]
    return [line for line in placed if line[0]]


def _paragraphs(placed: list[Line]) -> tuple[list[str], bool, bool]:
    """Paragraphs of one page; whether its last line runs to the usual line width without
    ending a sentence (so may run on), and whether it ends a sentence at all."""
    if not placed:
        return [], False, True
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
    last = placed[-1][0]
    ends = bool(_FINAL.search(last))
    runs_on = len(last) >= 0.7 * full and not ends
    return ["\n".join(p) for p in paragraphs], runs_on, ends


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


def _join_pages(pages: list[tuple[list[str], bool, bool]]) -> list[str]:
    """One list of paragraphs; a paragraph cut by a page break is joined again.

    It was cut if the page's last line does not end a sentence and either runs to the usual
    width or the next page starts with a lowercase letter.
    """
    out: list[str] = []
    runs_on = ends = False
    for paragraphs, page_runs_on, page_ends in pages:
        for number, paragraph in enumerate(paragraphs):
            cut = runs_on or (not ends and paragraph[:1].islower())
            if number == 0 and out and cut:
                out[-1] = f"{out[-1]}\n{paragraph}"
            else:
                out.append(paragraph)
        if paragraphs:
            runs_on, ends = page_runs_on, page_ends
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
            meta["pdf_date"] = created.date().isoformat()
    except Exception:  # noqa: BLE001,S110 - PDF info is optional and often malformed
        pass
    return meta
