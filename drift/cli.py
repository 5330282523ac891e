"""The click shell: the only place that wires corpus, compare and reports together.

Every user error becomes one line on stderr, ``Error: <file>: <problem>``, and exit code 2
(control characters in it shown escaped, so a file name cannot break the line or drive the
terminal); Ctrl-C becomes exit code 130 and SIGTERM (``timeout``, containers, CI) exit code
143, each with one line and no output left behind. Everything printed goes through
:class:`policydrift.reports.terminal.PlainText`: no control sequence from a statement reaches
the terminal. Commands live in ``drift/cmd_*.py`` and are registered below.
"""

from __future__ import annotations

import errno
import signal
import sys
from contextlib import contextmanager, suppress
from importlib import import_module

import click
from policydrift import __version__
from policydrift.corpus.errors import DriftError
from policydrift.options import CONTEXT_SETTINGS


def _fail(message: str, code: int) -> None:
    from policydrift.reports.terminal import one_line

    click.echo(f"Error: {one_line(message)}", err=True)
    sys.exit(code)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that it unwinds as on Ctrl-C."""


class Interrupted(click.ClickException):
    """Ctrl-C: one line and exit code 130 (click alone would print a blank line first)."""

    exit_code = 130


def _interrupted(exc: BaseException) -> tuple[str, int]:
    if isinstance(exc, Terminated):
        return "terminated (SIGTERM); no output was written", 143
    return "interrupted; no output was written", 130


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


@contextmanager
def _plain_streams():
    """stdout and stderr wrapped so that no control sequence is printed; SIGTERM handled."""
    from policydrift.reports.terminal import PlainText

    saved = sys.stdout, sys.stderr
    sys.stdout = PlainText(sys.stdout if sys.stdout is not None else _Closed())
    if sys.stderr is not None:
        sys.stderr = PlainText(sys.stderr)
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        previous = None
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class _Closed:
    """Standard output when the process was started with it closed (``drift ... >&-``)."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> _Closed:
        return self


def _stdout_problem(exc: OSError) -> str | None:
    """The one-line problem of a failed write to standard output, or None if not that."""
    if exc.errno not in (errno.EBADF, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG):
        return None
    reason = exc.strerror or "write failed"
    return f"<stdout>: cannot write the output: {reason[:1].lower()}{reason[1:]}"


class DriftGroup(click.Group):
    """A group whose errors are single lines: no usage block, no traceback.

    Commands are registered by name (:data:`COMMANDS`) and their modules imported when one is
    asked for, so that ``drift compare`` does not load what only ``drift timeline`` needs;
    ``list_commands`` names them all and ``get_command`` gives any of them.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import_module(COMMANDS[cmd_name]).register(self)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            message, code = _interrupted(exc)
            interrupted = Interrupted(message)
            interrupted.exit_code = code
            raise interrupted from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        with _plain_streams():
            self._main(args, prog_name, complete_var, **extra)

    def _main(self, args, prog_name, complete_var, **extra) -> None:
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            sys.stdout.flush()  # a full disk or a closed stdout fails here, not at exit
        except DriftError as exc:
            _fail(str(exc), 2)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "drift"
            _fail(f"{exc.format_message()} (see '{where} --help')", 2)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except (click.Abort, KeyboardInterrupt) as exc:
            _fail(*_interrupted(exc))
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        except OSError as exc:
            problem = _stdout_problem(exc)
            if problem is None:
                raise
            _close_stdout()
            _fail(problem, 2)
        sys.exit(rv if isinstance(rv, int) else 0)


def _close_stdout() -> None:
    """Drop what could not be written, so that Python's exit does not try again and fail."""
    import os

    with suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


#: Every command by name, and the module whose ``register`` adds it (imported on first use).
COMMANDS = {
    "compare": "policydrift.cmd_compare",
    "corpus": "policydrift.cmd_corpus",
    "reuse": "policydrift.cmd_reuse",
    "themes": "policydrift.cmd_themes",
    "timeline": "policydrift.cmd_timeline",
}


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


def main() -> None:
    """Console-script entry point.

    After an interrupt (exit 130 or 143) the process ends at once, once its one line is out:
    every output is already cleaned up, and what else would run at exit (a Dask cluster's
    atexit close, its threads' last words) could only print tracebacks or keep it waiting.
    Otherwise the objects made so far are frozen out of the garbage collector first: the
    interpreter's last collections would walk them all for nothing as the process ends
    (about 0.04 s of a 5 KB ``drift compare``); atexit handlers still run.
    """
    try:
        cli(prog_name="drift")
    except SystemExit as exc:
        if exc.code in (130, 143):
            import os

            for stream in (sys.stdout, sys.stderr):
                with suppress(Exception):
                    stream.flush()
            os._exit(exc.code)
        import gc

        gc.freeze()
        raise
