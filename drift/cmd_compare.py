"""``drift compare OLD NEW``: align two statements and report what changed.

Thin on purpose: parse and check options, read both files, call :func:`policydrift.compare.compare`, hand
the result to a writer from :mod:`reports`. Heavy modules are imported inside the command so
``drift --help`` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from policydrift.corpus.errors import OptionError

if TYPE_CHECKING:
    from policydrift.compare.models import CompareOptions, Comparison
    from policydrift.compare.themes.lexicon import Lexicon
    from policydrift.corpus.models import Statement

FORMATS = ("html", "json", "csv")
EXTENSIONS = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}
# Importing compare loads numpy and scipy: too slow for --help. These copies of
# compare.similarity.SCORERS and of CompareOptions' defaults are checked by a test.
SCORER_NAMES = (
    "QRatio",
    "WRatio",
    "partial_ratio",
    "ratio",
    "token_ratio",
    "token_set_ratio",
    "token_sort_ratio",
)
DEFAULT_SCORER = "ratio"
DEFAULT_THRESHOLD = 60.0
DEFAULT_SPLIT_THRESHOLD = 80.0
DEFAULT_MIN_PASSAGE_WORDS = 6
DEFAULT_WORKERS = -1
DEFAULT_MAX_BYTES = 50_000_000


def output_format(fmt: str | None, output: str | None) -> str | None:
    """The format to write: ``--format`` if given, else from the output file's extension.

    None means the terminal summary (no ``-o`` and no ``--format``).
    """
    if fmt:
        return fmt
    if output is None or output == "-":
        return "html" if output == "-" else None
    suffix = Path(output).suffix.lower()
    if suffix not in EXTENSIONS:
        shown = repr(suffix) if suffix else "no extension"
        msg = f"cannot tell the output format from {shown}: name it .html, .json or .csv, or give --format"
        raise OptionError(msg, path=output)
    return EXTENSIONS[suffix]


def check_options(
    *,
    threshold: float,
    split_threshold: float,
    min_passage_words: int,
    scorer: str,
    max_bytes: int,
    workers: int,
) -> CompareOptions:
    """The comparison options, or an :class:`OptionError` naming the bad option and value."""
    for name, value in (("--threshold", threshold), ("--split-threshold", split_threshold)):
        if not 0 <= value <= 100:
            msg = f"must be a score from 0 to 100, not {value:g}"
            raise OptionError(msg, path=name)
    if min_passage_words < 2:
        msg = f"must be at least 2 words, not {min_passage_words}"
        raise OptionError(msg, path="--min-passage-words")
    if scorer not in SCORER_NAMES:
        msg = f"must be one of {', '.join(SCORER_NAMES)}, not {scorer!r}"
        raise OptionError(msg, path="--scorer")
    if max_bytes < 1:
        msg = f"must be a positive number of bytes, not {max_bytes}"
        raise OptionError(msg, path="--max-bytes")
    if workers != -1 and workers < 1:
        msg = f"must be -1 (all cores) or a positive number, not {workers}"
        raise OptionError(msg, path="--workers")
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


@click.command("compare")
@click.argument("files", metavar="OLD NEW [MORE]...", nargs=-1)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write the report to FILE (format from its extension: .html, .json, .csv; '-' for "
    "stdout). Without it, print a short summary.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format; overrides the extension of -o. Without -o, writes the data to stdout.",
)
@click.option(
    "--base",
    metavar="EDITION",
    help="The edition the others are compared with (three or more files; with two, asks for "
    "the several-editions report): 'first' (the oldest; default), 'last', 'previous' (each "
    "with the one before it), a date or year, an id, one of the files, or N (Nth by date).",
)
@click.option(
    "--threshold",
    type=float,
    default=DEFAULT_THRESHOLD,
    show_default=True,
    metavar="SCORE",
    help="Lowest similarity score (0-100) at which two sentences count as the same sentence "
    "(edited); below it they are dropped and new.",
)
@click.option(
    "--split-threshold",
    type=float,
    default=DEFAULT_SPLIT_THRESHOLD,
    show_default=True,
    metavar="SCORE",
    help="Lowest score (0-100) of one sentence against several joined neighbours to call it "
    "a split or a merge.",
)
@click.option(
    "--min-passage-words",
    type=int,
    default=DEFAULT_MIN_PASSAGE_WORDS,
    show_default=True,
    metavar="N",
    help="Shortest run of words shared word for word that is reported as a passage.",
)
@click.option(
    "--scorer",
    default=DEFAULT_SCORER,
    show_default=True,
    metavar="NAME",
    help=f"rapidfuzz similarity function: {', '.join(SCORER_NAMES)}.",
)
@click.option(
    "--themes",
    "theme_file",
    metavar="FILE",
    help="A YAML theme lexicon that extends the built-in one (same ids replace built-in themes).",
)
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
    help="Sentences a theme needs in NEW (and none in OLD) to be called new; likewise dropped.",
)
@click.option(
    "--keep-all",
    is_flag=True,
    help="Compare every line; do not strip page furniture (menus, bylines, share links).",
)
@click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    metavar="N",
    help="Refuse input files larger than N bytes.",
)
@click.option(
    "--workers",
    type=int,
    default=DEFAULT_WORKERS,
    show_default=True,
    metavar="N",
    help="Processor cores for scoring (-1: all); the results do not depend on it.",
)
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
    options = check_options(
        threshold=threshold, split_threshold=split_threshold, min_passage_words=min_passage_words,
        scorer=scorer, max_bytes=max_bytes, workers=workers,
    )  # fmt: skip
    if files.count("-") > 1:
        msg = "standard input can be read only once: give a file for OLD or NEW"
        if len(files) > 2:
            msg = "standard input can be read only once: give '-' for one file only"
        raise OptionError(msg)
    if min_new < 1:
        msg = f"must be at least 1 sentence, not {min_new}"
        raise OptionError(msg, path="--min-new")
    if theme_file and no_themes:
        msg = "--themes and --no-themes exclude each other"
        raise OptionError(msg)
    fmt = output_format(fmt, output)
    to_file = output is not None and output != "-"
    if to_file:
        from policydrift.reports.output import check_writable

        check_writable(output)
    lexicon = None
    if not no_themes:
        from policydrift.compare.themes.lexicon import load_lexicon

        lexicon = load_lexicon(theme_file)  # a malformed file fails before any work
    from policydrift.corpus.collection import read_one as read_statement

    statements = [read_statement(f, keep_all=keep_all, max_bytes=max_bytes) for f in files]
    if len(files) > 2 or base is not None:
        _compare_many(
            statements, options, base=base or "first", lexicon=lexicon, min_new=min_new,
            fmt=fmt, output=output if to_file else None,
        )  # fmt: skip
        return
    old_statement, new_statement = statements
    from policydrift.compare import (
        compare,  # numpy and scipy: loaded only once both inputs are good
    )

    comparison = compare(old_statement, new_statement, options)
    if lexicon is not None:
        from dataclasses import replace

        from policydrift.compare.themes.coding import compare_themes

        comparison = replace(
            comparison, themes=compare_themes(comparison, lexicon, min_new=min_new)
        )
    if fmt is None:
        from policydrift.reports.tables import summary_lines

        click.echo("\n".join(summary_lines(comparison)))
        return
    text = render(comparison, fmt)
    if not to_file:
        stdout = sys.stdout.buffer  # UTF-8 whatever the locale, bytes unchanged
        stdout.write(text.encode("utf-8"))
        stdout.flush()
        return
    from policydrift.reports.output import write_atomic

    write_atomic(output, text)
    click.echo(f"Wrote {output} ({fmt}, {len(comparison.rows)} rows)", err=True)


def _compare_many(
    statements: list[Statement],
    options: CompareOptions,
    *,
    base: str,
    lexicon: Lexicon | None,
    min_new: int,
    fmt: str | None,
    output: str | None,
) -> None:
    """Several editions: compare, then print the summary or write the report."""
    from policydrift.compare.multi import compare_many

    multi = compare_many(statements, base=base, options=options, lexicon=lexicon, min_new=min_new)
    if multi.order == "given":
        names = ", ".join(multi.edition(i).path for i in multi.undated)
        click.echo(
            f"Note: kept in the order given, as not all editions are dated ({names})", err=True
        )
    if fmt is None:
        from policydrift.reports.multi.outputs import multi_summary_lines

        click.echo("\n".join(multi_summary_lines(multi)))
        return
    from policydrift.reports.multi.outputs import render_multi

    text = render_multi(multi, fmt)
    if output is None:
        stdout = sys.stdout.buffer
        stdout.write(text.encode("utf-8"))
        stdout.flush()
        return
    from policydrift.reports.output import write_atomic

    write_atomic(output, text)
    rows = sum(len(c.rows) for c in multi.comparisons)
    pairs = len(multi.comparisons)
    click.echo(
        f"Wrote {output} ({fmt}, {pairs} pair{'' if pairs == 1 else 's'}, {rows} rows)", err=True
    )


def register(cli: click.Group) -> None:
    """Add ``drift compare`` to the command group."""
    cli.add_command(compare_command)
