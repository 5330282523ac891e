"""Time ``drift timeline`` on the sample corpus and on synthetic archives of 1,000 (or --n) statements.

Each corpus runs cold (every file read and split afresh, no cache) in a child process of its
own, so that its peak memory is its own, stage by stage: reading, the stages of the build
(reuse, comparing, themes, editions; with the built-in strength lexicon, as ``drift
timeline`` runs it), rendering the HTML (one page, or an index and a page per
series when the report is split) and writing the JSON. Times are CPU seconds of the process
and of the worker processes it forks (threads included) and wall seconds: the machine is
shared, so wall time varies with the load and CPU time is the steadier figure; ``--repeat``
runs each corpus again and keeps the fastest. Peak memory is the process's own; the largest
worker's is printed beside it (the workers run at the same time as the process).

Baselines in the same process: the synthetic corpus against the sample corpus (how the cost
grows), the synthetic corpus on every core (the default) against one process (``--workers 1``;
the editions aligned, measured and viewed in forked worker processes), the blocked reuse search against the exhaustive one on the largest prefix of the
synthetic corpus the exhaustive search takes by default (<= 5,000 distinct sentences; the pairs
must be identical), and on the first 300 synthetic statements the timeline's theme coding (once
per distinct sentence and context) against coding each statement whole and its alignment of
consecutive editions (``align_pair``) against ``compare()`` and against ``align_pair`` with
no memo kept from one pair to the next (``pairs.forget``; results must be identical), and
its series' emerging phrases from the key terms of the latest edition's side against those of
both sides; at the full size, the pages rendered again with the garbage collector paused (as
drift renders them) against running, and in two processes against one (wall time; the pages
must be identical).
``--browser`` opens the index page and the largest page in headless Chromium and reports when
their first screen is interactive.

The synthetic corpus (``timeline_corpus.py``) is built from the sample corpus's own sentences:
20 series of yearly editions, seeded, the same every run. The in-process baselines are in
``timeline_baselines.py``.

    python benchmarks/bench_timeline.py                      # sample and 1,000 statements
    python benchmarks/bench_timeline.py --n 2000 --browser   # --n 5000: add --no-json (README)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from host_speed import host_speed  # noqa: E402
from policydrift.compare.shifts.lexicon import load_strength  # noqa: E402
from policydrift.compare.timeline.build import build_timeline  # noqa: E402
from policydrift.compare.timeline.models import Timeline  # noqa: E402
from policydrift.compare.timeline.options import TimelineOptions  # noqa: E402
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus  # noqa: E402
from policydrift.reports.output import write_atomic  # noqa: E402
from policydrift.reports.timeline.html import (  # noqa: E402
    render_timeline_html,
    render_timeline_pages,
)
from policydrift.reports.timeline.pages import should_split  # noqa: E402
from policydrift.reports.timeline.tables import timeline_json_chunks  # noqa: E402
from timeline_baselines import prefix_baselines, reading_baseline, reuse_baseline  # noqa: E402
from timeline_corpus import synth_corpus  # noqa: E402

MB = 1e6


def _cpu() -> float:
    """CPU seconds of this process and of its child processes that have ended (the build's
    forked workers are counted in the stage that ends them)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


SAMPLE_EVERY = 0.5
"""Seconds between two samples of the memory of the process tree. Reading the Pss of a 2 GB
process (``/proc/PID/smaps_rollup``) costs the kernel about 15 ms: sampled every 50 ms, the
three processes of a 5,000-statement run took half a core from the run being measured (at
5,000 statements 81.8 s against 72.8 s sampled every second, in turns); the peak lasts
seconds, so a sample every half second still finds it."""


