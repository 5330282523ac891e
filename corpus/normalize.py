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


def fold(text: str) -> str:
    """NFKC, invisible characters removed, quotes/dashes/spaces folded, casefolded.

    >>> fold("Cyber\u2011enabled \u201cthreats\u201d")
    'cyber-enabled "threats"'
    """
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
    return text.translate(_FOLD).casefold()


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
