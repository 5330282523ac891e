"""Reading a file drift did not write: a regular file, of bounded size, or a clean refusal.

``open()`` on a FIFO waits for a writer forever, and ``/dev/zero`` never ends; :func:`read_regular`
opens without blocking (``O_NONBLOCK``), checks the *opened* file (no race with a swap after a
check), and reads at most ``max_bytes``. Theme files, manifests and cache entries go through it.
"""

from __future__ import annotations

import os
import stat

__all__ = ["NotRegular", "TooBig", "read_regular"]


class NotRegular(OSError):
    """The path names a FIFO, device, socket or folder, not a regular file."""


class TooBig(OSError):
    """The file holds more than the limit."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], *, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``; :class:`NotRegular`, :class:`TooBig` or OSError.

    >>> read_regular("/dev/null", max_bytes=10)
    Traceback (most recent call last):
    ...
    policydrift.corpus.safe_open.NotRegular: is a device, not a regular file
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _kind(info.st_mode)
            raise NotRegular(f"is {kind}, not a regular file" if kind[0] == "a" else kind)
        if info.st_size > max_bytes:
            msg = f"is {info.st_size:,} bytes, more than the {max_bytes:,}-byte limit"
            raise TooBig(msg)
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # grew while being read
            msg = f"is more than the {max_bytes:,}-byte limit"
            raise TooBig(msg)
        return b"".join(chunks)
    finally:
        os.close(fd)
