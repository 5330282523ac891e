"""Reuse links of a corpus worked out per distinct sentence, never per pair of sentences.

A sentence kept in every one of 250 editions is 31,000 pairs of sentences; the answers the
timeline needs do not need them listed. :class:`KeyLinks` keeps the groups of identical keys and
the scored pairs of *distinct* keys (:func:`policydrift.compare.scale.search.find_distinct_pairs`)
and answers :class:`~policydrift.compare.timeline.reuse.ReuseLinks`' questions from them, with the
same answers (``tests/compare/test_timeline_scale.py`` checks): the earliest source of a
sentence is the first occurrence of one of its near-copy keys; the clusters are the connected
groups of keys; the words two editions share are a product of sparse (editions x keys) tables,
which :class:`~policydrift.compare.timeline.similarity.Similarity` reads a block of editions at
a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from policydrift.compare.scale.search import find_distinct_pairs
from policydrift.compare.timeline.reuse import ReuseLinks
from policydrift.compare.timeline.similarity import MatchedWords
from policydrift.corpus.models import Statement

__all__ = ["KeyLinks"]


@dataclass(frozen=True)
class _Flat:
    """The flat sentence list of the corpus, as :class:`ReuseLinks` reads a reuse result."""

    statements: tuple[Statement, ...]
    stmt: np.ndarray
    sent: np.ndarray
    cluster: np.ndarray
    method: str
    pairs: int

    def __len__(self) -> int:
        return self.pairs


class KeyLinks(ReuseLinks):
    """:class:`ReuseLinks` of time-ordered ``statements``, built per distinct key.

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> def st(i, date, text):
    ...     return Statement(i, i, text, text, (Sentence(0, text, text.lower(), 0, len(text), 0),), date=date)
    >>> links = KeyLinks([st("a", "2020-01-01", "We act"), st("b", "2021-01-01", "We act")])
    >>> links.earliest("b", 0), links.earliest("a", 0), len(links.reuse)
    (('a', 0, 100.0), None, 1)
    """

    def __init__(
        self,
        statements: Sequence[Statement],
        *,
        threshold: float = 90.0,
        method: str = "auto",
        workers: int = -1,
        progress: Callable[[int, int], None] | None = None,
        step: Callable[[str], None] | None = None,
    ) -> None:
        """``progress(done, total)``: distinct sentences searched; ``step(what)``: each step
        after the search, as it starts."""
        step = step if step is not None else (lambda what: None)
        ordered = tuple(statements)
        sizes = np.array([len(s.sentences) for s in ordered], dtype=np.int64)
        stmt = np.repeat(np.arange(len(ordered), dtype=np.int64), sizes)
        sent = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(
            np.cumsum(sizes) - sizes, sizes
        )
        keys = [s.key for st in ordered for s in st.sentences]
        dedup, codes, scores, ran, _ = find_distinct_pairs(
            keys, threshold=threshold, method=method, workers=workers, progress=progress
        )
        n_keys = max(len(dedup.unique), 1)
        self.key = dedup.inverse.astype(np.int64)
        self.size = np.diff(dedup.starts).astype(np.int64)
        self.first_at = dedup.members[dedup.starts[:-1]].astype(np.int64)  # first occurrence
        self.members, self.starts = dedup.members.astype(np.int64), dedup.starts
        u, v = codes // n_keys, codes % n_keys
        # neighbours of each key, itself first (score 100): a CSR table over keys
        keys_n = len(dedup.unique)
        rows = np.concatenate((np.arange(keys_n), u, v))
        cols = np.concatenate((np.arange(keys_n), v, u))
        weight = np.concatenate((np.full(keys_n, 100.0, np.float32), scores, scores))
        order = np.lexsort((cols, rows))
        self.near, self.near_score = cols[order], weight[order]
        self.near_start = np.searchsorted(rows[order], np.arange(keys_n + 1))
        pairs = int((self.size * (self.size - 1) // 2).sum() + (self.size[u] * self.size[v]).sum())
        step("near-copy groups")
        cluster = _clusters(stmt.size, self.key, self.size, self.first_at, u, v)
        self.reuse = _Flat(ordered, stmt, sent, cluster, ran, pairs)  # type: ignore[assignment]
        self.index = {s.id: k for k, s in enumerate(ordered)}
        self.offsets = np.concatenate(([0], np.cumsum(sizes)))
        day: dict[str | None, int] = {}
        self.day = np.array(
            [-1 if s.date is None else day.setdefault(s.date, len(day)) for s in ordered],
            dtype=np.int64,
        ).reshape(-1)
        step("earliest sources")
        self.first = self._first_sources(stmt)
        self.same_day = {}

    def _candidates(self, sentences: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sentence, near-copy key, score) for each key near each of ``sentences``."""
        keys = self.key[sentences]
        count = self.near_start[keys + 1] - self.near_start[keys]
        which = np.repeat(np.arange(sentences.size), count)
        at = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        slot = self.near_start[keys][which] + at
        return sentences[which], self.near[slot], self.near_score[slot]

    def _first_sources(self, stmt: np.ndarray) -> dict[int, tuple[int, float]]:
        """The earliest sentence of another statement, of an earlier date, that is a near-copy.

        Statements sorted by time: the occurrences of a key before a sentence that lie in its
        own statement (or on its own date) come last, so the first occurrence is the only one
        to test.
        """
        k, near, score = self._candidates(np.arange(stmt.size, dtype=np.int64))
        j = self.first_at[near]
        a, b = self.day[stmt[j]], self.day[stmt[k]]
        ok = (j < k) & (stmt[j] != stmt[k]) & ~((a >= 0) & (a == b))
        k, j, score = k[ok], j[ok], score[ok]
        # k comes in order (one run per sentence); j differs within a run (each key's first
        # occurrence is its own): the earliest source is the one place holding the run's least j
        if not k.size:
            return {}
        starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
        least = np.minimum.reduceat(j, starts)
        best = np.flatnonzero(j == np.repeat(least, np.diff(np.append(starts, k.size))))
        targets = k[best]
        return dict(
            zip(
                targets.tolist(),
                zip(j[best].tolist(), score[best].astype(np.float64).tolist(), strict=True),
                strict=True,
            )
        )

    def contemporaneous(self, statement_id: str, sentence: int) -> tuple[str, ...]:
        """Ids of the statements of the same date holding a near-copy of the sentence."""
        k = self.flat(statement_id, sentence)
        stmt = self.reuse.stmt
        if self.day[stmt[k]] < 0:
            return ()
        _, near, _ = self._candidates(np.array([k], dtype=np.int64))
        found = {
            int(stmt[m])
            for v in near.tolist()
            for m in self.members[self.starts[v] : self.starts[v + 1]].tolist()
            if stmt[m] != stmt[k] and self.day[stmt[m]] == self.day[stmt[k]]
        }
        return tuple(sorted(self.reuse.statements[x].id for x in found))

    def matched_words(
        self, report: Sequence[Statement], words: np.ndarray, included: np.ndarray
    ) -> MatchedWords:
        """:meth:`ReuseLinks.matched_words`, per key: ``matched[a, b]``, the words of ``a``
        whose key is near a key ``b`` holds, is the product of two sparse (editions x keys)
        tables, the words of each key an edition holds and the keys it holds a near-copy of."""
        from scipy.sparse import csr_matrix

        n, keys_n = len(report), len(self.size)
        sizes = np.array([len(s.sentences) for s in report], dtype=np.int64)
        if not keys_n or not sizes.sum():
            return MatchedWords(csr_matrix((n, 1)), csr_matrix((n, 1)), np.zeros(n))
        flat = np.concatenate(
            [
                np.arange(
                    self.offsets[self.index[s.id]],
                    self.offsets[self.index[s.id]] + len(s.sentences),
                )
                for s in report
            ]
            or [np.zeros(0, np.int64)]
        ).astype(np.int64)
        owner = np.repeat(np.arange(n, dtype=np.int64), sizes)
        key = self.key[flat]
        weight = np.where(included, words, 0).astype(np.float64)
        held = csr_matrix((np.ones(flat.size), (owner, key)), shape=(n, keys_n))
        held.data[:] = 1.0
        rows = np.repeat(np.arange(keys_n), np.diff(self.near_start))
        near = csr_matrix((np.ones(self.near.size), (rows, self.near)), shape=(keys_n, keys_n))
        reach = (held @ near).tocsr()  # editions x keys: holds a near-copy of the key
        reach.data[:] = 1.0
        mine = csr_matrix((weight, (owner, key)), shape=(n, keys_n))
        return MatchedWords(mine, reach, np.bincount(owner, weights=weight, minlength=n))


def _clusters(
    n: int,
    key: np.ndarray,
    size: np.ndarray,
    first_at: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
) -> np.ndarray:
    """Connected groups of near-copy keys, per sentence (-1: in no pair), by earliest member."""
    cluster = np.full(n, -1, dtype=np.int64)
    used = size > 1
    used[u] = used[v] = True
    if not used.any():
        return cluster
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    keys_n = size.size
    graph = coo_matrix((np.ones(u.size, np.int8), (u, v)), shape=(keys_n, keys_n))
    _, labels = connected_components(graph, directed=False)
    start = np.full(labels.max() + 1, np.iinfo(np.int64).max)
    np.minimum.at(start, labels[used], first_at[used])
    ranked = np.argsort(start, kind="stable")
    number = np.empty_like(ranked)
    number[ranked] = np.arange(ranked.size)
    of_key = np.where(used, number[labels], -1)
    return of_key[key]
