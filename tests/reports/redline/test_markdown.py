"""The Markdown export checked against the JSON rows of the same comparison: the struck words are
exactly the words the rows remove, the bold words exactly those they add, and the text with
the changes accepted is the new statement."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from policydrift.compare.models import Comparison
from policydrift.reports.redline.markdown import BODY_HEADING, comparison_to_markdown, escape
from policydrift.reports.tables import comparison_to_dict

from .conftest import PAIRS, comparison_of, pair_id, side_text

STYLES = {
    "markdown": (r"(?<!\\)~~(.+?)(?<!\\)~~", r"(?<!\\)\*\*(.+?)(?<!\\)\*\*"),
    "critic": (r"\{--(.+?)--\}", r"\{\+\+(.+?)\+\+\}"),
}
NOTE = re.compile(r"_\(moved[^)]*\)_")
WORD = re.compile(r"\w+")
UNESCAPE = re.compile(r"\\(.)")
SPACE = re.compile(r"\s+")


def _words(texts) -> Counter:
    return Counter(w for t in texts for w in WORD.findall(t))


def expected_words(c: Comparison) -> tuple[Counter, Counter]:
    """Removed and added words read from the JSON rows alone."""
    removed, added = [], []
    for row in comparison_to_dict(c)["rows"]:
        old_text = "".join(row["old_words"]) or " ".join(
            c.old.sentences[i].text for i in row["old"]
        )
        new_text = " ".join(c.new.sentences[i].text for i in row["new"])
        if not row["new"]:
            removed.append(old_text)
        elif not row["old"]:
            added.append(new_text)
        if row["kind"] in ("moved", "moved+edited"):
            removed.append(old_text)  # struck at its old place
        if row["old"] and row["new"]:
            for tag, i1, i2, j1, j2 in row["ops"]:
                a, b = "".join(row["old_words"][i1:i2]), "".join(row["new_words"][j1:j2])
                if tag != "equal" and (a.strip() or b.strip()):
                    removed.append(a)
                    added.append(b)
    return _words(removed), _words(added)


def body(markdown: str) -> str:
    head, found, rest = markdown.partition(BODY_HEADING + "\n")
    assert found
    return rest


def check(c: Comparison, style: str) -> None:
    text = body(comparison_to_markdown(c, style=style))
    deleted, inserted = STYLES[style]
    removed, added = expected_words(c)
    unescaped = lambda s: UNESCAPE.sub(r"\1", s)  # noqa: E731
    assert _words(unescaped(m) for m in re.findall(deleted, text)) == removed
    assert _words(unescaped(m) for m in re.findall(inserted, text)) == added
    accepted = re.sub(deleted, "", NOTE.sub("", text))
    accepted = re.sub(inserted, r"\1", accepted)
    # every character but spacing: a deletion's outer space stays outside its marker, so
    # "goals ~~x~~, and" reads "goals , and" once accepted
    assert SPACE.sub("", unescaped(accepted)) == SPACE.sub("", side_text(c, "new"))


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_markdown_matches_the_json_rows(pair) -> None:
    check(comparison_of(*pair), "markdown")


@pytest.mark.parametrize("style", ["markdown", "critic"])
def test_every_kind_of_row(edited_comparison, style) -> None:
    check(edited_comparison, style)
    text = comparison_to_markdown(edited_comparison, style=style)
    assert text.count("_(moved here from its old place") == 2
    assert text.count("_(moved: now at row") == 2


def test_markup_in_statements_is_escaped() -> None:
    assert escape("**2023 Key CRI Deliverables**") == r"\*\*2023 Key CRI Deliverables\*\*"


def test_numbered_paragraph_is_not_a_list(edited_comparison) -> None:
    text = body(comparison_to_markdown(edited_comparison))
    assert not re.search(r"^\d+[.)] ", text, re.M)
    assert not re.search(r"^[-+] ", text, re.M)
