"""Word-level differences inside one aligned row, as difflib-style opcodes over tokens.

A text is cut into tokens that keep everything (:func:`tokenize`): words, and the runs of
spaces and punctuation between them, so joining a side's tokens gives back its exact text.
Tokens are compared by a folded form (:func:`token_key`), so a curly against a straight quote,
a case change or a re-wrapped line is not a difference. The opcodes come from
:class:`difflib.SequenceMatcher` (``autojunk=False``), which prefers the longest common runs
and so reads better than a minimal edit script (rapidfuzz's ``Levenshtein.opcodes`` is faster,
but scatters matches over common words such as "the"; see ``benchmarks/bench_compare.py``), and
are then cleaned (:func:`clean_opcodes`) so that no island of one word or less is left standing
between two changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from compare.models import Opcode
from corpus.normalize import fold

# Characters that may sit inside a word: soft hyphen and zero-width marks (as corpus.normalize
# drops them from the key), and apostrophes/hyphens in all their typographic forms.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_JOINERS = "'\u2018\u2019\u201a\u201b\u2032\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TOKEN = re.compile(
    rf"\w[\w{_INVISIBLE}]*(?:[{_JOINERS}]\w[\w{_INVISIBLE}]*)*"  # a word
    r"|\W+",  # everything between two words
    re.UNICODE,
)
_SPACE = re.compile(r"\s+")


def tokenize(text: str) -> list[str]:
    """Words and the runs of spaces and punctuation between them; ``"".join`` gives ``text``.

    >>> tokenize("Cyber\u2011enabled threats, (2024).")
    ['Cyber‑enabled', ' ', 'threats', ', (', '2024', ').']
    """
    return _TOKEN.findall(text)


def is_word(token: str) -> bool:
    """Whether a token from :func:`tokenize` is a word (not spaces or punctuation).

    >>> is_word("U"), is_word(". ")
    (True, False)
    """
    return bool(token) and (token[0].isalnum() or token[0] == "_")


@lru_cache(maxsize=1 << 16)
def token_key(token: str) -> str:
    """How a token is compared: folded (:func:`corpus.normalize.fold`), runs of space as one.

    >>> token_key("\u201cThreat\u201d") == token_key('"threat"'), token_key(",\\n  ") == token_key(", ")
    (True, True)
    """
    folded = fold(token)
    return folded if is_word(token) else _SPACE.sub(" ", folded)


def word_opcodes(old_tokens: Sequence[str], new_tokens: Sequence[str]) -> list[Opcode]:
    """difflib opcodes turning ``old_tokens`` into ``new_tokens``, compared by :func:`token_key`.

    The words alone are matched (:class:`difflib.SequenceMatcher`, ``autojunk=False``); the
    separators between matched words, and those touching them, are equal when their folded
    forms agree. Cleaned by :func:`clean_opcodes`: changes at most one word apart are joined.
    Symmetric: the opcodes of (new, old) are those of (old, new) mirrored (difflib alone is
    not; the matcher always runs with the side whose keys sort first as its ``a``).

    >>> old = tokenize("We must act now.")
    >>> new = tokenize("We shall act today.")
    >>> [(tag, "".join(old[i1:i2]), "".join(new[j1:j2])) for tag, i1, i2, j1, j2 in word_opcodes(old, new)]
    [('equal', 'We ', 'We '), ('replace', 'must act now', 'shall act today'), ('equal', '.', '.')]
    """
    old_keys = [token_key(t) for t in old_tokens]
    new_keys = [token_key(t) for t in new_tokens]
    if old_keys == new_keys:
        return [("equal", 0, len(old_keys), 0, len(new_keys))] if old_keys else []
    if old_keys > new_keys:
        mirrored = word_opcodes(new_tokens, old_tokens)
        return [(_FLIP.get(t, t), j1, j2, i1, i2) for t, i1, i2, j1, j2 in mirrored]
    pairs = _matched_tokens(old_tokens, new_tokens, old_keys, new_keys)
    cleaned = clean_opcodes(_opcodes(pairs, len(old_keys), len(new_keys)), old_tokens)
    return _tidy(cleaned, old_keys, new_keys, old_tokens)


_FLIP = {"insert": "delete", "delete": "insert"}


def _matched_tokens(
    old_tokens: Sequence[str],
    new_tokens: Sequence[str],
    old_keys: list[str],
    new_keys: list[str],
) -> list[tuple[int, int]]:
    """Matched (old, new) token positions, increasing on both sides.

    Words are matched by difflib over the word keys only (the many one-space separators would
    make the matcher quadratic and match on nothing); each matched word brings along the
    separators on either side of it whose keys agree.
    """
    old_at = [k for k, t in enumerate(old_tokens) if is_word(t)]
    new_at = [k for k, t in enumerate(new_tokens) if is_word(t)]
    a = [old_keys[k] for k in old_at]
    b = [new_keys[k] for k in new_at]
    pairs: list[tuple[int, int]] = []

    def add(i: int, j: int) -> None:
        if (not pairs or (i > pairs[-1][0] and j > pairs[-1][1])) and old_keys[i] == new_keys[j]:
            pairs.append((i, j))

    for x, y, size in _matching_words(a, b):
        for m in range(size):
            i, j = old_at[x + m], new_at[y + m]
            if i > 0 and j > 0 and not is_word(old_tokens[i - 1]):
                add(i - 1, j - 1)
            add(i, j)
            if i + 1 < len(old_keys) and j + 1 < len(new_keys) and not is_word(old_tokens[i + 1]):
                add(i + 1, j + 1)
    return _trim_gaps(pairs, old_keys, new_keys)


def _matching_words(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """difflib's matching blocks of two word lists, their common head and tail taken first
    (a long sentence with one change costs no more than its changed middle)."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False)
    blocks = [(0, 0, head)] if head else []
    blocks += [(x + head, y + head, n) for x, y, n in middle.get_matching_blocks() if n]
    if tail:
        blocks.append((len(a) - tail, len(b) - tail, tail))
    return blocks