class _TreeMemory:
    """The largest proportional memory (Pss, Linux) of this process and its worker processes
    together, sampled every :data:`SAMPLE_EVERY` seconds by a thread: shared pages counted
    once, unlike adding up their peak resident sizes."""

    def __init__(self) -> None:
        import threading

        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY):
            self.peak_kb = max(self.peak_kb, _pss_kb(os.getpid()))

    def stop(self) -> float:
        """Stop sampling; the peak in MB."""
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def _pss_kb(pid: int) -> int:
    """Pss of ``pid`` and of all its descendants, in kB (0 for what has already ended)."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(_pss_kb(int(child)) for child in children)


class _Clock:
    """CPU and wall time of each stage, from the progress reports of the reading, the build
    and the rendering; and the longest wall time without a report (what a progress bar
    shows as a stall)."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float, float]] = []
        self.stage = ""
        self.at = (_cpu(), time.perf_counter())
        self.last = self.at[1]
        self.silence = (0.0, "")

    def mark(self, stage: str) -> None:
        now = (_cpu(), time.perf_counter())
        if self.stage:
            self.marks.append((self.stage, now[0] - self.at[0], now[1] - self.at[1]))
        self.stage, self.at = stage, now
        self.last = now[1]

    def progress(self, stage: str, done: int, total: int, what: str) -> None:
        if stage != self.stage:
            self.mark(stage)
        now = time.perf_counter()
        self.silence = max(self.silence, (now - self.last, f"{stage} before {done}/{total}"))
        self.last = now


