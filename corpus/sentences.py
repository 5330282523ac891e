"""Kept text to alignment units: paragraphs (:mod:`policydrift.corpus.paragraphs`), then
sentences, list items and clauses.

Units. A paragraph (or list item) whose text ends with ``;`` (optionally followed by "and" or
"or") is a clause of an enumeration and forms one unit: a preamble clause ("NOTING that ...;")
or a numbered decision ("10. Strengthen ... 2021-2025. Explore ...;"). Other paragraphs are cut
into sentences by Bling Fire (fastest of the candidates measured in
``benchmarks/bench_segment.py``), with rules where it fails: a list marker is never cut from
its item (it is taken off before segmenting and belongs to the first sentence), a cut after an
abbreviation ("No. 2", "Dec. 7", "e.g.", "Mr.", "et seq.", "U.S.C. 1622", "Joseph R. Biden Jr.
welcomed") or before a lowercase word is undone, and a missed cut before a title ("met. Dr. Tan
said") is made. No unit crosses a paragraph boundary, and none is longer than
:data:`MAX_SENTENCE_CHARS`: a longer run is cut at the last space or line break before the
limit (at the limit when there is none), in linear time.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from policydrift.corpus import paragraphs as _markers  # its list-marker patterns, anchored only
from policydrift.corpus.models import Sentence
from policydrift.corpus.normalize import normalise_key
from policydrift.corpus.paragraphs import paragraphs, strip_span

__all__ = ["MAX_SENTENCE_CHARS", "paragraphs", "split_sentences", "strip_span"]

MAX_SENTENCE_CHARS = 2000
"""The longest unit, in characters; longer runs are cut at whitespace near this limit."""

_CLAUSE_END = re.compile(r";(?:\s+(?:and|or))?[*_\s]*\Z")
_MAYBE_BOUNDARY = re.compile(
    r"[.!?…][\"'”’)\]*_]*\s+\S|[。！？][」』”’)）]*\S|[^\W\d_]{2}[.!?][\"”’)]*[A-Z][a-z]"
)
# "activities.We reaffirm": a full stop with no space after it, between two words. (The
# letters before it are looked at after the stop, so that the search skips ahead to stops.)
_GLUED = re.compile(r"[.!?](?<=[^\W\d_]{2}[.!?])[\"”’)]*(?=[A-Z][a-z])")
# A full stop of Chinese or Japanese text ends a sentence with no space after it.
_CJK_END = re.compile(r"[。！？][」』”’)）]*(?=\S)")
# Controls, odd spaces and lone surrogates become a plain space for Bling Fire (same length).
_ODD_CHARS = re.compile(
    "[\x00-\x1f\x7f\x85\xa0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ud800-\udfff]"
)
_ABBREV_ALWAYS_WORDS = (
    "mr mrs ms messrs dr prof st mt ft gen lt col capt sen rep gov hon rev amb pres "
    "e.g i.e cf vs viz approx incl esp resp al "
)
_ABBREV_ALWAYS = frozenset(_ABBREV_ALWAYS_WORDS.split())
_ABBREV_NUMBERED_WORDS = (
    "no nos art arts para paras sec secs ch chap p pp vol vols fig figs op ref nr tel "
    "ext jan feb mar apr jun jul aug sep sept oct nov dec "
)
_ABBREV_NUMBERED = frozenset(_ABBREV_NUMBERED_WORDS.split())
_ABBREV_AMBIGUOUS_WORDS = "etc seq inc ltd co corp jr sr bros govt dept univ assn est "
_ABBREV_AMBIGUOUS = frozenset(_ABBREV_AMBIGUOUS_WORDS.split())
_ABBREV_ALL = _ABBREV_ALWAYS | _ABBREV_NUMBERED | _ABBREV_AMBIGUOUS
_BEFORE_TITLE = re.compile(
    r"[.!?](?<=[a-z]{2}[.!?])([\"”’)]*)\s+(?=(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Amb|Hon|Rev)\.\s)"
)
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Amb|Hon|Rev)\.\s")  # cheap test
_STRAY_MARKER = re.compile(r"[;:]\s+(\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)])\s*\Z")
_LOOK = 80  # characters either side of a cut that the glue rules look at
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.")


def split_sentences(text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    """Alignment units of the kept ``spans`` of ``text``, with offsets into ``text``.

    Paragraph numbers count from 0 over the paragraphs that hold a unit. Each unit's text is
    ``text[start:end]``, without surrounding whitespace, and has a non-empty key.

    >>> text = "Hereby decide to:\\n  1. Support the plan;\\n  2. Meet on Dec. 7. No. 2 is next."
    >>> [(s.text, s.paragraph) for s in split_sentences(text, [(0, len(text))])]
    [('Hereby decide to:', 0), ('1. Support the plan;', 1), ('2. Meet on Dec. 7.', 2), ('No. 2 is next.', 2)]
    """
    _check_spans(text, spans)
    out: list[Sentence] = []
    paragraph = 0
    for a, b in spans:
        for pa, pb in paragraphs(text, a, b):
            emitted = False
            for ua, ub in _paragraph_units(text, pa, pb):
                unit = text[ua:ub]
                key = _key(unit)
                if key:
                    out.append(Sentence(len(out), unit, key, ua, ub, paragraph))
                    emitted = True
            paragraph += emitted
    return out


# Editions of a series repeat most of their sentences: each text's key is made once while it
# is among the latest ones read.
_key = lru_cache(maxsize=1 << 14)(normalise_key)


def _paragraph_units(text: str, pa: int, pb: int) -> list[tuple[int, int]]:
    """:func:`_units` of the paragraph ``text[pa:pb]``, which depend on its text alone (its
    rules never look past it: ``tests/corpus/test_sentences.py``), so a paragraph repeated
    edition after edition is segmented once while it is among the latest ones read."""
    return [(pa + a, pa + b) for a, b in _units_alone(text[pa:pb])]


@lru_cache(maxsize=1 << 13)
def _units_alone(paragraph: str) -> tuple[tuple[int, int], ...]:
    return tuple(_units(paragraph, 0, len(paragraph)))


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous = 0
    for span in spans:
        a, b = span
        if not previous <= a <= b <= len(text):
            msg = f"spans must be ordered, non-overlapping offsets into text: {span!r}"
            raise ValueError(msg)
        previous = b


def _units(text: str, pa: int, pb: int) -> list[tuple[int, int]]:
    """Units of one (stripped) paragraph."""
    marker = _markers.MARKER.match(text, pa, pb)
    body = marker.end() if marker else pa
    if _CLAUSE_END.search(text, pa, pb) or not _MAYBE_BOUNDARY.search(text, body, pb):
        if pb - pa <= MAX_SENTENCE_CHARS:
            return [(pa, pb)]
        pieces = [(pa, pb)]
    else:
        pieces = _segment(text, body, pb)
        pieces[0] = (pa, pieces[0][1])
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        a, b = strip_span(text, a, b)
        if a < b:
            out.extend(_cut_long(text, a, b))
    return out


def _segment(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Sentences of ``text[a:b]`` by Bling Fire, with the rule fixes; never empty."""
    from policydrift.corpus.lazy import blingfire as load_blingfire

    blingfire = load_blingfire()

    chunk = _ODD_CHARS.sub(" ", text[a:b])
    found: list[tuple[int, int]] = []
    pos = 0
    for sentence in _text_to_sentences(blingfire, chunk).split("\n"):
        if not sentence:
            continue
        at = chunk.find(sentence, pos)
        if at < 0:  # Bling Fire changed the text: keep the rest whole rather than guess
            break
        found.append((a + at, a + at + len(sentence)))
        pos = at + len(sentence)
    if not found:
        return [(a, b)]
    found[0] = (a, found[0][1])
    found[-1] = (found[-1][0], b)
    out: list[tuple[int, int]] = []
    for pa, pb in _glue(text, found):
        for ta, tb in _split_before_titles(text, pa, pb):
            for ga, gb in _split_glued(text, ta, tb):
                out.extend(_split_cjk(text, ga, gb))
    return out


