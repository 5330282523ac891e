"""``drift reuse CORPUS -o FILE``: every reused sentence across a corpus, earlier -> later.

Thin: check options, load the corpus, call :func:`policydrift.compare.scale.reuse.reuse_pairs` (in process or on
Dask), hand the result to :mod:`policydrift.reports.reuse_tables`. Heavy modules are imported inside.
"""

from __future__ import annotations

import click
from policydrift.compare.models import REUSE_METHODS
from policydrift.corpus.errors import OptionError
from policydrift.options import (
    CONTEXT_SETTINGS,
    at_most_cores,
    corpus_argument,
    csv_raw_option,
    format_option,
    no_cache_option,
    output_option,
    threshold_option,
    undated_option,
)
from policydrift.output import resolve_target

FORMATS = ("csv", "parquet", "json")


@click.command("reuse", context_settings=CONTEXT_SETTINGS)
@corpus_argument
@output_option("Pairs table (.csv, .parquet or .json).", required=True)
@threshold_option(
    90.0, "Least rapidfuzz ratio (0-100) between the sentences' comparison keys.", above_zero=True
)
@click.option(
    "--method", type=click.Choice(REUSE_METHODS), default="auto", show_default=True,
    help="exhaustive: score all pairs; blocked: index candidates first; auto: exhaustive "
    "up to 5,000 distinct sentences.",
)  # fmt: skip
@click.option(
    "--scheduler", envvar="DRIFT_SCHEDULER", default=None, metavar="ADDRESS",
    help="Run on Dask: 'local' starts a LocalCluster, tcp://HOST:PORT uses a running "
    "cluster [env DRIFT_SCHEDULER]. Default: this process.",
)  # fmt: skip
@click.option(
    "--workers", type=int, default=2, show_default=True, callback=at_most_cores,
    help="Worker processes of a local Dask cluster (with --scheduler local).",
)  # fmt: skip
@format_option(FORMATS, "Output format (default: from the output file's extension).")
@undated_option
@no_cache_option
@csv_raw_option
def reuse_command(
    corpus_dir: str, output: str, threshold: float, method: str, scheduler: str | None,
    workers: int, fmt: str | None, undated: bool, no_cache: bool, csv_raw: bool,
) -> None:  # fmt: skip
    """Find every sentence of CORPUS reused later in the corpus (or repeated in a statement).

    Each pair runs from the earlier statement to the later one (by date, then corpus order),
    with the score of rapidfuzz's ratio over the normalised keys. CSV and Parquet also write
    the clusters (a sentence, its later reuses and its first source) beside the pairs file
    (reuse.csv -> reuse.clusters.csv); JSON holds both. A summary goes to stdout.

    \b
    Examples:
      drift reuse corpus/data -o reuse.csv
      drift reuse archive/ -o reuse.parquet --threshold 92 --method blocked
      drift reuse archive/ -o reuse.json --scheduler tcp://10.0.0.5:8786
    """
    from policydrift.cmd_corpus import load_or_fail

    if output == "-":
        msg = "writes a pairs and a clusters table: give a file name"
        raise OptionError(msg, path="-o")
    from policydrift.reports.reuse_tables import clusters_path

    target = resolve_target(
        output, fmt, formats=FORMATS, default=None, corpora=[corpus_dir],
        companions=lambda path: [clusters_path(path)],
    )  # fmt: skip
    corpus = load_or_fail(corpus_dir, undated=undated, no_cache=no_cache)

    from policydrift.compare.scale.reuse import reuse_pairs
    from policydrift.reports.reuse_tables import reuse_summary, write_reuse

    result = reuse_pairs(
        corpus.statements, threshold=threshold, method=method,
        scheduler=scheduler or None, n_workers=workers,
    )  # fmt: skip
    written = write_reuse(result, output, target.fmt, raw=csv_raw)
    for line in reuse_summary(result):
        click.echo(line)
    click.echo("wrote " + ", ".join(str(p) for p in written), err=True)


def register(cli: click.Group) -> None:
    """Add ``drift reuse`` to the CLI."""
    cli.add_command(reuse_command)
