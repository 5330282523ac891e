"""Safe access to office documents (ZIP archives of XML): bounded reads, no DTDs, no entities.

A ``.docx`` or ``.odt`` file is a ZIP archive; a hostile one can claim or hold gigabytes once
inflated, or thousands of entries. :func:`open_package` refuses an archive whose entries, added
up, inflate to more than ``max_bytes`` or whose entry count is over ``max_bytes // 1000``
(at least 100), and :func:`read_xml` reads a part with the same bound on what is actually
inflated (the sizes in the ZIP directory are not trusted) and parses it with lxml without
DTDs, entity expansion or network access; a part that declares a DTD is refused.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from policydrift.corpus.errors import InputError

__all__ = ["max_entries", "open_package", "read_xml"]


def max_entries(max_bytes: int) -> int:
    """The most entries an archive may hold under a size limit of ``max_bytes``.

    >>> max_entries(50_000_000), max_entries(10_000)
    (50000, 100)
    """
    return max(100, max_bytes // 1000)


def open_package(data: bytes, *, path: str, max_bytes: int, kind: str) -> zipfile.ZipFile:
    """The ZIP archive of an office document, checked against the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        msg = f"not a readable {kind} file (damaged ZIP archive: {exc})"
        raise InputError(msg, path=path) from None
    if len(infos) > max_entries(max_bytes):
        msg = (
            f"{kind} archive has {len(infos)} entries, more than the {max_entries(max_bytes)} "
            "allowed under --max-bytes"
        )
        raise InputError(msg, path=path)
    total = sum(info.file_size for info in infos)
    if total > max_bytes:
        msg = f"{kind} archive inflates to {total} bytes, more than --max-bytes ({max_bytes})"
        raise InputError(msg, path=path)
    if any(info.flag_bits & 0x1 for info in infos):
        msg = f"{kind} file is encrypted with a password; save an unprotected copy first"
        raise InputError(msg, path=path)
    return archive


def read_xml(
    archive: zipfile.ZipFile, name: str, *, path: str, max_bytes: int, required: bool = True
) -> Any | None:
    """The parsed XML part ``name`` (an lxml element), or None when absent and not required."""
    from lxml import etree

    try:
        with archive.open(name) as handle:
            data = handle.read(max_bytes + 1)
    except KeyError:
        if not required:
            return None
        msg = f"not a valid document: the archive has no {name}"
        raise InputError(msg, path=path) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        msg = f"cannot read {name} from the archive (damaged file?): {exc}"
        raise InputError(msg, path=path) from None
    if len(data) > max_bytes:
        msg = f"{name} inflates to more than --max-bytes ({max_bytes} bytes)"
        raise InputError(msg, path=path)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # XML keywords are case-sensitive
        msg = f"{name} declares a DTD or entities, which office documents never need; refused"
        raise InputError(msg, path=path)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        msg = f"{name} is not well-formed XML: {exc}"
        raise InputError(msg, path=path) from None
