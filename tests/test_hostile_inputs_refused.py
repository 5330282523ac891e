"""Broken input through the real CLI: refused cleanly.

REFUSED: every input drift must refuse, one test per case. Each gives exit code 2, one
``Error: <file>: <problem>`` line on stderr naming the file, no traceback, nothing on stdout,
nothing written to the output folder (not even a temporary file), and the input left byte for
byte as it was.

Permission cases need a user that permissions apply to: when the tests run as root (where
``chmod 000`` stops nothing), those cases run drift as the unprivileged user ``nobody``.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from policydrift.cli import cli
from policydrift.corpus.collection import SAMPLE_CORPUS

if TYPE_CHECKING:
    from conftest import Where

SEEDS = SAMPLE_CORPUS / "seeds"
SEED = SEEDS / "000_a03e204da53f589a.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
WHITEHOUSE = SAMPLE_CORPUS / "whitehouse"
DRIFT = [sys.executable, "-m", "policydrift"]
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81"
    b"\x84\x00\x00\x00\x00IEND\xaeB`\x82"
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
    """``python -m policydrift`` in a child process (for sizes, users and signals)."""
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


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@dataclass(frozen=True)
class Refusal:
    """Run ``args``; expect exit 2 and one stderr line naming ``names`` with ``problem``."""

    args: list[str]
    names: str
    problem: str
    how: str = "inprocess"  # or "subprocess", or "unprivileged" (as 'nobody' when root)
    form: str = "Error: {names}: "  # how the line starts


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
