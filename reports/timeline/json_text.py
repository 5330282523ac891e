"""JSON text indented as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, faster.

The standard library indents in Python, one call per value (3.5 s for the 74 MB document of a
1,000-statement timeline); without ``indent`` its C encoder does the work. Here the structure is
walked in Python only down to the *flat* containers (those holding no container), and each run
of plain values, each flat container and each list of flat containers is written by the C
encoder in one call, with the line break and the indentation of its depth as the item
separator: a raw line break never occurs inside an encoded string (it is written ``\\n``), so
every one in the C encoder's text is a separator. Same bytes as the standard library's
indenting encoder (``tests/reports/test_timeline_json_text.py`` checks it under hypothesis).

:func:`object_chunks` gives the same text of an object in pieces, each field's value made only
when its turn comes and a long list (:class:`Blocks`) written a block at a time, so that a
document of hundreds of megabytes is written without being held whole, as text or as data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from json.encoder import encode_basestring
from typing import Any

__all__ = ["Blocks", "indented_json", "object_chunks"]

_CONTAINERS = (dict, list, tuple)
_PLAIN = frozenset({str, int, float, bool, type(None)})
"""Types written as plain values (subclasses, such as enums, take the slower general path)."""
_LISTS = frozenset({list, tuple})
_PLAIN_OR_LIST = _PLAIN | _LISTS
_DICT = frozenset({dict})
_STR = frozenset({str})
_C_ENCODERS: dict[int, Any] = {}
_C_KEYED: dict[int, Any] = {}
_LIST_VALUE = re.compile(r":\x01\[(?!\])(.*?)\](?=,\n|\},\n|\}\]\Z)", re.DOTALL)
"""A non-empty list among the values of records: it opens after a key's separator and closes
at the first "]" followed by a separator, or by the end of its record ("}") and then a
separator or the end of the records. Inside an encoded string there is never a raw control
character or line break, and a flat list's items (plain values) never end with "]"."""


