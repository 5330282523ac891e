"""``drift compare OLD NEW``: align two statements and report what changed.

Thin on purpose: parse and check options, read both files, call :func:`policydrift.compare.compare`, hand
the result to a writer from :mod:`reports`. Heavy modules are imported inside the command so
``drift --help`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click
from policydrift.corpus.errors import OptionError
from policydrift.options import (
    CONTEXT_SETTINGS,
    alignment_options,
    at_least,
    csv_raw_option,
    date_from_option,
    flag,
    format_option,
    keep_all_option,
    lexicon_option,
    load_themes,
    max_bytes_option,
    output_option,
    strength_file_option,
    themes_file_option,
)
from policydrift.output import Target, emit, resolve_target

if TYPE_CHECKING:
    from policydrift.compare.models import CompareOptions, Comparison, ThemeOptions
    from policydrift.compare.shifts.lexicon import StrengthLexicon
    from policydrift.corpus.models import Statement

FORMATS = ("html", "json", "csv", "docx", "md")
REDLINES = ("docx", "md")  # two editions only


def compare_options(**options: Any) -> CompareOptions:
    """The engine's options from the command's (each value already checked by its option)."""
    from policydrift.compare.models import CompareOptions

    return CompareOptions(**options)


def date_order(old: Statement, new: Statement) -> tuple[Statement, Statement, str]:
    """The two editions earlier first when both are dated, and the note saying so ('' when
    the order given was kept). Same-day or undated editions keep the order given."""
    if old.date and new.date and new.date < old.date:
        return new, old, f"compared in date order: {new.date} -> {old.date} (given newest first)"
    return old, new, ""


def pdf_date_notes(statements: list[Statement]) -> list[str]:
    """A note for each edition dated by its PDF metadata."""
    return [
        f"{s.path}: date {s.date} from PDF metadata (when the file was made)"
        for s in statements
        if s.date_source == "PDF metadata"
    ]


def render(
    comparison: Comparison,
    fmt: str,
    notes: tuple[str, ...] = (),
    *,
    critic: bool = False,
    raw_csv: bool = False,
) -> str | bytes:
    """The comparison written in one of :data:`FORMATS` (a Word document as bytes); ``notes``
    go into the HTML report; ``raw_csv`` writes CSV cells unneutralised."""
    if fmt == "html":
        from policydrift.reports.compare.html import render_compare_html

        return render_compare_html(comparison, notes=notes)
    if fmt == "docx":
        from policydrift.reports.redline.docx import comparison_to_docx

        return comparison_to_docx(comparison)
    if fmt == "md":
        from policydrift.reports.redline.markdown import comparison_to_markdown

        return comparison_to_markdown(comparison, style="critic" if critic else "markdown")
    from policydrift.reports.tables import comparison_to_csv, comparison_to_json

    if fmt == "csv":
        return comparison_to_csv(comparison, raw=raw_csv)
    return comparison_to_json(comparison)


@click.command("compare", context_settings=CONTEXT_SETTINGS)
@click.argument("files", metavar="OLD NEW [MORE]...", nargs=-1)
@output_option(
    "Write the report to FILE (format from its extension: .html, .json, .csv, .docx for Word "
    "with tracked changes, .md for an inline redline in Markdown; '-' for stdout). Without it, "
    "print a short summary."
)
@format_option(
    FORMATS, "Output format; overrides the extension of -o. Without -o, writes the data to stdout."
)
@click.option(
    "--base",
    metavar="EDITION",
    help="The edition the others are compared with (three or more files; with two, asks for "
    "the several-editions report): 'first' (the oldest; default), 'last', 'previous' (each "
    "with the one before it), a date or year, an id, one of the files, or N (Nth by date).",
)
@alignment_options
@themes_file_option()
@lexicon_option
@flag(
    "--no-themes",
    "Skip theme detection (no theme chips, no themes section).",
)
@click.option(
    "--min-new",
    type=int,
    default=1,
    show_default=True,
    metavar="K",
    callback=at_least(1, "sentence"),
    help="Sentences a theme needs in NEW (and none in OLD) to be called new; likewise dropped.",
)
@flag(
    "--as-given",
    "Keep OLD and NEW in the order given; by default two dated files are compared in "
    "date order (earlier as OLD), with a note.",
)
@flag(
    "--show-spelling",
    "Show British/American spelling and dash-spacing changes in the word diff "
    "(hidden by default and counted in the summary).",
)
@date_from_option
@strength_file_option()
@flag(
    "--criticmarkup",
    "In Markdown output, mark changes as CriticMarkup ({--deleted--}{++inserted++}) "
    "instead of ~~deleted~~ and **inserted**.",
)
@keep_all_option
@max_bytes_option
@csv_raw_option
def compare_command(
    files: tuple[str, ...],
    output: str | None,
    fmt: str | None,
    base: str | None,
    threshold: float,
    split_threshold: float,
    min_passage_words: int,
    scorer: str,
    semantic: bool,
    theme_file: str | None,
    lexicons: tuple[str, ...],
    no_themes: bool,
    min_new: int,
    as_given: bool,
    show_spelling: bool,
    date_from: str,
    strength_file: str | None,
    criticmarkup: bool,
    keep_all: bool,
    max_bytes: int,
    csv_raw: bool,
    workers: int,
) -> None:
    """Compare an OLD and a NEW edition of a statement, sentence by sentence.

    Every sentence is classified as same, edited, trimmed, extended, reworded, moved,
    moved+edited, split, merged, new or dropped, with word-level changes (every link has a
    band: strong, likely, weak), and every edited sentence whose force changed is named
    strengthened, softened, hedged, unhedged, negated or affirmed, with the words as
    evidence. Files may be plain text, Markdown (with YAML front matter), HTML, PDF, Word
    (.docx) or OpenDocument (.odt); '-' reads standard input (for one file only). Two dated
    files are compared in date order, earlier as OLD (--as-given keeps the order given).

    Three or more files (or --base) give one report over all the editions: they are put in
    date order (kept in the order given, with a note, when one has no date) and each is
    compared with the base edition (--base); every pair keeps time's direction, the earlier
    edition on the OLD side.

    \b
    Examples:
      drift compare 2022.md 2023.md
      drift compare 2022.md 2023.md -o report.html
      drift compare old.txt new.txt --format json > changes.json
      drift compare old.txt new.txt -o rows.csv --threshold 70
      drift compare 2023.md 2024.md -o changes.docx
      drift compare 2023.md 2024.md -o changes.md --criticmarkup
      drift compare 2021.md 2022.md 2023.md 2024.md -o editions.html
      drift compare notices/*.md --base previous
      drift compare notices/*.md --base 2022 -o against-2022.html
    """
    if len(files) < 2:
        msg = f"Missing argument '{'NEW' if files else 'OLD'}'."
        raise click.UsageError(msg)
    options = compare_options(
        threshold=threshold, split_threshold=split_threshold, min_passage_words=min_passage_words,
        scorer=scorer, workers=workers, fold_spelling=not show_spelling, semantic=semantic,
    )  # fmt: skip
    if files.count("-") > 1:
        msg = "standard input can be read only once: give a file for OLD or NEW"
        if len(files) > 2:
            msg = "standard input can be read only once: give '-' for one file only"
        raise OptionError(msg)
    if theme_file and no_themes:
        msg = "--themes and --no-themes exclude each other"
        raise OptionError(msg)
    target = resolve_target(
        output, fmt, formats=FORMATS, default=None, stdout_default="html",
        inputs=[*files, theme_file, strength_file, *lexicons],
    )  # fmt: skip
    if target.fmt in REDLINES and (len(files) > 2 or base is not None):
        msg = f"a {target.fmt} redline compares two editions: give OLD and NEW only"
        raise OptionError(msg, path=target.path or "--format")
    if criticmarkup and target.fmt != "md":
        msg = "--criticmarkup marks Markdown output: name the output .md or give --format md"
        raise OptionError(msg)
    themes = None
    if not no_themes:
        from policydrift.compare.models import ThemeOptions

        lexicon = load_themes(theme_file, lexicons)  # a malformed file fails before any work
        themes = ThemeOptions(lexicon=lexicon, lexicons=lexicons, min_new=min_new)
    from policydrift.compare.shifts.lexicon import load_strength

    strength = load_strength(strength_file)
    from policydrift.corpus.collection import read_one as read_statement

    pdf_date = date_from == "pdf"
    statements = [
        read_statement(f, keep_all=keep_all, max_bytes=max_bytes, pdf_date=pdf_date) for f in files
    ]
    notes = pdf_date_notes(statements)
    for note in notes:
        click.echo(f"Note: {note}", err=True)
    if len(files) > 2 or base is not None:
        _compare_many(
            statements, options, base=base or "first", themes=themes, strength=strength,
            target=target, raw_csv=csv_raw,
        )  # fmt: skip
        return
    old_statement, new_statement = statements
    if not as_given:
        old_statement, new_statement, order_note = date_order(old_statement, new_statement)
        if order_note:
            click.echo(f"Note: {order_note}; --as-given keeps the order given", err=True)
            notes.insert(0, order_note)
    from policydrift.compare import (
        compare,  # numpy and scipy: loaded only once both inputs are good
    )

    comparison = compare(old_statement, new_statement, options, themes=themes, strength=strength)
    if target.fmt is None:
        from policydrift.reports.tables import summary_lines

        click.echo("\n".join(summary_lines(comparison)))
        return
    rendered = render(comparison, target.fmt, tuple(notes), critic=criticmarkup, raw_csv=csv_raw)
    emit(target, rendered, detail=f"{len(comparison.rows)} rows")


def _compare_many(
    statements: list[Statement],
    options: CompareOptions,
    *,
    base: str,
    themes: ThemeOptions | None,
    strength: StrengthLexicon,
    target: Target,
    raw_csv: bool = False,
) -> None:
    """Several editions: compare, then print the summary or write the report."""
    from policydrift.compare.multi import compare_many

    multi = compare_many(statements, base=base, options=options, themes=themes, strength=strength)
    if multi.order == "given":
        names = ", ".join(multi.edition(i).path for i in multi.undated)
        click.echo(
            f"Note: kept in the order given, as not all editions are dated ({names})", err=True
        )
    if target.fmt is None:
        from policydrift.reports.multi.outputs import multi_summary_lines

        click.echo("\n".join(multi_summary_lines(multi)))
        return
    from policydrift.reports.multi.outputs import render_multi

    rows = sum(len(c.rows) for c in multi.comparisons)
    pairs = len(multi.comparisons)
    detail = f"{pairs} pair{'' if pairs == 1 else 's'}, {rows} rows"
    emit(target, render_multi(multi, target.fmt, raw_csv=raw_csv), detail=detail)


def register(cli: click.Group) -> None:
    """Add ``drift compare`` to the command group."""
    cli.add_command(compare_command)
