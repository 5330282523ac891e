"""Finding the statement files of a corpus folder, and the manifest row of each.

Rules (the README documents them for users):

- Statement files end in ``.txt .md .markdown .html .htm .pdf`` (any case). Other files
  (``.csv``, ``.json``...), hidden files and folders (``.name``), ``manifest.csv`` and
  documentation files named README, LICENSE/LICENCE, COPYING or SOURCE (any case, any
  extension, with an optional tag such as ``LICENSE_CC0.txt``) are skipped, with the reason.
- A ``manifest.csv`` governs the files of its folder and below, down to a nested manifest.
  Files it does not list are skipped and reported (not fatal); files it lists that are not
  there, or that lead outside the corpus, are problems. A listed file is read even if its
  name looks like documentation.
- FIFOs, devices and sockets are never opened, and an HTML file whose head names drift as its
  generator (a report drift wrote into the folder) is not a statement: both are skipped with
  the reason (a problem if a manifest lists them).
- Symbolic links: a link to a file inside the corpus is followed; a link that points outside
  the corpus folder, is broken, or loops is a problem; a link to a folder inside the corpus
  is not followed (that folder is read under its own name).
- A statement's default series is the name of the folder that holds it, verbatim (for a
  corpus laid out as ``<series>/<file>`` that is the first-level folder; for the bundled
  ``data/whitehouse/<series>/<file>`` it is ``<series>``); files at the top have none.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from policydrift.corpus.manifest import MANIFEST_NAME, Manifest, ManifestRow, Problem, read_manifest

__all__ = ["STATEMENT_SUFFIXES", "Discovery", "Entry", "Skipped", "discover", "is_doc_file"]

STATEMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
_DOC_NAME = re.compile(r"(readme|licen[cs]e|copying|source)(?:[_-][a-z0-9]{1,12})?", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """A statement file to read: where it is, its default series and its manifest row."""

    path: str  # the corpus root joined with ``relpath``: how messages name the file
    relpath: str  # relative to the corpus root, ``/`` separated
    series: str | None  # name of the folder holding the file; None for files at the top level
    row: ManifestRow | None = None
    manifest: str | None = None  # display path of the governing manifest


@dataclass(frozen=True)
class Skipped:
    """A file in the corpus folder that is not read as a statement, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Discovery:
    """What a walk over a corpus folder found, in file-path order."""

    root: str
    entries: tuple[Entry, ...]
    skipped: tuple[Skipped, ...]
    problems: tuple[Problem, ...]
    root_ok: bool = True  # False: the root is missing or not a folder (already a problem)


def is_doc_file(name: str) -> bool:
    """True for README, LICENSE, COPYING or SOURCE files, which describe a corpus.

    >>> [is_doc_file(n) for n in ("README.md", "LICENSE_CC0.txt", "Source.MD", "sources-2021.md")]
    [True, True, True, False]
    """
    return bool(_DOC_NAME.fullmatch(name.split(".", 1)[0]))


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is not read at all (a FIFO would block, a device never ends), or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # the reader reports it in its own words
    if stat.S_ISREG(mode):
        return None
    kind = "FIFO (named pipe)" if stat.S_ISFIFO(mode) else "device or socket"
    return f"not a regular file (a {kind}); not read"


_GENERATOR = re.compile(rb"<meta\s+name=[\"']?generator[\"']?\s+content=[\"']?drift[\s\"']", re.I)


