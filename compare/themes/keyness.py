"""Discovery beyond the lexicon: words and phrases whose use differs between two sides.

Terms are words and multiword phrases (up to ``max_n`` words) counted within sentences: a
phrase never crosses a sentence boundary or punctuation, and neither starts nor ends with a
function word. Two scores, shown with the counts on both sides and never with p-values:

- the smoothed log ratio ``log2(((new + s) / N_new) / ((old + s) / N_old))``, always;
- Monroe, Colaresi and Quinn (2008) log-odds ratio with an informative Dirichlet prior
  ``alpha_w = scale * background_w`` from a background corpus of statements, and its z-score
  (``delta / sqrt(1 / (new + alpha_w) + 1 / (old + alpha_w))``), when a background is given.

Either side may be several statements (corpus halves), so the timeline can reuse it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

from policydrift.compare.themes.lexicon import Lexicon
from policydrift.compare.themes.models import Evidence, KeyTerm
from policydrift.compare.themes.patterns import matchable
from policydrift.compare.themes.rules import sentence_scopes
from policydrift.compare.themes.words import STOPWORDS, variant
from policydrift.corpus.models import Statement
from policydrift.corpus.normalize import fold

ThemeSpans = Callable[[Statement], Sequence[Sequence[tuple[str, Sequence[tuple[int, int]]]]]]
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
    return word, _is_word(word), word in STOPWORDS


def _is_word(token: str) -> bool:
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
    return iter(_terms(text, max_n)[0])


Term = tuple[str, int, int, int]


def _terms(text: str, max_n: int) -> tuple[list[Term], int]:
    """:func:`phrases` of ``text`` as a list, and its count of words (for :func:`word_total`)."""
    runs: list[list[tuple[str, bool, int, int]]] = []  # (word, function word, start, end)
    run: list[tuple[str, bool, int, int]] = []
    out: list[Term] = []
    last_end = -1
    words = 0
    for m in _TOKEN.finditer(text):
        word, is_word, stop = _word(m.group())
        start, end = m.span()
        if not is_word:
            if run:
                runs.append(run)
                run = []
        elif run and start != last_end:
            gap = text[last_end:start]
            if not (gap.isspace() or gap in _HYPHENS):
                runs.append(run)
                run = []
        if is_word:
            words += 1
            run.append((word, stop, start, end))
            if not stop:
                out.append((word, 1, start, end))
        last_end = end
    if run:
        runs.append(run)
    if max_n >= 2:
        for run in runs:
            for a, b in zip(run, run[1:], strict=False):
                if not (a[1] or b[1]):
                    out.append((f"{a[0]} {b[0]}", 2, a[2], b[3]))
    if max_n >= 3:
        for run in runs:
            for a, b, c in zip(run, run[1:], run[2:], strict=False):
                if not (a[1] or c[1]):
                    out.append((f"{a[0]} {b[0]} {c[0]}", 3, a[2], c[3]))
    for n in range(4, max_n + 1):
        for run in runs:
            for i in range(len(run) - n + 1):
                a, c = run[i], run[i + n - 1]
                if not (a[1] or c[1]):
                    out.append((" ".join([w[0] for w in run[i : i + n]]), n, a[2], c[3]))
    return out, words


class _Sentences:
    """The terms and the word count of each distinct sentence text, worked out once.

    Editions repeat most of their sentences: in a timeline's series each is tokenised once.
    """

    def __init__(self, max_n: int) -> None:
        self.max_n = max_n
        self._seen: dict[str, tuple[list[tuple[str, int, int, int]], list[str], int]] = {}

    def _get(self, text: str) -> tuple[list[tuple[str, int, int, int]], list[str], int]:
        found = self._seen.get(text)
        if found is None:
            terms, words = _terms(text, self.max_n)
            found = self._seen[text] = (terms, [t for t, *_ in terms], words)
        return found

    def terms(self, text: str) -> list[tuple[str, int, int, int]]:
        """:func:`phrases` of ``text``."""
        return self._get(text)[0]

    def counts(self, statements: Iterable[Statement]) -> Counter[str]:
        """:func:`term_counts` of ``statements``."""
        counts: Counter[str] = Counter()
        for statement in statements:
            for sentence in statement.sentences:
                counts.update(self._get(sentence.text)[1])
        return counts

    def words(self, statements: Iterable[Statement]) -> int:
        """:func:`word_total` of ``statements``."""
        return sum(self._get(s.text)[2] for st in statements for s in st.sentences)


def word_total(statements: Iterable[Statement]) -> int:
    """Words counted by keyness (the denominators of its rates).

    >>> from policydrift.corpus.models import Sentence
    >>> word_total([Statement("a", "a", "", "", (Sentence(0, "The U.S. said 5G.", "", 0, 17, 0),))])
    3
    """
    return sum(
        1 for st in statements for s in st.sentences for w, _, _ in tokens(s.text) if _is_word(w)
    )


def term_counts(statements: Iterable[Statement], *, max_n: int = 3) -> Counter[str]:
    """Counts of every term over the statements' sentences (also the background prior).

    >>> from policydrift.corpus.models import Sentence
    >>> s = Statement("a", "a", "", "", (Sentence(0, "Online scams. Online scams.", "", 0, 27, 0),))
    >>> term_counts([s], max_n=2)["online scams"]
    2
    """
    counts: Counter[str] = Counter()
    for statement in statements:
        for sentence in statement.sentences:
            counts.update(term for term, *_ in phrases(sentence.text, max_n=max_n))
    return counts


def smoothed_log_ratio(
    old_count: int, new_count: int, old_total: int, new_total: int, *, smoothing: float = 0.5
) -> float:
    """log2 of NEW's smoothed rate over OLD's: +1 is twice as frequent in NEW.

    >>> smoothed_log_ratio(0, 3, 500, 500)
    2.807354922057604
    """
    if smoothing <= 0:
        msg = f"smoothing must be > 0: {smoothing!r}"
        raise ValueError(msg)
    return math.log2(
        ((new_count + smoothing) / max(new_total, 1))
        / ((old_count + smoothing) / max(old_total, 1))
    )


def log_odds_dirichlet(
    old_count: int, new_count: int, old_total: int, new_total: int, alpha: float, alpha0: float
) -> tuple[float, float]:
    """Monroe et al. (2008) log-odds ratio (NEW vs OLD) with prior ``alpha``, and its z-score.

    ``alpha`` is the term's prior count and ``alpha0`` the prior's total.

    >>> delta, z = log_odds_dirichlet(0, 6, 500, 500, alpha=1.0, alpha0=1000.0)
    >>> round(delta, 3), round(z, 3)
    (1.95, 1.824)
    """
    if alpha <= 0 or alpha0 <= alpha:
        msg = f"need 0 < alpha < alpha0: {alpha!r}, {alpha0!r}"
        raise ValueError(msg)

    def logit(count: int, total: int) -> float:
        return math.log((count + alpha) / (total + alpha0 - count - alpha))

    delta = logit(new_count, new_total) - logit(old_count, old_total)
    variance = 1 / (new_count + alpha) + 1 / (old_count + alpha)
    return delta, delta / math.sqrt(variance)


def key_terms(
    old: Sequence[Statement],
    new: Sequence[Statement],
    *,
    background: Sequence[Statement] | None = None,
    lexicon: Lexicon | None = None,
    top: int = 20,
    min_count: int = 2,
    min_log_ratio: float = 1.0,
    max_n: int = 3,
    smoothing: float = 0.5,
    prior_scale: float = 1.0,
    theme_spans: ThemeSpans | None = None,
    leaning: str | None = None,
) -> tuple[KeyTerm, ...]:
    """The ``top`` terms leaning to NEW, then the ``top`` leaning to OLD (only those leaning
    to ``leaning``, 'new' or 'old', when given).

    A term needs ``min_count`` uses in all and an absolute log ratio of ``min_log_ratio``.
    With a ``background`` they are ranked by the log-odds z-score (prior
    ``alpha_w = prior_scale * background count``, plus 0.01), else by the log ratio; ties by
    total count, then alphabetically. A phrase is dropped when a longer phrase containing it
    has the same counts on both sides. With a ``lexicon``, each term lists the themes whose
    matches overlap its uses; ``theme_spans(statement)`` may give those matches (per sentence,
    (theme id, spans) of each theme matching there, as
    :func:`~policydrift.compare.themes.coding.code_statement` finds them) when the caller
    has them already.

    >>> from policydrift.corpus.models import Sentence
    >>> def st(i, t): return Statement(i, i, t, t, (Sentence(0, t, "", 0, len(t), 0),))
    >>> old = [st("a", "Ransomware gangs hit hospitals. Hospitals paid.")]
    >>> new = [st("b", "Online scam operations grew. Online scam operations spread.")]
    >>> [(k.term, k.old_count, k.new_count) for k in key_terms(old, new, top=2)]
    [('online scam operations', 0, 2), ('hospitals', 2, 0)]
    """
    if leaning not in (None, "new", "old"):
        msg = f"leaning must be 'new', 'old' or None: {leaning!r}"
        raise ValueError(msg)
    if top < 0 or min_count < 1 or min_log_ratio < 0 or prior_scale <= 0:
        msg = (
            "need top >= 0, min_count >= 1, min_log_ratio >= 0, prior_scale > 0: "
            f"{top!r}, {min_count!r}, {min_log_ratio!r}, {prior_scale!r}"
        )
        raise ValueError(msg)
    seen = _Sentences(max_n)
    old_counts, new_counts = seen.counts(old), seen.counts(new)
    old_total, new_total = seen.words(old), seen.words(new)
    prior = term_counts(background, max_n=max_n) if background else None
    prior_total = prior_scale * word_total(background) + 1.0 if background else 0.0
    candidates = []
    for term in sorted(
        t for t in old_counts.keys() | new_counts.keys()
        if old_counts[t] + new_counts[t] >= min_count
    ):  # fmt: skip
        o, n = old_counts[term], new_counts[term]
        ratio = smoothed_log_ratio(o, n, old_total, new_total, smoothing=smoothing)
        if abs(ratio) < min_log_ratio:
            continue
        delta = z = None
        if prior is not None:
            alpha = prior_scale * prior[term] + 0.01
            delta, z = log_odds_dirichlet(
                o, n, old_total, new_total, alpha, max(prior_total, alpha + 1)
            )
        candidates.append((term, o, n, ratio, delta, z))
    candidates = _drop_subsumed(candidates)

    def rank(item: tuple) -> tuple:
        term, o, n, ratio, _, z = item
        return (-abs(z if z is not None else ratio), -(o + n), term)

    # with a ``leaning``, the other side's terms are not looked for in the sentences
    leaning_new = sorted((c for c in candidates if c[3] > 0), key=rank)[:top]
    leaning_old = sorted((c for c in candidates if c[3] < 0), key=rank)[:top]
    leaning_new = leaning_new if leaning != "old" else []
    leaning_old = leaning_old if leaning != "new" else []
    selected = leaning_new + leaning_old
    uses = _uses({"old": old, "new": new}, {c[0] for c in selected}, seen)
    spans_cache: dict = {}
    result = []
    for term, o, n, ratio, delta, z in selected:
        side = "new" if ratio > 0 else "old"
        mine = _evidence(side, uses[side].get(term, []))
        result.append(
            KeyTerm(
                term=term,
                words=term.count(" ") + 1,
                old_count=o,
                new_count=n,
                old_rate=1000 * o / old_total if old_total else 0.0,
                new_rate=1000 * n / new_total if new_total else 0.0,
                log_ratio=ratio,
                log_odds=delta,
                z=z,
                themes=(
                    _covering(lexicon, uses, term, spans_cache, theme_spans) if lexicon else ()
                ),
                example=mine[0] if mine else None,
                uses=mine,
            )
        )
    return tuple(result)


def _evidence(side: str, found: list) -> tuple[Evidence, ...]:
    """One :class:`Evidence` per sentence among a term's uses, all its spans marked."""
    spans: dict[tuple, list] = {}
    sentences: dict[tuple, object] = {}
    for key, sentence, span, _ in found:
        spans.setdefault(key, []).append(span)
        sentences[key] = sentence
    return tuple(
        Evidence(side, sentences[k].index, sentences[k].text, tuple(spans[k])) for k in spans
    )


