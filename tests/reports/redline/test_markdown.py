"""The Markdown export checked against the JSON rows of the same comparison: the struck words are
exactly the words the rows remove, the bold words exactly those they add, and the text with
the changes accepted is the new statement."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from html.parser import HTMLParser

import pytest
from policydrift.compare.models import Comparison
from policydrift.reports.redline.markdown import BODY_HEADING, comparison_to_markdown, escape
from policydrift.reports.tables import comparison_to_dict

from .conftest import PAIRS, comparison_of, pair_id, side_text

STYLES = {
    "markdown": (  # markers, or inline HTML where a marker could not open or close
        r"(?<!\\)~~(.+?)(?<!\\)~~|<del>(.+?)</del>",
        r"(?<!\\)\*\*(.+?)(?<!\\)\*\*|<strong>(.+?)</strong>",
    ),
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


def _marked(pattern: str, text: str) -> list[str]:
    """The marked texts, whichever alternative of ``pattern`` matched."""
    return [next(g for g in m.groups() if g is not None) for m in re.finditer(pattern, text)]


def body(markdown: str) -> str:
    head, found, rest = markdown.partition(BODY_HEADING + "\n")
    assert found
    return rest


def check(c: Comparison, style: str) -> None:
    text = body(comparison_to_markdown(c, style=style))
    deleted, inserted = STYLES[style]
    removed, added = expected_words(c)
    unescaped = lambda s: UNESCAPE.sub(r"\1", s)  # noqa: E731
    assert _words(unescaped(m) for m in _marked(deleted, text)) == removed
    assert _words(unescaped(m) for m in _marked(inserted, text)) == added
    accepted = re.sub(deleted, "", NOTE.sub("", text))
    accepted = re.sub(inserted, lambda m: next(g for g in m.groups() if g is not None), accepted)
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


class _Marks(HTMLParser):
    """Text inside <del> and <strong> after the body heading, and all text there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_body = False
        self.heading = False
        self.open: list[str] = []
        self.found: dict[str, list[str]] = {"del": [], "strong": []}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.heading = self.heading or tag == "h2"
        if tag in self.found and self.in_body:
            self.open.append(tag)
            self.found[tag].append("")

    def handle_endtag(self, tag):
        if tag == "h2":
            self.heading = False
        if self.open and tag == self.open[-1]:
            self.open.pop()

    def handle_data(self, data):
        if self.heading and " ".join(data.split()) == BODY_HEADING.lstrip("# "):
            self.in_body = True
            return
        if self.in_body:
            self.text.append(data)
            if self.open:
                self.found[self.open[-1]][-1] += data


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_github_markdown_reader_sees_the_marks(pair, pandoc) -> None:
    """pandoc's GitHub-flavoured Markdown reader: struck and bold words are the rows' words."""
    c = comparison_of(*pair)
    html = subprocess.run(
        [pandoc, "-f", "gfm", "-t", "html", "--wrap=none"],
        input=comparison_to_markdown(c),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    marks = _Marks()
    marks.feed(html)
    removed, added = expected_words(c)
    assert _words(marks.found["del"]) == removed
    assert _words(marks.found["strong"]) == added
    assert "~~" not in "".join(marks.text)  # every marker was read as markup
