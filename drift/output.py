"""Where a command's result goes: the format from ``--format`` or the extension of ``-o``, then
standard output or an atomically written file, and the ``Wrote ...`` line.

One helper for every command, so that ``-o report.html``, ``--format json`` and ``-o -`` mean
the same everywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import click
from policydrift.corpus.errors import OptionError

# Every extension drift writes, and the format it names.
EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
    ".parquet": "parquet",
    ".docx": "docx",
    ".md": "md",
    ".markdown": "md",
}
ALIASES = (".htm", ".markdown")  # accepted, not suggested
BINARY = ("docx", "parquet")  # never written to a terminal


@dataclass(frozen=True)
class Target:
    """A resolved output: ``path`` None is standard output; ``fmt`` None is the terminal summary."""

    path: str | None
    fmt: str | None

    @property
    def to_file(self) -> bool:
        return self.path is not None


def format_from_extension(output: str, formats: tuple[str, ...]) -> str:
    """The format that the extension of ``output`` names, if the command writes it."""
    suffix = Path(output).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt not in formats:
        shown = repr(suffix) if suffix else "no extension"
        names = [
            ext for f in formats for ext, g in EXTENSIONS.items() if g == f and ext not in ALIASES
        ]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
        msg = f"cannot tell the output format from {shown}: name it {listed}, or give --format"
        raise OptionError(msg, path=output)
    return fmt


def resolve_target(
    output: str | None,
    fmt: str | None,
    *,
    formats: tuple[str, ...],
    default: str | None,
    stdout_default: str | None = None,
    fallback: str | None = None,
    inputs: Iterable[str | None] = (),
    corpora: Iterable[str | None] = (),
    companions: Callable[[str], Iterable[str | Path]] | None = None,
) -> Target:
    """The target of ``-o OUTPUT --format FMT``, its folder checked before any work.

    ``default``: the format without ``-o`` (None: a terminal summary); ``stdout_default``: the
    format of ``-o -``; ``fallback``: the format of a file whose extension names none. The
    output (and the ``companions`` files written beside it) may be none of the ``inputs`` and
    lie in none of the ``corpora`` folders being read
    (:func:`policydrift.reports.output.check_not_input`).
    """
    path = None if output in (None, "-") else output
    if fmt is None and path is not None:
        suffix_fmt = EXTENSIONS.get(Path(path).suffix.lower())
        fmt = fallback if fallback and suffix_fmt not in formats else None
        fmt = fmt or format_from_extension(path, formats)
    if fmt is None:
        fmt = stdout_default if output == "-" else default
    if path is not None:
        from policydrift.reports.output import check_not_input, check_writable

        paths = [path, *(companions(path) if companions else ())]
        check_not_input(paths, [p for p in inputs if p and p != "-"], [c for c in corpora if c])
        for each in paths:
            check_writable(each)
    return Target(path=path, fmt=fmt)


def emit(target: Target, text: str | bytes | Iterable[str], *, detail: str = "") -> None:
    """Write ``text`` (or its pieces, as they come) to the target's file (atomically) or to
    stdout as UTF-8 bytes.

    A binary format (a Word document) goes to standard output only when it is not a terminal.
    """
    if target.path is None:
        stdout = sys.stdout.buffer  # UTF-8 whatever the locale, bytes unchanged
        if isinstance(text, bytes) and sys.stdout.isatty():
            msg = f"a {target.fmt} file cannot be shown on the terminal: give -o FILE or redirect"
            raise OptionError(msg)
        pieces = [text] if isinstance(text, (str, bytes)) else text
        for piece in pieces:
            if isinstance(piece, str) and sys.stdout.isatty():  # no control sequence reaches it
                from policydrift.reports.terminal import plain

                piece = plain(piece)
            stdout.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        stdout.flush()
        return
    from policydrift.reports.output import write_atomic

    write_atomic(target.path, text)
    wrote(target.path, target.fmt, detail)


def wrote(path: str, fmt: str | None, detail: str = "") -> None:
    """The ``Wrote FILE (format, detail)`` line on stderr."""
    inside = ", ".join(part for part in (fmt or "", detail) if part)
    click.echo(f"Wrote {path} ({inside})", err=True)
