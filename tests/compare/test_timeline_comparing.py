"""Editions aligned, measured and viewed in forked processes: the same timeline as in one process."""

from __future__ import annotations

import os
import pickle
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from policydrift.compare.models import CompareOptions
from policydrift.compare.shifts.lexicon import load_strength
from policydrift.compare.timeline import comparing, per_series
from policydrift.compare.timeline.build import _groups, build_timeline
from policydrift.compare.timeline.comparing import EditionAlignments, runs_of
from policydrift.compare.timeline.models import TimelineOptions
from policydrift.compare.timeline.pairs import WordPositions, align_pair
from policydrift.compare.timeline.per_series import series_jobs
from policydrift.compare.timeline.reuse import reused_words
from policydrift.reports.timeline.html import render_timeline_html
from policydrift.reports.timeline.tables import timeline_to_json


@pytest.fixture
def forking(monkeypatch):
    """Fork for the sample corpus: its 15 pairs in runs of 2, its 24 editions and 11 series."""
    monkeypatch.setattr(comparing, "PARALLEL_MIN_PAIRS", 2)
    monkeypatch.setattr(comparing, "RUN_PAIRS", 2)
    monkeypatch.setattr(per_series, "PARALLEL_MIN_EDITIONS", 2)


def options(workers: int) -> TimelineOptions:
    return TimelineOptions(compare=CompareOptions(semantic=False, workers=workers))


def test_runs_cover_every_pair_of_consecutive_editions_once(corpus):
    groups = _groups(corpus.statements)
    runs = runs_of(groups, size=2)
    pairs = [(a.id, b.id) for _, run in runs for a, b in zip(run, run[1:], strict=False)]
    expected = [(a.id, b.id) for _, eds in groups for a, b in zip(eds, eds[1:], strict=False)]
    assert pairs == expected
    assert all(2 <= len(run) <= 3 for _, run in runs)


@pytest.mark.usefixtures("forking")
def test_pairs_aligned_in_children_equal_pairs_aligned_here(corpus):
    groups = _groups(corpus.statements)
    strength = load_strength(None)
    compare_options = CompareOptions(semantic=False)
    positions = WordPositions()
    ticks = []
    with EditionAlignments(
        groups, compare_options, strength=strength, positions=positions, workers=2
    ) as aligning:
        assert aligning.processes == 2
        assert len(aligning.runs) == len(runs_of(groups, size=2)) > 5
        finished = []
        found = aligning.collect(
            lambda *a: ticks.append(a),
            lambda name, pairs: finished.append((name, len(ticks), pairs)),
        )
    assert [t[1] for t in ticks] == list(range(1, aligning.pairs + 1))
    # each series with pairs is announced once, right after its last pair, with all of them
    with_pairs = [name for name, editions in groups if len(editions) > 1]
    assert [name for name, _, _ in finished] == with_pairs
    for name, when, pairs in finished:
        assert pairs == found[name]
        assert ticks[when - 1][3].endswith(f"against {found[name][-1].old.id}")
    assert {t[2] for t in ticks} == {aligning.pairs}
    for name, editions in groups:
        expected = [
            align_pair(a, b, compare_options, strength=strength)
            for a, b in zip(editions, editions[1:], strict=False)
        ]
        assert [replace(pair, kept=None) for pair in found[name]] == expected
        # the words each new sentence keeps, counted in the child as the figures count them
        assert [pair.kept for pair in found[name]] == [
            tuple(reused_words(pair).tolist()) for pair in expected
        ]
        for s in editions if len(editions) > 1 else ():  # places of statements aligned
            assert positions._places[s.id].starts.tolist() == (
                WordPositions().places(s).starts.tolist()
            )


@pytest.mark.usefixtures("forking")
def test_the_timeline_and_its_reports_do_not_depend_on_the_processes(corpus):
    strength = load_strength(None)
    one = build_timeline(corpus.statements, options=options(1), strength=strength)
    two = build_timeline(corpus.statements, options=options(2), strength=strength)
    assert replace(two, options=one.options) == one
    assert timeline_to_json(two) == timeline_to_json(one)
    assert render_timeline_html(two, generated="x") == render_timeline_html(one, generated="x")


@pytest.mark.usefixtures("forking")
def test_an_alignment_error_in_a_child_reaches_the_caller(corpus, monkeypatch):
    parent = os.getpid()

    def broken(*args, **kwargs):
        if os.getpid() != parent:
            msg = "alignment failed in a child"
            raise RuntimeError(msg)
        return align_pair(*args, **kwargs)

    monkeypatch.setattr(comparing, "align_pair", broken)
    with pytest.raises(RuntimeError, match="alignment failed in a child"):
        build_timeline(corpus.statements, options=options(2))


