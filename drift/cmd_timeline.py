"""``drift timeline CORPUS``: the year-over-year report of a corpus of dated statements.

Thin: check options, load the corpus, call :func:`policydrift.compare.timeline.build.build_timeline`, hand the
result to :mod:`policydrift.reports.timeline.view` (HTML) or :mod:`policydrift.reports.timeline.tables` (JSON, CSV,
Parquet). Heavy modules are imported inside the command so ``drift --help`` stays instant.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from typing import TYPE_CHECKING

import click
from policydrift.compare.timeline.options import TimelineOptions
from policydrift.corpus.errors import OptionError
from policydrift.options import (
    CONTEXT_SETTINGS,
    corpus_argument,
    csv_raw_option,
    date_from_option,
    format_option,
    lexicon_option,
    load_themes,
    no_cache_option,
    output_option,
    strength_file_option,
    themes_file_option,
    threshold_option,
    undated_option,
    workers_option,
)
from policydrift.output import Target, emit, resolve_target, wrote

if TYPE_CHECKING:
    from policydrift.compare.timeline.models import Timeline

FORMATS = ("html", "json", "csv", "parquet")
DEFAULTS = TimelineOptions()


@click.command("timeline", context_settings=CONTEXT_SETTINGS)
@corpus_argument
@output_option(
    "Write to FILE (format from its extension), or to a folder (DIR/ or an existing folder: "
    "DIR/index.html and one page per series). A large HTML report is split the same way: "
    "FILE is the index, FILE-SERIES.html the series pages beside it. CSV and Parquet write two "
    "tables named from it (t.csv -> t.sentences.csv, t.editions.csv). '-o -' prints HTML (or "
    "--format) to stdout. Without -o: a short summary."
)
@format_option(FORMATS, "Output format; overrides the extension of -o.")
@click.option(
    "--series",
    metavar="NAME",
    help="Report on this series only (default: every series, and all statements together).",
)
@click.option(
    "--exclude-formulaic", is_flag=True,
    help="Leave formulaic sentences (found in most editions of a series) out of the reuse figures.",
)  # fmt: skip
@themes_file_option("A theme lexicon (YAML) extending the built-in one.")
@lexicon_option
@strength_file_option()
@undated_option
@date_from_option
@no_cache_option
@threshold_option(
    DEFAULTS.threshold,
    "Lowest similarity (0-100) at which a sentence counts as reused from an earlier statement.",
    above_zero=True,
)
@csv_raw_option
@workers_option(
    "Processor cores (-1: all): with enough statements, files are read, editions aligned "
    "and pages rendered in that many processes; the report does not depend on it."
)
def timeline_command(
    corpus_dir: str, output: str | None, fmt: str | None, series: str | None, exclude_formulaic: bool,
    theme_file: str | None, lexicons: tuple[str, ...], strength_file: str | None, undated: bool,
    date_from: str, no_cache: bool, threshold: float, csv_raw: bool, workers: int,
) -> None:  # fmt: skip
    """Tell the story of a corpus's language over the years, edition by edition.

    For each series of dated statements: how much each edition reuses from the previous one
    and from any earlier statement, where each reused sentence first appeared, sentence
    lineages with their edits, formulaic language, and the themes and named initiatives that
    appear, persist and fade, with the sentences as evidence, and what changed in each
    edition. Offline HTML with charts (one page, or an index and a page per series for a large
    corpus), or every table as JSON, CSV or Parquet.

    \b
    Examples:
      drift timeline corpus/data
      drift timeline corpus/data -o timeline.html
      drift timeline archive/ -o report/
      drift timeline corpus/data --series counter_ransomware_initiative -o cri.html
      drift timeline corpus/data --exclude-formulaic -o timeline.json
      drift timeline corpus/data -o tables.parquet
    """
    from policydrift.reports.timeline.table_files import table_paths

    folder = _folder(output, fmt)
    target = (
        Target(path=folder, fmt="html")
        if folder
        else resolve_target(
            output, fmt, formats=FORMATS, default=None, stdout_default="html",
            inputs=[theme_file, strength_file, *lexicons], corpora=[corpus_dir],
            companions=lambda path: table_paths(path),
        )
    )  # fmt: skip
    if folder:
        from policydrift.reports.output import check_not_input

        check_not_input([folder], [], [corpus_dir])  # no report folder inside the corpus read
    if target.fmt in ("csv", "parquet") and not target.to_file:
        msg = f"{target.fmt} writes two tables: give a file name with -o"
        raise OptionError(msg, path="--format")
    lexicon = load_themes(theme_file, lexicons)
    from policydrift.compare.shifts.lexicon import load_strength

    strength = load_strength(strength_file)
    from policydrift.cmd_corpus import load_or_fail

    corpus = load_or_fail(
        corpus_dir, undated=undated, no_cache=no_cache, pdf_date=date_from == "pdf",
        workers=workers,
    )  # fmt: skip
    if series is not None and series not in corpus.series:
        msg = f"no series {series!r} in this corpus; its series are: {', '.join(corpus.series) or 'none'}"
        raise OptionError(msg, path="--series")
    from policydrift.compare.timeline.build import STAGES, build_timeline
    from policydrift.progress import stage_bars

    with stage_bars(STAGES) as progress:
        timeline = build_timeline(
            corpus.statements, lexicon=lexicon, series=series, exclude_formulaic=exclude_formulaic,
            options=_options(threshold, workers), progress=progress, strength=strength,
        )  # fmt: skip
    _write(timeline, target, folder=bool(folder), raw_csv=csv_raw)


def _options(threshold: float, workers: int) -> TimelineOptions:
    from dataclasses import replace

    return TimelineOptions(threshold=threshold, compare=replace(DEFAULTS.compare, workers=workers))


def _folder(output: str | None, fmt: str | None) -> str | None:
    """The folder that ``-o`` names (a trailing slash or an existing folder), or None."""
    if output in (None, "-"):
        return None
    from pathlib import Path

    if not (output.endswith(("/", "\\")) or Path(output).is_dir()):
        return None
    if fmt not in (None, "html"):
        msg = f"a folder holds the HTML report; name a file for --format {fmt}"
        raise OptionError(msg, path=output)
    path = Path(output)
    if path.exists() and not path.is_dir():
        msg = "is a file, not a folder"
        raise OptionError(msg, path=output)
    if not path.parent.is_dir():
        msg = f"folder {str(path.parent)!r} does not exist"
        raise OptionError(msg, path=output)
    return output


def _write(timeline: Timeline, target: Target, *, folder: bool, raw_csv: bool = False) -> None:
    """Render and write (or print) the timeline, then the summary."""
    from policydrift.reports.timeline.tables import timeline_summary

    written: list[str] = []
    if target.fmt is None:  # no -o: the summary alone
        for line in timeline_summary(timeline):
            click.echo(line)
        click.echo("Write the report with -o timeline.html (or -o FOLDER/, or --format json).")
        return
    if target.fmt == "html":
        written = _write_html(timeline, target, folder=folder)
    else:
        from policydrift.progress import stage_bars
        from policydrift.reports.timeline.table_files import write_timeline_tables
        from policydrift.reports.timeline.tables import timeline_json_chunks

        with stage_bars(("rendering",)) as progress:
            if progress is not None:
                progress("rendering", 0, 1, target.fmt)
            tick = (lambda d, t: progress("rendering", d, t, target.fmt)) if progress else None
            if target.fmt in ("csv", "parquet"):
                paths = write_timeline_tables(
                    timeline, target.path, target.fmt, raw=raw_csv, progress=tick
                )
                written = [str(p) for p in paths]
            else:  # made while it is written: never held whole (458 MB at 5,000 statements)
                with closing(timeline_json_chunks(timeline, tick)) as chunks:
                    _emit_quietly(target, chunks, written)
    for line in timeline_summary(timeline):
        click.echo(line, err=not target.to_file)
    if written:
        wrote(_written(written, target.fmt), target.fmt)


def _written(paths: list[str], fmt: str) -> str:
    """The files written, as the ``Wrote`` line names them.

    >>> _written(["t.sentences.csv", "t.editions.csv"], "csv")
    't.sentences.csv and t.editions.csv'
    >>> _written(["r/index.html", "r/series-a.html", "r/series-b.html"], "html")
    'r/index.html and 2 pages'
    """
    more = len(paths) - 1
    if fmt != "html":
        return " and ".join(paths)
    return f"{paths[0]} and {more} page{'s' if more != 1 else ''}" if more else paths[0]


def _write_html(timeline: Timeline, target: Target, *, folder: bool) -> list[str]:
    """One page, or (a folder, or a large report) an index and one page per series."""
    from policydrift.progress import stage_bars
    from policydrift.reports.timeline.html import render_timeline_html, timeline_pages
    from policydrift.reports.timeline.pages import should_split

    written: list[str] = []
    if target.path is None or not (folder or should_split(timeline)):
        with stage_bars(("rendering",)) as progress:
            if progress is not None:
                progress("rendering", 0, 1, "page")
            page = render_timeline_html(timeline)
            if progress is not None:
                progress("rendering", 1, 1, "page")
        _emit_quietly(target, page, written)
        return written
    from pathlib import Path

    from policydrift.reports.output import check_writable, write_all

    if folder:
        Path(target.path).mkdir(exist_ok=True)
        where, index, prefix = Path(target.path), "index.html", "series-"
    else:
        path = Path(target.path)
        where, index, prefix = path.parent, path.name, f"{path.stem}-"
    with stage_bars(("rendering",)) as progress:
        names, pages = timeline_pages(
            timeline, index=index, prefix=prefix, workers=timeline.options.compare.workers,
            progress=(lambda d, t, w: progress("rendering", d, t, w)) if progress else None,
        )  # fmt: skip
        for name in names:
            check_writable(where / name)
        # each page staged as it is made (never all held: 400 MB at 5,000 statements), then
        # all renamed into place, or none; closing the pages stops their processes at once
        with closing(pages):
            write_all((where / name, text) for name, text in pages)
    return [str(where / name) for name in names]


def _emit_quietly(target: Target, text: Iterable[str], written: list[str]) -> None:
    """Write the document, or its pieces as they come (the ``Wrote`` line comes after the
    summary)."""
    if target.path is None:
        emit(target, text)
        return
    from policydrift.reports.output import write_atomic

    write_atomic(target.path, text)
    written.append(target.path)


def register(cli: click.Group) -> None:
    """Add ``drift timeline`` to the command group."""
    cli.add_command(timeline_command)
