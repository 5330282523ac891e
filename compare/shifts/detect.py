"""Name the shifts of force inside changed sentence pairs, from their word diffs.

For each changed opcode of a row (``replace``, ``delete``, ``insert``), the markers of the
strength lexicon that touch the changed words are read on both sides, with the few unchanged
words around the change (:data:`WINDOW`) as context, so that "will [strive to] ensure" compares
"will strive to" with "will". Rules, in order:

1. The same marker (scale, grade and words) changed on both sides, anywhere in the row, did
   not change: it moved, or was rewritten around ("Support" -> "Consider supporting").
2. Negation: in a local change (each side at most :data:`LOCAL_WORDS` words), a negation added is
   ``negated``, removed ``affirmed``; it then speaks for the whole change.
3. Graded scales (commitment, necessity, stance, support): on each side, the grade of a scale
   is the lowest grade of its markers in the change and its context ("will seek to explore" is
   as weak as "explore"), none when it has no marker. A scale on both sides compares its
   grades; a scale lost on one side and another gained in its place compare across scales
   ("encourage" -> "require"); what remains compares with 0 (no marker). Intensity markers
   ("strongly", "urgent", "early conclusion") add their grades to the same comparison, or make
   their own when no other scale changed. Higher is ``strengthened``, lower ``softened``.
4. Hedges: a hedge added is ``hedged``, removed ``unhedged``.
5. A long change (more than :data:`LOCAL_WORDS` words on one side) is a clause: gained or lost
   whole when the other side has at most two words (``extended`` / ``trimmed``), in which case
   only commitment markers and negations count (a clause that commits, or pledges not to, was
   gained: ``strengthened``; lost: ``softened``) and hedges; a long change on both sides is a
   rewrite, not a shift.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from policydrift.compare.diff import is_word
from policydrift.compare.shifts.lexicon import Match, StrengthLexicon
from policydrift.compare.shifts.models import CHANGED_KINDS, Shift, ShiftReport

if TYPE_CHECKING:
    from policydrift.compare.models import AlignedRow, Comparison

WINDOW = 3  # unchanged words on each side of a change read as its context...
CLAUSE_BREAK = frozenset(",;:.!?()[]—")  # ... within the same clause
LOCAL_WORDS = 8  # a change with more words than this on one side is a clause
CLAUSE_OTHER_SIDE = 2  # ... gained or lost whole when the other side has at most this many
GRADED = ("graded",)
MEMO_TEXTS = 4096  # row sides whose markers are remembered (a few MB at most)


@dataclass(frozen=True)
class _Marker:
    """A lexicon match placed on the tokens of one side of a row."""

    match: Match
    text: str
    first: int  # first token index
    last: int  # last token index + 1

    @property
    def key(self) -> tuple[str, int, tuple[str, ...]]:
        """What makes two markers the same: scale, grade and the words' first five letters
        ("Support" and "supporting" are the same marker; "strongly" and "early" are not)."""
        return (self.match.scale, self.match.grade, tuple(w[:5] for w in self.text.lower().split()))


def detect_shifts(comparison: Comparison, lexicon: StrengthLexicon) -> ShiftReport:
    """The shifts of every row of a comparison (rows of other kinds get none).

    >>> from policydrift.compare.models import AlignedRow
    >>> from policydrift.compare.diff import tokenize, word_opcodes
    >>> from policydrift.compare.shifts.lexicon import load_strength
    >>> old, new = tokenize("We will strive to ensure it."), tokenize("We will ensure it.")
    >>> row = AlignedRow("edited", (0,), (0,), 80.0, tuple(word_opcodes(old, new)), tuple(old), tuple(new))
    >>> [(s.scale, s.direction, s.old_words, s.new_words) for s in row_shifts(row, load_strength())]
    [('commitment', 'strengthened', 'will strive to', 'will')]
    """
    return ShiftReport(
        rows=tuple(tuple(row_shifts(row, lexicon)) for row in comparison.rows),
        lexicon=lexicon.describe(),
    )


def row_shifts(row: AlignedRow, lexicon: StrengthLexicon) -> list[Shift]:
    """The shifts inside one aligned row, in reading order (none unless its kind changed words)."""
    if row.kind not in CHANGED_KINDS or not row.old or not row.new:
        return []
    old = _markers(row.old_words, lexicon)
    new = _markers(row.new_words, lexicon)
    changes = [op for op in row.ops if op[0] != "equal"]
    touched_old = [m for m in old if any(_overlaps(m, op[1], op[2]) for op in changes)]
    touched_new = [m for m in new if any(_overlaps(m, op[3], op[4]) for op in changes)]
    moved = Counter(m.key for m in touched_old) & Counter(m.key for m in touched_new)
    live_old = _drop_moved(touched_old, moved)
    live_new = _drop_moved(touched_new, moved)
    if not live_old and not live_new:  # no marker changed: no rule below finds a shift
        return []
    shifts: list[Shift] = []
    for k, op in enumerate(row.ops):
        if op[0] == "equal":
            continue
        _, i1, i2, j1, j2 = op
        o_lo, o_hi = _window(row.old_words, row.ops, k, i1, i2, side=0)
        n_lo, n_hi = _window(row.new_words, row.ops, k, j1, j2, side=1)
        context = (
            [m for m in old if m.first < o_hi and o_lo < m.last],
            [m for m in new if m.first < n_hi and n_lo < m.last],
        )
        live = (
            [m for m in live_old if _overlaps(m, i1, i2)],
            [m for m in live_new if _overlaps(m, j1, j2)],
        )
        words = (_count_words(row.old_words, i1, i2), _count_words(row.new_words, j1, j2))
        shifts += _op_shifts(live, context, words, lexicon)
    return shifts


def _op_shifts(live, context, words, lexicon) -> list[Shift]:
    old_words, new_words = words
    local = max(old_words, new_words) <= LOCAL_WORDS
    trimmed = not local and new_words <= CLAUSE_OTHER_SIDE
    extended = not local and old_words <= CLAUSE_OTHER_SIDE
    if not (local or trimmed or extended):
        return []  # a rewrite
    kind = {s.id: s.kind for s in lexicon.scales}
    out: list[Shift] = []
    hedges = [[m for m in side if kind[m.match.scale] == "hedge"] for side in live]
    negations = [[m for m in side if kind[m.match.scale] == "negation"] for side in live]
    if local and (negations[0] or negations[1]) and not (negations[0] and negations[1]):
        direction = "negated" if negations[1] else "affirmed"
        out.append(_shift(negations[0] or negations[1], direction, negations[0], negations[1]))
    elif trimmed or extended:
        side = 0 if trimmed else 1
        lost = [m for m in live[side] if kind[m.match.scale] == "negation"]
        lost += [m for m in live[side] if m.match.scale == "commitment" and m.match.grade > 0]
        if lost:
            lost.sort(key=lambda m: m.first)
            direction = "softened" if trimmed else "strengthened"
            pair = (lost, []) if trimmed else ([], lost)
            out.append(_shift(lost, direction, *pair))
    else:
        out += _graded_shifts(live, context, kind)
    for side, direction in ((1, "hedged"), (0, "unhedged")):
        if hedges[side] and not hedges[1 - side]:
            pair = (hedges[0], []) if side == 0 else ([], hedges[1])
            out.append(_shift(hedges[side], direction, *pair))
    return out


def _graded_shifts(live, context, kind) -> list[Shift]:
    active = [
        s for s in dict.fromkeys(m.match.scale for side in live for m in side)
        if kind[s] == "graded"
    ]  # fmt: skip
    grades: list[dict[str, tuple[int, list[_Marker]]]] = []
    for side in context:
        by_scale: dict[str, tuple[int, list[_Marker]]] = {}
        for scale in active:
            found = [m for m in side if m.match.scale == scale]
            if found:
                by_scale[scale] = (min(m.match.grade for m in found), found)
        grades.append(by_scale)
    comparisons: list[tuple[str, int, list[_Marker], list[_Marker]]] = []
    live_scales = [{m.match.scale for m in side} for side in live]
    # lost: changed on the old side only; gained: changed on the new side only (each the
    # other's mirror, so that a pair read backwards gives the same shifts, flipped)
    lost = [s for s in active if s in live_scales[0] and s not in live_scales[1]]
    gained = [s for s in active if s in live_scales[1] and s not in live_scales[0]]
    pairs = list(zip(lost, gained, strict=False))
    paired = {s for pair in pairs for s in pair}
    for scale in active:
        if scale not in paired and scale in grades[0] and scale in grades[1]:
            (g_old, m_old), (g_new, m_new) = grades[0][scale], grades[1][scale]
            comparisons.append((scale, g_new - g_old, m_old, m_new))
    for a, b in pairs:
        (g_old, m_old), (g_new, m_new) = grades[0][a], grades[1][b]
        delta = g_new - g_old
        comparisons.append((b if delta > 0 else a, delta, m_old, m_new))
    for scale in active:
        if scale in paired:
            continue
        if scale in grades[0] and scale not in grades[1]:
            g_old, m_old = grades[0][scale]
            comparisons.append((scale, -g_old, m_old, []))
        elif scale in grades[1] and scale not in grades[0]:
            g_new, m_new = grades[1][scale]
            comparisons.append((scale, g_new, [], m_new))
    intensity = [[m for m in side if kind[m.match.scale] == "intensity"] for side in context]
    touched = any(kind[m.match.scale] == "intensity" for side in live for m in side)
    delta_i = sum(m.match.grade for m in intensity[1]) - sum(m.match.grade for m in intensity[0])
    if touched and delta_i:
        if comparisons:
            scale, delta, m_old, m_new = comparisons[0]
            comparisons[0] = (scale, delta + delta_i, m_old + intensity[0], m_new + intensity[1])
        else:
            comparisons.append(("intensity", delta_i, intensity[0], intensity[1]))
    out = []
    for scale, delta, m_old, m_new in comparisons:
        if delta:
            direction = "strengthened" if delta > 0 else "softened"
            out.append(_shift_on(scale, direction, m_old, m_new))
    return out


def _shift(markers: list[_Marker], direction: str, old: list[_Marker], new: list[_Marker]) -> Shift:
    return _shift_on(markers[0].match.scale, direction, old, new)


def _shift_on(scale: str, direction: str, old: list[_Marker], new: list[_Marker]) -> Shift:
    def words(markers: list[_Marker]) -> tuple[str, tuple[int, int] | None]:
        ordered = sorted(set(markers), key=lambda m: m.first)
        text = ""
        for k, m in enumerate(ordered):
            if m.text in text:
                continue
            adjacent = k and m.first <= ordered[k - 1].last + 1  # one separator between
            text += (" " if adjacent else " \u2026 ") + m.text if text else m.text
        span = (ordered[0].first, max(m.last for m in ordered)) if ordered else None
        return text, span

    (old_text, old_span), (new_text, new_span) = words(old), words(new)
    return Shift(scale, direction, old_text, new_text, old_span, new_span)


def _markers(tokens: tuple[str, ...], lexicon: StrengthLexicon) -> tuple[_Marker, ...]:
    """The markers of one side of a row; the latest :data:`MEMO_TEXTS` sides are remembered:
    a sentence edited in one edition of a series is often edited again in a later one, where
    it is the old side, and a timeline then reads it once."""
    return _remembered(tokens, _Reader.of(lexicon))


class _Reader:
    """A lexicon as a memo key: hashed by identity (hashing the lexicon's content would cost
    more than reading a sentence), one per lexicon while it is the latest one used."""

    _latest: _Reader | None = None

    def __init__(self, lexicon: StrengthLexicon) -> None:
        self.lexicon = lexicon

    @classmethod
    def of(cls, lexicon: StrengthLexicon) -> _Reader:
        reader = cls._latest
        if reader is None or reader.lexicon is not lexicon:
            reader = cls._latest = cls(lexicon)
        return reader


@lru_cache(maxsize=MEMO_TEXTS)
def _remembered(tokens: tuple[str, ...], reader: _Reader) -> tuple[_Marker, ...]:
    return _find_markers(tokens, reader.lexicon)


def forget() -> None:
    """Drop the markers kept for the next rows (:func:`_markers`)."""
    _remembered.cache_clear()


def _find_markers(tokens: tuple[str, ...], lexicon: StrengthLexicon) -> tuple[_Marker, ...]:
    text = "".join(tokens)
    if not text:
        return ()
    starts = [0, *accumulate(len(t) for t in tokens)]
    out = []
    for m in lexicon.find(text):
        first = bisect_right(starts, m.start) - 1
        last = bisect_right(starts, m.end - 1)
        out.append(_Marker(m, " ".join(text[m.start : m.end].split()), first, last))
    return tuple(out)


def _overlaps(m: _Marker, lo: int, hi: int) -> bool:
    if lo == hi:  # an empty side of an insert/delete touches nothing
        return False
    return m.first < hi and lo < m.last


def _drop_moved(markers: list[_Marker], moved: Counter) -> list[_Marker]:
    left = Counter(moved)
    kept = []
    for m in markers:
        if left[m.key] > 0:
            left[m.key] -= 1
        else:
            kept.append(m)
    return kept


def _window(tokens, ops, k: int, lo: int, hi: int, *, side: int) -> tuple[int, int]:
    """The token range of change ``k`` widened by up to :data:`WINDOW` words of the unchanged
    runs just before and after it, not past a punctuation mark that ends a clause."""
    start_idx, end_idx = (1, 2) if side == 0 else (3, 4)
    if k > 0 and ops[k - 1][0] == "equal":
        floor, count = ops[k - 1][start_idx], 0
        while lo > floor and count < WINDOW and not CLAUSE_BREAK & set(tokens[lo - 1]):
            lo -= 1
            count += is_word(tokens[lo])
    if k + 1 < len(ops) and ops[k + 1][0] == "equal":
        ceiling, count = ops[k + 1][end_idx], 0
        while hi < ceiling and count < WINDOW and not CLAUSE_BREAK & set(tokens[hi]):
            count += is_word(tokens[hi])
            hi += 1
    return lo, hi


def _count_words(tokens: tuple[str, ...], lo: int, hi: int) -> int:
    return sum(1 for t in tokens[lo:hi] if is_word(t))
