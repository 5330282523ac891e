"""Text out of Markdown: a real CommonMark parse (markdown-it-py), markup removed.

The text is what a reader of the rendered page sees: emphasis, links, inline HTML tags,
backslash escapes and entities are resolved (``**Cyber**`` -> ``Cyber``, ``[Roadmap](url)`` ->
``Roadmap``, ``21<sup>st</sup>`` -> ``21st``, ``\\###`` -> ``###``); a soft line break is a
space, a hard one (two trailing spaces, ``<br>``) a newline. Each paragraph, list item, table row
and block of HTML is one paragraph of the text; an ordered list item keeps its number
(``3. ...``), a bullet loses its marker. Images are dropped. Emphasis markers the parser could
not pair (exported Markdown often writes ``**WORD **``, which CommonMark leaves as text) are
removed as markup when they are runs of two or more ``*`` or ``_``.

Headings are ``#`` lines, setext headings, ``<h1>``-``<h6>`` in HTML blocks, a paragraph
that is nothing but one bold run, short and not ending like a sentence (``**Annex I**``,
``**<u>II. Key Outcomes</u>**``), as exported pages write their section titles, and a short
plain paragraph in title case, not ending like a sentence, that introduces a list
(``Maritime Cooperation`` above the numbered commitments on it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from policydrift.corpus.formats.document import Document, TextBuilder
from policydrift.corpus.formats.html import plain_blocks

__all__ = ["markdown_document"]

_STRAY_EMPHASIS = re.compile(r"\*{2,}|(?<!\w)_{2,}|_{2,}(?!\w)")
_INLINE_TAG = re.compile(r"</?(?:u|b|strong|em|i|span|ins|mark|font)\b[^>]*>", re.IGNORECASE)
_WHOLE_BOLD = re.compile(r"(\*\*|__)((?:(?!\1).)+?)\s*\1", re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SENTENCE_END = ".,;:!?"
MAX_BOLD_HEADING = 150
"""The longest bold paragraph (in characters) read as a heading."""
MAX_TITLE_WORDS = 12
"""The most words of a plain paragraph read as the title of the list below it."""
_MINOR = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # text_join off: a backslash escape stays its own token, so an escaped "\\*\\*" is kept as
    # text and never taken for a stray emphasis marker.
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return parser.disable("text_join")


def markdown_document(source: str) -> Document:
    """The plain text and headings of a Markdown body (front matter already cut off).

    >>> d = markdown_document("## Cyber\\n\\n**EMPHASIZING **the 21<sup>st</sup> [plan](http://x).\\n\\n2. Meet.")
    >>> d.text
    'Cyber\\n\\nEMPHASIZING the 21st plan.\\n\\n2. Meet.'
    >>> [(d.text[h.start:h.end], h.level) for h in d.headings]
    [('Cyber', 2)]
    """
    plain = plain_paragraphs(source)
    if plain is None:
        return parsed_document(source)
    builder = TextBuilder()  # nothing a CommonMark parse would read as markup: the same text
    for text, level in plain:
        builder.heading(text, level) if level else builder.paragraph(text)
    return builder.build()


def parsed_document(source: str) -> Document:
    """:func:`markdown_document` by markdown-it's parse, whatever the text holds."""
    builder = TextBuilder()
    tokens = _parser().parse(source)
    numbers: list[str] = []  # the pending number of each open list item ("" once used)
    row: list[str] | None = None
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "list_item_open":
            numbers.append(f"{token.info}{token.markup} " if token.info else "")
        elif kind == "list_item_close":
            numbers.pop()
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            builder.paragraph(" | ".join(cell for cell in row if cell))
            row = None
        elif kind == "inline" and row is not None:
            row.append(render_inline(token.children or []))
        elif kind == "inline":
            _block(builder, token, tokens[index - 1], numbers, _next_type(tokens, index))
        elif kind == "code_block":  # indentation by accident in exported text: read it
            for part in re.split(r"\n\s*\n", token.content):
                builder.paragraph(render_inline(_parser().parseInline(part)[0].children or []))
        elif kind == "fence":
            builder.paragraph(token.content)
        elif kind == "html_block":
            for text, level in plain_blocks(_BR.sub("\n", token.content)):
                builder.heading(text, level) if level else builder.paragraph(text)
    return builder.build()


def plain_paragraphs(source: str) -> list[tuple[str, int]] | None:
    """The paragraphs of a Markdown body holding no markup, as the parse reads them (lines
    joined by a space, or a line break after two trailing spaces; before :func:`tidy`), each
    with its heading level (6 for the title of a list, else 0), or None if it may hold markup:
    a character that starts inline markup, entities or HTML, or a line that could open a
    block other than a paragraph (heading, bullet, quote, rule, table, code, setext
    underline). A paragraph may be one numbered item ("2. We agree.", unindented, its number
    read as written), as each is a list item of its own; the paragraph before it is then the
    title of a list if it reads as one. Parsing a 5 KB statement with markdown-it costs about
    1.3 ms; this reads a plain one in a few hundredths of that.

    >>> plain_paragraphs("We agree.\\nWe meet.  \\nToday.\\n\\n   Next one.")
    [('We agree. We meet.  \\nToday.', 0), ('   Next one.', 0)]
    >>> plain_paragraphs("Key Areas\\n\\n1. Meet.\\n\\n2. Act."), plain_paragraphs("1. Meet.\\n2. Act.")
    ([('Key Areas', 6), ('1. Meet.', 0), ('2. Act.', 0)], None)
    """
    if _MARKUP.search(source) or _ENTITY.search(source) or _BLOCK_START.search("\n" + source):
        return None
    blocks: list[list[str]] = []
    lines: list[str] = []
    for line in [*source.split("\n"), ""]:
        if line.strip(" \t"):
            lines.append(line)
        elif lines:
            blocks.append(lines)
            lines = []
    numbered = [_item_start(block) for block in blocks]
    if None in numbered or (any(numbered) and any(b[0][:1] == " " for b in blocks)):
        return None  # (an indented paragraph may belong to the item above it)
    out: list[tuple[str, int]] = []
    for k, block in enumerate(blocks):
        joined = [block[0]]
        for previous, line in zip(block, block[1:], strict=False):
            joined += ("\n" if previous.endswith("  ") else " ", line)
        text = "".join(joined)
        title = not numbered[k] and k + 1 < len(blocks) and numbered[k + 1]
        out.append((text, 6 if title and _is_list_title(text) else 0))
    return out


