"""compare() end to end on real statements and on synthetic edits of a real seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import DATA
from policydrift.compare import KINDS, CompareOptions, compare
from policydrift.compare.diff import tokenize
from policydrift.corpus import read_statement
from policydrift.corpus.models import Sentence, Statement
from policydrift.corpus.normalize import key_words, normalise_key

FILES = sorted([*DATA.glob("seeds/*.txt"), *DATA.glob("whitehouse/*/*.md")])
NOTICES = sorted((DATA / "whitehouse" / "cyber_emergency_continuation_notices").glob("*.md"))
SEED = DATA / "seeds" / "004_740a3e3daa21dc44.txt"
MIRROR = {"new": "dropped", "dropped": "new", "split": "merged", "merged": "split"}


def statement(texts: list[str], id: str = "new") -> Statement:
    """Sentences exactly as given, one paragraph each (the engine's input, no segmenter)."""
    raw, sentences = "", []
    for k, text in enumerate(texts):
        if raw:
            raw += "\n\n"
        sentences.append(Sentence(k, text, normalise_key(text), len(raw), len(raw) + len(text), k))
        raw += text
    return Statement(id, f"{id}.txt", raw, raw, tuple(sentences))


def kinds(c) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return [(r.kind, r.old, r.new) for r in c.rows]


def changes(row) -> list[tuple[str, str, str]]:
    return [
        (t, "".join(row.old_words[a:b]), "".join(row.new_words[x:y]))
        for t, a, b, x, y in row.ops
        if t != "equal"
    ]


def only_same_except(c, expected: list[tuple[str, tuple[int, ...], tuple[int, ...]]]) -> None:
    got = [k for k in kinds(c) if k[0] != "same"]
    assert got == expected
    for kind, old, new in kinds(c):
        if kind == "same":
            assert c.old.sentences[old[0]].key == c.new.sentences[new[0]].key


@pytest.fixture(scope="module")
def seed() -> Statement:
    return read_statement(SEED)


@pytest.fixture(scope="module")
def seed_texts(seed) -> list[str]:
    return [s.text for s in seed.sentences]


def test_continuation_notices_2022_2023_are_same_but_for_the_year() -> None:
    c = compare(read_statement(NOTICES[1]), read_statement(NOTICES[2]))
    assert {r.kind for r in c.rows} <= {"same", "edited"}
    edited = [r for r in c.rows if r.kind == "edited"]
    assert len(edited) == 1
    assert changes(edited[0]) == [("replace", "2022", "2023")]
    assert c.figures.counts["same"] == len(c.rows) - 1
    assert not c.figures.identical
    assert c.figures.new_reused_share > 0.99
    assert c.figures.old_words == c.figures.new_words


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_statement_against_itself_is_all_same(path: Path) -> None:
    st = read_statement(path)
    c = compare(st, st)
    assert [r.kind for r in c.rows] == ["same"] * len(st.sentences)
    assert [(r.old, r.new) for r in c.rows] == [((k,), (k,)) for k in range(len(st.sentences))]
    for row in c.rows:
        assert row.score == 100.0
        assert row.ops == (("equal", 0, len(row.old_words), 0, len(row.new_words)),)
        assert "".join(row.new_words) == st.sentences[row.new[0]].text
    f = c.figures
    assert f.identical
    assert f.new_reused_share == f.old_retained_share == 1.0
    assert f.old_words == f.new_words == sum(len(key_words(s.text)) for s in st.sentences)
    assert f.counts == {k: (len(st.sentences) if k == "same" else 0) for k in KINDS}


def test_swapping_old_and_new_mirrors_the_comparison() -> None:
    for old_path, new_path in [(NOTICES[0], NOTICES[1]), (FILES[0], FILES[1])]:
        a, b = read_statement(old_path), read_statement(new_path)
        forward, backward = compare(a, b), compare(b, a)
        mirrored = {(MIRROR.get(r.kind, r.kind), r.new, r.old, r.score) for r in backward.rows}
        assert {(r.kind, r.old, r.new, r.score) for r in forward.rows} == mirrored
        assert forward.figures.new_reused_share == backward.figures.old_retained_share
        assert {(p.old_start, p.new_start, p.words) for p in forward.passages} == {
            (p.new_start, p.old_start, p.words) for p in backward.passages
        }


def test_moved_list_item_is_recovered(seed, seed_texts) -> None:
    texts = list(seed_texts)
    item = texts.pop(14)  # "5. Support the implementation of ..."
    texts.insert(19, item)  # now after "10. ..."
    c = compare(seed, statement(texts))
    only_same_except(c, [("moved", (14,), (19,))])
    assert c.figures.counts["moved"] == 1
    assert c.figures.new_reused_share == 1.0


def test_changed_words_are_exactly_the_edits(seed, seed_texts) -> None:
    texts = list(seed_texts)
    original = texts[12]
    words = original.split(" ")
    picks = [4, 9]  # two words with more than one word between them
    old_words = [words[k] for k in picks]
    words[4], words[9] = "resilient", "digitally"
    texts[12] = " ".join(words)
    c = compare(seed, statement(texts))
    only_same_except(c, [("edited", (12,), (12,))])
    (row,) = [r for r in c.rows if r.kind == "edited"]
    assert changes(row) == [
        ("replace", old_words[0], "resilient"),
        ("replace", old_words[1], "digitally"),
    ]
    assert "".join(row.old_words) == original
    assert "".join(row.new_words) == texts[12]


def test_deleted_and_inserted_sentences(seed, seed_texts) -> None:
    inserted = "The leaders also welcomed a new fund for rural broadband in the Mekong subregion."
    texts = list(seed_texts)
    del texts[22]
    texts.insert(5, inserted)
    c = compare(seed, statement(texts))
    only_same_except(c, [("new", (), (5,)), ("dropped", (22,), ())])
    rows = kinds(c)
    # The dropped sentence sits right after the row holding old sentence 21.
    assert rows[rows.index(("dropped", (22,), ())) - 1][1] == (21,)
    assert c.figures.counts["new"] == c.figures.counts["dropped"] == 1


def test_sentence_split_in_two(seed, seed_texts) -> None:
    texts = list(seed_texts)
    first, second = re.split(r",\s+(?=as well as)", texts[25])
    texts[25:26] = [first + ".", "This includes, " + second]
    c = compare(seed, statement(texts))
    only_same_except(c, [("split", (25,), (25, 26))])
    (row,) = [r for r in c.rows if r.kind == "split"]
    assert row.score >= CompareOptions().split_threshold
    assert "".join(row.new_words) == " ".join(texts[25:27])
    assert changes(row) == [("insert", "", ". This includes")]


def test_all_edits_at_once_and_their_mirror(seed, seed_texts) -> None:
    texts = list(seed_texts)
    first, second = re.split(r",\s+(?=as well as)", texts[25])
    texts[25:26] = [first + ".", "This includes, " + second]
    del texts[22]
    words = texts[12].split(" ")
    words[4] = "resilient"
    texts[12] = " ".join(words)
    item = texts.pop(14)
    texts.insert(19, item)
    texts.insert(3, "The leaders also welcomed a new fund for rural broadband in the Mekong.")
    new = statement(texts)
    c = compare(seed, new)
    expected = [
        ("new", (), (3,)),
        ("edited", (12,), (13,)),
        ("moved", (14,), (20,)),
        ("dropped", (22,), ()),
        ("split", (25,), (25, 26)),
    ]
    only_same_except(c, expected)
    back = compare(new, seed)
    assert {k for k in kinds(back) if k[0] != "same"} == {
        (MIRROR.get(k, k), n, o) for k, o, n in expected
    }


def test_every_row_with_two_sides_has_tokens_of_its_texts() -> None:
    a, b = (
        read_statement(p)
        for p in sorted((DATA / "whitehouse" / "cyber_awareness_month_proclamations").glob("*.md"))[
            2:4
        ]
    )
    c = compare(a, b)
    for row in c.rows:
        if row.old and row.new:
            assert "".join(row.old_words) == " ".join(s.text for s in c.sentences("old", row))
            assert "".join(row.new_words) == " ".join(s.text for s in c.sentences("new", row))
            assert row.ops
        else:
            assert row.ops == ()
            assert row.old_words == ()
            assert row.new_words == ()
    assert sum(c.figures.counts.values()) == len(c.rows)
    assert set(c.figures.counts) == set(KINDS)
    assert 0 < c.figures.new_reused_share < 1


def test_reuse_share_counts_each_word_once() -> None:
    old = statement(["We will keep the internet open free and secure for all of our people."])
    new = statement(
        [
            "We will keep the internet open free and secure for all of our people.",
            "Above all we keep the internet open free and secure.",
            "Nothing else here matters at all today.",
        ]
    )
    c = compare(old, new)
    assert kinds(c) == [("same", (0,), (0,)), ("new", (), (1,)), ("new", (), (2,))]
    # 14 words in the same row, 7 of the second sentence in a passage, 0 of the third.
    assert c.figures.new_words == 14 + 10 + 7
    assert c.figures.new_reused_share == pytest.approx((14 + 7) / 31)
    assert c.figures.old_retained_share == 1.0


def test_identical_text_in_two_files_is_identical_not_an_error(tmp_path) -> None:
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("\u2019", "'"), encoding="utf-8")
    c = compare(read_statement(tmp_path / "a.txt"), read_statement(tmp_path / "b.txt"))
    assert c.figures.identical
    assert {r.kind for r in c.rows} == {"same"}


def test_empty_side_and_to_frame() -> None:
    empty = statement([], id="empty")
    full = statement(["One sentence here.", "Another one there."])
    c = compare(empty, full)
    assert kinds(c) == [("new", (), (0,)), ("new", (), (1,))]
    assert c.figures.old_words == 0
    assert c.figures.old_retained_share == 0.0
    assert not c.figures.identical
    assert compare(empty, empty).figures.identical
    frame = compare(full, full).to_frame()
    assert list(frame["kind"]) == ["same", "same"]
    assert list(frame["new_text"]) == ["One sentence here.", "Another one there."]


def test_tokens_of_split_rows_join_with_one_space() -> None:
    c = compare(
        statement(["We met in Jakarta on Monday and we agreed on a joint plan of action."]),
        statement(["We met in Jakarta on Monday.", "We agreed on a joint plan of action."]),
    )
    assert kinds(c) == [("split", (0,), (0, 1))]
    assert tokenize(" ".join(s.text for s in c.new.sentences)) == list(c.rows[0].new_words)
