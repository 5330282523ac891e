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

from policydrift.compare.models import Opcode
from policydrift.corpus.normalize import fold

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


@lru_cache(maxsize=1 << 13)
def tokens(text: str) -> tuple[str, ...]:
    """:func:`tokenize` as a tuple, remembered for the latest texts: consecutive editions
    share most of their sentences, each then tokenised once (and its tokens shared).

    >>> tokens("We act.") is tokens("We act.")
    True
    """
    return tuple(_TOKEN.findall(text))


def is_word(token: str) -> bool:
    """Whether a token from :func:`tokenize` is a word (not spaces or punctuation).

    >>> is_word("U"), is_word(". ")
    (True, False)
    """
    return bool(token) and (token[0].isalnum() or token[0] == "_")


@lru_cache(maxsize=1 << 16)
def token_key(token: str) -> str:
    """How a token is compared: folded (:func:`policydrift.corpus.normalize.fold`), runs of space as one.

    >>> token_key("\u201cThreat\u201d") == token_key('"threat"'), token_key(",\\n  ") == token_key(", ")
    (True, True)
    """
    folded = fold(token)
    return folded if is_word(token) else _SPACE.sub(" ", folded)


def word_opcodes(
    old_tokens: Sequence[str], new_tokens: Sequence[str], *, fold_spelling: bool = False
) -> list[Opcode]:
    """difflib opcodes turning ``old_tokens`` into ``new_tokens``, compared by :func:`token_key`.

    With ``fold_spelling``, British and American spellings of a word compare equal and a
    change of dash spacing alone is no change (:mod:`policydrift.compare.spelling`, a separate
    step: keys folded first, dash changes made ``equal`` last).

    The words alone are matched (:class:`difflib.SequenceMatcher`, ``autojunk=False``, after
    their common head and tail); the separators between and around matched words are equal
    when their folded forms agree. Cleaned by :func:`clean_opcodes` (changes at most one word
    apart are joined), and a change never starts or ends with an unchanged separator.
    Symmetric: the opcodes of (new, old) are those of (old, new) mirrored (difflib alone is
    not; the matcher always runs with the side whose keys sort first as its ``a``).

    >>> old = tokenize("We must act now.")
    >>> new = tokenize("We shall act today.")
    >>> [(tag, "".join(old[i1:i2]), "".join(new[j1:j2])) for tag, i1, i2, j1, j2 in word_opcodes(old, new)]
    [('equal', 'We ', 'We '), ('replace', 'must act now', 'shall act today'), ('equal', '.', '.')]
    """
    key = spelled_key if fold_spelling else token_key
    old_keys = list(map(key, old_tokens))
    new_keys = list(map(key, new_tokens))
    if old_keys == new_keys:
        return [("equal", 0, len(old_keys), 0, len(new_keys))] if old_keys else []
    if old_keys > new_keys:
        mirrored = word_opcodes(new_tokens, old_tokens, fold_spelling=fold_spelling)
        return [(_FLIP.get(t, t), j1, j2, i1, i2) for t, i1, i2, j1, j2 in mirrored]
    blocks = _token_blocks(old_tokens, new_tokens, old_keys, new_keys)
    ops = clean_opcodes(_opcodes(blocks, len(old_keys), len(new_keys)), old_tokens)
    ops = _tidy(ops, old_keys, new_keys, old_tokens)
    if fold_spelling:
        from policydrift.compare.spelling import hide_dash_spacing

        ops = hide_dash_spacing(ops, old_tokens, new_tokens)
    return ops


@lru_cache(maxsize=1 << 16)
def spelled_key(token: str) -> str:
    """:func:`token_key` with a British spelling turned American (from a word list).

    >>> spelled_key("Organisation") == spelled_key("organization"), spelled_key("wise")
    (True, 'wise')
    """
    folded = token_key(token)
    if not is_word(token):
        return folded
    from policydrift.compare.spelling import american

    return american(folded)


_FLIP = {"insert": "delete", "delete": "insert"}

# A run of equal tokens: (old start, new start, length).
Block = tuple[int, int, int]


