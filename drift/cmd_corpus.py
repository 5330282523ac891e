"""``drift corpus list`` and ``drift corpus check``: what a corpus folder holds, and its problems."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import click
from policydrift.corpus.errors import ManifestError
from policydrift.options import (
    CONTEXT_SETTINGS,
    corpus_argument,
    csv_raw_option,
    no_cache_option,
    undated_option,
)

if TYPE_CHECKING:
    from policydrift.corpus.collection import Corpus
    from policydrift.corpus.models import Statement

_COLUMNS = ("date", "series", "id", "title", "sentences", "words")
_WIDTHS = {"id": 48, "title": 60}  # the table shortens these; csv and json give them whole


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int, str], None] | None]:
    """A tqdm bar on stderr when stderr is a terminal; otherwise no progress at all."""
    from policydrift.progress import stage_bars

    with stage_bars((label,), unit="file") as progress:
        if progress is None:
            yield None
        else:
            yield lambda done, total, name: progress(label, done, total, name)


def fail_with_problems(exc: ManifestError) -> NoReturn:
    """Every problem of a corpus on its own ``Error:`` line, then exit code 2."""
    for problem in exc.problems:
        click.echo(f"Error: {problem}", err=True)
    sys.exit(2)


def load_or_fail(
    corpus_dir: str, *, undated: bool, no_cache: bool, pdf_date: bool = False, workers: int = 1
) -> Corpus:
    """``load_corpus`` for a command: progress on a terminal, problems listed, warnings shown.

    ``pdf_date`` (``--date-from pdf``) dates PDFs by their metadata, with a note for each;
    ``workers``: processes reading the files (``--workers``)."""
    from policydrift.corpus.collection import load_corpus

    try:
        with progress_bar("reading") as progress:
            corpus = load_corpus(
                corpus_dir, undated=undated, cache=not no_cache, progress=progress,
                pdf_date=pdf_date, workers=workers,
            )  # fmt: skip
    except ManifestError as exc:
        fail_with_problems(exc)
    for problem in corpus.problems:
        click.echo(f"Warning: {problem}", err=True)
    for s in corpus.statements:
        if s.date_source == "PDF metadata":
            click.echo(f"Note: {s.path}: date {s.date} from PDF metadata", err=True)
    for entry in corpus.cache_rejected:
        click.echo(
            f"Warning: {entry}: cache entry failed its integrity check (changed outside drift?); "
            "ignored, the file was read afresh",
            err=True,
        )
    return corpus


@click.group("corpus", context_settings=CONTEXT_SETTINGS)
def corpus_group() -> None:
    """Inspect a corpus folder: the dated statements drift reads from it, and its problems.

    A corpus is a folder of statements (.txt, .md, .markdown, .html, .htm, .pdf), one
    subfolder per series if you like, with dates from a manifest.csv (columns file,date and
    optionally id,title,series,parties,source_url,language), from each file's front matter or
    from its name (2021-09-24-name.md, 2021.txt). Files directly in CORPUS form one series
    named after the folder.

    \b
    Examples:
      drift corpus list corpus/data
      drift corpus check my-corpus/
    """


@corpus_group.command("list", context_settings=CONTEXT_SETTINGS)
@corpus_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output format on stdout.",
)
@undated_option
@no_cache_option
@csv_raw_option
def list_command(corpus_dir: str, fmt: str, undated: bool, no_cache: bool, csv_raw: bool) -> None:
    """List the statements of CORPUS in order: date, series, id, title, sentences, words.

    The table shortens long ids and titles; csv and json give them whole, with the source
    and path of each statement (json also its other metadata).

    \b
    Examples:
      drift corpus list corpus/data
      drift corpus list corpus/data --format csv > statements.csv
    """
    corpus = load_or_fail(corpus_dir, undated=undated, no_cache=no_cache)
    rows = [_row(statement) for statement in corpus.statements]
    if fmt == "json":
        payload = {"schema": 1, "corpus": corpus.root, "statements": rows}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from policydrift.reports.csv_cells import csv_text

        columns = [*_COLUMNS, "source", "path"]
        text = csv_text(columns, ([row[k] for k in columns] for row in rows), raw=csv_raw)
        click.echo(text, nl=False)
    else:
        click.echo(_table(rows))


@corpus_group.command("check", context_settings=CONTEXT_SETTINGS)
@corpus_argument
@undated_option
@no_cache_option
@click.option("-v", "--verbose", is_flag=True, help="Also list the files skipped, and why.")
def check_command(corpus_dir: str, undated: bool, no_cache: bool, verbose: bool) -> None:
    """Check CORPUS and report every problem at once, one per line (exit code 2 if any).

    Reads every file and checks dates, ids, manifests (required columns, listed files that
    are missing, files present but not listed, paths leading outside the corpus), symlinks
    and file contents. Prints a one-line summary when all is well.

    \b
    Examples:
      drift corpus check corpus/data
      drift corpus check my-corpus/ --undated -v
    """
    from policydrift.corpus.collection import scan_corpus

    with progress_bar("checking") as progress:
        corpus, problems = scan_corpus(
            corpus_dir, undated=undated, cache=not no_cache, progress=progress
        )
    if problems:
        fail_with_problems(ManifestError([str(p) for p in problems], path=corpus_dir))
    if verbose:
        for skipped in corpus.skipped:
            click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    click.echo(_summary(corpus))


def _row(statement: Statement) -> dict[str, object]:
    from policydrift.corpus.normalize import key_words

    return {
        "date": statement.date or "",
        "series": statement.series or "",
        "id": statement.id,
        "title": statement.title,
        "sentences": len(statement.sentences),
        "words": sum(len(key_words(s.text)) for s in statement.sentences),
        "source": statement.source or "",
        "path": statement.path,
        "meta": dict(statement.meta),
    }


def _table(rows: list[dict[str, object]]) -> str:
    cells = [list(_COLUMNS)]
    for row in rows:
        cells.append([_shorten(str(row[c]), _WIDTHS.get(c)) for c in _COLUMNS])
    widths = [max(len(line[i]) for line in cells) for i in range(len(_COLUMNS))]
    numeric = {_COLUMNS.index("sentences"), _COLUMNS.index("words")}
    lines = []
    for number, line in enumerate(cells):
        parts = [
            value.rjust(widths[i]) if i in numeric and number else value.ljust(widths[i])
            for i, value in enumerate(line)
        ]
        lines.append("  ".join(parts).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _shorten(text: str, width: int | None) -> str:
    return text if width is None or len(text) <= width else text[: width - 1] + "\u2026"


def _summary(corpus: Corpus) -> str:
    count = len(corpus.statements)
    dates = [s.date for s in corpus.statements if s.date]
    span = f", {min(dates)} to {max(dates)}" if dates else ""
    series = len(corpus.series)
    skipped = len(corpus.skipped)
    return (
        f"OK: {corpus.root}: {count} statement{'s' * (count != 1)} in {series} "
        f"series{span}; {skipped} other file{'s' * (skipped != 1)} skipped"
    )


def register(cli: click.Group) -> None:
    """Add the ``corpus`` group (``list``, ``check``) to the drift CLI."""
    cli.add_command(corpus_group)
