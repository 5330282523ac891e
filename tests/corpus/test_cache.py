"""The statement cache: keyed by content and options, JSON, atomic, corrupt entries ignored."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import policydrift.corpus.cache as cache_module
import policydrift.corpus.collection as collection
import policydrift.corpus.read as read_module
import pytest
from policydrift.corpus.cache import (
    StatementCache,
    default_cache_dir,
    statement_from_json,
    statement_to_json,
)
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus

SEED_FILES = sorted((SAMPLE_CORPUS / "seeds").glob("*.txt"))
EDITIONS = 300
SMALL = 30


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count calls of the reader and of the sentence segmenter it uses."""
    calls = {"read": 0, "segment": 0}
    real_read, real_split = collection.read_statement, read_module.split_sentences

    def read(*args, **kwargs):
        calls["read"] += 1
        return real_read(*args, **kwargs)

    def split(*args, **kwargs):
        calls["segment"] += 1
        return real_split(*args, **kwargs)

    monkeypatch.setattr(collection, "read_statement", read)
    monkeypatch.setattr(read_module, "split_sentences", split)
    return calls


def make_editions(root: Path, count: int) -> Path:
    """``count`` dated editions made from the five seed texts, each with its own last sentence."""
    root.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in SEED_FILES]
    rows = ["file,date,series"]
    for number in range(count):
        name = f"edition-{number:03d}.txt"
        text = texts[number % 5] + f"\nThis is edition number {number} of the statement.\n"
        (root / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{2000 + number // 12}-{number % 12 + 1:02d}-01,seed {number % 5}")
    (root / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def big_corpus(tmp_path: Path) -> Path:
    return make_editions(tmp_path / "editions", EDITIONS)


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    return make_editions(tmp_path / "editions", SMALL)


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def test_second_load_of_hundreds_of_statements_reads_and_segments_nothing(
    big_corpus: Path, tmp_path: Path, counted: dict[str, int]
) -> None:
    cache_dir = tmp_path / "cache"
    first = load_corpus(big_corpus, cache_dir=cache_dir)
    assert len(first) == EDITIONS
    assert counted == {"read": EDITIONS, "segment": EDITIONS}
    assert len(entries(cache_dir)) == EDITIONS
    second = load_corpus(big_corpus, cache_dir=cache_dir)
    assert counted == {"read": EDITIONS, "segment": EDITIONS}  # nothing read again
    assert second == first  # every field of every statement, in the same order


def test_changed_renamed_and_keep_all_are_read_again(
    small_corpus: Path, tmp_path: Path, counted: dict[str, int]
) -> None:
    cache_dir = tmp_path / "cache"
    load_corpus(small_corpus, cache_dir=cache_dir)
    counted.update(read=0, segment=0)
    # One edited file: read again, only it.
    edited = small_corpus / "edition-007.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "A new closing sentence.\n", encoding="utf-8"
    )
    corpus = load_corpus(small_corpus, cache_dir=cache_dir)
    assert counted["read"] == 1
    statement = next(s for s in corpus if s.id == "edition-007")
    assert statement.raw.endswith("A new closing sentence.\n")
    # Same bytes under another name: another id, so another entry.
    shutil.copy(edited, small_corpus / "edition-300.txt")
    with (small_corpus / "manifest.csv").open("a", encoding="utf-8") as handle:
        handle.write("edition-300.txt,2030-01-01,seed 2\n")
    corpus = load_corpus(small_corpus, cache_dir=cache_dir)
    assert counted["read"] == 2
    assert corpus.statements[-1].id == "edition-300"
    assert corpus.statements[-1].path == str(small_corpus / "edition-300.txt")
    # keep_all changes what is read: every file again.
    load_corpus(small_corpus, cache_dir=cache_dir, keep_all=True)
    assert counted["read"] == 2 + SMALL + 1


def test_no_cache_reads_everything_and_writes_nothing(
    small_corpus: Path, tmp_path: Path, counted: dict[str, int]
) -> None:
    cache_dir = tmp_path / "cache"
    load_corpus(small_corpus, cache=False, cache_dir=cache_dir)
    load_corpus(small_corpus, cache=False, cache_dir=cache_dir)
    assert counted["read"] == 2 * SMALL
    assert not cache_dir.exists()


def test_moved_corpus_is_served_from_the_cache_with_new_paths(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    cache_dir = tmp_path / "cache"
    first = shutil.copytree(SAMPLE_CORPUS / "seeds", tmp_path / "one")
    load_corpus(first, cache_dir=cache_dir)
    moved = first.rename(tmp_path / "two")
    corpus = load_corpus(moved, cache_dir=cache_dir)
    assert counted["read"] == 5
    assert all(Path(s.path).parent == moved for s in corpus)


def test_corrupt_entries_are_ignored_and_rewritten(tmp_path: Path, counted: dict[str, int]) -> None:
    cache_dir = tmp_path / "cache"
    seeds = SAMPLE_CORPUS / "seeds"
    good = load_corpus(seeds, cache_dir=cache_dir)
    files = entries(cache_dir)
    files[0].write_bytes(b"\x00\x01 not json")
    files[1].write_text('{"format": 1, "key": "wrong", "statement": {}}', encoding="utf-8")
    data = json.loads(files[2].read_text(encoding="utf-8"))
    data["statement"]["sentences"][0][2] = 10**9  # an offset past the end of the text
    files[2].write_text(json.dumps(data), encoding="utf-8")
    data = json.loads(files[3].read_text(encoding="utf-8"))
    data["statement"]["title"] = 42
    files[3].write_text(json.dumps(data), encoding="utf-8")
    counted.update(read=0)
    again = load_corpus(seeds, cache_dir=cache_dir)
    assert counted["read"] == 4
    assert again == good
    assert set(again.cache_rejected) == {str(f) for f in (files[0], files[2], files[3])}
    assert all(
        json.loads(f.read_text(encoding="utf-8"))["format"] == cache_module.CACHE_FORMAT
        for f in entries(cache_dir)
    )
    counted.update(read=0)
    load_corpus(seeds, cache_dir=cache_dir)
    assert counted["read"] == 0


def test_unwritable_cache_folder_does_not_stop_reading(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    corpus = load_corpus(SAMPLE_CORPUS / "seeds", cache_dir=blocker)
    assert len(corpus) == 5
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_concurrent_runs_share_a_cache_safely(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(
            pool.map(lambda _: load_corpus(SAMPLE_CORPUS, cache_dir=cache_dir), range(4))
        )
    assert all(r == results[0] for r in results)
    assert len(entries(cache_dir)) == 24
    assert not list(cache_dir.rglob("*.tmp"))
    for entry in entries(cache_dir):
        assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem


def test_entries_are_json_with_every_field() -> None:
    statements = load_corpus(SAMPLE_CORPUS, cache=False).statements
    for statement in statements:
        data = json.loads(json.dumps(statement_to_json(statement)))
        assert statement_from_json(data) == statement


def test_key_depends_on_bytes_name_options_and_code(monkeypatch: pytest.MonkeyPatch) -> None:
    store = StatementCache("unused")
    base = store.key(b"We agree.", name="a.txt", keep_all=False)
    assert base == store.key(b"We agree.", name="a.txt", keep_all=False)
    assert (
        len(
            {
                base,
                store.key(b"We agree!", name="a.txt", keep_all=False),
                store.key(b"We agree.", name="b.txt", keep_all=False),
                store.key(b"We agree.", name="a.txt", keep_all=True),
            }
        )
        == 4
    )
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another reader")
    assert store.key(b"We agree.", name="a.txt", keep_all=False) != base


def test_get_sets_the_path_asked_for(tmp_path: Path) -> None:
    statement = load_corpus(SAMPLE_CORPUS / "seeds", cache=False).statements[0]
    store = StatementCache(tmp_path)
    assert store.put("k" * 64, statement)
    assert store.get("k" * 64, path="x/y.txt") == replace(statement, path="x/y.txt")
    assert store.get("j" * 64, path="x/y.txt") is None


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DRIFT_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("DRIFT_CACHE_DIR")
    assert default_cache_dir() == tmp_path / "xdg" / "drift"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec: absolute only
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "drift"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "drift"


def test_forged_entry_is_not_served(tmp_path: Path, counted: dict[str, int]) -> None:
    """An entry edited by someone else (valid JSON, valid statement, its old MAC) is refused:
    the MAC is keyed by a secret only this user can read."""
    cache_dir = tmp_path / "cache"
    seeds = SAMPLE_CORPUS / "seeds"
    good = load_corpus(seeds, cache_dir=cache_dir)
    secret = next(cache_dir.glob("secret-*"))
    assert secret.stat().st_mode & 0o077 == 0
    target = entries(cache_dir)[0]
    data = json.loads(target.read_text(encoding="utf-8"))
    data["statement"]["title"] = "Forged title"
    data["statement"]["furniture"] = []
    target.write_text(json.dumps(data), encoding="utf-8")
    counted.update(read=0)
    again = load_corpus(seeds, cache_dir=cache_dir)
    assert counted["read"] == 1
    assert again == good
    assert "Forged title" not in {s.title for s in again.statements}
    assert again.cache_rejected == (str(target),)


def test_secret_readable_by_others_turns_the_cache_off(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    cache_dir = tmp_path / "cache"
    seeds = SAMPLE_CORPUS / "seeds"
    load_corpus(seeds, cache_dir=cache_dir)
    next(cache_dir.glob("secret-*")).chmod(0o644)
    counted.update(read=0)
    load_corpus(seeds, cache_dir=cache_dir)
    assert counted["read"] == len(list(seeds.glob("*.txt")))
