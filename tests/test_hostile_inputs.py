"""Hostile and broken input through the real CLI: read correctly, or refused cleanly.

Two matrices, one test per case:

- READABLE: odd encodings, line endings and invisible characters, and two pathological sizes.
  Each file is compared with a seed statement through ``drift compare --format json``; the
  sentences must come out exactly as expected and the comparison must hold (counts per kind,
  every sentence in exactly one row).
- REFUSED: every input drift must refuse. Each gives exit code 2, one ``Error: <file>:
  <problem>`` line on stderr naming the file, no traceback, nothing on stdout, nothing written
  to the output folder (not even a temporary file), and the input left byte for byte as it was.

Permission cases need a user that permissions apply to: when the tests run as root (where
``chmod 000`` stops nothing), those cases run drift as the unprivileged user ``nobody``.
Ctrl-C is tested by interrupting a real ``drift timeline`` subprocess mid-run.
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.collection import SAMPLE_CORPUS
from corpus.read import read_statement
from corpus.sentences import MAX_SENTENCE_CHARS
from drift.cli import cli

SEEDS = SAMPLE_CORPUS / "seeds"
SEED = SEEDS / "000_a03e204da53f589a.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_SENTENCES = [s.text for s in read_statement(SEED).sentences]
# The seed ends with an "End Text" marker (everything after it is furniture): text added to
# the seed goes before it.
SEED_BODY, _, SEED_END = SEED_TEXT.rstrip("\n").rpartition("\n")
assert SEED_END == "End Text"
WHITEHOUSE = SAMPLE_CORPUS / "whitehouse"
DRIFT = [sys.executable, "-m", "drift"]
# The console script users run (``python -m drift`` has a rare CPython race on Ctrl-C in which
# the process ends killed by SIGINT, status -2, after drift printed its message and chose 130).
DRIFT_SCRIPT = Path(sys.executable).with_name("drift")
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81"
    b"\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
# A short statement in Simplified Chinese (our own translation of the seed's opening).
CHINESE = (
    "美国和柬埔寨于2025年10月21日在新加坡共同主持了第六次美国—东盟网络政策对话。\n"
    "与会者讨论了恶意网络行为者构成的共同网络威胁，强调加强关键基础设施防御的重要性。\n"
    "双方同意继续深化网络安全合作，共同维护开放、安全、稳定、可及、和平的网络空间。\n"
)


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None


def run_inprocess(args: list[str]) -> Ran:
    """The real CLI in this process (click's runner keeps stdout and stderr apart)."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    exc = result.exception
    return Ran(
        result.exit_code, result.stdout, result.stderr, None if isinstance(exc, SystemExit) else exc
    )


def _unprivileged() -> list[str]:
    """A command prefix that runs drift as 'nobody' when the tests run as root.

    Root reads any file whatever its mode, so a permission test as root proves nothing. Where
    that user cannot run this Python at all, the case is skipped with the reason.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv (util-linux) is missing: cannot drop privileges")
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' user to test permissions with")
    prefix = [setpriv, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    probe = subprocess.run(
        [*prefix, *DRIFT, "--version"], capture_output=True, text=True, check=False, cwd="/"
    )
    if probe.returncode != 0:
        pytest.skip(f"running as root and 'nobody' cannot run drift: {probe.stderr.strip()[-200:]}")
    return prefix


def run_subprocess(args: list[str], *, unprivileged: bool = False, cwd: Path | None = None) -> Ran:
    """``python -m drift`` in a child process (for sizes, users and signals)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(cwd or tempfile.gettempdir())}
    prefix = _unprivileged() if unprivileged else []
    proc = subprocess.run(
        [*prefix, *DRIFT, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=cwd,
        check=False,
    )
    return Ran(proc.returncode, proc.stdout, proc.stderr)


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
    return Readable(
        SEED,
        new,
        SEED_SENTENCES + pieces,
        "utf-8",
        {"same": len(SEED_SENTENCES), "new": len(pieces)},
    )


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
    return Readable(
        SEED,
        new,
        SEED_SENTENCES + pieces,
        "utf-8",
        {"same": len(SEED_SENTENCES), "new": len(pieces)},
    )


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


# --------------------------------------------------------------------------- refused cleanly


@dataclass(frozen=True)
class Refusal:
    """Run ``args``; expect exit 2 and one stderr line naming ``names`` with ``problem``."""

    args: list[str]
    names: str
    problem: str
    how: str = "inprocess"  # or "subprocess", or "unprivileged" (as 'nobody' when root)
    form: str = "Error: {names}: "  # how the line starts


@dataclass(frozen=True)
class Where:
    inputs: Path  # everything the case reads lives here
    out: Path  # the output folder, empty before the run


def _compare_refusal(where: Where, name: str, data: bytes | None, problem: str) -> Refusal:
    path = where.inputs / name
    if data is not None:
        _write(path, data)
    report = where.out / "report.html"
    return Refusal(["compare", SEED, path, "-o", report], str(path), problem)


def _nul_in_text(where: Where) -> Refusal:
    data = SEED_TEXT.encode("utf-8")
    data = data[:300] + b"\x00\x00\x00\x00" + data[300:600] + b"\x00" + data[600:]
    return _compare_refusal(where, "nul.txt", data, "binary")


def _zip(where: Where) -> Refusal:
    target = where.inputs / "statement.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("statement.txt", SEED_TEXT)
    return Refusal(["compare", SEED, target, "-o", where.out / "r.html"], str(target), "ZIP")


def _too_big(where: Where) -> Refusal:
    """A 200 MB sparse file: refused from its size, in a process whose memory we measure."""
    path = where.inputs / "huge.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(b"We met. " * 16)
        handle.truncate(200_000_000)
    return Refusal(
        ["compare", SEED, path, "-o", where.out / "r.html"], str(path), "larger than", "subprocess"
    )


def _directory(where: Where) -> Refusal:
    (where.inputs / "folder.txt").mkdir(parents=True)
    return _compare_refusal(where, "folder.txt", None, "directory")


def _unreadable(where: Where) -> Refusal:
    path = _write(where.inputs / "secret.txt", SEED_TEXT.encode())
    path.chmod(0)
    return Refusal(
        ["compare", SEED, path, "-o", where.out / "r.html"],
        str(path),
        "permission denied",
        "unprivileged",
    )


def _output_missing_folder(where: Where) -> Refusal:
    target = where.out / "no-such-folder" / "report.html"
    return Refusal(["compare", SEED, SEED, "-o", target], str(target), "does not exist")


def _output_not_writable(where: Where) -> Refusal:
    where.out.chmod(0o555)
    target = where.out / "report.html"
    return Refusal(["compare", SEED, SEED, "-o", target], str(target), "permission", "unprivileged")


def _timeline(where: Where, corpus: Path) -> list[str]:
    return ["timeline", corpus, "-o", where.out / "timeline.html", "--no-cache"]


def _corpus(where: Where, manifest: str | None) -> Path:
    """A small real corpus (three seed statements) with the given manifest text."""
    corpus = where.inputs / "corpus"
    corpus.mkdir(parents=True)
    for name in (
        "000_a03e204da53f589a.txt",
        "002_23602f18eb2f6ed8.txt",
        "003_f3c8cea24e4c5715.txt",
    ):
        shutil.copy(SEEDS / name, corpus / name)
    if manifest is not None:
        (corpus / "manifest.csv").write_text(manifest, encoding="utf-8")
    return corpus


def _manifest_case(where: Where, manifest: str, problem: str) -> Refusal:
    corpus = _corpus(where, manifest)
    return Refusal(_timeline(where, corpus), str(corpus / "manifest.csv"), problem)


def _duplicate_ids(where: Where) -> Refusal:
    corpus = _corpus(
        where,
        "file,date,id\n000_a03e204da53f589a.txt,2025-10-21,asean\n"
        "002_23602f18eb2f6ed8.txt,2017-09-18,asean\n003_f3c8cea24e4c5715.txt,2020-12-07,china\n",
    )
    return Refusal(
        _timeline(where, corpus), str(corpus / "000_a03e204da53f589a.txt"), "duplicate id"
    )


def _symlink_loop(where: Where) -> Refusal:
    corpus = _dated_corpus(where)
    (corpus / "loop.md").symlink_to("loop.md")
    return Refusal(_timeline(where, corpus), str(corpus / "loop.md"), "symlink loop")


def _folder_link_loop(where: Where) -> Refusal:
    corpus = _dated_corpus(where)
    (corpus / "asean_us" / "up").symlink_to("..", target_is_directory=True)
    return Refusal(_timeline(where, corpus), str(corpus / "asean_us" / "up"), "loop")


def _dated_corpus(where: Where) -> Path:
    """A copy of a White House series (dated by front matter, no manifest)."""
    corpus = where.inputs / "corpus"
    shutil.copytree(WHITEHOUSE / "asean_us", corpus / "asean_us")
    return corpus


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "notes.csv").write_text("not,a,statement\n", encoding="utf-8")
    return path


