"""The strength lexicon: graded markers of force, read from YAML with line-numbered errors.

The built-in lexicon ships as ``compare/shifts/strength.yaml``; a user file in the same format
extends it (a scale with a built-in id adds its markers to that scale; ``replace: true``
replaces it; other scales are appended) or, with ``extend: false`` at the top, stands alone.
Markers use the theme pattern language (:mod:`policydrift.compare.themes.patterns`,
``docs/themes.md``). The format is documented in ``docs/shifts.md``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policydrift.compare.shifts.scan import Deferred, Span
from policydrift.compare.themes.expressions import compile_expression
from policydrift.compare.themes.lexicon_base import (
    builtin_lexicon,
    identity,
    load_extended,
    merged_identity,
    text_digest,
)
from policydrift.compare.themes.lexicon_file import translate_each
from policydrift.compare.themes.patterns import (
    _SEP_OPTIONAL,
    _SEP_REQUIRED,
    alternation,
    any_matches_empty,
    lower,
    pattern_regex,
)
from policydrift.corpus.errors import StrengthFileError

BUILTIN = "builtin"
KINDS = ("graded", "intensity", "hedge", "negation")
SCALE_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
TOP_KEYS = ("schema", "name", "version", "description", "extend", "scales")
SCALE_KEYS = ("id", "label", "kind", "description", "levels", "markers", "exclude", "replace")
LEVEL_KEYS = ("grade", "markers")
GRADES = range(-3, 6)


@dataclass(frozen=True)
class Match:
    """One marker found in a text: its scale, grade and character span."""

    scale: str
    kind: str
    grade: int
    start: int
    end: int


@dataclass(frozen=True)
class Scale:
    """One scale: id, label, kind and its markers by grade (hedge/negation markers: grade 1).

    ``source``/``line`` say where it was defined; the compiled expressions are built once.
    """

    id: str
    label: str
    kind: str
    levels: tuple[tuple[int, tuple[str, ...]], ...]
    exclude: tuple[str, ...] = ()
    source: str = BUILTIN
    line: int = 0
    replace: bool = False
    regexes: tuple[tuple[int, re.Pattern[str]], ...] = field(default=(), compare=False, repr=False)
    exclude_regex: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def expressions(self) -> list[str]:
        """The sources of the scale's expressions (one per grade, and the exclusions)."""
        found = [regex.pattern for _, regex in self.regexes]
        return found + ([self.exclude_regex.pattern] if self.exclude_regex else [])

    def find(self, lowered: str) -> list[Match]:
        """Markers of this scale in ``lowered`` (:func:`fold` of
        :func:`policydrift.compare.themes.patterns.lower` of the text).

        >>> scale = make_scale("commitment", "Commitment", "graded",
        ...     [(4, ["will"]), (-1, ["consider"])], exclude=["will remain"])
        >>> [(m.grade, m.start) for m in scale.find("we will consider it; it will remain")]
        [(4, 3), (-1, 8)]
        """
        blocked = (
            [m.span() for m in self.exclude_regex.finditer(lowered)] if self.exclude_regex else []
        )
        return self.kept(
            [[m.span() for m in rx.finditer(lowered)] for _, rx in self.regexes], blocked
        )

    def kept(self, spans: list[list[Span]], blocked: list[Span]) -> list[Match]:
        """The markers of the ``spans`` of each of :attr:`regexes`, in order, that overlap
        no ``blocked`` span (of the exclusions)."""
        found = []
        for (grade, _), grade_spans in zip(self.regexes, spans, strict=True):
            for s, e in grade_spans:
                if not any(s < be and bs < e for bs, be in blocked):
                    found.append(Match(self.id, self.kind, grade, s, e))
        return found

    def expressions_read(self) -> list[re.Pattern[str]]:
        """The exclusions' expression (if any), then each grade's: as :meth:`find` runs them."""
        return [
            *([self.exclude_regex] if self.exclude_regex else []),
            *(r for _, r in self.regexes),
        ]


def make_scale(
    scale_id: str,
    label: str,
    kind: str,
    levels: list[tuple[int, list[str]]] | tuple[tuple[int, tuple[str, ...]], ...],
    *,
    exclude: list[str] | tuple[str, ...] = (),
    source: str = BUILTIN,
    line: int = 0,
    replace: bool = False,
) -> Scale:
    """Build and compile one scale; ValueError naming the bad value if any is malformed.

    >>> make_scale("hedges", "Hedges", "hedge", [(1, ["where appropriate"])]).kind
    'hedge'
    """
    if not SCALE_ID.fullmatch(scale_id):
        msg = f"scale id must be snake_case (a-z, 0-9, _): {scale_id!r}"
        raise ValueError(msg)
    if kind not in KINDS:
        msg = f"kind must be one of {', '.join(KINDS)}: {kind!r}"
        raise ValueError(msg)
    regexes = []
    for grade, markers in levels:
        if grade not in GRADES:
            msg = f"grade must be a whole number from -3 to 5: {grade!r}"
            raise ValueError(msg)
        sources = compile_patterns(markers, "marker")
        if sources:
            regexes.append((grade, re.compile(alternation(sources))))
    if not regexes:
        msg = f"scale {scale_id!r} has no markers"
        raise ValueError(msg)
    excludes = compile_patterns(exclude, "exclude")
    return Scale(
        id=scale_id,
        label=label,
        kind=kind,
        levels=tuple((g, tuple(ms)) for g, ms in levels),
        exclude=tuple(exclude),
        source=source,
        line=line,
        replace=replace,
        regexes=tuple(regexes),
        exclude_regex=re.compile(alternation(excludes)) if excludes else None,
    )


