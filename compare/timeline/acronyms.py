"""Whether the words before a parenthesised acronym spell it: "Open-Ended Working Group (OEWG)".

Each content word gives the acronym at least one letter (its first, or, for a word in capitals
or with hyphens, more), in order; linking words ("of", "and", "the"...) may give none; a
compound word ("Southeast") may give its first letter and later ones. Used by
:mod:`policydrift.compare.timeline.initiatives` to find the definitions of named initiatives.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["LINKING", "spells"]

# Linking words that may sit inside an expansion without giving a letter to the acronym.
LINKING = frozenset([
    "of", "and", "for", "on", "the", "in", "to", "against", "with", "at", "by", "a", "an", "de",
    "du", "des", "la", "le", "et", "&", "from",
])  # fmt: skip


def _letters_options(token: str) -> list[str]:
    """The letter sequences a word may give to an acronym (first letter, then any in order)."""
    parts = [p for p in token.replace(".", "").replace("’", "'").split("-") if p]
    if not parts:
        return []
    heads = [p.casefold() for p in parts]
    options = {heads[0][0]}
    if heads[0].isalpha() and parts[0].isupper():
        options.add(heads[0])
    if len(parts) > 1:
        options.add("".join(h[0] for h in heads))
        options.add("".join(h if p.isupper() else h[0] for h, p in zip(heads, parts, strict=True)))
    return sorted(options, key=len)


def spells(tokens: Sequence[str], letters: str) -> bool:
    """Whether the words, in order, spell the acronym: each content word gives >= 1 letter.

    >>> spells(("Open-Ended", "Working", "Group"), "oewg"), spells(("Southeast", "Asia"), "sea")
    (True, True)
    >>> spells(("United", "Nations"), "unga")
    False
    """
    return _spells(tokens, letters, 0, 0, {})


def _spells(
    tokens: Sequence[str], letters: str, ti: int, li: int, memo: dict[tuple[int, int], bool]
) -> bool:
    """Whether ``tokens[ti:]`` spell ``letters[li:]`` (each answer kept in ``memo``: a plain
    dict, as a cached closure would refer to itself, a cycle left to the collector)."""
    found = memo.get((ti, li))
    if found is None:
        found = memo[(ti, li)] = _spelled(tokens, letters, ti, li, memo)
    return found


def _spelled(
    tokens: Sequence[str], letters: str, ti: int, li: int, memo: dict[tuple[int, int], bool]
) -> bool:
    if ti == len(tokens):
        return li == len(letters)
    word = tokens[ti]
    if word.casefold() in LINKING and ti > 0 and _spells(tokens, letters, ti + 1, li, memo):
        return True
    for option in _letters_options(word):
        if letters.startswith(option, li) and _spells(
            tokens, letters, ti + 1, li + len(option), memo
        ):
            return True
    # A compound word ("Southeast") may give its first letter and later ones in order.
    if li < len(letters) and word[:1].casefold() == letters[li]:
        rest = word[1:].casefold()
        for end in range(li + 2, len(letters) + 1):
            if _subsequence(letters[li + 1 : end], rest) and _spells(
                tokens, letters, ti + 1, end, memo
            ):
                return True
    return False


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)
