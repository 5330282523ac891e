"""Headings compared in their own list, and the rows of each section counted.

Sections are structure, not sentences: alignment rows index sentences only, and the two
sides' headings are matched here. A heading of OLD and one of NEW are the same section when
most of the aligned sentences under the old heading sit under the new one (the sentences say
what a section is, whatever it is called); headings left over are paired when their texts
match closely (ratio >= 80 on the folded text) in order. A matched pair is ``same`` when the
texts are equal after folding (case, quotes, spacing), else ``renamed`` (shown once, as one
row); the others are ``new`` or ``dropped``.

Each section row counts the alignment rows under it by what they show: ``new``, ``dropped``
and ``edited`` (any row with both sides whose texts differ: edited, moved+edited, split,
merged). A row belongs to the section of its first new sentence (dropped rows: of their old
sentence, mapped to the matched new section when there is one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from policydrift.compare.models import AlignedRow
from policydrift.corpus.models import Statement
from policydrift.corpus.normalize import normalise_key

__all__ = ["SectionRow", "compare_sections", "row_sections"]

EDIT_KINDS = frozenset({"edited", "moved+edited", "split", "merged"})
RENAME_RATIO = 80.0


@dataclass(frozen=True)
class SectionRow:
    """One heading of either side or both: kind ``same``, ``renamed``, ``new``, ``dropped``.

    ``old``/``new`` index ``Statement.sections`` (None on the side that lacks it); the counts
    are the alignment rows under the section.
    """

    kind: str
    old: int | None
    new: int | None
    old_title: str | None
    new_title: str | None
    new_rows: int = 0
    dropped_rows: int = 0
    edited_rows: int = 0

    @property
    def title(self) -> str:
        """The heading as the reader of NEW sees it (OLD's for a dropped section)."""
        return self.new_title if self.new_title is not None else (self.old_title or "")


def row_sections(
    rows: tuple[AlignedRow, ...] | list[AlignedRow], old: Statement, new: Statement
) -> list[tuple[int | None, int | None]]:
    """For each row, the (old, new) section index of its first sentence on each side."""
    out = []
    for row in rows:
        o = old.sentences[row.old[0]].section if row.old else None
        n = new.sentences[row.new[0]].section if row.new else None
        out.append((o, n))
    return out


def compare_sections(
    rows: tuple[AlignedRow, ...] | list[AlignedRow], old: Statement, new: Statement
) -> tuple[SectionRow, ...]:
    """The headings of both sides matched, in NEW's order (dropped ones after their old
    predecessor's match), with the rows of each counted. Empty when neither side has any.

    >>> from policydrift.corpus import build_statement
    >>> from policydrift.corpus.formats.markdown import markdown_document
    >>> def st(md):
    ...     d = markdown_document(md)
    ...     return build_statement(d.text, id="x", path="x.md", headings=d.headings)
    >>> from policydrift.compare import compare
    >>> a = st("## Cyber\\n\\nWe fight ransomware together.\\n\\n## Annex\\n\\nA list of partners follows.")
    >>> b = st("## Cyber security\\n\\nWe fight ransomware together now.\\n\\n## AI\\n\\nWe study AI.")
    >>> [(s.kind, s.old_title, s.new_title, s.new_rows, s.dropped_rows, s.edited_rows)
    ...  for s in compare_sections(compare(a, b).rows, a, b)]
    [('renamed', 'Cyber', 'Cyber security', 0, 0, 1), ('dropped', 'Annex', None, 0, 1, 0), ('new', None, 'AI', 1, 0, 0)]
    """
    if not old.sections and not new.sections:
        return ()
    placed = row_sections(rows, old, new)
    votes: Counter[tuple[int, int]] = Counter()
    for row, (o, n) in zip(rows, placed, strict=True):
        if row.old and row.new and o is not None and n is not None:
            votes[(o, n)] += 1
    match: dict[int, int] = {}  # old section -> new section
    taken: set[int] = set()
    for (o, n), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if o not in match and n not in taken:
            match[o] = n
            taken.add(n)
    _match_titles(old, new, match, taken)
    back = {n: o for o, n in match.items()}
    counts: dict[tuple[str, int], Counter[str]] = {}
    for row, (o, n) in zip(rows, placed, strict=True):
        if row.new:
            key = ("new", n) if n is not None else None
        else:
            key = ("new", match[o]) if o is not None and o in match else ("old", o)
        if key is None or key[1] is None:
            continue
        bucket = counts.setdefault(key, Counter())
        if row.kind == "new":
            bucket["new"] += 1
        elif row.kind == "dropped":
            bucket["dropped"] += 1
        elif row.kind in EDIT_KINDS:
            bucket["edited"] += 1
    out: list[SectionRow] = []
    dropped_after: dict[int | None, list[int]] = {}
    for o in range(len(old.sections)):
        if o not in match:
            previous = next((match[p] for p in range(o - 1, -1, -1) if p in match), None)
            dropped_after.setdefault(previous, []).append(o)
    out += [_row(None, o, old, new, counts) for o in dropped_after.get(None, [])]
    for n in range(len(new.sections)):
        out.append(_row(n, back.get(n), old, new, counts))
        out += [_row(None, o, old, new, counts) for o in dropped_after.get(n, [])]
    return tuple(out)


def _match_titles(old: Statement, new: Statement, match: dict[int, int], taken: set[int]) -> None:
    """Pair leftover headings whose texts match closely, in order on both sides."""
    from rapidfuzz import fuzz

    start = 0
    for o, section in enumerate(old.sections):
        if o in match:
            continue
        key = normalise_key(section.title)
        for n in range(start, len(new.sections)):
            if n in taken:
                continue
            if fuzz.ratio(key, normalise_key(new.sections[n].title)) >= RENAME_RATIO:
                match[o] = n
                taken.add(n)
                start = n + 1
                break


def _row(
    n: int | None,
    o: int | None,
    old: Statement,
    new: Statement,
    counts: dict[tuple[str, int], Counter[str]],
) -> SectionRow:
    old_title = old.sections[o].title if o is not None else None
    new_title = new.sections[n].title if n is not None else None
    if n is None:
        kind = "dropped"
    elif o is None:
        kind = "new"
    elif normalise_key(old_title or "") == normalise_key(new_title or ""):
        kind = "same"
    else:
        kind = "renamed"
    bucket = counts.get(("new", n) if n is not None else ("old", o), Counter())
    return SectionRow(
        kind, o, n, old_title, new_title, bucket["new"], bucket["dropped"], bucket["edited"]
    )
