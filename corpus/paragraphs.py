"""Kept text to paragraphs: the first step of :mod:`policydrift.corpus.sentences`.

Paragraphs. Blank lines (whitespace only, NBSP included, or lines without a letter or digit such
as a lone ``**``) separate blocks. A block is hard-wrapped (as the White House Markdown, at about
72 characters) when the lines before its last are short (nine in ten at most 130 characters)
and its last line is no longer than they are; such a block is one paragraph, except where a
line starting with a list marker (``1.``, ``(a)``, ``a)``, ``iv.``, ``-``, ``*``, ``•``) begins
an item, or a line ends a sentence well short of the wrap width. Any other block (one line per
paragraph, as in scraped pages, however long the lines) has one paragraph per line. A line
break, or a blank line, that cuts a sentence in two (no end punctuation before it, a lowercase
word after it) is not a paragraph boundary, and a list marker alone on its line belongs to the
paragraph after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["LONE_MARKER", "MARKER", "paragraphs", "strip_span"]

MARKER = re.compile(  # possessive runs of blanks: linear whatever follows (LONE_MARKER)
    r"[ \t\u00a0]*+(?:[-*•▪●◦‣]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\([A-Z]\)|[A-Z]\)"
    r"|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)[.)])(?:[ \t\u00a0]++|\Z)"
)
"""A list marker at the start of a line: ``1.``, ``(a)``, ``a)``, ``iv.``, ``-``, ``*``, ``•``."""
LONE_MARKER = re.compile(MARKER.pattern + r"[*_\s]*\Z")
"""A list marker alone on its line."""
_ITEM_END = re.compile(r"[;:]\s+(?:and|or)\Z")
_TERMINAL = '.!?:;"”’)'
_WRAP_LIMIT = 130
_ALNUM = re.compile(r"[^\W_]")


def paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraph offsets in ``text[start:end]``, stripped, by the rules in the module docstring.

    >>> text = "A wrapped line that goes on and on\\nand ends here.\\n\\n- one\\n- two"
    >>> [text[a:b] for a, b in paragraphs(text, 0, len(text))]
    ['A wrapped line that goes on and on\\nand ends here.', '- one', '- two']
    """
    out: list[list[int]] = []
    for block in _blocks(text, start, end):
        for pa, pb in _block_paragraphs(text, block):
            if out and (
                _continues(text, out[-1][1], pa, pb)
                or (out[-1][1] - out[-1][0] <= 12 and LONE_MARKER.fullmatch(text, *out[-1]))
            ):
                out[-1][1] = pb
            else:
                out.append([pa, pb])
    return [(a, b) for a, b in out]


def _continues(text: str, end: int, pa: int, pb: int) -> bool:
    """A paragraph break that cuts a sentence: no end punctuation before, a lowercase word after."""
    last = text[end - 1]
    return (last.isalnum() or last == ",") and text[pa].islower() and not MARKER.match(text, pa, pb)


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def _is_blank(text: str, a: int, b: int) -> bool:
    return _ALNUM.search(text, a, b) is None


def _blocks(text: str, start: int, end: int) -> Iterator[list[tuple[int, int]]]:
    block: list[tuple[int, int]] = []
    for a, b in _lines(text, start, end):
        if _is_blank(text, a, b):
            if block:
                yield block
            block = []
        else:
            block.append((a, b))
    if block:
        yield block


def _block_paragraphs(text: str, block: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    widths = [len(text[a:b].rstrip()) for a, b in block]
    width = _wrap_width(widths)
    pa = block[0][0]
    for j in range(1, len(block)):
        a, b = block[j]
        prev_a, prev_b = block[j - 1]
        if _breaks(text, prev_a, prev_b, a, b, width):
            yield strip_span(text, pa, prev_b)
            pa = a
    yield strip_span(text, pa, block[-1][1])


def _wrap_width(widths: list[int]) -> int:
    """The width a block is hard-wrapped at, or 0 when it has one paragraph per line.

    Hard-wrapped: the lines before the last are short (90% at most ``_WRAP_LIMIT``) and the
    last line is no longer than they are (a title above a long line is not a wrapped block).
    """
    if len(widths) < 2:
        return 0
    body = sorted(widths[:-1])
    top = body[len(body) - 1 - len(body) // 10]  # the longest, bar one in ten
    if top > _WRAP_LIMIT or body[len(body) // 2] < 25 or widths[-1] > body[-1] + 10:
        return 0
    return top


def _breaks(text: str, pa: int, pb: int, a: int, b: int, width: int) -> bool:
    if not width:
        return True
    previous = text[pa:pb].rstrip(" \t\u00a0*_")
    marker = MARKER.match(text, a, b)
    if marker:
        # '... Recommendation\n15. on the ...' is a wrapped sentence, not a list item.
        follows = text[marker.end() : marker.end() + 1]
        numbered = text[marker.start() : marker.end()].strip()[:1] not in "-*•▪●◦‣"
        mid_sentence = (previous[-1:].isalnum() or previous[-1:] == ",") and not (
            _ITEM_END.search(previous)
        )
        return not (numbered and mid_sentence and follows.islower())
    if not previous or previous[-1] not in _TERMINAL:
        return False
    first_word = text[a:b].split(None, 1)
    room = len(text[pa:pb].rstrip()) + 1 + (len(first_word[0]) if first_word else 0)
    return room <= 0.8 * width


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """The span ``text[a:b]`` without its leading and trailing whitespace (offsets, no copy).

    >>> strip_span("  two words  ", 0, 13)
    (2, 11)
    """
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
