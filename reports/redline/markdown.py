"""The inline redline as Markdown: ``~~deleted~~`` and ``**inserted**``, or CriticMarkup.

For newsroom content systems and GitHub. A short header (the two editions, the counts, how to
read it) comes first, then :data:`BODY_HEADING`, then the new text paragraph by paragraph with
the changes in place. Moves are noted in italics, ``_(moved here from ...)_``. Every character of
statement text that Markdown would read as markup is escaped with a backslash, and the markers
never open or close on a space (CommonMark would not honour them there).
"""

from __future__ import annotations

import re
import unicodedata

from policydrift.compare.models import Comparison
from policydrift.reports.compare.marks import Segment
from policydrift.reports.redline.inline import InlineRow, InlineView, build_inline
from policydrift.reports.redline.summary import Summary, build_summary

BODY_HEADING = "## The new text, with the changes"
STYLES = ("markdown", "critic")
_MARKERS = {
    "markdown": {"del": ("~~", "~~"), "ins": ("**", "**")},
    "critic": {"del": ("{--", "--}"), "ins": ("{++", "++}")},
}
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>~|&])")
_HTML = {"del": ("<del>", "</del>"), "ins": ("<strong>", "</strong>")}
_LINE_START = re.compile(r"^(\s*)(\d+[.)]|[-+=#>])")
_SPACES = re.compile(r"\s+")


def escape(text: str) -> str:
    r"""Statement text made literal in Markdown (CommonMark and GitHub's).

    >>> escape("Act *now* [1] ~x~")
    'Act \\*now\\* \\[1\\] \\~x\\~'
    """
    return _SPECIAL.sub(r"\\\1", text)


def marked(
    text: str, mark: str, style: str = "markdown", *, before: str = " ", after: str = " "
) -> str:
    """One piece of text with its marker, the spaces at its ends kept outside the marker.

    ``before``/``after`` are the characters written just around the piece. CommonMark opens
    ``**``/``~~`` before punctuation only after a space or punctuation, and closes them after
    punctuation only before one ("**1.**Next" is not bold); where a marker could not open or
    close there, the piece is written as inline HTML (``<del>``, ``<strong>``), which GitHub
    and CommonMark readers show the same way.

    >>> marked(" was cut ", "del"), marked("new", "ins", "critic"), marked("  ", "ins")
    (' ~~was cut~~ ', '{++new++}', '  ')
    >>> marked("1.", "ins", after="F")
    '<strong>1.</strong>'
    """
    core = text.strip()
    if not mark or not core:
        return escape(text)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    body = escape(core)
    left, right = _MARKERS[style][mark]
    if style == "markdown" and not _flanks(lead[-1:] or before, body, trail[:1] or after):
        left, right = _HTML[mark]
    return f"{lead}{left}{body}{right}{trail}"


def _flanks(before: str, body: str, after: str) -> bool:
    """Whether a delimiter run can open before ``body`` and close after it (CommonMark 6.2)."""
    opens = not _punctuation(body[0]) or not before or before.isspace() or _punctuation(before)
    closes = not _punctuation(body[-1]) or not after or after.isspace() or _punctuation(after)
    return opens and closes


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def row_markdown(row: InlineRow, style: str = "markdown") -> str:
    """One row of the inline view as Markdown on one line, with its move note."""
    out: list[str] = []
    pieces = row.pieces
    for k, piece in enumerate(pieces):
        before = out[-1][-1:] if out else " "
        after = _start(pieces[k + 1], style) if k + 1 < len(pieces) else " "
        out.append(marked(piece.text, piece.mark, style, before=before, after=after))
    body = "".join(out)
    body = _SPACES.sub(" ", body).strip()
    if row.move == "away":
        body += f" _(moved: now at row {row.number})_"
    elif row.move == "here":
        body = f"_(moved here from its old place, row {row.number}:)_ {body}"
    return body


def _start(piece: Segment, style: str) -> str:
    """The first character a piece will be written with."""
    if not piece.text or piece.text[0].isspace():
        return " "
    if piece.mark and piece.text.strip():
        return _MARKERS[style][piece.mark][0][0]
    return escape(piece.text)[0]


def view_markdown(view: InlineView, style: str = "markdown") -> str:
    """The body: one Markdown paragraph per paragraph of the new text."""
    paragraphs = []
    for paragraph in view.paragraphs:
        text = " ".join(row_markdown(row, style) for row in paragraph.rows)
        paragraphs.append(_LINE_START.sub(_escape_start, text))
    return "\n\n".join(paragraphs)


def _escape_start(match: re.Match[str]) -> str:
    """A paragraph opening like a list item or heading ("1.", "-", "#") made literal."""
    lead, mark = match.group(1), match.group(2)
    return f"{lead}{mark[:-1]}\\{mark[-1]}"


def comparison_to_markdown(c: Comparison, *, style: str = "markdown") -> str:
    """The whole Markdown document: header, summary, then the inline redline."""
    if style not in STYLES:
        msg = f"style must be one of {', '.join(STYLES)}: {style!r}"
        raise ValueError(msg)
    summary = build_summary(c)
    lines = [f"# Changes: {escape(summary.old_label)} → {escape(summary.new_label)}", ""]
    lines += _summary_lines(summary)
    d, i = _MARKERS[style]["del"], _MARKERS[style]["ins"]
    lines += [
        "",
        f"Deleted words are marked {d[0]}like this{d[1]}, inserted words {i[0]}like this{i[1]}; "
        "a moved sentence is struck at its old place and noted at its new one. "
        "Made by drift compare.",
        "",
        BODY_HEADING,
        "",
        view_markdown(build_inline(c), style),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary_lines(s: Summary) -> list[str]:
    lines = [f"- **{escape(line.label)}:** {escape(line.value)}" for line in s.lines]
    for title, items in s.lists:
        if not items:
            continue
        if max(len(item) for item in items) <= 60:  # short names: one line
            lines.append(f"- **{escape(title)}:** {escape('; '.join(items))}")
        else:  # sentences: one sub-item each
            lines.append(f"- **{escape(title)}:**")
            lines += [f"  - {escape(item)}" for item in items]
    return lines
