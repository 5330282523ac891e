"""Machine-readable outputs of ``drift compare`` (JSON, CSV) and its terminal summary.

The JSON schema is documented in ``docs/schema.md``; ``SCHEMA_VERSION`` changes whenever a
field changes meaning or disappears. Keys come in a fixed order, so the same comparison
always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import json
import os
import textwrap
from collections.abc import Iterator
from typing import Any

from policydrift.compare.models import KINDS, AlignedRow, Comparison
from policydrift.corpus.models import Statement
from policydrift.corpus.records import fields_of
from policydrift.reports.compare.view import (
    LABELS,
    number,
    percent,
    rows_of_sentences,
    same_text,
)
from policydrift.reports.csv_cells import csv_text

SCHEMA_VERSION = 1
IDENTICAL = "The two statements are identical."
SAME_WORDS = (
    "The two statements have the same words in the same order "
    "(they differ only in case, punctuation or spacing)."
)
NOTHING_ALIGNED = "No sentence of the old statement was matched in the new one."
CSV_COLUMNS = (
    "row",
    "kind",
    "old",
    "new",
    "old_text",
    "new_text",
    "score",
    "removed",
    "added",
    "section",
    "shift_directions",
    "shifts",
    "band",
    "closest_row",
    "closest_score",
)


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data, keys in the documented order."""
    counts = {kind: c.figures.counts.get(kind, 0) for kind in KINDS}
    counts.update({k: v for k, v in sorted(c.figures.counts.items()) if k not in counts})
    row_of = rows_of_sentences(c)
    return {
        "schema": SCHEMA_VERSION,
        "tool": "drift",
        "old": _statement(c.old),
        "new": _statement(c.new),
        "rows": [
            {
                "kind": row.kind,
                "old": list(row.old),
                "new": list(row.new),
                "score": row.score,
                "band": row.band or None,
                "closest": _closest(row, row_of),
                "ops": [list(op) for op in row.ops],
                "old_words": list(row.old_words),
                "new_words": list(row.new_words),
                "shifts": [shift.to_dict() for shift in row_shifts],
            }
            for row, row_shifts in zip(c.rows, _row_shifts(c), strict=True)
        ],
        "passages": [
            {
                "words": p.words,
                "text": p.text,
                "old_start": p.old_start,
                "old_end": p.old_end,
                "new_start": p.new_start,
                "new_end": p.new_end,
                "old_sentences": list(p.old_sentences),
                "new_sentences": list(p.new_sentences),
            }
            for p in c.passages
        ],
        "figures": {
            "old_words": c.figures.old_words,
            "new_words": c.figures.new_words,
            "new_reused_share": c.figures.new_reused_share,
            "old_retained_share": c.figures.old_retained_share,
            "counts": counts,
            "identical": c.figures.identical,
            "spelling_hidden": c.figures.spelling_hidden,
            "shifts": None if c.shifts is None else c.shifts.counts(),
        },
        "sections": [
            {
                "kind": s.kind,
                "old": s.old,
                "new": s.new,
                "old_title": s.old_title,
                "new_title": s.new_title,
                "new_rows": s.new_rows,
                "dropped_rows": s.dropped_rows,
                "edited_rows": s.edited_rows,
            }
            for s in c.sections
        ],
        "options": {
            "scorer": c.options.scorer,
            "threshold": c.options.threshold,
            "split_threshold": c.options.split_threshold,
            "min_passage_words": c.options.min_passage_words,
            "fold_spelling": c.options.fold_spelling,
            "semantic": c.options.semantic,
            "semantic_model": c.options.semantic_model,
        },
        "themes": _themes(c.themes),
        "strength_lexicon": None if c.shifts is None else c.shifts.lexicon,
        **({"limits": _limits(c)} if c.limit_notes else {}),
    }


def _limits(c: Comparison) -> dict[str, Any]:
    """The limits the comparison hit (only present when one was): counts and sentences."""
    from policydrift.compare.pair_cap import PAIR_CAP
    from policydrift.compare.passages import MATCH_CAP

    return {
        "pair_cap": PAIR_CAP,
        "capped_sentences": c.capped_sentences,
        "passage_match_cap": MATCH_CAP,
        "capped_passage_words": c.capped_passage_words,
        "notes": list(c.limit_notes),
    }


def _row_shifts(c: Comparison) -> tuple[tuple[Any, ...], ...]:
    """Each row's shifts (empty tuples when no strength lexicon ran)."""
    return c.shifts.rows if c.shifts is not None else ((),) * len(c.rows)


