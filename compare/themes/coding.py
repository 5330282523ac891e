"""Theme coding and theme change: which policy themes are new, dropped, rising or falling.

Each sentence is coded against every theme of a :class:`~policydrift.compare.themes.lexicon.Lexicon` (a sentence
can carry several). Between two statements a theme's status is decided by presence and counts
with the sentences as evidence (short statements do not support significance tests):

- ``new``: no sentence in OLD, at least ``min_new`` sentences in NEW; ``dropped`` the converse;
  ``trace`` when present on one side in fewer sentences than that;
- ``rising``/``falling``: present on both sides, the smoothed ratio of rates per 1,000 words
  ``((new + s) / new_words) / ((old + s) / old_words)`` (s = 1) at least ``min_ratio`` (at most its
  inverse) and at least ``min_count`` mentions on the larger side; else ``persisting``;
- ``reframed``: a new (or dropped) theme all of whose NEW (OLD) sentences sit in aligned
  sentence pairs whose themes changed (e.g. "cybercrime" edited into "online scams").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, NamedTuple

from policydrift.compare.themes.emerging import emerging_phrases
from policydrift.compare.themes.keyness import key_terms, lexicon_gaps
from policydrift.compare.themes.lexicon import Lexicon, Theme
from policydrift.compare.themes.models import (
    STATUSES,
    Evidence,
    KeyTerm,
    Reframing,
    ThemeChange,
    ThemeComparison,
    ThemeHit,
)
from policydrift.compare.themes.patterns import fold_separators, matchable
from policydrift.compare.themes.rules import sentence_scopes
from policydrift.compare.themes.status import (
    StatusRules,
    detection_limit,
    smoothed_ratio,
    theme_status,
)
from policydrift.corpus.models import Statement
from policydrift.corpus.normalize import key_words

if TYPE_CHECKING:
    from policydrift.compare.models import AlignedRow, Comparison, ThemeOptions

# Text between a long form and its bracketed acronym (or the reverse): one mention, not two.
_BRACKET = re.compile(r"\s*\(\s*")


def count_words(statement: Statement) -> int:
    """Words of a statement, as the comparison key counts them, over its sentences.

    >>> from policydrift.corpus.models import Sentence
    >>> s = Statement("x", "x", "U.S. scams.", "U.S. scams.", (Sentence(0, "U.S. scams.", "", 0, 11, 0),))
    >>> count_words(s)
    3
    """
    return sum(len(key_words(s.text)) for s in statement.sentences)


def code_statement(statement: Statement, lexicon: Lexicon) -> list[ThemeHit]:
    """Every theme match in every sentence, ordered by sentence, start and lexicon order.

    >>> from policydrift.compare.themes.lexicon import load_lexicon
    >>> from policydrift.corpus.models import Sentence
    >>> text = "We fight online scams and ransom wares."
    >>> s = Statement("x", "x", text, text, (Sentence(0, text, "", 0, len(text), 0),))
    >>> [(h.theme, h.text) for h in code_statement(s, load_lexicon())]
    [('online_scams', 'online scams'), ('ransomware', 'ransom wares')]
    """
    order = {theme.id: n for n, theme in enumerate(lexicon.themes)}
    hits: list[ThemeHit] = []
    scopes = sentence_scopes(statement)
    for sentence, scope in zip(statement.sentences, scopes, strict=True):
        text = sentence.text
        low, folded = matchable(text), fold_separators(text)
        for theme in lexicon.themes:
            for start, end in theme.spans(text, low, scope, folded):
                hits.append(
                    ThemeHit(
                        theme=theme.id,
                        statement=statement.id,
                        sentence=sentence.index,
                        start=start,
                        end=end,
                        raw_start=sentence.start + start,
                        raw_end=sentence.start + end,
                        text=text[start:end],
                    )
                )
    hits.sort(key=lambda h: (h.sentence, h.start, order[h.theme], h.end))
    return hits


def mention_count(hits: Iterable[ThemeHit], text_of: dict[int, str] | None = None) -> int:
    """Mentions among ``hits`` (one theme): "artificial intelligence (AI)" counts once.

    ``text_of`` maps sentence index to sentence text; without it every hit counts.

    >>> hits = [ThemeHit("ai", "x", 0, 0, 23, 0, 23, "artificial intelligence"),
    ...         ThemeHit("ai", "x", 0, 25, 27, 25, 27, "AI")]
    >>> mention_count(hits), mention_count(hits, {0: "artificial intelligence (AI)"})
    (2, 1)
    """
    count = 0
    previous: ThemeHit | None = None
    for hit in sorted(hits, key=lambda h: (h.sentence, h.start)):
        bracketed = (
            text_of is not None
            and previous is not None
            and previous.sentence == hit.sentence
            and _BRACKET.fullmatch(text_of[hit.sentence][previous.end : hit.start]) is not None
        )
        count += not bracketed
        previous = hit
    return count


def sentence_themes(hits: Iterable[ThemeHit], lexicon: Lexicon) -> dict[int, list[str]]:
    """{sentence index: [theme ids in lexicon order]} for the sentences carrying a theme.

    >>> from policydrift.compare.themes.lexicon import load_lexicon
    >>> sentence_themes([ThemeHit("ransomware", "x", 4, 0, 3, 0, 3, "ransomware")], load_lexicon())
    {4: ['ransomware']}
    """
    order = {t: n for n, t in enumerate(lexicon.ids)}
    found: dict[int, set[str]] = {}
    for hit in hits:
        found.setdefault(hit.sentence, set()).add(hit.theme)
    return {i: sorted(ids, key=order.__getitem__) for i, ids in sorted(found.items())}


def find_reframings(
    rows: Sequence[AlignedRow],
    old_hits: Sequence[ThemeHit],
    new_hits: Sequence[ThemeHit],
    lexicon: Lexicon,
    *,
    old: Statement,
    new: Statement,
) -> tuple[Reframing, ...]:
    """Aligned rows (both sides present) where a theme was swapped for another.

    A row is a reframing when its OLD sentences carry a theme its NEW sentences do not and
    the NEW sentences carry one the OLD do not: the sentence was reworded to a new theme.
    """
    old_themes = sentence_themes(old_hits, lexicon)
    new_themes = sentence_themes(new_hits, lexicon)
    order = {t: n for n, t in enumerate(lexicon.ids)}
    found = []
    for n, row in enumerate(rows):
        if not row.old or not row.new:
            continue
        before = {t for i in row.old for t in old_themes.get(i, ())}
        after = {t for i in row.new for t in new_themes.get(i, ())}
        removed, added = before - after, after - before
        if not removed or not added:
            continue

        def ordered(ids: set[str]) -> tuple[str, ...]:
            return tuple(sorted(ids, key=order.__getitem__))

        found.append(
            Reframing(
                row=n,
                kind=row.kind,
                old=tuple(row.old),
                new=tuple(row.new),
                removed=ordered(removed),
                added=ordered(added),
                kept=ordered(before & after),
                old_evidence=_evidence(
                    "old", old, row.old, old_hits, removed, {i: n for i in row.old}
                ),
                new_evidence=_evidence(
                    "new", new, row.new, new_hits, added, {i: n for i in row.new}
                ),
            )
        )
    return tuple(found)


def _evidence(
    side: str,
    statement: Statement,
    indexes: Iterable[int],
    hits: Sequence[ThemeHit],
    themes: set[str],
    rows: dict[int, int] | None = None,
) -> tuple[Evidence, ...]:
    wanted = set(indexes)
    spans: dict[int, list[tuple[int, int]]] = {i: [] for i in sorted(wanted)}
    for hit in hits:
        if hit.sentence in wanted and hit.theme in themes:
            spans[hit.sentence].append((hit.start, hit.end))
    return tuple(
        Evidence(side, i, statement.sentences[i].text, tuple(sorted(s)), (rows or {}).get(i))
        for i, s in spans.items()
        if s
    )


def _rows_of_sentences(rows: Sequence[AlignedRow]) -> dict[str, dict[int, int]]:
    """{side: {sentence index: index of the first row holding it}}."""
    found: dict[str, dict[int, int]] = {"old": {}, "new": {}}
    for n, row in enumerate(rows):
        for i in row.old:
            found["old"].setdefault(i, n)
        for i in row.new:
            found["new"].setdefault(i, n)
    return found


def compare_themes(
    comparison: Comparison,
    lexicon: Lexicon | None = None,
    *,
    options: ThemeOptions | None = None,
    min_new: int = 1,
    min_count: int = 3,
    min_ratio: float = 2.0,
    smoothing: float = 1.0,
    background: Sequence[Statement] | None = None,
    top: int = 20,
) -> ThemeComparison:
    """Theme changes between the two sides of a comparison, alignment-aware, with evidence.

    ``options`` (:class:`~policydrift.compare.models.ThemeOptions`) gives every setting at once;
    without it they come from the keywords (same names). ``lexicon``: None for the built-in
    lexicons. ``background``: statements whose word counts form the informative Dirichlet prior
    of the keyness log-odds (a corpus the two belong to); without it keyness uses the smoothed
    log ratio alone. ``top``: key terms kept per direction.

    >>> from policydrift.compare.themes.lexicon import load_lexicon
    >>> from policydrift.corpus.models import Sentence
    >>> from policydrift.compare.models import AlignedRow, CompareOptions, Comparison, Figures
    >>> def st(i, t): return Statement(i, i, t, t, (Sentence(0, t, "", 0, len(t), 0),))
    >>> old, new = st("a", "We fight cybercrime together."), st("b", "We fight online scams together.")
    >>> rows = (AlignedRow("edited", (0,), (0,), 80.0),)
    >>> c = Comparison(old, new, rows, (), Figures(4, 5, 0.6, 0.75, {}, False), CompareOptions())
    >>> result = compare_themes(c, load_lexicon())
    >>> [(x.theme, x.status) for x in result.flagged], result.reframings[0].added
    ([('online_scams', 'reframed'), ('cybercrime', 'reframed')], ('online_scams',))
    """
    from policydrift.compare.models import ThemeOptions

    if options is None:
        options = ThemeOptions(
            lexicon=lexicon, min_new=min_new, min_count=min_count, min_ratio=min_ratio,
            smoothing=smoothing, top=top, background=tuple(background or ()),
        )  # fmt: skip
    lexicon = options.resolve_lexicon()
    min_new, min_count, min_ratio = options.min_new, options.min_count, options.min_ratio
    smoothing, top, background = options.smoothing, options.top, options.background
    old, new = comparison.old, comparison.new
    rows = _rows_of_sentences(comparison.rows)
    sides = {
        side: _Side(side, st, code_statement(st, lexicon), count_words(st), rows[side])
        for side, st in (("old", old), ("new", new))
    }
    reframings = find_reframings(
        comparison.rows, sides["old"].hits, sides["new"].hits, lexicon, old=old, new=new
    )
    rules = StatusRules(min_new, min_count, min_ratio, smoothing)
    changes = [_change(theme, sides, reframings, rules) for theme in lexicon.themes]
    order = {t: n for n, t in enumerate(lexicon.ids)}
    changes.sort(key=lambda c: (STATUSES.index(c.status), order[c.theme]))
    terms = tuple(
        _with_rows(t, sides)
        for t in key_terms([old], [new], background=background, lexicon=lexicon, top=top)
    )
    old_words, new_words = sides["old"].words, sides["new"].words
    return ThemeComparison(
        old_id=old.id,
        new_id=new.id,
        old_words=old_words,
        new_words=new_words,
        lexicon=lexicon.describe(),
        options={**asdict(rules), "top": top, "background": len(background or ())},
        detection=detection_limit(old_words, new_words, rules),
        changes=tuple(changes),
        reframings=reframings,
        keyness=terms,
        gaps=lexicon_gaps(terms),
        emerging=emerging_phrases(terms),
        keyness_method="log_odds_dirichlet" if background else "log_ratio",
        sentence_themes={side: sentence_themes(sides[side].hits, lexicon) for side in sides},
        old_label=old.label,
        new_label=new.label,
    )


def _with_rows(term: KeyTerm, sides: dict[str, _Side]) -> KeyTerm:
    """The key term with each use linked to the comparison row showing its sentence."""
    uses = tuple(replace(e, row=sides[e.side].rows.get(e.sentence)) for e in term.uses)
    return replace(term, uses=uses, example=uses[0] if uses else term.example)


class _Side(NamedTuple):
    name: str
    statement: Statement
    hits: list[ThemeHit]
    words: int
    rows: dict[int, int]


def theme_counts(
    statement: Statement, hits: Iterable[ThemeHit], theme: str
) -> tuple[int, set[int]]:
    """Mentions of ``theme`` among a statement's hits, and the sentences carrying it.

    >>> from policydrift.compare.themes.lexicon import load_lexicon
    >>> from policydrift.corpus.models import Sentence
    >>> t = "Artificial intelligence (AI) and AI ethics."
    >>> s = Statement("a", "a", t, t, (Sentence(0, t, "", 0, len(t), 0),))
    >>> theme_counts(s, code_statement(s, load_lexicon()), "artificial_intelligence")
    (2, {0})
    """
    mine = [h for h in hits if h.theme == theme]
    sentences = {h.sentence for h in mine}
    return mention_count(mine, {i: statement.sentences[i].text for i in sentences}), sentences


def _change(
    theme: Theme, sides: dict[str, _Side], reframings: tuple[Reframing, ...], rules: StatusRules
) -> ThemeChange:
    old, new = sides["old"], sides["new"]
    old_count, old_sents = theme_counts(old.statement, old.hits, theme.id)
    new_count, new_sents = theme_counts(new.statement, new.hits, theme.id)
    status = theme_status(
        old_count, new_count, len(old_sents), len(new_sents), old.words, new.words, rules
    )
    tid = theme.id
    if status == "new":
        covered = {i for r in reframings if tid in r.added for i in r.new}
        status = "reframed" if new_sents <= covered else status
    elif status == "dropped":
        covered = {i for r in reframings if tid in r.removed for i in r.old}
        status = "reframed" if old_sents <= covered else status
    evidence = tuple(
        e
        for side, sents in ((old, old_sents), (new, new_sents))
        for e in _evidence(side.name, side.statement, sents, side.hits, {tid}, side.rows)
    )
    return ThemeChange(
        theme=tid,
        label=theme.label,
        status=status,
        old_count=old_count,
        new_count=new_count,
        old_sentences=len(old_sents),
        new_sentences=len(new_sents),
        old_rate=1000 * old_count / old.words if old.words else 0.0,
        new_rate=1000 * new_count / new.words if new.words else 0.0,
        ratio=smoothed_ratio(
            len(old_sents), len(new_sents), old.words, new.words, smoothing=rules.smoothing
        ),
        cap_major=theme.cap_major,
        cap_topic=theme.cap_topic,
        evidence=evidence,
        reframings=tuple(n for n, r in enumerate(reframings) if tid in r.removed or tid in r.added),
    )


__all__ = [
    "code_statement",
    "compare_themes",
    "count_words",
    "detection_limit",
    "find_reframings",
    "mention_count",
    "sentence_themes",
    "smoothed_ratio",
    "theme_counts",
    "theme_status",
]
