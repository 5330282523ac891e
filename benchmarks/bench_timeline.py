"""Time ``drift timeline`` on the sample corpus and on a synthetic corpus of 500 statements.

Each corpus is timed twice in this process: *cold* (every file read and split afresh, no cache)
and *cached* (statements taken from a warm cache in a temporary folder), stage by stage (the
cache only serves reading; timings of the other stages vary with the machine's load):
reading, building the timeline, rendering the HTML page, writing the JSON. The synthetic corpus
is built from the sample corpus's own sentences: 20 series of 25 yearly editions, each edition
the previous one with ~10% of its sentences dropped, ~15% edited (a word replaced), ~12% added
(half copied from another sample statement, so reuse crosses series). Seeded: the same corpus
every run.

    python benchmarks/bench_timeline.py            # both corpora
    python benchmarks/bench_timeline.py --n 100    # a smaller synthetic corpus
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydrift.compare.timeline.build import build_timeline  # noqa: E402
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus  # noqa: E402
from policydrift.reports.timeline.html import render_timeline_html  # noqa: E402
from policydrift.reports.timeline.tables import timeline_to_json  # noqa: E402

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


def run(label: str, root: Path, cache_dir: Path) -> dict[str, float]:
    """Cold and cached runs over ``root``; prints one line per run."""
    results, reads = {}, {}
    load_corpus(root, cache=True, cache_dir=cache_dir)  # warm the cache
    for mode in ("cold", "cached"):
        t0 = time.perf_counter()
        corpus = load_corpus(root, cache=mode == "cached", cache_dir=cache_dir)
        t1 = time.perf_counter()
        timeline = build_timeline(corpus.statements)
        t2 = time.perf_counter()
        page = render_timeline_html(timeline)
        t3 = time.perf_counter()
        data = timeline_to_json(timeline)
        t4 = time.perf_counter()
        total = t4 - t0
        results[mode], reads[mode] = total, t1 - t0
        sentences = len(timeline.sentences)
        print(
            f"{label:10s} {mode:6s} {len(corpus):4d} statements {sentences:6d} sentences | read {t1 - t0:6.2f}s "
            f"build {t2 - t1:6.2f}s html {t3 - t2:6.2f}s ({len(page) / 1e6:.1f} MB) json {t4 - t3:5.2f}s "
            f"({len(data) / 1e6:.1f} MB) | total {total:6.2f}s"
        )
    print(
        f"{label:10s} cached / cold: reading {reads['cached'] / reads['cold']:.2f}, "
        f"whole run {results['cached'] / results['cold']:.2f} (building and rendering do not use the cache)"
    )
    return results


def warm_up() -> None:
    """Load matplotlib, jinja2 and the lexicon once, so no run pays for first imports."""
    corpus = load_corpus(
        SAMPLE_CORPUS / "whitehouse" / "cyber_emergency_continuation_notices", cache=False
    )
    render_timeline_html(build_timeline(corpus.statements))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="statements in the synthetic corpus")
    args = parser.parse_args()
    warm_up()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        sample = run("sample", SAMPLE_CORPUS, cache)
        synthetic = run(f"synth{args.n}", synth_corpus(Path(tmp) / "synth", args.n), cache)
    print(f"synthetic / sample (cold) = {synthetic['cold'] / sample['cold']:.1f}")


if __name__ == "__main__":
    main()