def _trim_gaps(
    pairs: list[tuple[int, int]], old_keys: list[str], new_keys: list[str]
) -> list[tuple[int, int]]:
    """Also match equal tokens at both ends of every unmatched stretch (e.g. a final ".")."""
    out: list[tuple[int, int]] = []
    i = j = 0
    for pair in [*pairs, None]:
        a, b = pair if pair is not None else (len(old_keys), len(new_keys))
        while i < a and j < b and old_keys[i] == new_keys[j]:
            out.append((i, j))
            i, j = i + 1, j + 1
        tail = []
        while a > i and b > j and old_keys[a - 1] == new_keys[b - 1]:
            a, b = a - 1, b - 1
            tail.append((a, b))
        out.extend(reversed(tail))
        if pair is not None:
            out.append(pair)
            i, j = pair[0] + 1, pair[1] + 1
    return out


def _opcodes(pairs: list[tuple[int, int]], n_old: int, n_new: int) -> list[Opcode]:
    """difflib-style opcodes from increasing matched positions (runs become ``equal``)."""
    ops: list[Opcode] = []
    i = j = 0
    k = 0
    while k <= len(pairs):
        a, b = pairs[k] if k < len(pairs) else (n_old, n_new)
        if i < a or j < b:
            ops.append(_span(i, a, j, b))
        if k == len(pairs):
            break
        run = 1
        while k + run < len(pairs) and pairs[k + run] == (a + run, b + run):
            run += 1
        ops.append(("equal", a, a + run, b, b + run))
        i, j, k = a + run, b + run, k + run
    return ops


def clean_opcodes(opcodes: Sequence[Opcode], old_tokens: Sequence[str]) -> list[Opcode]:
    """Merge every ``equal`` island of at most one word lying between two changes into them.

    A lone "the" or ", " kept between a deletion and an insertion chops a rewrite into
    fragments; the merged change reads as one ``replace``. ``old_tokens`` tells words from
    separators (an equal island has the same tokens on both sides, up to folding).

    >>> clean_opcodes([("replace", 0, 1, 0, 1), ("equal", 1, 3, 1, 3), ("delete", 3, 4, 3, 3)],
    ...               ["a", " ", "the", "b"])
    [('replace', 0, 4, 0, 3)]
    """
    out: list[Opcode] = []
    for op in opcodes:
        if op[0] != "equal" and len(out) >= 2:
            island, before = out[-1], out[-2]
            words = sum(1 for t in old_tokens[island[1] : island[2]] if is_word(t))
            if island[0] == "equal" and before[0] != "equal" and words <= 1:
                del out[-2:]
                op = _span(before[1], op[2], before[3], op[4])
        out.append(op)
    return out


def _tidy(
    ops: list[Opcode], old_keys: list[str], new_keys: list[str], old_tokens: Sequence[str]
) -> list[Opcode]:
    """Give back to the neighbouring text the equal separators at either end of a change
    (so a change reads "we" -> "We also", not "we " -> "We also ")."""
    pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            pairs += zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        while i1 < i2 and j1 < j2 and not is_word(old_tokens[i1]) and old_keys[i1] == new_keys[j1]:
            pairs.append((i1, j1))
            i1, j1 = i1 + 1, j1 + 1
        tail = []
        while i2 > i1 and j2 > j1 and not is_word(old_tokens[i2 - 1]) and old_keys[i2 - 1] == new_keys[j2 - 1]:
            i2, j2 = i2 - 1, j2 - 1
            tail.append((i2, j2))
        pairs += reversed(tail)
    return _opcodes(pairs, len(old_keys), len(new_keys))


def _span(i1: int, i2: int, j1: int, j2: int) -> Opcode:
    """One change covering old[i1:i2] and new[j1:j2], tagged by which sides are empty."""
    if i1 == i2:
        return ("insert", i1, i2, j1, j2)
    if j1 == j2:
        return ("delete", i1, i2, j1, j2)
    return ("replace", i1, i2, j1, j2)
