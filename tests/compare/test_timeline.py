"""The timeline of the sample corpus: reuse figures, sources, formulas, themes, invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.engine import compare
from policydrift.compare.timeline.build import STAGES, TimelineOptions, build_timeline
from policydrift.compare.timeline.formulaic import find_formulaic, required_editions
from policydrift.compare.timeline.tracks import make_track, track_status
from policydrift.corpus.errors import OptionError
from policydrift.corpus.models import Sentence, Statement
from policydrift.corpus.normalize import normalise_key

NOTICES = "cyber_emergency_continuation_notices"
RANSOMWARE = "counter_ransomware_initiative"
PROCLAMATIONS = "cyber_awareness_month_proclamations"


@pytest.fixture(scope="module")
def excluded(corpus):
    return build_timeline(corpus.statements, exclude_formulaic=True)


def editions_of(t, series):
    return [e for e in t.editions if e.series == series]


def view_of(t, series):
    return next(v for v in t.series if v.name == series)


def test_every_statement_is_an_edition_in_date_order(corpus, timeline):
    assert [e.id for e in timeline.editions] == [s.id for s in corpus.statements]
    dates = [e.date for e in timeline.editions]
    assert dates == sorted(dates)
    assert [e.order for e in timeline.editions] == list(range(24))
    assert len(timeline.sentences) == sum(len(s.sentences) for s in corpus.statements)


def test_continuation_notices_reuse_nearly_everything(timeline):
    notices = editions_of(timeline, NOTICES)
    assert [e.date[:4] for e in notices] == ["2021", "2022", "2023", "2024"]
    assert notices[0].reuse_from_previous is None
    assert notices[0].same is None
    assert notices[0].new is None
    for e in notices[1:]:
        assert e.reuse_from_previous > 0.98
        assert e.reuse_from_earlier == 1.0
        assert e.new == 0
        assert e.same + e.edited == e.sentences
    # only the year in "beyond April 1, 2022" changes: one edited sentence per edition
    assert [e.edited for e in notices[1:]] == [1, 1, 1]


def test_counter_ransomware_statements_reuse_little_and_shift_themes(timeline):
    editions = editions_of(timeline, RANSOMWARE)
    assert len(editions) == 4
    assert all(e.reuse_from_previous < 0.3 for e in editions[1:])
    assert all(e.new > e.same + e.edited for e in editions[1:])
    statuses = {t.key: t.status for t in view_of(timeline, RANSOMWARE).themes}
    assert statuses["ransomware"] == "constant"
    assert statuses["artificial_intelligence"] == "emerging"
    assert "fading" in statuses.values()
    named = {t.label: t.status for t in view_of(timeline, RANSOMWARE).initiatives}
    assert named["International CRI"] == "emerging"  # defined from 2022 on


def test_reuse_from_previous_is_the_compare_figure(corpus, timeline):
    for view in timeline.series:
        for old_id, new_id in zip(view.editions, view.editions[1:], strict=False):
            expected = compare(
                timeline.statement(old_id), timeline.statement(new_id), timeline.options.compare
            ).figures
            assert timeline.edition(new_id).reuse_from_previous == round(
                expected.new_reused_share, 4
            )


def test_reuse_from_earlier_includes_the_previous_edition(timeline):
    for e in timeline.editions:
        if e.reuse_from_previous is not None:
            assert e.reuse_from_earlier >= e.reuse_from_previous
        for share in (e.reuse_from_previous, e.reuse_from_earlier):
            assert share is None or 0.0 <= share <= 1.0
    assert timeline.editions[0].reuse_from_earlier is None  # nothing is earlier


def test_sources_are_earlier_statements_that_hold_the_sentence(timeline):
    order = {e.id: e.order for e in timeline.editions}
    notices = editions_of(timeline, NOTICES)
    for row in timeline.sentences:
        if row.source is None:
            continue
        assert order[row.source] < order[row.edition]
        assert row.source_score is not None
        assert row.source_score > 0
    rows = [r for r in timeline.sentences if r.edition == notices[-1].id]
    assert {r.source for r in rows} == {notices[0].id}  # 2024's sentences all come from 2021
    assert notices[-1].sources[0].id == notices[0].id


def test_every_sentence_belongs_to_exactly_one_lineage(timeline):
    seen = {}
    for line in timeline.lineages:
        positions = [step.position for step in line.steps]
        assert positions == list(range(positions[0], positions[0] + len(positions)))
        for step in line.steps:
            for i in step.sentences:
                assert (step.edition, i) not in seen
                seen[(step.edition, i)] = line.id
    assert len(seen) == len(timeline.sentences)
    assert all(seen[(r.edition, r.index)] == r.lineage for r in timeline.sentences)
    lengths = [line.length for line in timeline.lineages]
    assert lengths == sorted(lengths, reverse=True)


def test_formulaic_proclamation_frame_and_exclusion(timeline, excluded):
    formulas = view_of(timeline, PROCLAMATIONS).formulas
    texts = [f.text for f in formulas]
    assert any(t.startswith("NOW, THEREFORE, I, JOSEPH R. BIDEN JR.") for t in texts)
    assert any(t.startswith("IN WITNESS WHEREOF") for t in texts)
    assert all(f.editions == 5 for f in formulas)
    before = editions_of(timeline, PROCLAMATIONS)
    after = editions_of(excluded, PROCLAMATIONS)
    for a, b in zip(before[1:], after[1:], strict=True):
        assert b.reuse_from_previous < a.reuse_from_previous
    # every sentence of a notice is in all four editions: nothing is left to measure
    assert all(e.reuse_from_previous is None for e in editions_of(excluded, NOTICES))
    assert excluded.options_dict()["exclude_formulaic"] is True


def test_formulaic_excluded_from_similarity(timeline, excluded):
    before = view_of(timeline, PROCLAMATIONS).similarity
    after = view_of(excluded, PROCLAMATIONS).similarity
    assert after[0][1] < before[0][1]
    assert all(before[k][k] == 1.0 for k in range(5))
    assert [list(r) for r in before] == [list(c) for c in zip(*before, strict=True)]  # symmetric


def test_series_option_keeps_the_corpus_as_source(corpus):
    t = build_timeline(corpus.statements, series=RANSOMWARE)
    assert {e.series for e in t.editions} == {RANSOMWARE}
    assert [v.name for v in t.series] == [RANSOMWARE]
    with pytest.raises(OptionError, match="no series 'nope'"):
        build_timeline(corpus.statements, series="nope")


def test_build_is_deterministic(corpus, timeline):
    again = build_timeline(list(reversed(corpus.statements)))
    assert again.editions == timeline.editions
    assert again.sentences == timeline.sentences
    assert again.lineages == timeline.lineages


def test_tables_for_pandas(timeline):
    sentences, editions = timeline.to_frames()
    assert len(sentences) == 521  # 14 bold section titles and 4 list titles are headings
    assert len(editions) == 24
    assert list(editions.columns[:4]) == ["id", "series", "date", "title"]
    assert set(sentences["class"]) == {"first", "same", "edited", "new"}


def test_bad_arguments():
    with pytest.raises(ValueError, match="threshold: must be a score above 0 to 100"):
        TimelineOptions(threshold=0)
    with pytest.raises(ValueError, match="at least one statement"):
        build_timeline([])
    with pytest.raises(TypeError, match="progress must be callable"):
        build_timeline([_statement("a", "2020-01-01", ["x y z."])], progress=3)


def test_progress_reports_every_step_of_every_stage(corpus):
    calls = []
    build_timeline(corpus.statements, series=NOTICES, progress=lambda *call: calls.append(call[:3]))
    assert list(dict.fromkeys(stage for stage, _, _ in calls)) == list(STAGES)
    for stage in STAGES:
        mine = [(done, total) for s, done, total in calls if s == stage]
        total = mine[-1][1]
        assert mine[-1][0] == total > 0
        if stage == "reuse":  # distinct sentences searched block by block, then the links
            done = [d for d, _ in mine]
            assert done == sorted(done)
            assert total == 1 + len({s.key for st in corpus.statements for s in st.sentences})
        else:
            assert [d for d, _ in mine if d] == list(range(1, total + 1))
    editions = [total for s, _, total in calls if s == "editions"]
    assert editions[0] == 4  # the four notices
    assert [total for s, _, total in calls if s == "views"][0] == 2  # the series and all


def test_track_statuses_need_two_editions_to_emerge():
    assert track_status([0, 0, 1]) == "new"
    assert track_status([0, 1, 1]) == "emerging"
    assert track_status([0, 1, 0, 1]) == "emerging"
    assert track_status([1]) == "present"
    t = make_track("k", "K", "theme", ["a", "b"], [0, 0], [[], []])
    assert (t.status, t.first, t.last) == ("absent", None, None)


def test_required_editions_for_most():
    assert required_editions(4) == 3
    with pytest.raises(ValueError, match="share must be in"):
        required_editions(4, share=0)
    assert find_formulaic("s", [_statement("a", None, ["Same."])] * 2, {}) == []


# Property: whatever the editions, lineages partition the sentences and shares stay in [0, 1].
POOL = [
    "We support an open, secure and interoperable cyberspace.",
    "Ransomware attacks threaten critical infrastructure worldwide.",
    "We will expand capacity building for partners in the region.",
    "Members agreed to share threat information more quickly.",
    "The initiative welcomed new members this year.",
    "Online scams cause great harm to victims and their families.",
]


def _statement(sid: str, date: str | None, texts: list[str], series: str = "s") -> Statement:
    raw, sentences = "", []
    for k, text in enumerate(texts):
        sentences.append(Sentence(k, text, normalise_key(text), len(raw), len(raw) + len(text), k))
        raw += text + " "
    return Statement(sid, sid, raw, raw, tuple(sentences), title=sid, date=date, series=series)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique=True), min_size=1, max_size=4
    )
)
def test_properties_of_any_series(editions):
    statements = [_statement(f"e{k}", f"202{k}-01-01", texts) for k, texts in enumerate(editions)]
    t = build_timeline(statements)
    owned = [(s.edition, i) for line in t.lineages for s in line.steps for i in s.sentences]
    assert sorted(owned) == sorted((r.edition, r.index) for r in t.sentences)
    for k, e in enumerate(t.editions):
        assert (e.reuse_from_previous is None) == (k == 0)
        if k and editions[k] == editions[k - 1]:
            assert e.reuse_from_previous == 1.0
            assert e.new == 0
        for share in (e.reuse_from_previous, e.reuse_from_earlier):
            assert share is None or 0.0 <= share <= 1.0
