"""Options shared by several commands, as decorators (in the manner of sqlite-utils).

Defaults are read from the engine's own option dataclasses, which are light to import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from policydrift.compare.models import SCORER_NAMES, CompareOptions, ThemeOptions, check_score
from policydrift.corpus.errors import OptionError
from policydrift.corpus.processes import cores

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULTS = CompareOptions()
THEME_DEFAULTS = ThemeOptions()
DEFAULT_MAX_BYTES = 50_000_000

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def compose(*decorators: Decorator) -> Decorator:
    """One decorator applying several, the first listed outermost (as written above a function)."""

    def apply(function: Callable[..., Any]) -> Callable[..., Any]:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


def flag(name: str, help_text: str) -> Decorator:
    """An on/off option that is off unless given."""
    return click.option(name, is_flag=True, help=help_text)


def output_option(help_text: str, *, required: bool = False) -> Decorator:
    """``-o/--output FILE``."""
    return click.option("-o", "--output", metavar="FILE", required=required, help=help_text)


def format_option(formats: tuple[str, ...], help_text: str) -> Decorator:
    """``--format``, one of ``formats`` (stored as ``fmt``)."""
    return click.option("--format", "fmt", type=click.Choice(formats), help=help_text)


def score_callback(
    above_zero: bool = False,
) -> Callable[[click.Context, click.Parameter, float], float]:
    """A click callback running the engine's one range check on a score option."""

    def check(ctx: click.Context, param: click.Parameter, value: float) -> float:
        return check_score(value, name=param.opts[-1], above_zero=above_zero)

    return check


Callback = Callable[[click.Context, click.Parameter, Any], Any]


