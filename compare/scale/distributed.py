"""The corpus-scale reuse search on Dask (dask.distributed): same answer, more machines.

The driver dedupes the keys and builds the candidate index (numpy, seconds even at a million
sentences); the expensive part, scoring candidates with rapidfuzz, is shipped to the workers
one *block of the index* at a time: the candidates whose smaller key lies in a run of the
index's keys (:func:`policydrift.compare.scale.blocking.iter_candidate_blocks`), generated on the driver one block
at a time and cut into parts of at most ``block_pairs`` pairs; at most two parts per worker are
queued at once, so driver memory stays bounded. Each part carries only the keys its pairs
touch, renumbered locally, so no worker ever receives the whole corpus. The exhaustive path
(small inputs) ships row blocks the same way. Results are merged and sorted by the driver, so
they equal :func:`policydrift.compare.scale.search.find_reuse` exactly.

``scheduler``: ``"local"`` (or None) starts a :class:`distributed.LocalCluster` of
``n_workers`` single-threaded worker processes and closes it afterwards; an address such as
``"tcp://10.0.0.5:8786"`` uses a running cluster whose workers have drift installed.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress

import numpy as np
from policydrift.compare.scale.blocking import DEFAULT_SLACK, sorted_unique
from policydrift.compare.scale.search import (
    EXHAUSTIVE_MAX,
    SHORT_KEY_LEN,
    ScoredPairs,
    find_reuse,
    merge_scored,
    verify_codes,
)
from policydrift.corpus.errors import OptionError, RunError
from policydrift.corpus.processes import cores

__all__ = ["client_for", "find_reuse_distributed", "split_block"]

BLOCK_PAIRS = 1_000_000


def split_block(
    keys: Sequence[str], codes: np.ndarray, *, block_pairs: int = BLOCK_PAIRS
) -> Iterator[tuple[list[str], np.ndarray, np.ndarray]]:
    """Cut one index block into parts: (local keys, local codes, global key number per local key).

    >>> [(k, c.tolist(), g.tolist()) for k, c, g in split_block(["a", "b", "c", "d"], np.array([3, 11]))]
    [(['a', 'c', 'd'], [2, 5], [0, 2, 3])]
    """
    n = max(len(keys), 1)
    for start in range(0, codes.size, block_pairs):
        part = codes[start : start + block_pairs]
        used, local = sorted_unique(np.concatenate((part // n, part % n)), inverse=True)
        m = max(used.size, 1)
        u, v = local[: part.size], local[part.size :]
        yield [keys[k] for k in used.tolist()], u * m + v, used


def _score_part(payload: tuple[list[str], np.ndarray, float]) -> tuple[np.ndarray, np.ndarray]:
    """Worker task: score one part's local codes (one thread: a worker is one process)."""
    keys, codes, threshold = payload
    return verify_codes(keys, codes, threshold=threshold, workers=1)


def _score_rows(payload: tuple[list[str], int, float]) -> tuple[np.ndarray, np.ndarray]:
    """Worker task: rows ``offset:offset+k`` of the exhaustive upper triangle, local keys."""
    keys, rows, threshold = payload
    from policydrift.compare.scale.search import _score_rows as score

    everything = np.arange(len(keys), dtype=np.int64)
    return score(keys, everything[:rows], everything, threshold=threshold, workers=1, upper=True)


@contextmanager
def client_for(
    scheduler: str | None, *, n_workers: int = 2, timeout: str = "10s"
) -> Iterator[object]:
    """A dask.distributed Client: a fresh LocalCluster, or one connected to ``scheduler``.

    Connecting gives up after ``timeout`` with an :class:`~policydrift.corpus.errors.OptionError`.
    """
    from distributed import Client

    if scheduler in (None, "", "local"):
        if n_workers < 1:
            msg = f"workers must be at least 1: {n_workers!r}"
            raise OptionError(msg)
        with (
            _local_cluster(min(n_workers, cores())) as cluster,
            Client(cluster) as client,
            _worker_failures(),
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        msg = f"cannot reach the Dask scheduler {scheduler!r}: {exc}"
        raise OptionError(msg) from exc
    try:
        with _worker_failures():
            yield client
    finally:
        client.close()


@contextmanager
def _local_cluster(n_workers: int) -> Iterator[object]:
    """A LocalCluster of at most one worker per core, whose processes ignore Ctrl-C.

    A terminal's Ctrl-C reaches the whole process group: every worker takes it and would print
    a traceback over the one-line message. The workers are started with standard error on
    the null device (they inherit it; this process gets its own back at once), so only this
    process speaks, and it closes the cluster. Logs below CRITICAL are silenced.
    """
    from distributed import LocalCluster

    sys.stderr.flush()
    saved, null = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        cluster = LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        )
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)
    try:
        yield cluster
    except BaseException:
        _close_quietly(cluster)
        raise
    cluster.close()


