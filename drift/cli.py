"""The click shell: the only place that wires corpus, compare and reports together.

Every user error becomes one line on stderr, ``Error: <file>: <problem>``, and exit code 2;
Ctrl-C becomes exit code 130. Commands live in ``drift/cmd_*.py`` and are registered below.
"""

from __future__ import annotations

import sys

import click
from policydrift import __version__
from policydrift.corpus.errors import DriftError
from policydrift.options import CONTEXT_SETTINGS


def _fail(message: str, code: int) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


class Interrupted(click.ClickException):
    """Ctrl-C: one line and exit code 130 (click alone would print a blank line first)."""

    exit_code = 130


class DriftGroup(click.Group):
    """A group whose errors are single lines: no usage block, no traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            msg = "interrupted; no output was written"
            raise Interrupted(msg) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except DriftError as exc:
            _fail(str(exc), 2)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "drift"
            _fail(f"{exc.format_message()} (see '{where} --help')", 2)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            _fail("interrupted; no output was written", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(cls=DriftGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="drift")
def cli() -> None:
    """Show how official policy statements change over time.

    drift aligns the sentences of two statements (or a whole corpus of dated editions), tells
    what was kept word for word, edited, moved, split, merged, added and dropped, which policy
    themes appear and disappear, and how much language is reused, with the sentences as proof.

    \b
    Examples:
      drift compare old.txt new.txt -o report.html
      drift themes old.txt new.txt
      drift timeline corpus/ -o timeline.html
    """


def _register() -> None:
    """Attach every command, by name (each module's ``register`` adds its commands)."""
    from policydrift import cmd_compare, cmd_corpus, cmd_reuse, cmd_themes, cmd_timeline

    for module in (cmd_compare, cmd_corpus, cmd_reuse, cmd_themes, cmd_timeline):
        module.register(cli)


_register()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="drift")
