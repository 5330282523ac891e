"""One inline redline of a comparison: the new text in reading order, changes marked in place.

The view model shared by the HTML report's inline view, the Markdown export and the Word export.
Rows are read generically: any row with word opcodes and a change among them is shown word by
word (whatever its kind is called), a row with a new side only is inserted, a row with an old
side only is deleted, and a moved row (:data:`~policydrift.reports.compare.moves.MOVED_KINDS`)
appears twice: struck out at its old place (``move="away"``) and in full at its new place
(``move="here"``), the two linked by row number. Rows are numbered from 1, as in the table.

Order: the rows with a new side in the new text's order; deleted text (dropped rows, the old
places of moves) right after the last kept row that precedes it in the old text, so that each
side, read alone, is in its own order (which the Word export's accept/reject relies on).

With ``exact=True`` (the Word export), text that drift counts as unchanged but that differs
in case, punctuation or spacing is also marked, so that accepting every change gives the new
text and rejecting every change the old text, character for character.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from policydrift.compare.models import AlignedRow, Comparison
from policydrift.reports.compare.marks import KindClass, Segment
from policydrift.reports.compare.moves import MOVED_KINDS

JOIN = " "  # between the sentences of one side of a row, as the engine joins them


@dataclass(frozen=True)
class InlineRow(KindClass):
    """One alignment row (or the old place of a moved one) as a run of marked pieces.

    ``move`` is '' , 'here' (a moved sentence at its new place) or 'away' (its old place,
    struck out); ``partner`` is the anchor of the other place of a move.
    """

    number: int
    kind: str
    anchor: str
    pieces: tuple[Segment, ...]
    move: str = ""
    partner: str = ""
    old: tuple[int, ...] = ()
    new: tuple[int, ...] = ()
    reworded: bool = False  # the row's word opcodes change something

    @property
    def is_change(self) -> bool:
        return bool(self.move) or any(p.mark for p in self.pieces)

    @property
    def new_text(self) -> str:
        """What the row reads after accepting its changes (nothing for a moved-away place)."""
        return (
            "" if self.move == "away" else "".join(p.text for p in self.pieces if p.mark != "del")
        )

    @property
    def old_text(self) -> str:
        """What the row read before (nothing at the new place of a move)."""
        return (
            "" if self.move == "here" else "".join(p.text for p in self.pieces if p.mark != "ins")
        )


@dataclass(frozen=True)
class InlineParagraph:
    """A paragraph of the new text (or of dropped text between two of them)."""

    rows: tuple[InlineRow, ...]


@dataclass(frozen=True)
class InlineView:
    paragraphs: tuple[InlineParagraph, ...]

    @property
    def rows(self) -> tuple[InlineRow, ...]:
        return tuple(r for p in self.paragraphs for r in p.rows)


def build_inline(c: Comparison, *, exact: bool = False) -> InlineView:
    """The inline redline of ``c``, grouped in the new text's paragraphs.

    >>> from policydrift.compare import compare
    >>> from policydrift.corpus.models import Sentence, Statement
    >>> from policydrift.corpus.normalize import normalise_key
    >>> def st(*texts):
    ...     sents = [Sentence(k, t, normalise_key(t), 0, len(t), 0) for k, t in enumerate(texts)]
    ...     return Statement("x", "x", " ".join(texts), " ".join(texts), tuple(sents))
    >>> view = build_inline(compare(st("We act now.", "Threats grow."), st("Threats grow.", "We act today.")))
    >>> [(r.anchor, r.move, r.new_text) for r in view.rows]
    [('was-2', 'away', ''), ('row-1', '', 'Threats grow.'), ('row-2', 'here', 'We act today.')]
    >>> [(p.text, p.mark) for p in view.rows[2].pieces]
    [('We act ', ''), ('now', 'del'), ('today', 'ins'), ('.', '')]
    """
    rows = c.rows
    slot = {side: _slots(rows, side) for side in ("old", "new")}
    before: dict[int, list[tuple[int, int, int]]] = {}  # slot -> (0 old / 1 new, index, row)
    for p, row in enumerate(rows):
        if row.kind in MOVED_KINDS:
            for order, side in ((0, "old"), (1, "new")):
                mine = min(getattr(row, side))
                before.setdefault(slot[side](mine), []).append((order, mine, p))
        elif not row.new:
            before.setdefault(slot["old"](min(row.old)), []).append((0, min(row.old), p))
    lines: list[tuple[InlineRow, int | None]] = []
    for at in range(len(rows) + 1):
        for order, _, p in sorted(before.get(at, [])):
            moved = rows[p].kind in MOVED_KINDS
            if order == 1:
                lines.append((_row(c, p, exact, move="here"), _para(c, p)))
            elif moved:
                lines.append((_moved_away(c, p), None))
            else:
                lines.append((_row(c, p, exact), None))
        if at < len(rows) and rows[at].new and rows[at].kind not in MOVED_KINDS:
            lines.append((_row(c, at, exact), _para(c, at)))
    return InlineView(_paragraphs(lines))


def _slots(rows: tuple[AlignedRow, ...], side: str) -> Callable[[int], int]:
    """Where a sentence of ``side`` at index ``mine`` goes among the rows that stay in place:
    just after the last unmoved row holding an earlier sentence of that side (two-sided rows
    for the old side, any row with a new side for the new side), so each side reads in order.
    A bisection over the rows' largest indexes, with the latest such row kept per prefix."""
    anchors = sorted(
        (max(getattr(row, side)), q)
        for q, row in enumerate(rows)
        if row.kind not in MOVED_KINDS and getattr(row, side) and (side == "new" or row.new)
    )
    keys = [k for k, _ in anchors]
    latest: list[int] = []
    for _, q in anchors:
        latest.append(max(q, latest[-1]) if latest else q)

    def slot(mine: int) -> int:
        k = bisect_left(keys, mine)  # anchors[:k] hold only earlier sentences
        return latest[k - 1] + 1 if k else 0

    return slot


