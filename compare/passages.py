"""Shared passages: maximal runs of >= N key words found in both statements, anywhere.

The words are the comparison key's words (:func:`policydrift.corpus.normalize.key_words`) of every sentence
in order, each with its character span in the statement's raw text (:func:`key_word_spans`),
so a passage may cross sentence boundaries and is found wherever it sits (a clause lifted into
another sentence, a paragraph moved to the end).

Method, linear in the text for ordinary documents: index every run of N words of OLD by its
word ids; for each run of N words of NEW found in the index, keep it only where it starts a
match (the words before it differ) and extend it to the right as long as the words agree. This
gives every maximal common run, each once. Runs whose words are already covered by longer
runs on both sides are then dropped (:func:`_select`): copies of a repeated sentence pair up
one to one, and a copy left over on one side is reported once.

Bound: a run of N words repeated all over both statements (template-like lines sharing "of
the annual report on") would match every copy with every copy, quadratic in time and memory.
Each run of N words of NEW is matched with at most :data:`MATCH_CAP` runs of OLD (the first
ones, in OLD's order); the number of NEW positions cut is reported (``capped``).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from policydrift.compare.models import Passage
from policydrift.compare.word_positions import word_bounds
from policydrift.corpus.models import Statement
from policydrift.corpus.normalize import fold, key_words

# The key's word pattern (corpus.normalize), applied to folded text.
_WORD = re.compile(r"\w+(?:['\-]\w+)*", re.UNICODE)
# A word in raw text: what folds into one key word (invisible marks inside, any apostrophe or
# hyphen between letters).
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_JOINERS = "'\u2018\u2019\u201a\u201b\u2032\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
MATCH_CAP = 50
"""Most OLD positions a run of N words of NEW is matched with."""
_RAW_WORD = re.compile(rf"[\w{_INVISIBLE}]+(?:[{_JOINERS}][\w{_INVISIBLE}]+)*", re.UNICODE)


@dataclass(frozen=True)
class WordSpans:
    """The key words of a statement, in order, with raw-text spans and sentence indexes."""

    words: tuple[str, ...]
    starts: np.ndarray  # int64, offset of each word in Statement.raw
    ends: np.ndarray  # int64
    sentences: np.ndarray  # int64, Sentence.index of each word


def key_word_spans(statement: Statement) -> WordSpans:
    """Every key word of ``statement``'s sentences with its span in ``statement.raw``.

    The words are exactly those of the sentence keys (``" ".join`` of a sentence's words is its
    key, as :func:`policydrift.corpus.normalize.normalise_key` builds it).

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> raw = "Intro. The U.S. \u201cCyber\u201d plan."
    >>> s = Sentence(0, raw[7:], "the u s cyber plan", 7, len(raw), 0)
    >>> spans = key_word_spans(Statement("x", "x", raw, raw, (s,)))
    >>> [(w, raw[a:b]) for w, a, b in zip(spans.words, spans.starts, spans.ends)]
    [('the', 'The'), ('u', 'U'), ('s', 'S'), ('cyber', 'Cyber'), ('plan', 'plan')]
    """
    # Most sentences fold character for character: their words are found all at once on the
    # folded texts (compare.word_positions); the others one by one (_sentence_words).
    folded = [_folded_in_place(s.text) for s in statement.sentences]
    words, starts, ends, counts = word_bounds([f or "" for f in folded])
    if all(f is not None for f in folded):
        base = np.repeat(np.array([s.start for s in statement.sentences], np.int64), counts)
        return WordSpans(
            tuple(words),
            starts + base,
            ends + base,
            np.repeat(np.array([s.index for s in statement.sentences], np.int64), counts),
        )
    all_words: list[str] = []
    all_starts: list[int] = []
    all_ends: list[int] = []
    sentences: list[int] = []
    at = 0
    for sentence, f, count in zip(statement.sentences, folded, counts.tolist(), strict=True):
        if f is None:
            found = _sentence_words(sentence.text)
            all_words.extend(w for w, _, _ in found)
            all_starts.extend(sentence.start + a for _, a, _ in found)
            all_ends.extend(sentence.start + b for _, _, b in found)
            count = len(found)
        else:
            all_words.extend(words[at : at + count])
            all_starts.extend((starts[at : at + count] + sentence.start).tolist())
            all_ends.extend((ends[at : at + count] + sentence.start).tolist())
            at += count
        sentences.extend([sentence.index] * count)
    return WordSpans(
        tuple(all_words),
        np.array(all_starts, dtype=np.int64),
        np.array(all_ends, dtype=np.int64),
        np.array(sentences, dtype=np.int64),
    )


def _folded_in_place(text: str) -> str | None:
    """``fold(text)`` when every character folds to exactly one (offsets carry over), else None."""
    if text.isascii():
        return text.lower()
    folded = fold(text)
    if len(folded) == len(text) and all(_one_to_one(ch) for ch in set(text) if ord(ch) > 127):
        return folded
    return None


def shared_passages(old: Statement, new: Statement, *, min_words: int = 6) -> list[Passage]:
    """Maximal runs of at least ``min_words`` key words shared by ``old`` and ``new``.

    Offsets point into each statement's raw text (first word's start to last word's end);
    ``text`` is the passage as it reads in NEW. Sorted by position in NEW, then in OLD.

    >>> from policydrift.corpus.models import Sentence, Statement
    >>> def st(raw):
    ...     return Statement("x", "x", raw, raw, (Sentence(0, raw, "", 0, len(raw), 0),))
    >>> old = st("We will keep the Internet open, free and secure for all.")
    >>> new = st("Above all, we keep the internet open, free and secure.")
    >>> [(p.words, p.text) for p in shared_passages(old, new, min_words=4)]
    [(7, 'keep the internet open, free and secure')]
    """
    return passages_from_spans(old, new, key_word_spans(old), key_word_spans(new), min_words)


def passages_from_spans(
    old: Statement,
    new: Statement,
    a: WordSpans,
    b: WordSpans,
    min_words: int,
    capped: list[int] | None = None,
) -> list[Passage]:
    """:func:`shared_passages` from already computed :func:`key_word_spans` of both sides.

    The number of NEW positions whose matches were cut at :data:`MATCH_CAP` is appended to
    ``capped`` when given."""
    if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 2:
        msg = f"min_words must be an integer >= 2: {min_words!r}"
        raise ValueError(msg)
    runs = _maximal_runs(a.words, b.words, min_words, capped)
    kept = _select(runs, len(a.words), len(b.words))
    passages = [
        Passage(
            words=length,
            text=new.raw[b.starts[j] : b.ends[j + length - 1]],
            old_start=int(a.starts[i]),
            old_end=int(a.ends[i + length - 1]),
            new_start=int(b.starts[j]),
            new_end=int(b.ends[j + length - 1]),
            # words come in sentence order: the distinct sentences, in order
            old_sentences=tuple(dict.fromkeys(a.sentences[i : i + length].tolist())),
            new_sentences=tuple(dict.fromkeys(b.sentences[j : j + length].tolist())),
        )
        for length, i, j in kept
    ]
    return sorted(passages, key=lambda p: (p.new_start, p.old_start, p.words))


def _maximal_runs(
    old: tuple[str, ...], new: tuple[str, ...], k: int, capped: list[int] | None = None
) -> list[tuple[int, int, int]]:
    """Every maximal common run (length, old start, new start) of at least ``k`` words.

    Vectorised: every run of ``k`` word ids is hashed (a polynomial over the ids), equal
    hashes are joined by sorting, checked word by word, and consecutive matches on one
    diagonal (``new - old`` offset) are chained into runs.
    """
    if len(old) < k or len(new) < k:
        return []
    # word ids in order of first appearance (dict.fromkeys and map run in C)
    ids = dict(zip(dict.fromkeys(old + new), itertools.count()))
    a = np.fromiter(map(ids.__getitem__, old), dtype=np.int64, count=len(old))
    b = np.fromiter(map(ids.__getitem__, new), dtype=np.int64, count=len(new))
    ha, hb = _gram_hashes(a, k), _gram_hashes(b, k)
    order = np.argsort(ha, kind="stable")
    sorted_ha = ha[order]
    left = np.searchsorted(sorted_ha, hb, side="left")
    counts = np.searchsorted(sorted_ha, hb, side="right") - left
    if capped is not None:
        capped.append(int((counts > MATCH_CAP).sum()))
    counts = np.minimum(counts, MATCH_CAP)
    total = int(counts.sum())
    if total == 0:
        return []
    j = np.repeat(np.arange(len(hb)), counts)
    within = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    i = order[np.repeat(left, counts) + within]
    same = np.ones(total, dtype=bool)
    for t in range(k):  # exact check: no reliance on the hash
        same &= a[i + t] == b[j + t]
    i, j = i[same], j[same]
    if i.size == 0:
        return []
    diagonal = j - i
    chain = np.lexsort((i, diagonal))
    i, diagonal = i[chain], diagonal[chain]
    starts = np.flatnonzero(
        np.concatenate(([True], (diagonal[1:] != diagonal[:-1]) | (i[1:] != i[:-1] + 1)))
    )
    lengths = np.diff(np.append(starts, i.size)) + k - 1
    first = i[starts]
    return list(
        zip(lengths.tolist(), first.tolist(), (first + diagonal[starts]).tolist(), strict=True)
    )


def _gram_hashes(ids: np.ndarray, k: int) -> np.ndarray:
    """A 64-bit polynomial hash of every run of ``k`` consecutive ids (wrapping arithmetic)."""
    n = len(ids) - k + 1
    values = ids.astype(np.uint64) + np.uint64(1)
    h = np.zeros(n, dtype=np.uint64)
    for t in range(k):
        h = h * np.uint64(1_000_003) + values[t : t + n]
    return h


def _select(runs: list[tuple[int, int, int]], n_old: int, n_new: int) -> list[tuple[int, int, int]]:
    """The runs worth reporting, longest first (ties: earliest), in two passes.

    First one-to-one: a run is kept when it brings uncovered words on both sides, so copies
    pair up in order. Then any run still bringing uncovered words on one side (a passage of
    OLD used twice in NEW, or the reverse) is kept too.
    """
    covered = (bytearray(n_old), bytearray(n_new))
    ordered = sorted(runs, key=lambda r: (-r[0], r[1] + r[2], r[1], r[2]))
    kept: set[tuple[int, int, int]] = set()
    for both in (True, False):
        for run in ordered:
            length, i, j = run
            fresh = (covered[0].find(0, i, i + length) >= 0, covered[1].find(0, j, j + length) >= 0)
            if run in kept or not (all(fresh) if both else any(fresh)):
                continue
            covered[0][i : i + length] = b"\x01" * length
            covered[1][j : j + length] = b"\x01" * length
            kept.add(run)
    return sorted(kept, key=lambda r: (r[2], r[1]))


def _sentence_words(text: str) -> list[tuple[str, int, int]]:
    """The key words of one sentence text with their (start, end) offsets in it."""
    if text.isascii():
        return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text.lower())]
    folded = fold(text)
    if len(folded) == len(text) and all(_one_to_one(ch) for ch in set(text) if ord(ch) > 127):
        # Every character folds to exactly one (curly quotes, dashes, no-break spaces...).
        return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]
    expected = key_words(text)
    # Fast path: fold each raw word on its own (a word never spans folded punctuation).
    found = [
        (word, m.start(), m.end())
        for m in _RAW_WORD.finditer(text)
        for word in _WORD.findall(fold(m.group()))
    ]
    if [w for w, _, _ in found] == expected:
        return found
    folded, origin_start, origin_end = _fold_with_origins(text)
    found = [
        (m.group(), origin_start[m.start()], origin_end[m.end() - 1])
        for m in _WORD.finditer(folded)
    ]
    if [w for w, _, _ in found] != expected:
        # Folding piece by piece disagreed with folding the whole text (rare composed
        # forms): keep the key's words, each spanning the whole sentence.
        return [(w, 0, len(text)) for w in expected]
    return found


def _fold_with_origins(text: str) -> tuple[str, list[int], list[int]]:
    """``fold(text)`` built cluster by cluster (a character and its combining marks), with the
    start and end offset in ``text`` of the cluster each folded character came from."""
    pieces: list[str] = []
    origin_start: list[int] = []
    origin_end: list[int] = []
    clusters = _clusters(text)
    for a, b in clusters:
        folded = _fold_cluster(text[a:b])
        pieces.append(folded)
        origin_start.extend([a] * len(folded))
        origin_end.extend([b] * len(folded))
    return "".join(pieces), origin_start, origin_end


def _clusters(text: str) -> list[tuple[int, int]]:
    """(start, end) of each character together with the combining marks after it."""
    bounds = [k for k, ch in enumerate(text) if k == 0 or not unicodedata.combining(ch)]
    return list(zip(bounds, [*bounds[1:], len(text)], strict=True))


@lru_cache(maxsize=4096)
def _fold_cluster(cluster: str) -> str:
    return fold(cluster)


@lru_cache(maxsize=4096)
def _one_to_one(ch: str) -> bool:
    """Whether ``ch`` folds to exactly one character and composes with nothing."""
    return len(fold(ch)) == 1 and not unicodedata.combining(ch)