def refuse_unless(accept: Callable[[Any], bool], problem: str) -> Callback:
    """A click callback raising an :class:`OptionError` naming the option when ``accept`` fails.

    ``problem`` is formatted with the value, e.g. ``"must be positive, not {value}"``.
    """

    def check(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if not accept(value):
            raise OptionError(problem.format(value=value), path=param.opts[-1])
        return value

    return check


def at_least(low: int, what: str = "") -> Callback:
    """A click callback refusing a number below ``low`` (``what``: 'words', 'sentences'...)."""
    unit = f" {what}" if what else ""
    return refuse_unless(lambda v: v >= low, f"must be at least {low}{unit}, not {{value}}")


_cores = refuse_unless(
    lambda v: v == -1 or 1 <= v <= cores(),
    f"must be -1 (all cores) or from 1 to {cores()} (the cores of this machine), not {{value}}",
)
at_most_cores = refuse_unless(
    lambda v: 1 <= v <= cores(),
    f"must be from 1 to {cores()} (the cores of this machine), not {{value}}",
)
"""A click callback: from 1 to the number of cores (a local Dask cluster's workers)."""
_scorer = refuse_unless(
    lambda v: v in SCORER_NAMES, f"must be one of {', '.join(SCORER_NAMES)}, not {{value!r}}"
)


def workers_option(help_text: str) -> Decorator:
    """``--workers N``: processor cores to use (-1: every core of this machine)."""
    return click.option(
        "--workers",
        type=int,
        default=DEFAULTS.workers,
        show_default=True,
        callback=_cores,
        metavar="N",
        help=help_text,
    )


def threshold_option(default: float, help_text: str, *, above_zero: bool = False) -> Decorator:
    """``--threshold SCORE`` (0-100), checked by :func:`policydrift.compare.models.check_score`."""
    return click.option(
        "--threshold",
        type=float,
        default=default,
        show_default=True,
        metavar="SCORE",
        callback=score_callback(above_zero),
        help=help_text,
    )


def themes_file_option(help_text: str = "A YAML theme lexicon that extends the built-in one "
                       "(same ids replace built-in themes).") -> Decorator:  # fmt: skip
    """``--themes FILE`` (stored as ``theme_file``)."""
    return click.option("--themes", "theme_file", metavar="FILE", help=help_text)


def _lexicons(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from policydrift.compare.themes.lexicon import lexicon_names

    try:
        return lexicon_names(value)
    except ValueError as exc:
        raise OptionError(str(exc), path="--lexicon") from None


lexicon_option = click.option(
    "--lexicon",
    "lexicons",
    default=",".join(THEME_DEFAULTS.lexicons),
    show_default=True,
    metavar="NAMES",
    callback=_lexicons,
    help="Built-in theme lexicons, comma-separated: cyber (cyber and digital policy), policy "
    "(foreign-policy and summit domains: security, maritime, regional conflicts, climate, "
    "trade...).",
)


def load_themes(theme_file: str | None, lexicons: tuple[str, ...]):
    """The lexicon of ``--lexicon`` extended by ``--themes`` (a bad file fails here, early)."""
    from policydrift.compare.themes.lexicon import load_lexicon

    return load_lexicon(theme_file, lexicons=lexicons)


def strength_file_option() -> Decorator:
    """``--strength FILE`` (stored as ``strength_file``): a strength lexicon extending the built-in one."""
    return click.option(
        "--strength",
        "strength_file",
        metavar="FILE",
        help="A YAML strength lexicon that extends the built-in one (markers of commitment, "
        "support, hedges...; same scale ids add to the built-in scales).",
    )


csv_raw_option = flag(
    "--csv-raw",
    "Write CSV cells exactly as read. By default a cell starting with = + - @, a tab or a "
    "carriage return gets a leading ' so that spreadsheets show it as text, not run it as a "
    "formula (OWASP CSV injection rule).",
)
MAX_MAX_BYTES = 2_000_000_000  # the reader holds a file and its text in memory at once
_positive_bytes = refuse_unless(
    lambda v: 1 <= v <= MAX_MAX_BYTES,
    f"must be a number of bytes from 1 to {MAX_MAX_BYTES:,}, not {{value}}",
)


max_bytes_option = click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    metavar="N",
    callback=_positive_bytes,
    help="Refuse input files larger than N bytes.",
)
keep_all_option = flag(
    "--keep-all",
    "Compare every line; do not strip page furniture (menus, bylines, share links).",
)
undated_option = flag(
    "--undated",
    "Accept statements without a date; order the corpus by file path instead of date.",
)
no_cache_option = flag(
    "--no-cache",
    "Read every file afresh; do not use or fill the cache ($DRIFT_CACHE_DIR, ~/.cache/drift).",
)
corpus_argument = click.argument("corpus_dir", metavar="CORPUS", type=str)

alignment_options = compose(
    threshold_option(
        DEFAULTS.threshold,
        "Lowest similarity score (0-100) at which two sentences count as the same sentence "
        "(edited); below it they are dropped and new.",
    ),
    click.option(
        "--split-threshold",
        type=float,
        default=DEFAULTS.split_threshold,
        show_default=True,
        metavar="SCORE",
        callback=score_callback(),
        help="Lowest score (0-100) of one sentence against several joined neighbours to call "
        "it a split or a merge.",
    ),
    click.option(
        "--min-passage-words",
        type=int,
        default=DEFAULTS.min_passage_words,
        callback=at_least(2, "words"),
        show_default=True,
        metavar="N",
        help="Shortest run of words shared word for word that is reported as a passage.",
    ),
    click.option(
        "--scorer",
        default=DEFAULTS.scorer,
        callback=_scorer,
        show_default=True,
        metavar="NAME",
        help="How sentences are scored: 'model' (the similarity model: a link confidence "
        "0-100 calibrated on labelled sentence pairs) or one rapidfuzz function: "
        f"{', '.join(SCORER_NAMES[1:])}.",
    ),
    click.option(
        "--semantic/--no-semantic",
        default=DEFAULTS.semantic,
        show_default=True,
        help="With the model: add sentence embeddings where words leave a sentence of each "
        "side unmatched (finds sentences restated in other words; loads a 16 MB model).",
    ),
    workers_option("Processor cores for scoring (-1: all); the results do not depend on it."),
)

date_from_option = click.option(
    "--date-from",
    type=click.Choice(("auto", "pdf")),
    default="auto",
    show_default=True,
    help="Where dates come from. auto: a manifest.csv, the front matter or the page's own "
    "date, else the file name (2021-09-24-name.md, 2021.txt). pdf: also a PDF's metadata "
    "(when the file was made, not when the statement was issued; the report says so).",
)
