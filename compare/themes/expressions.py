"""The built-in lexicons' regular expressions, kept compiled between runs.

Python compiles an expression in two steps: parsing and code generation, in pure Python, then
the C engine (``_sre.compile``) takes the generated code. For the lexicons' long alternations
the first step is nearly all the cost: about 25 ms of every ``drift compare`` (the strength
lexicon's 19 expressions, 11 ms; the theme patterns a sentence first needs, 150 for two 5 KB
statements, 12 ms). There is no public way to keep a compiled expression, so
:func:`engine_args` takes the arguments ``re`` hands its engine, exactly as
``re._compiler.compile`` makes them, and keeps them only when the expression they give is equal
to ``re.compile``'s (same flags, same code; checked when they are made). They are stored with
the built-in lexicon they belong to (:mod:`policydrift.compare.themes.lexicon_base`, keyed by
the exact Python version too) and :func:`compile_expression` hands them straight to the engine.
Any other expression, or any Python whose ``re`` works otherwise, is compiled by ``re``.
"""

from __future__ import annotations

import re
import sys
from array import array
from typing import Any

_KNOWN: dict[str, list] = {}  # expression source -> the engine's arguments, code as hex
KEY = f"expressions 1, Python {sys.version}"


def engine_args(source: str) -> tuple | None:
    """What ``re.compile(source)`` hands the engine, with its code as bytes, or None if the
    expression they give here is not exactly ``re.compile``'s.

    >>> args = engine_args("norm(s)?")
    >>> args is not None and _replay("norm(s)?", args) == re.compile("norm(s)?")
    True
    """
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(source, 0)
        code = _compiler._code(parsed, 0)
        names = dict(parsed.state.groupdict)
        index: list[str | None] = [None] * parsed.state.groups
        for name, i in names.items():
            index[i] = name
        args = (
            parsed.state.flags,
            array("I", code).tobytes(),
            parsed.state.groups - 1,
            names,
            tuple(index),
        )
        return args if _replay(source, args) == re.compile(source) else None
    except Exception:  # noqa: BLE001 - another Python's re: leave the expression to it
        return None


def _replay(source: str, args: tuple) -> re.Pattern[str]:
    import _sre

    flags, code, groups, names, index = args
    return _sre.compile(source, flags, array("I", code).tolist(), groups, names, index)


def expressions_to_json(sources: list[str]) -> dict[str, Any]:
    """The engine's arguments of each source that can be kept, as JSON values."""
    kept = {}
    for source in dict.fromkeys(sources):
        args = engine_args(source)
        if args is not None:
            flags, code, groups, names, index = args
            kept[source] = [flags, code.hex(), groups, names, list(index)]
    return {"key": KEY, "expressions": kept}


def remember(data: dict[str, Any]) -> None:
    """Keep the expressions :func:`expressions_to_json` wrote, if this very Python wrote them."""
    if data.get("key") == KEY:
        _KNOWN.update(data["expressions"])


def compile_expression(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, from the engine's kept arguments when there are any.

    >>> compile_expression("cyber(space)?").fullmatch("cyberspace") is not None
    True
    """
    kept = _KNOWN.get(source)
    if kept is not None:
        try:
            flags, code, groups, names, index = kept
            return _replay(source, (flags, bytes.fromhex(code), groups, names, tuple(index)))
        except Exception:  # noqa: BLE001 - not what this engine takes: compile it
            del _KNOWN[source]
    return re.compile(source)
