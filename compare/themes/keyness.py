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
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from policydrift.compare.themes.lexicon import Lexicon
from policydrift.compare.themes.models import Evidence, KeyTerm
from policydrift.compare.themes.patterns import matchable
from policydrift.compare.themes.rules import sentence_scopes
from policydrift.compare.themes.terms import TermMemo, is_counted, phrases, tokens
from policydrift.corpus.models import Statement

__all__ = [
    "key_terms",
    "lexicon_gaps",
    "log_odds_dirichlet",
    "phrases",
    "smoothed_log_ratio",
    "term_counts",
    "tokens",
    "word_total",
]

ThemeSpans = Callable[[Statement], Sequence[Sequence[tuple[str, Sequence[tuple[int, int]]]]]]


def word_total(statements: Iterable[Statement]) -> int:
    """Words counted by keyness (the denominators of its rates).

    >>> from policydrift.corpus.models import Sentence
    >>> word_total([Statement("a", "a", "", "", (Sentence(0, "The U.S. said 5G.", "", 0, 17, 0),))])
    3
    """
    return sum(
        1 for st in statements for s in st.sentences for w, _, _ in tokens(s.text) if is_counted(w)
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
    memo: TermMemo | None = None,
) -> tuple[KeyTerm, ...]:
    """The ``top`` terms leaning to NEW, then the ``top`` leaning to OLD (only those leaning
    to ``leaning``, 'new' or 'old', when given).

    A term needs ``min_count`` uses in all and an absolute log ratio of ``min_log_ratio``, and
    leans to a side only if it occurs there (with a much shorter NEW, as the latest edition
    against all earlier ones, smoothing alone would make a term absent from NEW lean to it).
    With a ``background`` they are ranked by the log-odds z-score (prior
    ``alpha_w = prior_scale * background count``, plus 0.01), else by the log ratio; ties by
    total count, then alphabetically. A phrase is dropped when a longer phrase containing it
    has the same counts on both sides. With a ``lexicon``, each term lists the themes whose
    matches overlap its uses; ``theme_spans(statement)`` may give those matches (per sentence,
    (theme id, spans) of each theme matching there, as
    :func:`~policydrift.compare.themes.coding.code_statement` finds them) when the caller
    has them already. A ``memo`` (:class:`~policydrift.compare.themes.terms.TermMemo`) kept
    between calls reads each distinct sentence once for all of them.

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
    seen = memo if memo is not None and memo.max_n == max_n else TermMemo(max_n)
    old_counts, new_counts = seen.counts(old), seen.counts(new)
    old_total = seen.words(s.text for st in old for s in st.sentences)
    new_total = seen.words(s.text for st in new for s in st.sentences)
    prior = term_counts(background, max_n=max_n) if background else None
    prior_total = prior_scale * word_total(background) + 1.0 if background else 0.0
    candidates = []
    for term in old_counts.keys() | new_counts.keys():
        o, n = old_counts[term], new_counts[term]
        if o + n < min_count:
            continue
        ratio = smoothed_log_ratio(o, n, old_total, new_total, smoothing=smoothing)
        if abs(ratio) < min_log_ratio or (leaning and (ratio > 0) != (leaning == "new")):
            continue  # (a phrase and a longer one with its counts lean the same way)
        if (n if ratio > 0 else o) == 0:
            continue  # absent from the side it would lean to (that side much the shorter)
        delta = z = None
        if prior is not None:
            alpha = prior_scale * prior[term] + 0.01
            delta, z = log_odds_dirichlet(
                o, n, old_total, new_total, alpha, max(prior_total, alpha + 1)
            )
        candidates.append((term, o, n, ratio, delta, z))

    def rank(item: tuple) -> tuple:
        term, o, n, ratio, _, z = item
        return (-abs(z if z is not None else ratio), -(o + n), term)

    # with a ``leaning``, the other side's terms are not looked for in the sentences
    kept = _Unsubsumed(candidates)
    leaning_new = kept.first(sorted((c for c in candidates if c[3] > 0), key=rank), top)
    leaning_old = kept.first(sorted((c for c in candidates if c[3] < 0), key=rank), top)
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


class _Unsubsumed:
    """The candidates not subsumed: a phrase is dropped when a longer candidate containing it
    has the same counts on both sides. Only a candidate with the same counts can subsume one,
    so the candidates are grouped by counts, and a group's subsumed phrases are worked out
    when one of its candidates is first asked about: taking the best few of a long ranked list
    reads a few groups, not every candidate.

    >>> kept = _Unsubsumed([("online scam", 0, 2), ("scam", 0, 2), ("online", 0, 3), ("fund", 1, 2)])
    >>> [c[0] for c in kept.first(kept.candidates, 3)]
    ['online scam', 'online', 'fund']
    """

    def __init__(self, candidates: Sequence[tuple]) -> None:
        self.candidates = candidates
        self._groups: dict[tuple[int, int], list[str]] = {}
        for c in candidates:
            self._groups.setdefault((c[1], c[2]), []).append(c[0])
        self._covered: dict[tuple[int, int], set[str]] = {}

    def first(self, ranked: Iterable[tuple], top: int) -> list[tuple]:
        """The first ``top`` of ``ranked`` (candidates, best first) that are not subsumed."""
        out: list[tuple] = []
        for c in ranked:
            if len(out) >= top:
                break
            if c[0] not in self._subsumed((c[1], c[2])):
                out.append(c)
        return out

    def _subsumed(self, counts: tuple[int, int]) -> set[str]:
        covered = self._covered.get(counts)
        if covered is None:
            group = self._groups[counts]
            here = set(group)
            covered = self._covered[counts] = set()
            for term in group:
                if " " not in term:  # a word holds no shorter term
                    continue
                words = term.split(" ")
                for size in range(1, len(words)):
                    for i in range(len(words) - size + 1):
                        part = " ".join(words[i : i + size])
                        if part in here:
                            covered.add(part)
        return covered


def _uses(sides: dict[str, Sequence[Statement]], wanted: set[str], seen: TermMemo) -> dict:
    """{side: {term: [(key, sentence, (start, end), statement), ...]}} for the wanted terms."""
    found: dict[str, dict[str, list]] = {side: {} for side in sides}
    held: dict[str, list[tuple[str, int, int]]] = {}  # the wanted terms of each distinct text
    for side, statements in sides.items():
        for position, statement in enumerate(statements):
            for sentence in statement.sentences:
                mine = held.get(sentence.text)
                if mine is None:
                    text = sentence.text
                    mine = held[text] = (
                        [(t, start, end) for t, _, start, end in seen.terms(text) if t in wanted]
                        if not wanted.isdisjoint(seen.names(text))
                        else []
                    )
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


def lexicon_gaps(terms: Iterable[KeyTerm], *, top: int = 15) -> tuple[KeyTerm, ...]:
    """Key terms no theme covers, phrases first: candidates for new lexicon entries.

    >>> gaps = lexicon_gaps([KeyTerm("regional forum", 2, 0, 3, 0.0, 6.0, 2.8),
    ...                      KeyTerm("scam", 1, 0, 5, 0.0, 9.0, 3.5, themes=("online_scams",))])
    >>> [g.term for g in gaps]
    ['regional forum']
    """
    uncovered = [t for t in terms if not t.themes]
    return tuple(sorted(uncovered, key=lambda t: (t.words == 1,))[:top])
