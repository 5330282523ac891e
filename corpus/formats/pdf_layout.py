"""Page furniture of PDF text and the words cut at line ends: pure functions over lines.

A printed statement repeats a running header ("Ministry of Foreign Affairs", the title) and a
footer (page numbers, "Page 3 of 8", a URL and a print date) on every page. A line counts as
running furniture when it sits among the first or last lines of a page and the same line, digits
ignored, sits there on at least half of the pages (two pages at least). A line that is only a
page number in a common form ("3", "- 3 -", "3 / 8", "3 of 8", "Page 3", "p. 3", "iii") is
furniture at the top or bottom of any page. Only lines at the very edge are removed: stripping
stops at the first line that is not furniture.

A word hyphenated at a line end ("infra-" / "structure") is joined without its hyphen, unless
the document itself writes that word with the hyphen inside a line ("cyber-security").
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["EDGE_LINES", "is_page_number", "join_hyphenated", "strip_running_lines"]

EDGE_LINES = 3
"""How many lines at the top and at the bottom of a page may be running furniture."""

_PAGE_NUMBER = re.compile(  # possessive blanks: linear on a line of spaces
    r"(?:page|p\.|pg\.?|seite|página|pagina)?\s*+"
    r"[-\u2013\u2014(\[]?\s*+(?:\d{1,4}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
    r"\s*+[-\u2013\u2014)\]]?"
    r"(?:\s*+(?:/|of|de|von|sur|\|)\s*+\d{1,4})?",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# starts only where a run of letters starts, and never gives letters back: linear
_CUT = re.compile(r"(?<![^\W\d_])([^\W\d_]++)[-\u00ad]\n([a-z][^\W\d_]*)(\S*)( ?)")


def is_page_number(line: str) -> bool:
    """Whether a line is nothing but a page number.

    >>> [is_page_number(s) for s in ("3", "- 3 -", "3 / 8", "Page 3 of 8", "p. 12", "iv", "2021")]
    [True, True, True, True, True, True, False]
    """
    text = line.strip()
    if not text or len(text) > 24:
        return False
    if text.isdigit() and len(text) == 4 and text[:2] in ("19", "20"):
        return False  # a year alone on a line is not a page number
    return _PAGE_NUMBER.fullmatch(text) is not None


def _signature(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.casefold().split()))


def strip_running_lines(pages: list[list[str]]) -> list[tuple[int, int]]:
    """For each page, the range of its lines left without running headers, footers and page
    numbers.

    >>> body = ["We met.", "They agreed.", "All signed."]
    >>> pages = [["Ministry", text, f"{n} / 3"] for n, text in enumerate(body, start=1)]
    >>> strip_running_lines(pages)
    [(1, 2), (1, 2), (1, 2)]
    """
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for lines in pages:
        tops.update({_signature(s) for s in lines[:EDGE_LINES]})
        bottoms.update({_signature(s) for s in lines[-EDGE_LINES:]})
    need = max(2, (len(pages) + 1) // 2)
    running_top = {s for s, n in tops.items() if n >= need}
    running_bottom = {s for s, n in bottoms.items() if n >= need}
    kept: list[tuple[int, int]] = []
    for lines in pages:
        a, b = 0, len(lines)
        while a < min(b, EDGE_LINES) and (
            _signature(lines[a]) in running_top or is_page_number(lines[a])
        ):
            a += 1
        while b > max(a, len(lines) - EDGE_LINES) and (
            _signature(lines[b - 1]) in running_bottom or is_page_number(lines[b - 1])
        ):
            b -= 1
        kept.append((a, b))
    return kept


def join_hyphenated(text: str) -> str:
    """Words cut by a hyphen at a line end joined again (see the module docstring).

    The joined word ends the first line, so that lines keep about their width.

    >>> join_hyphenated("the infra-\\nstructure, and cyber-\\nsecurity; cyber-security")
    'the infrastructure,\\nand cyber-security;\\ncyber-security'
    """
    if "-\n" not in text and "\u00ad\n" not in text:
        return text
    hyphenated = {w.casefold() for w in _WORD.findall(text.replace("-\n", " \n")) if "-" in w}

    def join(found: re.Match[str]) -> str:
        head, tail, rest, space = found.groups()
        keep = found.group(0)[len(head)] == "-" and f"{head}-{tail}".casefold() in hyphenated
        word = f"{head}-{tail}" if keep else head + tail
        return word + rest + ("\n" if space else "")

    return _CUT.sub(join, text)
