"""``drift reuse CORPUS -o FILE``: every reused sentence across a corpus, earlier -> later.

Thin: check options, load the corpus, call :func:`policydrift.compare.scale.reuse.reuse_pairs` (in process or on
Dask), hand the result to :mod:`policydrift.reports.reuse_tables`. Heavy modules are imported inside.
"""

from __future__ import annotations

from pathlib import Path

import click
from policydrift.corpus.errors import OptionError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXTENSIONS = {".csv": "csv", ".parquet": "parquet", ".json": "json"}
METHODS = ("auto", "exhaustive", "blocked")  # copy of compare.scale.METHODS (checked by a test)


def _format(fmt: str | None, output: str) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower()
    if suffix not in EXTENSIONS:
        shown = repr(suffix) if suffix else "no extension"
        msg = f"cannot tell the output format from {shown}: name it .csv, .parquet or .json, or give --format"
        raise OptionError(msg, path=output)
    return EXTENSIONS[suffix]


@click.command("reuse", context_settings=CONTEXT_SETTINGS)
@click.argument("corpus_dir", metavar="CORPUS", type=str)
@click.option("-o", "--output", required=True, help="Pairs table (.csv, .parquet or .json).")
@click.option(
    "--threshold", type=float, default=90.0, show_default=True,
    help="Least rapidfuzz ratio (0-100) between the sentences' comparison keys.",
)  # fmt: skip
@click.option(
    "--method", type=click.Choice(METHODS), default="auto", show_default=True,
    help="exhaustive: score all pairs; blocked: index candidates first; auto: exhaustive "
    "up to 5,000 distinct sentences.",
)  # fmt: skip
@click.option(
    "--scheduler", envvar="DRIFT_SCHEDULER", default=None, metavar="ADDRESS",
    help="Run on Dask: 'local' starts a LocalCluster, tcp://HOST:PORT uses a running "
    "cluster [env DRIFT_SCHEDULER]. Default: this process.",
)  # fmt: skip
@click.option(
    "--workers", type=int, default=2, show_default=True,
    help="Worker processes of a local Dask cluster (with --scheduler local).",
)  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(("csv", "parquet", "json")), default=None,
              help="Output format (default: from the output file's extension).")  # fmt: skip
@click.option("--undated", is_flag=True, help="Accept statements without a date.")
@click.option("--no-cache", is_flag=True, help="Read every file afresh; do not use the cache.")
def reuse_command(
    corpus_dir: str, output: str, threshold: float, method: str, scheduler: str | None,
    workers: int, fmt: str | None, undated: bool, no_cache: bool,
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
    from policydrift.reports.output import check_writable

    if not 0.0 < threshold <= 100.0:
        msg = f"--threshold must be in (0, 100]: {threshold!r}"
        raise OptionError(msg)
    if workers < 1:
        msg = f"--workers must be at least 1: {workers!r}"
        raise OptionError(msg)
    fmt = _format(fmt, output)
    check_writable(output)
    corpus = load_or_fail(corpus_dir, undated=undated, no_cache=no_cache)

    from policydrift.compare.scale.reuse import reuse_pairs
    from policydrift.reports.reuse_tables import reuse_summary, write_reuse

    result = reuse_pairs(
        corpus.statements, threshold=threshold, method=method,
        scheduler=scheduler or None, n_workers=workers,
    )  # fmt: skip
    written = write_reuse(result, output, fmt)
    for line in reuse_summary(result):
        click.echo(line)
    click.echo("wrote " + ", ".join(str(p) for p in written), err=True)


def register(cli: click.Group) -> None:
    """Add ``drift reuse`` to the CLI."""
    cli.add_command(reuse_command)
