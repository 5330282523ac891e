"""``drift compare OLD NEW``: align two statements and report what changed.

Thin on purpose: parse and check options, read both files, call :func:`policydrift.compare.compare`, hand
the result to a writer from :mod:`reports`. Heavy modules are imported inside the command so
``drift --help`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from policydrift.corpus.errors import OptionError
from policydrift.options import (
    CONTEXT_SETTINGS,
    alignment_options,
    at_least,
    format_option,
    keep_all_option,
    lexicon_option,
    load_themes,
    max_bytes_option,
    output_option,
    themes_file_option,
)
from policydrift.output import Target, emit, resolve_target

if TYPE_CHECKING:
    from policydrift.compare.models import CompareOptions, Comparison, ThemeOptions
    from policydrift.corpus.models import Statement

FORMATS = ("html", "json", "csv")


def compare_options(
    *, threshold: float, split_threshold: float, min_passage_words: int, scorer: str, workers: int
) -> CompareOptions:
    """The engine's options from the command's (each value already checked by its option)."""
    from policydrift.compare.models import CompareOptions

    return CompareOptions(
        scorer=scorer,
        threshold=threshold,
        split_threshold=split_threshold,
        min_passage_words=min_passage_words,
        workers=workers,
    )


def render(comparison: Comparison, fmt: str) -> str:
    """The comparison written in one of :data:`FORMATS`."""
    if fmt == "html":
        from policydrift.reports.compare.html import render_compare_html

        return render_compare_html(comparison)
    from policydrift.reports.tables import comparison_to_csv, comparison_to_json

    writer = comparison_to_json if fmt == "json" else comparison_to_csv
    return writer(comparison)


@click.command("compare", context_settings=CONTEXT_SETTINGS)
@click.argument("files", metavar="OLD NEW [MORE]...", nargs=-1)
@output_option(
    "Write the report to FILE (format from its extension: .html, .json, .csv; '-' for "
    "stdout). Without it, print a short summary."
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
@click.option(
    "--no-themes",
    is_flag=True,
    help="Skip theme detection (no theme chips, no themes section).",
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
@keep_all_option
@max_bytes_option
def compare_command(
    files: tuple[str, ...],
    output: str | None,
    fmt: str | None,
    base: str | None,
    threshold: float,
    split_threshold: float,
    min_passage_words: int,
    scorer: str,
    theme_file: str | None,
    lexicons: tuple[str, ...],
    no_themes: bool,
    min_new: int,
    keep_all: bool,
    max_bytes: int,
    workers: int,
) -> None:
    """Compare an OLD and a NEW edition of a statement, sentence by sentence.

    Every sentence is classified as same, edited, moved, moved+edited, split, merged, new
    or dropped, with word-level changes. Files may be plain text, Markdown (with YAML front
    matter), HTML or PDF; '-' reads standard input (for one file only).

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
      drift compare 2021.md 2022.md 2023.md 2024.md -o editions.html
      drift compare notices/*.md --base previous
      drift compare notices/*.md --base 2022 -o against-2022.html
    """
    if len(files) < 2:
        msg = f"Missing argument '{'NEW' if files else 'OLD'}'."
        raise click.UsageError(msg)
    options = compare_options(
        threshold=threshold, split_threshold=split_threshold, min_passage_words=min_passage_words,
        scorer=scorer, workers=workers,
    )  # fmt: skip
    if files.count("-") > 1:
        msg = "standard input can be read only once: give a file for OLD or NEW"
        if len(files) > 2:
            msg = "standard input can be read only once: give '-' for one file only"
        raise OptionError(msg)
    if theme_file and no_themes:
        msg = "--themes and --no-themes exclude each other"
        raise OptionError(msg)
    target = resolve_target(output, fmt, formats=FORMATS, default=None, stdout_default="html")
    themes = None
    if not no_themes:
        from policydrift.compare.models import ThemeOptions

        lexicon = load_themes(theme_file, lexicons)  # a malformed file fails before any work
        themes = ThemeOptions(lexicon=lexicon, lexicons=lexicons, min_new=min_new)
    from policydrift.corpus.collection import read_one as read_statement

    statements = [read_statement(f, keep_all=keep_all, max_bytes=max_bytes) for f in files]
    if len(files) > 2 or base is not None:
        _compare_many(
            statements, options, base=base or "first", themes=themes, target=target,
        )  # fmt: skip
        return
    old_statement, new_statement = statements
    from policydrift.compare import (
        compare,  # numpy and scipy: loaded only once both inputs are good
    )

    comparison = compare(old_statement, new_statement, options, themes=themes)
    if target.fmt is None:
        from policydrift.reports.tables import summary_lines

        click.echo("\n".join(summary_lines(comparison)))
        return
    emit(target, render(comparison, target.fmt), detail=f"{len(comparison.rows)} rows")


def _compare_many(
    statements: list[Statement],
    options: CompareOptions,
    *,
    base: str,
    themes: ThemeOptions | None,
    target: Target,
) -> None:
    """Several editions: compare, then print the summary or write the report."""
    from policydrift.compare.multi import compare_many

    multi = compare_many(statements, base=base, options=options, themes=themes)
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
    emit(target, render_multi(multi, target.fmt), detail=detail)


def register(cli: click.Group) -> None:
    """Add ``drift compare`` to the command group."""
    cli.add_command(compare_command)
