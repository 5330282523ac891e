"""Regular expressions and dataclass methods, compiled once and kept between runs.

Before ``drift compare`` does any work, the modules it imports (click, jinja2, markdown-it,
PyYAML, numpy, drift's own) compile about 200 regular expressions and create about 100
dataclasses, in pure Python, on every run: about a quarter of the command's time. Both are
deterministic, so the ``drift`` command keeps what they make in the derived cache
(:mod:`policydrift.corpus.derived_cache`: signed, keyed by the exact Python) and hands it back:

- **Regular expressions.** ``re`` parses an expression and generates its code in Python, then
  hands that code to its C engine (``_sre.compile``). :func:`install` puts a wrapper around
  ``re._compiler.compile``: an expression kept from an earlier run goes straight to the engine
  with the arguments kept; any other is compiled by ``re`` itself, and its arguments are kept
  only when the expression they give equals ``re``'s (same flags, code and groups).
- **Dataclass methods.** ``dataclasses`` writes the source of each class's ``__init__``,
  ``__repr__``, ``__eq__``... and runs it with ``exec``; the wrapper (``exec`` in that module's
  namespace) runs the code object compiled from the same source by an earlier run instead, as
  ``exec`` would compile it.

Only the ``drift`` command installs this (:mod:`policydrift.launch`); importing policydrift as
a library changes nothing. A run that compiles little that was not kept writes nothing; one
that compiles much (the first, or a command not run before) writes the table back, up to
:data:`MAX_EXPRESSIONS` and :data:`MAX_SOURCES` entries, beyond which only that run's are kept.
"""

from __future__ import annotations

import _sre
import builtins
import marshal
import re
import sys
from typing import Any

__all__ = ["Kept", "install"]

FORMAT = 1
#: Expressions and dataclass sources kept at most (a full table is about 3 MB).
MAX_EXPRESSIONS = 3000
MAX_SOURCES = 2000
#: Fewer misses than this in a run leave the table as it is (some libraries build an
#: expression from a set, in a different order in every process: it never repeats).
WRITE_AFTER = 8
#: The first expressions of a run not kept are compiled by ``re`` too, and their arguments
#: kept only if the two are equal; after that many equal, the arguments make the expression.
#: One that differs (a Python whose ``re`` works otherwise) leaves every later one to ``re``
#: and keeps nothing more.
CHECKED_MISSES = 20


def _python_key() -> str:
    """What the kept code depends on: the exact Python, its bytecode and engine versions."""
    import _frozen_importlib_external

    magic = _frozen_importlib_external.MAGIC_NUMBER.hex()
    return f"compiled {FORMAT}\0{sys.version}\0{magic}\0{_sre.MAGIC}\0{marshal.version}"


def engine_args(
    pattern: str | bytes, flags: int, compiled: re.Pattern | None = None
) -> tuple | None:
    """What ``re`` hands its engine for ``pattern``: None if it fails, or if ``compiled`` is
    given and the expression they give is not exactly it.

    >>> args = engine_args("a(?P<b>c)", 0, re.compile("a(?P<b>c)"))
    >>> _sre.compile("a(?P<b>c)", *args) == re.compile("a(?P<b>c)")
    True
    """
    from re import _compiler, _parser

    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]
        names = {str(k): int(v) for k, v in parsed.state.groupdict.items()}
        index: list[str | None] = [None] * parsed.state.groups
        for name, i in names.items():
            index[i] = name
        args = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, names, tuple(index))
        if compiled is None:
            return args
        again = _sre.compile(pattern, *args)
    except Exception:  # noqa: BLE001 - an error for re to raise, or a Python whose re works otherwise
        return None
    same = (again, again.groups, dict(again.groupindex)) == (
        compiled,
        compiled.groups,
        dict(compiled.groupindex),
    )
    return args if same else None


