"""Time ``drift timeline`` on the sample corpus and on synthetic archives of 1,000 (or --n) statements.

Each corpus runs cold (every file read and split afresh, no cache) in a child process of its
own, so that its peak memory is its own, stage by stage: reading, the stages of the build
(reuse, comparing, themes, editions; with the built-in strength lexicon, as ``drift
timeline`` runs it), rendering the HTML (one page, or an index and a page per
series when the report is split) and writing the JSON. Times are CPU seconds of the process
(threads included) and wall seconds: the machine is shared, so wall time varies with the load
and CPU time is the steadier figure; ``--repeat`` runs each corpus again and keeps the fastest.

Baselines in the same process: the synthetic corpus against the sample corpus (how the cost
grows), the blocked reuse search against the exhaustive one on the largest prefix of the
synthetic corpus the exhaustive search takes by default (<= 5,000 distinct sentences; the pairs
must be identical), and on the first 300 synthetic statements the timeline's theme coding (once
per distinct sentence and context) against coding each statement whole and its alignment of
consecutive editions (``align_pair``) against ``compare()`` and against ``align_pair`` with
no memo kept from one pair to the next (``pairs.forget``; results must be identical), and
its series' emerging phrases from the key terms of the latest edition's side against those of
both sides; at the full size, the pages rendered again with the garbage collector paused (as
drift renders them) against running (the pages must be identical).
``--browser`` opens the index page and the largest page in headless Chromium and reports when
their first screen is interactive.

The synthetic corpus is built from the sample corpus's own sentences: 20 series of yearly
editions, each edition the previous one with ~10% of its sentences dropped, ~15% edited (a word
replaced), ~12% added (half copied from another sample statement, so reuse crosses series).
Seeded: the same corpus every run.

    python benchmarks/bench_timeline.py                      # sample and 1,000 statements
    python benchmarks/bench_timeline.py --n 2000 --browser   # --n 5000: add --no-json (README)
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydrift.compare.shifts.lexicon import load_strength  # noqa: E402
from policydrift.compare.themes.lexicon import Lexicon  # noqa: E402
from policydrift.compare.timeline.build import build_timeline  # noqa: E402
from policydrift.compare.timeline.models import Timeline  # noqa: E402
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus  # noqa: E402
from policydrift.reports.timeline.html import (  # noqa: E402
    render_timeline_html,
    render_timeline_pages,
)
from policydrift.reports.timeline.pages import should_split  # noqa: E402
from policydrift.reports.timeline.tables import timeline_to_json  # noqa: E402

SERIES = 20
MB = 1e6


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


class _Clock:
    """CPU and wall time of each stage, from the build's progress reports."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float, float]] = []
        self.stage = ""
        self.at = (time.process_time(), time.perf_counter())

    def mark(self, stage: str) -> None:
        now = (time.process_time(), time.perf_counter())
        if self.stage:
            self.marks.append((self.stage, now[0] - self.at[0], now[1] - self.at[1]))
        self.stage, self.at = stage, now

    def progress(self, stage: str, done: int, total: int, what: str) -> None:
        if stage != self.stage:
            self.mark(stage)


