"""How well does drift align sentences? Precision and recall against hand-made labels.

Run: ``.venv/bin/python benchmarks/bench_alignment.py`` (deterministic; a few seconds).
``--errors`` also lists every wrong and every missed link with its sentences; ``--sweep`` the
baseline at thresholds 40-60; ``--json FILE`` writes the figures as JSON.

Labels: ``benchmarks/labels/alignment/*.yaml`` (rules and the TUNE/TEST split in the README
there), read by :mod:`alignment_labels`. Every sentence of both editions of a pair is linked to
its counterpart(s) with a relation, or marked as having none.

Two aligners are measured on every pair:

- ``engine``: :func:`policydrift.compare.compare` with its default options (whatever the engine
  is today);
- ``baseline``: plain ``fuzz.ratio >= 60`` on the comparison keys with the one-to-one matching
  of largest total score (:func:`baseline_rows`), implemented here so that it stays the same
  baseline when the engine changes (it is what the engine did before issue 10, less splits).

Figures (links are (old sentence, new sentence) index pairs; a row with several old or new
indexes counts as a link between each old and each new index of it):

- ``precision``: predicted links that are labelled links; a predicted link that is a labelled
  ``loose`` link or a labelled echo (a second, weaker counterpart of a sentence linked
  elsewhere) is neither right nor wrong (left out);
- ``recall``: labelled links other than ``loose`` that were predicted, overall and per relation;
- ``linked shown dropped/new``: sentences that have a labelled link other than ``loose`` but
  sit in no predicted link (a ``dropped`` or ``new`` row), over all such sentences;
- ``false dropped/new``: of the sentences shown as ``dropped``/``new``, those that have a
  labelled link other than ``loose`` (the share of ``dropped``/``new`` claims that are wrong).

The scoring itself (importable for calibration) is :mod:`alignment_scoring`. The targets of issue 10 (on TEST) are in :data:`TARGETS` and printed next to the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from alignment_labels import SPLITS, load_labels  # noqa: E402
from alignment_scoring import (  # noqa: E402
    TARGETS,
    Result,
    baseline_rows,
    engine_compare,
    evaluate,
    statements,
)


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def _ratio(num: int, den: int) -> str:
    return f"{num}/{den}" if den else "-"


def print_result(label: str, result: Result) -> None:
    """One table: a line per pair, then the total, per-relation recall, and the targets."""
    print(
        f"\n{label} on {result.split} ({len(result.pairs)} pairs, "
        f"{sum(p.sentences for p in result.pairs)} sentences)"
    )
    head = (
        f"  {'pair':<28} {'sent':>4} {'precision':>13} {'recall':>13} {'reworded':>10} "
        f"{'linked as drop/new':>19} {'false drop/new':>15}"
    )
    print(head)
    rows = [*result.pairs, None]
    for pr in rows:
        f = result.total if pr is None else pr.figures
        name = "TOTAL" if pr is None else pr.name + (" *" if pr.formulaic else "")
        sents = sum(p.sentences for p in result.pairs) if pr is None else pr.sentences
        rw = f.by_relation.get("reworded", [0, 0])
        print(
            f"  {name:<28} {sents:>4} {_fmt(f.precision):>5} {_ratio(f.correct, f.predicted):>7} "
            f"{_fmt(f.recall):>5} {_ratio(f.found, f.labelled):>7} "
            f"{_fmt(f.recall_by_relation.get('reworded')):>4} {_ratio(*rw):>5} "
            f"{_fmt(f.linked_shown_unmatched):>5} {_ratio(f.linked_unmatched, f.linked_sentences):>9}"
            f"    {_fmt(f.false_unmatched_share):>5} {_ratio(f.linked_unmatched, f.unmatched):>7}"
        )
    per_rel = ", ".join(
        f"{rel} {_fmt(v)} ({_ratio(*result.total.by_relation[rel])})"
        for rel, v in result.total.recall_by_relation.items()
    )
    print(f"  recall by relation: {per_rel}")
    t = result.total
    if t.possible:
        print(
            f"  dropped/new rows marked 'possibly restated': {t.possible} "
            f"({_fmt(t.possible_precision)} really linked); the other dropped/new rows are "
            f"false {_fmt(t.false_unmarked_share)} "
            f"({_ratio(t.linked_unmatched - t.possible_linked, t.unmatched - t.possible)})"
        )
    t = result.total
    checks = [
        ("precision", t.precision, ">=", TARGETS["precision"]),
        ("lowest pair precision", result.min_pair_precision(), ">=", TARGETS["pair_precision"]),
        ("recall (not loose)", t.recall, ">=", TARGETS["recall"]),
        ("reworded recall", t.recall_by_relation.get("reworded"), ">=", TARGETS["reworded_recall"]),
        (
            "linked shown as dropped/new",
            t.linked_shown_unmatched,
            "<=",
            TARGETS["linked_shown_unmatched"],
        ),
    ]
    parts = []
    for name, value, op, target in checks:
        ok = value is not None and (value >= target if op == ">=" else value <= target)
        parts.append(
            f"{name} {_fmt(value)} (target {op} {target:.2f}: {'met' if ok else 'MISSED'})"
        )
    print("  targets: " + "; ".join(parts))


def print_sweep(thresholds: Iterable[float] = (40, 45, 50, 55, 60)) -> None:
    """The baseline at lower thresholds: what recall costs in precision with ``ratio`` alone."""
    print("\nbaseline ratio >= T, one-to-one: precision, lowest pair precision, recall, reworded")
    for t in thresholds:
        parts = []
        for split in SPLITS:
            r = evaluate(lambda old, new, t=t: baseline_rows(old, new, t), split)
            f = r.total
            parts.append(
                f"{split} {_fmt(f.precision)} ({_ratio(f.correct, f.predicted)}) "
                f"min {_fmt(r.min_pair_precision())} recall {_fmt(f.recall)} "
                f"reworded {_fmt(f.recall_by_relation.get('reworded'))}"
            )
        print(f"  T={t:g}: " + "; ".join(parts))


def print_errors(result: Result) -> None:
    """Every wrong and missed link, with both sentences."""
    for pr in result.pairs:
        pair = next(p for p in load_labels(pr.split) if p.name == pr.name)
        old, new = statements(pair)
        for i, j in pr.wrong:
            print(
                f"  {pr.name} WRONG old {i} / new {j}\n    - {old.sentences[i].text!r}\n"
                f"    + {new.sentences[j].text!r}"
            )
        for (i, j), rel in pr.missed:
            print(
                f"  {pr.name} MISSED {rel} old {i} / new {j}\n    - {old.sentences[i].text!r}\n"
                f"    + {new.sentences[j].text!r}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list wrong and missed links")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument(
        "--sweep", action="store_true", help="also the baseline at thresholds 40-60 (TUNE, TEST)"
    )
    parser.add_argument(
        "--split", choices=SPLITS, help="only this split (default: TUNE, then TEST)"
    )
    parser.add_argument("--engine-only", action="store_true", help="leave out the baseline")
    args = parser.parse_args(argv)
    aligners = {"engine": engine_compare, "baseline (ratio >= 60, one-to-one)": baseline_rows}
    if args.engine_only:
        del aligners["baseline (ratio >= 60, one-to-one)"]
    out: dict[str, Any] = {"targets": TARGETS}
    for label, fn in aligners.items():
        for split in [args.split] if args.split else SPLITS:
            try:
                result = evaluate(fn, split)
            except ValueError as exc:
                print(f"Error: {exc}", file=sys.stderr)
                return 2
            print_result(label, result)
            if args.errors:
                print_errors(result)
            out.setdefault(label, {})[split] = {
                "total": result.total.as_dict(),
                "pairs": {p.name: p.figures.as_dict() for p in result.pairs},
            }
    if args.sweep:
        print_sweep()
    print("\n(* formulaic pair: most sentences share an opening; targets apply to TEST)")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
