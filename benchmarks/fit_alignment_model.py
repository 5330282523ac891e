"""Fit the link-confidence calibration of :mod:`policydrift.compare.linking.evidence` on the TUNE labels.

Run: ``.venv/bin/python benchmarks/fit_alignment_model.py [--split TUNE|TEST]``. Deterministic.

Every old x new sentence pair of the TUNE label files (``benchmarks/labels/alignment``) is a
sample: 1 when the labellers linked the two sentences one to one (same, edited, trimmed,
extended, reworded), 0 when neither sentence is linked to the other; pairs inside a split or
merged link and ``loose`` pairs are left out (a part of a split is neither the same sentence
nor unrelated). A logistic regression (Newton's method, a small ridge) is fitted for the
lexical model and for the full model (with the semantic score); the coefficients are printed
in the form :data:`policydrift.compare.linking.evidence.LEXICAL` / ``FULL`` take, with a calibration table
(predicted confidence against the observed share of links, per band) on the chosen split.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from alignment_labels import load_labels  # noqa: E402
from policydrift.compare.linking.evidence import (  # noqa: E402
    BANDS,
    Calibration,
    PairFeatures,
    confidence,
    features,
    opening_counts,
    word_weights,
)
from policydrift.compare.linking.semantic import embed  # noqa: E402
from policydrift.corpus import read_statement  # noqa: E402

ONE_TO_ONE = ("same", "edited", "trimmed", "extended", "reworded")
LEXICAL_NAMES = ("lex", "overlap", "contain", "beyond")
RIDGE = 0.1  # ridge of the pair models (few links: 46 on TUNE)
FULL_NAMES = (*LEXICAL_NAMES, "sem")


def samples(split: str, model: str = "wordllama") -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Feature columns and 0/1 labels of every usable pair of the split's label files."""
    columns: dict[str, list[np.ndarray]] = {name: [] for name in FULL_NAMES}
    labels: list[np.ndarray] = []
    for pair in load_labels(split):
        old = [s.key for s in read_statement(ROOT / pair.old_path).sentences]
        new = [s.key for s in read_statement(ROOT / pair.new_path).sentences]
        f = pair_features(old, new, model)
        label = np.zeros((len(old), len(new)), np.int8)
        usable = np.ones((len(old), len(new)), bool)
        for link in pair.links:
            for i, j in link.pairs():
                if link.rel in ONE_TO_ONE:
                    label[i, j] = 1
                else:
                    usable[i, j] = False
        for name in FULL_NAMES:
            columns[name].append(getattr(f, name)[usable])
        labels.append(label[usable])
    return {k: np.concatenate(v) for k, v in columns.items()}, np.concatenate(labels)


def pair_features(old: list[str], new: list[str], model: str = "wordllama") -> PairFeatures:
    return features(
        old,
        new,
        weights=word_weights(old, new),
        openings=opening_counts(old, new),
        a_vectors=embed(old, model=model),
        b_vectors=embed(new, model=model),
        workers=1,
    )


