"""Terms of a sentence for keyness: its words and phrases, and a memo of them per distinct text.

A term is a word or a run of up to ``max_n`` words within one sentence, never across
punctuation, that neither starts nor ends with a function word, unless one opens a name
("the First Lady") (:func:`phrases`). :class:`TermMemo` keeps the term names and the word count of each distinct
sentence text for the next calls: a timeline's series repeat most of their sentences, and
its series share many (boilerplate), so each distinct text is read once per process.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

from policydrift.compare.themes.words import STOPWORDS, variant
from policydrift.corpus.models import Statement
from policydrift.corpus.normalize import fold

__all__ = [
    "Term",
    "TermMemo",
    "is_counted",
    "phrases",
    "sentence_names",
    "sentence_terms",
    "tokens",
]

_HYPHENS = "-\u2010\u2011"
# A word: letters or digits with inner apostrophes; a one-letter prefix keeps its hyphen
# ("e-commerce"), other hyphens separate words that still form a phrase ("sector-led").
_TOKEN = re.compile(
    rf"(?:(?<!\w)[^\W\d_][{_HYPHENS}](?=\w))?\w+(?:['\u2019]\w+|[{_HYPHENS}]\d+(?!\w))*"
)
_LETTER = re.compile(r"[^\W\d_]")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Words of ``text`` as (folded word, start, end), spelling variants folded.

    Apostrophes stay inside a word; a hyphen splits words (so "private sector-led" holds the
    phrase "private sector", as the lexicon sees it) except after a single letter or before
    a number ("e-commerce", "COVID-19").

    >>> tokens("ASEAN's Anti-Online Scams, e-commerce, organised")
    [("asean's", 0, 7), ('anti', 8, 12), ('online', 13, 19), ('scams', 20, 25), ('e-commerce', 27, 37), ('organized', 39, 48)]
    """
    return [(_word(m.group())[0], m.start(), m.end()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1 << 16)
def _word(raw: str) -> tuple[str, bool, bool]:
    """(folded word, whether it counts as a word, whether a function word) of one token as
    written: each distinct spelling folded once."""
    word = variant(fold(raw))
    return word, is_counted(word), word in STOPWORDS


def is_counted(token: str) -> bool:
    """Whether a folded token counts as a word for keyness: two characters, one a letter.

    >>> is_counted("5g"), is_counted("19"), is_counted("a")
    (True, False, False)
    """
    return len(token) >= 2 and _LETTER.search(token) is not None


def phrases(text: str, *, max_n: int = 3) -> Iterator[tuple[str, int, int, int]]:
    """Terms of one sentence as (term, words, start, end): words, then phrases of 2..max_n.

    A phrase is a run of words separated only by spaces or a hyphen (other punctuation,
    numbers and single letters break it) that neither starts nor ends with a function word.

    >>> [t for t, *_ in phrases("Online scam operations, and the scam victims.", max_n=2)]
    ['online', 'scam', 'operations', 'scam', 'victims', 'online scam', 'scam operations', 'scam victims']
    """
    if max_n < 1:
        msg = f"max_n must be >= 1: {max_n!r}"
        raise ValueError(msg)
    return iter(sentence_terms(text, max_n)[0])


Term = tuple[str, int, int, int]


def sentence_terms(text: str, max_n: int) -> tuple[list[Term], int]:
    """:func:`phrases` of ``text`` as a list, and its count of words (the denominators of
    keyness's rates)."""
    runs, words = _word_runs(text)
    out: list[Term] = [
        (w, 1, start, end) for run in runs for w, stop, start, end, _ in run if not stop
    ]
    for words_of in _phrase_runs(runs, max_n):
        name = " ".join([w[0] for w in words_of])
        out.append((name, len(words_of), words_of[0][2], words_of[-1][3]))
    return out, words


def sentence_names(text: str, max_n: int) -> tuple[list[str], int]:
    """The names of :func:`sentence_terms` (the same, in the same order) and the count of
    words, without the spans: what counting needs.

    >>> sentence_names("Online scam operations, and the scam victims.", 2)
    (['online', 'scam', 'operations', 'scam', 'victims', 'online scam', 'scam operations', 'scam victims'], 7)
    """
    runs, words = _word_runs(text)
    names = [w for run in runs for w, stop, _, _, _ in run if not stop]
    names += [" ".join([w[0] for w in words_of]) for words_of in _phrase_runs(runs, max_n)]
    return names, words


def _phrase_runs(runs: list[list[_Word]], max_n: int) -> Iterator[list[_Word]]:
    """The words of each phrase of 2..``max_n`` words in ``runs``, shortest first: a run's
    slice that a word may open (not a function word, unless it opens a name) and that does
    not end with a function word."""
    for n in range(2, max_n + 1):
        for run in runs:
            for i in range(len(run) - n + 1):
                if run[i][4] and not run[i + n - 1][1]:
                    yield run[i : i + n]


_PARTS = re.compile(f"({_TOKEN.pattern})")  # split: separator, token, separator, ...
_Word = tuple[str, bool, int, int, bool]
# (folded word, function word, start, end, may open a phrase): a function word opens one only
# inside a name, written in title case after the sentence's first word and before another
# capitalised word ("the First Lady", "in New Zealand"), so that the name is read whole


def _word_runs(text: str) -> tuple[list[list[_Word]], int]:
    """The runs of words of ``text`` a phrase may span (broken by punctuation other than a
    hyphen, by numbers and by single letters), and its count of words; from one split of the
    text (a third faster than a match object per token).

    >>> [[(w, opens) for w, _, _, _, opens in run] for run in _word_runs("First, the First Lady.")[0]]
    [[('first', False)], [('the', False), ('first', True), ('lady', True)]]
    """
    parts = _PARTS.split(text)
    runs: list[list[_Word]] = []
    run: list[_Word] = []
    words = 0
    end = 0
    titled = False  # the previous word of the run is a function word in title case
    for k in range(1, len(parts), 2):
        token, gap = parts[k], parts[k - 1]  # the gap: what lies after the previous token
        start = end + len(gap)
        end = start + len(token)
        word, is_word, stop = _word(token)
        if not is_word:
            if run:
                runs.append(run)
                run = []
            titled = False
            continue
        if run and gap and not (gap.isspace() or gap in _HYPHENS):
            runs.append(run)
            run = []
        if titled and run and token[:1].isupper():
            run[-1] = (*run[-1][:4], True)
        titled = stop and words > 0 and token[:1].isupper() and token[1:].islower()
        words += 1
        run.append((word, stop, start, end, not stop))
    if run:
        runs.append(run)
    return runs, words


class TermMemo:
    """The term names and the word count of each distinct sentence text, worked out once.

    The names are kept, not the spans: the spans are found again only for the few texts that
    hold a term asked about (:meth:`terms`), which keeps the memo of a whole archive small
    (each name is kept once, shared by the texts holding it).

    >>> memo = TermMemo(2)
    >>> memo.names("Online scams grew.") is memo.names("Online scams grew.")
    True
    >>> memo.names("Online scams grew."), memo.words(["Online scams grew."])
    (('online', 'scams', 'grew', 'online scams', 'scams grew'), 3)
    """

    def __init__(self, max_n: int) -> None:
        self.max_n = max_n
        self._seen: dict[str, tuple[tuple[str, ...], int]] = {}
        self._names: dict[str, str] = {}

    def _get(self, text: str) -> tuple[tuple[str, ...], int]:
        found = self._seen.get(text)
        if found is None:
            names, words = sentence_names(text, self.max_n)
            one = self._names.setdefault
            found = self._seen[text] = (tuple([one(t, t) for t in names]), words)
        return found

    def names(self, text: str) -> tuple[str, ...]:
        """The terms of ``text``, as :func:`phrases` names them, in its order."""
        return self._get(text)[0]

    def terms(self, text: str) -> list[Term]:
        """:func:`phrases` of ``text``, with their spans."""
        return sentence_terms(text, self.max_n)[0]

    def counts(self, statements: Iterable[Statement]) -> Counter[str]:
        """How often each term occurs in the sentences of ``statements``."""
        counts: Counter[str] = Counter()
        for statement in statements:
            for sentence in statement.sentences:
                counts.update(self._get(sentence.text)[0])
        return counts

    def words(self, texts: Iterable[str]) -> int:
        """The words of ``texts`` that keyness counts (:func:`is_counted`)."""
        return sum(self._get(text)[1] for text in texts)
