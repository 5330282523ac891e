"""The hand-made alignment labels stay valid, and the benchmark scores them as documented.

The labels (benchmarks/labels/alignment) refer to drift's sentence indexes: if the sentence
splitter or a sample file changes, the recorded hashes no longer match and these tests fail,
so the labels cannot rot silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

from alignment_labels import (  # noqa: E402
    LINKED,
    RELATIONS,
    Link,
    check_pair,
    load_labels,
    read_pair,
)
from alignment_scoring import baseline_rows, evaluate, predicted_links, score_pair  # noqa: E402

PAIRS = load_labels()


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_label_file_matches_sentence_splitting(pair):
    """Hashes match drift's sentences; every sentence once per side; known relations."""
    assert check_pair(pair) == []
    for link in pair.links:
        assert link.rel in RELATIONS


def test_set_is_large_enough_and_split():
    """At least 6 pairs and 400 sentences; TEST holds at least half, a formulaic pair included."""
    assert len(PAIRS) >= 6
    total = sum(p.sentences for p in PAIRS)
    assert total >= 400
    test = [p for p in PAIRS if p.split == "TEST"]
    assert sum(p.sentences for p in test) * 2 >= total
    assert any(p.formulaic for p in test)
    assert any(p.formulaic for p in PAIRS if p.split == "TUNE")
    used = {link.rel for p in PAIRS for link in p.links}
    assert set(LINKED) <= used  # every relation has real examples


def test_check_pair_reports_a_changed_label(tmp_path):
    """A stale hash, a sentence labelled twice and an unknown relation are all reported."""
    source = next(p for p in PAIRS if p.name == "notices-2021-2022").file
    text = source.read_text(encoding="utf-8")
    text = text.replace("sha: fe71871083ca", "sha: 000000000000")
    text = text.replace("{old: [2], new: [0], rel: same}", "{old: [2], new: [0], rel: copied}")
    text = text.replace("{old: [3], new: [1], rel: same}", "{old: [2], new: [1], rel: same}")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    problems = check_pair(read_pair(broken))
    assert any("sentences differ" in p for p in problems)
    assert any("labelled more than once: [2]" in p for p in problems)
    assert any("without a label: [3]" in p for p in problems)
    assert any("unknown relation 'copied'" in p for p in problems)


def test_scoring_perfect_empty_and_loose():
    """All labelled links: precision and recall 1; none: recall 0; loose links are neutral."""
    pair = next(p for p in PAIRS if p.name == "proclamation-2022-2023")
    labelled = pair.pairs_by_relation()
    true = {k for k, rel in labelled.items() if rel in LINKED}
    loose = {k for k, rel in labelled.items() if rel == "loose"}
    assert true
    assert loose

    perfect = score_pair(pair, true | loose).figures
    assert (perfect.precision, perfect.recall, perfect.linked_shown_unmatched) == (1.0, 1.0, 0.0)
    assert perfect.predicted == len(true)  # the loose links were left out

    empty = score_pair(pair, set()).figures
    assert empty.precision is None
    assert empty.recall == 0.0
    assert empty.linked_shown_unmatched == 1.0
    assert empty.false_unmatched_share == empty.linked_sentences / pair.sentences

    # the split old 21 -> new 19, 20: finding one half is half of that link
    half = score_pair(pair, {(21, 19)}).figures
    assert half.by_relation["split"] == [1, 2]
    wrong = score_pair(pair, {(21, 0)})
    assert wrong.figures.precision == 0.0
    assert wrong.wrong == [(21, 0)]
    # a labelled echo (old 2 / new 0: same frame, old 2 merged elsewhere) is left out too
    assert (2, 0) in pair.echoes
    echo = score_pair(pair, {(2, 0), (21, 0)}).figures
    assert (echo.predicted, echo.correct) == (1, 0)


def test_check_pair_reports_an_echo_that_is_a_link(tmp_path):
    source = next(p for p in PAIRS if p.name == "quad-2023-02-2023-12").file
    text = source.read_text(encoding="utf-8")
    text = text.replace("{old: 1, new: 2,", "{old: 1, new: 13,")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    assert check_pair(read_pair(broken)) == ["echo old 1 / new 13 is already a link"]


def test_predicted_links_of_multi_index_rows():
    """A merged row counts as a link between each of its old and new indexes."""
    rows = [Link((3, 4), (2,), "merged"), Link((5,), (), "none")]
    assert predicted_links(rows) == {(3, 2), (4, 2)}


def test_baseline_on_notices_finds_every_link():
    """Near-copies: the plain ratio baseline finds every notice link and nothing else."""
    result = evaluate(baseline_rows, "TEST")
    notices = [p for p in result.pairs if p.name.startswith("notices-")]
    assert notices
    for pr in notices:
        assert pr.figures.precision == 1.0
        assert pr.figures.recall == 1.0
