"""View models of a comparison report, built from a comparison (the dataclasses: ``models.py``).

Everything the page shows is decided here, from a :class:`policydrift.compare.models.Comparison`, and
nothing here builds HTML: the templates turn these values into markup with autoescaping on.
Rows are numbered from 1, as printed in the HTML report and the CSV ``row`` column.
"""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING

from policydrift import __version__
from policydrift.compare.models import BANDS, KINDS, POSSIBLE, AlignedRow, Comparison
from policydrift.corpus.models import Statement
from policydrift.reports.compare.marks import Segment, side_segments, split_by_sentence
from policydrift.reports.compare.models import (
    KindCount,
    PassageView,
    ReportView,
    RowView,
    SentenceView,
    StatementView,
)
from policydrift.reports.compare.moves import MOVED_KINDS, ghost_places
from policydrift.reports.compare.shifts_view import (
    build_shift_panel,
    row_chips,
)

if TYPE_CHECKING:
    pass

LABELS = {
    "same": "same",
    "edited": "edited",
    "trimmed": "trimmed",
    "extended": "extended",
    "reworded": "reworded",
    "moved": "moved",
    "moved+edited": "moved + edited",
    "split": "split",
    "merged": "merged",
    "new": "new",
    "dropped": "dropped",
}

UP, DOWN = "\u2191", "\u2193"  # the arrow of a moved row points at its ghost, and back

MEANINGS = {
    "same": "The same words in both, ignoring case, punctuation and spacing.",
    "edited": "Kept but revised: removed words are struck through, added words underlined.",
    "trimmed": "The old sentence with words cut (a clause or phrase left out), little else changed.",
    "extended": "The old sentence with words added (a clause or phrase put in), little else changed.",
    "reworded": "The same point in mostly other words: linked on meaning, in its place in the "
    "text, and each other's best match; check it.",
    "moved": "The same sentence at another place; a grey line at its old place links to it.",
    "moved+edited": "Moved to another place and reworded.",
    "split": "One old sentence became several consecutive new sentences.",
    "merged": "Several consecutive old sentences became one new sentence.",
    "new": "Only in the new statement: added.",
    "dropped": "Only in the old statement: removed.",
}


# Kinds that are not a rewording in place; any other two-sided kind is (edited, and kinds
# added later such as trimmed or reworded), which the "edited only" preset shows.
NOT_EDITED = ("same", "split", "merged", "new", "dropped", *MOVED_KINDS)


def percent(share: float) -> str:
    """A 0-1 share as a percentage rounded down to 0.1, so 99.96% never reads as 100%.

    >>> percent(0.293), percent(0.99996), percent(1.0)
    ('29.3%', '99.9%', '100.0%')
    """
    return f"{math.floor(round(share * 1000, 6)) / 10:.1f}%"


def score_text(score: float | None) -> str:
    """A score rounded down to 0.1 (a pair just under the threshold never shows as equal).

    >>> score_text(59.999), score_text(100.0), score_text(None)
    ('59.9', '100.0', '')
    """
    if score is None:
        return ""
    return f"{math.floor(round(score * 10, 6)) / 10:.1f}"


def number(value: float) -> str:
    """An option value without a useless ``.0``.

    >>> number(60.0), number(72.5)
    ('60', '72.5')
    """
    return f"{value:g}"


def same_text(c: Comparison) -> bool:
    """Whether both statements have exactly the same sentence texts, character for character."""
    return [s.text for s in c.old.sentences] == [s.text for s in c.new.sentences]


