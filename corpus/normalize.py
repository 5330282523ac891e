"""The comparison key: what two sentences must share to count as the same words.

Normalisation happens only here and only in the key; the text shown to users is never changed.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that vanish from the key (soft hyphen, zero-width marks, BOM).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Typographic variants mapped to one ASCII form before punctuation is dropped.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
    }
)
_WORD = re.compile(r"\w+(?:['\-]\w+)*", re.UNICODE)
# The same mappings for str.replace, which is far faster than str.translate with a dict: only
# the characters present are replaced (the replacements are ASCII, so order does not matter).
_INVISIBLE_CHARS = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
_FOLD_CHARS = re.compile("[" + "".join(map(chr, _FOLD)) + "]")
_FOLD_TO = {chr(k): v for k, v in _FOLD.items()}


def fold(text: str) -> str:
    """NFKC, invisible characters removed, quotes/dashes/spaces folded, casefolded.

    >>> fold("Cyber\u2011enabled \u201cthreats\u201d")
    'cyber-enabled "threats"'
    """
    if text.isascii():  # NFKC and the folds leave ASCII alone; casefold is lower
        return text.lower()
    for ch in set(_INVISIBLE_CHARS.findall(text)):
        text = text.replace(ch, "")
    text = unicodedata.normalize("NFKC", text)
    for ch in set(_FOLD_CHARS.findall(text)):
        text = text.replace(ch, _FOLD_TO[ch])
    return text.casefold()


def key_words(text: str) -> list[str]:
    """The words of the comparison key: folded, punctuation dropped, hyphens and apostrophes kept inside words.

    >>> key_words("The U.S.-ASEAN Cyber Policy Dialogue's 6th meeting.")
    ['the', 'u', 's', 'asean', 'cyber', 'policy', "dialogue's", '6th', 'meeting']
    """
    return _WORD.findall(fold(text))


def normalise_key(text: str) -> str:
    """The comparison key of a sentence: folded words joined by single spaces.

    >>> normalise_key("  Cybersecurity\u00ad  is\u00a0KEY;  ")
    'cybersecurity is key'
    """
    return " ".join(key_words(text))
