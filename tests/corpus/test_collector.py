"""Reading a corpus with fewer collector passes (``policydrift.corpus.collector``)."""

from __future__ import annotations

import gc

from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus, scan_corpus

NOTICES = SAMPLE_CORPUS / "whitehouse" / "cyber_emergency_continuation_notices"


def test_reading_a_corpus_puts_the_collector_thresholds_back(tmp_path):
    """The collector's first threshold is raised while files are read, and put back after,
    also when a file is refused (corpus/collector.py)."""
    before = gc.get_threshold()
    corpus = load_corpus(NOTICES, cache=False)
    assert len(corpus.statements) == 4
    assert gc.get_threshold() == before
    (tmp_path / "2024-01-01-bad.md").write_bytes(b"\x00\x01\x02 binary \x00")
    corpus, problems = scan_corpus(tmp_path, cache=False)
    assert problems
    assert not corpus.statements
    assert gc.get_threshold() == before