def build_report(
    comparison: Comparison, *, generated: str | None = None, notes: tuple[str, ...] = ()
) -> ReportView:
    """The view model of the compare report; ``notes`` are shown under the verdict."""
    from policydrift.reports.compare.sections_view import section_views
    from policydrift.reports.redline.inline import build_inline
    from policydrift.reports.redline.summary import build_summary
    from policydrift.reports.tables import spelling_note

    c = comparison
    if c.figures.spelling_hidden:
        notes = (*notes, spelling_note(c.figures.spelling_hidden))
    inline = build_inline(c)
    themes = _sentence_themes(c)
    row_of = rows_of_sentences(c)
    rows = _table(c, themes, row_of, _row_passages(c, row_of))
    counts = {kind: 0 for kind in KINDS}
    for row in c.rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    total = len(c.rows)
    kinds = tuple(
        KindCount(
            kind,
            LABELS.get(kind, kind),
            MEANINGS.get(kind, ""),
            counts[kind],
            f"{100 * counts[kind] / total:.4f}%" if total else "0%",
        )
        for kind in counts
    )
    passages = tuple(
        PassageView(
            p.words,
            p.text,
            tuple(sorted({row_of["old"][i] for i in p.old_sentences if i in row_of["old"]})),
            tuple(sorted({row_of["new"][i] for i in p.new_sentences if i in row_of["new"]})),
        )
        for p in c.passages
    )
    return ReportView(
        old=_statement_view("old", c.old, c.figures.old_words),
        new=_statement_view("new", c.new, c.figures.new_words),
        rows=rows,
        kinds=kinds,
        total_rows=total,
        changed_rows=sum(1 for row in c.rows if row.kind != "same"),
        identical=c.figures.identical,
        identical_text=c.figures.identical and same_text(c),
        nothing_aligned=bool(c.rows) and not any(row.old and row.new for row in c.rows),
        new_reused=percent(c.figures.new_reused_share),
        old_retained=percent(c.figures.old_retained_share),
        scorer=c.options.scorer,
        threshold=number(c.options.threshold),
        split_threshold=number(c.options.split_threshold),
        min_passage_words=c.options.min_passage_words,
        limit_notes=c.limit_notes,
        passages=passages,
        bands=tuple((name, sum(1 for r in c.rows if r.band == name)) for name, _ in BANDS),
        generated=generated,
        version=__version__,
        sections=section_views(c),
        notes=notes,
        shifts=build_shift_panel(c),
        inline=inline,
        story=build_summary(c, inline),
        edited_kinds=tuple(
            k.kind for k in kinds if k.count and k.kind not in NOT_EDITED and "moved" not in k.kind
        ),
    )


def _statement_view(side: str, s: Statement, words: int) -> StatementView:
    source = s.source or ""
    url = source if source.startswith(("https://", "http://")) else ""
    return StatementView(
        side=side,
        title=s.title or s.id,
        date=s.date or "",
        date_source=s.date_source or "",
        series=s.series or "",
        source=source,
        source_url=url,
        file_name=os.path.basename(s.path) or s.path,
        path=s.path,
        encoding=s.encoding,
        sentences=len(s.sentences),
        words=words,
        furniture=s.furniture,
    )


def _sentence_themes(c: Comparison) -> dict[str, dict[int, str]]:
    """Theme ids per sentence, as space-separated strings, when theme detection ran."""
    found = getattr(c.themes, "sentence_themes", None) if c.themes is not None else None
    result: dict[str, dict[int, str]] = {"old": {}, "new": {}}
    if not found:
        return result
    for side in ("old", "new"):
        for index, ids in (found.get(side) or {}).items():
            if ids:
                result[side][int(index)] = " ".join(str(i) for i in ids)
    return result


def rows_of_sentences(c: Comparison) -> dict[str, dict[int, int]]:
    """Row number (1-based) holding each sentence, per side."""
    found: dict[str, dict[int, int]] = {"old": {}, "new": {}}
    for n, row in enumerate(c.rows, start=1):
        for i in row.old:
            found["old"].setdefault(i, n)
        for i in row.new:
            found["new"].setdefault(i, n)
    return found


PASSAGE_WORDS = 24
"""Words of a shared passage quoted on a row (the whole passage is in the list at the end)."""


def _row_passages(c: Comparison, row_of: dict[str, dict[int, int]]) -> dict[int, tuple[str, ...]]:
    """Notes for the rows that hold one side of a shared passage whose other side sits in
    another row (a clause lifted into a new sentence, a cut shown as dropped + new), by row
    number: e.g. ``shares 15 words with row 7: "..."``."""
    notes: dict[int, list[str]] = {}
    for p in c.passages:
        old_rows = sorted({row_of["old"][i] for i in p.old_sentences if i in row_of["old"]})
        new_rows = sorted({row_of["new"][i] for i in p.new_sentences if i in row_of["new"]})
        words = p.text.split()
        quote = " ".join(words[:PASSAGE_WORDS]) + (" ..." if len(words) > PASSAGE_WORDS else "")
        for mine, theirs in ((old_rows, new_rows), (new_rows, old_rows)):
            others = [n for n in theirs if n not in mine]
            if not others:
                continue
            where = ", ".join(str(n) for n in others)
            label = "row" if len(others) == 1 else "rows"
            for n in mine:
                notes.setdefault(n, []).append(
                    f"shares {p.words} words with {label} {where}: \u201c{quote}\u201d"
                )
    return {n: tuple(v) for n, v in notes.items()}


