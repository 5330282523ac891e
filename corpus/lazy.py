"""Lazy public names for a package ``__init__``: importing a package stays cheap.

A package lists where each public name lives; the module is imported on first use, so
``import policydrift.compare`` loads neither numpy nor the lexicon. :func:`blingfire` loads
the sentence splitter's library without its package's costly ``__init__``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_exports(
    package: str, where: dict[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, importing ``where[name]`` on first use.

    >>> getattr_, dir_ = lazy_exports("pkg", {"sqrt": "math"})
    >>> getattr_("sqrt")(9.0)
    3.0
    """

    def __getattr__(name: str) -> Any:
        if name in where:
            return getattr(import_module(where[name]), name)
        msg = f"module {package!r} has no attribute {name!r}"
        raise AttributeError(msg)

    def __dir__() -> list[str]:
        return sorted(where)

    return __getattr__, __dir__


_BLINGFIRE_LIBRARIES = ("libblingfiretokdll.so", "libblingfiretokdll.dylib", "blingfiretokdll.dll")


@functools.cache
def blingfire() -> Any:
    """Bling Fire with its ctypes handle as ``.blingfire``, as ``import blingfire`` gives it.

    The package's ``__init__`` finds its own folder by reading its source through ``inspect``
    and imports numpy and ``platform``; drift calls only the library, so it is loaded here
    straight from the package folder (found without importing it). Without such a library
    file the package itself is imported.

    >>> blingfire().blingfire.TextToSentences is not None
    True
    """
    import ctypes
    import importlib.util
    from pathlib import Path
    from types import SimpleNamespace

    spec = importlib.util.find_spec("blingfire")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations)))
        for name in _BLINGFIRE_LIBRARIES:
            if (folder / name).is_file():
                return SimpleNamespace(blingfire=ctypes.CDLL(str(folder / name)))
    return import_module("blingfire")
