"""The timeline's JSON text is the standard library's indented JSON, byte for byte."""

from __future__ import annotations

import gc
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.timeline.build import build_timeline
from policydrift.reports.timeline.json_text import Blocks, indented_json, object_chunks
from policydrift.reports.timeline.tables import (
    timeline_json_chunks,
    timeline_to_dict,
    timeline_to_json,
)


def _stdlib(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


# text that looks like the separators and brackets the fast path looks for
TRICKY = st.sampled_from(
    [
        "]",
        "}",
        "],",
        "]}",
        "]},",
        "}]",
        ":\x01[",
        "\x01",
        "\n",
        '"',
        "\\",
        ": [",
        "],\n  [",
        "\x00",
        "é",
        "→",
    ]
)
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=6)), max_size=4).map("".join)
PLAIN = st.one_of(st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(), TEXT)
KEYS = st.one_of(TEXT, st.integers(-5, 5), st.booleans(), st.none(), st.floats(allow_nan=False))
FLAT = st.lists(PLAIN, max_size=4)
RECORD = st.dictionaries(TEXT, st.one_of(PLAIN, FLAT, st.tuples(PLAIN, PLAIN)), max_size=5)
VALUES = st.recursive(
    PLAIN | st.lists(RECORD, max_size=4) | st.lists(FLAT, max_size=4),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(TEXT, inner, max_size=4)
        | st.dictionaries(KEYS, inner, max_size=3)
        | st.tuples(inner, inner)
    ),
    max_leaves=30,
)
BLOCKS = st.lists(st.lists(VALUES, max_size=3), max_size=4)  # a list given block by block


@given(VALUES)
@settings(max_examples=400, deadline=None)
def test_any_value_is_written_as_the_standard_library_writes_it(value):
    assert indented_json(value) == _stdlib(value)


@given(st.lists(RECORD, min_size=1, max_size=6), st.integers(0, 3))
@settings(max_examples=300, deadline=None)
def test_records_at_any_depth(records, depth):
    value = records
    for _ in range(depth):
        value = {"x": [value, 1]}
    assert indented_json(value) == _stdlib(value)


@pytest.mark.parametrize(
    "value",
    [
        [{"a": ["]}", "x"], "b": 1}, {"a": [], "b": [":\x01[", "],\n      ["]}],
        [{"a": "]},\n"}, {"a": ["x]"]}],
        [[1, "],\n    ["], ["]"]],
        [{"a": [1.5, math.inf, -math.inf]}],
        [{"k": [True, None]}, {"k": []}, {"k": [0]}],
    ],
)
def test_text_that_looks_like_structure(value):
    assert indented_json(value) == _stdlib(value)


def test_what_the_standard_library_refuses_is_refused():
    with pytest.raises(TypeError, match="not JSON serializable"):
        indented_json([{"a": [object()]}])
    with pytest.raises(TypeError, match="not JSON serializable"):
        _stdlib([{"a": [object()]}])


def test_the_timeline_json_is_the_standard_librarys_and_leaves_no_cycles(corpus):
    timeline = build_timeline(corpus.statements)
    expected = _stdlib(timeline_to_dict(timeline)) + "\n"
    gc.collect()
    gc.disable()
    try:
        assert timeline_to_json(timeline) == expected
        assert not gc.isenabled()  # a caller's pause stands
        assert gc.collect() == 0  # pausing the collector kept nothing alive
    finally:
        gc.enable()
    assert timeline_to_json(timeline) == expected
    assert gc.isenabled()


@given(st.dictionaries(TEXT, st.one_of(VALUES, BLOCKS.map(Blocks)), max_size=5))
@settings(max_examples=300, deadline=None)
def test_an_object_in_pieces_is_the_whole_objects_text(fields):
    whole = {key: v.items() if isinstance(v, Blocks) else v for key, v in fields.items()}
    assert "".join(object_chunks(fields.items())) == _stdlib(whole)


def test_the_timeline_json_in_small_blocks_is_the_same_text_and_reports_each_block(corpus):
    timeline = build_timeline(corpus.statements)
    expected = timeline_to_json(timeline)
    reports = []
    pieces = list(timeline_json_chunks(timeline, lambda d, t: reports.append((d, t)), block=7))
    assert "".join(pieces) == expected
    total = reports[-1][1]
    assert reports == [(k, total) for k in range(1, total + 1)]
    assert total > len(timeline.sentences) // 7  # the sentences came in many blocks
    assert max(map(len, pieces)) < len(expected) / 10