def _table(
    c: Comparison,
    themes: dict[str, dict[int, str]],
    row_of: dict[str, dict[int, int]],
    passages: dict[int, tuple[str, ...]],
) -> tuple[RowView, ...]:
    """The table lines in order: every alignment row, plus a ghost for each moved row."""
    places = ghost_places(c.rows)
    ghosts: dict[int, list[tuple[int, int]]] = {}  # slot -> [(sentence index, row position)]
    for p, (side, slot) in places.items():
        ghosts.setdefault(slot, []).append((min(getattr(c.rows[p], side)), p))
    # A ghost at slot s stands just before row s: below its moved row p exactly when s > p.
    down = {p: slot > p for p, (_, slot) in places.items()}
    lines: list[RowView] = []
    for slot in range(len(c.rows) + 1):
        for _, p in sorted(ghosts.get(slot, [])):
            lines.append(_ghost(c, p + 1, places[p][0], themes, UP if down[p] else DOWN))
        if slot < len(c.rows):
            arrow = (DOWN if down[slot] else UP) if slot in down else ""
            lines.append(
                _row(c, slot + 1, c.rows[slot], themes, arrow, row_of, passages.get(slot + 1, ()))
            )
    return tuple(lines)


def _row(
    c: Comparison,
    n: int,
    row: AlignedRow,
    themes: dict[str, dict[int, str]],
    arrow: str = "",
    row_of: dict[str, dict[int, int]] | None = None,
    passages: tuple[str, ...] = (),
) -> RowView:
    old, new = _cells(c, row, themes)
    group = ""
    if row.kind == "split":
        group = f"1 old sentence became {len(row.new)} new"
    elif row.kind == "merged":
        group = f"{len(row.old)} old sentences became 1 new"
    closest = closest_link = ""
    if row.closest is not None and row_of is not None:
        other = row_of["new" if row.old else "old"].get(row.closest)
        if other is not None:
            closest = closest_note(row, other, c.options.scorer)
            closest_link = f"row-{other}"
    return RowView(
        number=n,
        anchor=f"row-{n}",
        kind=row.kind,
        label=LABELS.get(row.kind, row.kind),
        score=score_text(row.score),
        old=old,
        new=new,
        is_change=row.kind != "same",
        link=f"was-{n}" if row.kind in MOVED_KINDS else "",
        arrow=arrow if row.kind in MOVED_KINDS else "",
        group=group,
        weight=_weight(old, new),
        shifts=row_chips(c, n - 1),
        band=row.band,
        closest=closest,
        closest_link=closest_link,
        passages=passages,
    )


def closest_note(row: AlignedRow, other: int, scorer: str) -> str:
    """What a dropped or new row says of its closest counterpart (row ``other``): *possibly*
    restated there when the similarity model gives it :data:`POSSIBLE` or more.

    >>> r = AlignedRow("dropped", (3,), (), None, closest=5, closest_score=41.5)
    >>> closest_note(r, 7, "model"), closest_note(r, 7, "ratio")
    ('possibly restated as row 7 (confidence 41.5)', 'closest: row 7, score 41.5')
    """
    score = score_text(row.closest_score)
    if scorer == "model" and (row.closest_score or 0) >= POSSIBLE:
        where = "as" if row.old else "from"
        return f"possibly restated {where} row {other} (confidence {score})"
    return f"closest: row {other}, score {score}"


def _weight(*cells: tuple[SentenceView, ...]) -> int:
    """A row's rough height in lines of text, for the proportional minimap."""
    chars = [sum(len(seg.text) for s in cell for seg in s.segments) for cell in cells]
    return 1 + max(chars, default=0) // 60


def _ghost(
    c: Comparison, n: int, side: str, themes: dict[str, dict[int, str]], arrow: str
) -> RowView:
    """The line at the other position of moved row ``n``: its ``side`` dimmed, and a link."""
    row = c.rows[n - 1]
    sentences = tuple(
        SentenceView(side, i, (Segment(s.text),), themes[side].get(i, ""))
        for i, s in zip(getattr(row, side), c.sentences(side, row), strict=True)
    )
    return RowView(
        number=n,
        anchor=f"was-{n}",
        kind=row.kind,
        label=LABELS.get(row.kind, row.kind),
        score="",
        old=sentences if side == "old" else (),
        new=sentences if side == "new" else (),
        is_change=True,
        ghost=side,
        link=f"row-{n}",
        arrow=arrow,
        band=row.band,
    )


def _cells(
    c: Comparison, row: AlignedRow, themes: dict[str, dict[int, str]]
) -> tuple[tuple[SentenceView, ...], tuple[SentenceView, ...]]:
    """Both cells of a row, with word marks where the row carries opcodes."""
    cells = []
    for side in ("old", "new"):
        texts = [s.text for s in c.sentences(side, row)]
        indexes = getattr(row, side)
        tokens = row.old_words if side == "old" else row.new_words
        marked = side_segments(row, side) if row.ops and tokens else None
        split = split_by_sentence(marked, texts) if marked is not None else None
        if split is None:
            split = [[Segment(t)] if t else [] for t in texts]
        cells.append(
            tuple(
                SentenceView(side, i, tuple(segs), themes[side].get(i, ""))
                for i, segs in zip(indexes, split, strict=True)
            )
        )
    return cells[0], cells[1]
