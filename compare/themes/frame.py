"""Theme counts of many statements as one table: a row per theme per statement."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from policydrift.compare.themes.coding import code_statement, count_words, theme_counts
from policydrift.compare.themes.lexicon import Lexicon
from policydrift.corpus.models import Statement

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["themes_frame"]


def themes_frame(statements: Iterable[Statement], lexicon: Lexicon) -> pd.DataFrame:
    """One row per theme per statement: mentions, sentences, words, rate per 1,000 words.

    Every theme of the lexicon gets a row for every statement (zero when absent), in statement
    then lexicon order, so the frame pivots straight into a theme x statement table.

    >>> from policydrift.compare.themes.lexicon import load_lexicon
    >>> from policydrift.corpus.models import Sentence
    >>> t = "Online scams and scam victims."
    >>> s = Statement("a", "a", t, t, (Sentence(0, t, "", 0, len(t), 0),), date="2025-10-21")
    >>> df = themes_frame([s], load_lexicon())
    >>> df.loc[df.mentions > 0, ["theme", "mentions", "sentences", "rate"]].to_dict("records")
    [{'theme': 'online_scams', 'mentions': 2, 'sentences': 1, 'rate': 400.0}, {'theme': 'victims_and_survivors', 'mentions': 1, 'sentences': 1, 'rate': 200.0}]
    """
    import pandas as pd

    columns = [
        "statement", "title", "date", "series", "theme", "label", "cap_major", "cap_topic",
        "mentions", "sentences", "words", "rate",
    ]  # fmt: skip
    records = []
    for statement in statements:
        hits = code_statement(statement, lexicon)
        words = count_words(statement)
        for theme in lexicon.themes:
            mentions, sents = theme_counts(statement, hits, theme.id)
            records.append(
                {
                    "statement": statement.id,
                    "title": statement.title,
                    "date": statement.date,
                    "series": statement.series,
                    "theme": theme.id,
                    "label": theme.label,
                    "cap_major": theme.cap_major,
                    "cap_topic": theme.cap_topic,
                    "mentions": mentions,
                    "sentences": len(sents),
                    "words": words,
                    "rate": 1000 * mentions / words if words else 0.0,
                }
            )
    return pd.DataFrame.from_records(records, columns=columns)