def _closest(row: AlignedRow, row_of: dict[str, dict[int, int]]) -> dict[str, Any] | None:
    """A new/dropped row's closest counterpart: the other side's sentence, its row, the score."""
    if row.closest is None:
        return None
    side = "new" if row.old else "old"
    return {
        "side": side,
        "sentence": row.closest,
        "row": row_of[side].get(row.closest),
        "score": row.closest_score,
    }


def _statement(s: Statement) -> dict[str, Any]:
    header = ("id", "title", "date", "date_source", "series", "source", "path", "encoding")
    return {
        **fields_of(s, *header),
        "sentences": [
            {
                **fields_of(x, "index", "text", "start", "end", "paragraph"),
                "section": None if x.section is None else s.sections[x.section].title,
                "section_index": x.section,
            }
            for x in s.sentences
        ],
        "sections": [fields_of(h, "index", "title", "level", "start", "end") for h in s.sections],
        "furniture": [fields_of(f, "text", "start", "end", "reason") for f in s.furniture],
    }


def _themes(themes: Any) -> Any:
    """Theme results as JSON data: null when no lexicon ran."""
    if themes is None:
        return None
    from policydrift.compare.themes.models import ThemeComparison
    from policydrift.reports.themes_json import themes_dict

    if isinstance(themes, ThemeComparison):
        return themes_dict(themes)
    if dataclasses.is_dataclass(themes) and not isinstance(themes, type):
        return dataclasses.asdict(themes)
    msg = f"cannot write theme results of type {type(themes).__name__} as JSON"
    raise TypeError(msg)


def comparison_to_json(c: Comparison) -> str:
    """The comparison as JSON text: UTF-8 characters kept, 2-space indent, final newline."""
    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def comparison_to_csv(c: Comparison, *, raw: bool = False) -> str:
    """One line per alignment row: row (1-based, as in the HTML), kind, indexes, texts, score,
    and the words the row removes and adds.

    One type per column, so that pandas and spreadsheets read every line alike: ``old`` and
    ``new`` are 0-based sentence indexes (as in the JSON) written as a JSON list, always text
    (``[3]``, ``[3,4]``, ``[]``); a side's sentences are joined by one space; ``score`` is a
    float, empty when the row has none (new, dropped); ``removed`` and ``added`` are the runs
    of words struck and inserted (a whole sentence for dropped and new rows) as a JSON list of
    strings, so that a changed year stays text (``["2022"]``, ``[]``), then the band
    (empty for new and dropped rows) and, for a new or dropped row, the row number and score of
    the closest counterpart on the other side (empty when there is none).
    Cells that a spreadsheet would run as a formula are neutralised unless ``raw``
    (:mod:`policydrift.reports.csv_cells`).
    """
    return csv_text(CSV_COLUMNS, csv_rows(c), raw=raw)


def csv_rows(c: Comparison) -> Iterator[tuple[Any, ...]]:
    """The CSV lines of :func:`comparison_to_csv` after its header, one per row."""
    from policydrift.reports.redline.inline import build_inline, changed_words

    changes = {r.number: r for r in build_inline(c).rows if r.move != "away"}
    row_of = rows_of_sentences(c)
    for n, (row, shifts) in enumerate(zip(c.rows, _row_shifts(c), strict=True), start=1):
        inline = changes[n]
        closest = _closest(row, row_of)
        yield (
            n,
            row.kind,
            index_list(row.old),
            index_list(row.new),
            " ".join(s.text for s in c.sentences("old", row)),
            " ".join(s.text for s in c.sentences("new", row)),
            "" if row.score is None else repr(float(row.score)),
            word_runs(changed_words(inline, "del")),
            word_runs(changed_words(inline, "ins")),
            row_section_title(c, row),
            ";".join(dict.fromkeys(s.direction for s in shifts)),
            "; ".join(shift_text(s) for s in shifts),
            row.band,
            "" if closest is None else closest["row"],
            "" if closest is None else repr(float(closest["score"])),
        )


def row_section_title(c: Comparison, row: Any) -> str:
    """The heading a row sits under: its first new sentence's, else its old sentence's."""
    for statement, side in ((c.new, row.new), (c.old, row.old)):
        if side:
            section = statement.sentences[side[0]].section
            return "" if section is None else statement.sections[section].title
    return ""


def shift_text(shift: Any) -> str:
    """One shift as CSV text: ``softened commitment: 'commit to' -> 'will consider'``."""
    old = f"'{shift.old_words}'" if shift.old_words else "none"
    new = f"'{shift.new_words}'" if shift.new_words else "none"
    return f"{shift.direction} {shift.scale}: {old} -> {new}"


