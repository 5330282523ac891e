"""Corpus reuse: blocked equals exhaustive on the sample corpus; direction, repeats, clusters."""

from __future__ import annotations

import numpy as np
import pytest
from policydrift.compare.scale.reuse import reuse_pairs
from policydrift.compare.scale.search import find_reuse
from policydrift.corpus.models import Sentence, Statement
from policydrift.corpus.normalize import normalise_key
from rapidfuzz import fuzz


def _pairs(r) -> list[tuple[int, int, float]]:
    return list(zip(r.i.tolist(), r.j.tolist(), r.score.tolist(), strict=True))


@pytest.mark.parametrize("threshold", [90.0, 80.0, 70.0])
def test_blocked_finds_every_pair_exhaustive_finds_on_the_sample_corpus(sample_keys, threshold):
    exhaustive = find_reuse(sample_keys, threshold=threshold, method="exhaustive")
    blocked = find_reuse(sample_keys, threshold=threshold, method="blocked")
    assert exhaustive.method == "exhaustive"
    assert blocked.method == "blocked"
    assert len(exhaustive) > 20
    assert _pairs(blocked) == _pairs(exhaustive)
    assert blocked.candidates < exhaustive.candidates / 5


def test_pairs_are_exactly_those_at_or_above_threshold(sample_keys):
    r = find_reuse(sample_keys, threshold=90.0)
    got = set(zip(r.i.tolist(), r.j.tolist(), strict=True))
    brute = {
        (a, b)
        for a in range(len(sample_keys))
        for b in range(a + 1, len(sample_keys))
        if fuzz.ratio(sample_keys[a], sample_keys[b]) >= 90.0
    }
    assert got == brute
    assert all(
        fuzz.ratio(sample_keys[a], sample_keys[b]) == pytest.approx(s, abs=1e-3)
        for a, b, s in _pairs(r)
    )


def test_options_are_checked():
    with pytest.raises(ValueError, match="threshold: must be a score above 0 to 100"):
        find_reuse(["a"], threshold=120)
    with pytest.raises(ValueError, match="method must be one of"):
        find_reuse(["a"], method="fast")


def test_auto_switches_to_blocked_above_the_documented_size(sample_keys):
    assert find_reuse(sample_keys, exhaustive_max=10).method == "blocked"
    assert find_reuse(sample_keys).method == "exhaustive"


def test_closing_formula_of_the_proclamations_runs_from_2021_onwards(corpus):
    r = reuse_pairs(corpus.statements, threshold=90.0)
    rows = [p for p in r.pair_rows() if p["source_sentence"].startswith("IN WITNESS WHEREOF")]
    assert rows
    for p in rows:
        assert p["source_date"] < p["target_date"]
        assert "WITNESS WHEREOF" in p["target_sentence"]
        assert p["score"] >= 90.0
    first = [c for c in r.cluster_rows() if c["first_sentence"].startswith("IN WITNESS WHEREOF")]
    assert first[0]["first_date"] == "2021-09-30"
    assert first[0]["size"] == 5


def _statement(id_: str, date: str | None, texts: list[str]) -> Statement:
    sentences = tuple(Sentence(i, t, normalise_key(t), 0, len(t), 0) for i, t in enumerate(texts))
    return Statement(id_, f"{id_}.txt", "", "", sentences, date=date)


def test_direction_repeats_and_clusters():
    a = _statement("a", "2020-05-01", ["We condemn ransomware attacks on hospitals.", "Thanks."])
    b = _statement(
        "b",
        "2021-05-01",
        [
            "We condemn all ransomware attacks on hospitals.",
            "Trade matters to us all.",
            "Trade matters to us all!",
        ],
    )
    c = _statement("c", None, ["We condemn ransomware attacks on hospitals"])
    r = reuse_pairs([c, b, a], threshold=90.0)  # given out of order on purpose
    assert [s.id for s in r.statements] == ["a", "b", "c"]  # dated by date, undated last
    rows = r.pair_rows()
    triples = [(p["source_id"], p["source_index"], p["target_id"], p["target_index"]) for p in rows]
    assert triples == [("a", 0, "b", 0), ("a", 0, "c", 0), ("b", 0, "c", 0), ("b", 1, "b", 2)]
    assert [p["same_statement"] for p in rows] == [False, False, False, True]
    assert r.n_clusters == 2
    clusters = r.cluster_rows()
    assert (clusters[0]["first_id"], clusters[0]["size"], clusters[0]["statements"]) == ("a", 3, 3)
    assert (clusters[1]["first_id"], clusters[1]["size"]) == ("b", 2)
    assert r.earliest_source(2, 0) == (0, 0)
    assert r.earliest_source(0, 0) is None
    assert r.earliest_source(0, 1) is None
    assert list(r.to_frame()["score"]) == [p["score"] for p in rows]
    assert len(r.clusters_frame()) == 2


def test_empty_and_unreused_corpora():
    r = reuse_pairs([_statement("a", "2020-01-01", ["One.", "Two words here."])])
    assert len(r) == 0
    assert r.n_clusters == 0
    assert list(r.to_frame().columns)[:3] == ["source_id", "source_date", "source_sentence"]
    assert reuse_pairs([]).stmt.size == 0


def test_exact_repeats_expand_to_every_pair():
    keys = ["same words here"] * 4 + ["other words"]
    r = find_reuse(keys, method="blocked")
    assert _pairs(r) == [(a, b, 100.0) for a in range(4) for b in range(a + 1, 4)]
    assert np.all(r.i < r.j)


@pytest.mark.parametrize(("threshold", "old_len", "new_len"), [(93.0, 93, 107), (68.0, 51, 99)])
@pytest.mark.parametrize("method", ["exhaustive", "blocked"])
def test_a_pair_scoring_exactly_the_threshold_is_found(threshold, old_len, new_len, method):
    # rapidfuzz's own score_cutoff drops these pairs, which fuzz.ratio scores exactly at the
    # threshold (its comparison comes before the scaling to 0-100); pairs_above, the one rule
    # of the alignment and the reuse search, keeps them
    text = "we reaffirm our commitment to an open and secure cyberspace and to the rule of law"
    old = (text * 2)[:old_len]
    keys = [old, old + "z" * (new_len - old_len)]
    assert fuzz.ratio(*keys) == threshold
    assert fuzz.ratio(*keys, score_cutoff=threshold) == 0
    found = find_reuse(keys, threshold=threshold, method=method, short_len=0)
    assert _pairs(found) == [(0, 1, threshold)]


def test_the_blocked_search_reports_the_distinct_keys_searched(monkeypatch):
    from policydrift.compare.scale import search

    keys = [
        f"member states {w} cooperation on cyber security {k}"
        for k in range(60)
        for w in ("boost", "deepen")
    ]
    keys += keys[:10]  # repeats are one distinct key each
    real = search.iter_candidate_blocks
    monkeypatch.setattr(
        search,
        "iter_candidate_blocks",
        lambda index, threshold: real(index, threshold=threshold, chunk_pairs=50),
    )
    calls = []
    found = search.find_distinct_pairs(keys, method="blocked", progress=lambda *c: calls.append(c))
    plain = search.find_distinct_pairs(keys, method="blocked")
    assert found[1].tolist() == plain[1].tolist()
    assert calls[0] == (0, 120)
    assert calls[-1] == (120, 120)
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert len(set(done)) > 3  # several blocks, in key order
