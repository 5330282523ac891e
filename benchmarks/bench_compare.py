"""How fast is ``drift compare``, against difflib.HtmlDiff and against one bare cdist call?

Run: ``.venv/bin/python benchmarks/bench_compare.py`` (one process; prints ratios only from
timings taken here, best of a few runs; deterministic inputs).

(a) The whole comparison: segment both raw texts (``corpus.build_statement``), align, word
    diffs, passages, figures and the HTML report (``reports.render_compare_html``), against
    ``difflib.HtmlDiff().make_file`` on the same sentence lines (one sentence per line; the
    baseline is given the segmentation for free). Inputs: two real ~5 KB proclamations, and a
    ~100 KB document built from every distinct sentence of the sample corpus against seeded
    revisions of it (``REVISIONS``: light, moderate, heavy, shuffled paragraphs, shuffled
    sentences). HtmlDiff is quick while unchanged lines anchor its line diff (light, moderate,
    shuffled paragraphs) and quadratic once few lines are left unchanged (heavy, shuffled
    sentences); it never reports a move.
(b) On the 100 KB pairs, the alignment alone (``compare.align``, after segmentation) against
    one bare ``rapidfuzz.process.cdist`` call on the same keys (``fuzz.ratio``, all cores).
(c) Word diffs: difflib.SequenceMatcher (the engine's choice) against rapidfuzz
    ``Levenshtein.opcodes`` on the aligned pairs of the heavy revision: time, and how many
    separate changes each shows (fewer, longer changes read better).
(d) Above ``compare.align.EXHAUSTIVE_MAX_CELLS``: ``align`` of 20,000 x 20,000 synthetic
    sentences (``benchmarks/synth.py``, heavy revision) through the blocked path, time and peak
    memory (in a child process); recall of the pairs >= 60 against exhaustive scoring of
    sampled rows; and the rows of both paths on every ordered pair of sample files and on
    3,000 x 3,000 shuffled, reworded sentences.
    ``--scale N`` changes the size, ``--skip-scale`` leaves (d) out.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from policydrift.compare import compare  # noqa: E402
from policydrift.compare.align import EXHAUSTIVE_MAX_CELLS, align, unique_identical  # noqa: E402
from policydrift.compare.diff import clean_opcodes, token_key, tokenize, word_opcodes  # noqa: E402
from policydrift.corpus import build_statement, read_statement  # noqa: E402

try:
    from policydrift.reports import render_compare_html
except ImportError:  # the report renderer is not there yet: time the rest
    render_compare_html = None

DATA = ROOT / "corpus" / "data"
PROCLAMATIONS = sorted((DATA / "whitehouse" / "cyber_awareness_month_proclamations").glob("*.md"))


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def duel(
    ours: Callable[[], object], theirs: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Best times of two functions run alternately (a busy machine slows both alike)."""
    a, b = [], []
    for _ in range(repeat):
        a.append(best_of(ours, 1))
        b.append(best_of(theirs, 1))
    return min(a), min(b)


def corpus_sentences() -> list[str]:
    """Every distinct sentence of the sample corpus, in file order."""
    seen: dict[str, str] = {}
    for path in sorted([*DATA.glob("seeds/*.txt"), *DATA.glob("whitehouse/*/*.md")]):
        for s in read_statement(path).sentences:
            seen.setdefault(s.key, " ".join(s.text.split()))
    return list(seen.values())


def as_raw(sentences: list[str], rng: random.Random) -> str:
    """Paragraphs of 2-5 sentences, blank lines between them."""
    paragraphs, k = [], 0
    while k < len(sentences):
        n = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[k : k + n]))
        k += n
    return "\n\n".join(paragraphs) + "\n"


def base_document(size: int = 100_000) -> list[str]:
    pool = corpus_sentences()
    out, total = [], 0
    for s in pool:
        if total >= size:
            break
        out.append(s)
        total += len(s) + 1
    return out


def edit_words(sentence: str, share: float, rng: random.Random, vocab: list[str]) -> str:
    words = sentence.split(" ")
    for _ in range(max(1, round(share * len(words)))):
        k = rng.randrange(len(words))
        action = rng.random()
        if action < 0.6:
            words[k] = rng.choice(vocab)
        elif action < 0.8 and len(words) > 3:
            del words[k]
        else:
            words.insert(k, rng.choice(vocab))
    return " ".join(words)