def _split_glued(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Cut 'activities.We reaffirm' after the stop: a space lost in copying.

    Not inside a web address, a file or domain name, or an abbreviation ('e.g.We' stays): the
    word before the stop holds no other '.', '/', '@' or ':'.

    >>> text = "We support these activities.We reaffirm the plan at www.asean.Org today."
    >>> [text[x:y] for x, y in _split_glued(text, 0, len(text))]
    ['We support these activities.', 'We reaffirm the plan at www.asean.Org today.']
    """
    for found in _GLUED.finditer(text, a, b):
        word_start = max(text.rfind(" ", a, found.start()), text.rfind("\n", a, found.start())) + 1
        word = text[max(word_start, a) : found.start()]
        if any(ch in word for ch in "./@:") or word.casefold() in _ABBREV_ALL:
            continue
        yield a, found.end()
        a = found.end()
    yield a, b


def _text_to_sentences(blingfire: Any, chunk: str) -> str:
    """``blingfire.text_to_sentences(chunk)``, with its output buffer rounded up to a power of
    two: ctypes makes a new array type for every new buffer size, which costs more than the
    segmentation of a paragraph. Same size limit, same zeroed buffer, same result."""
    library = getattr(blingfire, "blingfire", None)
    if library is None:  # pragma: no cover - a Bling Fire without its ctypes handle
        return blingfire.text_to_sentences(chunk)
    data = chunk.encode("utf-8")
    size = len(data) * 2
    out = ctypes.create_string_buffer(1 << max(size, 1).bit_length())
    written = library.TextToSentences(
        ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(out), ctypes.c_int(size)
    )
    if written == -1 or written > size:
        return ""
    return out.value.decode("utf-8")


def _split_cjk(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Cut after '。', '！', '？' (and closing quotes): Bling Fire leaves them unsplit."""
    for found in _CJK_END.finditer(text, a, b):
        yield a, found.end()
        a = found.end()
    yield a, b


def _split_before_titles(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Cut 'met. Dr. Tan said' before the title: Bling Fire never cuts before 'Mr.'/'Dr.'."""
    if _TITLE.search(text, a, b) is None:  # no title at all (the usual case): nothing to cut
        yield a, b
        return
    for found in _BEFORE_TITLE.finditer(text, a, b):
        word = text[max(a, found.start() - 12) : found.start()].rsplit(None, 1)[-1]
        if word.rstrip(".").casefold() in _ABBREV_ALL:
            continue
        yield a, found.start() + 1 + len(found.group(1))
        a = found.end()
    yield a, b


def _glue(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo Bling Fire's wrong cuts. Looks only at the ends of neighbouring pieces: linear."""
    out = [pieces[0]]
    prev_a, prev_b = pieces[0]
    end = pieces[-1][1]  # the paragraph's end: what lies beyond is another paragraph's
    for a, b in pieces[1:]:
        tail_start = max(prev_a, prev_b - _LOOK)
        before = text[tail_start:prev_b]
        shifted = _stray_marker(before)
        if shifted is not None:
            out[-1] = (out[-1][0], tail_start + shifted)
            out.append((tail_start + shifted, b))
        elif _joined(before, text[a : min(a + _LOOK, end)], whole=tail_start == prev_a):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        prev_a, prev_b = a, b
    return out


def _stray_marker(before: str) -> int | None:
    """Where a list marker left at the end of a sentence ('...; 2.') starts, if there is one."""
    found = _STRAY_MARKER.search(before)
    return found.start(1) if found else None


def _joined(before: str, after: str, *, whole: bool) -> bool:
    """Whether Bling Fire's cut between ``before`` and ``after`` is wrong.

    ``before`` and ``after`` are the ends next to the cut; ``whole`` says ``before`` is the
    whole piece before it.
    """
    after = after.lstrip()
    if not after:
        return True
    if whole and (not any(ch.isalnum() for ch in before) or _markers.LONE_MARKER.fullmatch(before)):
        return True
    first = after[0]
    if first.islower() or not any(ch.isalnum() for ch in after[:3]):
        return True
    words = before.rsplit(None, 1)
    if not words:
        return False
    core = words[-1].lstrip("([\"'“‘*_").rstrip("*_\"'”’)]")
    if not core.endswith(".") or len(core) < 2:
        return False
    word = core[:-1].casefold()
    if word in _ABBREV_ALWAYS or _INITIALS.fullmatch(core) and len(core) == 2:
        return True
    numbered = first.isdigit() or first == "("
    if word in _ABBREV_NUMBERED:
        return numbered
    if word in _ABBREV_AMBIGUOUS or _INITIALS.fullmatch(core):
        return numbered
    return False


def _cut_long(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    limit = MAX_SENTENCE_CHARS
    while b - a > limit:
        hi = a + limit
        lo = a + limit // 2
        cut = max(text.rfind(" ", lo, hi), text.rfind("\n", lo, hi))
        if cut <= a:
            yield a, hi
            a = hi
        else:
            yield strip_span(text, a, cut)
            a = cut + 1
        while a < b and text[a].isspace():
            a += 1
    if a < b:
        yield a, b
