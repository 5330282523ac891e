"""Sentence segmenters on the sample corpus: speed (chars/s) and bad splits, side by side.

Every candidate gets the same paragraphs: the kept text of the five seeds and the White House
statements, after furniture stripping and drift's paragraph rules, so only sentence splitting
is compared. Candidates: pysbd, syntok, Bling Fire alone, and drift's splitter (Bling Fire plus
the list/clause/abbreviation rules in ``corpus/sentences.py``).

Bad splits are counted by a judge that knows nothing of any candidate:

- ``marker``: a unit that is only a list marker ("1.", "(a)") or has no letter or digit;
- ``abbrev``: a cut right after an abbreviation or an initial ("No.", "Dec.", "U.S.C.",
  "et seq.", "R.") before a digit, a lowercase word or "(";
- ``lower``: a unit that starts with a lowercase letter (a cut inside a sentence);
- ``missed``: a full stop followed by a capitalised word inside a unit, not after an
  abbreviation or initial (a sentence left joined; drift's ';' clause units, such as seed 004's
  decision 10, count here by design).

Speed is measured over the same paragraphs, repeated, and printed as a ratio to pysbd (the
baseline, run in the same process). Also printed: reading + segmenting one ~5 KB statement, a
1 MB run without punctuation, and 100,000 one-word lines.

Run: ``.venv/bin/python benchmarks/bench_segment.py``
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydrift.corpus import build_statement, decode_bytes, read_statement, strip_furniture  # noqa: E402
from policydrift.corpus.frontmatter import read_front_matter  # noqa: E402
from policydrift.corpus.sentences import paragraphs, split_sentences  # noqa: E402

DATA = ROOT / "corpus" / "data"
_MARKER = re.compile(r"\s*(?:[-*•]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]+\))\s*\Z")
_ABBREV = re.compile(
    r"(?:\b(?:No|Nos|Mr|Mrs|Ms|Dr|St|Art|Sec|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|e\.g|i\.e|etc|seq|al|vs|cf|Jr|Inc|Ltd|Co)\.|(?:\b[A-Za-z]\.){2,}|\b[A-Z]\.)[*_)\"”’]*\Z"
)
_MISSED = re.compile(r"(\S+)\.[*_\"”’)]*\s+[*_\"“‘(]*[A-Z][a-z]")
_KNOWN = re.compile(
    r"\A(?:No|Nos|Mr|Mrs|Ms|Dr|St|Art|Sec|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|e\.g|i\.e|etc|seq|al|vs|cf|Jr|Inc|Ltd|Co|[A-Za-z](?:\.[A-Za-z])*)\Z"
)


def sample_paragraphs() -> list[str]:
    """The kept paragraphs of every sample statement, in file order."""
    out = []
    files = sorted(DATA.glob("seeds/*.txt")) + sorted(DATA.glob("whitehouse/*/*.md"))
    for path in files:
        text, _ = decode_bytes(path.read_bytes(), path=str(path))
        front = read_front_matter(text, path=str(path))
        spans, _ = strip_furniture(text, start=front.body_start, title=front.title)
        for span in spans:
            # One line per paragraph for every candidate (pysbd and syntok cut at newlines).
            out.extend(text[a:b].replace("\n", " ") for a, b in paragraphs(text, *span))
    return out


def seg_pysbd() -> Callable[[str], list[str]]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [s.strip() for s in seg.segment(text)]


def seg_syntok() -> Callable[[str], list[str]]:
    from syntok import segmenter

    def run(text: str) -> list[str]:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                out.append("".join(t.spacing + t.value for t in sentence).strip())
        return out

    return run


def seg_blingfire() -> Callable[[str], list[str]]:
    import blingfire

    return lambda text: [s for s in blingfire.text_to_sentences(text).split("\n") if s]


def seg_drift() -> Callable[[str], list[str]]:
    return lambda text: [s.text for s in split_sentences(text, [(0, len(text))])]


CANDIDATES = {
    "pysbd": seg_pysbd,
    "syntok": seg_syntok,
    "blingfire": seg_blingfire,
    "drift": seg_drift,
}


def judge(units: list[str]) -> Counter:
    """Bad splits in one paragraph's units, by kind."""
    bad: Counter = Counter()
    for i, unit in enumerate(units):
        if _MARKER.fullmatch(unit) or not any(ch.isalnum() for ch in unit):
            bad["marker"] += 1
            continue
        if i and unit[0].islower():
            bad["lower"] += 1
        nxt = units[i + 1].lstrip() if i + 1 < len(units) else ""
        if nxt and (nxt[0].isdigit() or nxt[0].islower() or nxt[0] == "(") and _ABBREV.search(unit):
            bad["abbrev"] += 1
        for found in _MISSED.finditer(unit):
            word = found.group(1).lstrip('(*_"“').rsplit("-", 1)[-1]
            list_number = found.start() == 0 and word.isdigit()
            if not list_number and not _KNOWN.match(word):
                bad["missed"] += 1
    return bad


def rate(segment: Callable[[str], list[str]], paras: list[str], rounds: int) -> float:
    chars = sum(map(len, paras)) * rounds
    t0 = time.perf_counter()
    for _ in range(rounds):
        for p in paras:
            segment(p)
    return chars / (time.perf_counter() - t0)


def main() -> None:
    paras = sample_paragraphs()
    total = sum(map(len, paras))
    print(f"{len(paras)} paragraphs, {total:,} characters (5 seeds + 19 White House files)\n")
    rows = []
    for name, make in CANDIDATES.items():
        segment = make()
        bad: Counter = Counter()
        for p in paras:
            bad += judge(segment(p))
        rounds = 2 if name == "pysbd" else 10
        rows.append((name, rate(segment, paras, rounds), bad))
    base = rows[0][1]
    print(f"{'segmenter':<10} {'chars/s':>12} {'x pysbd':>8}  bad: marker abbrev lower missed")
    for name, speed, bad in rows:
        print(
            f"{name:<10} {speed:>12,.0f} {speed / base:>8.1f}       "
            f"{bad['marker']:>6} {bad['abbrev']:>6} {bad['lower']:>5} {bad['missed']:>6}"
        )
    print()
    statement = DATA / "seeds" / "004_740a3e3daa21dc44.txt"
    read_statement(statement)  # warm up lazy imports
    n = 200
    t0 = time.perf_counter()
    for _ in range(n):
        read_statement(statement)
    ms = (time.perf_counter() - t0) / n * 1000
    print(f"read_statement, seed 004 ({statement.stat().st_size:,} bytes): {ms:.2f} ms")
    for label, text in (
        ("1 MB without punctuation", "word " * 200_000),
        ("100,000 one-word lines", "Word\n" * 100_000),
        ("100,000 lowercase one-word lines (one run)", "word\n" * 100_000),
    ):
        t0 = time.perf_counter()
        st = build_statement(text, id="x", path="x")
        dt = time.perf_counter() - t0
        print(f"{label}: {len(st.sentences):,} units in {dt:.2f} s ({len(text) / dt:,.0f} chars/s)")


if __name__ == "__main__":
    main()
