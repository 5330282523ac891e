"""Fuzz the statement reader and the segmenter for a bounded time; any crash is a drift bug.

Every input is written to a file with a suffix the fuzzer picks (.txt .md .html .pdf ...) and
read with ``corpus.read.read_statement``; its decoded text also goes straight to
``build_statement`` (furniture + segmenter). The only acceptable failure is an ``InputError``;
a statement that comes back must keep the data model's promises (each sentence is exactly
``raw[start:end]``, in order, no longer than ``MAX_SENTENCE_CHARS``, with its key). The same
bytes are also read as a theme file (``parse_lexicon``: a ``ThemeFileError`` is the only
acceptable failure; YAML goes through ``corpus.safe_yaml``) and as a ``manifest.csv``
(``read_manifest`` reports problems and never raises).

Engines:
- atheris (coverage-guided libFuzzer, when installed: ``pip install atheris``): the corpus
  modules are instrumented; crashing inputs are saved under ``artifacts/fuzz-*``;
- hypothesis otherwise (or with ``--engine hypothesis``): batches of generated and mutated
  inputs, each batch with its own seed, until the time is up.

Usage:
    python benchmarks/fuzz_reader.py --seconds 60
    python benchmarks/fuzz_reader.py --engine hypothesis --seconds 30

Prints how many inputs were tried, how many were read, refused with an InputError, and
crashed; exits 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".csv", "")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252",
             "gb18030", "latin-1", "shift_jis", "koi8-r")  # fmt: skip
ODD = ("\x00", "\r", "\r\n", "\u2028", "\u00a0", "\u00ad", "\ufeff", "\u200b", "\t", "\x0c",
       "\U0001f600", "\u202e", "\x85", "<p>", "</p>", "<html>", "---\n", "title: x\n", "1. ",
       "(a) ", "; and", "...", "U.S.", "No. 2", "\\", "%PDF-1.4\n", "\x1b[31m", "|",
       "Begin Text:", "End Text", "\u3002", "NOW, THEREFORE,", "JOSEPH R. BIDEN JR.",
       "a" * 2500, "&a ", "*a", "<<: *a\n", "[", "{", "themes:\n", "  - id: x\n",
       "    patterns: [", "!!python/object", "file,date\n", "x.md,2020-01-01\n", ",", "\"")  # fmt: skip

STATS: Counter[str] = Counter()
START = time.monotonic()


def seed_lines() -> list[str]:
    """Real lines of the sample corpus, the raw material for mutated inputs."""
    data = REPO / "corpus" / "data"
    lines: list[str] = []
    for path in sorted([*data.glob("seeds/*.txt"), *data.glob("whitehouse/*/*.md")]):
        lines += [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines


def check(statement, text_out_of: str) -> None:  # noqa: ANN001 - corpus.models.Statement
    """The data model's promises, on a statement the reader returned."""
    from policydrift.corpus.normalize import normalise_key
    from policydrift.corpus.sentences import MAX_SENTENCE_CHARS

    if not statement.sentences:
        msg = f"{text_out_of}: a statement without sentences"
        raise AssertionError(msg)
    last = 0
    for n, s in enumerate(statement.sentences):
        problems = [
            s.index != n and "index",
            s.text != statement.raw[s.start : s.end] and "text is not raw[start:end]",
            (not s.text or s.text != s.text.strip()) and "empty or unstripped text",
            (not s.key or s.key != normalise_key(s.text)) and "key",
            s.start < last and "overlaps the previous sentence",
            len(s.text) > MAX_SENTENCE_CHARS and "longer than MAX_SENTENCE_CHARS",
        ]
        bad = [p for p in problems if p]
        if bad:
            msg = f"{text_out_of}: sentence {n}: {', '.join(bad)}"
            raise AssertionError(msg)
        last = s.end


def one_input(data: bytes, suffix: str, folder: Path) -> str:
    """Read ``data`` as a file with ``suffix``; 'read', 'refused', or raise (a crash)."""
    from policydrift.corpus.decode import decode_bytes
    from policydrift.corpus.errors import InputError
    from policydrift.corpus.read import build_statement, read_statement

    path = folder / f"input{suffix}"
    path.write_bytes(data)
    try:
        statement = read_statement(path, max_bytes=2_000_000)
    except InputError:
        outcome = "refused"
    else:
        check(statement, "read_statement")
        outcome = "read"
    try:
        text, _ = decode_bytes(data, path=str(path))
        check(build_statement(text, id="fuzz", path=str(path)), "build_statement")
    except InputError:
        pass
    other_readers(data, folder)
    return outcome


def other_readers(data: bytes, folder: Path) -> None:
    """The same bytes as a theme file and as a manifest: refusals only, never a crash."""
    from policydrift.compare.themes.lexicon import parse_lexicon
    from policydrift.corpus.errors import ThemeFileError
    from policydrift.corpus.manifest import read_manifest

    try:
        parse_lexicon(data.decode("utf-8", errors="replace"), source="fuzz.yaml")
        STATS["theme files read"] += 1
    except ThemeFileError:
        STATS["theme files refused"] += 1
    manifest = folder / "manifest.csv"
    manifest.write_bytes(data)
    result = read_manifest(manifest)
    STATS["manifests with problems" if result.problems else "manifests read"] += 1


