"""Precision and recall of strength shifts, per direction, on hand-labelled sentence pairs.

The pairs and labels are in ``benchmarks/labels/shifts/`` (see its README: what was labelled,
by which rules, and the TUNE/TEST split). Each pair is diffed word by word as ``drift compare``
does (:func:`policydrift.compare.diff.word_opcodes`) and read by
:func:`policydrift.compare.shifts.detect.row_shifts` with the built-in strength lexicon; the set of
directions found is compared with the set labelled (a pair labelled ``none`` has none).

    .venv/bin/python benchmarks/bench_shifts.py              # the TEST pairs (not tuned on)
    .venv/bin/python benchmarks/bench_shifts.py --split tune # the pairs the lexicon was tuned on
    .venv/bin/python benchmarks/bench_shifts.py --misses     # list every wrong pair as well

Goal (issue 14): precision >= 0.9 and recall >= 0.8 per direction on TEST.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from policydrift.compare.diff import tokenize, word_opcodes
from policydrift.compare.models import AlignedRow
from policydrift.compare.shifts.detect import row_shifts
from policydrift.compare.shifts.lexicon import load_strength
from policydrift.compare.shifts.models import DIRECTIONS

LABELS = Path(__file__).resolve().parent / "labels" / "shifts"


def read_pairs() -> list[dict[str, str]]:
    """Every labelled pair: id, split, source, old and new text, labelled directions, note."""
    with (LABELS / "pairs.tsv").open(encoding="utf-8") as handle:
        pairs = {row["id"]: row for row in csv.DictReader(handle, delimiter="\t")}
    with (LABELS / "labels.tsv").open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle, delimiter="\t"))
    return [{**pairs[label["id"]], **label} for label in labels]


def predict(old_text: str, new_text: str, lexicon) -> list:
    """The shifts drift finds in one pair of sentences."""
    old, new = tuple(tokenize(old_text)), tuple(tokenize(new_text))
    row = AlignedRow("edited", (0,), (0,), None, tuple(word_opcodes(old, new)), old, new)
    return row_shifts(row, lexicon)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("test", "tune", "all"), default="test")
    parser.add_argument("--misses", action="store_true", help="print every wrong pair")
    args = parser.parse_args()
    lexicon = load_strength()
    pairs = [p for p in read_pairs() if args.split == "all" or p["split"] == args.split]
    started = time.perf_counter()
    counts = {d: [0, 0, 0] for d in DIRECTIONS}  # tp, fp, fn
    wrong = []
    for pair in pairs:
        shifts = predict(pair["old_text"], pair["new_text"], lexicon)
        found = {s.direction for s in shifts}
        truth = set() if pair["directions"] == "none" else set(pair["directions"].split(","))
        for d in DIRECTIONS:
            counts[d][0] += d in found and d in truth
            counts[d][1] += d in found and d not in truth
            counts[d][2] += d in truth and d not in found
        if found != truth:
            wrong.append((pair, shifts, truth))
    elapsed = time.perf_counter() - started
    sources = {s: sum(p["source"] == s for p in pairs) for s in ("corpus", "ours")}
    none = sum(p["directions"] == "none" for p in pairs)
    print(f"split {args.split}: {len(pairs)} pairs ({sources['corpus']} from the sample corpus, "
          f"{sources['ours']} from our editions), {none} labelled none")  # fmt: skip
    print(f"{'direction':<13} {'labelled':>8} {'found':>6} {'precision':>9} {'recall':>7}")
    for d, (tp, fp, fn) in counts.items():
        precision = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
        recall = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
        print(f"{d:<13} {tp + fn:>8} {tp + fp:>6} {precision:>9} {recall:>7}")
    tp, fp, fn = (sum(c[k] for c in counts.values()) for k in range(3))
    print(
        f"{'all':<13} {tp + fn:>8} {tp + fp:>6} {tp / max(tp + fp, 1):>9.2f} {tp / max(tp + fn, 1):>7.2f}"
    )
    exact = len(pairs) - len(wrong)
    print(
        f"pairs exactly right: {exact}/{len(pairs)}; {elapsed * 1000 / max(len(pairs), 1):.2f} ms a pair"
    )
    if args.misses:
        for pair, shifts, truth in wrong:
            found = ", ".join(
                f"{s.direction} ({s.scale}: {s.old_words!r} -> {s.new_words!r})" for s in shifts
            )
            print(
                f"\n{pair['id']} labelled {','.join(sorted(truth)) or 'none'}; found {found or 'none'}"
            )
            print(f"  old: {pair['old_text'][:300]}")
            print(f"  new: {pair['new_text'][:300]}")
            if pair["note"]:
                print(f"  note: {pair['note']}")


if __name__ == "__main__":
    main()
