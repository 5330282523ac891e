"""An on-disk cache of read statements (decoded, cleaned, split into sentences).

One JSON file per entry (never pickle: a cache folder may be shared between users), named by
a key that hashes everything the result depends on:

- the file's bytes (sha256) and its name (the default id and the format come from it);
- the reading options that change the result (``keep_all``; the size cap does not);
- the cache format version, drift's version and a fingerprint of the source code of the
  ``corpus`` package, so that a changed reader or segmenter never serves stale sentences.

Entries are written to a temporary file beside the target and renamed, so concurrent runs
never see half an entry; an unreadable or corrupt entry is ignored (and overwritten by the
next write). The cache is an optimisation only: when its folder cannot be written, reading
goes on without it.

Location: ``$DRIFT_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/drift``, else ``~/.cache/drift``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from policydrift.corpus.models import Furniture, Section, Sentence, Statement

__all__ = [
    "CACHE_FORMAT",
    "StatementCache",
    "code_fingerprint",
    "default_cache_dir",
    "statement_from_json",
    "statement_to_json",
]

CACHE_FORMAT = 2


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
    from importlib.metadata import PackageNotFoundError, version

    try:
        drift_version = version("policydrift")
    except PackageNotFoundError:  # running from a source tree that is not installed
        drift_version = "unknown"
    digest = hashlib.sha256(f"drift {drift_version}\0cache {CACHE_FORMAT}\0".encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        name = source.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def statement_to_json(statement: Statement) -> dict[str, Any]:
    """A JSON-ready dict holding every field of ``statement``."""
    return {
        "id": statement.id,
        "path": statement.path,
        "raw": statement.raw,
        "text": statement.text,
        "title": statement.title,
        "date": statement.date,
        "series": statement.series,
        "source": statement.source,
        "encoding": statement.encoding,
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

    def key(self, data: bytes, *, name: str, keep_all: bool, pdf_date: bool = False) -> str:
        """The entry key of a file's bytes read under ``name`` with these options."""
        content = hashlib.sha256(data).hexdigest()
        options = f"keep_all={bool(keep_all)},pdf_date={bool(pdf_date)}"
        parts = (code_fingerprint(), content, name, options)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / f"statements-v{CACHE_FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str, *, path: str) -> Statement | None:
        """The stored statement (its ``path`` set to ``path``), or None if absent or corrupt."""
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT or data.get("key") != key:
                return None
            statement = statement_from_json(data["statement"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return replace(statement, path=path)

    def put(self, key: str, statement: Statement) -> bool:
        """Store ``statement``; False (and nothing left behind) if the folder is not writable."""
        entry = self._entry(key)
        payload = {"format": CACHE_FORMAT, "key": key, "statement": statement_to_json(statement)}
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        tmp = None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{entry.stem[:16]}.", suffix=".tmp", dir=entry.parent
            )
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, entry)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            return False
        return True
