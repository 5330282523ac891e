"""A corpus read in forked processes (``workers=2``) is the corpus read here: the same
statements, problems, progress calls and cache entries, with and without the cache."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import policydrift.corpus.collection as collection
import pytest
from helpers import seed_text
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.corpus import read_many
from policydrift.corpus.collection import SAMPLE_CORPUS, Corpus, load_corpus, scan_corpus
from policydrift.corpus.collector import YOUNG
from policydrift.corpus.errors import ManifestError
from policydrift.corpus.manifest import Problem
from policydrift.corpus.read_many import read_in_order

Scan = tuple[Corpus, list[Problem], list[tuple[int, int, str]]]


@pytest.fixture(autouse=True)
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork from two files on, in chunks of three: the sample corpus is below the threshold."""
    monkeypatch.setattr(read_many, "LEAST_FILES", 2)
    monkeypatch.setattr(read_many, "CHUNK_FILES", 3)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[], list[tuple[int, str]]]:
    """Record the process that reads each file (children append to a file, whole lines), and
    the collector's first threshold there; returns the (pid, name, threshold) lines."""
    log = tmp_path / "reads.log"
    real = collection.read_statement

    def read(path, **options):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\t{Path(path).name}\t{gc.get_threshold()[0]}\n")
        return real(path, **options)

    monkeypatch.setattr(collection, "read_statement", read)

    def lines() -> list[tuple[int, str, int]]:
        if not log.exists():
            return []
        rows = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
        return [(int(pid), name, int(young)) for pid, name, young in rows]

    return lines


def scan(root: Path, workers: int, **options) -> Scan:
    calls: list[tuple[int, int, str]] = []
    corpus, problems = scan_corpus(
        root, workers=workers, progress=lambda *call: calls.append(call), **options
    )
    return corpus, problems, calls


