"""Rows of the timeline report's tables, and the look-ups and anchors they share.

One row per edition, per sentence, and per lineage (the theme and initiative rows, with the
quoted evidence behind each count, are in :mod:`policydrift.reports.timeline.track_rows`);
:mod:`policydrift.reports.timeline.view` assembles them into sections. Nothing here builds
HTML or computes a score. Anchors all start ``x-`` so they can never clash with the ids inside
the charts.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

from policydrift.compare.timeline.lineage import Lineage, Step
from policydrift.compare.timeline.models import Edition, Timeline
from policydrift.corpus.models import Statement
from policydrift.reports.compare.view import percent, score_text
from policydrift.reports.timeline.models import (
    EditionRow,
    EditionSentences,
    LineageView,
    Link,
    SentenceLine,
    StepView,
    step_segments,
)

MAX_LINEAGES = 30  # lineages shown per series (the longest); every one is in the JSON
MAX_QUOTES = 3  # sentences quoted per theme and edition; the others are linked
MAX_QUOTE_CHARS = 320
MAX_YEAR_EVIDENCE = 8  # sentences quoted per theme and year in the all-statements view
_SPACE = re.compile(r"\s+")
CLASS_LABELS = {"first": "first edition", "same": "same", "edited": "edited", "new": "new"}


def edition_anchor(edition: Edition) -> str:
    return f"x-e{edition.order + 1}"


def sentence_anchor(edition: Edition, index: int) -> str:
    return f"x-e{edition.order + 1}-s{index + 1}"


def lineage_anchor(lineage_id: str) -> str:
    return f"x-{lineage_id.lower()}"


def _fig(value: float | None, missing: str = "—") -> str:
    return missing if value is None else percent(value)


def _count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


@lru_cache(maxsize=4096)
def squash(text: str) -> str:
    return _SPACE.sub(" ", text)


def short(text: str, size: int = 34) -> str:
    text = squash(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


class Page:
    """The timeline with the look-ups the sections share (built once per report).

    ``page_of`` maps an edition id to the file of the page showing its series (a report split
    into pages); ``here`` is the file being built. Links to an edition on another page carry
    that page's file name; on one page they are plain anchors.
    """

    def __init__(
        self,
        timeline: Timeline,
        *,
        page_of: dict[str, str] | None = None,
        here: str = "",
        lineage_page: dict[str, str] | None = None,
        series_anchors: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.t = timeline
        self.page_of = page_of or {}
        self.series_anchors = series_anchors or {}  # first edition id -> (title, anchor)
        self.lineage_page = lineage_page or {}
        self.here = here
        self.known = {e.id for e in timeline.editions}
        self.rows: dict[str, list] = {}
        self.formulaic = 0  # formulaic sentences in the whole timeline
        for row in timeline.sentences:
            self.rows.setdefault(row.edition, []).append(row)
            self.formulaic += row.formulaic
        self.labels = {track.key: track.label for track in timeline.overall.themes}
        self.links: dict[tuple[str, int], Link] = {}  # made once per page (see at())
        self.lineage_links: dict[str, Link] = {}
        self._quoted: dict[str, str] = {}
        self.theme_labels: dict[tuple[str, ...], str] = {}  # a sentence's themes, as listed
        self.shown: set[str] = set()
        for view in timeline.series:
            shown = [x.id for x in view.lineages if x.length > 1][:MAX_LINEAGES]
            self.shown.update(shown)

    def edition(self, edition_id: str) -> Edition:
        return self.t.edition(edition_id)

    def href(self, edition_id: str, anchor: str) -> str:
        """A link to ``anchor``, which lies in the section of edition ``edition_id``'s series."""
        page = self.page_of.get(edition_id, "")
        return f"#{anchor}" if page == self.here else f"{page}#{anchor}"

    def lineage_href(self, lineage_id: str) -> str:
        """A link to a lineage shown in the report, or '' (only the longest are shown)."""
        if lineage_id not in self.shown:
            return ""
        page = self.lineage_page.get(lineage_id, self.here)
        return f"{'' if page == self.here else page}#{lineage_anchor(lineage_id)}"

    def at(self, here: str) -> Page:
        """The same look-ups, for building the page ``here``."""
        other = copy.copy(self)
        other.here = here
        other.links, other.lineage_links = {}, {}
        return other

    def quoted(self, text: str) -> str:
        """A sentence as the evidence quotes it: on one line, cut at ``MAX_QUOTE_CHARS`` (the
        link leads to the whole sentence); each distinct text once."""
        out = self._quoted.get(text)
        if out is None:
            out = self._quoted[text] = short(text, MAX_QUOTE_CHARS)
        return out

    def sentence_link(self, edition_id: str, index: int) -> Link:
        """:func:`sentence_link`, each made once per page (a sentence is linked from the
        evidence of every theme it holds)."""
        link = self.links.get((edition_id, index))
        if link is None:
            link = self.links[(edition_id, index)] = sentence_link(self, edition_id, index)
        return link

    def statement(self, edition_id: str) -> Statement:
        return self.t.statement(edition_id)


