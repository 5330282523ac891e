"""Markdown without markup is read without a CommonMark parse, to the same text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.corpus.formats.document import _SPACES, tidy
from policydrift.corpus.formats.markdown import (
    markdown_document,
    parsed_document,
    plain_paragraphs,
)
from policydrift.corpus.frontmatter import read_front_matter

DATA = Path(__file__).resolve().parents[2] / "corpus" / "data"

# Letters and the characters where a plain reading could part from the parse: spaces of every
# kind, line breaks, and what starts a block or markup.
CHARS = st.sampled_from(
    [*"ab A.;1)#=+-:*_<>&|~`[]\\!", "&amp;", "&#1;", "&x", "&B;", " ", "  ", "\t", "\n",
     "\n\n", "    ", "\u00a0", "\x1c", "\x85", "\u2028", "\u3000", "\x0b", "\x00"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(CHARS, max_size=40))
def test_a_plain_reading_gives_what_the_parse_gives(pieces):
    source = "".join(pieces)
    if plain_paragraphs(source) is not None:
        assert markdown_document(source) == parsed_document(source)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["We agree.", "Meet", "1999", " ", "  ", "\n", "\n\n", "\t",
                                 "\u00a0", "  \n", " \n "]), max_size=30))  # fmt: skip
def test_plain_text_is_read_plainly_and_the_same(pieces):
    source = "".join(pieces)
    if "\t" not in source and "    " not in source:
        assert plain_paragraphs(source) is not None
    assert markdown_document(source) == parsed_document(source)


# Paragraphs and numbered items (lists of one paragraph each), titles above them, and what
# would make a numbered line something else.
BLOCKS = st.sampled_from(
    ["1. We agree.", "2) Meet", "01. Act now", "12. x", "3.  Two spaces", "4.     five", "5.\tx",
     "6.", "7. 8. nested", "9. # heading", "1. - bullet", " 2. indented", "Key Areas",
     "Maritime Cooperation and the Sea", "We agree.", "a", "  indented text", "\u00a0",
     "Title Here\n3. w", "text\nmore", "1. a\n   b", "1. a\n2. b", "Line  \nbreak"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(BLOCKS, st.sampled_from(["\n\n", "\n", "\n \n", "\n\n\n"])), max_size=8))
def test_numbered_paragraphs_read_plainly_give_what_the_parse_gives(blocks):
    source = "".join(block + gap for block, gap in blocks)
    if plain_paragraphs(source) is not None:
        assert markdown_document(source) == parsed_document(source)


def test_the_sample_markdown_reads_the_same_either_way():
    plain = 0
    for path in sorted(DATA.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text[read_front_matter(text, path=str(path)).body_start :]
        assert markdown_document(body) == parsed_document(body), path
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        for paragraph in paragraphs:  # each paragraph alone, most of them plain
            plain += plain_paragraphs(paragraph) is not None
            assert markdown_document(paragraph) == parsed_document(paragraph), paragraph
    assert plain > 50


def test_markup_goes_to_the_parse():
    for source in ["**Bold**", "# Title", "- item", "2. item\n3. item", "    code", "a &amp; b", "&#169;",
                   "a <b>c</b>", "Title\n===", "a | b", "[x](y)", "\\*"]:  # fmt: skip
        assert plain_paragraphs(source) is None, source


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(["a", "b", " ", "\t", "\n", "\u00a0", "\u3000", "\x0b", "\x1c"])))
def test_tidy_collapses_each_run_of_spaces_as_the_line_by_line_rule(text):
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    assert tidy(text) == "\n".join(line for line in lines if line)


def test_a_blank_looking_paragraph_before_a_numbered_item_is_read():
    assert plain_paragraphs("\u00a0\n\n1. We act.") is not None
    assert markdown_document("\u00a0\n\n1. We act.").text == "1. We act."
    assert markdown_document("\u00a0\n\n- We act.").text == "We act."  # through the parse
