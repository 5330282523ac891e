"""A seeded synthetic corpus with sparse reuse, built from the sample corpus's own words.

Real archives are mostly new text with a minority of reused sentences, so the true number of
reused pairs grows about linearly with the corpus. Mutated copies of a few hundred sentences
alone would make it grow with the square of the corpus and flatter (or ruin) any index.

- New sentences (``1 - reuse`` of them) recombine 3 to 5 phrases (runs of 3 to 6 words) cut from
  the sample corpus's sentences, then replace each word with probability ``replace`` by a word
  drawn from the corpus's word frequency list (weighted by the square root of frequency).
- Reused sentences copy an earlier synthetic sentence (any earlier one, so chains of reuse
  form) and apply 0 to 3 mutations: drop a word, swap two neighbours, insert a word, replace a
  word, or a one-character typo.

Deterministic for a given ``seed`` and ``n``: ``python benchmarks/synth.py 5`` prints samples.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "corpus" / "data"
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_SPLIT = re.compile(r"(?<=[.;:!?])\s+|\n\s*\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+")


def sample_sentences(root: Path = DATA) -> list[list[str]]:
    """Word lists of the sample corpus's sentences (a plain split: this only seeds a generator)."""
    out: list[list[str]] = []
    for path in sorted([*root.glob("seeds/*.txt"), *root.glob("whitehouse/*/*.md")]):
        text = _FRONT.sub("", path.read_text(encoding="utf-8", errors="replace"))
        for chunk in _SPLIT.split(text):
            words = _WORD.findall(chunk)
            if len(words) >= 5:
                out.append(words)
    return out


def synth_sentences(
    n: int, *, seed: int = 0, reuse: float = 0.2, replace: float = 0.35
) -> list[str]:
    """``n`` synthetic sentences; about ``reuse`` of them are mutated copies of earlier ones."""
    rng = np.random.default_rng(seed)
    base = sample_sentences()
    phrases: list[list[str]] = []
    for words in base:
        i = 0
        while i < len(words) - 2:
            size = int(rng.integers(3, 7))
            phrases.append(words[i : i + size])
            i += size
    freq = Counter(w.lower() for words in base for w in words)
    vocab = sorted(freq)
    weights = np.sqrt(np.array([freq[w] for w in vocab], dtype=np.float64))
    weights /= weights.sum()
    # pre-draw random words in bulk: far faster than one rng call per word
    pool = np.array(vocab, dtype=object)[rng.choice(len(vocab), size=1 << 20, p=weights)]
    cursor = 0

    def word() -> str:
        nonlocal cursor
        cursor = (cursor + 1) & ((1 << 20) - 1)
        return pool[cursor]

    out: list[str] = []
    for k in range(n):
        if k and rng.random() < reuse:
            words = out[int(rng.integers(0, k))].split(" ")
            for _ in range(int(rng.integers(0, 4))):
                words = _mutate(words, rng, word)
        else:
            words = []
            for _ in range(int(rng.integers(3, 6))):
                words.extend(phrases[int(rng.integers(0, len(phrases)))])
            words = [word() if rng.random() < replace else w for w in words]
        out.append(" ".join(words))
    return out


def _mutate(words: list[str], rng: np.random.Generator, word) -> list[str]:
    words = list(words)
    i = int(rng.integers(0, len(words)))
    op = rng.random()
    if op < 0.25 and len(words) > 3:
        del words[i]
    elif op < 0.45 and len(words) > 1:
        j = min(i + 1, len(words) - 1)
        words[i], words[j] = words[j], words[i]
    elif op < 0.7:
        words.insert(i, word())
    elif op < 0.9:
        words[i] = word()
    else:
        w = words[i]
        if len(w) > 3:
            c = int(rng.integers(1, len(w) - 1))
            words[i] = w[:c] + w[c + 1 :] if rng.random() < 0.5 else w[:c] + "e" + w[c:]
    return words


if __name__ == "__main__":
    for s in synth_sentences(int(sys.argv[1]) if len(sys.argv) > 1 else 10):
        print(s)
