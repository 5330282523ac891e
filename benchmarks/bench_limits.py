"""Time and memory of hostile and large inputs under drift's limits (README "Hardening").

Each case runs ``drift`` in a fresh child process and reports its CPU time (user + system)
and peak memory (max RSS), with the same command on a small ordinary pair as the baseline
run in the same process of this script:

- ``prose N MB``: reading N MB of real sentences (sample corpus paragraphs repeated in a
  shuffled order) with ``drift corpus list``-like reading (``read_statement``), to give the
  time and memory per MB of the reader;
- ``template N lines``: two files of N template-like lines ("Line 123: the committee reviewed
  section 45 of the annual report on trade."), where every sentence pair passes the
  threshold: the pair cap bounds the alignment (goal at 6,000 lines: under 1 GB, under a
  minute);
- ``whitespace N MB``: one line of N MB of tabs and spaces between two words (the regex
  rules are linear).

    python benchmarks/bench_limits.py                 # prose 1, 4 MB; template 1,500 lines
    python benchmarks/bench_limits.py --full          # also prose 16 MB, template 6,000 lines
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from policydrift.corpus.collection import SAMPLE_CORPUS

SEEDS = SAMPLE_CORPUS / "seeds"
_READ = (
    "import sys\n"
    "from policydrift.corpus.read import read_statement\n"
    "s = read_statement(sys.argv[1], max_bytes=2_000_000_000)\n"
    "assert len(s.text) > 0.9 * len(s.raw), 'furniture cut the text'\n"
)


def _paragraphs() -> list[str]:
    """Kept paragraphs of the seed statements (furniture already left out by the reader)."""
    from policydrift.corpus.read import read_statement

    texts = [read_statement(p).text for p in sorted(SEEDS.glob("*.txt"))]
    return [p.strip() for t in texts for p in t.split("\n\n") if len(p.strip()) > 80]


def prose(path: Path, megabytes: float) -> Path:
    rng = random.Random(7)
    paragraphs = _paragraphs()
    out, size = [], 0
    while size < megabytes * 1_000_000:
        p = rng.choice(paragraphs)
        out.append(p)
        size += len(p) + 2
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


def template(path: Path, lines: int, seed: int) -> Path:
    rng = random.Random(seed)
    topics = ["trade", "security", "energy", "health"]
    rows = [
        f"Line {rng.randint(1, 10**6)}: the committee reviewed section {rng.randint(1, 999)} "
        f"of the annual report on {rng.choice(topics)}."
        for _ in range(lines)
    ]
    path.write_text("\n\n".join(rows) + "\n", encoding="utf-8")
    return path


def measure(args: list) -> tuple[float, float]:
    """CPU seconds (user + system) and peak MB of one child process (``os.wait4``)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(list(map(str, args)), stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            msg = f"{args} failed: {err.read()[-500:].decode()}"
            raise SystemExit(msg)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also the large cases")
    options = parser.parse_args()
    python = sys.executable
    drift = [python, "-m", "policydrift"]
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        small = [SEEDS / "000_a03e204da53f589a.txt", SEEDS / "002_23602f18eb2f6ed8.txt"]
        cpu0, mem0 = measure([*drift, "compare", *small, "--no-themes", "--format", "json"])
        print(f"baseline: compare two seed statements  {cpu0:6.2f} s CPU  {mem0:7.0f} MB peak")
        for mb in (1, 4, 16) if options.full else (1, 4):
            path = prose(base / f"prose-{mb}.txt", mb)
            cpu, mem = measure([python, "-c", _READ, str(path)])
            print(
                f"read prose {mb:>3} MB                     {cpu:6.2f} s CPU  {mem:7.0f} MB peak"
                f"  ({cpu / mb:.2f} s/MB)"
            )
        path = base / "ws.txt"
        path.write_text(
            "We met.\n" + "a" + " \t" * 1_000_000 + "b\n\nThey agreed.\n", encoding="utf-8"
        )
        cpu, mem = measure([python, "-c", _READ, str(path)])
        print(f"read 2 MB of one whitespace line        {cpu:6.2f} s CPU  {mem:7.0f} MB peak")
        for lines in (1500, 6000) if options.full else (1500,):
            a = template(base / f"a-{lines}.txt", lines, 1)
            b = template(base / f"b-{lines}.txt", lines, 2)
            cpu, mem = measure([*drift, "compare", a, b, "--no-themes", "--format", "json"])
            print(
                f"compare template-like {lines:>5} lines    {cpu:6.2f} s CPU  {mem:7.0f} MB peak"
                f"  ({cpu / cpu0:.0f}x baseline)"
            )


if __name__ == "__main__":
    main()
