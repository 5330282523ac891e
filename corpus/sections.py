"""Headings as sections: cut out of the kept text, and recorded on every sentence.

A heading that lies in the kept text (not in stripped furniture) becomes a
:class:`~policydrift.corpus.models.Section`; the kept spans are cut around it so that no
sentence is made of it and no sentence runs across it. Each sentence records the index of the
last section that starts before it (None before the first heading).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from policydrift.corpus.formats.document import Heading
from policydrift.corpus.models import Section, Sentence

__all__ = ["cut_headings"]

Span = tuple[int, int]


def cut_headings(
    raw: str,
    spans: list[Span],
    headings: Sequence[Heading],
    split: Callable[[str, list[Span]], list[Sentence]],
) -> tuple[list[Span], tuple[Section, ...], list[Sentence]]:
    """The spans without headings, the sections, and the sentences ``split`` finds in them.

    >>> from policydrift.corpus.sentences import split_sentences
    >>> raw = "Cyber\\n\\nWe agree. We meet.\\n\\nAnnex I\\n\\nThe list."
    >>> heads = [Heading(0, 5, 2), Heading(27, 34, 2)]
    >>> spans, sections, sents = cut_headings(raw, [(0, len(raw))], heads, split_sentences)
    >>> [(s.title, s.index) for s in sections], [(s.text, s.section) for s in sents]
    ([('Cyber', 0), ('Annex I', 1)], [('We agree.', 0), ('We meet.', 0), ('The list.', 1)])
    """
    if not headings:
        return spans, (), split(raw, spans)
    kept: list[Span] = []
    sections: list[Section] = []
    ordered = sorted(headings, key=lambda h: h.start)
    for a, b in spans:
        for heading in ordered:
            if heading.end <= a or heading.start >= b:
                continue
            if heading.start > a:
                kept.append((a, heading.start))
            title = " ".join(raw[heading.start : heading.end].split())
            if title and any(ch.isalnum() for ch in title):
                sections.append(
                    Section(len(sections), title, heading.level, heading.start, heading.end)
                )
            a = max(a, heading.end)
        if a < b:
            kept.append((a, b))
    kept = [(a, b) for a, b in kept if raw[a:b].strip()]
    sentences = split(raw, kept)
    if not sections:
        return kept, (), sentences
    starts = [s.start for s in sections]
    placed = [replace(s, section=_section_of(starts, s.start)) for s in sentences]
    return kept, tuple(sections), placed


def _section_of(starts: list[int], offset: int) -> int | None:
    at = bisect_right(starts, offset) - 1
    return at if at >= 0 else None