def test_few_pairs_stay_in_this_process(corpus):
    groups = _groups(corpus.statements)
    with EditionAlignments(
        groups, CompareOptions(), strength=None, positions=WordPositions(), workers=2
    ) as aligning:
        assert aligning.pairs < comparing.PARALLEL_MIN_PAIRS
        assert aligning.processes == 1


@pytest.mark.usefixtures("forking")
def test_series_jobs_run_in_children_in_series_order(corpus):
    groups = _groups(corpus.statements)
    with series_jobs(lambda name, eds: (name, os.getpid()), groups, workers=2) as found:
        got = list(found)
    assert [name for name, _ in got] == [name for name, _ in groups]
    assert os.getpid() not in {pid for _, pid in got}
    with series_jobs(lambda name, eds: os.getpid(), groups, workers=1) as found:
        assert set(found) == {os.getpid()}


def test_series_measured_as_they_finish_equal_series_measured_at_the_end(corpus):
    from policydrift.compare.themes.lexicon import load_lexicon
    from policydrift.compare.timeline.build import _formulas, _number, _select
    from policydrift.compare.timeline.coding import Coding
    from policydrift.compare.timeline.editions import Evidence
    from policydrift.compare.timeline.keylinks import KeyLinks
    from policydrift.compare.timeline.lineage import build_lineages
    from policydrift.compare.timeline.measuring import Measured

    ordered, report = _select(corpus.statements, None)
    groups = _groups(report)
    opts = options(1)
    links = KeyLinks(ordered, threshold=opts.threshold, method=opts.method, workers=1)
    coded = Coding(load_lexicon(), ordered)
    for s in report:
        coded.code(s)
    formulas, overall = _formulas(groups, report, links, opts)
    formulaic = frozenset(
        o for f in [*formulas.values(), overall] for x in f for o in x.occurrences
    )
    strength = load_strength()
    pairs = {
        name: [
            align_pair(a, b, opts.compare, strength=strength)
            for a, b in zip(eds, eds[1:], strict=False)
        ]
        for name, eds in groups
    }
    traced = {name: build_lineages(name, eds, pairs[name]) for name, eds in groups}
    every = [line for lines in traced.values() for line in lines]
    _, numbered = _number(every, order={s.id: k for k, s in enumerate(report)})

    def measured(early: bool):
        evidence = Evidence(
            {s.id: k for k, s in enumerate(report)}, links, {}, formulaic, coded, False,
            WordPositions(),
        )  # fmt: skip
        figures = Measured(evidence)
        if early:  # as the timeline does: each named series as its last pair comes in
            for name, eds in groups:
                if name and len(eds) > 1:
                    figures.series(name, eds, pairs[name], traced[name])
        return figures.all(groups, pairs, every, numbered, lambda *_: None)

    editions, rows = measured(early=True)
    assert (editions, rows) == measured(early=False)
    assert {row.lineage for row in rows} == set(numbered.values())  # every row named, L1...
    assert any(e.shifts for e in editions)


@given(
    st.lists(
        st.tuples(
            st.lists(st.text(max_size=4), max_size=5).map(tuple),
            st.lists(st.text(max_size=4), max_size=5).map(tuple),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_rows_sent_back_packed_are_the_same_rows(sides):
    from policydrift.compare.models import AlignedRow

    rows = []
    for k, (old, new, same) in enumerate(sides):
        new = old if same else new  # a same row's sides are one tuple
        rows.append(AlignedRow("edited", (k,), (k,), 75.0, (("equal", 0, 1, 0, 1),), old, new))
    back = comparing.unpacked(pickle.loads(pickle.dumps(comparing.packed(rows))))
    assert back == tuple(rows)
    for r, b in zip(rows, back, strict=True):  # one tuple for both sides stays one
        assert b.new_words is b.old_words or r.new_words is not r.old_words


@pytest.mark.usefixtures("forking")
@pytest.mark.parametrize("workers", [1, 2])
def test_the_build_makes_no_reference_cycles_and_pauses_the_collector(corpus, workers):
    import gc

    seen = []
    statements = corpus.statements
    build_timeline(
        statements, options=options(workers),
        progress=lambda *_: seen.append(gc.isenabled()), strength=load_strength(),
    )  # fmt: skip
    assert gc.isenabled()  # resumed
    assert seen
    assert not any(seen)  # paused all along
    gc.collect()
    gc.disable()  # (no pass between the build and the count below)
    try:
        timeline = build_timeline(statements, options=options(workers), strength=load_strength())
        assert not gc.isenabled()  # a caller's pause stands
        assert gc.collect() == 0  # the passes would have freed nothing
    finally:
        gc.enable()
    assert timeline.lineages
