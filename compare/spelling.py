"""British and American spellings, and dash spacing, read as equal in the word diff.

"centre" / "center", "organisation" / "organization", "we - Prime" / "we-Prime" are the same
words: by default the word diff shows them as unchanged and the summary counts them as hidden
spelling-only edits (``CompareOptions.fold_spelling``; ``--show-spelling`` shows them).

Spellings come from a word list (``spelling_en.tsv``: 1,730 British -> American pairs from
breame, Apache-2.0), never from a suffix rule: "organisation" folds, "wise" stays "wise".
Dash spacing: a change whose two sides differ only in the spaces around a hyphen or dash (and
in the kind of dash) is no change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from policydrift.compare.models import AlignedRow, Opcode

__all__ = ["american", "dash_equal", "hide_dash_spacing", "spelling_only_edits"]

_DASHES = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]\s*")


@lru_cache(maxsize=1)
def _pairs() -> dict[str, str]:
    text = Path(__file__).with_name("spelling_en.tsv").read_text(encoding="utf-8")
    pairs: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            british, american_form = line.split("\t")
            pairs[british] = american_form
    return pairs


def american(word: str) -> str:
    """The American spelling of a folded (lowercase) word, or the word itself.

    >>> [american(w) for w in ("organisation", "centres", "recognised", "wise", "center")]
    ['organization', 'centers', 'recognized', 'wise', 'center']
    """
    return _pairs().get(word, word)


def dash_equal(old: str, new: str) -> bool:
    """Whether two texts differ only in the spacing around dashes and in the kind of dash.

    >>> dash_equal("we - Prime", "we-Prime"), dash_equal("we \u2013 Prime", "we-prime")
    (True, True)
    >>> dash_equal("we-Prime", "we Prime")
    False
    """
    fold_old = _DASHES.sub("-", " ".join(old.split())).casefold()
    fold_new = _DASHES.sub("-", " ".join(new.split())).casefold()
    return fold_old == fold_new and old != new


def hide_dash_spacing(
    ops: Sequence[Opcode], old_tokens: Sequence[str], new_tokens: Sequence[str]
) -> list[Opcode]:
    """``ops`` with every change that is only dash spacing made ``equal``, runs merged.

    An ``equal`` opcode made so may cover different numbers of tokens on the two sides.

    >>> from policydrift.compare.diff import tokenize, word_opcodes
    >>> old, new = tokenize("We - Prime Ministers met."), tokenize("We-Prime Ministers met.")
    >>> hide_dash_spacing(word_opcodes(old, new), old, new)
    [('equal', 0, 8, 0, 6)]
    """
    out: list[Opcode] = []
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if tag == "replace" and dash_equal("".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])):
            op = ("equal", i1, i2, j1, j2)
        if op[0] == "equal" and out and out[-1][0] == "equal":
            op = ("equal", out[-1][1], op[2], out[-1][3], op[4])
            out.pop()
        out.append(op)
    return out


def spelling_only_edits(rows: Iterable[AlignedRow]) -> int:
    """How many word changes the diff hides as spelling or dash spacing only.

    Counted in the ``equal`` runs of the rows: each word whose text differs between the sides
    (beyond case, quotes and marks, which are never changes), and each run whose two sides
    have different token counts (dash spacing).
    """
    from policydrift.compare.diff import is_word, token_key

    count = 0
    for row in rows:
        for tag, i1, i2, j1, j2 in row.ops:
            if tag != "equal":
                continue
            if i2 - i1 != j2 - j1:
                count += 1
                continue
            for a, b in zip(row.old_words[i1:i2], row.new_words[j1:j2], strict=True):
                if is_word(a) and token_key(a) != token_key(b):
                    count += 1
    return count
