"""The wordllama tokenizer read into compact tables gives exactly the ids of the ``tokenizers``
library, and its tables kept between runs are used only when they are ours and current."""

from __future__ import annotations

import json

import pytest
from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.linking import semantic
from policydrift.compare.linking.tokenizer import SPACE, build_tables, encoder, load_encoder
from policydrift.corpus import read_statement
from policydrift.corpus.derived_cache import DerivedStore

tokenizers = pytest.importorskip("tokenizers")
FILE = semantic.package_folder("wordllama") / semantic._WORDLLAMA_TOKENIZER


@pytest.fixture(scope="module")
def library():
    tokenizer = tokenizers.Tokenizer.from_file(str(FILE))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return lambda texts: [e.ids for e in tokenizer.encode_batch(texts, add_special_tokens=False)]


@pytest.fixture(scope="module")
def tables():
    found = build_tables(json.loads(FILE.read_bytes()))
    assert found is not None  # the wordllama tokenizer is of the shape read here
    return found


def test_every_sample_sentence_gets_the_library_ids(library, tables):
    texts = [
        s.text
        for path in sorted(DATA.rglob("*"))
        if path.suffix in (".md", ".txt") and path.name != "README.md"
        for s in read_statement(path).sentences
    ]
    assert len(texts) > 400
    assert encoder(tables)(texts) == library(texts)


EDGES = [
    "", " ", "  a  b ", "a</s>b", "<s>", " <s> x", "x<unk>y", "<s><s>", "tab\there",
    "new\nline", "émigré ☃ 中文 😀 \u0130stanbul", f"{SPACE}x", f"a{SPACE}{SPACE}b", "a  ",
    "ﬁnance", "\x00\x7f", "AI-enabled, cross\u2011border 5G/6G (e.g. U.S.) 2023–2024",
]  # fmt: skip


def test_edge_cases_get_the_library_ids(library, tables):
    assert encoder(tables)(EDGES) == library(EDGES)


PIECES = st.sampled_from([" ", "  ", SPACE, "<s>", "</s>", "<unk>", "<", "s>", "\n", "-", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(min_size=1, max_size=12), PIECES), max_size=12))
def test_any_text_gets_the_library_ids(library, tables, parts):
    text = "".join(parts)
    assert encoder(tables)([text]) == library([text])
    assert encoder(tables, long_word=0)([text]) == library([text])  # every word by the heap


@pytest.mark.timeout(120)
def test_a_long_run_without_spaces_costs_n_log_n(library, tables):
    import random

    rng = random.Random(7)
    word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzé-") for _ in range(200_000))
    assert encoder(tables)([word]) == library([word])  # scanning pairs: hours


def test_embeddings_are_those_of_the_library_tokenizer_bit_for_bit(library, monkeypatch):
    texts = [s.text for s in read_statement(next(DATA.rglob("2023-*.md"))).sentences] + EDGES
    ours = semantic.embed(texts)
    _, table = semantic._wordllama()
    monkeypatch.setattr(semantic, "_wordllama", lambda: (library, table))
    assert ours.tobytes() == semantic.embed(texts).tobytes()


def test_kept_tables_are_used_rebuilt_when_corrupt_and_skipped_when_unwritable(tmp_path, library):
    store = DerivedStore("tokenizers", tmp_path)
    texts = ["We reaffirm our commitment to an open, secure cyberspace."]
    assert load_encoder(FILE, store=store)(texts) == library(texts)  # built and kept
    (entry,) = (tmp_path / "derived-v1" / "tokenizers").iterdir()
    assert load_encoder(FILE, store=store)(texts) == library(texts)  # read back
    entry.write_bytes(entry.read_bytes()[:-100])  # truncated: refused, rebuilt, rewritten
    assert load_encoder(FILE, store=store)(texts) == library(texts)
    assert store.get(entry.stem) is not None
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    unwritable = DerivedStore("tokenizers", not_a_folder / "cache")  # cannot be made
    assert load_encoder(FILE, store=unwritable)(texts) == library(texts)


def test_a_tokenizer_of_another_shape_is_left_to_the_library(tmp_path):
    config = json.loads(FILE.read_bytes())
    config["pre_tokenizer"] = {"type": "Whitespace"}
    assert build_tables(config) is None
    path = tmp_path / "tokenizer.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    other = tokenizers.Tokenizer.from_file(str(path))
    text = "Cyber-security, now: AI."
    expected = other.encode(text, add_special_tokens=False).ids
    assert load_encoder(path, store=DerivedStore("t", tmp_path))([text]) == [expected]
    assert expected != encoder(build_tables(json.loads(FILE.read_bytes())))([text])[0]
