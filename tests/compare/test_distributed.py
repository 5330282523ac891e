"""The Dask path on a real LocalCluster with 2 worker processes equals the single-process path."""

from __future__ import annotations

import pytest
from policydrift.compare.scale.distributed import client_for, find_reuse_distributed
from policydrift.compare.scale.reuse import reuse_pairs
from policydrift.compare.scale.search import find_reuse
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus
from policydrift.corpus.errors import OptionError


def _pairs(r) -> list[tuple[int, int, float]]:
    return list(zip(r.i.tolist(), r.j.tolist(), r.score.tolist(), strict=True))


@pytest.mark.slow
def test_local_cluster_of_two_processes_gives_the_single_process_answer():
    corpus = load_corpus(SAMPLE_CORPUS, cache=False)
    keys = [s.key for st in corpus.statements for s in st.sentences]
    with client_for("local", n_workers=2) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        for method, threshold in [("blocked", 90.0), ("blocked", 75.0), ("exhaustive", 90.0)]:
            local = find_reuse(keys, threshold=threshold, method=method)
            # small parts so that both workers get several blocks of the index
            spread = find_reuse_distributed(
                keys, threshold=threshold, method=method, client=client, block_pairs=500
            )
            assert spread.method == method
            assert len(local) > 20
            assert _pairs(spread) == _pairs(local)
            assert spread.candidates == local.candidates
    # the statement-level result, with drift starting and stopping the cluster itself
    here = reuse_pairs(corpus.statements, method="blocked")
    there = reuse_pairs(corpus.statements, method="blocked", scheduler="local", n_workers=2)
    assert there.pair_rows() == here.pair_rows()
    assert there.cluster_rows() == here.cluster_rows()


def test_unreachable_scheduler_is_a_user_error():
    with (
        pytest.raises(OptionError, match="cannot reach the Dask scheduler 'tcp://127.0.0.1:9'"),
        client_for("tcp://127.0.0.1:9", timeout="1s"),
    ):
        pass