def _token_blocks(
    old_tokens: Sequence[str],
    new_tokens: Sequence[str],
    old_keys: list[str],
    new_keys: list[str],
) -> list[Block]:
    """Runs of equal tokens, increasing on both sides, from the matched words.

    Tokens alternate words and separators (:func:`tokenize`), so the words of a side are every
    other token. Matching words alone keeps the matcher off the hundreds of identical " "
    separators (which make it slow and match on nothing). A run of matched words becomes one
    run of tokens when the separators inside it agree (else it is cut there), and takes in
    the agreeing separators just before and after it.
    """
    p = 0 if old_tokens and is_word(old_tokens[0]) else 1
    q = 0 if new_tokens and is_word(new_tokens[0]) else 1
    blocks: list[Block] = []
    end_i = end_j = 0  # where the last block ends
    for x, y, n in _matching_words(old_keys[p::2], new_keys[q::2]):
        i, j = p + 2 * x, q + 2 * y
        for si, sj, size in _agreeing(old_keys, new_keys, i, j, 2 * n - 1):
            if si > end_i and sj > end_j and old_keys[si - 1] == new_keys[sj - 1]:
                si, sj, size = si - 1, sj - 1, size + 1
            end = (si + size, sj + size)
            if (
                end[0] < len(old_keys)
                and end[1] < len(new_keys)
                and old_keys[end[0]] == new_keys[end[1]]
            ):
                size += 1
            if blocks and (si, sj) == (end_i, end_j):
                bi, bj, bsize = blocks.pop()
                si, sj, size = bi, bj, bsize + size
            blocks.append((si, sj, size))
            end_i, end_j = si + size, sj + size
    return _trim_gaps(blocks, old_keys, new_keys)


def _agreeing(old_keys: list[str], new_keys: list[str], i: int, j: int, size: int) -> list[Block]:
    """The token run old[i:i+size] = new[j:j+size] (its words agree), cut at the separators
    inside it that differ."""
    if old_keys[i + 1 : i + size : 2] == new_keys[j + 1 : j + size : 2]:
        return [(i, j, size)]
    out, start = [], 0
    for k in range(1, size, 2):
        if old_keys[i + k] != new_keys[j + k]:
            out.append((i + start, j + start, k - start))
            start = k + 1
    out.append((i + start, j + start, size - start))
    return out


def _matching_words(a: list[str], b: list[str]) -> list[Block]:
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


def _trim_gaps(blocks: list[Block], old_keys: list[str], new_keys: list[str]) -> list[Block]:
    """Grow every run over the equal tokens at both ends of the gaps around it (e.g. a final
    "." after a changed word), merging runs that come to touch."""
    out: list[Block] = []
    i = j = 0  # end of the previous run
    for bi, bj, size in [*blocks, (len(old_keys), len(new_keys), 0)]:
        grow = 0
        while i + grow < bi and j + grow < bj and old_keys[i + grow] == new_keys[j + grow]:
            grow += 1
        if grow:
            if out and (out[-1][0] + out[-1][2], out[-1][1] + out[-1][2]) == (i, j):
                oi, oj, osize = out.pop()
                out.append((oi, oj, osize + grow))
            else:
                out.append((i, j, grow))
            i, j = i + grow, j + grow
        back = 0
        while (
            bi - back > i and bj - back > j and old_keys[bi - back - 1] == new_keys[bj - back - 1]
        ):
            back += 1
        bi, bj, size = bi - back, bj - back, size + back
        if size:
            if out and (out[-1][0] + out[-1][2], out[-1][1] + out[-1][2]) == (bi, bj):
                oi, oj, osize = out.pop()
                bi, bj, size = oi, oj, osize + size
            out.append((bi, bj, size))
            i, j = bi + size, bj + size
    return out


def _opcodes(blocks: list[Block], n_old: int, n_new: int) -> list[Opcode]:
    """difflib-style opcodes from increasing runs of equal tokens."""
    ops: list[Opcode] = []
    i = j = 0
    for bi, bj, size in [*blocks, (n_old, n_new, 0)]:
        if i < bi or j < bj:
            ops.append(_span(i, bi, j, bj))
        if size:
            ops.append(("equal", bi, bi + size, bj, bj + size))
        i, j = bi + size, bj + size
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
    blocks: list[Block] = []

    def keep(i: int, j: int, size: int) -> None:
        if (
            size
            and blocks
            and blocks[-1][0] + blocks[-1][2] == i
            and blocks[-1][1] + blocks[-1][2] == j
        ):
            bi, bj, bsize = blocks.pop()
            blocks.append((bi, bj, bsize + size))
        elif size:
            blocks.append((i, j, size))

    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            keep(i1, j1, i2 - i1)
            continue
        head = 0
        while (
            i1 + head < i2 and j1 + head < j2 and not is_word(old_tokens[i1 + head])
            and old_keys[i1 + head] == new_keys[j1 + head]
        ):  # fmt: skip
            head += 1
        keep(i1, j1, head)
        tail = 0
        while (
            i2 - tail > i1 + head and j2 - tail > j1 + head and not is_word(old_tokens[i2 - tail - 1])
            and old_keys[i2 - tail - 1] == new_keys[j2 - tail - 1]
        ):  # fmt: skip
            tail += 1
        keep(i2 - tail, j2 - tail, tail)
    return _opcodes(blocks, len(old_keys), len(new_keys))


def _span(i1: int, i2: int, j1: int, j2: int) -> Opcode:
    """One change covering old[i1:i2] and new[j1:j2], tagged by which sides are empty."""
    if i1 == i2:
        return ("insert", i1, i2, j1, j2)
    if j1 == j2:
        return ("delete", i1, i2, j1, j2)
    return ("replace", i1, i2, j1, j2)
