"""Used by cog in README.md: the command reference, generated from the CLI's own --help."""

from __future__ import annotations

import click
from click.testing import CliRunner
from policydrift.cli import cli


def _walk(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _walk(command, (*prefix, name))


def reference() -> str:
    """Markdown: one section per command with its --help text, at a fixed width."""
    runner = CliRunner()
    parts = []
    for path in [(), *_walk(cli)]:
        result = runner.invoke(cli, [*path, "--help"], terminal_width=100, prog_name="drift")
        title = " ".join(("drift", *path))
        parts.append(f"### `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)
