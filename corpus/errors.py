"""The one family of user-facing errors shared by every drift package.

Each subclass carries the file it is about and a sentence a user can act on; the CLI alone
turns them into ``Error: <file>: <problem>`` and exit code 2. Anything else is a bug.
"""

from __future__ import annotations


class DriftError(Exception):
    """Base class: a problem with the user's input, options or output path."""

    def __init__(self, problem: str, *, path: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


class InputError(DriftError):
    """A statement file cannot be read as a statement (missing, binary, empty, too big...)."""


class ManifestError(DriftError):
    """A corpus folder or its manifest is inconsistent; may carry several problems."""

    def __init__(self, problems: list[str], *, path: str | None = None) -> None:
        super().__init__("; ".join(problems), path=path)
        self.problems = list(problems)


class ThemeFileError(DriftError):
    """A user theme lexicon file is malformed (the message names the line)."""


class OptionError(DriftError, ValueError):
    """An option value is out of range or inconsistent with another option."""


class OutputError(DriftError):
    """The output path cannot be written (missing folder, no permission)."""


class StrengthFileError(DriftError):
    """A user strength lexicon file is malformed (the message names the line)."""


class RunError(DriftError):
    """The run failed for a reason outside the input: a Dask worker died, a cluster was lost."""
