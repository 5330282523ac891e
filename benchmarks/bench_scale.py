"""Corpus-scale reuse search: time, memory, candidates and recall against exhaustive scoring.

For each size the synthetic sparse-reuse corpus of ``benchmarks/synth.py`` is generated and
keyed first (timed apart, as "keys"), then ``find_reuse(method="blocked")`` runs on the keys.
Recall is measured against exhaustive ``cdist`` scoring of the distinct keys at the same
threshold: exactly (all pairs) up to ``--exact-max`` sentences, else for ``--sample`` sampled
distinct keys against the whole corpus. The exhaustive time at large sizes is extrapolated from
the timed sample row blocks (rows x all keys), never run. Each size runs in its own process so
that peak memory (max RSS) is its own.

    python benchmarks/bench_scale.py --sizes 10000,100000
    python benchmarks/bench_scale.py --sizes 1000000 --sample 500
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(n: int, *, threshold: float, sample: int, exact_max: int, seed: int) -> dict:
    from policydrift.compare.scale.blocking import dedupe_keys
    from policydrift.compare.scale.search import find_reuse
    from policydrift.corpus.normalize import normalise_key
    from rapidfuzz import fuzz, process
    from synth import synth_sentences

    t0 = time.perf_counter()
    sentences = synth_sentences(n, seed=seed)
    t_synth = time.perf_counter() - t0
    t0 = time.perf_counter()
    keys = [normalise_key(s) for s in sentences]
    t_keys = time.perf_counter() - t0
    del sentences
    rss_before = _rss_mb()
    t0 = time.perf_counter()
    found = find_reuse(keys, threshold=threshold, method="blocked")
    t_search = time.perf_counter() - t0
    rss_peak = _rss_mb()

    dedup = dedupe_keys(keys)
    unique = list(dedup.unique)
    u = len(unique)
    a, b = dedup.inverse[found.i], dedup.inverse[found.j]
    keep = a != b
    got = set(zip(np.minimum(a, b)[keep].tolist(), np.maximum(a, b)[keep].tolist(), strict=True))
    if n <= exact_max:
        rows = np.arange(u)
    else:
        rows = np.sort(np.random.default_rng(seed).choice(u, size=min(sample, u), replace=False))
    truth: set[tuple[int, int]] = set()
    t0 = time.perf_counter()
    step = max(1, 8_000_000 // u)
    for start in range(0, rows.size, step):
        block = rows[start : start + step]
        m = process.cdist(
            [unique[r] for r in block.tolist()],
            unique,
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            workers=-1,
            dtype=np.float32,
        )
        r, c = np.nonzero(m >= threshold)
        r = block[r]
        k = r != c
        truth.update(zip(np.minimum(r, c)[k].tolist(), np.maximum(r, c)[k].tolist(), strict=True))
    t_rows = time.perf_counter() - t0
    if n <= exact_max:
        t_exhaustive, how = t_rows / 2, "half of full cdist (upper triangle), timed"
        checked = got
    else:
        t_exhaustive = t_rows * (u - 1) / (2 * rows.size)
        how = f"extrapolated from {rows.size} rows x {u} keys"
        sampled = set(rows.tolist())
        checked = {p for p in got if p[0] in sampled or p[1] in sampled}
    hits = len(truth & checked)
    return {
        "sentences": n,
        "distinct_keys": u,
        "synth_s": round(t_synth, 2),
        "keys_s": round(t_keys, 2),
        "search_s": round(t_search, 2),
        "peak_rss_mb": round(rss_peak),
        "rss_before_search_mb": round(rss_before),
        "candidates": found.candidates,
        "pairs_found": len(found),
        "truth_pairs_checked": len(truth),
        "recall": round(hits / len(truth), 4) if truth else 1.0,
        "false_positives": len(checked - truth),
        "exhaustive_s": round(t_exhaustive, 1),
        "exhaustive_how": how,
        "speedup_vs_exhaustive": round(t_exhaustive / t_search, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--threshold", type=float, default=90.0)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--exact-max", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        result = run_one(
            args.one,
            threshold=args.threshold,
            sample=args.sample,
            exact_max=args.exact_max,
            seed=args.seed,
        )
        print(json.dumps(result))
        return
    for size in [int(s) for s in args.sizes.split(",")]:
        cmd = [sys.executable, __file__, "--one", str(size), "--threshold", str(args.threshold)]
        cmd += ["--sample", str(args.sample), "--exact-max", str(args.exact_max)]
        cmd += ["--seed", str(args.seed)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        width = max(len(k) for k in result)
        print(f"--- {size:,} sentences (threshold {args.threshold:g})")
        for key, value in result.items():
            print(f"  {key:<{width}}  {value}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
