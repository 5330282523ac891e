"""Word-level marks of a row, cut back into its sentences.

A row's opcodes index the tokens of a side's sentences joined together; the report shows one
block per sentence, so the marked runs are cut at the sentence boundaries here. Joining the
runs of a sentence always gives back its exact text.
"""

from __future__ import annotations

from dataclasses import dataclass

from policydrift.compare.models import AlignedRow


@dataclass(frozen=True)
class Segment:
    """A run of text inside a sentence; ``mark`` is '' (unchanged), 'del' or 'ins'."""

    text: str
    mark: str = ""


class KindClass:
    """For view models of a row ``kind``: :attr:`css_kind`, the kind as a class-name-safe token
    (``moved+edited`` -> ``moved-edited``) for the templates' ``k-...`` classes."""

    kind: str

    @property
    def css_kind(self) -> str:
        return self.kind.replace("+", "-")


def side_segments(row: AlignedRow, side: str) -> list[Segment]:
    """One side's tokens as runs of unchanged / deleted (old) or inserted (new) text.

    Whitespace-only changes are shown unmarked: HTML collapses white space, so a mark
    there would highlight nothing visible.
    """
    tokens = row.old_words if side == "old" else row.new_words
    changed = "del" if side == "old" else "ins"
    runs: list[Segment] = []
    for tag, i1, i2, j1, j2 in row.ops:
        lo, hi = (i1, i2) if side == "old" else (j1, j2)
        text = "".join(tokens[lo:hi])
        if not text:
            continue
        mark = "" if tag == "equal" or not text.strip() else changed
        if runs and runs[-1].mark == mark:
            runs[-1] = Segment(runs[-1].text + text, mark)
        else:
            runs.append(Segment(text, mark))
    return runs


def split_by_sentence(runs: list[Segment], texts: list[str]) -> list[list[Segment]] | None:
    """Cut a side's runs at sentence boundaries; None when the texts cannot be found in order.

    The engine joins a side's sentences with separators before tokenising, so each sentence
    is located in the joined text, in order, and the separators between them are dropped.
    """
    joined = "".join(seg.text for seg in runs)
    if len(texts) == 1 and joined == texts[0]:  # one sentence, nothing to cut
        return [[Segment(seg.text, seg.mark) for seg in runs if seg.text]]
    spans = []
    pos = 0
    for text in texts:
        start = joined.find(text, pos)
        if start < 0 or joined[pos:start].strip():
            return None
        spans.append((start, start + len(text)))
        pos = start + len(text)
    if joined[pos:].strip():
        return None
    result: list[list[Segment]] = [[] for _ in texts]
    offset = 0
    for seg in runs:
        seg_end = offset + len(seg.text)
        for k, (start, end) in enumerate(spans):
            lo, hi = max(start, offset), min(end, seg_end)
            if lo < hi:
                result[k].append(Segment(seg.text[lo - offset : hi - offset], seg.mark))
        offset = seg_end
    return result