def fit(x: np.ndarray, y: np.ndarray, ridge: float = 1.0) -> np.ndarray:
    """Logistic regression by Newton's method; returns (bias, weights...)."""
    design = np.hstack([np.ones((x.shape[0], 1)), x])
    beta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * ridge
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        grad = design.T @ (y - p) - penalty @ beta
        hess = (design * (p * (1 - p))[:, None]).T @ design + penalty
        step = np.linalg.solve(hess, grad)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def calibration_table(score: np.ndarray, y: np.ndarray) -> None:
    print(f"  {'band':8} {'pairs':>7} {'links':>6} {'observed':>9} {'mean conf':>10}")
    edges = [100.01] + [low for _, low in BANDS[:-1]] + [60.0, 30.0, 0.0]
    names = ["strong", "likely", "weak", "(below 60)", "(below 30)"]
    for name, hi, lo in zip(names, edges[:-1], edges[1:], strict=True):
        sel = (score >= lo) & (score < hi)
        if sel.any():
            print(
                f"  {name:8} {int(sel.sum()):7d} {int(y[sel].sum()):6d} "
                f"{y[sel].mean():9.3f} {score[sel].mean() / 100:10.3f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="TEST", help="split to show calibration on")
    parser.add_argument("--model", default="wordllama")
    parser.add_argument("--gap", action="store_true", help="fit the gap stage instead")
    args = parser.parse_args()
    cols, y = samples("TUNE", args.model)
    print(f"TUNE: {y.size} pairs, {int(y.sum())} links")
    fitted = {}
    for title, names in (("LEXICAL", LEXICAL_NAMES), ("FULL", FULL_NAMES)):
        x = np.stack([cols[n] for n in names], axis=1).astype(np.float64)
        beta = fit(x, y.astype(np.float64), ridge=RIDGE)
        cal = Calibration(
            round(float(beta[0]), 2),
            tuple((n, round(float(b), 2)) for n, b in zip(names, beta[1:], strict=True)),
        )
        fitted[title] = cal
        print(f"{title} = {cal!r}")
    test_cols, test_y = samples(args.split, args.model)
    print(f"\n{args.split}: {test_y.size} pairs, {int(test_y.sum())} links")
    for title, cal in fitted.items():
        f = PairFeatures(
            **{n: test_cols[n] for n in LEXICAL_NAMES},
            sem=test_cols["sem"] if title == "FULL" else None,
        )
        print(f"{title} calibration on {args.split}:")
        calibration_table(confidence(f, cal), test_y)


if __name__ == "__main__" and "--gap" not in sys.argv:
    main()


def gap_samples(split: str) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Gap evidence and labels of every pair of unmatched sentences in the same gap after
    the first stages of the model alignment (1: a one-to-one link; split/merged parts and
    loose pairs left out)."""
    from policydrift.compare.align import unique_identical
    from policydrift.compare.linking.recipe import first_stages
    from policydrift.compare.linking.stages import gap_features, gaps, in_gaps

    columns: dict[str, list[np.ndarray]] = {}
    labels: list[np.ndarray] = []
    for pair in load_labels(split):
        old = [s.key for s in read_statement(ROOT / pair.old_path).sentences]
        new = [s.key for s in read_statement(ROOT / pair.new_path).sentences]
        rel = pair.pairs_by_relation()
        swap = old > new
        a, b = (new, old) if swap else (old, new)
        scores, units, stable = first_stages(
            a,
            b,
            unique_identical(a, b),
            threshold=60.0,
            split_threshold=80.0,
            semantic=True,
            semantic_model="wordllama",
            workers=1,
        )
        used_a = {i for u in units for i in u.a}
        used_b = {j for u in units for j in u.b}
        rows = [i for i in range(len(a)) if i not in used_a]
        cols = [j for j in range(len(b)) if j not in used_b]
        spans = gaps([(u.a, u.b) for u in units], stable, len(a), len(b))
        if rows and cols:
            block = gap_features(scores, rows, cols)
            block["in_gap"] = in_gaps(spans, rows, cols)
            for r, i in enumerate(rows):
                for c, j in enumerate(cols):
                    key = (j, i) if swap else (i, j)
                    relation = rel.get(key)
                    if relation in ("loose", "split", "merged") or not block["guard"][r, c]:
                        continue
                    for name, values in block.items():
                        columns.setdefault(name, []).append(np.array([values[r, c]], np.float64))
                    labels.append(np.array([1 if relation else 0]))
    return {k: np.concatenate(v) for k, v in columns.items()}, np.concatenate(labels)


def fit_gap() -> None:
    from policydrift.compare.linking.stages import gap_confidence

    names = ("mutual_sem", "overlap", "conf", "in_gap")
    cols, y = gap_samples("TUNE")
    x = np.stack([cols[n] for n in names], axis=1)
    beta = fit(x, y.astype(np.float64), ridge=0.1)
    cal = Calibration(
        round(float(beta[0]), 2),
        tuple((n, round(float(b), 2)) for n, b in zip(names, beta[1:], strict=True)),
    )
    print(f"GAP ({y.size} gap pairs, {int(y.sum())} links) = {cal!r}")
    for split in ("TUNE", "TEST"):
        c, t = gap_samples(split)
        c["guard"] = np.ones(t.size, bool)
        print(f"GAP calibration on {split}:")
        calibration_table(gap_confidence(c, cal), t)


if __name__ == "__main__" and "--gap" in sys.argv:
    fit_gap()
