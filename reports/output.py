"""Writing output files safely: never over an input, never half a file, never a lost file.

- A regular file (or a new one) is written to a temporary file beside its *final* target
  (symbolic links followed) and renamed over it; the file it replaces keeps its mode and owner.
- A special file (``/dev/null``, a FIFO, ``/dev/stdout``, a process substitution, a terminal) is
  written directly, never replaced by a rename.
- :func:`write_all` writes several files all or nothing: on any failure, even an interrupt, no
  new file is left and the old ones are back as they were.
- :func:`check_not_input` refuses an output that is one of the inputs (same path, same inode, a
  hard or symbolic link to it) or lies inside a corpus folder being read.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from policydrift.corpus.errors import OutputError

Data = str | bytes | Iterable[str] | Iterable[bytes]
"""What an output holds: text (written as UTF-8) or bytes, whole or in pieces written as they
come."""

__all__ = ["check_not_input", "check_writable", "final_target", "write_all", "write_atomic"]


def final_target(path: str | os.PathLike[str]) -> Path:
    """``path`` with every symbolic link followed (the file a write must reach).

    >>> str(final_target("/no/such/folder/report.html"))
    '/no/such/folder/report.html'
    """
    return Path(os.path.realpath(path))


def _special(path: Path) -> bool:
    """Whether ``path`` exists and is not a regular file (device, FIFO, socket, terminal)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_writable(path: str | os.PathLike[str]) -> Path:
    """Fail early, before any work, if ``path`` cannot be written."""
    target = Path(path)
    if _special(target):
        if not os.access(target, os.W_OK):
            msg = "no permission to write to this file"
            raise OutputError(msg, path=str(target))
        return target
    final = final_target(target)
    if final.is_dir():
        msg = "is a directory, not a file"
        raise OutputError(msg, path=str(target))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        msg = f"folder {str(folder)!r} does not exist"
        raise OutputError(msg, path=str(target))
    if not final.parent.is_dir():
        msg = f"folder {str(final.parent)!r} (where the link points) does not exist"
        raise OutputError(msg, path=str(target))
    if not os.access(final.parent, os.W_OK | os.X_OK):
        msg = f"no permission to write in folder {str(final.parent)!r}"
        raise OutputError(msg, path=str(target))
    if final.exists() and not os.access(final, os.W_OK):
        msg = "no permission to overwrite this file"
        raise OutputError(msg, path=str(target))
    return target


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_not_input(
    outputs: Iterable[str | os.PathLike[str]],
    inputs: Iterable[str | os.PathLike[str]] = (),
    corpora: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Refuse an output that would replace an input or land inside a corpus folder being read.

    An output is an input when both name the same file: the same path once links are
    followed, or the same inode (a hard link). Special files (``/dev/null``, ``/dev/stdout``)
    are never inputs here. ``-`` (stdout) is skipped.

    >>> check_not_input(["a.md"], ["./a.md"])
    Traceback (most recent call last):
    ...
    policydrift.corpus.errors.OutputError: a.md: is one of the input files (a.md); choose another output file
    """
    input_list = [Path(p) for p in inputs]
    corpus_list = [final_target(p) for p in corpora]
    for output in outputs:
        if str(output) == "-" or _special(Path(output)):
            continue
        final = final_target(output)
        same = _identity(final)
        for source in input_list:
            if final == final_target(source) or (same is not None and same == _identity(source)):
                msg = f"is one of the input files ({source}); choose another output file"
                raise OutputError(msg, path=str(output))
        for corpus in corpus_list:
            if _inside(final, corpus):
                msg = (
                    f"is inside the corpus folder being read ({corpus}); a report there would "
                    "be read as a statement next time: write it elsewhere"
                )
                raise OutputError(msg, path=str(output))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stage(target: Path, data: Data) -> tuple[str, bool]:
    """A temporary file beside ``target`` holding ``data``, with ``target``'s mode and owner,
    and whether it must be copied into ``target`` in place (an owner not ours to give away)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(_encoded(data))
        try:
            old = os.stat(target)
        except FileNotFoundError:
            os.chmod(tmp, 0o666 & ~_umask())
        else:
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
            if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, old.st_uid, old.st_gid)
                except PermissionError:
                    return tmp, True  # keep owner and mode by writing in place
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp, False


