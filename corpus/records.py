"""Records written out: the plain fields of a dataclass as a JSON-ready dict, in a given order.

Used by every writer that copies fields under their own names (the statement cache, the
compare JSON, the theme JSON), so that a field is named once, not twice per writer.
"""

from __future__ import annotations

from typing import Any

__all__ = ["fields_of"]


def fields_of(record: object, *names: str) -> dict[str, Any]:
    """``{name: record.name}`` for each of ``names``, in that order.

    >>> from policydrift.corpus.models import Furniture
    >>> fields_of(Furniture("Share this", 0, 10, "share link"), "text", "reason")
    {'text': 'Share this', 'reason': 'share link'}
    """
    return {name: getattr(record, name) for name in names}