# kind: (share of sentences edited, share of their words edited, dropped, new, split, moved,
#        shuffle) where shuffle is "paragraphs" (paragraphs of 2-5 sentences reordered) or
#        "sentences" (every sentence in a random order).
REVISIONS = {
    "light": (0.05, 0.10, 0.02, 0.02, 0.0, 0.0, None),
    "moderate": (0.40, 0.20, 0.10, 0.10, 0.05, 0.05, None),
    "heavy": (1.00, 0.15, 0.10, 0.10, 0.05, 0.05, None),
    "shuffled paragraphs": (0.05, 0.10, 0.02, 0.02, 0.0, 0.0, "paragraphs"),
    "shuffled sentences": (1.00, 0.05, 0.02, 0.02, 0.0, 0.0, "sentences"),
}


def revise(sentences: list[str], kind: str, rng: random.Random) -> list[str]:
    """A revision of ``sentences`` as described by ``REVISIONS[kind]``.

    light: a few sentences touched; moderate: 40 % of sentences edited; heavy: every
    sentence edited (15 % of its words), some dropped, new, split and moved; shuffled
    paragraphs: the paragraphs reordered, lightly edited; shuffled sentences: every sentence
    moved and lightly reworded (5 % of its words).
    """
    vocab = sorted({w for s in sentences for w in s.split() if w.isalpha()})
    fresh = [edit_words(s, 0.9, rng, vocab) for s in rng.sample(sentences, len(sentences) // 5)]
    edited, share, dropped, new, split, moved, shuffle = REVISIONS[kind]
    out = []
    for s in sentences:
        if rng.random() < dropped:
            continue
        if rng.random() < edited:
            s = edit_words(s, share, rng, vocab)
        words = s.split(" ")
        if rng.random() < split and len(words) >= 10:
            cut = len(words) // 2
            out += [" ".join(words[:cut]) + ".", "It " + " ".join(words[cut:])]
        else:
            out.append(s)
        if rng.random() < new:
            out.append(fresh.pop())
    for _ in range(int(moved * len(out))):
        out.insert(rng.randrange(len(out)), out.pop(rng.randrange(len(out))))
    if shuffle == "paragraphs":
        blocks, k = [], 0
        while k < len(out):
            n = rng.randint(2, 5)
            blocks.append(out[k : k + n])
            k += n
        rng.shuffle(blocks)
        out = [s for b in blocks for s in b]
    elif shuffle == "sentences":
        rng.shuffle(out)
    return out


def whole(old_raw: str, new_raw: str) -> object:
    old = build_statement(old_raw, id="old", path="old.txt")
    new = build_statement(new_raw, id="new", path="new.txt")
    comparison = compare(old, new)
    if render_compare_html is not None:
        return render_compare_html(comparison, generated="")
    return comparison


def htmldiff(old_raw: str, new_raw: str) -> Callable[[], str]:
    old = build_statement(old_raw, id="old", path="old.txt")
    new = build_statement(new_raw, id="new", path="new.txt")
    a, b = [s.text for s in old.sentences], [s.text for s in new.sentences]
    return lambda: difflib.HtmlDiff().make_file(a, b)


def part_a(cases: dict[str, tuple[str, str]]) -> None:
    html = (
        "with"
        if render_compare_html is not None
        else "WITHOUT (reports.render_compare_html missing)"
    )
    print(f"(a) whole comparison {html} HTML vs difflib.HtmlDiff().make_file, same sentences")
    print(f"    {'case':28} {'KB old/new':>10} {'drift s':>8} {'HtmlDiff s':>11} {'speed-up':>9}")
    for name, (old_raw, new_raw) in cases.items():
        repeat = 7 if len(old_raw) < 20_000 else 3
        ours, theirs = duel(
            lambda o=old_raw, n=new_raw: whole(o, n), htmldiff(old_raw, new_raw), repeat
        )
        size = f"{len(old_raw) / 1000:.0f}/{len(new_raw) / 1000:.0f}"
        print(f"    {name:28} {size:>10} {ours:8.3f} {theirs:11.3f} {theirs / ours:8.1f}x")


def part_b(cases: dict[str, tuple[str, str]]) -> None:
    print("\n(b) alignment alone vs one bare cdist(fuzz.ratio, workers=-1) on the same keys")
    print(f"    {'case':28} {'sentences':>10} {'align s':>8} {'cdist s':>8} {'ratio':>7}")
    for name, (old_raw, new_raw) in cases.items():
        if len(old_raw) < 20_000:
            continue
        a = [s.key for s in build_statement(old_raw, id="o", path="o").sentences]
        b = [s.key for s in build_statement(new_raw, id="n", path="n").sentences]
        ours, bare = duel(
            lambda a=a, b=b: align(a, b),
            lambda a=a, b=b: process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float32, workers=-1),
            5,
        )
        print(f"    {name:28} {len(a):>5}x{len(b):<4} {ours:8.3f} {bare:8.3f} {ours / bare:6.2f}x")


def part_c(old_raw: str, new_raw: str) -> None:
    old = build_statement(old_raw, id="o", path="o")
    new = build_statement(new_raw, id="n", path="n")
    rows = [r for r in compare(old, new).rows if r.kind not in ("same", "new", "dropped")]
    pairs = [(list(r.old_words), list(r.new_words)) for r in rows]

    def keys(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
        return [token_key(t) for t in a], [token_key(t) for t in b]

    def all_tokens() -> list:
        out = []
        for a, b in pairs:
            ka, kb = keys(a, b)
            ops = difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
            out.append(clean_opcodes(ops, a))
        return out

    def levenshtein() -> list:
        out = []
        for a, b in pairs:
            ka, kb = keys(a, b)
            out.append(clean_opcodes([tuple(op) for op in Levenshtein.opcodes(ka, kb)], a))
        return out

    def engine() -> list:
        return [word_opcodes(a, b) for a, b in pairs]

    print(f"\n(c) word diffs of the {len(pairs)} aligned, changed rows of the heavy revision")
    print("    (all cleaned of one-word islands; fewer, tighter changes read better)")
    print(f"    {'method':44} {'s':>7} {'changes':>8} {'words changed':>14}")
    for name, fn in [
        ("difflib on all tokens (autojunk=False)", all_tokens),
        ("difflib on words, then separators (engine)", engine),
        ("rapidfuzz Levenshtein.opcodes on all tokens", levenshtein),
    ]:
        seconds = best_of(fn, 3)
        result = fn()
        changes = sum(op[0] != "equal" for ops in result for op in ops)
        words = sum(
            1
            for (a, _), ops in zip(pairs, result, strict=True)
            for op in ops
            if op[0] != "equal"
            for t in a[op[1] : op[2]]
            if t[:1].isalnum()
        )
        print(f"    {name:44} {seconds:7.3f} {changes:8} {words:14}")


def scale_keys(n: int, kind: str = "heavy") -> tuple[list[str], list[str]]:
    """``n`` synthetic sentences (``benchmarks/synth.py``) and a seeded revision of them."""
    from policydrift.corpus.normalize import normalise_key
    from synth import synth_sentences

    old = synth_sentences(n, seed=1)
    new = revise(old, kind, random.Random(5))
    return [normalise_key(s) for s in old], [normalise_key(s) for s in new]


def scale_child(n: int) -> None:
    """Run in its own process (so that the peak memory is the alignment's): print JSON."""
    import resource

    old, new = scale_keys(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    rows = align(old, new)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kinds = {k: sum(r.kind == k for r in rows) for k in sorted({r.kind for r in rows})}
    pinned = len(unique_identical(old, new))
    cells = (len(old) - pinned) * (len(new) - pinned)
    path = "blocked" if cells > EXHAUSTIVE_MAX_CELLS else "exhaustive"
    report = {"seconds": seconds, "peak_mb": peak, "before_mb": before, "kinds": kinds}
    print(json.dumps({**report, "path": path, "cells": cells}))


def part_d(n: int, sample: int, equal_n: int) -> None:
    from policydrift.compare.pair_scan import admissible_pairs
    from policydrift.compare.sparse_align import SLACK, blocked_pairs

    print(
        f"\n(d) above the size ({EXHAUSTIVE_MAX_CELLS:,} unanchored old x new pairs): the blocked"
        f" path (word index, slack {SLACK})\n    on synthetic sentences (benchmarks/synth.py),"
        " heavy revision"
    )
    child = subprocess.run(
        [sys.executable, __file__, "--scale-child", str(n)],
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(child.stdout)
    print(
        f"    align {n:,} x {n:,} ({got['cells']:,} unanchored pairs, {got['path']} path):"
        f" {got['seconds']:.1f} s, peak memory {got['peak_mb']:.0f} MB"
        f" ({got['before_mb']:.0f} MB before aligning)\n    rows {got['kinds']}"
    )
    old, new = scale_keys(n)
    rows = np.sort(np.random.default_rng(0).choice(len(old), size=sample, replace=False))
    picked = [old[r] for r in rows.tolist()]
    start = time.perf_counter()
    ti, tj, _ = admissible_pairs(picked, new, threshold=60)
    exhaustive = (time.perf_counter() - start) * len(old) / sample
    bi, bj, _ = blocked_pairs(old, new, threshold=60)
    found = set(zip(bi.tolist(), bj.tolist(), strict=True))
    truth = {(int(rows[i]), j) for i, j in zip(ti.tolist(), tj.tolist(), strict=True)}
    recall = len(truth & found) / max(len(truth), 1)
    print(
        f"    pairs >= 60 found, against exhaustive scoring of {sample:,} sampled old sentences:"
        f" {len(truth & found):,} of {len(truth):,} (recall {recall:.4f});"
        f" exhaustive scoring of all pairs: ~{exhaustive:.0f} s (extrapolated)"
    )
    files = sorted([*DATA.glob("seeds/*.txt"), *DATA.glob("whitehouse/*/*.md")])
    keys = {path: [s.key for s in read_statement(path).sentences] for path in files}
    ordered = list(itertools.permutations(files, 2))
    equal = sum(
        align(keys[a], keys[b]) == align(keys[a], keys[b], exhaustive_max_cells=0)
        for a, b in ordered
    )
    print(
        f"    every ordered pair of the {len(files)} sample files through both paths:"
        f" identical rows for {equal} of {len(ordered)}"
    )
    old, new = scale_keys(equal_n, "shuffled sentences")
    start = time.perf_counter()
    exact = align(old, new)
    t_exact = time.perf_counter() - start
    start = time.perf_counter()
    blocked = align(old, new, exhaustive_max_cells=0)
    t_blocked = time.perf_counter() - start
    same = sum(a == b for a, b in zip(exact, blocked, strict=False))
    print(
        f"    {equal_n:,} x {equal_n:,} shuffled and reworded, both paths: exhaustive"
        f" {t_exact:.1f} s, blocked {t_blocked:.1f} s; rows equal: {exact == blocked}"
        f" ({same:,} of {len(exact):,} rows identical)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=20_000, help="sentences per side in (d)")
    parser.add_argument("--sample", type=int, default=1_000, help="sampled rows for recall")
    parser.add_argument("--equal", type=int, default=3_000, help="sentences for path equality")
    parser.add_argument("--skip-scale", action="store_true", help="leave out (d)")
    parser.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_child:
        scale_child(args.scale_child)
        return
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load} (timings are best of several runs)\n")
    rng = random.Random(2024)
    base = base_document()
    cases = {
        "5 KB proclamations": (
            read_statement(PROCLAMATIONS[2]).raw,
            read_statement(PROCLAMATIONS[3]).raw,
        ),
    }
    for kind in REVISIONS:
        cases[f"100 KB {kind}"] = (as_raw(base, rng), as_raw(revise(base, kind, rng), rng))
    # tokenize is the same for both engines; keep it warm
    tokenize(cases["100 KB light"][0])
    part_a(cases)
    part_b(cases)
    part_c(*cases["100 KB heavy"])
    if not args.skip_scale:
        part_d(args.scale, args.sample, args.equal)


if __name__ == "__main__":
    main()