def _copy_into(tmp: str, target: Path) -> None:
    """The staged file's bytes written over ``target`` in place (same inode, owner, mode)."""
    import shutil

    with open(tmp, "rb") as source, open(target, "wb") as handle:
        shutil.copyfileobj(source, handle, 1 << 20)


def _write_direct(target: Path, data: Data) -> None:
    with open(target, "wb") as handle:
        handle.writelines(_encoded(data))


def _encoded(data: Data) -> Iterator[bytes]:
    """``data`` as UTF-8 bytes, a piece at a time.

    >>> list(_encoded("é")), list(_encoded(b"x")), list(_encoded(iter(["a", b"b"])))
    ([b'\\xc3\\xa9'], [b'x'], [b'a', b'b'])
    """
    if isinstance(data, (bytes, str)):
        data = (data,)
    for piece in data:
        yield piece if isinstance(piece, bytes) else piece.encode("utf-8")


def write_atomic(path: str | os.PathLike[str], data: Data) -> Path:
    """Write ``data`` to ``path``: a temporary file beside the final target, then a rename.

    A reader never sees a half-written file, and an interrupted run leaves no partial output.
    Text is written as UTF-8 with ``\\n`` line ends whatever the platform; text given as an
    iterable of pieces is written as they come, never held whole. Special files are written
    directly; links are written through. Returns ``path``.
    """
    return write_all([(path, data)])[0]


def write_all(items: Iterable[tuple[str | os.PathLike[str], Data]]) -> list[Path]:
    """Write every ``(path, data)`` or none: a failure leaves the old files as they were.

    Every payload is staged in a temporary file first, as ``items`` gives it (so that a
    generator of large payloads is never held whole); then each old file is kept under a hard
    link while the new one is renamed in, and put back if a later step fails. A list of items
    is checked whole (:func:`check_writable`) before anything is written.
    """
    checked = isinstance(items, Sequence)
    if checked:
        for path, _ in items:
            check_writable(path)
    targets: list[Path] = []
    staged: list[tuple[Path, str, bool]] = []  # final target, temporary file, copied in place
    direct: list[tuple[Path, Data]] = []
    done: list[tuple[Path, str | None]] = []  # renamed targets and their backups
    backups: list[str] = []
    current = Path()
    try:
        try:
            for path, data in items:
                target = current = Path(path) if checked else check_writable(path)
                targets.append(target)
                if _special(target):
                    direct.append((target, data))
                    continue
                final = current = final_target(target)
                staged.append((final, *_stage(final, data)))
            for final, tmp, in_place in staged:
                current = final
                backup = _backup(final, copy=in_place)
                done.append((final, backup))
                if backup is not None:
                    backups.append(backup)
                if in_place:
                    _copy_into(tmp, final)
                else:
                    os.replace(tmp, final)
            for target, data in direct:
                current = target
                _write_direct(target, data)
        except BaseException:
            for final, backup in reversed(done):
                with contextlib.suppress(OSError):
                    if backup is None:
                        final.unlink(missing_ok=True)
                    else:
                        os.replace(backup, final)
            raise
        finally:
            for _, tmp, _ in staged:
                Path(tmp).unlink(missing_ok=True)
            for backup in backups:  # a rename onto its own hard link leaves it
                Path(backup).unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc), path=str(current)) from exc
    return targets


def _backup(final: Path, *, copy: bool = False) -> str | None:
    """A hard link to the file at ``final`` (to put it back), or None if there is none.

    ``copy``: a copy instead, for a file about to be written in place (same inode)."""
    if not final.exists():
        return None
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".old", dir=final.parent)
    os.close(fd)
    os.unlink(name)
    import shutil

    try:
        if copy:
            shutil.copy2(final, name)
        else:
            os.link(final, name)
    except OSError:  # no hard links here: a copy does the same job
        shutil.copy2(final, name)
    return name
