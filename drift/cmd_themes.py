"""``drift themes OLD NEW``: which policy themes are new, dropped, rising or falling.

Thin on purpose: check options, load the lexicon, read and align both statements, call
:func:`policydrift.compare.themes.coding.compare_themes`, hand the result to :mod:`policydrift.reports.themes_tables`.
Heavy modules are imported inside the command so ``drift --help`` stays instant.
"""

from __future__ import annotations

import os

import click
from policydrift.corpus.errors import OptionError
from policydrift.options import (
    CONTEXT_SETTINGS,
    THEME_DEFAULTS,
    at_least,
    csv_raw_option,
    format_option,
    lexicon_option,
    load_themes,
    output_option,
    refuse_unless,
    themes_file_option,
)
from policydrift.output import emit, resolve_target

FORMATS = ("table", "csv", "json")


check_ratio = refuse_unless(lambda v: v > 1, "must be greater than 1, not {value:g}")


def read_prior(paths: tuple[str, ...]) -> list:
    """Statements of every ``--prior`` file or corpus folder, in the order given."""
    from policydrift.corpus import read_statement
    from policydrift.corpus.collection import load_corpus

    statements = []
    for path in paths:
        if os.path.isdir(path):
            statements.extend(load_corpus(path, cache=False).statements)
        else:
            statements.append(read_statement(path))
    return statements


@click.command("themes", context_settings=CONTEXT_SETTINGS)
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@themes_file_option(
    "A YAML theme lexicon that extends the built-in one (same ids replace "
    "built-in themes; 'extend: false' in the file replaces the whole lexicon)."
)
@lexicon_option
@click.option("--min-new", type=int, default=THEME_DEFAULTS.min_new, show_default=True, metavar="K",
              callback=at_least(1), help="Sentences a theme needs on one side (and none on the other) to be called "
              "new or dropped.")  # fmt: skip
@click.option("--min-count", type=int, default=THEME_DEFAULTS.min_count, show_default=True, metavar="N",
              callback=at_least(1), help="Sentences the larger side needs before a theme can be called rising "
              "or falling.")  # fmt: skip
@click.option("--min-ratio", type=float, default=THEME_DEFAULTS.min_ratio, show_default=True, metavar="R",
              callback=check_ratio, help="Smoothed ratio of sentence rates per 1,000 words (or its inverse) to "
              "call a theme rising (falling); mentions and sentences must move the same way.")  # fmt: skip
@click.option("--prior", multiple=True, metavar="PATH", help="A statement file or corpus "
              "folder for the keyness prior (log-odds with an informative Dirichlet prior); "
              "repeatable.")  # fmt: skip
@click.option("--top", type=int, default=THEME_DEFAULTS.top, show_default=True, metavar="N",
              callback=at_least(0), help="Key words and phrases to list in each direction.")  # fmt: skip
@click.option("--all", "show_all", is_flag=True,
              help="In the table, also list the themes found in neither statement.")  # fmt: skip
@format_option(FORMATS, "Output format (default: from the extension of -o, else table).")
@output_option("Write to FILE instead of stdout.")
@csv_raw_option
def themes_command(
    old: str,
    new: str,
    theme_file: str | None,
    lexicons: tuple[str, ...],
    min_new: int,
    min_count: int,
    min_ratio: float,
    prior: tuple[str, ...],
    top: int,
    show_all: bool,
    fmt: str | None,
    output: str | None,
    csv_raw: bool,
) -> None:
    """Flag the policy themes that are new, dropped, reframed, rising or falling.

    Every sentence of OLD and NEW is coded with the theme lexicons (cyber and digital policy,
    and foreign-policy and summit domains; choose with --lexicon, extend with --themes). A
    theme is new when no sentence of OLD carries it; rising or falling when its mentions,
    its sentences and its rate of sentences per 1,000 words all move the same way. A theme
    swapped for another inside an aligned, edited sentence is reported as a reframing. Every
    flag comes with the sentences that prove it, and with the emerging words and phrases
    beyond the lexicon. JSON and CSV are for pandas users.

    \b
    Examples:
      drift themes 2017.txt 2025.txt
      drift themes old.md new.md --format json -o themes.json
      drift themes old.md new.md --themes my_themes.yaml --min-new 2
      drift themes old.md new.md --prior corpus/ -o themes.csv
    """
    if old == "-" and new == "-":
        msg = "standard input can be read only once: give a file for OLD or NEW"
        raise OptionError(msg, path="-")
    target = resolve_target(
        output, fmt, formats=FORMATS, default="table", fallback="table",
        inputs=[old, new, theme_file, *prior], corpora=prior,
    )  # fmt: skip
    from policydrift.compare import compare
    from policydrift.compare.models import ThemeOptions
    from policydrift.corpus.collection import read_one as read_statement

    options = ThemeOptions(
        lexicon=load_themes(theme_file, lexicons), lexicons=lexicons, min_new=min_new,
        min_count=min_count, min_ratio=min_ratio, top=top,
        background=tuple(read_prior(prior)) if prior else (),
    )  # fmt: skip
    result = compare(read_statement(old), read_statement(new), themes=options).themes
    from policydrift.reports.themes_tables import themes_table, themes_to_csv, themes_to_json

    if target.fmt == "json":
        text = themes_to_json(result)
    elif target.fmt == "csv":
        text = themes_to_csv(result, raw=csv_raw)
    else:
        text = "\n".join(themes_table(result, show_all=show_all)) + "\n"
    emit(target, text, detail=f"{len(result.flagged)} flagged themes")


def register(cli: click.Group) -> None:
    """Add ``drift themes`` to the command group."""
    cli.add_command(themes_command)
