"""The JSON form of theme results (``schema`` 1) and their prose: reports' side of the themes.

The engine's :mod:`policydrift.compare.themes.models` holds plain data; how it is written out
(field names, rounding, the statuses explained, the detection limit in words) lives here, for
the JSON of ``drift themes`` and ``drift compare`` and for the report templates.
"""

from __future__ import annotations

import math
from typing import Any

from policydrift.compare.themes.models import (
    DetectionLimit,
    Evidence,
    KeyTerm,
    Reframing,
    ThemeChange,
    ThemeComparison,
)
from policydrift.corpus.records import fields_of

THEMES_SCHEMA = 1
STATUS_HELP = {
    "new": "in no sentence of OLD, in at least the minimum number of sentences of NEW",
    "dropped": "in at least the minimum number of sentences of OLD, in no sentence of NEW",
    "reframed": "appears or disappears only inside aligned sentence pairs whose theme changed",
    "rising": "on both sides; more mentions and more sentences, the rate of sentences per 1,000 words up by at least the minimum ratio, in at least the minimum number of sentences",
    "falling": "on both sides; fewer mentions and fewer sentences, the rate of sentences per 1,000 words down by at least the minimum ratio, from at least the minimum number of sentences",
    "persisting": "on both sides, without a change large enough to call",
    "trace": "on one side only, in fewer sentences than the minimum to call it new or dropped",
    "absent": "on neither side",
}


def detection_text(limit: DetectionLimit) -> str:
    """What the text lengths allow one to see, in words.

    >>> from policydrift.compare.themes.status import detection_limit
    >>> detection_text(detection_limit(570, 392))[:60]
    'At these lengths (570 words in OLD, 392 in NEW) one mention '
    """

    def floor(value: float) -> str:
        return "undefined (no words)" if math.isinf(value) else f"{value:.2f}"

    plural = "s" if limit.min_new != 1 else ""
    return (
        f"At these lengths ({limit.old_words:,} words in OLD, {limit.new_words:,} in NEW) one "
        f"mention is {floor(limit.old_floor)} and {floor(limit.new_floor)} per 1,000 words: a "
        "theme absent from a side may still be used there at a lower rate. A theme in one "
        f"sentence of OLD needs {limit.rise_from_one} sentences in NEW to count as rising, and "
        f"one in one sentence of NEW needs {limit.fall_from_one} in OLD to count as falling "
        f"(smoothed ratio of sentence rates >= {limit.min_ratio:g}, at least {limit.min_count} "
        f"sentences, mentions moving the same way); new and dropped need at least "
        f"{limit.min_new} sentence{plural}. Smaller differences cannot be told apart from "
        "wording choices."
    )


def evidence_dict(e: Evidence) -> dict[str, Any]:
    return {
        **fields_of(e, "side", "sentence", "row", "text"),
        "matches": [{"start": s, "end": end, "text": e.text[s:end]} for s, end in e.spans],
    }


def change_dict(c: ThemeChange) -> dict[str, Any]:
    return {
        **fields_of(c, "theme", "label", "status", "cap_major", "cap_topic"),
        **fields_of(c, "old_count", "new_count", "old_sentences", "new_sentences"),
        "old_rate": round(c.old_rate, 3),
        "new_rate": round(c.new_rate, 3),
        "ratio": round(c.ratio, 3),
        "reframings": list(c.reframings),
        "evidence": [evidence_dict(e) for e in c.evidence],
    }


def reframing_dict(r: Reframing) -> dict[str, Any]:
    return {
        **fields_of(r, "row", "kind"),
        "old": list(r.old),
        "new": list(r.new),
        "removed": list(r.removed),
        "added": list(r.added),
        "kept": list(r.kept),
        "old_evidence": [evidence_dict(e) for e in r.old_evidence],
        "new_evidence": [evidence_dict(e) for e in r.new_evidence],
    }


def key_term_dict(k: KeyTerm) -> dict[str, Any]:
    return {
        **fields_of(k, "term", "words", "leaning", "old_count", "new_count"),
        "old_rate": round(k.old_rate, 3),
        "new_rate": round(k.new_rate, 3),
        "log_ratio": round(k.log_ratio, 3),
        "log_odds": None if k.log_odds is None else round(k.log_odds, 3),
        "z": None if k.z is None else round(k.z, 3),
        "themes": list(k.themes),
        "example": None if k.example is None else evidence_dict(k.example),
        "uses": [evidence_dict(e) for e in k.uses],
    }


def detection_dict(d: DetectionLimit) -> dict[str, Any]:
    return {
        **fields_of(d, "old_words", "new_words"),
        "old_floor": round(d.old_floor, 3) if d.old_words else None,
        "new_floor": round(d.new_floor, 3) if d.new_words else None,
        **fields_of(d, "rise_from_one", "fall_from_one"),
        "text": detection_text(d),
    }


def themes_dict(t: ThemeComparison) -> dict[str, Any]:
    """The JSON form (``schema`` 1): themes, reframings, keyness and how it was made.

    ``lexicon`` names every lexicon used (``lexicons``: name, version, size, source).
    """
    return {
        "schema": THEMES_SCHEMA,
        "old": {"id": t.old_id, "label": t.old_label, "words": t.old_words},
        "new": {"id": t.new_id, "label": t.new_label, "words": t.new_words},
        "lexicon": dict(t.lexicon),
        "options": dict(t.options),
        "statuses": dict(STATUS_HELP),
        "detection_limit": detection_dict(t.detection),
        "themes": [change_dict(c) for c in t.changes],
        "reframings": [reframing_dict(r) for r in t.reframings],
        "keyness_method": t.keyness_method,
        "keyness": [key_term_dict(k) for k in t.keyness],
        "lexicon_gaps": [key_term_dict(k) for k in t.gaps],
        "emerging_phrases": [k.term for k in t.emerging],
        "sentence_themes": {
            side: {str(i): list(ids) for i, ids in sorted(mapping.items())}
            for side, mapping in sorted(t.sentence_themes.items())
        },
    }


def marked(e: Evidence, left: str = "**", right: str = "**") -> str:
    """The evidence text with matches wrapped in ``left``/``right`` (plain-text outputs).

    >>> marked(Evidence("new", 0, "fight online scams now", ((6, 18),)))
    'fight **online scams** now'
    """
    return "".join(f"{left}{t}{right}" if hit else t for t, hit in e.pieces)
