"""The ``drift`` command: the CLI, with what it compiles on start-up kept between runs.

``python -m policydrift`` and the ``drift`` console script start here, not in
:mod:`policydrift.cli`, so that :mod:`policydrift.compiled` is in place before click, jinja2,
markdown-it and numpy are imported (their regular expressions and drift's dataclasses are what
it keeps). The CLI itself is unchanged; tests and library users import it directly.
"""

from __future__ import annotations


def main() -> None:
    """Console-script entry point: :func:`policydrift.cli.main` with the compiled tables kept."""
    import sys
    from contextlib import suppress

    from policydrift import compiled

    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), "")
    try:
        kept = compiled.install(command[:40])
        from policydrift.cli import main as cli_main
    except KeyboardInterrupt:  # Ctrl-C before the CLI handles it: its one line, no traceback
        sys.stderr.write("Error: interrupted; no output was written\n")
        raise SystemExit(130) from None

    try:
        cli_main()
    finally:
        if kept is not None:
            with suppress(Exception, KeyboardInterrupt):  # a cache: the run's outcome stands
                compiled.save(kept)
