"""What does the theme lexicon cost at start-up, and how long does ``drift compare`` take?

Run: ``.venv/bin/python benchmarks/bench_startup.py`` (one process; best of ``--runs``).

(a) Loading both built-in lexicons (cyber and policy) and coding two ~5 KB statements with them
    (the 2023 and 2024 Cybersecurity Awareness Month proclamations), caches emptied before each
    run, as drift does it (libyaml parser, patterns checked without compiling, each theme's
    pattern's expression compiled the first time a sentence holds its literal anchor)
    against the eager way in the same process (pure-Python YAML parser, every expression
    compiled at load).
(b) Wall time of ``drift compare OLD NEW -o report.html`` on the same two statements, in a
    fresh process each run, against ``python -c pass`` (the interpreter's own start-up), in
    the same run. Goal (issue 16): under 0.35 s. On a loaded machine both grow together: the
    difference is what drift adds.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_compare import best_of  # noqa: E402

PROCLAMATIONS = ROOT / "corpus" / "data" / "whitehouse" / "cyber_awareness_month_proclamations"


def lexicon_costs(runs: int) -> tuple[float, float, int, int]:
    import yaml
    from policydrift.compare.themes import lexicon as lx
    from policydrift.compare.themes import lexicon_file, patterns
    from policydrift.compare.themes.coding import code_statement
    from policydrift.corpus.collection import read_one

    statements = [read_one(p) for p in sorted(PROCLAMATIONS.glob("202[34]-*.md"))]

    def fresh() -> None:
        lx._builtin.cache_clear()
        lx._builtins.cache_clear()
        patterns.translated.cache_clear()
        lx._compiled.cache_clear()
        re.purge()

    def lazy() -> None:
        fresh()
        lexicon = lx.load_lexicon()
        for s in statements:
            code_statement(s, lexicon)

    def eager() -> None:
        fresh()
        original = getattr(yaml, "CSafeLoader", None)
        if original is not None:
            del yaml.CSafeLoader  # compose_lexicon falls back to the pure-Python loader
        try:
            lexicon = lx.load_lexicon()
        finally:
            if original is not None:
                yaml.CSafeLoader = original
        for theme in lexicon.themes:  # compiled at load, with the Unicode separator classes
            for source in theme.sources:
                if source:
                    re.compile(source.replace("[ -]+", patterns._SEP_REQUIRED))
            for rule in theme.rules:
                _ = rule.regex, rule._requires, rule._unless
        for s in statements:
            code_statement(s, lexicon)

    assert lexicon_file  # the module whose loader is swapped
    eager_time, lazy_time = best_of(eager, runs), best_of(lazy, runs)
    lexicon = lx.load_lexicon()  # as the last lazy run left it
    compiled = lx._compiled.cache_info().currsize
    return lazy_time, eager_time, compiled, sum(len(t.pieces) for t in lexicon.themes)


def wall(args: list[str], runs: int) -> float:
    return best_of(lambda: subprocess.run(args, check=True, capture_output=True), runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    lazy_time, eager_time, compiled, themes = lexicon_costs(args.runs)
    print("(a) both built-in lexicons, loaded and used on two ~5 KB statements")
    print(f"    eager (Python YAML, every expression compiled): {eager_time * 1000:7.1f} ms")
    print(f"    drift (libyaml, compiled on first use):         {lazy_time * 1000:7.1f} ms")
    print(
        f"    {eager_time / lazy_time:.1f}x cheaper; {compiled} of {themes} pattern expressions compiled"
    )
    old, new = sorted(PROCLAMATIONS.glob("202[34]-*.md"))
    with tempfile.TemporaryDirectory() as tmp:
        drift = [sys.executable, "-m", "policydrift", "compare", str(old), str(new)]
        compare_time = wall([*drift, "-o", str(Path(tmp) / "r.html")], args.runs)
        python_time = wall([sys.executable, "-c", "pass"], args.runs)
    print("(b) drift compare of two ~5 KB proclamations to HTML, fresh process, best of runs")
    print(f"    python -c pass: {python_time:.3f} s")
    print(f"    drift compare:  {compare_time:.3f} s ({compare_time - python_time:.3f} s more; "
          f"goal under 0.35 s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
