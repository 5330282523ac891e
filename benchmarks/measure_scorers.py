"""Which rapidfuzz scorer, and which threshold, tells true sentence pairs from false ones?

Run: ``.venv/bin/python benchmarks/measure_scorers.py``. Deterministic; prints tables only.

Data: consecutive editions of two real series, the continuation notices 2021-2024 and the
Cybersecurity Awareness Month proclamations 2021-2025 (7 edition pairs), read with
``corpus.read_statement``. Every pair of sentences (old edition x new edition) is labelled:

- *true*: identical keys, or both sentences carry the same hand-picked anchor below (the same
  sentence revised: a new year, a new president, a reworded clause);
- *unclear*: both mention the same topic phrase (a rewrite of a sentence on the same
  programme, e.g. two different sentences on the Executive Order): left out of the figures;
- *false*: everything else.

For each scorer: separation of the labels (AUC, lowest true score, highest false score,
errors at a few thresholds); then the alignment itself (``compare.align``) at each threshold,
against the labels (precision/recall of aligned pairs); then two synthetic checks on real
sentences: a sentence against its first half (a split part must score clearly below the whole
joined text, or splits cannot be told apart), and a sentence against itself with 10-30 % of
its words replaced by corpus words (recall).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydrift.compare.align import align  # noqa: E402
from policydrift.compare.similarity import get_scorer, score_matrix  # noqa: E402
from policydrift.corpus import read_statement  # noqa: E402

DATA = ROOT / "corpus" / "data"
SERIES = ["cyber_emergency_continuation_notices", "cyber_awareness_month_proclamations"]
SCORERS = ["ratio", "token_sort_ratio", "token_set_ratio", "partial_ratio", "WRatio", "QRatio"]
THRESHOLDS = [50, 55, 60, 65, 70, 75]

# The same sentence across editions (hand-checked on the printed pairs of every edition pair).
ANCHORS = [
    r"executive order 13694 the president declared",
    r"to deal with the unusual and extraordinary threat",
    r"issued executive order 13757",
    r"continue to pose an unusual and extraordinary threat",
    r"must continue in effect beyond",
    r"in accordance with section 202",
    r"shall be published in the federal register",
    r"^now therefore i",
    r"president of the united states of america by virtue of the authority",
    r"i call upon the people (businesses|companies) and institutions",
    r"i also call upon business",
    r"americans can also take immediate action",
    r"in witness whereof",
    r"cyber trust mark program",
    r"national cyber workforce and education strategy",
]
# Sentences on the same programme, rewritten: neither clearly the same nor clearly different.
UNCLEAR = [
    r"executive order to modernize",
    r"minimum cybersecurity standards",
    r"bipartisan infrastructure law",
    r"counter-ransomware initiative",
    r"touch nearly every aspect",
    r"national cybersecurity strategy",
    r"allies and partners",
    r"cybersecurity awareness month",
    r"national cybersecurity month",
]


def editions() -> list[tuple[list[str], list[str], str]]:
    pairs = []
    for series in SERIES:
        files = sorted((DATA / "whitehouse" / series).glob("*.md"))
        keys = [[s.key for s in read_statement(str(f)).sentences] for f in files]
        for k in range(len(files) - 1):
            pairs.append(
                (keys[k], keys[k + 1], f"{series[:12]} {files[k].name[:4]}>{files[k + 1].name[:4]}")
            )
    return pairs


def label(a: str, b: str) -> str:
    if a == b or any(re.search(p, a) and re.search(p, b) for p in ANCHORS):
        return "true"
    if any(re.search(p, a) and re.search(p, b) for p in UNCLEAR):
        return "unclear"
    return "false"


def labelled(pairs) -> dict[str, np.ndarray]:
    return {name: np.array([label(a, b) for a in old for b in new]) for old, new, name in pairs}


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(a true pair scores above a false one), ties counted half."""
    both = np.concatenate([pos, neg])
    order = both.argsort(kind="stable")
    ranks = np.empty(len(both))
    ranks[order] = np.arange(1, len(both) + 1)
    for v in np.unique(both):  # average ranks of ties
        tie = both == v
        ranks[tie] = ranks[tie].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def separation(pairs, labels) -> None:
    print("1. Separation of labelled pairs (all sentence pairs of 7 edition pairs)")
    print(
        f"{'scorer':18} {'AUC':>6} {'minT':>6} {'maxF':>6} "
        + " ".join(f"err@{t}" for t in THRESHOLDS)
    )
    for scorer in SCORERS:
        scores = np.concatenate([score_matrix(o, n, scorer=scorer).ravel() for o, n, _ in pairs])
        lab = np.concatenate([labels[name] for _, _, name in pairs])
        pos, neg = scores[lab == "true"], scores[lab == "false"]
        errs = " ".join(f"{int((pos < t).sum()):>2}+{int((neg >= t).sum()):<3}" for t in THRESHOLDS)
        print(f"{scorer:18} {auc(pos, neg):6.4f} {pos.min():6.1f} {neg.max():6.1f} {errs}")
    n_true = int(sum((labels[name] == "true").sum() for *_, name in pairs))
    n_false = int(sum((labels[name] == "false").sum() for *_, name in pairs))
    print(
        f"   ({n_true} true, {n_false} false pairs; err@t = true pairs below t + false pairs >= t)"
    )


