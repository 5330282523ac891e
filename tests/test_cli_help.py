"""Every command and option of the drift CLI is documented, and -h works everywhere."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner
from policydrift.cli import cli


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


ALL = list(_commands(cli))


def test_top_level_help_lists_commands():
    result = CliRunner().invoke(cli, ["-h"])
    assert result.exit_code == 0
    assert "compare" in result.output


@pytest.mark.parametrize(("path", "command"), ALL, ids=[" ".join(p) for p, _ in ALL])
def test_every_command_has_help_and_documented_options(path, command):
    result = CliRunner().invoke(cli, [*path, "-h"])
    assert result.exit_code == 0, result.output
    assert command.help, f"drift {' '.join(path)} has no help text"
    assert "Usage:" in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"drift {' '.join(path)} {param.opts[0]} has no help"


def test_unknown_command_is_one_line_exit_2():
    result = CliRunner().invoke(cli, ["nope"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert result.output.startswith("Error: No such command 'nope'.")
