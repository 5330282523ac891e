"""Every ``>>>`` example in the package, run once under its installed name ``policydrift.*``.

The repository's folders are mapped into one import package, so pytest's ``--doctest-modules``
would import ``compare/align.py`` a second time as ``compare.align``; this test walks the
installed package instead.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

# An editable install maps each folder to its package, so each one is walked from its own path.
PACKAGES = ("policydrift", "policydrift.corpus", "policydrift.compare", "policydrift.reports")


def _modules() -> list[str]:
    names = set(PACKAGES)
    for package in PACKAGES:
        path = importlib.import_module(package).__path__
        for info in pkgutil.walk_packages(path, prefix=f"{package}."):
            names.add(info.name)
    return sorted(names - {"policydrift.__main__"})


def test_every_folder_is_walked() -> None:
    names = set(_modules())
    assert {"policydrift.corpus.read", "policydrift.compare.align"} <= names
    assert {"policydrift.compare.themes.coding", "policydrift.reports.page"} <= names


@pytest.mark.parametrize("name", _modules())
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
