"""An on-disk cache of read statements (decoded, cleaned, split into sentences).

One JSON file per entry (never pickle: a cache folder may be shared between users), named by
a key that hashes everything the result depends on:

- the file's bytes (sha256) and its name (the default id and the format come from it);
- the reading options that change the result (``keep_all``; the size cap does not);
- the cache format version, drift's version and a fingerprint of the source code of the
  ``corpus`` package, so that a changed reader or segmenter never serves stale sentences.

Entries are written to a temporary file beside the target and renamed, so concurrent runs
never see half an entry; an unreadable or corrupt entry is ignored (and overwritten by the
next write).

Integrity: a cache folder may be writable by others, and an entry is served as the reading of
a file, so each entry carries an HMAC-SHA256 of its key and its bytes under a secret only its
user can read (``secret-<uid>`` in the cache folder, mode 0600, owned by the user; a secret
that is not is never used, and the cache is then off). An entry that fails the check (forged,
edited, or written by another user) is ignored, read afresh, replaced, and listed in
:attr:`StatementCache.rejected`. Entries are read as regular files of bounded size
(:data:`MAX_ENTRY_BYTES`): a FIFO or a huge file in the cache never blocks or fills memory.

The cache is an optimisation only: when its folder cannot be written, reading goes on
without it.

Location: ``$DRIFT_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/drift``, else ``~/.cache/drift``.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policydrift.corpus.records import fields_of

if TYPE_CHECKING:  # imported where used: the secret and the folder need no model
    from policydrift.corpus.models import Statement

__all__ = [
    "CACHE_FORMAT",
    "StatementCache",
    "code_fingerprint",
    "default_cache_dir",
    "statement_from_json",
    "statement_to_json",
]

CACHE_FORMAT = 3
MAX_ENTRY_BYTES = 400_000_000
"""Largest cache entry read (a 50 MB statement's entry is about 3 times its text)."""
_SECRET_BYTES = 32


def default_cache_dir() -> Path:
    """``$DRIFT_CACHE_DIR``, else ``$XDG_CACHE_HOME/drift``, else ``~/.cache/drift``."""
    if os.environ.get("DRIFT_CACHE_DIR"):
        return Path(os.environ["DRIFT_CACHE_DIR"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "drift"


@functools.cache
def code_fingerprint() -> str:
    """sha256 over drift's version and the source of the ``corpus`` package (which reads)."""
    from policydrift import __version__ as drift_version

    digest = hashlib.sha256(f"drift {drift_version}\0cache {CACHE_FORMAT}\0".encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        name = source.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def statement_to_json(statement: Statement) -> dict[str, Any]:
    """A JSON-ready dict holding every field of ``statement``."""
    return {
        **fields_of(
            statement, "id", "path", "raw", "text", "title", "date", "series", "source", "encoding"
        ),
        "sentences": [
            [s.index, s.start, s.end, s.paragraph, s.key, s.section] for s in statement.sentences
        ],
        "sections": [[s.title, s.level, s.start, s.end] for s in statement.sections],
        "date_source": statement.date_source,
        "furniture": [[f.text, f.start, f.end, f.reason] for f in statement.furniture],
        "meta": [list(pair) for pair in statement.meta],
    }


def statement_from_json(data: dict[str, Any]) -> Statement:
    """The statement back from :func:`statement_to_json`; ValueError if anything is off."""
    from policydrift.corpus.models import Furniture, Section, Sentence, Statement

    raw = _str(data["raw"])
    sentences = []
    sections = []
    for title, level, start, end in data["sections"]:
        if not all(type(v) is int for v in (level, start, end)) or not 0 <= start <= end <= len(
            raw
        ):
            msg = f"bad section entry {[title, level, start, end]!r}"
            raise ValueError(msg)
        sections.append(Section(len(sections), _str(title), level, start, end))
    for index, start, end, paragraph, key, section in data["sentences"]:
        ints = (index, start, end, paragraph)
        if not all(type(v) is int for v in ints) or not 0 <= start <= end <= len(raw):
            msg = f"bad sentence entry {[index, start, end, paragraph]!r}"
            raise ValueError(msg)
        if section is not None and not (type(section) is int and 0 <= section < len(sections)):
            msg = f"bad sentence section {section!r}"
            raise ValueError(msg)
        sentences.append(Sentence(index, raw[start:end], _str(key), start, end, paragraph, section))
    furniture = tuple(
        Furniture(_str(text), int(start), int(end), _str(reason))
        for text, start, end, reason in data["furniture"]
    )
    meta = tuple((_str(k), _str(v)) for k, v in data["meta"])
    return Statement(
        id=_str(data["id"]),
        path=_str(data["path"]),
        raw=raw,
        text=_str(data["text"]),
        sentences=tuple(sentences),
        title=_str(data["title"]),
        date=_opt(data["date"]),
        series=_opt(data["series"]),
        source=_opt(data["source"]),
        encoding=_str(data["encoding"]),
        furniture=furniture,
        meta=meta,
        sections=tuple(sections),
        date_source=_opt(data["date_source"]),
    )


def _str(value: Any) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {type(value).__name__}"
        raise ValueError(msg)
    return value


def _opt(value: Any) -> str | None:
    return None if value is None else _str(value)


class StatementCache:
    """Read statements stored by content: ``get`` and ``put`` by :meth:`key`.

    >>> import tempfile
    >>> from policydrift.corpus.models import Statement
    >>> folder = tempfile.TemporaryDirectory()
    >>> cache = StatementCache(folder.name)
    >>> key = cache.key(b"We agree.", name="a.txt", keep_all=False)
    >>> cache.get(key, path="a.txt") is None
    True
    >>> st = Statement(id="a", path="a.txt", raw="We agree.", text="We agree.", sentences=())
    >>> cache.put(key, st)
    True
    >>> cache.get(key, path="elsewhere/a.txt").path
    'elsewhere/a.txt'
    >>> folder.cleanup()
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_dir()
        self.rejected: list[Path] = []  # entries that failed the integrity check
        self._secret: bytes | None = None

    def key(self, data: bytes, *, name: str, keep_all: bool, pdf_date: bool = False) -> str:
        """The entry key of a file's bytes read under ``name`` with these options."""
        content = hashlib.sha256(data).hexdigest()
        options = f"keep_all={bool(keep_all)},pdf_date={bool(pdf_date)}"
        parts = (code_fingerprint(), content, name, options)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / f"statements-v{CACHE_FORMAT}" / key[:2] / f"{key}.json"

    def prepare(self) -> None:
        """Make the secret and the code fingerprint now, before processes are forked that
        share this cache: each child inherits them instead of making its own."""
        self.secret()
        code_fingerprint()

    def secret(self) -> bytes | None:
        """This user's secret (created on first use), or None if it cannot be trusted."""
        if self._secret is None:
            self._secret = _user_secret(self.folder) or b""
        return self._secret or None

    def _mac(self, key: str, body: bytes) -> str | None:
        secret = self.secret()
        if secret is None:
            return None
        return hmac.new(secret, key.encode("ascii") + b"\0" + body, "sha256").hexdigest()

    def has(self, key: str) -> bool:
        """Whether an entry is stored under ``key`` (:meth:`get` may still reject it)."""
        return self._entry(key).is_file()

    def get(self, key: str, *, path: str) -> Statement | None:
        """The stored statement (its ``path`` set to ``path``), or None if absent or corrupt."""
        from policydrift.corpus.safe_open import read_regular

        entry = self._entry(key)
        try:
            data = read_regular(entry, max_bytes=MAX_ENTRY_BYTES)
        except OSError:
            return None
        try:
            payload = json.loads(data)
            if payload.get("format") != CACHE_FORMAT or payload.get("key") != key:
                return None
            mac = self._mac(key, _canonical(payload["statement"]))
            if mac is None:
                return None
            if not hmac.compare_digest(str(payload.get("mac")), mac):
                self.rejected.append(entry)
                return None
            statement = statement_from_json(payload["statement"])
        except (ValueError, KeyError, TypeError, AttributeError):
            self.rejected.append(entry)
            return None
        return replace(statement, path=path)

    def put(self, key: str, statement: Statement) -> bool:
        """Store ``statement``; False (and nothing left behind) if the folder is not writable."""
        entry = self._entry(key)
        body = statement_to_json(statement)
        mac = self._mac(key, _canonical(body))
        if mac is None:
            return False
        payload = {"format": CACHE_FORMAT, "key": key, "mac": mac, "statement": body}
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return write_entry(entry, data, mode=0o644)


def write_entry(entry: Path, data: bytes, *, mode: int) -> bool:
    """Write ``data`` to ``entry`` (with ``mode``) through a temporary file beside it, renamed,
    so that no reader sees half an entry; False, and nothing left behind, if it cannot be."""
    import tempfile

    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{entry.stem[:16]}.", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, entry)
    except BaseException as exc:  # an interrupt too: never leave a temporary file
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            return False
        raise
    return True


def _canonical(value: Any) -> bytes:
    """The bytes a MAC covers: compact JSON, characters kept (what :meth:`put` writes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _user_secret(folder: Path) -> bytes | None:
    """The secret of this user in ``folder``: made with mode 0600 if absent; None if it is not
    a regular file owned by this user and unreadable by others, or cannot be made."""
    path = folder / f"secret-{os.geteuid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(_SECRET_BYTES))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        trusted = (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.geteuid()
            and not info.st_mode & 0o077
            and info.st_size == _SECRET_BYTES
        )
        return os.read(fd, _SECRET_BYTES) if trusted else None
    finally:
        os.close(fd)
