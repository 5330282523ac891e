"""The hand labels of emerging phrases stay complete, and the benchmark scores them as documented.

The labels (benchmarks/labels/emerging) judge the candidate terms keyness offers for each
edition of the sample corpus; if the candidates change (tokens, lexicon, keyness), a term
without a judgement makes these tests fail, so the labels cannot rot silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

from bench_emerging import POOL, baseline, engine, evaluate, load_cases  # noqa: E402
from policydrift.compare.themes.keyness import key_terms  # noqa: E402
from policydrift.compare.themes.lexicon import load_lexicon  # noqa: E402
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus  # noqa: E402

VERDICTS = {"yes", "no generic", "no fragment", "no not-more", "no routine"}


def test_every_candidate_is_judged_and_nothing_else():
    statements = {s.id: s for s in load_corpus(SAMPLE_CORPUS).statements}
    lexicon = load_lexicon()
    cases = load_cases()
    assert len(cases) == 11
    assert {c["split"] for c in cases} == {"TUNE", "TEST"}
    for case in cases:
        old = [statements[i] for i in case["earlier"]]
        terms = key_terms(old, [statements[case["latest"]]], lexicon=lexicon, top=POOL,
                          leaning="new")  # fmt: skip
        pool = {t.term for t in terms if not t.themes and len(t.uses) >= 2}
        assert pool == set(case["terms"]), case["latest"]
        assert set(case["terms"].values()) <= VERDICTS


def test_the_engine_lists_fewer_wrong_terms_than_the_baseline_on_test():
    now, before = evaluate(engine, "TEST"), evaluate(baseline, "TEST")
    assert not now.unlabelled
    assert not before.unlabelled
    assert now.right / now.shown >= 0.6 > before.right / before.shown
    assert now.right >= before.right - 2  # few right terms lost