def alignment(pairs, labels) -> None:
    print("\n2. The alignment (compare.align) against the labels: false aligned / true missed")
    print(f"{'scorer':18} " + " ".join(f"{'@' + str(t):>8}" for t in THRESHOLDS))
    for scorer in SCORERS:
        cells = []
        for t in THRESHOLDS:
            wrong = missed = 0
            for old, new, name in pairs:
                lab = labels[name].reshape(len(old), len(new))
                got = set()
                for row in align(old, new, threshold=t, split_threshold=max(t, 80), scorer=scorer):
                    for i in row.old:
                        for j in row.new:
                            got.add((i, j))
                wrong += sum(lab[i, j] == "false" for i, j in got)
                truth = {(i, j) for i, j in zip(*np.nonzero(lab == "true"), strict=True)}
                # a sentence with several true partners (a repeated formula) needs only one
                missed += len({i for i, _ in truth} - {i for i, j in got if (i, j) in truth})
            cells.append(f"{wrong:>3}/{missed:<4}")
        print(f"{scorer:18} " + " ".join(cells))


def real_sentences() -> list[str]:
    keys = []
    for path in sorted([*DATA.glob("seeds/*.txt"), *DATA.glob("whitehouse/*/*.md")]):
        keys.extend(s.key for s in read_statement(str(path)).sentences)
    return sorted({k for k in keys if len(k.split()) >= 16})


def synthetic(sentences: list[str]) -> None:
    rng = random.Random(20240601)
    vocab = sorted({w for k in sentences for w in k.split()})
    print(f"\n3. Synthetic checks on {len(sentences)} real sentences of >= 16 words")
    head = f"{'scorer':18} {'half median':>12} {'half>=90':>9}"
    head += "".join(f" {'rec@' + str(int(f * 100)) + '%':>9}" for f in (0.1, 0.2, 0.3))
    print(head + "   (rec = share of edited copies >= 60)")
    edited = {}
    for frac in (0.1, 0.2, 0.3):
        out = []
        for k in sentences:
            words = k.split()
            for pos in rng.sample(range(len(words)), max(1, round(frac * len(words)))):
                words[pos] = rng.choice(vocab)
            out.append(" ".join(words))
        edited[frac] = out
    for scorer in SCORERS:
        fn = get_scorer(scorer)
        halves = np.array([fn(k, " ".join(k.split()[: len(k.split()) // 2])) for k in sentences])
        recs = [
            np.mean([fn(a, b) >= 60 for a, b in zip(sentences, edited[f], strict=True)])
            for f in (0.1, 0.2, 0.3)
        ]
        line = f"{scorer:18} {np.median(halves):12.1f} {np.mean(halves >= 90):9.2f}"
        print(line + "".join(f" {r:9.2f}" for r in recs))


def split_threshold(pairs, labels, sentences: list[str]) -> None:
    """ratio of a sentence against two or three consecutive sentences: true splits vs false."""
    from rapidfuzz import fuzz

    rng = random.Random(7)
    vocab = sorted({w for k in sentences for w in k.split()})
    whole, best_part = [], []
    for k in sentences:
        words = k.split()
        cut = rng.randrange(len(words) // 3, 2 * len(words) // 3)
        parts = [words[:cut], ["it", *words[cut:]]]  # the second part made a sentence
        for part in parts:
            for _ in range(rng.randrange(3)):
                part[rng.randrange(len(part))] = rng.choice(vocab)
        joined = [" ".join(p) for p in parts]
        whole.append(fuzz.ratio(k, " ".join(joined)))
        best_part.append(max(fuzz.ratio(k, p) for p in joined))
    whole_a, part_a = np.array(whole), np.array(best_part)
    false = []
    for old, new, name in pairs:
        lab = labels[name].reshape(len(old), len(new))
        for i, a in enumerate(old):
            for width in (2, 3):
                for j in range(len(new) - width + 1):
                    if not (lab[i, j : j + width] == "true").any():
                        false.append(fuzz.ratio(a, " ".join(new[j : j + width])))
    false_a = np.array(false)
    print("\n4. split_threshold (ratio): a sentence against its parts joined")
    print(
        f"   true splits ({len(whole_a)} real sentences cut in two, 0-2 words replaced per part):"
    )
    print(
        f"     joined: min {whole_a.min():.1f}, 1st pct {np.percentile(whole_a, 1):.1f}, "
        f"median {np.median(whole_a):.1f}; best single part: median {np.median(part_a):.1f}, "
        f"max {part_a.max():.1f}; joined - best part >= 5 in {np.mean(whole_a - part_a >= 5):.3f}"
    )
    print(
        f"   false windows ({len(false_a)} sentence x 2-3 consecutive sentences, no true partner):"
    )
    print(
        f"     max {false_a.max():.1f}; >= 70: {int((false_a >= 70).sum())}, "
        f">= 75: {int((false_a >= 75).sum())}, >= 80: {int((false_a >= 80).sum())}"
    )
    for t in (70, 75, 80, 85):
        print(
            f"   split_threshold {t}: true splits found {np.mean(whole_a >= t):.3f}, "
            f"false windows accepted {int((false_a >= t).sum())}"
        )


def main() -> None:
    pairs = editions()
    labels = labelled(pairs)
    separation(pairs, labels)
    alignment(pairs, labels)
    sentences = real_sentences()
    synthetic(sentences)
    split_threshold(pairs, labels, sentences)


if __name__ == "__main__":
    main()
