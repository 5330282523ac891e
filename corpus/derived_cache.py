"""Files derived from drift's own package data, kept between runs to make start-up cheap.

Compiled report templates, the built-in lexicons as built, and the similarity model's
tokenizer tables cost a few tenths of a second to rebuild on every run. Each is stored once in
the user cache folder (:func:`policydrift.corpus.cache.default_cache_dir`, under ``derived/``)
as one file per entry, named by a key that hashes everything the entry depends on (the source
file's bytes, the code that builds it, the library and Python versions). An entry is a
derivation only: a missing, corrupt, forged or unreadable entry is rebuilt from the source,
and when the folder cannot be written drift goes on without it.

Integrity as in :mod:`policydrift.corpus.cache`: every entry carries an HMAC-SHA256 of its
name and bytes under the user's own secret (``secret-<uid>``, mode 0600), so an entry written
by someone else is never used (compiled templates are Python code). Entries are written to a
temporary file beside the target and renamed; they are read as regular files of bounded size.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
from pathlib import Path

__all__ = ["DerivedStore", "digest"]

FORMAT = 1
MAX_ENTRY_BYTES = 50_000_000
_MAC_BYTES = 32


def digest(*parts: str | bytes) -> str:
    """sha256 (hex) of ``parts`` separated by NUL bytes: the key of an entry.

    >>> digest("a", b"b") == digest("a", "b") != digest("ab")
    True
    """
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@functools.cache
def _secret(folder: Path) -> bytes | None:
    from policydrift.corpus.cache import _user_secret

    return _user_secret(folder)


class DerivedStore:
    """Signed byte entries of one kind (``kind``: a folder name) in the user cache folder.

    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> store = DerivedStore("demo", folder.name)
    >>> store.get("k") is None, store.put("k", b"data"), store.get("k")
    (True, True, b'data')
    >>> entry = store.path("k")
    >>> _ = entry.write_bytes(entry.read_bytes()[:-1] + b"!")  # tampered: not served
    >>> store.get("k") is None
    True
    >>> folder.cleanup()
    """

    def __init__(self, kind: str, folder: str | os.PathLike[str] | None = None) -> None:
        if folder is None:
            from policydrift.corpus.cache import default_cache_dir

            folder = default_cache_dir()
        self.root = Path(folder)
        self.kind = kind

    def usable(self) -> bool:
        """Whether entries can be read and written here (the folder is ours and writable)."""
        return _secret(self.root) is not None and os.access(self.root, os.W_OK)

    def path(self, key: str) -> Path:
        """Where the entry of ``key`` lives."""
        return self.root / f"derived-v{FORMAT}" / self.kind / f"{key}.bin"

    def _mac(self, key: str, body: bytes) -> bytes | None:
        secret = _secret(self.root)
        if secret is None:
            return None
        name = f"{self.kind}/{key}".encode()
        return hmac.new(secret, name + b"\0" + body, "sha256").digest()

    def get(self, key: str) -> bytes | None:
        """The bytes stored under ``key``, or None if absent, unreadable or not signed by us."""
        from policydrift.corpus.safe_open import read_regular

        try:
            data = read_regular(self.path(key), max_bytes=MAX_ENTRY_BYTES)
        except OSError:
            return None
        mac, body = data[:_MAC_BYTES], data[_MAC_BYTES:]
        expected = self._mac(key, body)
        if expected is None or not hmac.compare_digest(mac, expected):
            return None
        return body

    def put(self, key: str, body: bytes) -> bool:
        """Store ``body`` under ``key``; False (nothing left behind) if it cannot be written."""
        from policydrift.corpus.cache import write_entry

        mac = self._mac(key, body)
        if mac is None:
            return False
        return write_entry(self.path(key), mac + body, mode=0o600)