def edition_row(t: Page, e: Edition) -> EditionRow:
    first = e.previous is None
    return EditionRow(
        anchor=edition_anchor(e),
        date=e.date or "undated",
        title=squash(e.title),
        series=(e.series or "").replace("_", "_\u200b"),
        words=f"{e.words:,}",
        from_previous=_fig(e.reuse_from_previous, "first edition" if first else "—"),
        from_earlier=_fig(e.reuse_from_earlier, "first statement" if e.order == 0 else "—"),
        same=_count(e.same),
        edited=_count(e.edited),
        new=_count(e.new),
        dropped=_count(e.dropped),
        formulaic=f"{e.formulaic_words:,}" if e.formulaic_words else "",
        sources=tuple(
            Link(
                f"{t.edition(s.id).date or ''} {short(t.edition(s.id).title, 40)}".strip(),
                t.href(s.id, edition_anchor(t.edition(s.id))),
                s.sentences,
            )
            if s.id in t.known
            else Link(s.id, "", s.sentences)
            for s in e.sources[:4]
        ),
        first=first,
        href=t.href(e.id, edition_anchor(e)),
    )


def sentence_link(t: Page, edition_id: str, index: int) -> Link:
    e = t.edition(edition_id)
    return Link(f"{e.date or e.id} #{index + 1}", t.href(edition_id, sentence_anchor(e, index)))


def edition_sentences(t: Page, e: Edition) -> EditionSentences:
    lines = []
    lineages = t.lineage_links
    for row in t.rows.get(e.id, ()):
        source = None
        if row.source is not None:
            source = (
                t.sentence_link(row.source, row.source_sentence or 0)
                if row.source in t.known
                else Link(f"{row.source} #{(row.source_sentence or 0) + 1}", "")
            )
        lineage = lineages.get(row.lineage)
        if lineage is None:
            lineage = lineages[row.lineage] = Link(row.lineage, t.lineage_href(row.lineage))
        themes = t.theme_labels.get(row.themes)
        if themes is None:
            themes = t.theme_labels[row.themes] = ", ".join(
                t.labels.get(theme, theme) for theme in row.themes
            )
        lines.append(
            SentenceLine(
                anchor=sentence_anchor(e, row.index),
                number=row.index + 1,
                text=row.text,
                cls=row.cls,
                label=CLASS_LABELS[row.cls],
                formulaic=row.formulaic,
                source=source,
                score=score_text(row.source_score) if row.source_score is not None else "",
                lineage=lineage,
                themes=themes,
            )
        )
    return EditionSentences(edition_anchor(e), e.date or "undated", squash(e.title), tuple(lines))


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, plural unless one.

    >>> plural(1, 'edition'), plural(1200, 'edition')
    ('1 edition', '1,200 editions')
    """
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _unchanged(step: Step) -> bool:
    """A later step with the same words as the one before (its text is not repeated)."""
    return step.kind != "new" and bool(step.ops) and all(op[0] == "equal" for op in step.ops)


def lineage_view(t: Page, line: Lineage, formulaic: set[tuple[str, int]]) -> LineageView:
    first, last = t.edition(line.steps[0].edition), t.edition(line.steps[-1].edition)
    if line.end == "dropped" and line.ended_in:
        end = f"dropped in {t.edition(line.ended_in).date or line.ended_in}"
    elif line.end == "merged" and line.ended_in:
        end = f"merged into another sentence in {t.edition(line.ended_in).date or line.ended_in}"
    else:
        end = "still in the latest edition"
    steps = tuple(
        StepView(
            link=t.sentence_link(step.edition, step.sentences[0]),
            kind="first appearance" if step.kind == "new" else step.kind,
            score="" if step.score is None else score_text(step.score),
            segments=() if _unchanged(step) else step_segments(step),
        )
        for step in line.steps
    )
    return LineageView(
        anchor=lineage_anchor(line.id),
        id=line.id,
        length=line.length,
        span=f"{first.date or first.id} to {last.date or last.id}",
        end=end,
        formulaic=any((s.edition, i) in formulaic for s in line.steps for i in s.sentences),
        steps=steps,
    )
