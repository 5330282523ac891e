"""Writing output files safely: a temporary file beside the target, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from policydrift.corpus.errors import OutputError


def check_writable(path: str | os.PathLike[str]) -> Path:
    """Fail early, before any work, if ``path`` cannot be written."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        msg = "is a directory, not a file"
        raise OutputError(msg, path=str(target))
    if not folder.is_dir():
        msg = f"folder {str(folder)!r} does not exist"
        raise OutputError(msg, path=str(target))
    if not os.access(folder, os.W_OK | os.X_OK):
        msg = f"no permission to write in folder {str(folder)!r}"
        raise OutputError(msg, path=str(target))
    if target.exists() and not os.access(target, os.W_OK):
        msg = "no permission to overwrite this file"
        raise OutputError(msg, path=str(target))
    return target


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader never sees a half-written file, and an interrupted run leaves no partial output.
    Text is written as UTF-8 with ``\\n`` line ends whatever the platform.
    """
    target = check_writable(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(exc.strerror or str(exc), path=str(target)) from exc
        raise
    return target