@pytest.fixture
def with_bad_files(tmp_path: Path) -> Path:
    """The sample corpus with a folder of files that cannot be read or dated, a manifest with
    a bad row, and a duplicate id."""
    root = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, root)
    bad = root / "whitehouse" / "zz_bad"
    bad.mkdir()
    (bad / "2024-01-02-empty.txt").write_bytes(b"")
    (bad / "2024-01-03-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (bad / "undated.txt").write_text(seed_text(1), encoding="utf-8")
    (bad / "2024-01-04-good.txt").write_text(seed_text(2), encoding="utf-8")
    (bad / "2024-01-05-front.md").write_text(
        "---\ndate: 2024-13-05\n---\n" + seed_text(3), encoding="utf-8"
    )
    os.symlink("loop.txt", bad / "loop.txt")
    listed = root / "whitehouse" / "zz_listed"
    listed.mkdir()
    for number, name in enumerate(("a.txt", "b.txt", "c.txt", "d.txt")):
        (listed / name).write_text(seed_text(number), encoding="utf-8")
    (listed / "manifest.csv").write_text(
        "file,date,id\na.txt,2023-02-30,\nb.txt,2023-02-01,\nc.txt,2023-03-01,same\n"
        "d.txt,2023-04-01,same\n",
        encoding="utf-8",
    )
    return root


def test_sample_corpus_read_in_two_processes_is_the_one_read_here(reads) -> None:
    here = scan(SAMPLE_CORPUS, 1, cache=False)
    assert len(here[0]) == 24
    assert {pid for pid, _, _ in reads()} == {os.getpid()}
    assert scan(SAMPLE_CORPUS, 2, cache=False) == here
    assert scan(SAMPLE_CORPUS, -1, cache=False) == here
    forked = reads()[24:]
    assert len(forked) == 48
    assert os.getpid() not in {pid for pid, _, _ in forked}
    assert all(young >= YOUNG for _, _, young in forked)  # fewer collector passes there too


def test_bad_files_give_the_same_problems_in_the_same_order(with_bad_files: Path) -> None:
    here = scan(with_bad_files, 1, cache=False)
    forked = scan(with_bad_files, 2, cache=False)
    assert forked == here
    corpus, problems, calls = forked
    assert len(corpus) == 24 + 2  # good.txt and b.txt
    named = [Path(p.path).name for p in problems]
    for name in ("2024-01-02-empty.txt", "2024-01-03-image.txt", "undated.txt", "loop.txt"):
        assert name in named
    assert "2024-01-05-front.md" in named  # its front matter's date
    assert any("2023-02-30" in p.problem for p in problems)  # the manifest's
    assert any("duplicate id 'same'" in p.problem for p in problems)
    assert [done for done, _, _ in calls] == list(range(1, len(calls) + 1))


def test_load_corpus_raises_the_same_error_from_either(with_bad_files: Path) -> None:
    errors = []
    for workers in (1, 2):
        with pytest.raises(ManifestError, match="file is empty") as caught:
            load_corpus(with_bad_files, cache=False, workers=workers)
        errors.append((type(caught.value), str(caught.value)))
    assert errors[0] == errors[1]


def test_empty_cache_is_filled_by_the_children_with_the_same_entries(tmp_path: Path, reads) -> None:
    here = scan(SAMPLE_CORPUS, 1, cache_dir=tmp_path / "one")
    forked = scan(SAMPLE_CORPUS, 2, cache_dir=tmp_path / "two")
    assert forked == here
    assert forked[0] == load_corpus(SAMPLE_CORPUS, cache=False)
    one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.json"))
    two = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*.json"))
    assert len(one) == 24
    assert two == one
    assert not list(tmp_path.rglob("*.tmp"))
    for entry in (tmp_path / "two").rglob("*.json"):  # whole entries, with this user's MAC
        assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem
    before = len(reads())
    assert scan(SAMPLE_CORPUS, 1, cache_dir=tmp_path / "two")[0] == here[0]
    assert len(reads()) == before  # nothing read: every entry the children wrote is served


def test_files_in_the_cache_are_taken_here_and_only_the_others_read_away(
    tmp_path: Path, reads
) -> None:
    cache_dir = tmp_path / "cache"
    scan(SAMPLE_CORPUS / "whitehouse", 1, cache_dir=cache_dir)  # 19 of the 24 in the cache
    assert len(reads()) == 19
    forked = scan(SAMPLE_CORPUS, 2, cache_dir=cache_dir)
    read = reads()[19:]
    assert sorted(name for _, name, _ in read) == sorted(
        p.name for p in (SAMPLE_CORPUS / "seeds").glob("*.txt")
    )
    assert os.getpid() not in {pid for pid, _, _ in read}
    scan(SAMPLE_CORPUS, 2, cache_dir=cache_dir)
    assert len(reads()) == 19 + 5  # all in the cache: nothing read, nothing forked
    assert forked == scan(SAMPLE_CORPUS, 1, cache=False)


def test_rejected_cache_entries_are_listed_the_same(tmp_path: Path) -> None:
    got = []
    for workers in (1, 2):
        cache_dir = tmp_path / f"cache{workers}"
        scan(SAMPLE_CORPUS / "seeds", 1, cache_dir=cache_dir)
        victim = sorted(cache_dir.rglob("*.json"))[1]
        data = json.loads(victim.read_text(encoding="utf-8"))
        data["statement"]["title"] = "Forged title"
        victim.write_text(json.dumps(data), encoding="utf-8")
        corpus = scan(SAMPLE_CORPUS, workers, cache_dir=cache_dir)[0]
        assert corpus.cache_rejected == (str(victim),)
        got.append(corpus)
    assert got[0] == got[1]


def test_an_error_while_taking_the_results_stops_the_children() -> None:
    import multiprocessing

    def progress(done: int, total: int, name: str) -> None:
        if done == 7:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_corpus(SAMPLE_CORPUS, cache=False, workers=2, progress=progress)
    assert multiprocessing.active_children() == []


def test_a_few_files_are_read_here_without_importing_multiprocessing() -> None:
    code = (
        "import sys\n"
        "from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus\n"
        "corpus = load_corpus(SAMPLE_CORPUS / 'seeds', cache=False, workers=-1)\n"
        "print(len(corpus), 'multiprocessing' in sys.modules)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert ran.stdout.split() == ["5", "False"]


@pytest.mark.parametrize("workers", [0, -2, 1.5, True, "2", None])
def test_bad_workers_are_refused_with_the_value(workers) -> None:
    with pytest.raises(ValueError, match=r"workers must be -1 \(all cores\) or a positive integer"):
        load_corpus(SAMPLE_CORPUS / "seeds", cache=False, workers=workers)


def test_read_in_order_reads_flagged_items_here_and_the_rest_away() -> None:
    items = list(range(10))
    here = [k % 3 == 0 for k in items]
    with read_in_order(lambda k: (k, os.getpid()), items, 2, here=here) as found:
        got = list(found)
    assert [k for k, _ in got] == items
    assert all((pid == os.getpid()) == flag for (_, pid), flag in zip(got, here, strict=True))


KINDS = ("dated", "undated", "empty", "binary", "front", "bad date", "twin")


def write_file(folder: Path, number: int, kind: str) -> None:
    name = f"2020-01-{number % 28 + 1:02d}-f{number:02d}.txt"
    text = seed_text(number % 5) + f"\nEdition {number}.\n"
    if kind == "undated":
        (folder / f"f{number:02d}.txt").write_text(text, encoding="utf-8")
    elif kind == "empty":
        (folder / name).write_bytes(b"")
    elif kind == "binary":
        (folder / name).write_bytes(bytes(range(256)) * 4)
    elif kind == "front":
        (folder / f"f{number:02d}.md").write_text(
            f"---\ndate: 2019-05-{number % 28 + 1:02d}\nseries: front\n---\n{text}",
            encoding="utf-8",
        )
    elif kind == "bad date":
        (folder / f"f{number:02d}.md").write_text(
            f"---\ndate: 2019-02-{29 + number % 3}\n---\n{text}", encoding="utf-8"
        )
    elif kind == "twin":  # the same id as a twin in another folder
        (folder / "2018-01-01-twin.txt").write_text(text, encoding="utf-8")
    else:
        (folder / name).write_text(text, encoding="utf-8")


@given(
    kinds=st.lists(st.sampled_from(KINDS), min_size=0, max_size=14),
    chunk=st.integers(1, 5),
    undated=st.booleans(),
)
@settings(max_examples=20, deadline=None)
def test_any_folder_reads_the_same_in_two_processes(kinds, chunk, undated) -> None:
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(read_many, "CHUNK_FILES", chunk):
        root = Path(tmp) / "corpus"
        for number, kind in enumerate(kinds):
            folder = root / f"series{number % 3}"
            folder.mkdir(parents=True, exist_ok=True)
            write_file(folder, number, kind)
        root.mkdir(exist_ok=True)
        assert scan(root, 2, cache=False, undated=undated) == scan(
            root, 1, cache=False, undated=undated
        )