def _measure(
    root: Path,
    out: Path,
    queue: multiprocessing.Queue,
    json: bool = True,
    again: bool = False,
    workers: int = -1,
) -> None:
    """One cold run in this (child) process; puts its figures on ``queue`` (``again``: with
    the pages rendered twice more after it, the collector paused and running; ``workers``:
    processes, as ``drift timeline --workers``)."""
    memory = _TreeMemory()
    clock = _Clock()
    clock.mark("reading")
    corpus = load_corpus(
        root, cache=False, workers=workers,
        progress=lambda d, t, name: clock.progress("reading", d, t, name),
    )  # fmt: skip
    options = TimelineOptions(compare=replace(TimelineOptions().compare, workers=workers))
    timeline = build_timeline(
        corpus.statements, progress=clock.progress, strength=load_strength(None), options=options
    )
    clock.mark("rendering")
    split = should_split(timeline)
    if split:
        pages = render_timeline_pages(
            timeline, index="index.html", prefix="series-", workers=workers,
            progress=lambda d, t, name: clock.progress("rendering", d, t, name),
        )  # fmt: skip
    else:
        pages = {"index.html": render_timeline_html(timeline)}
    clock.mark("json")
    report_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    tree_peak = memory.stop()
    json_bytes = 0
    if json:  # as drift writes it: made block by block while it is written
        json_bytes = (
            write_atomic(out / "timeline.json", timeline_json_chunks(timeline)).stat().st_size
        )
    clock.mark("")
    for name, text in pages.items():
        (out / name).write_text(text, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the baseline
    collector = _collector_baseline(timeline, split, pages) if again else None
    two_one = _workers_baseline(timeline, pages) if again and split else None
    queue.put(
        {
            "collector": collector,
            "pages_workers": two_one,
            "statements": len(corpus),
            "sentences": len(timeline.sentences),
            "distinct": len({r.text for r in timeline.sentences}),
            "stages": clock.marks,
            "silence": clock.silence,
            "peak_mb": peak,
            "report_peak_mb": report_peak,
            "worker_peak_mb": worker_peak,
            "tree_peak_mb": tree_peak,
            "pages": {name: len(text.encode()) for name, text in pages.items()},
            "split": split,
            "json_mb": json_bytes / MB,
            "method": timeline.reuse_method,
        }
    )


def _in_turn(
    render: Callable[[Any], dict[str, str]],
    first: Any,
    second: Any,
    clock: Callable[[], float],
    pages: dict[str, str],
) -> tuple[float, float, bool]:
    """The pages rendered again by ``render(first)`` and ``render(second)``, in turn, twice
    each: the fastest time of each (``clock``), and whether all are ``pages`` (the run's)."""
    times: dict[Any, float] = {}
    same = True
    for variant in (first, second, first, second):
        start = clock()
        again = render(variant)
        times[variant] = min(times.get(variant, float("inf")), clock() - start)
        same = same and again == pages
        del again
    return times[first], times[second], same


def _collector_baseline(
    timeline: Timeline, split: bool, pages: dict[str, str]
) -> tuple[float, float, bool]:
    """The pages rendered again with the garbage collector paused (as drift renders them) and
    with it running: the fastest CPU s of each, and whether all are the pages of the run."""
    import contextlib

    from policydrift.reports.timeline import html

    paused = html._no_collector_passes

    def render(pause: bool) -> dict[str, str]:
        html._no_collector_passes = paused if pause else contextlib.nullcontext
        if split:
            return render_timeline_pages(timeline, index="index.html", prefix="series-")
        return {"index.html": render_timeline_html(timeline)}

    try:
        return _in_turn(render, True, False, time.process_time, pages)
    finally:
        html._no_collector_passes = paused


def _workers_baseline(timeline: Timeline, pages: dict[str, str]) -> tuple[float, float, bool]:
    """The split pages rendered again in two processes and in one: the fastest wall s of
    each, and whether all are the pages of the run."""

    def render(workers: int) -> dict[str, str]:
        return render_timeline_pages(
            timeline, index="index.html", prefix="series-", workers=workers
        )

    return _in_turn(render, 2, 1, time.perf_counter, pages)


def run(
    label: str,
    root: Path,
    out: Path,
    repeat: int,
    json: bool = True,
    again: bool = False,
    workers: int = -1,
) -> dict:
    """Cold runs of ``root`` in child processes (the fastest kept); prints the figures."""
    out.mkdir(parents=True, exist_ok=True)
    best = None
    context = multiprocessing.get_context("fork")
    for _ in range(repeat):
        queue = context.Queue()
        child = context.Process(target=_measure, args=(root, out, queue, json, again, workers))
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
        f"wall {sum(w for _, w in report):.2f} s, peak memory {best['report_peak_mb']:.0f} MB "
        f"(largest worker {best['worker_peak_mb']:.0f} MB, all processes together "
        f"{best['tree_peak_mb']:.0f} MB Pss); "
        f"{len(best['pages'])} page(s), largest {largest[0]} {largest[1] / MB:.2f} MB, "
        f"index {best['pages']['index.html'] / MB:.2f} MB"
    )
    gap, where = best["silence"]
    print(f"{'':9s} longest wait between two progress reports: {gap:.2f} s ({where})")
    print(
        f"{'':9s} with the JSON ({best['json_mb']:.1f} MB): CPU {best['cpu']:.2f} s, wall "
        f"{best['wall']:.2f} s, peak memory {best['peak_mb']:.0f} MB"
    )
    shown = (
        (
            "collector",
            "collector paused (as drift renders) {:.2f} s CPU, collector running {:.2f} s",
        ),
        ("pages_workers", "pages in 2 processes {:.2f} s wall, in one {:.2f} s"),
    )
    for key, text in shown:
        if best[key] is not None:
            a, b, same = best[key]
            print(
                f"{'':9s} rendering again: {text.format(a, b)} (ratio {a / b:.2f}), "
                f"{'identical' if same else 'DIFFERENT'} pages"
            )
    return {**best, "out": out, "largest": largest[0]}


def _report_wall(result: dict) -> float:
    return sum(w for stage, _, w in result["stages"] if stage != "json")


def _report_cpu(result: dict) -> float:
    return sum(c for stage, c, _ in result["stages"] if stage != "json")


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
    print("host before the runs:", host_speed())
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
            one = run("1 process", synth_root, Path(tmp) / "out-one", 1, False, workers=1)
            print(
                f"every core / one process (--workers 1): wall "
                f"x{_report_wall(synth) / _report_wall(one):.2f}, CPU "
                f"x{_report_cpu(synth) / _report_cpu(one):.2f}"
            )
            reading_baseline(synth_root)
            reuse_baseline(synth_root)
            prefix_baselines(synth_root)
        if args.browser:
            for name in dict.fromkeys(("index.html", synth["largest"])):
                print("Chromium:", first_screen(synth["out"] / name))
    print("host after the runs:", host_speed())


if __name__ == "__main__":
    main()