class Kept:
    """The tables of one run: kept expressions and dataclass code, what this run used and added.

    >>> kept = Kept({}, {})
    >>> kept.expression("(?i)drift", 0) == re.compile("(?i)drift"), kept.misses
    (True, 1)
    >>> namespace = {}
    >>> kept.exec("def f(x):\\n return x + 1\\n", {}, namespace)
    >>> namespace["f"](1), kept.misses
    (2, 2)
    >>> again = Kept(*kept.tables())
    >>> again.expression("(?i)drift", 0) == re.compile("(?i)drift"), again.misses
    (True, 0)
    """

    def __init__(self, expressions: dict, sources: dict) -> None:
        self.expressions = expressions
        self.sources = sources
        self.used_expressions: dict = {}
        self.used_sources: dict = {}
        self.misses = 0
        self.checked = 0  # expressions of this run whose arguments were checked against re's
        self.trusted = True  # every check passed: the arguments are made as re makes them
        self.original_compile: Any = None
        self.store: Any = None  # where the tables came from and go back to: (store, key)

    def expression(self, pattern: Any, flags: int = 0) -> Any:
        """``re._compiler.compile(pattern, flags)``, from the kept engine arguments if any."""
        if type(pattern) not in (str, bytes) or flags & re.DEBUG:  # (what marshal can keep)
            return self._compile(pattern, flags)
        key = (pattern, int(flags))
        args = self.expressions.get(key)
        if args is not None:
            flags_, code, groups, names, index = args
            self.used_expressions[key] = args
            return _sre.compile(pattern, flags_, code, groups, dict(names), index)
        self.misses += 1
        if not self.trusted:
            return self._compile(pattern, flags)
        if self.checked < CHECKED_MISSES:  # made as re makes it? checked on the first few
            self.checked += 1
            compiled = self._compile(pattern, flags)
            args = engine_args(pattern, int(flags), compiled)
            if args is None:
                self.trusted = False
                return compiled
        else:
            args = engine_args(pattern, int(flags))
            if args is None:  # an error: re raises it
                return self._compile(pattern, flags)
            flags_, code, groups, names, index = args
            compiled = _sre.compile(pattern, flags_, code, groups, dict(names), index)
        self.used_expressions[key] = args
        return compiled

    def _compile(self, pattern: Any, flags: int) -> Any:
        if self.original_compile is None:
            from re import _compiler

            return _compiler.compile(pattern, flags)
        return self.original_compile(pattern, flags)

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:  # noqa: A002
        """``exec(source, globals, locals)``, running the kept code of ``source`` if any."""
        if type(source) is str:
            code = self.sources.get(source)
            if code is None:
                self.misses += 1
                code = compile(source, "<string>", "exec", dont_inherit=True)
            self.used_sources[source] = code
            source = code
        builtins.exec(source, globals, locals)

    def tables(self) -> tuple[dict, dict]:
        """The tables to keep: everything kept and used, or this run's alone beyond the caps."""
        used = dict(self.used_expressions)
        expressions = {**self.expressions, **used}
        sources = {**self.sources, **self.used_sources}
        if len(expressions) > MAX_EXPRESSIONS or len(sources) > MAX_SOURCES:
            return used, dict(self.used_sources)
        return expressions, sources


def install(command: str, folder: str | None = None) -> Kept | None:
    """Load the tables kept for ``command`` (each command imports and compiles its own) and
    put the wrappers in place; None (nothing changed) when there is no usable cache folder."""
    from policydrift.corpus.derived_cache import DerivedStore, digest

    store = DerivedStore("compiled", folder)
    if not store.usable():
        return None
    key = digest(_python_key(), command)
    expressions: dict = {}
    sources: dict = {}
    body = store.get(key)
    if body is not None:
        try:
            expressions, sources = marshal.loads(body)
        except (EOFError, ValueError, TypeError):
            expressions, sources = {}, {}
        if not isinstance(expressions, dict) or not isinstance(sources, dict):
            expressions, sources = {}, {}
    import dataclasses
    from re import _compiler

    kept = Kept(expressions, sources)
    kept.original_compile = _compiler.compile
    _compiler.compile = kept.expression
    dataclasses.exec = kept.exec  # type: ignore[attr-defined]  # shadows the builtin there
    kept.store = (store, key)
    return kept


def save(kept: Kept) -> bool:
    """Write the tables back if this run compiled enough that was not kept, or used under half
    of what was kept (a first run also compiles what the derived cache keeps from then on:
    the built-in lexicons' expressions); True if written."""
    if kept.store is None or not kept.trusted:
        return False
    if kept.misses >= WRITE_AFTER:
        tables = kept.tables()
    elif 2 * (len(kept.used_expressions) + len(kept.used_sources)) < len(kept.expressions) + len(
        kept.sources
    ):
        tables = dict(kept.used_expressions), dict(kept.used_sources)
    else:
        return False
    store, key = kept.store
    try:
        body = marshal.dumps(tables)
    except ValueError:  # something marshal cannot write: keep nothing
        return False
    return store.put(key, body)
