"""What does the similarity model cost? ``drift compare`` of two ~5 KB statements, by scorer.

Run: ``.venv/bin/python benchmarks/bench_model_cost.py``. Prints, best of several runs:

- the wall time of ``drift compare OLD NEW -o report.html`` (the 2023 and 2024 Cybersecurity
  Awareness Month proclamations) with the default model (semantic stage on: it runs on these
  two), with ``--no-semantic`` (lexical model) and with ``--scorer ratio`` (the alignment
  before issue 10), against ``python -c pass`` measured in the same run;
- in one process, ``compare()`` alone with each, the first model call (which loads the
  embedding model) apart from the later ones;
- (c) the whole comparison to HTML of the ~100 KB cases of ``bench_compare.py`` with the model
  and with ``ratio``, against ``difflib.HtmlDiff`` in the same run (``--skip-100kb`` leaves
  it out).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "corpus" / "data" / "whitehouse" / "cyber_awareness_month_proclamations"
DRIFT = Path(sys.executable).with_name("drift")
RUNS = 5


def wall(args: list[str]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    (old,) = FOLDER.glob("2023-*.md")
    (new,) = FOLDER.glob("2024-*.md")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load} (best of {RUNS} runs)\n")
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "r.html")
        base = [str(DRIFT), "compare", str(old), str(new), "-o", out]
        rows = [
            ("python -c pass", wall([sys.executable, "-c", "pass"])),
            ("drift compare (model, semantic stage)", wall(base)),
            ("drift compare --no-semantic (lexical model)", wall([*base, "--no-semantic"])),
            ("drift compare --scorer ratio", wall([*base, "--scorer", "ratio"])),
        ]
    print("(a) command wall time, two ~5 KB statements to HTML")
    for name, seconds in rows:
        print(f"    {name:45} {seconds:6.3f} s")
    from policydrift.compare import CompareOptions, compare
    from policydrift.corpus import read_statement

    a, b = read_statement(old), read_statement(new)
    compare(a, b, CompareOptions(scorer="ratio"))  # warm numpy, rapidfuzz, the lexicon
    start = time.perf_counter()
    compare(a, b)
    first = time.perf_counter() - start
    print("\n(b) compare() in one process")
    print(f"    {'model, first call (loads the embedding model)':45} {first:6.3f} s")
    for name, options in (
        ("model, later calls", CompareOptions()),
        ("lexical model", CompareOptions(semantic=False)),
        ("ratio", CompareOptions(scorer="ratio")),
    ):
        best = float("inf")
        for _ in range(RUNS):
            start = time.perf_counter()
            compare(a, b, options)
            best = min(best, time.perf_counter() - start)
        print(f"    {name:45} {best:6.3f} s")
    if "--skip-100kb" not in sys.argv:
        large()


def large() -> None:
    import random

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_compare as bc
    from policydrift.compare import CompareOptions, compare
    from policydrift.corpus import build_statement
    from policydrift.reports.compare.html import render_compare_html

    def whole(old_raw: str, new_raw: str, options: CompareOptions) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            old = build_statement(old_raw, id="old", path="old.txt")
            new = build_statement(new_raw, id="new", path="new.txt")
            render_compare_html(compare(old, new, options), generated="")
            best = min(best, time.perf_counter() - start)
        return best

    rng = random.Random(2024)
    base = bc.base_document()
    print("\n(c) ~100 KB statements to HTML: model, ratio, difflib.HtmlDiff (same run)")
    print(f"    {'case':24} {'model s':>8} {'ratio s':>8} {'HtmlDiff s':>10} {'model/ratio':>11}")
    for kind in bc.REVISIONS:
        old_raw, new_raw = bc.as_raw(base, rng), bc.as_raw(bc.revise(base, kind, rng), rng)
        model = whole(old_raw, new_raw, CompareOptions())
        ratio = whole(old_raw, new_raw, CompareOptions(scorer="ratio"))
        diff = bc.htmldiff(old_raw, new_raw)
        start = time.perf_counter()
        diff()
        html = time.perf_counter() - start
        print(f"    {kind:24} {model:8.3f} {ratio:8.3f} {html:10.3f} {model / ratio:10.1f}x")


if __name__ == "__main__":
    main()
