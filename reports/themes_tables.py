"""Outputs of ``drift themes``: JSON, CSV (one row per theme) and a terminal table.

Nothing is computed here: every figure comes from the :class:`~compare.theme_models.
ThemeComparison`. JSON is :func:`policydrift.reports.themes_json.themes_dict` (``schema`` 1);
the CSV holds its
``themes`` rows with the evidence sentences joined, for pandas users.
"""

from __future__ import annotations

import json
import textwrap

from policydrift.compare.themes.models import STATUSES, ThemeChange, ThemeComparison
from policydrift.reports.csv_cells import csv_text
from policydrift.reports.themes_json import detection_text, marked, themes_dict

CSV_COLUMNS = (
    "theme", "label", "status", "cap_major", "cap_topic", "old_count", "new_count",
    "old_sentences", "new_sentences", "old_rate", "new_rate", "ratio", "reframings",
    "matched", "evidence",
)  # fmt: skip
EVIDENCE_PER_THEME = 3


def themes_to_json(themes: ThemeComparison) -> str:
    """The theme comparison as JSON text (UTF-8 kept, 2-space indent, final newline)."""
    return json.dumps(themes_dict(themes), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def themes_to_csv(themes: ThemeComparison, *, raw: bool = False) -> str:
    """One CSV row per theme; ``evidence`` joins the sentences as ``old#3: text | new#5: ...``.

    Sentence numbers are 0-based indexes, as in the JSON; ``matched`` lists the matched words.
    """
    rows = []
    for change in themes.changes:
        rows.append(
            [
                change.theme,
                change.label,
                change.status,
                "" if change.cap_major is None else change.cap_major,
                change.cap_topic or "",
                change.old_count,
                change.new_count,
                change.old_sentences,
                change.new_sentences,
                f"{change.old_rate:.3f}",
                f"{change.new_rate:.3f}",
                f"{change.ratio:.3f}",
                " ".join(str(n) for n in change.reframings),
                "; ".join(m for e in change.evidence for m in e.matched),
                " | ".join(f"{e.side}#{e.sentence}: {_flat(e.text)}" for e in change.evidence),
            ]
        )
    return csv_text(CSV_COLUMNS, rows, raw=raw)


def _flat(text: str) -> str:
    return " ".join(text.split())


def themes_table(themes: ThemeComparison, *, width: int = 100, show_all: bool = False) -> list[str]:
    """The terminal report: table of themes, reframings, evidence, key terms, detection limit.

    Matched words are shown between ``**``. Themes absent from both sides are left out unless
    ``show_all``. No colours, no trailing spaces.
    """
    if width < 40:
        msg = f"width must be >= 40: {width!r}"
        raise ValueError(msg)
    used = ", ".join(
        f"{p['name']} {p['version']} ({p['size']} themes)"
        for p in themes.lexicon.get("lexicons", ())
    )
    lines = [
        f"old  {themes.old_label or themes.old_id}: {themes.old_words:,} words",
        f"new  {themes.new_label or themes.new_id}: {themes.new_words:,} words",
        *([f"lexicons  {used}"] if used else []),
        "",
    ]
    shown = themes.changes if show_all else themes.present
    lines += _theme_rows(shown)
    hidden = len(themes.changes) - len(shown)
    if hidden:
        lines.append(f"({hidden} lexicon themes on neither side not shown; --all shows them)")
    lines.append("")
    lines += _emerging(themes, width)
    lines += _reframings(themes, width)
    lines += _evidence(themes, width)
    lines += _keyness(themes, width)
    lexicon = themes.lexicon
    lines += textwrap.wrap(
        f"Lexicon {lexicon.get('name')} {lexicon.get('version')} ({lexicon.get('themes')} "
        f"themes, digest {lexicon.get('digest')}). {detection_text(themes.detection)}",
        width,
    )
    return [line.rstrip() for line in lines]


def _theme_rows(changes: tuple[ThemeChange, ...]) -> list[str]:
    if not changes:
        return ["No lexicon theme was found in either statement."]
    label_width = min(40, max(len("theme"), *(len(c.label) for c in changes)))
    head = (
        f"{'theme':<{label_width}}  {'status':<10} {'old':>4} {'new':>4} "
        f"{'old/1k':>7} {'new/1k':>7} {'sentences':>9} {'ratio':>6}"
    )
    rows = [head, "-" * len(head)]
    for c in changes:
        label = c.label if len(c.label) <= label_width else c.label[: label_width - 1] + "…"
        rows.append(
            f"{label:<{label_width}}  {c.status:<10} {c.old_count:>4} "
            f"{c.new_count:>4} {c.old_rate:>7.2f} {c.new_rate:>7.2f} "
            f"{f'{c.old_sentences}->{c.new_sentences}':>9} {c.ratio:>6.2f}"
        )
    return rows


def _emerging(themes: ThemeComparison, width: int) -> list[str]:
    """Emerging phrases beyond the lexicon, with counts and NEW's sentence numbers (1-based)."""
    if not themes.emerging:
        return []
    items = [
        f"{k.term} ({k.old_count}->{k.new_count}; new sentences "
        f"{', '.join(str(e.sentence + 1) for e in k.uses)})"
        for k in themes.emerging
    ]
    text = "Emerging phrases beyond the lexicon: " + "; ".join(items) + "."
    return [*textwrap.wrap(text, width, subsequent_indent="  "), ""]


def _labels(themes: ThemeComparison) -> dict[str, str]:
    return {c.theme: c.label for c in themes.changes}


def _reframings(themes: ThemeComparison, width: int) -> list[str]:
    if not themes.reframings:
        return []
    labels = _labels(themes)
    lines = ["Reframed sentences (an aligned pair whose theme changed)"]
    for r in themes.reframings:
        removed = ", ".join(labels.get(t, t) for t in r.removed)
        added = ", ".join(labels.get(t, t) for t in r.added)
        lines.append(f"  row {r.row + 1} ({r.kind}): {removed} -> {added}")
        for e in r.old_evidence + r.new_evidence:
            lines += _quote(f"{e.side}, sentence {e.sentence + 1}: ", marked(e), width)
    return [*lines, ""]


def _evidence(themes: ThemeComparison, width: int) -> list[str]:
    flagged = [c for c in themes.changes if c.flagged]
    if not flagged:
        return ["No theme is new, dropped, reframed, rising or falling.", ""]
    lines = ["Evidence"]
    for c in sorted(flagged, key=lambda c: STATUSES.index(c.status)):
        lines.append(f"  {c.label} [{c.status}]: {c.old_count} -> {c.new_count} mentions")
        for e in c.evidence[:EVIDENCE_PER_THEME]:
            lines += _quote(f"{e.side}, sentence {e.sentence + 1}: ", marked(e), width)
        more = len(c.evidence) - EVIDENCE_PER_THEME
        if more > 0:
            lines.append(
                f"    (+{more} more sentence{'s' if more > 1 else ''}; --format json has all)"
            )
    return [*lines, ""]


def _quote(prefix: str, text: str, width: int) -> list[str]:
    return textwrap.wrap(
        _flat(text),
        width,
        initial_indent="    " + prefix,
        subsequent_indent="      ",
        break_on_hyphens=False,
    )


def _keyness(themes: ThemeComparison, width: int) -> list[str]:
    if not themes.keyness:
        return ["No word or phrase differs markedly between the two statements.", ""]
    score = (
        "log-odds z (informative Dirichlet prior)"
        if themes.keyness_method != "log_ratio"
        else "smoothed log2 ratio"
    )
    lines = [f"Key words and phrases beyond the lexicon (counts old/new; {score})"]
    for side, title in (("new", "more in NEW"), ("old", "more in OLD")):
        terms = [k for k in themes.keyness if k.leaning == side]
        if not terms:
            continue
        items = [
            f"{k.term} {k.old_count}/{k.new_count} ({(k.z if k.z is not None else k.log_ratio):+.2f})"
            for k in terms
        ]
        lines += textwrap.wrap(
            "; ".join(items), width, initial_indent=f"  {title}: ", subsequent_indent="    "
        )
    if themes.gaps:
        lines += textwrap.wrap(
            "; ".join(g.term for g in themes.gaps),
            width,
            initial_indent="  Lexicon gaps (key terms no theme covers): ",
            subsequent_indent="    ",
        )
    return [*lines, ""]