# Dashes folded to "-" in the text searched (one character for one, so offsets hold), so that
# the separators of the pattern language compile to a small class: compiling the full class
# of dashes in every multi-word marker was most of the cost of loading the lexicon.
_FOLD = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_SEPARATORS = ((_SEP_REQUIRED, r"[\s\-]+"), (_SEP_OPTIONAL, r"[\s\-]*"))


def fold(lowered: str) -> str:
    """``lowered`` with every dash as ``-`` (same length): what markers are matched against.

    >>> fold("cross\u2011border")
    'cross-border'
    """
    return lowered.translate(_FOLD)


def compile_patterns(items: list[str] | tuple[str, ...], what: str) -> list[str]:
    """The regex sources of lexicon patterns; ValueError naming the first malformed one.

    The "matches empty text" check runs once over all of them (compiling each alone would be
    most of the cost of loading a lexicon), pattern by pattern only when it fails.

    >>> compile_patterns(["where("], "marker")
    Traceback (most recent call last):
    ...
    ValueError: marker 'where(': '(' at column 6 is never closed
    """

    def source(item: str) -> str:
        found = pattern_regex(item, check_empty=False)
        for full, small in _SEPARATORS:
            found = found.replace(full, small)
        return found

    sources = translate_each(items, what, source)
    if any_matches_empty(sources):
        translate_each(items, what, pattern_regex)
    return sources


@dataclass(frozen=True)
class StrengthLexicon:
    """An ordered set of scales, with where it came from and a digest of its content."""

    name: str
    version: str
    scales: tuple[Scale, ...]
    sources: tuple[str, ...] = (BUILTIN,)
    digest: str = ""
    extend: bool = True
    _scanner: Deferred = field(default_factory=Deferred, init=False, compare=False, repr=False)

    def get(self, scale_id: str) -> Scale:
        """The scale with this id (KeyError if none)."""
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def label(self, scale_id: str) -> str:
        """The label of a scale, or its id if unknown."""
        try:
            return self.get(scale_id).label
        except KeyError:
            return scale_id

    def find(self, text: str) -> list[Match]:
        """Every marker in ``text`` by position; a marker lying inside a longer marker (of any
        scale) is dropped, so "will" in "will not tolerate" is not also a commitment.

        >>> [(m.scale, text[m.start:m.end]) for text in ["We will not tolerate it."]
        ...  for m in load_strength().find(text)]
        [('stance', 'will not tolerate')]
        """
        low = fold(lower(text))
        scanner = self._scanner.get(
            lambda: [rx for scale in self.scales for rx in scale.expressions_read()]
        )
        if scanner is None:
            found = [m for scale in self.scales for m in scale.find(low)]
        else:  # the same matches, from one scan of the text (compare/shifts/scan.py)
            spans = scanner.spans(low)
            found, k = [], 0
            for scale in self.scales:
                blocked = spans[k] if scale.exclude_regex else []
                k += bool(scale.exclude_regex)
                found += scale.kept(spans[k : k + len(scale.regexes)], blocked)
                k += len(scale.regexes)
        found.sort(key=lambda m: (m.start, -(m.end - m.start), m.scale))
        kept: list[Match] = []
        for m in found:
            inside = any(
                k.start <= m.start and m.end <= k.end and (k.end - k.start) > (m.end - m.start)
                for k in kept
            )
            duplicate = any(
                k.scale == m.scale and k.start < m.end and m.start < k.end for k in kept
            )
            if not inside and not duplicate:
                kept.append(m)
        return kept

    def describe(self) -> dict[str, object]:
        """Name, version, sources, digest and number of scales: recorded in every output."""
        return {**identity(self), "scales": len(self.scales)}


def parse_strength(text: str, *, source: str = "<string>") -> StrengthLexicon:
    """Parse and check strength lexicon YAML; :class:`StrengthFileError` names the line.

    >>> parse_strength("scales:\\n  - id: vows\\n    label: Vows\\n    kind: graded\\n"
    ...                "    levels:\\n      - grade: 9\\n        markers: [vow]\\n")
    Traceback (most recent call last):
    ...
    policydrift.corpus.errors.StrengthFileError: <string>: line 6: grade must be a whole number from -3 to 5: 9
    """
    from policydrift.compare.shifts.lexicon_file import read_scales

    top, scales = read_scales(text, source=source)
    return StrengthLexicon(
        name=top.get("name") or ("builtin" if source == BUILTIN else Path(source).stem),
        version=top.get("version") or "0",
        scales=tuple(scales),
        sources=(source,),
        digest=text_digest(text),
        extend=top.get("extend", True),
    )


