"""The in-process baselines of ``bench_timeline.py``: the timeline's shortcuts against the plain
way, on the synthetic archive, with identical results checked.

Reading with the collector's threshold raised against Python's, the blocked reuse search against
the exhaustive one, theme coding once per distinct sentence against each statement whole,
``align_pair`` against ``compare()``, and emerging phrases of the new side against both sides.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydrift.compare.shifts.lexicon import load_strength  # noqa: E402
from policydrift.compare.themes.lexicon import Lexicon  # noqa: E402
from policydrift.corpus.collection import load_corpus  # noqa: E402


def reading_baseline(root: Path, repeat: int = 2) -> None:
    """Reading the corpus (no cache) three ways in turn: in this process with Python's own
    collector thresholds; in this process with the collector's first threshold raised, as
    ``load_corpus`` does (:mod:`policydrift.corpus.collector`); and in forked processes
    (``workers=2``, :mod:`policydrift.corpus.read_many`). Wall and CPU time (this process and
    its children) of each, fastest of ``repeat``; the corpora must be equal."""
    import contextlib
    import os
    import resource
    from unittest import mock

    from policydrift.corpus import collection

    def children() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    cpu: dict[str, list[float]] = {"python": [], "raised": [], "forked": []}
    wall: dict[str, list[float]] = {"python": [], "raised": [], "forked": []}
    found = {}
    load = os.getloadavg()[0]
    for _ in range(repeat):
        for way in ("python", "raised", "forked"):
            patch = (
                mock.patch.object(collection, "fewer_passes", contextlib.nullcontext)
                if way == "python"
                else contextlib.nullcontext()
            )
            with patch:
                c, k, w = time.process_time(), children(), time.perf_counter()
                found[way] = load_corpus(root, cache=False, workers=2 if way == "forked" else 1)
                wall[way].append(time.perf_counter() - w)
                cpu[way].append(time.process_time() - c + children() - k)
    load = max(load, os.getloadavg()[0])
    free = _second_core()
    best = {way: (min(cpu[way]), min(wall[way])) for way in cpu}
    raised, python, forked = best["raised"], best["python"], best["forked"]
    print(
        f"reading {len(found['raised'])} statements: collector threshold raised {raised[0]:.2f} s "
        f"CPU, Python's {python[0]:.2f} s (ratio {raised[0] / python[0]:.2f}, best of {repeat}); "
        f"{'identical' if found['raised'] == found['python'] else 'DIFFERENT'}"
    )
    print(
        f"reading {len(found['forked'])} statements in 2 forked processes: {forked[1]:.2f} s wall "
        f"({forked[0]:.2f} s CPU in all), in this process {raised[1]:.2f} s wall "
        f"({raised[0]:.2f} s CPU): ratio of wall {forked[1] / raised[1]:.2f} (best of {repeat}, "
        f"load average up to {load:.1f} on {os.cpu_count()} cores; two busy loops in two "
        f"processes took {free:.2f} times one: 1.0 with two free cores, 2.0 with one); "
        f"{'identical' if found['forked'] == found['raised'] else 'DIFFERENT'}"
    )


def _second_core(repeat: int = 3) -> float:
    """How much of a second core the machine gives now: the wall time of two busy loops in
    two forked processes over that of one loop here (fastest of ``repeat`` each)."""
    from policydrift.corpus.processes import Forked

    def spin(_: int = 0) -> int:
        total = 0
        for k in range(3_000_000):
            total += k
        return total

    one, two = float("inf"), float("inf")
    for _ in range(repeat):
        w = time.perf_counter()
        spin()
        one = min(one, time.perf_counter() - w)
        w = time.perf_counter()
        with Forked(spin, 2, processes=2) as results:
            list(results)
        two = min(two, time.perf_counter() - w)
    return two / one


def reuse_baseline(root: Path) -> None:
    """Blocked against exhaustive reuse search on the largest prefix the exhaustive one takes."""
    import numpy as np
    from policydrift.compare.scale.reuse import reuse_pairs
    from policydrift.compare.scale.search import EXHAUSTIVE_MAX

    statements = list(load_corpus(root, cache=False).statements)
    keys: set[str] = set()
    prefix = []
    for s in statements:
        keys.update(x.key for x in s.sentences)
        if len(keys) > EXHAUSTIVE_MAX:
            break
        prefix.append(s)
    times = {}
    found = {}
    for method in ("exhaustive", "blocked"):
        c = time.process_time()
        found[method] = reuse_pairs(prefix, method=method)
        times[method] = time.process_time() - c
    same = all(
        np.array_equal(getattr(found["exhaustive"], f), getattr(found["blocked"], f))
        for f in ("source", "target", "score")
    )
    print(
        f"reuse search on {len(prefix)} statements (<= {EXHAUSTIVE_MAX:,} distinct sentences): "
        f"exhaustive {times['exhaustive']:.2f} s CPU, blocked {times['blocked']:.2f} s "
        f"(ratio {times['blocked'] / times['exhaustive']:.2f}); {len(found['blocked']):,} pairs, "
        f"{'identical' if same else 'DIFFERENT'}"
    )


def prefix_baselines(root: Path, n: int = 300) -> None:
    """The timeline's shortcuts against the plain way on the first ``n`` statements: themes
    coded once per distinct sentence and context against each statement coded whole, and
    consecutive editions aligned by ``align_pair`` against ``compare()`` (results must match)."""
    from policydrift.compare.engine import compare
    from policydrift.compare.themes.coding import code_statement
    from policydrift.compare.themes.lexicon import load_lexicon
    from policydrift.compare.timeline.coding import SentenceCodes
    from policydrift.compare.timeline.models import TimelineOptions
    from policydrift.compare.timeline.pairs import WordPositions, align_pair, forget

    statements = list(load_corpus(root, cache=False).statements)[:n]
    lexicon, strength = load_lexicon(), load_strength(None)
    c = time.process_time()
    plain = [code_statement(s, lexicon) for s in statements]
    whole = time.process_time() - c
    c = time.process_time()
    codes = SentenceCodes(lexicon)
    cached = [codes.statement(s) for s in statements]
    once = time.process_time() - c
    same = all(
        sorted((h.sentence, h.theme, h.start, h.end) for h in hits)
        == sorted(
            (i, t, a, b) for i, sc in enumerate(found) for t, _, spans in sc for a, b in spans
        )
        for hits, found in zip(plain, cached, strict=True)
    )
    print(
        f"themes of {len(statements)} statements: each coded whole {whole:.2f} s CPU, once per "
        f"distinct sentence and context {once:.2f} s (ratio {once / whole:.2f}), "
        f"{'identical' if same else 'DIFFERENT'}"
    )
    series: dict[str, list] = {}
    for s in statements:
        series.setdefault(s.series, []).append(s)
    _phrases_baseline(lexicon, statements, list(series.values()))
    pairs = [(a, b) for eds in series.values() for a, b in zip(eds, eds[1:], strict=False)]
    options = TimelineOptions().compare
    forget()
    c = time.process_time()
    full = [compare(a, b, options, strength=strength) for a, b in pairs]
    plain_time = time.process_time() - c
    forget()
    c = time.process_time()
    positions = WordPositions()
    light = [align_pair(a, b, options, positions=positions, strength=strength) for a, b in pairs]
    light_time = time.process_time() - c
    c = time.process_time()
    alone, positions = [], WordPositions()
    for a, b in pairs:  # no memo kept from one pair to the next (word positions still are)
        forget()
        alone.append(align_pair(a, b, options, positions=positions, strength=strength))
    alone_time = time.process_time() - c
    same = all(
        (x.rows, x.passages, x.shifts) == (y.rows, y.passages, y.shifts)
        for x, y in zip(full, light, strict=True)
    ) and all(
        (x.rows, x.passages, x.shifts) == (y.rows, y.passages, y.shifts)
        for x, y in zip(alone, light, strict=True)
    )
    print(
        f"aligning {len(pairs)} pairs of consecutive editions: compare() {plain_time:.2f} s CPU, "
        f"align_pair {light_time:.2f} s (ratio {light_time / plain_time:.2f}; against align_pair "
        f"with no memo kept between pairs {alone_time:.2f} s: ratio {light_time / alone_time:.2f}), "
        f"{'identical' if same else 'DIFFERENT'}"
    )


def _phrases_baseline(lexicon: Lexicon, statements: list, series: list[list]) -> None:
    """Each series' emerging phrases as the timeline finds them (key terms leaning to the latest
    edition only) against key terms of both sides (the old side's uses and themes too)."""
    from policydrift.compare.themes.emerging import emerging_phrases
    from policydrift.compare.themes.keyness import key_terms
    from policydrift.compare.timeline.coding import Coding

    coding = Coding(lexicon, statements)
    for s in statements:
        coding.code(s)
    series = [eds for eds in series if len(eds) > 1]
    c = time.process_time()
    found = [coding.phrases(eds) for eds in series]
    one = time.process_time() - c
    c = time.process_time()
    both = [
        emerging_phrases(
            key_terms(eds[:-1], eds[-1:], lexicon=lexicon, top=24, theme_spans=coding.codes.spans),
            top=8,
        )
        for eds in series
    ]
    two = time.process_time() - c
    print(
        f"emerging phrases of {len(series)} series: key terms of the new side only {one:.2f} s "
        f"CPU, of both sides {two:.2f} s (ratio {one / two:.2f}), "
        f"{'identical' if found == both else 'DIFFERENT'}"
    )