def _measure(
    root: Path, out: Path, queue: multiprocessing.Queue, json: bool = True, again: bool = False
) -> None:
    """One cold run in this (child) process; puts its figures on ``queue`` (``again``: with
    the pages rendered twice more after it, the collector paused and running)."""
    clock = _Clock()
    clock.mark("reading")
    corpus = load_corpus(root, cache=False)
    timeline = build_timeline(
        corpus.statements, progress=clock.progress, strength=load_strength(None)
    )
    clock.mark("rendering")
    split = should_split(timeline)
    if split:
        pages = render_timeline_pages(timeline, index="index.html", prefix="series-")
    else:
        pages = {"index.html": render_timeline_html(timeline)}
    clock.mark("json")
    report_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    data = timeline_to_json(timeline) if json else ""
    clock.mark("")
    for name, text in pages.items():
        (out / name).write_text(text, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the baseline
    collector = _collector_baseline(timeline, split, pages) if again else None
    queue.put(
        {
            "collector": collector,
            "statements": len(corpus),
            "sentences": len(timeline.sentences),
            "distinct": len({r.text for r in timeline.sentences}),
            "stages": clock.marks,
            "peak_mb": peak,
            "report_peak_mb": report_peak,
            "pages": {name: len(text.encode()) for name, text in pages.items()},
            "split": split,
            "json_mb": len(data) / MB,
            "method": timeline.reuse_method,
        }
    )


def _collector_baseline(
    timeline: Timeline, split: bool, pages: dict[str, str]
) -> tuple[float, float, bool]:
    """The pages rendered again with the garbage collector paused (as drift renders them) and
    with it running, in turn, twice each: the fastest CPU s of each, and whether all are the
    pages of the run."""
    import contextlib

    from policydrift.reports.timeline import html

    paused = html._no_collector_passes
    times: dict[bool, float] = {}
    same = True
    for pause in (False, True, False, True):
        html._no_collector_passes = paused if pause else contextlib.nullcontext
        c = time.process_time()
        if split:
            again = render_timeline_pages(timeline, index="index.html", prefix="series-")
        else:
            again = {"index.html": render_timeline_html(timeline)}
        times[pause] = min(times.get(pause, float("inf")), time.process_time() - c)
        same = same and again == pages
        del again
    html._no_collector_passes = paused
    return times[True], times[False], same


def run(
    label: str, root: Path, out: Path, repeat: int, json: bool = True, again: bool = False
) -> dict:
    """Cold runs of ``root`` in child processes (the fastest kept); prints the figures."""
    out.mkdir(parents=True, exist_ok=True)
    best = None
    context = multiprocessing.get_context("fork")
    for _ in range(repeat):
        queue = context.Queue()
        child = context.Process(target=_measure, args=(root, out, queue, json, again))
        child.start()
        result = queue.get()
        child.join()
        cpu = sum(c for _, c, _ in result["stages"])
        if best is None or cpu < best["cpu"]:
            best = {**result, "cpu": cpu, "wall": sum(w for _, _, w in result["stages"])}
    assert best is not None
    stages = " ".join(f"{s} {c:.2f}/{w:.2f}" for s, c, w in best["stages"])
    largest = max(best["pages"].items(), key=lambda kv: kv[1])
    print(
        f"{label:9s} {best['statements']:5,d} statements {best['sentences']:7,d} sentences "
        f"({best['distinct']:,} distinct), reuse search {best['method']}"
    )
    print(f"{'':9s} stages, CPU/wall s: {stages}")
    report = [(c, w) for stage, c, w in best["stages"] if stage != "json"]
    print(
        f"{'':9s} HTML report (reading, build, rendering): CPU {sum(c for c, _ in report):.2f} s, "
        f"wall {sum(w for _, w in report):.2f} s, peak memory {best['report_peak_mb']:.0f} MB; "
        f"{len(best['pages'])} page(s), largest {largest[0]} {largest[1] / MB:.2f} MB, "
        f"index {best['pages']['index.html'] / MB:.2f} MB"
    )
    print(
        f"{'':9s} with the JSON ({best['json_mb']:.1f} MB): CPU {best['cpu']:.2f} s, wall "
        f"{best['wall']:.2f} s, peak memory {best['peak_mb']:.0f} MB"
    )
    if best["collector"] is not None:
        paused, running, same = best["collector"]
        print(
            f"{'':9s} rendering again: collector paused (as drift renders) {paused:.2f} s CPU, "
            f"collector running {running:.2f} s (ratio {paused / running:.2f}), "
            f"{'identical' if same else 'DIFFERENT'} pages"
        )
    return {**best, "out": out, "largest": largest[0]}


def reading_baseline(root: Path, repeat: int = 2) -> None:
    """Reading the corpus with the collector's first threshold raised, as ``load_corpus`` does
    (:mod:`policydrift.corpus.collector`), against Python's own thresholds, in turn."""
    import contextlib
    from unittest import mock

    from policydrift.corpus import collection

    times: dict[str, list[float]] = {"raised": [], "python": []}
    found = {}
    for _ in range(repeat):
        for way in ("python", "raised"):
            patch = (
                mock.patch.object(collection, "fewer_passes", contextlib.nullcontext)
                if way == "python"
                else contextlib.nullcontext()
            )
            with patch:
                c = time.process_time()
                found[way] = load_corpus(root, cache=False).statements
                times[way].append(time.process_time() - c)
            found[way] = [s.sentences for s in found[way]]
    raised, python = min(times["raised"]), min(times["python"])
    print(
        f"reading {len(found['raised'])} statements: collector threshold raised {raised:.2f} s "
        f"CPU, Python's {python:.2f} s (ratio {raised / python:.2f}, best of {repeat}); "
        f"{'identical' if found['raised'] == found['python'] else 'DIFFERENT'}"
    )


def reuse_baseline(root: Path) -> None:
    """Blocked against exhaustive reuse search on the largest prefix the exhaustive one takes."""
    import numpy as np
    from policydrift.compare.scale.reuse import reuse_pairs
    from policydrift.compare.scale.search import EXHAUSTIVE_MAX

    statements = list(load_corpus(root, cache=False).statements)
    keys: set[str] = set()
    prefix = []
    for s in statements:
        keys.update(x.key for x in s.sentences)
        if len(keys) > EXHAUSTIVE_MAX:
            break
        prefix.append(s)
    times = {}
    found = {}
    for method in ("exhaustive", "blocked"):
        c = time.process_time()
        found[method] = reuse_pairs(prefix, method=method)
        times[method] = time.process_time() - c
    same = all(
        np.array_equal(getattr(found["exhaustive"], f), getattr(found["blocked"], f))
        for f in ("source", "target", "score")
    )
    print(
        f"reuse search on {len(prefix)} statements (<= {EXHAUSTIVE_MAX:,} distinct sentences): "
        f"exhaustive {times['exhaustive']:.2f} s CPU, blocked {times['blocked']:.2f} s "
        f"(ratio {times['blocked'] / times['exhaustive']:.2f}); {len(found['blocked']):,} pairs, "
        f"{'identical' if same else 'DIFFERENT'}"
    )


def prefix_baselines(root: Path, n: int = 300) -> None:
    """The timeline's shortcuts against the plain way on the first ``n`` statements: themes
    coded once per distinct sentence and context against each statement coded whole, and
    consecutive editions aligned by ``align_pair`` against ``compare()`` (results must match)."""
    from policydrift.compare.engine import compare
    from policydrift.compare.themes.coding import code_statement
    from policydrift.compare.themes.lexicon import load_lexicon
    from policydrift.compare.timeline.coding import SentenceCodes
    from policydrift.compare.timeline.models import TimelineOptions
    from policydrift.compare.timeline.pairs import WordPositions, align_pair, forget

    statements = list(load_corpus(root, cache=False).statements)[:n]
    lexicon, strength = load_lexicon(), load_strength(None)
    c = time.process_time()
    plain = [code_statement(s, lexicon) for s in statements]
    whole = time.process_time() - c
    c = time.process_time()
    codes = SentenceCodes(lexicon)
    cached = [codes.statement(s) for s in statements]
    once = time.process_time() - c
    same = all(
        sorted((h.sentence, h.theme, h.start, h.end) for h in hits)
        == sorted(
            (i, t, a, b) for i, sc in enumerate(found) for t, _, spans in sc for a, b in spans
        )
        for hits, found in zip(plain, cached, strict=True)
    )
    print(
        f"themes of {len(statements)} statements: each coded whole {whole:.2f} s CPU, once per "
        f"distinct sentence and context {once:.2f} s (ratio {once / whole:.2f}), "
        f"{'identical' if same else 'DIFFERENT'}"
    )
    series: dict[str, list] = {}
    for s in statements:
        series.setdefault(s.series, []).append(s)
    _phrases_baseline(lexicon, statements, list(series.values()))
    pairs = [(a, b) for eds in series.values() for a, b in zip(eds, eds[1:], strict=False)]
    options = TimelineOptions().compare
    forget()
    c = time.process_time()
    full = [compare(a, b, options, strength=strength) for a, b in pairs]
    plain_time = time.process_time() - c
    forget()
    c = time.process_time()
    positions = WordPositions()
    light = [align_pair(a, b, options, positions=positions, strength=strength) for a, b in pairs]
    light_time = time.process_time() - c
    c = time.process_time()
    alone, positions = [], WordPositions()
    for a, b in pairs:  # no memo kept from one pair to the next (word positions still are)
        forget()
        alone.append(align_pair(a, b, options, positions=positions, strength=strength))
    alone_time = time.process_time() - c
    same = all(
        (x.rows, x.passages, x.shifts) == (y.rows, y.passages, y.shifts)
        for x, y in zip(full, light, strict=True)
    ) and all(
        (x.rows, x.passages, x.shifts) == (y.rows, y.passages, y.shifts)
        for x, y in zip(alone, light, strict=True)
    )
    print(
        f"aligning {len(pairs)} pairs of consecutive editions: compare() {plain_time:.2f} s CPU, "
        f"align_pair {light_time:.2f} s (ratio {light_time / plain_time:.2f}; against align_pair "
        f"with no memo kept between pairs {alone_time:.2f} s: ratio {light_time / alone_time:.2f}), "
        f"{'identical' if same else 'DIFFERENT'}"
    )


def _phrases_baseline(lexicon: Lexicon, statements: list, series: list[list]) -> None:
    """Each series' emerging phrases as the timeline finds them (key terms leaning to the latest
    edition only) against key terms of both sides (the old side's uses and themes too)."""
    from policydrift.compare.themes.keyness import emerging_phrases, key_terms
    from policydrift.compare.timeline.coding import Coding

    coding = Coding(lexicon, statements)
    for s in statements:
        coding.code(s)
    series = [eds for eds in series if len(eds) > 1]
    c = time.process_time()
    found = [coding.phrases(eds) for eds in series]
    one = time.process_time() - c
    c = time.process_time()
    both = [
        emerging_phrases(
            key_terms(eds[:-1], eds[-1:], lexicon=lexicon, top=24, theme_spans=coding.codes.spans),
            top=8,
        )
        for eds in series
    ]
    two = time.process_time() - c
    print(
        f"emerging phrases of {len(series)} series: key terms of the new side only {one:.2f} s "
        f"CPU, of both sides {two:.2f} s (ratio {one / two:.2f}), "
        f"{'identical' if found == both else 'DIFFERENT'}"
    )


def first_screen(path: Path, repeat: int = 3) -> str:
    """When the page's first screen is interactive in headless Chromium (median of runs)."""
    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="domcontentloaded")
            page.click("nav.toc a", trial=True)  # the first link can take a click
            ready = time.perf_counter() - start
            page.wait_for_load_state("load")
            nav = page.evaluate(
                "() => { const n = performance.getEntriesByType('navigation')[0];"
                " return [n.domInteractive, n.loadEventEnd]; }"
            )
            timings.append((ready, nav[0] / 1000, nav[1] / 1000))
            page.close()
        browser.close()
    ready, interactive, loaded = (statistics.median(t[k] for t in timings) for k in range(3))
    return (
        f"{path.name} ({path.stat().st_size / MB:.2f} MB): first link clickable {ready:.2f} s, "
        f"DOM interactive {interactive:.2f} s, fully loaded {loaded:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="statements in the synthetic corpus")
    parser.add_argument("--repeat", type=int, default=1, help="cold runs per corpus (fastest kept)")
    parser.add_argument("--browser", action="store_true", help="time the pages in Chromium")
    parser.add_argument("--no-json", action="store_true", help="skip the JSON (memory at 5,000)")
    parser.add_argument(
        "--no-baselines", action="store_true", help="skip the in-process baselines (the runs only)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sample = run("sample", SAMPLE_CORPUS, Path(tmp) / "out-sample", args.repeat)
        synth_root = synth_corpus(Path(tmp) / "synth", args.n)
        synth = run(
            f"synth{args.n}", synth_root, Path(tmp) / "out-synth", args.repeat,
            not args.no_json, not args.no_baselines,
        )  # fmt: skip
        print(
            f"synthetic / sample: statements x{synth['statements'] / sample['statements']:.0f}, "
            f"CPU x{synth['cpu'] / sample['cpu']:.1f}, peak memory "
            f"x{synth['peak_mb'] / sample['peak_mb']:.1f}"
        )
        if not args.no_baselines:
            reading_baseline(synth_root)
            reuse_baseline(synth_root)
            prefix_baselines(synth_root)
        if args.browser:
            for name in dict.fromkeys(("index.html", synth["largest"])):
                print("Chromium:", first_screen(synth["out"] / name))


if __name__ == "__main__":
    main()