def _drop_subsumed(candidates: list[tuple]) -> list[tuple]:
    counts = {c[0]: (c[1], c[2]) for c in candidates}
    covered = set()
    for term, o, n, *_ in candidates:
        if " " not in term:  # a word holds no shorter term
            continue
        words = term.split(" ")
        both = (o, n)
        for size in range(1, len(words)):
            for i in range(len(words) - size + 1):
                part = " ".join(words[i : i + size])
                if counts.get(part) == both:
                    covered.add(part)
    return [c for c in candidates if c[0] not in covered]


def _uses(sides: dict[str, Sequence[Statement]], wanted: set[str], seen: _Sentences) -> dict:
    """{side: {term: [(key, sentence, (start, end), statement), ...]}} for the wanted terms."""
    found: dict[str, dict[str, list]] = {side: {} for side in sides}
    held: dict[str, list[tuple[str, int, int]]] = {}  # the wanted terms of each distinct text
    for side, statements in sides.items():
        for position, statement in enumerate(statements):
            for sentence in statement.sentences:
                mine = held.get(sentence.text)
                if mine is None:
                    mine = held[sentence.text] = [
                        (term, start, end)
                        for term, _, start, end in seen.terms(sentence.text)
                        if term in wanted
                    ]
                for term, start, end in mine:
                    key = (side, position, sentence.index)
                    found[side].setdefault(term, []).append(
                        (key, sentence, (start, end), statement)
                    )
    return found


