"""The synthetic archive of the timeline benchmarks: 20 series of yearly editions.

Built from the sample corpus's own sentences: each edition is the previous one with ~10% of its
sentences dropped, ~15% edited (a word replaced), ~12% added (half copied from another sample
statement, so reuse crosses series), at most 60 sentences. Seeded: the same corpus every run.
Used by ``bench_timeline.py`` and ``check_timeline_same.py``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus  # noqa: E402

SERIES = 20


def synth_corpus(root: Path, n: int = 500, *, seed: int = 0) -> Path:
    """Write ``n`` dated Markdown statements in ``SERIES`` series folders under ``root``."""
    rng = random.Random(seed)
    base = [
        [" ".join(s.text.split()) for s in st.sentences]
        for st in load_corpus(SAMPLE_CORPUS, cache=False)
    ]
    base = [b for b in base if len(b) >= 5]
    vocabulary = sorted(
        {w for b in base for s in b for w in s.split() if w.isalpha() and len(w) > 3}
    )
    per_series = max(1, n // SERIES)
    written = 0
    for s in range(SERIES):
        sentences = list(base[s % len(base)])
        for k in range(per_series):
            if written == n:
                return root
            if k:
                sentences = _next_edition(sentences, base, vocabulary, rng)
            date = f"{2000 + k:04d}-{1 + s % 12:02d}-{1 + s:02d}"
            folder = root / f"series_{s:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
            body = "\n\n".join(paragraphs)
            text = f"---\ndate: '{date}'\ntitle: Series {s} statement {k + 1}\n---\n\n{body}\n"
            (folder / f"{date}-{k:03d}.md").write_text(text, encoding="utf-8")
            written += 1
    return root


def _next_edition(
    sentences: list[str], base: list[list[str]], vocabulary: list[str], rng: random.Random
) -> list[str]:
    out = []
    for sentence in sentences:
        roll = rng.random()
        if roll < 0.10:
            continue
        if roll < 0.25:
            words = sentence.split()
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
            sentence = " ".join(words)
            if not sentence.endswith((".", ";", ":")):
                sentence += "."
        out.append(sentence)
    for _ in range(max(1, round(0.12 * len(sentences)))):
        if rng.random() < 0.5:
            new = rng.choice(rng.choice(base))
        else:
            words = [rng.choice(vocabulary) for _ in range(rng.randint(8, 20))]
            new = " ".join(words).capitalize() + "."
        out.insert(rng.randrange(len(out) + 1), new)
    return out[:60] if out else [sentences[0]]
