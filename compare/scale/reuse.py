"""Reused sentences across a corpus: directed pairs (earlier -> later) and clusters.

:func:`reuse_pairs` flattens the sentences of every statement, finds every pair of sentences
whose keys reach the threshold with :func:`policydrift.compare.scale.search.find_reuse` (exhaustive for small
inputs, the blocked index above :data:`policydrift.compare.scale.search.EXHAUSTIVE_MAX` distinct keys, or on a
Dask cluster through :mod:`policydrift.compare.scale.distributed`), and directs each pair from the earlier
sentence to the later one. "Earlier" means: earlier statement date, then earlier position in
the given order (a corpus is already in date order), then earlier sentence; undated statements
come after dated ones. A sentence repeated inside one statement is a pair too, marked
``same_statement``. Clusters are the connected groups of reused sentences; the first source of
a cluster is its earliest member.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from policydrift.compare.scale.search import EXHAUSTIVE_MAX, METHODS, ScoredPairs, find_reuse
from policydrift.corpus.models import Statement

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EXHAUSTIVE_MAX", "METHODS", "ReuseResult", "find_reuse", "reuse_pairs"]

PAIR_COLUMNS = (
    "source_id",
    "source_date",
    "source_sentence",
    "target_id",
    "target_date",
    "target_sentence",
    "score",
    "same_statement",
    "source_index",
    "target_index",
    "cluster",
)
CLUSTER_COLUMNS = (
    "cluster",
    "size",
    "statements",
    "first_id",
    "first_date",
    "first_index",
    "first_sentence",
    "last_date",
)


@dataclass(frozen=True)
class ReuseResult:
    """Directed reuse pairs over the sentences of ``statements`` and their clusters.

    Sentence ``k`` of the flat list is ``statements[stmt[k]].sentences[sent[k]]``. Pair ``p``
    runs from sentence ``source[p]`` to the later sentence ``target[p]``; pairs are sorted by
    (source, target) in time order. ``cluster[k]`` numbers the cluster of sentence ``k`` (-1 if
    it is reused nowhere), clusters numbered by their first source in time order.
    """

    statements: tuple[Statement, ...]
    stmt: np.ndarray
    sent: np.ndarray
    source: np.ndarray
    target: np.ndarray
    score: np.ndarray
    cluster: np.ndarray
    threshold: float
    method: str
    candidates: int

    def __len__(self) -> int:
        return int(self.source.size)

    @property
    def same_statement(self) -> np.ndarray:
        """Boolean per pair: source and target are in the same statement."""
        return self.stmt[self.source] == self.stmt[self.target]

    @property
    def n_clusters(self) -> int:
        """How many clusters of reused sentences there are."""
        return int(self.cluster.max()) + 1 if self.cluster.size else 0

    def _sentence(self, k: int):  # noqa: ANN202
        return self.statements[self.stmt[k]].sentences[self.sent[k]]

    def earliest_source(self, statement_index: int, sentence_index: int) -> tuple[int, int] | None:
        """(statement, sentence) of the first source of a sentence's cluster, or None.

        None when the sentence is reused nowhere or is itself the first source.
        """
        where = np.flatnonzero((self.stmt == statement_index) & (self.sent == sentence_index))
        if where.size == 0 or self.cluster[where[0]] < 0:
            return None
        members = np.flatnonzero(self.cluster == self.cluster[where[0]])
        first = int(members.min())  # flat order is time order
        if first == where[0]:
            return None
        return int(self.stmt[first]), int(self.sent[first])

    def pair_rows(self) -> list[dict[str, object]]:
        """One dict per pair, keys :data:`PAIR_COLUMNS`."""
        rows = []
        same = self.same_statement
        for p in range(len(self)):
            s, t = int(self.source[p]), int(self.target[p])
            a, b = self.statements[self.stmt[s]], self.statements[self.stmt[t]]
            rows.append(
                {
                    "source_id": a.id,
                    "source_date": a.date,
                    "source_sentence": self._sentence(s).text,
                    "target_id": b.id,
                    "target_date": b.date,
                    "target_sentence": self._sentence(t).text,
                    "score": round(float(self.score[p]), 2),
                    "same_statement": bool(same[p]),
                    "source_index": int(self.sent[s]),
                    "target_index": int(self.sent[t]),
                    "cluster": int(self.cluster[s]),
                }
            )
        return rows

    def cluster_rows(self) -> list[dict[str, object]]:
        """One dict per cluster, keys :data:`CLUSTER_COLUMNS`."""
        member = np.flatnonzero(self.cluster >= 0)
        order = member[np.lexsort((member, self.cluster[member]))]
        bounds = np.searchsorted(self.cluster[order], np.arange(self.n_clusters + 1))
        rows = []
        for c in range(self.n_clusters):
            ks = order[bounds[c] : bounds[c + 1]]
            first, last = int(ks[0]), int(ks[-1])
            head = self.statements[self.stmt[first]]
            rows.append(
                {
                    "cluster": c,
                    "size": int(ks.size),
                    "statements": int(np.unique(self.stmt[ks]).size),
                    "first_id": head.id,
                    "first_date": head.date,
                    "first_index": int(self.sent[first]),
                    "first_sentence": self._sentence(first).text,
                    "last_date": self.statements[self.stmt[last]].date,
                }
            )
        return rows

    def to_frame(self) -> pd.DataFrame:
        """The pairs as a DataFrame with columns :data:`PAIR_COLUMNS`."""
        import pandas as pd

        return pd.DataFrame(self.pair_rows(), columns=list(PAIR_COLUMNS))

    def clusters_frame(self) -> pd.DataFrame:
        """The clusters as a DataFrame with columns :data:`CLUSTER_COLUMNS`."""
        import pandas as pd

        return pd.DataFrame(self.cluster_rows(), columns=list(CLUSTER_COLUMNS))


def _time_order(statements: Sequence[Statement]) -> list[int]:
    """Statement positions in time order: dated by date, then undated; ties by position."""
    return sorted(
        range(len(statements)),
        key=lambda k: (statements[k].date is None, statements[k].date or "", k),
    )


def _clusters(n: int, source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Connected components of the pair graph; -1 for sentences in no pair."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    cluster = np.full(n, -1, dtype=np.int64)
    if source.size == 0:
        return cluster
    graph = coo_matrix((np.ones(source.size, np.int8), (source, target)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    used = np.zeros(n, dtype=bool)
    used[source] = used[target] = True
    # renumber components by their earliest member (flat order is time order)
    firsts = {}
    for k in np.flatnonzero(used).tolist():
        firsts.setdefault(int(labels[k]), len(firsts))
    cluster[used] = [firsts[int(lab)] for lab in labels[used]]
    return cluster


def reuse_pairs(
    statements: Sequence[Statement],
    *,
    threshold: float = 90.0,
    method: str = "auto",
    scheduler: str | None = None,
    workers: int = -1,
    n_workers: int = 2,
) -> ReuseResult:
    """Every pair of reused sentences across ``statements``, directed earlier -> later.

    ``scheduler``: None scores in this process; ``"local"`` starts a Dask LocalCluster of
    ``n_workers`` processes; ``"tcp://host:port"`` uses an existing Dask cluster (see
    :mod:`policydrift.compare.scale.distributed`). The result is the same whichever runs it.

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> def st(id_, date, texts):
    ...     sents = tuple(Sentence(i, t, t.lower(), 0, 0, 0) for i, t in enumerate(texts))
    ...     return Statement(id_, id_, "", "", sents, date=date)
    >>> new = st("b", "2024-01-01", ["We condemn ransomware attacks", "Peace matters"])
    >>> old = st("a", "2023-01-01", ["We condemn all ransomware attacks"])
    >>> r = reuse_pairs([new, old])
    >>> [(p["source_id"], p["target_id"], p["score"]) for p in r.pair_rows()]
    [('a', 'b', 93.55)]
    """
    order = _time_order(statements)
    ordered = tuple(statements[k] for k in order)
    sizes = np.array([len(s.sentences) for s in ordered], dtype=np.int64)
    stmt = np.repeat(np.arange(len(ordered), dtype=np.int64), sizes)
    sent = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    keys = [s.key for st in ordered for s in st.sentences]
    if scheduler is None:
        found = find_reuse(keys, threshold=threshold, method=method, workers=workers)
    else:
        from policydrift.compare.scale.distributed import find_reuse_distributed

        found = find_reuse_distributed(
            keys, threshold=threshold, method=method, scheduler=scheduler, n_workers=n_workers
        )
    return _directed(ordered, stmt, sent, found, threshold)


def _directed(
    ordered: tuple[Statement, ...],
    stmt: np.ndarray,
    sent: np.ndarray,
    found: ScoredPairs,
    threshold: float,
) -> ReuseResult:
    # flat positions follow time order, so i < j already runs earlier -> later
    source, target, score = found.i, found.j, found.score
    order = np.lexsort((target, source))
    source, target, score = source[order], target[order], score[order]
    cluster = _clusters(stmt.size, source, target)
    return ReuseResult(
        ordered,
        stmt,
        sent,
        source,
        target,
        score,
        cluster,
        threshold,
        found.method,
        found.candidates,
    )