def shift_line(counts: dict[str, int]) -> str:
    """The terminal line of shift counts, e.g. ``shifts   2 strengthened, 1 hedged (3 rows)``."""
    from policydrift.compare.shifts.models import DIRECTIONS

    found = [f"{counts[d]} {d}" for d in DIRECTIONS if counts.get(d)]
    if not found:
        return "shifts   none in the changed rows"
    mixed = f", {counts['mixed']} both ways" if counts.get("mixed") else ""
    return f"shifts   {', '.join(found)} ({_plural(counts['rows'], 'row')}{mixed})"


def word_runs(runs: list[str]) -> str:
    """Runs of words as a JSON list of strings, white space collapsed.

    >>> word_runs(["2022", "strengthen  and"]), word_runs([])
    ('["2022", "strengthen and"]', '[]')
    """
    return json.dumps([" ".join(r.split()) for r in runs], ensure_ascii=False)


def index_list(indexes: tuple[int, ...]) -> str:
    """Sentence indexes as a JSON list without spaces: always text in a spreadsheet.

    >>> index_list((3,)), index_list((3, 4)), index_list(())
    ('[3]', '[3,4]', '[]')
    """
    return "[" + ",".join(str(i) for i in indexes) + "]"


def summary_lines(c: Comparison) -> list[str]:
    """A short plain-text summary for the terminal (no colours, no trailing spaces)."""
    f = c.figures
    lines = [
        f"old  {_describe(c.old)}",
        f"     {os.path.basename(c.old.path) or c.old.path}: "
        f"{_plural(len(c.old.sentences), 'sentence')}, {_plural(f.old_words, 'word')}",
        f"new  {_describe(c.new)}",
        f"     {os.path.basename(c.new.path) or c.new.path}: "
        f"{_plural(len(c.new.sentences), 'sentence')}, {_plural(f.new_words, 'word')}",
        "",
    ]
    if f.identical:
        lines += [IDENTICAL if same_text(c) else SAME_WORDS, ""]
    elif c.rows and not any(row.old and row.new for row in c.rows):
        lines += [NOTHING_ALIGNED, ""]
    lines += [
        f"{percent(f.new_reused_share):>7}  of the new text's words are reused from the old",
        f"{percent(f.old_retained_share):>7}  of the old text's words are kept in the new",
        "",
    ]
    counts = {kind: 0 for kind in KINDS}
    for row in c.rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    width = max(len(LABELS.get(k, k)) for k in counts)
    lines.append(f"{'kind':<{width}}  rows")
    lines += [f"{LABELS.get(k, k):<{width}}  {n:>4}" for k, n in counts.items() if n]
    lines.append(f"{'total':<{width}}  {len(c.rows):>4}")
    if f.spelling_hidden:
        lines += ["", spelling_note(f.spelling_hidden)]
    if c.shifts is not None:
        lines += ["", shift_line(c.shifts.counts())]
    chips = getattr(c.themes, "chips", ())
    if chips:
        lines += ["", "themes"]
        for status, changes in chips:
            listed = ", ".join(f"{t.label} ({t.old_count}->{t.new_count})" for t in changes)
            lines += textwrap.wrap(
                listed, width=96, initial_indent=f"  {status:<9} ", subsequent_indent=" " * 12
            )
    lines += [
        "",
        f"scorer {c.options.scorer}{_semantic(c)}, threshold {number(c.options.threshold)}, "
        f"split threshold {number(c.options.split_threshold)}, "
        f"passages of {c.options.min_passage_words}+ words: {len(c.passages)}",
    ]
    lines += [f"Limit reached: {note}." for note in c.limit_notes]
    return lines


def spelling_note(count: int) -> str:
    """'4 spelling-only edits, hidden (British/American spelling, dash spacing)'."""
    edits = "edit" if count == 1 else "edits"
    return f"{count} spelling-only {edits}, hidden (British/American spelling, dash spacing)"


def _semantic(c: Comparison) -> str:
    """How the model ran, after the scorer's name (nothing for a plain rapidfuzz scorer)."""
    if c.options.scorer != "model":
        return ""
    return f" ({c.options.semantic_model})" if c.options.semantic else " (lexical)"


def _describe(s: Statement) -> str:
    name = s.title or s.id
    if not s.date:
        return name
    source = f", date from {s.date_source}" if s.date_source else ""
    return f"{name} ({s.date}){source}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
