"""YAML front matter of Markdown statements: ``---`` ... ``---`` at the very top of the file.

``date``, ``title`` and ``source_url`` become the statement's date (ISO ``YYYY-MM-DD``), title
and source; every other scalar key goes to ``meta`` as ``(key, str(value))`` pairs sorted by
key. Lists and mappings are left out of ``meta``. PyYAML is imported only when a file has front
matter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from policydrift.corpus.errors import InputError

__all__ = ["FrontMatter", "iso_date", "read_front_matter"]

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$\n?", re.M)
_DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_PREFIX = re.compile(r"\A(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z ]*)?\Z")


@dataclass(frozen=True)
class FrontMatter:
    """What the front matter says; ``body_start`` is the offset just after its closing line."""

    title: str = ""
    date: str | None = None
    source: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    body_start: int = 0


def read_front_matter(text: str, *, path: str) -> FrontMatter:
    """Parse the front matter at the top of ``text``, if any.

    Text without an opening ``---`` line, or without a closing one, has no front matter
    (``body_start == 0``): a lone ``---`` is also a Markdown rule.

    >>> fm = read_front_matter("---\\ndate: '2022-03-30'\\ntitle: A\\ntags: x\\n---\\nBody.", path="a.md")
    >>> fm.date, fm.title, fm.meta, fm.body_start
    ('2022-03-30', 'A', (('tags', 'x'),), 44)
    """
    opened = _OPEN.match(text)
    if not opened:
        return FrontMatter()
    closed = _CLOSE.search(text, opened.end())
    if not closed:
        return FrontMatter()
    data = _load_yaml(text[opened.end() : closed.start()], path)
    title = _scalar_text(data.get("title"))
    source = _scalar_text(data.get("source_url")) or None
    date = iso_date(data["date"], path=path) if data.get("date") not in (None, "") else None
    meta = tuple(
        sorted(
            (str(key), _scalar_text(value))
            for key, value in data.items()
            if str(key) not in ("title", "date", "source_url") and _is_scalar(value)
        )
    )
    return FrontMatter(title=title, date=date, source=source, meta=meta, body_start=closed.end())


def iso_date(value: object, *, path: str) -> str:
    """A date as ``YYYY-MM-DD`` from a date, a datetime or a common date string.

    >>> iso_date("March 30, 2022", path="a.md"), iso_date("2021-10-14T09:00:00-04:00", path="a.md")
    ('2022-03-30', '2021-10-14')
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    iso = _ISO_PREFIX.match(text)
    candidates = [iso.group(1)] if iso else []
    for fmt in _DATE_FORMATS:
        for candidate in [*candidates, text]:
            try:
                if fmt == "%Y-%m-%d" and _ISO_DAY.fullmatch(candidate):  # as strptime reads it,
                    year, month, day = candidate.split("-")  # without importing _strptime
                    return dt.date(int(year), int(month), int(day)).isoformat()
                return dt.datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                continue
    msg = f"front matter date {text!r} is not a date (write it as YYYY-MM-DD)"
    raise InputError(msg, path=path)


def _load_yaml(block: str, path: str) -> dict:
    import yaml
    from policydrift.corpus.safe_yaml import YamlRefused, load_yaml

    try:
        data = load_yaml(block)
    except YamlRefused as exc:
        msg = f"front matter refused: {exc.problem} (line {exc.line + 1})"
        raise InputError(msg, path=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "malformed"
        msg = f"front matter is not valid YAML: {problem}{where}"
        raise InputError(msg, path=path) from None
    except (ValueError, OverflowError) as exc:  # e.g. an impossible date such as 2025-02-30
        msg = f"front matter has an impossible value: {exc}"
        raise InputError(msg, path=path) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        msg = "front matter must be 'key: value' lines"
        raise InputError(msg, path=path)
    return data


def _is_scalar(value: object) -> bool:
    return value is not None and isinstance(value, str | int | float | bool | dt.date)


def _scalar_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return str(value).strip()
