"""The inline redline model: accepting every change gives the new text and rejecting every
change the old text, on the sample pairs and on generated revisions of real sentences."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policydrift.compare import compare
from policydrift.corpus.collection import SAMPLE_CORPUS, read_one
from policydrift.corpus.models import Sentence, Statement
from policydrift.corpus.normalize import normalise_key
from policydrift.reports.redline.inline import build_inline

from .conftest import PAIRS, collapse, comparison_of, pair_id, side_text

SENTENCES = [
    s.text
    for s in read_one(
        SAMPLE_CORPUS
        / "whitehouse"
        / "cyber_awareness_month_proclamations"
        / "2022-09-30-a-cybersecurity-awareness-month-2022.md"
    ).sentences
]


def accepted(view) -> str:
    return collapse(" ".join(r.new_text for r in view.rows))


def rejected(view) -> str:
    return collapse(" ".join(r.old_text for r in view.rows))


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_exact_view_gives_both_texts(pair) -> None:
    c = comparison_of(*pair)
    view = build_inline(c, exact=True)
    assert accepted(view) == side_text(c, "new")
    assert rejected(view) == side_text(c, "old")
    assert accepted(build_inline(c)) == side_text(c, "new")  # the reading view too


def test_every_row_once_and_moves_twice(edited_comparison) -> None:
    view = build_inline(edited_comparison)
    numbers = [r.number for r in view.rows]
    moved = [n for n, row in enumerate(edited_comparison.rows, 1) if row.kind.startswith("moved")]
    assert sorted(numbers) == sorted([*range(1, len(edited_comparison.rows) + 1), *moved])
    for n in moved:
        places = {r.move: r for r in view.rows if r.number == n}
        assert places["away"].partner == places["here"].anchor == f"row-{n}"
        assert places["here"].partner == places["away"].anchor == f"was-{n}"


def _statement(texts: list[str]) -> Statement:
    sents, raw = [], ""
    for k, t in enumerate(texts):
        sents.append(Sentence(k, t, normalise_key(t), len(raw), len(raw) + len(t), k // 3))
        raw += t + " "
    return Statement("x", "x", raw, raw, tuple(sents))


def _edit(text: str, data) -> str:
    words = text.split()
    op = data.draw(st.sampled_from(["keep", "case", "swap", "cut", "add"]))
    if op == "case":
        return text.upper()
    if op == "swap" and len(words) > 3:
        i = data.draw(st.integers(0, len(words) - 2))
        words[i], words[i + 1] = words[i + 1], words[i]
    if op == "cut" and len(words) > 3:
        del words[data.draw(st.integers(0, len(words) - 1))]
    if op == "add":
        words.insert(data.draw(st.integers(0, len(words))), "notably,")
    return " ".join(words)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_generated_revisions_round_trip(data) -> None:
    old = data.draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=10, unique=True))
    new = [_edit(t, data) for t in data.draw(st.permutations(old))]
    keep = data.draw(st.lists(st.booleans(), min_size=len(new), max_size=len(new)))
    new = [t for t, k in zip(new, keep, strict=True) if k]
    new += data.draw(st.lists(st.sampled_from(SENTENCES), max_size=3))
    if not new:
        return
    c = compare(_statement(old), _statement(new))
    view = build_inline(c, exact=True)
    assert accepted(view) == collapse(" ".join(new))
    assert rejected(view) == collapse(" ".join(old))


def test_a_new_row_kind_is_read_by_its_opcodes(edited_comparison) -> None:
    """A kind the redlines have never heard of (as the alignment model adds: trimmed, extended,
    reworded) is shown word by word when its opcodes change something, and the "edited only"
    preset of the HTML report includes it."""
    from dataclasses import replace

    from policydrift.reports.compare.view import build_report

    rows = tuple(
        replace(r, kind="reworded") if r.kind == "edited" else r for r in edited_comparison.rows
    )
    c = replace(edited_comparison, rows=rows)
    view = build_inline(c, exact=True)
    reworded = [r for r in view.rows if r.kind == "reworded"]
    assert reworded
    assert all(r.reworded and {"del", "ins"} & {p.mark for p in r.pieces} for r in reworded)
    assert accepted(view) == side_text(c, "new")
    assert rejected(view) == side_text(c, "old")
    assert build_report(c).edited_preset == "kinds=reworded"