def _is_drift_report(path: Path) -> bool:
    """Whether an HTML file is a report drift wrote (its ``<head>`` names drift as generator)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        head = os.read(fd, 4096)
    except OSError:
        return False
    finally:
        os.close(fd)
    return _GENERATOR.search(head) is not None


def discover(root: str | os.PathLike[str], *, undated: bool = False) -> Discovery:
    """Walk ``root``: statement files with their manifest rows, skipped files, problems."""
    walk = _Walk(root, undated=undated)
    return walk.run()


class _Walk:
    def __init__(self, root: str | os.PathLike[str], *, undated: bool) -> None:
        self.root = Path(root)
        self.shown = str(root)
        self.undated = undated
        self.entries: list[Entry] = []
        self.skipped: list[Skipped] = []
        self.problems: list[Problem] = []
        self.manifests: list[tuple[Manifest, str, dict[str, ManifestRow]]] = []
        self.matched: set[tuple[str, str]] = set()  # (manifest display, relpath) seen

    def show(self, rel: str) -> str:
        return str(self.root / rel) if rel else self.shown

    def run(self) -> Discovery:
        root_ok = self.root.is_dir()
        if not self.root.exists():
            self.problems.append(Problem(self.shown, "corpus folder does not exist"))
        elif not root_ok:
            self.problems.append(Problem(self.shown, "is a file, not a corpus folder"))
        else:
            self.real_root = os.path.realpath(self.root)
            self.walk_folder("", None)
            self.check_unmatched()
        return Discovery(
            self.shown, tuple(self.entries), tuple(self.skipped), tuple(self.problems), root_ok
        )

    def walk_folder(
        self, rel: str, governing: tuple[Manifest, str, dict[str, ManifestRow]] | None
    ) -> None:
        folder = self.root / rel
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            self.problems.append(Problem(self.show(rel), f"cannot list folder: {exc.strerror}"))
            return
        if any(name.casefold() == MANIFEST_NAME for name in names):
            name = next(n for n in names if n.casefold() == MANIFEST_NAME)
            manifest_rel = f"{rel}/{name}" if rel else name
            manifest = read_manifest(
                folder / name, display=self.show(manifest_rel), require_date=not self.undated
            )
            self.problems.extend(manifest.problems)
            prefix = f"{rel}/" if rel else ""
            listed = {prefix + row.relpath: row for row in manifest.rows}
            governing = (manifest, prefix, listed)
            self.manifests.append(governing)
        for name in names:
            child = f"{rel}/{name}" if rel else name
            self.visit(child, name, governing)

    def visit(
        self, rel: str, name: str, governing: tuple[Manifest, str, dict[str, ManifestRow]] | None
    ) -> None:
        path = self.root / rel
        row = governing[2].get(rel) if governing else None
        if row is not None:
            self.matched.add((governing[0].display, rel))
        if path.is_symlink() and not self.symlink_ok(rel, path):
            return
        if path.is_dir():
            if name.startswith("."):
                self.skipped.append(Skipped(self.show(rel), "hidden folder"))
            elif path.is_symlink():
                reason = "link to a folder inside the corpus (read under its own name)"
                self.skipped.append(Skipped(self.show(rel), reason))
            else:
                self.walk_folder(rel, governing)
            return
        if name.casefold() == MANIFEST_NAME:
            self.skipped.append(Skipped(self.show(rel), "manifest"))
            return
        suffix = os.path.splitext(name)[1].casefold()
        special = _not_regular(path)
        if special is not None or (suffix in (".html", ".htm") and _is_drift_report(path)):
            reason = special or "a drift report (its generator is drift), not a statement"
            if row is not None:
                self.problems.append(
                    Problem(self.show(rel), f"{reason}; listed in {governing[0].display}")
                )
            else:
                self.skipped.append(Skipped(self.show(rel), reason))
            return
        if row is not None:
            if suffix not in STATEMENT_SUFFIXES:
                kinds = " ".join(STATEMENT_SUFFIXES)
                msg = f"line {row.line}: {row.file!r} is not a statement file ({kinds})"
                self.problems.append(Problem(governing[0].display, msg))
                return
            self.add_entry(rel, row, governing[0].display)
            return
        reason = self.skip_reason(name, suffix)
        if reason is None and governing is not None and not governing[0].usable:
            reason = f"{governing[0].display} cannot be used (see its problem)"
        elif reason is None and governing is not None:
            reason = f"not listed in {governing[0].display}"
            self.problems.append(
                Problem(self.show(rel), f"present but {reason}; skipped", fatal=False)
            )
        if reason is not None:
            self.skipped.append(Skipped(self.show(rel), reason))
            return
        self.add_entry(rel, None, None)

    @staticmethod
    def skip_reason(name: str, suffix: str) -> str | None:
        if name.startswith("."):
            return "hidden file"
        if suffix not in STATEMENT_SUFFIXES:
            return f"not a statement file type ({suffix or 'no extension'})"
        if is_doc_file(name):
            return "documentation file (README, LICENSE, SOURCE), not a statement"
        return None

    def add_entry(self, rel: str, row: ManifestRow | None, manifest: str | None) -> None:
        series = rel.rsplit("/", 2)[-2] if "/" in rel else None
        self.entries.append(Entry(self.show(rel), rel, series, row, manifest))

    def symlink_ok(self, rel: str, path: Path) -> bool:
        """Follow a link only if it resolves to an existing place inside the corpus."""
        shown = self.show(rel)
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self.problems.append(
                    Problem(shown, "symlink loop (the link points back to itself)")
                )
            else:
                target = os.readlink(path)
                self.problems.append(
                    Problem(shown, f"broken symlink (target {target!r} does not exist)")
                )
            return False
        real = os.path.realpath(path)
        if not _inside(real, self.real_root):
            msg = f"symlink points outside the corpus folder (to {real!r}); not read"
            self.problems.append(Problem(shown, msg))
            return False
        if os.path.isdir(real) and _inside(os.path.realpath(path.parent), real):
            msg = f"symlink loop (the link points to its own parent folder {real!r})"
            self.problems.append(Problem(shown, msg))
            return False
        return True

    def check_unmatched(self) -> None:
        """Rows of every manifest that named no file the walk read."""
        for manifest, prefix, listed in self.manifests:
            for rel, row in listed.items():
                if (manifest.display, rel) in self.matched:
                    continue
                self.problems.append(
                    Problem(manifest.display, self.unmatched_reason(row, rel, prefix))
                )

    def unmatched_reason(self, row: ManifestRow, rel: str, prefix: str) -> str:
        where = f"line {row.line}: {row.file!r}"
        path = self.root / rel
        real = os.path.realpath(path)
        if not _inside(real, self.real_root):
            return f"{where} leads outside the corpus folder (through a symlink)"
        if not os.path.lexists(path):
            return f"{where} is listed but does not exist"
        if path.is_dir():
            return f"{where} is a folder, not a file"
        for other, other_prefix, _ in self.manifests:
            if len(other_prefix) > len(prefix) and rel.startswith(other_prefix):
                return f"{where} is governed by the nearer manifest {other.display}; list it there"
        return f"{where} exists but is not read (inside a hidden folder or a linked folder)"


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
