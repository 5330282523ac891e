"""Hostile input through the real CLI that drift must read correctly, and fuzzing of the reader.

- READABLE: odd encodings, line endings and invisible characters, and two pathological sizes,
  one test per case. Each file is compared with a seed statement through ``drift compare
  --format json``; the sentences must come out exactly as expected and the comparison must hold
  (counts per kind, every sentence in exactly one row).
- Fuzzing: no input crashes the reader or the segmenter.

Input drift must refuse is tested in ``test_hostile_inputs_refused.py``, Ctrl-C in
``test_hostile_inputs_interrupt.py``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from policydrift.corpus.collection import SAMPLE_CORPUS
from policydrift.corpus.read import read_statement
from policydrift.corpus.sentences import MAX_SENTENCE_CHARS
from test_hostile_inputs_refused import run_inprocess

SEEDS = SAMPLE_CORPUS / "seeds"
SEED = SEEDS / "000_a03e204da53f589a.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_SENTENCES = [s.text for s in read_statement(SEED).sentences]
# The seed ends with an "End Text" marker (everything after it is furniture): text added to
# the seed goes before it.
SEED_BODY, _, SEED_END = SEED_TEXT.rstrip("\n").rpartition("\n")
assert SEED_END == "End Text"
# A short statement in Simplified Chinese (our own translation of the seed's opening).
CHINESE = (
    "美国和柬埔寨于2025年10月21日在新加坡共同主持了第六次美国—东盟网络政策对话。\n"
    "与会者讨论了恶意网络行为者构成的共同网络威胁，强调加强关键基础设施防御的重要性。\n"
    "双方同意继续深化网络安全合作，共同维护开放、安全、稳定、可及、和平的网络空间。\n"
)


# ------------------------------------------------------------------------------ read correctly


@dataclass(frozen=True)
class Readable:
    """NEW compared with OLD must give exactly these NEW sentences and these row counts."""

    old: Path
    new: Path
    texts: list[str]
    encoding: str
    counts: dict[str, int]


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _all_same(tmp: Path, name: str, data: bytes, encoding: str) -> Readable:
    """The seed re-encoded: same sentences as the UTF-8 original, every row 'same'."""
    n = len(SEED_SENTENCES)
    return Readable(SEED, _write(tmp / name, data), SEED_SENTENCES, encoding, {"same": n})


def _mixed_line_endings(tmp: Path) -> Readable:
    lines = SEED_TEXT.split("\n")
    ends = ["\r\n", "\r", "\n", "\u2028"]
    text = "".join(line + ends[i % len(ends)] for i, line in enumerate(lines))
    return _all_same(tmp, "mixed.txt", text.encode("utf-8"), "utf-8")


def _smart_quotes_cp1252(tmp: Path) -> Readable:
    """Word's smart quotes and dashes in Windows-1252: folded to the seed's straight quotes."""
    text = SEED_TEXT.replace("'", "\u2019").replace(" - ", " \u2013 ")
    text = text.replace("Begin Text:", "\u201cBegin Text:\u201d")
    new = _write(tmp / "smart.txt", text.encode("cp1252"))
    texts = [
        s.text for s in read_statement(_write(tmp / "smart-utf8.txt", text.encode())).sentences
    ]
    assert any("\u2019" in t for t in texts), "the case must contain smart quotes"
    return Readable(SEED, new, texts, "cp1252", {"same": len(SEED_SENTENCES)})


def _invisible(tmp: Path) -> Readable:
    """Non-breaking spaces and soft hyphens: kept in the text, invisible to the comparison."""
    rng = random.Random(5)
    words = SEED_TEXT.split(" ")
    out = []
    for word in words:
        if len(word) > 8 and word.isalpha() and rng.random() < 0.5:  # as a hyphenator would
            word = word[:4] + "\u00ad" + word[4:]
        out.append(word)
    text = "".join(w + ("\u00a0" if rng.random() < 0.3 else " ") for w in out[:-1]) + out[-1]
    new = _write(tmp / "invisible.txt", text.encode("utf-8"))
    texts = [s.text for s in read_statement(new).sentences]
    assert sum(t.count("\u00ad") for t in texts) > 10, "soft hyphens must survive in the text"
    assert sum(t.count("\u00a0") for t in texts) > 10, "NBSPs must survive in the text"
    assert [t.replace("\u00ad", "").replace("\u00a0", " ") for t in texts] == SEED_SENTENCES
    return Readable(SEED, new, texts, "utf-8", {"same": len(SEED_SENTENCES)})


def _gb18030(tmp: Path) -> Readable:
    old = _write(tmp / "zh-utf8.txt", CHINESE.encode("utf-8"))
    new = _write(tmp / "zh-gb18030.txt", CHINESE.encode("gb18030"))
    texts = [s.text for s in read_statement(old).sentences]
    assert "".join(texts).replace("\n", "") == CHINESE.replace("\n", ""), "no line dropped"
    return Readable(old, new, texts, "gb18030", {"same": len(texts)})


def _seed_then(new: Path, pieces: list[str]) -> Readable:
    """A case whose file is the seed followed by ``pieces`` (the sentences read after it)."""
    same = len(SEED_SENTENCES)
    return Readable(SEED, new, SEED_SENTENCES + pieces, "utf-8", {"same": same, "new": len(pieces)})


def _one_word_lines(tmp: Path) -> Readable:
    """The seed, then 100,000 one-word lines (a block of short lines: read as wrapped text)."""
    rng = random.Random(7)
    words = [w.strip(".,:;()") for w in SEED_TEXT.split() if w.strip(".,:;()").isalpha()]
    lines = [rng.choice(words) for _ in range(100_000)]
    text = SEED_BODY + "\n\n" + "\n".join(lines) + "\n\nEnd Text\n"
    new = _write(tmp / "lines.txt", text.encode("utf-8"))
    pieces = [s.text for s in read_statement(new).sentences][len(SEED_SENTENCES) :]
    assert [w for p in pieces for w in p.split()] == lines, "every line, in order, once"
    assert max(len(p) for p in pieces) <= MAX_SENTENCE_CHARS
    return _seed_then(new, pieces)


def _megabyte_run(tmp: Path) -> Readable:
    """The seed, then one 1 MB run with no punctuation, cut at MAX_SENTENCE_CHARS."""
    rng = random.Random(11)
    words = [w.strip(".,:;()").lower() for w in SEED_TEXT.split() if w.strip(".,:;()").isalpha()]
    run = " ".join(rng.choice(words) for _ in range(180_000))[:1_000_000].rstrip()
    text = SEED_BODY + "\n\n" + run + "\n\nEnd Text\n"
    new = _write(tmp / "run.txt", text.encode("utf-8"))
    pieces = [s.text for s in read_statement(new).sentences][len(SEED_SENTENCES) :]
    assert max(len(p) for p in pieces) <= MAX_SENTENCE_CHARS
    assert " ".join(pieces) == run, "cutting must lose no character of the run"
    assert len(pieces) >= len(run) // MAX_SENTENCE_CHARS
    return _seed_then(new, pieces)


READABLE: dict[str, Callable[[Path], Readable]] = {
    "utf-16-le-bom": lambda t: _all_same(t, "a.txt", SEED_TEXT.encode("utf-16"), "utf-16-le"),
    "utf-16-be-bom": lambda t: _all_same(
        t, "a.txt", b"\xfe\xff" + SEED_TEXT.encode("utf-16-be"), "utf-16-be"
    ),
    "utf-16-le-no-bom": lambda t: _all_same(t, "a.txt", SEED_TEXT.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be-no-bom": lambda t: _all_same(t, "a.txt", SEED_TEXT.encode("utf-16-be"), "utf-16-be"),
    "utf-8-bom": lambda t: _all_same(t, "a.txt", SEED_TEXT.encode("utf-8-sig"), "utf-8"),
    "cp1252-smart-quotes": _smart_quotes_cp1252,
    "gb18030": _gb18030,
    "mixed-line-endings": _mixed_line_endings,
    "nbsp-and-soft-hyphens": _invisible,
    "100000-one-word-lines": _one_word_lines,
    "1mb-run-without-punctuation": _megabyte_run,
}


SLOW = {"100000-one-word-lines", "1mb-run-without-punctuation"}


@pytest.mark.timeout(180)
@pytest.mark.parametrize(
    "make",
    [
        pytest.param(m, id=n, marks=[pytest.mark.slow] if n in SLOW else [])
        for n, m in READABLE.items()
    ],
)
def test_read_correctly(make: Callable[[Path], Readable], tmp_path: Path) -> None:
    case = make(tmp_path)
    ran = run_inprocess(["compare", case.old, case.new, "--format", "json"])
    assert ran.exception is None, ran.exception
    assert ran.code == 0, ran.stderr
    data = json.loads(ran.stdout)
    assert data["new"]["encoding"] == case.encoding
    texts = [s["text"] for s in data["new"]["sentences"]]
    assert texts == case.texts
    counts = data["figures"]["counts"]
    assert {k: counts[k] for k in case.counts} == case.counts
    assert sum(counts.values()) == len(data["rows"])
    for side in ("old", "new"):
        used = sorted(i for row in data["rows"] for i in row[side])
        assert used == list(range(len(data[side]["sentences"]))), f"{side}: not one row each"


# ------------------------------------------------------------------------------------ fuzzing
# No input crashes the reader or the segmenter: any bytes, under any suffix, either give a
# statement that keeps the model's promises or an InputError. (benchmarks/fuzz_reader.py runs
# the same for minutes, coverage-guided with atheris where it is installed.)

REAL_LINES = [line for line in SEED_TEXT.splitlines() if line.strip()]
ODD = ["\x00", "\r", "\r\n", "\u2028", "\u00a0", "\u00ad", "\ufeff", "\u200b", "\t", "\x0c",
       "\U0001f600", "\u202e", "\x85", "<p>", "</p>", "---\n", "1. ", "(a) ", "; and", "...",
       "U.S.", "No. 2", "\ud800", "\\", "%PDF-1.4\n", "\x1b[31m", "#" * 3, "|", "Begin Text:",
       "End Text", "\u3002", "\u0640" * 5, "a" * 3000]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252",
             "gb18030", "latin-1", "shift_jis", "koi8-r"]  # fmt: skip


def _fuzz_strategies():
    from hypothesis import strategies as st

    pieces = st.lists(
        st.one_of(st.sampled_from(REAL_LINES), st.sampled_from(ODD), st.text()), max_size=30
    )
    text = pieces.map("".join)
    encoded = st.tuples(text, st.sampled_from(ENCODINGS)).map(
        lambda t: (
            t[0].encode(t[1], errors="replace")
            if t[1] != "utf-8"
            else t[0].encode("utf-8", "surrogatepass")
        )
    )
    front = st.tuples(st.text(max_size=40), text).map(
        lambda t: f"---\ntitle: {t[0]}\n---\n{t[1]}".encode("utf-8", "surrogatepass")
    )
    data = st.one_of(st.binary(max_size=3000), encoded, front)
    suffix = st.sampled_from([".txt", ".md", ".html", ".htm", ".pdf", ".csv", ""])
    return data, suffix, text


def check_statement(statement) -> None:
    """The promises of corpus.models, on whatever the reader returned."""
    from policydrift.corpus.normalize import normalise_key

    assert statement.sentences, "a statement has at least one sentence"
    last = 0
    for n, s in enumerate(statement.sentences):
        assert s.index == n
        assert s.text == statement.raw[s.start : s.end]
        assert s.text.strip() == s.text
        assert s.text
        assert s.key == normalise_key(s.text)
        assert s.key
        assert s.start >= last, "sentences in order, never overlapping"
        assert len(s.text) <= MAX_SENTENCE_CHARS
        last = s.end
    for f in statement.furniture:
        assert f.text == statement.raw[f.start : f.end]


def test_fuzz_reader_never_crashes(tmp_path_factory) -> None:
    from hypothesis import HealthCheck, given, settings
    from policydrift.corpus.errors import InputError

    data_st, suffix_st, _ = _fuzz_strategies()
    folder = tmp_path_factory.mktemp("fuzz")

    @settings(
        max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(data_st, suffix_st)
    def run(data: bytes, suffix: str) -> None:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        try:
            statement = read_statement(path, max_bytes=1_000_000)
        except InputError as exc:
            problem = (exc.path, bool(exc.problem))
        else:
            check_statement(statement)
            return
        assert problem == (str(path), True), "an InputError names the file and the problem"

    run()


def test_fuzz_segmenter_never_crashes() -> None:
    from hypothesis import HealthCheck, given, settings
    from policydrift.corpus.errors import InputError
    from policydrift.corpus.read import build_statement

    _, _, text_st = _fuzz_strategies()

    @settings(
        max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(text_st)
    def run(text: str) -> None:
        try:
            statement = build_statement(text, id="fuzz", path="fuzz.txt")
        except InputError:
            return
        check_statement(statement)

    run()