def _item_start(block: list[str]) -> bool | None:
    """Whether a block of lines is one numbered item read as plain text (True), a plain
    paragraph (False), or something else a numbered line makes it (None): a numbered line
    that is not the block's first, is indented, has no text, or starts another block."""
    items = [line for line in block if _NUMBERED.match(line)]
    if not items:
        return False
    item = _PLAIN_ITEM.match(block[0])
    return None if len(items) > 1 or item is None else True


# Characters that start inline markup, HTML or a link (CommonMark, with tables and
# strikethrough), an entity ("&" alone is text), a NUL or carriage return the parse rewrites.
_MARKUP = re.compile(r"[\\`*_\[\]<>|~\x00\r]")
_ENTITY = re.compile(r"&(?:#|[^\W_]+;)")
# A line a block other than a paragraph may start on (after a "\n": searched fast): indented
# four columns (a tab counts as more), or opening a heading, bullet, setext underline or table
# delimiter row.
_BLOCK_START = re.compile(r"\n(?: {0,3}\t| {4}| {0,3}[#=+:-])")
_NUMBERED = re.compile(r" {0,3}[0-9]{1,9}[.)](?:[ \t]|$)")
# A numbered item whose text is a paragraph: unindented, one to four spaces after the number,
# and text that opens no other block (a nested list, a heading...).
_PLAIN_ITEM = re.compile(r"[0-9]{1,9}[.)] {1,4}(?=\S)(?![#=+:-]|[0-9]{1,9}[.)](?:[ \t]|$))")


def _next_type(tokens: list[Any], index: int) -> str:
    """The type of the token after the block that holds ``tokens[index]``."""
    return tokens[index + 2].type if index + 2 < len(tokens) else ""


def _block(
    builder: TextBuilder, inline: Any, opener: Any, numbers: list[str], following: str
) -> None:
    text = render_inline(inline.children or [])
    if opener.type == "heading_open":
        builder.heading(text, int(opener.tag[1:]))
        return
    if numbers and numbers[-1]:
        text, numbers[-1] = numbers[-1] + text, ""
    if not numbers and (
        _is_bold_heading(inline.content, text)
        or (following in ("ordered_list_open", "bullet_list_open") and _is_list_title(text))
    ):
        builder.heading(text, 6)
    else:
        builder.paragraph(text)


def _is_list_title(text: str) -> bool:
    """A short line in title case, not ending like a sentence (the title of a list).

    >>> _is_list_title("2030 Agenda for Sustainable Development and the Goals"), _is_list_title("We commit to:")
    (True, False)
    >>> _is_list_title("Leaders welcomed progress"), _is_list_title("\u00a0")
    (False, False)
    """
    words = text.split()
    return (
        0 < len(words) <= MAX_TITLE_WORDS
        and text.strip()[-1] not in _SENTENCE_END
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in _MINOR for w in words if w)
        and (words[0][0].isupper() or words[0][0].isdigit())
    )


def _is_bold_heading(source: str, text: str) -> bool:
    """A paragraph that is one bold run, short, not ending like a sentence."""
    plain = _INLINE_TAG.sub("", source).strip()
    text = text.strip()
    return (
        _WHOLE_BOLD.fullmatch(plain) is not None
        and 0 < len(text) <= MAX_BOLD_HEADING
        and "\n" not in text
        and text[-1] not in _SENTENCE_END
        and any(ch.isalpha() for ch in text)
    )


def render_inline(children: list[Any]) -> str:
    """The visible text of inline tokens: text, code, line breaks; markup dropped.

    >>> from markdown_it import MarkdownIt
    >>> render_inline(MarkdownIt().parseInline("**a** _b_ `c`<br>d\\\\*")[0].children)
    'a b c\\nd*'
    """
    out: list[str] = []
    run: list[str] = []  # consecutive text, cleaned of stray emphasis markers together

    def flush() -> None:
        if run:
            out.append(_STRAY_EMPHASIS.sub("", "".join(run)))
            run.clear()

    for token in children:
        kind = token.type
        if kind in ("text", "text_special"):
            if token.info == "escape":  # a backslash escape is a literal character
                flush()
                out.append(token.content)
            else:
                run.append(token.content)
            continue
        flush()
        if kind == "code_inline":
            out.append(token.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak" or kind == "html_inline" and _BR.fullmatch(token.content.strip()):
            out.append("\n")
    flush()
    return "".join(out)
