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
from policydrift.compare.linking.space import sentence_space  # noqa: E402

ONE_TO_ONE = ("same", "edited", "trimmed", "extended", "reworded")
LEXICAL_NAMES = ("lex", "overlap", "contain", "beyond")
RIDGE = 0.1  # ridge of the pair models (few links: 46 on TUNE)
FULL_NAMES = (*LEXICAL_NAMES, "sem")


def samples(split: str, model: str = "wordllama") -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Feature columns and 0/1 labels of every usable pair of the split's label files."""
    columns: dict[str, list[np.ndarray]] = {name: [] for name in FULL_NAMES}
    labels: list[np.ndarray] = []
    for pair in load_labels(split):
        old, new = pair.old.keys(), pair.new.keys()
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
    space = sentence_space(old, new, model=model)
    return features(
        old,
        new,
        weights=word_weights(old, new),
        openings=opening_counts(old, new),
        a_vectors=space.vectors(old),
        b_vectors=space.vectors(new),
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
    parser.add_argument("--meaning", action="store_true", help="fit the meaning stage instead")
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


def meaning_samples(split: str) -> list[tuple[str, np.ndarray, np.ndarray, dict]]:
    """Per label file: the candidates of the meaning stage after the first stages of the
    model alignment (old, new indexes in the canonical orientation), their labels (1: a
    labelled link other than ``loose``; loose links and echoes left out) and evidence."""
    from policydrift.compare.align import unique_identical
    from policydrift.compare.linking.meaning import meaning_features
    from policydrift.compare.linking.recipe import ModelSettings, first_stages

    out = []
    for pair in load_labels(split):
        old, new = pair.old.keys(), pair.new.keys()
        rel = pair.pairs_by_relation()
        neutral = pair.neutral_pairs()
        swap = old > new
        a, b = (new, old) if swap else (old, new)
        anchors = unique_identical(a, b)
        scores, units = first_stages(a, b, anchors, ModelSettings(60.0, 80.0, True, "wordllama", 1))
        rows, cols, block = meaning_features(scores, [(u.a, u.b) for u in units], anchors)
        keys = [
            (int(j), int(i)) if swap else (int(i), int(j)) for i, j in zip(rows, cols, strict=True)
        ]
        keep = np.array([k not in neutral and rel.get(k) != "loose" for k in keys], bool)
        y = np.array([1 if rel.get(k) else 0 for k in keys], np.float64)
        out.append((pair.name, keep, y, block))
    return out


def _stack(samples, names, skip: str | None = None):
    x = [
        np.stack([blk[n] for n in names], axis=1)[keep]
        for nm, keep, _, blk in samples
        if nm != skip and keep.any()
    ]
    y = [yy[keep] for nm, keep, yy, _ in samples if nm != skip and keep.any()]
    return np.concatenate(x), np.concatenate(y)


def fit_meaning() -> None:
    from policydrift.compare.linking.meaning import MEANING

    names = MEANING.names
    tune = meaning_samples("TUNE")
    x, y = _stack(tune, names)
    beta = fit(x, y, ridge=RIDGE)
    cal = Calibration(
        round(float(beta[0]), 2),
        tuple((n, round(float(b), 2)) for n, b in zip(names, beta[1:], strict=True)),
    )
    print(f"MEANING ({y.size} candidate pairs, {int(y.sum())} links) = {cal!r}")
    print("Calibration on TUNE (each file scored by a fit on the other TUNE files):")
    scores, labels = [], []
    for name, keep, yy, blk in tune:
        if not keep.any():
            continue
        xx, _ = _stack([(name, keep, yy, blk)], names)
        b = fit(*_stack(tune, names, skip=name), ridge=RIDGE)
        scores.append(100.0 / (1.0 + np.exp(-(b[0] + xx @ b[1:]))))
        labels.append(yy[keep])
    calibration_table(np.concatenate(scores), np.concatenate(labels))
    print("End to end on TUNE, each file aligned with a fit on the other TUNE files:")
    for floor in (60.0, 75.0, 90.0):
        print(f"  MEANING_MIN {floor:g}: {_held_out(tune, names, floor)}")


def _held_out(tune, names, floor: float) -> str:
    """Precision and recall of the whole alignment on TUNE, each file aligned with a meaning
    stage fitted on the other files and linking from ``floor``."""
    from alignment_scoring import Figures, predicted_links, score_pair, statements
    from policydrift.compare import compare
    from policydrift.compare.linking import meaning

    total = Figures()
    saved = meaning.MEANING, meaning.MEANING_MIN
    try:
        for pair in load_labels("TUNE"):
            b = fit(*_stack(tune, names, skip=pair.name), ridge=RIDGE)
            meaning.MEANING = Calibration(
                float(b[0]), tuple((n, float(w)) for n, w in zip(names, b[1:], strict=True))
            )
            meaning.MEANING_MIN = floor
            old, new = statements(pair)
            total.add(score_pair(pair, predicted_links(compare(old, new).rows)).figures)
    finally:
        meaning.MEANING, meaning.MEANING_MIN = saved
    return (
        f"precision {total.precision:.3f} ({total.correct}/{total.predicted}), "
        f"recall {total.recall:.3f} ({total.found}/{total.labelled}), "
        f"reworded {total.recall_by_relation['reworded']:.2f}"
    )


if __name__ == "__main__" and "--meaning" in sys.argv:
    fit_meaning()
elif __name__ == "__main__":
    main()
