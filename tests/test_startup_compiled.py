"""What the ``drift`` command keeps compiled between runs (policydrift.compiled): regular
expressions and dataclass methods exactly as Python makes them, the same reports with a warm,
a corrupt and no kept table."""

from __future__ import annotations

import dataclasses
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from policydrift.compiled import CHECKED_MISSES, Kept, engine_args
from policydrift.corpus.collection import SAMPLE_CORPUS

PROCLAMATIONS = SAMPLE_CORPUS / "whitehouse" / "cyber_awareness_month_proclamations"
OLD, NEW = sorted(PROCLAMATIONS.glob("202[23]-*.md"))
EXPRESSIONS = [
    r"(?P<year>\d{4})-(?P<month>\d\d)",
    r"(?i)cyber(space|security)?",
    r"(?x) a  b  # comment",
    rb"[\x80-\xff]+",
    r"(?<=[^\s])(?=\s)",
    r"\bnorm(s)?\b",
    r"[^\W\d_]+(?:['’-][^\W\d_]+)*",
]


def _kept_again(kept: Kept) -> Kept:
    """A later run's tables: written and read back as the cache does."""
    expressions, sources = marshal.loads(marshal.dumps(kept.tables()))
    return Kept(expressions, sources)


@pytest.mark.parametrize("pattern", EXPRESSIONS)
def test_kept_expressions_equal_re_compile(pattern):
    kept = Kept({}, {})
    first = kept.expression(pattern, 0)
    again = _kept_again(kept)
    replayed = again.expression(pattern, 0)
    assert again.misses == 0
    expected = re.compile(pattern)
    assert first == replayed == expected
    assert (replayed.groups, replayed.groupindex, replayed.flags) == (
        expected.groups,
        expected.groupindex,
        expected.flags,
    )
    text = "2023-10 Cyberspace norms a b x\x80\xff" if isinstance(pattern, str) else b"a\x80\xff"
    assert [m.span() for m in replayed.finditer(text)] == [
        m.span() for m in expected.finditer(text)
    ]


def test_after_the_checked_misses_the_arguments_make_the_expression():
    kept = Kept({}, {})
    kept.checked = CHECKED_MISSES
    for pattern in EXPRESSIONS:
        made = kept.expression(pattern, re.IGNORECASE)
        expected = re.compile(pattern, re.IGNORECASE)
        assert made == expected
        assert made.groupindex == expected.groupindex
    with pytest.raises(re.error, match="missing \\)"):
        kept.expression("(unclosed", 0)
    assert kept.trusted
    assert len(kept.tables()[0]) == len(EXPRESSIONS)


def test_an_expression_whose_arguments_differ_is_not_kept():
    other = re.compile("b")
    assert engine_args("a", 0, other) is None
    assert engine_args("a", 0, re.compile("a")) is not None


def test_dataclass_methods_from_kept_code_equal_pythons():
    def make():
        @dataclasses.dataclass(frozen=True, order=True)
        class Row:
            kind: str
            score: float = 0.0
            words: tuple[str, ...] = ()
            extra: dict = dataclasses.field(default_factory=dict, compare=False)

        return Row

    plain = make()
    kept = Kept({}, {})
    try:
        dataclasses.exec = kept.exec  # as install() does
        first = make()
        again = _kept_again(kept)
        dataclasses.exec = again.exec
        replayed = make()
    finally:
        del dataclasses.exec
    assert kept.misses > 0
    assert again.misses == 0
    for name in ("__init__", "__repr__", "__eq__", "__lt__", "__hash__", "__setattr__"):
        codes = {getattr(cls, name).__code__ for cls in (plain, first, replayed)}
        assert len(codes) == 1, name
    assert plain.__init__.__annotations__ == replayed.__init__.__annotations__
    row = replayed("edited", 0.5, ("a",))
    assert repr(row) == repr(plain("edited", 0.5, ("a",)))
    assert repr(row).endswith("Row(kind='edited', score=0.5, words=('a',), extra={})")
    assert row == replayed("edited", 0.5, ("a",), {"x": 1})
    assert row < replayed("new")
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.kind = "x"


def _drift(cache: Path, out: Path) -> bytes:
    env = {**os.environ, "DRIFT_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "policydrift", "compare", str(OLD), str(NEW), "-o", str(out)]
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=120)
    return out.read_bytes()


def test_reports_are_the_same_with_warm_corrupt_and_no_tables(tmp_path):
    cache = tmp_path / "cache"
    cold = _drift(cache, tmp_path / "cold.html")
    tables = list((cache / "derived-v1" / "compiled").glob("*.bin"))
    assert len(tables) == 1
    expressions, sources = marshal.loads(tables[0].read_bytes()[32:])
    assert len(expressions) > 100
    assert len(sources) > 100
    for (pattern, flags), args in expressions.items():  # each as this Python's re makes it
        assert engine_args(pattern, flags, re.compile(pattern, flags)) == args
    assert _drift(cache, tmp_path / "warm.html") == cold
    tables[0].write_bytes(tables[0].read_bytes()[:-10] + b"0123456789")  # corrupt: not used
    assert _drift(cache, tmp_path / "corrupt.html") == cold
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    assert _drift(not_a_folder / "cache", tmp_path / "none.html") == cold
