"""The timeline's work at scale gives the same answers as the direct way of computing them.

The similarity of editions is counted sparsely, the reuse links are worked out per distinct
sentence, the reuse search is the blocked index, and the digest reads what changed in an
edition off the built timeline. Each is checked here
against the straightforward computation on the sample corpus.
"""

from __future__ import annotations

import numpy as np
import pytest
from policydrift.compare.scale.reuse import reuse_pairs
from policydrift.compare.timeline.build import build_timeline
from policydrift.compare.timeline.digest import MAX_EDITS, series_digests

PROCLAMATIONS = "cyber_awareness_month_proclamations"


@pytest.fixture(scope="module", params=[False, True], ids=["all", "formulaic-excluded"])
def timeline(request, corpus):
    return build_timeline(corpus.statements, exclude_formulaic=request.param)


def _direct_similarity(t, links, a, b):
    """Share of the included words of editions a and b lying in sentences the other holds."""
    ea, eb = t.editions[a].id, t.editions[b].id
    stmt, sent = links.stmt, links.sent
    ids = [s.id for s in links.statements]
    shared = {ea: set(), eb: set()}
    for x, y in zip(links.source.tolist(), links.target.tolist(), strict=True):
        for p, q in ((x, y), (y, x)):
            if {ids[stmt[p]], ids[stmt[q]]} == {ea, eb}:
                shared[ids[stmt[p]]].add(int(sent[p]))
    rows = {(r.edition, r.index): r for r in t.sentences}

    def words(edition, indexes=None):
        return sum(
            r.words
            for (e, i), r in rows.items()
            if e == edition and (indexes is None or i in indexes)
            and not (t.exclude_formulaic and r.formulaic)
        )  # fmt: skip

    total = words(ea) + words(eb)
    return round((words(ea, shared[ea]) + words(eb, shared[eb])) / total, 4) if total else 0.0


def test_sparse_similarity_equals_the_direct_count(timeline):
    n = len(timeline.editions)
    pairs = {(a, b): share for a, b, share in timeline.overall.pairs}
    assert pairs
    assert all(a < b for a, b in pairs)
    links = reuse_pairs(timeline.statements, threshold=timeline.options.threshold)
    rng = np.random.default_rng(0)
    checked = list(pairs)[:40] + [tuple(sorted(rng.choice(n, 2, replace=False))) for _ in range(40)]
    for a, b in checked:
        assert pairs.get((int(a), int(b)), 0.0) == _direct_similarity(
            timeline, links, int(a), int(b)
        )
    for view in timeline.series:  # each series' dense matrix holds the same shares
        order = [timeline.edition(e).order for e in view.editions]
        for i, a in enumerate(order):
            for j, b in enumerate(order):
                expected = 1.0 if a == b else pairs.get((min(a, b), max(a, b)), 0.0)
                assert view.similarity[i][j] == expected


def test_blocked_search_finds_the_pairs_of_the_exhaustive_one(corpus):
    blocked = reuse_pairs(corpus.statements, method="blocked")
    exhaustive = reuse_pairs(corpus.statements, method="exhaustive")
    assert len(blocked) > 50
    for name in ("source", "target", "score", "cluster"):
        assert np.array_equal(getattr(blocked, name), getattr(exhaustive, name)), name


def test_digest_reads_what_changed_in_each_edition(timeline):
    view = next(v for v in timeline.series if v.name == PROCLAMATIONS)
    digests = series_digests(timeline, view)
    assert [d.edition for d in digests] == list(view.editions[1:])
    for d in digests:
        k = d.position
        here = {t.key for t in view.themes if t.counts[k]}
        before = {t.key for t in view.themes if t.counts[k - 1]}
        assert set(d.new_themes) == here - before
        assert set(d.dropped_themes) == before - here
        edition = timeline.edition(d.edition)
        assert d.reused == edition.reuse_from_previous
        assert (d.added, d.dropped) == (edition.new, edition.dropped)
        assert len(d.edits) <= MAX_EDITS
        assert [e.score for e in d.edits] == sorted(e.score for e in d.edits)
        rows = {r.index: r for r in timeline.rows(d.edition)}
        for edit in d.edits:
            assert rows[edit.sentence].cls == "edited"
            assert not rows[edit.sentence].formulaic
            assert 0 < edit.score < 100
        edited = [r for r in rows.values() if r.cls == "edited" and not r.formulaic]
        assert bool(d.edits) == bool(edited)
    latest = digests[-1]  # the 2025 proclamation brings scams and AI, drops ransomware
    assert "online_scams" in latest.new_themes
    assert "ransomware" in latest.dropped_themes


def _partition(cluster):
    groups = {}
    for k, c in enumerate(cluster.tolist()):
        if c >= 0:
            groups.setdefault(c, []).append(k)
    return sorted(groups.values())


@pytest.mark.parametrize("threshold", [90.0, 75.0])
def test_links_per_distinct_sentence_answer_as_the_links_per_pair(corpus, threshold):
    from policydrift.compare.timeline.build import _time_ordered
    from policydrift.compare.timeline.keylinks import KeyLinks
    from policydrift.compare.timeline.reuse import ReuseLinks

    ordered = _time_ordered(corpus.statements)
    per_pair = ReuseLinks(reuse_pairs(ordered, threshold=threshold))
    per_key = KeyLinks(ordered, threshold=threshold)
    assert per_key.first == per_pair.first
    assert len(per_key.reuse) == len(per_pair.reuse)
    assert np.array_equal(per_key.reuse.cluster, per_pair.reuse.cluster)
    assert _partition(per_key.reuse.cluster)  # some sentences are reused
    for s in ordered[:8]:
        for i in range(len(s.sentences)):
            assert per_key.contemporaneous(s.id, i) == per_pair.contemporaneous(s.id, i)
    n = sum(len(s.sentences) for s in ordered)
    words = np.arange(n, dtype=np.int64) % 7 + 1
    included = np.arange(n) % 5 != 0
    a, b = (
        per_key.similarity(ordered, words, included),
        per_pair.similarity(ordered, words, included),
    )
    assert a.pairs() == b.pairs()
    assert len(a.pairs()) > 10