def _para(c: Comparison, p: int) -> int | None:
    new = c.rows[p].new
    return c.new.sentences[min(new)].paragraph if new else None


def _paragraphs(lines: list[tuple[InlineRow, int | None]]) -> tuple[InlineParagraph, ...]:
    """Cut the rows where the new text starts a paragraph; deleted rows stay where they fall."""
    out: list[list[InlineRow]] = []
    current: int | None = None
    for row, para in lines:
        if not out or (para is not None and current is not None and para != current):
            out.append([])
        if para is not None:
            current = para
        out[-1].append(row)
    return tuple(InlineParagraph(tuple(rows)) for rows in out)


def _texts(c: Comparison, row: AlignedRow, side: str) -> str:
    return JOIN.join(s.text for s in c.sentences(side, row))


def _moved_away(c: Comparison, p: int) -> InlineRow:
    """The old place of moved row ``p``: its old text, struck, linked to the row."""
    row = c.rows[p]
    text = _texts(c, row, "old")
    piece = Segment(text, "del")
    return InlineRow(p + 1, row.kind, f"was-{p + 1}", (piece,), "away", f"row-{p + 1}", row.old)


def _row(c: Comparison, p: int, exact: bool, *, move: str = "") -> InlineRow:
    row = c.rows[p]
    partner = f"was-{p + 1}" if move else ""
    anchor = f"row-{p + 1}"
    if row.old and row.new:
        if move and exact:  # the old words are restored at the old place, not here
            pieces: list[Segment] = [Segment(_texts(c, row, "new"), "ins")]
        elif row.ops and row.old_words is not None:
            pieces = list(row_pieces(row, exact=exact))
        else:
            pieces = [Segment(_texts(c, row, "new"))]
    elif row.new:
        pieces = [Segment(_texts(c, row, "new"), "ins")]
    else:
        pieces = [Segment(_texts(c, row, "old"), "del")]
    reworded = any(op[0] != "equal" for op in row.ops)
    return InlineRow(
        p + 1, row.kind, anchor, tuple(pieces), move, partner, row.old, row.new, reworded
    )


def row_pieces(row: AlignedRow, *, exact: bool = False) -> tuple[Segment, ...]:
    """The row's word opcodes as one run of pieces: deletions before insertions.

    Whitespace-only changes are shown as the new spacing, unmarked (HTML and Markdown would
    not show them); with ``exact``, every difference is marked, down to case and punctuation.

    >>> r = AlignedRow("edited", (0,), (0,), 80.0, (("equal", 0, 2, 0, 2), ("replace", 2, 3, 2, 3)),
    ...                ("We", " ", "go"), ("we", " ", "run"))
    >>> row_pieces(r)
    (Segment(text='we ', mark=''), Segment(text='go', mark='del'), Segment(text='run', mark='ins'))
    >>> row_pieces(r, exact=True)[:2]
    (Segment(text='We', mark='del'), Segment(text='we', mark='ins'))
    """
    old, new = row.old_words, row.new_words
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in row.ops:
        a, b = "".join(old[i1:i2]), "".join(new[j1:j2])
        if tag == "equal":
            out += _exact_pieces(old[i1:i2], new[j1:j2]) if exact and a != b else [Segment(b)]
        elif not exact and not a.strip() and not b.strip():
            out.append(Segment(b))
        else:
            out += [Segment(a, "del"), Segment(b, "ins")]
    return _merge(out)


def _exact_pieces(old: tuple[str, ...], new: tuple[str, ...]) -> list[Segment]:
    """Tokens equal up to folding, marked where their characters differ."""
    out: list[Segment] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(Segment("".join(new[j1:j2])))
        else:
            out += [Segment("".join(old[i1:i2]), "del"), Segment("".join(new[j1:j2]), "ins")]
    return out


def _merge(pieces: list[Segment]) -> tuple[Segment, ...]:
    """Drop empty pieces and join neighbours with the same mark (a deletion stays first)."""
    out: list[Segment] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].mark == piece.mark:
            out[-1] = Segment(out[-1].text + piece.text, piece.mark)
        elif (
            len(out) >= 2
            and piece.mark == "del"
            and out[-1].mark == "ins"
            and out[-2].mark == "del"
        ):
            out[-2] = Segment(out[-2].text + piece.text, "del")
        else:
            out.append(piece)
    return tuple(out)


def changed_words(row: InlineRow, mark: str) -> list[str]:
    """The runs of text a row deletes (``mark='del'``) or inserts (``'ins'``), trimmed.

    >>> changed_words(InlineRow(1, "edited", "row-1", (Segment("a "), Segment("b", "del"))), "del")
    ['b']
    """
    return [p.text.strip() for p in row.pieces if p.mark == mark and p.text.strip()]
