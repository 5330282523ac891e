"""Outputs written from text given in pieces: the same file, never half of it, old files kept."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from policydrift.corpus.errors import OutputError
from policydrift.reports.output import write_all, write_atomic

PIECES = ["{\n", '  "text": "Cybersécurité — ', "naïve ", 'user"\n', "}\n"]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_pieces_are_written_as_the_joined_text_in_utf8(tmp_path):
    target = tmp_path / "t.json"
    write_atomic(target, iter(PIECES))
    assert target.read_bytes() == "".join(PIECES).encode("utf-8")
    assert _leftovers(tmp_path) == []


def test_pieces_that_fail_half_way_leave_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "t.json"
    target.write_text("old report\n", encoding="utf-8")

    def failing() -> Iterator[str]:
        yield "{\n"
        raise RuntimeError("the report could not be made")

    with pytest.raises(RuntimeError):
        write_atomic(target, failing())
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert _leftovers(tmp_path) == []


def test_pieces_reach_a_special_file_directly():
    assert write_atomic(os.devnull, iter(PIECES)) == Path(os.devnull)


def test_pieces_of_one_file_with_the_whole_text_of_another_all_or_nothing(tmp_path):
    (tmp_path / "b.csv").write_text("old\n", encoding="utf-8")
    missing = tmp_path / "no" / "folder" / "a.csv"
    with pytest.raises(OutputError):
        write_all([(tmp_path / "b.csv", iter(PIECES)), (missing, "x")])
    assert (tmp_path / "b.csv").read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_file_owned_by_another_user_is_written_in_place_keeping_owner_and_mode(
    tmp_path, monkeypatch
):
    target = tmp_path / "shared.json"
    target.write_text("old\n", encoding="utf-8")
    os.chown(target, 12345, 12345)
    os.chmod(target, 0o640)
    before = os.stat(target)

    def refused(*args, **kwargs):  # as for a user who does not own the file
        raise PermissionError("not permitted")

    monkeypatch.setattr(os, "chown", refused)
    write_atomic(target, iter(PIECES))
    after = os.stat(target)
    assert target.read_bytes() == "".join(PIECES).encode("utf-8")
    assert (after.st_ino, after.st_uid, after.st_mode) == (
        before.st_ino,
        12345,
        before.st_mode,
    )
    assert _leftovers(tmp_path) == []


def test_items_from_a_generator_are_written_all_or_none(tmp_path):
    (tmp_path / "a.html").write_text("old a", encoding="utf-8")

    def pages(fail: bool) -> Iterator[tuple[Path, str]]:
        yield tmp_path / "a.html", "new a"
        yield tmp_path / "b.html", "new b"
        if fail:
            raise RuntimeError("a page could not be made")
        yield tmp_path / "c.html", iter(["new ", "c"])

    with pytest.raises(RuntimeError):
        write_all(pages(fail=True))
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]
    assert write_all(pages(fail=False)) == [tmp_path / n for n in ("a.html", "b.html", "c.html")]
    texts = [(tmp_path / f"{n}.html").read_text(encoding="utf-8") for n in "abc"]
    assert texts == ["new a", "new b", "new c"]
    assert _leftovers(tmp_path) == []
