"""``drift timeline CORPUS``: the year-over-year report of a corpus of dated statements.

Thin: check options, load the corpus, call :func:`policydrift.compare.timeline.build.build_timeline`, hand the
result to :mod:`policydrift.reports.timeline.view` (HTML) or :mod:`policydrift.reports.timeline.tables` (JSON, CSV,
Parquet). Heavy modules are imported inside the command so ``drift --help`` stays instant.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from policydrift.corpus.errors import OptionError

if TYPE_CHECKING:
    from policydrift.compare.timeline.models import Timeline

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
FORMATS = ("html", "json", "csv", "parquet")
EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
    ".parquet": "parquet",
}
DEFAULT_THRESHOLD = 90.0  # copy of compare.timeline_models.TimelineOptions.threshold (tested)


def _format(fmt: str | None, output: str | None) -> str:
    """``--format`` if given, else the output file's extension, else HTML."""
    if fmt:
        return fmt
    if output is None or output == "-":
        return "html"
    suffix = Path(output).suffix.lower()
    if suffix not in EXTENSIONS:
        shown = repr(suffix) if suffix else "no extension"
        msg = f"cannot tell the output format from {shown}: name it .html, .json, .csv or .parquet, or give --format"
        raise OptionError(msg, path=output)
    return EXTENSIONS[suffix]


@click.command("timeline", context_settings=CONTEXT_SETTINGS)
@click.argument("corpus_dir", metavar="CORPUS", type=str)
@click.option(
    "-o", "--output", metavar="FILE",
    help="Write to FILE (format from its extension). CSV and Parquet write two tables named "
    "from it (t.csv -> t.sentences.csv, t.editions.csv). Without it, HTML or JSON go to stdout.",
)  # fmt: skip
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format; overrides the extension of -o.",
)
@click.option(
    "--series",
    metavar="NAME",
    help="Report on this series only (default: every series, and all statements together).",
)
@click.option(
    "--exclude-formulaic", is_flag=True,
    help="Leave formulaic sentences (found in most editions of a series) out of the reuse figures.",
)  # fmt: skip
@click.option(
    "--themes",
    "themes_file",
    metavar="FILE",
    help="A theme lexicon (YAML) extending the built-in one.",
)
@click.option(
    "--undated", is_flag=True, help="Accept statements without a date; order them by file path."
)
@click.option(
    "--no-cache", is_flag=True, help="Read every file afresh; do not use or fill the cache."
)
@click.option(
    "--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True, metavar="SCORE",
    help="Lowest similarity (0-100) at which a sentence counts as reused from an earlier statement.",
)  # fmt: skip
def timeline_command(
    corpus_dir: str, output: str | None, fmt: str | None, series: str | None, exclude_formulaic: bool,
    themes_file: str | None, undated: bool, no_cache: bool, threshold: float,
) -> None:  # fmt: skip
    """Tell the story of a corpus's language over the years, edition by edition.

    For each series of dated statements: how much each edition reuses from the previous one
    and from any earlier statement, where each reused sentence first appeared, sentence
    lineages with their edits, formulaic language, and the themes and named initiatives that
    appear, persist and fade, with the sentences as evidence. One offline HTML file with
    charts, or every table as JSON, CSV or Parquet.

    \b
    Examples:
      drift timeline corpus/data -o timeline.html
      drift timeline corpus/data --series counter_ransomware_initiative -o cri.html
      drift timeline corpus/data --exclude-formulaic -o timeline.json
      drift timeline corpus/data -o tables.parquet
    """
    if not 0.0 < threshold <= 100.0:
        msg = f"must be a score above 0 and at most 100, not {threshold:g}"
        raise OptionError(msg, path="--threshold")
    fmt = _format(fmt, output)
    to_file = output is not None and output != "-"
    if fmt in ("csv", "parquet") and not to_file:
        msg = f"{fmt} writes two tables: give a file name with -o"
        raise OptionError(msg, path="--format")
    from policydrift.reports.output import check_writable

    if to_file:
        if fmt in ("csv", "parquet"):
            from policydrift.reports.timeline.tables import table_paths

            for path in table_paths(output):
                check_writable(path)
        else:
            check_writable(output)
    from policydrift.compare.themes.lexicon import load_lexicon

    lexicon = load_lexicon(themes_file) if themes_file else load_lexicon()
    from policydrift.cmd_corpus import load_or_fail, progress_bar

    corpus = load_or_fail(corpus_dir, undated=undated, no_cache=no_cache)
    if series is not None and series not in corpus.series:
        msg = f"no series {series!r} in this corpus; its series are: {', '.join(corpus.series) or 'none'}"
        raise OptionError(msg, path="--series")
    from policydrift.compare.timeline.build import TimelineOptions, build_timeline

    with progress_bar("timeline") as progress:
        timeline = build_timeline(
            corpus.statements, lexicon=lexicon, series=series, exclude_formulaic=exclude_formulaic,
            options=TimelineOptions(threshold=threshold), progress=progress,
        )  # fmt: skip
    _write(timeline, fmt, output if to_file else None)


def _write(timeline: Timeline, fmt: str, output: str | None) -> None:
    """Render and write (or print) the timeline, then the summary."""
    from policydrift.reports.timeline.tables import timeline_summary

    if fmt in ("csv", "parquet"):
        from policydrift.reports.timeline.tables import write_timeline_tables

        written = [str(p) for p in write_timeline_tables(timeline, output, fmt)]
    else:
        if fmt == "html":
            from policydrift.reports.timeline.html import render_timeline_html

            text = render_timeline_html(timeline)
        else:
            from policydrift.reports.timeline.tables import timeline_to_json

            text = timeline_to_json(timeline)
        if output is None:
            click.echo(text, nl=False)
            written = []
        else:
            from policydrift.reports.output import write_atomic

            write_atomic(output, text)
            written = [output]
    to_stderr = output is None
    for line in timeline_summary(timeline):
        click.echo(line, err=to_stderr)
    if written:
        click.echo(f"Wrote {', '.join(written)} ({fmt})", err=True)


def register(cli: click.Group) -> None:
    """Add ``drift timeline`` to the command group."""
    cli.add_command(timeline_command)