def _close_quietly(cluster: object) -> None:
    """Close a cluster after a failure or an interrupt: briefly, with its complaints dropped."""
    sys.stderr.flush()
    saved, null = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        with suppress(BaseException):
            cluster.close(timeout=2)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


@contextmanager
def _worker_failures() -> Iterator[None]:
    """A worker that died (killed, out of memory) or a lost scheduler: one :class:`RunError`."""
    from distributed import KilledWorker
    from distributed.comm.core import CommClosedError

    try:
        yield
    except KilledWorker as exc:
        msg = f"a Dask worker died while scoring (killed or out of memory?): {exc.args[0] if exc.args else ''}"
        raise RunError(msg.rstrip(": "), path="--scheduler") from None
    except CommClosedError as exc:
        msg = f"lost the connection to the Dask cluster: {exc}"
        raise RunError(msg, path="--scheduler") from None


def find_reuse_distributed(
    keys: Sequence[str],
    *,
    threshold: float = 90.0,
    method: str = "auto",
    scheduler: str | None = None,
    n_workers: int = 2,
    client: object | None = None,
    slack: float = DEFAULT_SLACK,
    short_len: int = SHORT_KEY_LEN,
    exhaustive_max: int = EXHAUSTIVE_MAX,
    block_pairs: int = BLOCK_PAIRS,
) -> ScoredPairs:
    """:func:`policydrift.compare.scale.search.find_reuse` with the scoring done by Dask workers.

    Pass a ``client`` to reuse one; otherwise one is made from ``scheduler`` and closed after.

    >>> r = find_reuse_distributed(["we meet", "we meet", "we met"], threshold=80, n_workers=1)
    >>> r.i.tolist(), r.j.tolist(), [round(float(s), 1) for s in r.score]
    ([0, 0, 1], [1, 2, 2], [100.0, 92.3, 92.3])
    """
    if client is None:
        with client_for(scheduler, n_workers=n_workers) as made:
            return find_reuse_distributed(
                keys, threshold=threshold, method=method, client=made, slack=slack,
                short_len=short_len, exhaustive_max=exhaustive_max, block_pairs=block_pairs,
            )  # fmt: skip

    def verifier(unique: Sequence[str], blocks: Iterable[np.ndarray], t: float):
        from distributed import as_completed

        n = max(len(unique), 1)
        in_flight = as_completed()
        used_of: dict[str, np.ndarray] = {}
        merged: list[tuple[np.ndarray, np.ndarray]] = []

        def collect(future) -> None:  # a distributed.Future
            codes, scores = future.result()
            used = used_of.pop(future.key)
            m = max(used.size, 1)
            a, b = used[codes // m], used[codes % m]
            merged.append((np.minimum(a, b) * n + np.maximum(a, b), scores))

        limit = 2 * n_workers_of(client)  # parts queued on the cluster at any time
        for block in blocks:  # generated on the driver one block at a time
            for keys_, codes_, used in split_block(unique, block, block_pairs=block_pairs):
                while in_flight.count() >= limit:
                    collect(next(in_flight))
                [data] = client.scatter([(keys_, codes_, t)])
                future = client.submit(_score_part, data, pure=False)
                used_of[future.key] = used
                in_flight.add(future)
        for future in in_flight:
            collect(future)
        return merge_scored(merged)

    def exhaustive(unique: Sequence[str], t: float) -> tuple[np.ndarray, np.ndarray]:
        n = len(unique)
        step = max(1, -(-n // (4 * n_workers_of(client))))
        starts = list(range(0, n, step))
        data = client.scatter([(list(unique[s:]), min(step, n - s), t) for s in starts])
        results = client.gather(client.map(_score_rows, data))
        merged = []
        for s, (codes, scores) in zip(starts, results, strict=True):
            m = max(n - s, 1)
            merged.append(((codes // m + s) * n + (codes % m + s), scores))
        return merge_scored(merged)

    return find_reuse(
        keys, threshold=threshold, method=method, slack=slack, short_len=short_len,
        exhaustive_max=exhaustive_max, verifier=verifier, exhaustive=exhaustive,
    )  # fmt: skip


def n_workers_of(client: object) -> int:
    """How many workers the cluster behind ``client`` has (at least 1)."""
    info = client.scheduler_info()  # type: ignore[attr-defined]
    return max(1, len(info.get("workers", {})))
