"""A corpus folder as an ordered collection of statements.

:func:`load_corpus` reads every statement file of a folder (see :mod:`policydrift.corpus.discover` for
which files count and :mod:`policydrift.corpus.manifest` for manifests), gives each its metadata and
returns them in order: by date, then series, then id (with ``undated=True``: by file path).
Metadata comes from the manifest row first, then from the file itself (Markdown front matter,
HTML or PDF metadata), then from the folder: a statement's series defaults to the name of the
folder that holds it. :func:`check_corpus` does the same work and returns every problem found
instead of stopping at the first.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from policydrift.corpus.cache import StatementCache
from policydrift.corpus.collector import fewer_passes
from policydrift.corpus.discover import STATEMENT_SUFFIXES, Entry, Skipped, discover
from policydrift.corpus.errors import InputError, ManifestError
from policydrift.corpus.manifest import Problem
from policydrift.corpus.metadata import with_metadata
from policydrift.corpus.models import Statement
from policydrift.corpus.read import read_statement

__all__ = [
    "SAMPLE_CORPUS",
    "Corpus",
    "Problem",
    "Progress",
    "Skipped",
    "check_corpus",
    "load_corpus",
    "read_one",
    "scan_corpus",
]

#: The sample corpus shipped with drift: ``seeds/`` (5 texts, a manifest) and ``whitehouse/``.
SAMPLE_CORPUS: Path = Path(__file__).resolve().parent / "data"

Progress = Callable[[int, int, str], None]
_LINE = re.compile(r"line (\d+):")


@dataclass(frozen=True)
class Corpus:
    """The statements of a corpus folder in order, the files skipped and why, and warnings.

    ``problems`` holds only problems that did not stop loading (files present but not listed
    in their manifest, which are skipped). ``cache_rejected`` lists cache entries that failed
    their integrity check (ignored, the files read afresh); it is not part of the corpus's
    identity (two loads of one folder are equal whatever the cache held).
    """

    root: str
    statements: tuple[Statement, ...]
    skipped: tuple[Skipped, ...] = ()
    problems: tuple[Problem, ...] = ()
    cache_rejected: tuple[str, ...] = field(default=(), compare=False)

    def __len__(self) -> int:
        return len(self.statements)

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements)

    @property
    def series(self) -> tuple[str, ...]:
        """The distinct series names, sorted (statements without a series are left out)."""
        return tuple(sorted({s.series for s in self.statements if s.series}))

    def in_series(self, series: str) -> tuple[Statement, ...]:
        """The statements of one series, in corpus order."""
        return tuple(s for s in self.statements if s.series == series)


def load_corpus(root: str | os.PathLike[str], **options: Any) -> Corpus:
    """Read the corpus folder ``root``; ManifestError listing every problem if any is fatal.

    ``options`` are those of :func:`scan_corpus`.
    """
    corpus, problems = scan_corpus(root, **options)
    fatal = [str(p) for p in problems if p.fatal]
    if fatal:
        raise ManifestError(fatal, path=str(root))
    return corpus


def check_corpus(root: str | os.PathLike[str], **options: Any) -> list[Problem]:
    """Every problem of the corpus folder ``root`` at once (empty list: the corpus is fine).

    Reads every file as :func:`load_corpus` does (``options`` are those of
    :func:`scan_corpus`); also lists files present but not listed in their manifest, which
    :func:`load_corpus` only skips.
    """
    return scan_corpus(root, **options)[1]


def scan_corpus(
    root: str | os.PathLike[str],
    *,
    undated: bool = False,
    keep_all: bool = False,
    cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
    max_bytes: int = 50_000_000,
    progress: Progress | None = None,
    pdf_date: bool = False,
    workers: int = 1,
) -> tuple[Corpus, list[Problem]]:
    """Both at once: the corpus as far as it could be read, and every problem found.

    ``keep_all``, ``max_bytes`` and ``pdf_date`` are passed to
    :func:`policydrift.corpus.read.read_statement`. With ``cache`` (the default), statements
    already read from identical bytes with the same options are taken from the cache
    (``cache_dir``, default :func:`policydrift.corpus.cache.default_cache_dir`).
    ``progress(done, total, name)`` is called after each file, in file order.

    ``workers`` processes read the files (-1: one per core; 1, the default: this process
    only), in chunks in forked processes from a hundred files up
    (:mod:`policydrift.corpus.read_many`). The corpus, the problems and the progress calls are
    the same whatever the number.

    The corpus holds only statements without problems; ``drift corpus check`` uses this to
    report problems and, when there are none, a summary without reading the folder twice.
    """
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes <= 0:
        msg = f"max_bytes must be a positive integer: {max_bytes!r}"
        raise ValueError(msg)
    from policydrift.corpus.processes import check_workers

    check_workers(workers)
    if progress is not None and not callable(progress):
        msg = f"progress must be callable or None: {progress!r}"
        raise TypeError(msg)
    found = discover(root, undated=undated)
    problems = list(found.problems)
    store = StatementCache(cache_dir) if cache else None
    with fewer_passes():
        statements, read_problems = _read_entries(
            found.entries, store, undated=undated, top=_folder_name(found.root),
            progress=progress, workers=workers, keep_all=keep_all, max_bytes=max_bytes,
            pdf_date=pdf_date,
        )  # fmt: skip
    problems.extend(read_problems)
    duplicates = _duplicate_ids(statements)
    problems.extend(duplicates)
    if duplicates:  # an id must name one statement: keep none of those sharing one
        shared = {
            name for name, count in Counter(st.id for _, st in statements).items() if count > 1
        }
        statements = [(e, st) for e, st in statements if st.id not in shared]
    if not found.entries and found.root_ok and not any(p.fatal for p in found.problems):
        # (with a fatal problem, e.g. an unreadable manifest, that problem is the story)
        kinds = ", ".join(f"*{s}" for s in STATEMENT_SUFFIXES)
        problems.append(Problem(found.root, f"no statements found (looked for {kinds})"))
    problems.sort(key=_problem_order)
    ordered = sorted(statements, key=_order_key(undated))
    corpus = Corpus(
        root=found.root,
        statements=tuple(st for _, st in ordered),
        skipped=found.skipped,
        problems=tuple(p for p in problems if not p.fatal),
        cache_rejected=tuple(str(p) for p in store.rejected) if store is not None else (),
    )
    return corpus, problems


class _Outcome(NamedTuple):
    """One file read: the statement to keep (None: none), its problem, cache entries rejected."""

    statement: Statement | None
    problem: Problem | None
    rejected: tuple[Path, ...]


def _read_entries(
    entries: Sequence[Entry],
    store: StatementCache | None,
    *,
    undated: bool,
    top: str | None,
    progress: Progress | None,
    workers: int = 1,
    **read_options: Any,
) -> tuple[list[tuple[Entry, Statement]], list[Problem]]:
    """Each entry read (or taken from ``store``) with its metadata; the problems found.

    With ``workers`` other than 1 the files may be read in forked processes; the outcomes are
    taken in entry order all the same (``progress`` too), and cache entries a child rejected
    are added to ``store.rejected`` here.
    """
    from policydrift.corpus.read_many import read_in_order

    statements: list[tuple[Entry, Statement]] = []
    problems: list[Problem] = []
    keys: list[str | None] | None = None
    here: list[bool] | None = None
    if store is not None and workers != 1:
        # files already in the cache are taken from it here, as the children read the others:
        # a cached statement costs more sent back from a child than read from the cache
        store.prepare()  # the secret and the code fingerprint made once, before any fork
        keys = [_cache_key(entry, store, **read_options) for entry in entries]
        here = [key is not None and store.has(key) for key in keys]

    def outcome(k: int) -> _Outcome:
        entry = entries[k]
        key = keys[k] if keys is not None else _cache_key(entry, store, **read_options)
        return _outcome(entry, store, key, undated=undated, top=top, **read_options)

    with read_in_order(outcome, range(len(entries)), workers, here=here) as outcomes:
        for done, (entry, found) in enumerate(zip(entries, outcomes, strict=True), start=1):
            if found.problem is not None:
                problems.append(found.problem)
            if found.statement is not None:
                statements.append((entry, found.statement))
            if store is not None:
                store.rejected.extend(found.rejected)
            if progress is not None:
                progress(done, len(entries), entry.relpath)
    return statements, problems


def _outcome(
    entry: Entry,
    store: StatementCache | None,
    key: str | None,
    *,
    undated: bool,
    top: str | None,
    **options: Any,
) -> _Outcome:
    """Read one entry (through ``store``) and give it its metadata: what to keep, the problem.

    Cache entries this read rejected are taken out of ``store.rejected`` into the outcome, so
    that they reach the parent when a child process read the file.
    """
    before = len(store.rejected) if store is not None else 0
    statement, problem = None, None
    try:
        statement = _read(entry, store, key, **options)
    except InputError as exc:
        problem = Problem(entry.path, exc.problem)
    if statement is not None:
        statement, problem = with_metadata(statement, entry, undated=undated, top=top)
        if problem is not None or not (entry.row is None or entry.row.ok):
            statement = None
    rejected: tuple[Path, ...] = ()
    if store is not None and len(store.rejected) > before:
        rejected = tuple(store.rejected[before:])
        del store.rejected[before:]
    return _Outcome(statement, problem, rejected)


def _folder_name(root: str) -> str | None:
    """The name of the corpus folder: the series of the statements directly in it."""
    return Path(os.path.abspath(root)).name or None


def _cache_key(
    entry: Entry, store: StatementCache | None, *, keep_all: bool, max_bytes: int, pdf_date: bool
) -> str | None:
    """The key of the file's bytes in ``store``; None without a store, or if the file cannot be
    read as a regular file (the reader then reports the problem in its own words)."""
    if store is None:
        return None
    from policydrift.corpus.safe_open import read_regular

    path = Path(entry.path)
    try:
        data = read_regular(path, max_bytes=max_bytes)
    except OSError:
        return None
    return store.key(data, name=path.name, keep_all=keep_all, pdf_date=pdf_date)


def _read(
    entry: Entry,
    store: StatementCache | None,
    key: str | None,
    *,
    keep_all: bool,
    max_bytes: int,
    pdf_date: bool,
) -> Statement:
    """Read one file, through the cache when there is one (``key``: its bytes' key there)."""
    path = Path(entry.path)
    options = {"keep_all": keep_all, "max_bytes": max_bytes, "pdf_date": pdf_date}
    if store is None or key is None:
        return read_statement(path, **options)
    statement = store.get(key, path=str(path))
    if statement is None:
        statement = read_statement(path, **options)
        store.put(key, statement)
    return statement


def _problem_order(problem: Problem) -> tuple[str, int]:
    """Problems grouped by file, a manifest's in line order (a stable sort keeps the rest)."""
    line = _LINE.match(problem.problem)
    return problem.path, int(line.group(1)) if line else 0


def _duplicate_ids(statements: list[tuple[Entry, Statement]]) -> list[Problem]:
    """One problem per id shared by several files, on the first of them (in path order)."""
    users: dict[str, list[Entry]] = {}
    for entry, statement in statements:
        users.setdefault(statement.id, []).append(entry)
    problems = []
    for name, entries in users.items():
        if len(entries) > 1:
            first, *others = sorted(entries, key=lambda e: e.relpath)
            also = ", ".join(e.path for e in others)
            msg = f"duplicate id {name!r} (also used by {also}); give each an 'id' in a manifest"
            problems.append(Problem(first.path, msg))
    return problems


def _order_key(undated: bool) -> Callable[[tuple[Entry, Statement]], tuple[str, ...]]:
    if undated:
        return lambda pair: (pair[0].relpath,)
    return lambda pair: (pair[1].date or "", pair[1].series or "", pair[1].id, pair[0].relpath)


def read_one(
    path: str | os.PathLike[str],
    *,
    keep_all: bool = False,
    max_bytes: int = 50_000_000,
    pdf_date: bool = False,
) -> Statement:
    """Read a single statement file, with the metadata of a ``manifest.csv`` beside it.

    ``drift compare`` reads files one by one; a sample like ``seeds/`` keeps titles and dates
    in its manifest, so a row that names the file gives them here too. A manifest that cannot
    be read or does not list the file changes nothing: reading one file never fails on it.
    """
    from policydrift.corpus.manifest import read_manifest

    statement = read_statement(path, keep_all=keep_all, max_bytes=max_bytes, pdf_date=pdf_date)
    if str(path) == "-":
        return statement
    file = Path(path)
    manifest_path = file.parent / "manifest.csv"
    if not manifest_path.is_file():
        return statement
    try:
        manifest = read_manifest(manifest_path, require_date=False)
    except (OSError, InputError):
        return statement
    row = next((r for r in manifest.rows if r.relpath == file.name and r.ok), None)
    if row is None:
        return statement
    entry = Entry(str(path), file.name, statement.series, row, str(manifest_path))
    changed, problem = with_metadata(statement, entry, undated=True)
    return statement if problem else changed
