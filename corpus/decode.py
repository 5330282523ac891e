"""Bytes to text: binary detection, encoding detection and line-ending normalisation.

The fast path is strict UTF-8 (with or without a byte-order mark). Byte-order marks for UTF-16
and UTF-32 are honoured; UTF-16 without a mark is recognised by its alternating NUL bytes.
Anything else is a legacy encoding, guessed with charset-normalizer (imported only then), with
one correction: when every non-ASCII byte stands alone between ASCII bytes, the text cannot be
in a multi-byte encoding such as GB18030 or Big5, and Windows-1252 is tried first (smart quotes
from a Word document are the common case). Between candidates charset-normalizer scores as
equally good, Windows-1252 wins for the same reason.

Every line ending (``\\r\\n``, ``\\r``, U+2028, U+2029, U+0085) becomes ``\\n`` and a leading
byte-order mark is dropped, so offsets into the returned text are the only offsets there are.
"""

from __future__ import annotations

import codecs
import re

from policydrift.corpus.errors import InputError

__all__ = ["binary_kind", "decode_bytes", "normalise_newlines"]

_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")
# C0 controls other than tab, newline, vertical tab, form feed and carriage return, plus DEL.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_HIGH = re.compile(rb"[\x80-\xff]+")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh9", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.01


def normalise_newlines(text: str) -> str:
    r"""Every line ending as ``\n`` (the only newline drift's offsets know).

    >>> normalise_newlines("a\r\nb\rc\u2028d")
    'a\nb\nc\nd'
    """
    if "\r" not in text and not any(c in text for c in "\u2028\u2029\x85"):
        return text
    return _NEWLINES.sub("\n", text)


def decode_bytes(data: bytes, *, path: str) -> tuple[str, str]:
    r"""Decode a statement file's bytes: ``(text, encoding name)``.

    The text has ``\n`` line endings and no byte-order mark. Raises :class:`InputError` for
    empty, binary or undecodable data.

    >>> decode_bytes("Caf\u00e9 \u2018cyber\u2019".encode("cp1252"), path="a.txt")
    ('Café ‘cyber’', 'cp1252')
    >>> decode_bytes("\ufeffA\r\nB".encode("utf-16-le"), path="a.txt")
    ('A\nB', 'utf-16-le')
    """
    if not data:
        msg = "file is empty"
        raise InputError(msg, path=path)
    text, encoding = _decode(bytes(data), path)
    if text.startswith("\ufeff"):
        text = text[1:]
    _refuse_control_characters(text, encoding, path)
    return normalise_newlines(text), encoding


def binary_kind(data: bytes) -> str | None:
    """What a binary file is (``'a PNG image'``), ``'binary data'``, or None for text.

    A NUL byte means binary unless the NULs alternate as in UTF-16 (or UTF-32) text.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    'a PNG image'
    >>> binary_kind("plain".encode("utf-16-le")) is None
    True
    """
    has_nul = b"\x00" in data
    for magic, kind in _MAGIC:
        # An all-printable signature ('GIF89a', 'MZ') could begin a real text: trust it only
        # when the data has NUL bytes too.
        if data.startswith(magic) and (has_nul or not magic.isascii() or not magic.isalnum()):
            return kind
    if not has_nul:
        return None
    head = data[:_SAMPLE]
    if _wide_encoding(head) is not None:
        return None
    return "binary data"


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name, path), name
    kind = binary_kind(data)
    if kind is not None:
        msg = f"is {kind}, not a text file"
        raise InputError(msg, path=path)
    wide = _wide_encoding(data[:_SAMPLE])
    if wide is not None:
        return _strict(data, wide, wide, path), wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_legacy(data)
    if encoding is None:
        msg = "cannot be decoded: not UTF-8 and no other text encoding fits"
        raise InputError(msg, path=path)
    return _strict(data, encoding, encoding, path), encoding


def _strict(data: bytes, codec: str, name: str, path: str) -> str:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError) as exc:
        where = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        msg = f"cannot be decoded as {name}: invalid bytes{where}"
        raise InputError(msg, path=path) from None


def _wide_encoding(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NULs alternate as in mostly-Latin UTF-16 text."""
    n = len(head) - len(head) % 2
    if n < 2:
        return None
    even, odd = head[0:n:2], head[1:n:2]
    half = n // 2
    even_nul, odd_nul = even.count(0), odd.count(0)
    # Latin text in UTF-16 has a NUL in (nearly) every other byte and none in the others.
    if odd_nul >= 0.4 * half and even_nul <= 0.02 * half:
        return "utf-16-le"
    if even_nul >= 0.4 * half and odd_nul <= 0.02 * half:
        return "utf-16-be"
    return None


def _guess_legacy(data: bytes) -> str | None:
    runs = _HIGH.findall(data[: 1 << 20])
    if runs and all(len(run) == 1 for run in runs):
        # Lone high bytes between ASCII: a single-byte code page, most likely Windows-1252.
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return "cp1252"
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.chaos <= best.chaos + 0.01
            and match.coherence >= best.coherence - 0.01
        ):
            return "cp1252"
    return best.encoding


def _refuse_control_characters(text: str, encoding: str, path: str) -> None:
    sample = text[: _SAMPLE * 4]
    controls = len(_CONTROL.findall(sample))
    if controls and controls > _MAX_CONTROL_SHARE * len(sample):
        msg = f"looks like binary data, not text ({controls} control characters as {encoding})"
        raise InputError(msg, path=path)
