"""The wordllama tokenizer (a Llama-2 BPE), read once into compact tables, encoding exactly as
the ``tokenizers`` library does.

Loading the tokenizer's JSON with ``tokenizers`` costs about 0.08 s on every run (plus its
import), for a model whose encoding is simple: the special tokens (``<s>``...) are cut out of
the text, each other piece gets ``▁`` prepended and its spaces replaced by ``▁``, characters
outside the vocabulary fall back to their UTF-8 byte tokens, then the BPE merges apply,
lowest rank first (leftmost on ties). :func:`load_encoder` builds the tables this needs (one
character per id, the 256 byte tokens, the merges by pair of ids) from the package's own file
once, keeps them in the user cache folder (:class:`policydrift.corpus.derived_cache.DerivedStore`,
keyed by the file's bytes and this module's source, so a new wordllama or a changed reader
rebuilds them) and loads them in about 0.01 s. A tokenizer file of any other shape is left to
the ``tokenizers`` library. ``tests/compare/test_tokenizer.py`` checks the ids against
``tokenizers`` on the sample corpus and on generated text.

No vocabulary token holds a ``▁`` after a character other than ``▁`` (checked when the tables
are built), so a merge never joins the end of a word to the ``▁`` that starts the next one:
each word is encoded alone and remembered, which is the same result as encoding the whole
piece, and most words recur.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import re
from collections.abc import Callable
from pathlib import Path

SPACE = "\u2581"
_INF = 1 << 62
_NORMALIZER = {
    "type": "Sequence",
    "normalizers": [
        {"type": "Prepend", "prepend": SPACE},
        {"type": "Replace", "pattern": {"String": " "}, "content": SPACE},
    ],
}
_MAX_MEMO = 200_000

Encoder = Callable[[list[str]], list[list[int]]]
Tables = tuple[dict[str, int], list[int], dict[int, int], dict[str, int], bool]


def build_tables(config: dict) -> Tables | None:
    """The tables of a Llama-style BPE tokenizer config, or None for any other shape.

    ``(characters, bytes, merges, specials, by_word)``: the id of each one-character token,
    the ids of the 256 byte tokens, ``merges[a << 16 | b] = rank << 16 | merged``, the
    special tokens' ids, and whether words may be encoded alone.
    """
    model = config.get("model") or {}
    added = config.get("added_tokens") or []
    if (
        model.get("type") != "BPE"
        or not model.get("byte_fallback")
        or model.get("dropout") is not None
        or model.get("continuing_subword_prefix")
        or model.get("end_of_word_suffix")
        or model.get("ignore_merges")
        or config.get("normalizer") != _NORMALIZER
        or config.get("pre_tokenizer") is not None
        or any(
            not t.get("special")
            or t.get("normalized")
            or t.get("single_word")
            or t.get("lstrip")
            or t.get("rstrip")
            for t in added
        )  # fmt: skip
    ):
        return None
    vocab: dict[str, int] = model["vocab"]
    if max(vocab.values(), default=0) >= 1 << 16:
        return None
    try:
        byte_ids = [vocab[f"<0x{b:02X}>"] for b in range(256)]
    except KeyError:
        return None
    merges: dict[int, int] = {}
    try:
        for rank, merge in enumerate(model["merges"]):
            a, b = merge.split(" ") if isinstance(merge, str) else merge
            merges[vocab[a] << 16 | vocab[b]] = rank << 16 | vocab[a + b]
    except (KeyError, ValueError):  # not a merge list the library would accept either
        return None
    characters = {token: i for token, i in vocab.items() if len(token) == 1}
    by_word = all(set(t) == {SPACE} for t in vocab if SPACE in t[1:])
    return characters, byte_ids, merges, {t["content"]: t["id"] for t in added}, by_word


def encoder(tables: Tables, *, long_word: int = 64) -> Encoder:
    """A function giving the token ids of each of a list of texts.

    A word of up to ``long_word`` symbols is merged by scanning its pairs for the lowest
    rank at each step; a longer one (a run of text without spaces) as the library does it,
    with a heap, so that time grows as n log n, not n squared.
    """
    characters, byte_ids, merges, specials, by_word = tables
    special = re.compile(
        "(" + "|".join(re.escape(s) for s in sorted(specials, key=len, reverse=True)) + ")"
    )
    words = re.compile(f"(?<=[^{SPACE}])(?={SPACE})" if by_word else "(?!)")
    memo: dict[str, list[int]] = {}
    get = merges.get

    def bpe(word: str) -> list[int]:
        ids: list[int] = []
        for ch in word:
            i = characters.get(ch)
            if i is None:
                ids.extend(byte_ids[b] for b in ch.encode("utf-8"))
            else:
                ids.append(i)
        if len(ids) > long_word:
            return _merge_with_heap(ids, get)
        ranks = [get(ids[k] << 16 | ids[k + 1], _INF) for k in range(len(ids) - 1)]
        while ranks:
            best = min(ranks)
            if best == _INF:
                break
            pos = ranks.index(best)  # the lowest rank, leftmost
            merged = best & 0xFFFF
            ids[pos : pos + 2] = [merged]
            del ranks[pos]
            if pos < len(ranks):
                ranks[pos] = get(merged << 16 | ids[pos + 1], _INF)
            if pos > 0:
                ranks[pos - 1] = get(ids[pos - 1] << 16 | merged, _INF)
        return ids

    def encode(text: str) -> list[int]:
        ids: list[int] = []
        pieces = special.split(text) if specials else [text]
        for k, piece in enumerate(pieces):
            if k % 2:
                ids.append(specials[piece])
            elif piece:
                for word in words.split(SPACE + piece.replace(" ", SPACE)):
                    found = memo.get(word)
                    if found is None:
                        if len(memo) > _MAX_MEMO:
                            memo.clear()
                        found = memo[word] = bpe(word)
                    ids.extend(found)
        return ids

    return lambda texts: [encode(t) for t in texts]


def _merge_with_heap(ids: list[int], get: Callable[[int], int | None]) -> list[int]:
    """BPE merges of ``ids`` in the library's order: lowest rank first, leftmost on ties; an
    entry whose pair has changed since it was queued is skipped."""
    import heapq

    n = len(ids)
    before = list(range(-1, n - 1))
    after = [*range(1, n), -1]
    alive = [True] * n
    queue: list[tuple[int, int, int]] = []

    def queue_pair(k: int) -> None:  # the pair starting at symbol k, if it merges
        found = get(ids[k] << 16 | ids[after[k]])
        if found is not None:
            heapq.heappush(queue, (found >> 16, k, found & 0xFFFF))

    for k in range(n - 1):
        queue_pair(k)
    while queue:
        _, pos, merged = heapq.heappop(queue)
        right = after[pos]
        if not alive[pos] or right == -1:
            continue
        found = get(ids[pos] << 16 | ids[right])
        if found is None or found & 0xFFFF != merged:
            continue  # queued before one of the two symbols changed
        ids[pos], alive[right] = merged, False
        after[pos] = after[right]
        if after[pos] != -1:
            before[after[pos]] = pos
            queue_pair(pos)
        if before[pos] != -1:
            queue_pair(before[pos])
    return [i for i, keep in zip(ids, alive, strict=True) if keep]


def _library_encoder(path: Path) -> Encoder:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return lambda texts: [e.ids for e in tokenizer.encode_batch(texts, add_special_tokens=False)]


def _valid(tables: object) -> bool:
    return (
        isinstance(tables, tuple)
        and len(tables) == 5
        and isinstance(tables[0], dict)
        and isinstance(tables[1], list)
        and len(tables[1]) == 256
        and isinstance(tables[2], dict)
        and isinstance(tables[3], dict)
        and isinstance(tables[4], bool)
    )


def load_encoder(path: Path, *, store=None) -> Encoder:
    """The encoder of the tokenizer JSON at ``path``: from the tables kept in the user cache
    when they match the file and this code, else built from the file (and kept)."""
    from policydrift.corpus.derived_cache import DerivedStore, digest

    data = path.read_bytes()
    store = store if store is not None else DerivedStore("tokenizers")
    key = digest(
        "bpe tables",
        str(marshal.version),
        hashlib.sha256(data).hexdigest(),
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
    )
    stored = store.get(key)
    if stored is not None:
        try:
            tables = marshal.loads(stored)
        except (ValueError, EOFError, TypeError):
            tables = None
        if _valid(tables):
            return encoder(tables)
    tables = build_tables(json.loads(data))
    if tables is None:
        return _library_encoder(path)
    store.put(key, marshal.dumps(tables))
    return encoder(tables)
