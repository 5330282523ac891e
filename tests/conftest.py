"""Fixtures shared by the tests at the top of ``tests/``."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Where:
    inputs: Path  # everything the case reads lives here
    out: Path  # the output folder, empty before the run


@pytest.fixture
def where() -> Iterator[Where]:
    """Input and output folders that the unprivileged user can reach (not under /root)."""
    base = Path(tempfile.mkdtemp(prefix="drift-hostile-"))
    base.chmod(0o755)
    inputs, out = base / "in", base / "out"
    inputs.mkdir()
    out.mkdir()
    inputs.chmod(0o755)
    out.chmod(0o777)
    yield Where(inputs, out)
    for root, dirs, _ in os.walk(base):
        for name in dirs:
            Path(root, name).chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)