def load_strength(path: str | Path | None = None) -> StrengthLexicon:
    """The built-in strength lexicon, or a user file extending (default) or replacing it.

    >>> lexicon = load_strength()
    >>> [s.id for s in lexicon.scales]
    ['commitment', 'necessity', 'stance', 'support', 'intensity', 'hedges', 'negation']
    """
    return load_extended(
        _builtin(),
        path,
        parse=parse_strength,
        merge=merge_strength,
        error=StrengthFileError,
        what="strength lexicon file",
    )


@functools.cache
def _builtin() -> StrengthLexicon:
    return builtin_lexicon(
        "strength",
        Path(__file__).with_name("strength.yaml"),
        lambda text: parse_strength(text, source=BUILTIN),
        strength_to_json,
        strength_from_json,
        lambda lexicon: [e for scale in lexicon.scales for e in scale.expressions()],
    )


def merge_strength(base: StrengthLexicon, extra: StrengthLexicon) -> StrengthLexicon:
    """``base`` extended by ``extra``: a scale of ``extra`` with a base id adds its markers and
    excludes to that scale (same grades merged), or replaces it if it says ``replace: true``;
    new scales are appended (they need a label). :class:`StrengthFileError` otherwise.

    >>> extra = StrengthLexicon("mine", "1", (make_scale("commitment", "", "graded",
    ...     [(4, ["vow(s) to"])]),))
    >>> merged = merge_strength(load_strength(), extra)
    >>> [(m.scale, m.grade) for m in merged.find("We vow to act.")]
    [('commitment', 4)]
    """
    extra_by_id = {s.id: s for s in extra.scales}
    scales = []
    for scale in base.scales:
        add = extra_by_id.pop(scale.id, None)
        scales.append(scale if add is None else _merge_scale(scale, add))
    for scale in extra.scales:
        if scale.id in extra_by_id and not scale.label:
            msg = f"line {scale.line}: scale {scale.id!r} is not built in, so it needs a 'label'"
            raise StrengthFileError(msg, path=scale.source)
    scales.extend(s for s in extra.scales if s.id in extra_by_id)
    return StrengthLexicon(scales=tuple(scales), **merged_identity(base, extra))


def _merge_scale(base: Scale, add: Scale) -> Scale:
    if add.replace:
        return add
    grades: dict[int, list[str]] = {g: list(ms) for g, ms in base.levels}
    for grade, markers in add.levels:
        grades.setdefault(grade, []).extend(m for m in markers if m not in grades[grade])
    levels = sorted(grades.items(), key=lambda item: -item[0])
    return make_scale(
        base.id,
        add.label or base.label,
        base.kind,
        [(g, ms) for g, ms in levels],
        exclude=list(dict.fromkeys(base.exclude + add.exclude)),
        source=base.source,
        line=base.line,
    )


def strength_to_json(lexicon: StrengthLexicon) -> dict[str, Any]:
    """Every field of ``lexicon`` and its scales as JSON values, expressions as their source
    (:func:`strength_from_json` reads them back): how the built-in lexicon is kept."""
    fields = ("name", "version", "sources", "digest", "extend")
    return {
        **{f: getattr(lexicon, f) for f in fields},
        "scales": [
            {
                **{f: getattr(s, f) for f in _SCALE_FIELDS},
                "regexes": [(grade, regex.pattern) for grade, regex in s.regexes],
                "exclude_regex": s.exclude_regex.pattern if s.exclude_regex else None,
            }
            for s in lexicon.scales
        ],
    }


def strength_from_json(data: dict[str, Any]) -> StrengthLexicon:
    """The lexicon :func:`strength_to_json` wrote, its expressions compiled."""
    scales = tuple(
        Scale(
            **{f: s[f] for f in _SCALE_FIELDS if f not in ("levels", "exclude")},
            levels=tuple((grade, tuple(markers)) for grade, markers in s["levels"]),
            exclude=tuple(s["exclude"]),
            regexes=tuple((grade, compile_expression(source)) for grade, source in s["regexes"]),
            exclude_regex=compile_expression(s["exclude_regex"]) if s["exclude_regex"] else None,
        )
        for s in data["scales"]
    )
    return StrengthLexicon(
        name=data["name"],
        version=data["version"],
        scales=scales,
        sources=tuple(data["sources"]),
        digest=data["digest"],
        extend=data["extend"],
    )


_SCALE_FIELDS = ("id", "label", "kind", "levels", "exclude", "source", "line", "replace")