def _covering(
    lexicon: Lexicon, uses: dict, term: str, cache: dict, theme_spans: ThemeSpans | None
) -> tuple[str, ...]:
    """Themes whose matches (context rules applied) overlap at least one use of ``term``."""
    themes: set[str] = set()
    for side in sorted(uses):
        for key, sentence, (start, end), statement in uses[side].get(term, ()):
            if key not in cache and theme_spans is not None:
                if id(statement) not in cache:
                    cache[id(statement)] = theme_spans(statement)
                cache[key] = cache[id(statement)][sentence.index]
            elif key not in cache:
                if id(statement) not in cache:
                    cache[id(statement)] = sentence_scopes(statement)
                scope = cache[id(statement)][sentence.index]
                low = matchable(sentence.text)
                cache[key] = [(t.id, t.spans(sentence.text, low, scope)) for t in lexicon.themes]
            for theme, spans in cache[key]:
                if any(s < end and start < e for s, e in spans):
                    themes.add(theme)
    return tuple(t for t in lexicon.ids if t in themes)


def emerging_phrases(terms: Iterable[KeyTerm], *, top: int = 8) -> tuple[KeyTerm, ...]:
    """Key terms leaning to NEW that no theme covers, in at least two sentences there (a phrase
    repeated inside one sentence is a burst, not a trend), multi-word phrases first (then by
    rank): the first-screen list of language beyond the lexicon.

    >>> two = (Evidence("new", 0, "", ()), Evidence("new", 1, "", ()))
    >>> t = [KeyTerm("regional forum", 2, 0, 3, 0.0, 6.0, 2.8, uses=two),
    ...      KeyTerm("scam", 1, 0, 5, 0.0, 9.0, 3.5, uses=two), KeyTerm("forum", 1, 0, 4, 0.0, 8.0, 3.1, uses=two[:1]),
    ...      KeyTerm("old one", 2, 3, 0, 6.0, 0.0, -2.0, uses=two)]
    >>> [k.term for k in emerging_phrases(t)]
    ['regional forum', 'scam']
    """
    fresh = [t for t in terms if not t.themes and t.leaning == "new" and len(t.uses) >= 2]
    return tuple(sorted(fresh, key=lambda t: t.words == 1)[:top])


def lexicon_gaps(terms: Iterable[KeyTerm], *, top: int = 15) -> tuple[KeyTerm, ...]:
    """Key terms no theme covers, phrases first: candidates for new lexicon entries.

    >>> gaps = lexicon_gaps([KeyTerm("regional forum", 2, 0, 3, 0.0, 6.0, 2.8),
    ...                      KeyTerm("scam", 1, 0, 5, 0.0, 9.0, 3.5, themes=("online_scams",))])
    >>> [g.term for g in gaps]
    ['regional forum']
    """
    uncovered = [t for t in terms if not t.themes]
    return tuple(sorted(uncovered, key=lambda t: (t.words == 1,))[:top])