def _theme_file(where: Where, text: str, problem: str) -> Refusal:
    themes = _write(where.inputs / "themes.yaml", text.encode("utf-8"))
    report = where.out / "report.html"
    return Refusal(["compare", SEED, SEED, "--themes", themes, "-o", report], str(themes), problem)


def _corpus_is_a_file(where: Where) -> Refusal:
    path = _write(where.inputs / "corpus.txt", SEED_TEXT.encode())
    # click checks the argument itself: its own wording, still one line naming the file.
    return Refusal(_timeline(where, path), str(path), "is a file", form="Error: ")


REFUSED: dict[str, Callable[[Where], Refusal]] = {
    "empty-file": lambda w: _compare_refusal(w, "empty.txt", b"", "empty"),
    "whitespace-only": lambda w: _compare_refusal(
        w, "blank.txt", b" \n\t\r\n\xc2\xa0 \n\n", "whitespace"
    ),
    "png-image": lambda w: _compare_refusal(w, "picture.txt", PNG, "PNG"),
    "zip-archive": _zip,
    "nul-byte-in-utf8-text": _nul_in_text,
    "200mb-over-size-limit": _too_big,
    "directory-for-a-file": _directory,
    "missing-file": lambda w: _compare_refusal(w, "nowhere.txt", None, "no such file"),
    "damaged-pdf": lambda w: _compare_refusal(
        w, "statement.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "PDF"
    ),
    "html-without-text": lambda w: _compare_refusal(
        w, "page.html", b"<html><body><script>var a = 1;</script></body></html>", "no readable text"
    ),
    "undecodable-bytes": lambda w: _compare_refusal(
        w, "mojibake.txt", bytes(range(0x80, 0x100)) * 40, "decode"
    ),
    "corpus-folder-missing": lambda w: Refusal(
        _timeline(w, w.inputs / "nowhere"), str(w.inputs / "nowhere"), "does not exist"
    ),
    "corpus-is-a-file": _corpus_is_a_file,
    "corpus-without-statements": lambda w: Refusal(
        _timeline(w, _mkdir(w.inputs / "empty")), str(w.inputs / "empty"), "no statements"
    ),
    "no-read-permission": _unreadable,
    "symlink-loop-in-corpus": _symlink_loop,
    "folder-symlink-loop-in-corpus": _folder_link_loop,
    "manifest-missing-columns": lambda w: _manifest_case(
        w,
        "file,title\n000_a03e204da53f589a.txt,A\n002_23602f18eb2f6ed8.txt,B\n"
        "003_f3c8cea24e4c5715.txt,C\n",
        "missing required column",
    ),
    "manifest-duplicate-ids": _duplicate_ids,
    "manifest-bad-date": lambda w: _manifest_case(
        w,
        "file,date\n000_a03e204da53f589a.txt,2025-10-21\n002_23602f18eb2f6ed8.txt,2017-13-45\n"
        "003_f3c8cea24e4c5715.txt,2020-12-07\n",
        "2017-13-45",
    ),
    "manifest-path-escapes-corpus": lambda w: _manifest_case(
        w,
        "file,date\n000_a03e204da53f589a.txt,2025-10-21\n002_23602f18eb2f6ed8.txt,2017-09-18\n"
        "003_f3c8cea24e4c5715.txt,2020-12-07\n../../etc/passwd,2021-01-01\n",
        "../../etc/passwd",
    ),
    "theme-file-not-yaml": lambda w: _theme_file(
        w, "themes:\n  cyber: [unclosed\n  - what: {\n", "line"
    ),
    "theme-file-wrong-shape": lambda w: _theme_file(w, "- just\n- a\n- list\n", "theme"),
    "output-folder-missing": _output_missing_folder,
    "output-not-writable": _output_not_writable,
}


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` (links not followed): kind, mode, size, mtime, content hash."""
    out: dict[str, tuple] = {}
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(root, name)
            info = path.lstat()
            digest = None
            if stat.S_ISREG(info.st_mode) and info.st_size <= 10_000_000 and info.st_mode & 0o400:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            out[str(path.relative_to(folder))] = (
                stat.S_IFMT(info.st_mode),
                stat.S_IMODE(info.st_mode),
                info.st_size,
                info.st_mtime_ns,
                digest,
            )
    return out


@pytest.fixture
def where() -> Iterator[Where]:
    """Input and output folders that the unprivileged user can reach (not under /root)."""
    base = Path(tempfile.mkdtemp(prefix="drift-hostile-"))
    base.chmod(0o755)
    inputs, out = base / "in", base / "out"
    inputs.mkdir()
    out.mkdir()
    inputs.chmod(0o755)
    out.chmod(0o777)
    yield Where(inputs, out)
    for root, dirs, _ in os.walk(base):
        for name in dirs:
            Path(root, name).chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)


def _check_refused(ran: Ran, case: Refusal) -> None:
    assert ran.exception is None, f"crashed: {ran.exception!r}"
    assert "Traceback" not in ran.stderr, ran.stderr
    assert ran.code == 2, f"exit {ran.code}: {ran.stderr}"
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{ran.stderr}"
    line = lines[0]
    assert line.startswith(case.form.format(names=case.names)), line
    assert case.names in line
    assert case.problem.casefold() in line.casefold(), line
    assert ran.stdout == "", ran.stdout


@pytest.mark.timeout(60)
@pytest.mark.parametrize("make", [pytest.param(m, id=n) for n, m in REFUSED.items()])
def test_refused_cleanly(make: Callable[[Where], Refusal], where: Where) -> None:
    case = make(where)
    before = snapshot(where.inputs)
    source_before = snapshot(SEEDS)
    if case.how == "inprocess":
        ran = run_inprocess(case.args)
    else:
        ran = run_subprocess(
            case.args, unprivileged=case.how == "unprivileged", cwd=where.out.parent
        )
    _check_refused(ran, case)
    where.out.chmod(0o777)
    assert sorted(os.listdir(where.out)) == [], "partial output left behind"
    assert snapshot(where.inputs) == before, "the input was changed"
    assert snapshot(SEEDS) == source_before


def _peak_memory_kb(args: list) -> tuple[int, str]:
    """Run drift in a child process; its exit code must be 2; return its peak RSS and stderr."""
    code = (
        "import resource, runpy, sys\n"
        "sys.argv = ['drift', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('drift', run_name='__main__')\n"
        "finally:\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    print(f'peak_kb={peak}', file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    return int(proc.stderr.rsplit("peak_kb=", 1)[1]), proc.stderr


def test_too_big_file_is_refused_before_it_is_read(where: Where) -> None:
    """The 200 MB file is refused from its size: the process never holds it in memory.

    Its peak memory is compared with the same command refusing a missing file (same imports,
    nothing read): reading even a quarter of the file would add 50 MB.
    """
    case = _too_big(where)
    huge, stderr = _peak_memory_kb(case.args)
    assert "larger than" in stderr
    missing = [a if a != case.args[2] else where.inputs / "missing.txt" for a in case.args]
    baseline, stderr = _peak_memory_kb(missing)
    assert "no such file" in stderr
    assert huge - baseline < 20_000, f"peak {huge} kB against {baseline} kB: the file was read"


# ------------------------------------------------------------------------------------ Ctrl-C


def _big_corpus(folder: Path, editions: int = 40) -> Path:
    """``editions`` dated, distinct statements built from real seed and White House sentences."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [
        p.read_text(encoding="utf-8").split("---", 2)[-1] for p in sorted(WHITEHOUSE.glob("*/*.md"))
    ]
    paragraphs = [p.strip() for t in texts for p in t.split("\n\n") if len(p.strip()) > 80]
    rng = random.Random(3)
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    rows = ["file,date,series"]
    for n in range(editions):
        body = "\n\n".join(rng.sample(paragraphs, min(len(paragraphs), 60)))
        name = f"edition-{n:03d}.txt"
        (corpus / name).write_text(f"Edition {n}.\n\n{body}\n", encoding="utf-8")
        rows.append(f"{name},{2000 + n // 4}-{1 + 3 * (n % 4):02d}-15,big")
    (corpus / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return corpus


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("moment", ["reading", "comparing"])
def test_ctrl_c_mid_timeline(moment: str, where: Where) -> None:
    """SIGINT to the process group, as a terminal's Ctrl-C: exit 130, one line, no output."""
    corpus = _big_corpus(where.inputs)
    cache = where.out.parent / "cache"
    target = where.out / "timeline.html"
    env = {**os.environ, "DRIFT_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen(
        [
            *([str(DRIFT_SCRIPT)] if DRIFT_SCRIPT.exists() else DRIFT),
            "timeline",
            corpus,
            "-o",
            target,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    editions = 40
    wanted = 1 if moment == "reading" else editions
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        done = sum(1 for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".tmp"))
        if done >= wanted:
            break
        time.sleep(0.01)
    if moment == "comparing":
        time.sleep(0.3)  # well into the comparisons, long before they end
    assert proc.poll() is None, (
        "the run ended before it could be interrupted: make the corpus bigger"
    )
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), lines[0]
    assert "interrupt" in lines[0], lines[0]
    assert stdout == ""
    assert os.listdir(where.out) == [], "partial output left behind"


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
    from corpus.normalize import normalise_key

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

    from corpus.errors import InputError

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

    from corpus.errors import InputError
    from corpus.read import build_statement

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