def report() -> None:
    seconds = time.monotonic() - START
    tried = STATS["read"] + STATS["refused"] + STATS["crashed"]
    print(
        f"fuzz_reader: {tried} inputs in {seconds:.0f} s ({tried / max(seconds, 1e-9):.0f}/s): "
        f"{STATS['read']} read, {STATS['refused']} refused with a clean InputError, "
        f"{STATS['crashed']} crashed; as theme files {STATS['theme files read']} read, "
        f"{STATS['theme files refused']} refused; as manifests {STATS['manifests read']} read, "
        f"{STATS['manifests with problems']} with problems"
    )


# ---------------------------------------------------------------------------------- atheris


def run_atheris(seconds: int, folder: Path) -> None:
    import atheris

    with atheris.instrument_imports():
        import policydrift.corpus.decode  # noqa: F401
        import policydrift.corpus.formats  # noqa: F401
        import policydrift.corpus.frontmatter  # noqa: F401
        import policydrift.corpus.furniture  # noqa: F401
        import policydrift.corpus.read  # noqa: F401
        import policydrift.corpus.sentences  # noqa: F401
    lines = seed_lines()

    def test_one(raw: bytes) -> None:
        if time.monotonic() - START > seconds:  # libFuzzer's own exit skips atexit handlers
            report()
            sys.stdout.flush()
            os._exit(0)
        fdp = atheris.FuzzedDataProvider(raw)
        suffix = SUFFIXES[fdp.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
        mode = fdp.ConsumeIntInRange(0, 2)
        if mode == 0:  # raw bytes
            data = fdp.ConsumeBytes(fdp.remaining_bytes())
        else:  # real lines and odd pieces, in some encoding
            parts = []
            for _ in range(fdp.ConsumeIntInRange(0, 30)):
                pick = fdp.ConsumeIntInRange(0, 2)
                if pick == 0:
                    parts.append(lines[fdp.ConsumeIntInRange(0, len(lines) - 1)])
                elif pick == 1:
                    parts.append(ODD[fdp.ConsumeIntInRange(0, len(ODD) - 1)])
                else:
                    parts.append(fdp.ConsumeUnicodeNoSurrogates(40))
            text = "".join(parts)
            encoding = ENCODINGS[fdp.ConsumeIntInRange(0, len(ENCODINGS) - 1)]
            data = text.encode(encoding, errors="replace")
        try:
            STATS[one_input(data, suffix, folder)] += 1
        except Exception:
            STATS["crashed"] += 1
            report()
            raise

    artifacts = REPO / "artifacts"
    artifacts.mkdir(exist_ok=True)
    args = [sys.argv[0], f"-max_total_time={seconds + 60}", "-timeout=20", "-max_len=8192",
            "-rss_limit_mb=4096", f"-artifact_prefix={artifacts}/fuzz-"]  # fmt: skip
    atheris.Setup(args, test_one)
    atheris.Fuzz()


# ------------------------------------------------------------------------------- hypothesis


def run_hypothesis(seconds: int, folder: Path) -> None:
    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st

    lines = seed_lines()
    text = st.lists(
        st.one_of(st.sampled_from(lines), st.sampled_from(ODD), st.text(max_size=40)), max_size=30
    ).map("".join)
    encoded = st.tuples(text, st.sampled_from(ENCODINGS)).map(
        lambda t: t[0].encode(t[1], errors="replace")
    )
    data = st.one_of(st.binary(max_size=4000), encoded)
    crashes: list[str] = []

    def batch(n: int) -> None:
        @seed(n)
        @settings(max_examples=200, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(data, st.sampled_from(SUFFIXES))
        def run(payload: bytes, suffix: str) -> None:
            try:
                STATS[one_input(payload, suffix, folder)] += 1
            except Exception:
                STATS["crashed"] += 1
                crashes.append(f"{suffix!r} {payload[:200]!r}\n{traceback.format_exc()}")

        run()

    n = 0
    while time.monotonic() - START < seconds:
        batch(n)
        n += 1
    report()
    for crash in crashes[:5]:
        print(crash, file=sys.stderr)
    if crashes:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="time budget (default 60)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    options = parser.parse_args()
    if options.seconds < 1:
        parser.error(f"--seconds must be at least 1: {options.seconds}")
    engine = options.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
        except ImportError:
            engine = "hypothesis"
        else:
            engine = "atheris"
    print(f"fuzz_reader: engine {engine}, {options.seconds} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="drift-fuzz-") as folder:
        if engine == "atheris":
            sys.argv = sys.argv[:1]
            run_atheris(options.seconds, Path(folder))
        else:
            run_hypothesis(options.seconds, Path(folder))


if __name__ == "__main__":
    main()