def indented_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text.

    >>> indented_json({"a": [1, 2], "b": {}, "c": [{"d": None}]}) == json.dumps(
    ...     {"a": [1, 2], "b": {}, "c": [{"d": None}]}, ensure_ascii=False, indent=2)
    True
    """
    out: list[str] = []
    _write(value, 0, out)
    return "".join(out)


@dataclass(frozen=True)
class Blocks:
    """A list given as consecutive blocks of its items (lists), each made when it is written."""

    blocks: Iterable[list[Any]]

    def items(self) -> list[Any]:
        """The whole list."""
        return list(chain.from_iterable(self.blocks))


def object_chunks(fields: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """``indented_json(dict(fields))`` in pieces, a field (or a block of a :class:`Blocks`
    value's items) at a time, as ``fields`` gives them.

    >>> fields = [("a", 1), ("b", Blocks([[1, 2], [], [{"c": [3]}]])), ("d", Blocks([]))]
    >>> "".join(object_chunks(fields)) == indented_json({"a": 1, "b": [1, 2, {"c": [3]}], "d": []})
    True
    """
    opening = "{\n  "
    for key, value in fields:
        yield opening + encode_basestring(key) + ": "
        opening = ",\n  "
        if isinstance(value, Blocks):
            yield from _list_chunks(value.blocks, 1)
        else:
            out: list[str] = []
            _write(value, 1, out)
            yield "".join(out)
    yield "{}" if opening == "{\n  " else "\n}"


def _list_chunks(blocks: Iterable[list[Any]], depth: int) -> Iterator[str]:
    """A list at ``depth`` written block by block: each block's items as the whole list's."""
    inner = "  " * (depth + 1)
    head, tail = len("[\n" + inner), len("\n" + "  " * depth + "]")
    opening = "[\n" + inner
    for block in blocks:
        if block:
            out: list[str] = []
            _write(block, depth, out)
            yield opening + "".join(out)[head:-tail]
            opening = ",\n" + inner
    yield "[]" if opening.startswith("[") else "\n" + "  " * depth + "]"


def _encoded(value: Any, depth: int) -> str:
    """``value`` as the C encoder writes it, items separated by a line break and ``depth``
    levels of indentation (nested containers get the same separator: callers pass flat ones)."""
    encode = _C_ENCODERS.get(depth)
    if encode is None:
        encode = _C_ENCODERS[depth] = _encoder(",\n" + "  " * depth)
    return "".join(encode(value, 0))


def _encoder(separator: str, key_separator: str = ": ") -> Any:
    make = json.encoder.c_make_encoder
    if make is None:  # no C accelerator: the standard library's encoder, one call at a time
        encoder = json.JSONEncoder(ensure_ascii=False, separators=(separator, key_separator))
        return lambda value, _: encoder.iterencode(value, _one_shot=True)
    return make(
        None, _refuse, encode_basestring, None, key_separator, separator, False, False, True
    )


def _refuse(value: Any) -> Any:
    msg = f"Object of type {value.__class__.__name__} is not JSON serializable"
    raise TypeError(msg)


def _is_flat(items: Any) -> bool:
    """Whether every item is a plain value (by exact type, checked in C)."""
    return _PLAIN.issuperset(map(type, items))


def _are_records(value: list[Any] | tuple[Any, ...]) -> bool:
    """Whether every item is a non-empty dict with string keys whose values are plain or flat
    lists (checked in C but for one test per value)."""
    if not (_DICT.issuperset(map(type, value)) and all(value)):
        return False
    if not _STR.issuperset(map(type, chain.from_iterable(value))):
        return False
    values = list(chain.from_iterable(map(dict.values, value)))
    if not _PLAIN_OR_LIST.issuperset(map(type, values)):
        return False
    lists = [v for v in values if type(v) in _LISTS]
    return _PLAIN.issuperset(map(type, chain.from_iterable(lists)))


def _write(value: Any, depth: int, out: list[str]) -> None:
    if not isinstance(value, _CONTAINERS):
        out.append(_encoded(value, 0))
    elif not value:
        out.append("{}" if isinstance(value, dict) else "[]")
    elif isinstance(value, dict):
        if any(type(k) is not str for k in value):  # keys as the standard library turns them
            text = json.dumps(value, ensure_ascii=False, indent=2)
            out.append(text.replace("\n", "\n" + "  " * depth))
        else:
            _write_dict(value, depth, out)
    elif _is_flat(value):
        out.append(f"[\n{'  ' * (depth + 1)}{_encoded(value, depth + 1)[1:-1]}\n{'  ' * depth}]")
    elif not _write_table(value, depth, out):
        _write_items(value, depth, out)


def _write_dict(value: dict[str, Any], depth: int, out: list[str]) -> None:
    inner = "  " * (depth + 1)
    out.append("{\n" + inner)
    plain: dict[str, Any] = {}  # a run of keys with plain values, written in one call
    first = True
    for key, item in value.items():
        if type(item) in _PLAIN:
            plain[key] = item
            continue
        if plain:
            out.append(("" if first else ",\n" + inner) + _encoded(plain, depth + 1)[1:-1])
            plain, first = {}, False
        out.append(("" if first else ",\n" + inner) + encode_basestring(key) + ": ")
        first = False
        _write(item, depth + 1, out)
    if plain:
        out.append(("" if first else ",\n" + inner) + _encoded(plain, depth + 1)[1:-1])
    out.append("\n" + "  " * depth + "}")


def _write_items(value: list[Any] | tuple[Any, ...], depth: int, out: list[str]) -> None:
    inner = "  " * (depth + 1)
    out.append("[\n" + inner)
    for n, item in enumerate(value):
        if n:
            out.append(",\n" + inner)
        _write(item, depth + 1, out)
    out.append("\n" + "  " * depth + "]")


def _write_table(value: list[Any] | tuple[Any, ...], depth: int, out: list[str]) -> bool:
    """A list of rows in one call: non-empty flat lists, or non-empty dicts with string keys
    whose values are plain or flat lists (records); False (nothing written) for any other list.
    """
    kind = type(value[0])
    if kind is dict:
        return _write_records(value, depth, out)
    if kind not in (list, tuple) or not all(
        type(v) in (list, tuple) and v and _is_flat(v) for v in value
    ):
        return False
    inner, deeper = "  " * (depth + 1), "  " * (depth + 2)
    # between two rows the separator follows "]" and precedes "[", which no separator inside
    # a flat row does (its items are plain values)
    rows = _encoded(value, depth + 2)[2:-2].replace(
        f"],\n{deeper}[", f"\n{inner}],\n{inner}[\n{deeper}"
    )
    out.append(f"[\n{inner}[\n{deeper}{rows}\n{inner}]\n{'  ' * depth}]")
    return True


def _write_records(value: list[Any] | tuple[Any, ...], depth: int, out: list[str]) -> bool:
    """Records in one call of the C encoder, its key separator marked by a control character
    (never raw in an encoded string) so that the lists among the values can be found."""
    if not _are_records(value):
        return False
    inner, row, deeper = ("  " * (depth + k) for k in (1, 2, 3))
    encode = _C_KEYED.get(depth)
    if encode is None:
        encode = _C_KEYED[depth] = _encoder(",\n" + row, key_separator=":\x01")
    text = "".join(encode(value, 0))

    def nested(match: re.Match[str]) -> str:  # a non-empty list among the values
        items = match.group(1).replace(",\n" + row, ",\n" + deeper)
        return f":\x01[\n{deeper}{items}\n{row}]"

    text = _LIST_VALUE.sub(nested, text)
    records = (
        text[2:-2]
        .replace(":\x01", ": ")
        .replace(f"}},\n{row}{{", f"\n{inner}}},\n{inner}{{\n{row}")
    )
    out.append(f"[\n{inner}{{\n{row}{records}\n{inner}}}\n{'  ' * depth}]")
    return True
