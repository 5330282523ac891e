"""The lexicon's pattern language, translated to regular expressions.

- a space: one or more spaces, line breaks or dashes (``cross border`` = ``cross-border``);
- ``-``: an optional separator (``cyber-crime`` = cybercrime, cyber-crime, cyber crime);
- ``*``: any run of letters or digits, possibly none (``ransom-ware*`` = "ransom wares");
- a run of ``*`` and ``-`` is collapsed when the lexicon is loaded (``**`` = ``*``, ``--`` =
  ``-``, ``*-*`` = letters, then optionally a separator and more letters) into an expression
  with one way to match, and a pattern has at most :data:`MAX_WILDCARDS` such runs holding a
  ``*``: Python's backtracking ``re`` would otherwise take time growing with the word length
  to the power of the wildcards (``*****x`` against one 60-letter word never ends);
- ``(text)``: optional text (``behavio(u)r``, ``CERT(s)``); no nesting;
- ``[ab]``: one of the letters or digits listed (``organi[sz]ation``);
- ``'``: a straight or curly apostrophe; every other character stands for itself, except
  ``? + { } | \\ ^ $`` which are refused (this is not a regular expression).

Patterns are matched as whole words (no letter or digit just before or after). A pattern
that is not case-sensitive is translated in lower case and matched against :func:`lower` of
the text, which keeps every offset: case-insensitive means "equal after lowercasing each
character" (Unicode simple lowercase mapping).
"""

from __future__ import annotations

import functools
import re

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SEP_REQUIRED = rf"[\s{_DASHES}]+"
_SEP_OPTIONAL = rf"[\s{_DASHES}]*"
_APOSTROPHE = "['\u2019]"
_RESERVED = set("?+{}|\\^$)]")
_WORD_CHARS = r"\w"
_SEP_CHARS = rf"[\s{_DASHES}]"
MAX_WILDCARDS = 2
"""Most runs of wildcards holding a ``*`` in one pattern (each multiplies the worst-case time
by the length of a word)."""


def lower(text: str) -> str:
    """``text`` in lower case, character by character, so that every offset is kept.

    >>> lower("ASEAN\u2019s CERT"), len(lower("\u0130stanbul")) == len("\u0130stanbul")
    ('asean\u2019s cert', True)
    """
    folded = text.lower()
    if len(folded) == len(text):  # no character grew: the mapping was one to one
        return folded
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def pattern_regex(pattern: str, *, case_sensitive: bool = False, check_empty: bool = True) -> str:
    """The regular expression (source) for one lexicon pattern; ValueError if malformed.

    A case-insensitive pattern's expression is meant for :func:`lower` of the text.

    >>> import re
    >>> rx = re.compile(pattern_regex("cross-border data flow(s)"))
    >>> bool(rx.fullmatch(lower("Cross border data flows"))), bool(rx.fullmatch("crossborder data flow"))
    (True, True)
    >>> re.compile(pattern_regex("CERT(s)", case_sensitive=True)).fullmatch("certs") is None
    True
    """
    wildcards = len(re.findall(r"[*-]*\*[*-]*", pattern))
    if wildcards > MAX_WILDCARDS:
        msg = f"has {wildcards} '*' wildcards; at most {MAX_WILDCARDS} per pattern"
        raise ValueError(msg)
    body = _translate(pattern if case_sensitive else lower(pattern))
    if check_empty and re.fullmatch(body, ""):
        msg = "matches empty text; give at least one letter or digit that must be present"
        raise ValueError(msg)
    return body


def _translate(pattern: str, column: int = 1) -> str:
    """Translate a pattern (starting at ``column`` of the user's text, for messages)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch, at = pattern[i], column + i
        if ch == " ":
            while i + 1 < len(pattern) and pattern[i + 1] == " ":
                i += 1
            out.append(_SEP_REQUIRED)
        elif ch in "*-":
            end = i
            while end + 1 < len(pattern) and pattern[end + 1] in "*-":
                end += 1
            out.append(_wildcards(pattern[i : end + 1]))
            i = end
        elif ch in "'\u2019":
            out.append(_APOSTROPHE)
        elif ch == "(":
            close = pattern.find(")", i + 1)
            inner = pattern[i + 1 : close]
            if close < 0:
                msg = f"'(' at column {at} is never closed"
                raise ValueError(msg)
            if "(" in inner:
                msg = f"nested '(' at column {at + 1 + inner.index('(')}"
                raise ValueError(msg)
            if not inner.strip():
                msg = f"empty '()' at column {at}"
                raise ValueError(msg)
            out.append(f"(?:{_translate(inner, at + 1)})?")
            i = close
        elif ch == "[":
            close = pattern.find("]", i + 1)
            chars = pattern[i + 1 : close] if close > 0 else ""
            if not chars.isalnum():
                msg = f"'[' at column {at} must enclose letters or digits and be closed by ']'"
                raise ValueError(msg)
            out.append("[" + "".join(re.escape(c) for c in chars) + "]")
            i = close
        elif ch in _RESERVED:
            msg = f"unexpected {ch!r} at column {at}"
            raise ValueError(msg)
        elif ch.isspace():
            msg = f"unexpected whitespace {ch!r} at column {at}; use a plain space"
            raise ValueError(msg)
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def _wildcards(run: str) -> str:
    """One run of ``*`` and ``-`` as an expression with a single way to match any text.

    Repeats are merged (``**`` = ``*``); what remains alternates letters (``*``) and
    separators (``-``), each possibly empty, which is: the first kind, then optionally a
    non-empty run of the other kind, and so on. The two kinds share no character, so each
    character has one place to go.

    >>> _wildcards("***") == r"\\w*", _wildcards("--") == _SEP_OPTIONAL
    (True, True)
    >>> import re
    >>> rx = re.compile(_wildcards("*-*"))
    >>> [bool(rx.fullmatch(t)) for t in ("ab", "ab-cd", "ab cd", "", "ab-cd-ef")]
    [True, True, True, True, False]
    """
    kinds = [k for n, k in enumerate(run) if n == 0 or run[n - 1] != k]
    classes = [_WORD_CHARS if k == "*" else _SEP_CHARS for k in kinds]
    expression = ""
    for cls in reversed(classes[1:]):
        expression = f"(?:{cls}+{expression})?"
    return f"{classes[0]}*{expression}"


def any_matches_empty(sources: list[str]) -> bool:
    """Whether any of the translated patterns matches empty text: one compile for all of them.

    Compiling each pattern alone costs most of loading a lexicon; a theme's patterns are
    checked together, and only a theme that fails is checked pattern by pattern to name it.

    >>> any_matches_empty([pattern_regex("scam(s)"), "(?:x)?"])
    True
    """
    return bool(sources) and re.fullmatch("(?:" + "|".join(sources) + ")", "") is not None


def alternation(sources: list[str]) -> str:
    """One regex matching any of the translated patterns as a whole word, longest first.

    >>> alternation([pattern_regex("scam(s)"), pattern_regex("online scam(s)")]).count("|")
    1
    """
    ordered = sorted(dict.fromkeys(sources), key=lambda s: (-len(s), s))
    return r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)"


def pattern_anchor(pattern: str, *, case_sensitive: bool = False) -> str:
    """The longest run of plain characters every match of ``pattern`` contains ('' if none).

    Used as a cheap pre-check: a text without the anchor of any of a theme's patterns cannot
    match the theme, so its full expression need not run. In lower case unless
    ``case_sensitive`` (compare it with :func:`lower` of the text).

    >>> pattern_anchor("Cross-border data flow(s)"), pattern_anchor("build* (the )capacit*")
    ('border', 'capacit')
    """
    return max(_runs(pattern, case_sensitive=case_sensitive), key=len)


def required_runs(pattern: str, *, case_sensitive: bool = False) -> tuple[str, ...]:
    """Every run of plain characters each match of ``pattern`` contains, longest first.

    A text lacking any of them cannot match (a finer pre-check than :func:`pattern_anchor`,
    which is the longest of them). In lower case unless ``case_sensitive``.

    >>> required_runs("critical national infrastructure*"), required_runs("behavio(u)r")
    (('infrastructure', 'critical', 'national'), ('behavio', 'r'))
    """
    runs = dict.fromkeys(r for r in _runs(pattern, case_sensitive=case_sensitive) if r)
    return tuple(sorted(runs, key=len, reverse=True))


def _runs(pattern: str, *, case_sensitive: bool) -> list[str]:
    """The runs of plain characters outside optional groups and wildcards, '' between."""
    if not case_sensitive:
        pattern = lower(pattern)
    runs, depth, i = [""], 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch in "()":
            depth += 1 if ch == "(" else -1
            runs.append("")
        elif ch == "[":
            close = pattern.find("]", i + 1)
            i = len(pattern) if close < 0 else close
            runs.append("")
        elif depth == 0 and ch not in " -*'\u2019":
            runs[-1] += ch
        else:
            runs.append("")
        i += 1
    return runs


def can_match_empty(pattern: str) -> bool:
    """Whether ``pattern`` could match empty text, read from the pattern itself (no regex).

    Only ``-``, ``*`` and optional ``(...)`` groups can be absent; any other character
    (a space stands for one or more separators) must be there. Same answer as
    ``re.fullmatch(pattern_regex(p, check_empty=False), "")`` for well-formed patterns, at a
    fraction of the cost of compiling it.

    >>> can_match_empty("(s)"), can_match_empty("-*"), can_match_empty("scam(s)"), can_match_empty("[ab]")
    (True, True, False, False)
    """
    depth = 0
    for ch in pattern:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and ch not in "-*":
            return False
    return True


@functools.lru_cache(maxsize=4096)
def translated(pattern: str, *, case_sensitive: bool = False) -> str:
    """:func:`pattern_regex` with its empty-text check done by :func:`can_match_empty`, cached.

    >>> translated("scam(s)") == pattern_regex("scam(s)")
    True
    """
    body = pattern_regex(pattern, case_sensitive=case_sensitive, check_empty=False)
    if can_match_empty(pattern):
        msg = "matches empty text; give at least one letter or digit that must be present"
        raise ValueError(msg)
    return body


# Matching on folded text: every dash becomes "-", every whitespace character " " and a curly
# apostrophe "'", one character for one (offsets kept), so that the expressions can use plain
# classes in place of the Unicode ones above, which cost four times as much to compile.
_FOLD = str.maketrans(
    {
        **{c: "-" for c in _DASHES.replace("\\", "")},
        **{chr(c): " " for c in range(0x3001) if chr(c).isspace() and chr(c) != " "},
        "\u2019": "'",
    }
)
_FOLDABLE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c, to in _FOLD.items() if chr(c) != to) + "]"
)
_FOLD_ASCII = str.maketrans("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f", "         ")
_SIMPLE = ((_SEP_REQUIRED, "[ -]+"), (_SEP_OPTIONAL, "[ -]*"), (_APOSTROPHE, "'"))


def fold_separators(text: str) -> str:
    """``text`` with dashes, spaces and apostrophes folded to ``-``, `` `` and ``'``.

    >>> fold_separators("cross\u2013border\u00a0data\u2019s")
    "cross-border data's"
    """
    if text.isascii():  # printable ASCII holds nothing to fold: no copy made
        return text if text.isprintable() else text.translate(_FOLD_ASCII)
    # each character folds to one that is never folded: replacing one kind at a time is the
    # same as translating, and far cheaper than str.translate with a table of Unicode keys
    for ch in set(_FOLDABLE.findall(text)):
        text = text.replace(ch, _FOLD[ord(ch)])
    return text


def matchable(text: str) -> str:
    """The form of a text the expressions of :func:`simple_source` run on: lowered, folded.

    >>> matchable("Cross\u2011Border\\nFlows")
    'cross-border flows'
    """
    return fold_separators(lower(text))


def literal_first(source: str) -> str:
    """A whole-word expression of one pattern (:func:`alternation` of one source) with its
    leading letters first and the word-start test after them: the same matches, found by
    the engine's fast search for a literal instead of trying the test at every position.

    >>> print(literal_first(r"(?<!\\w)(?:scam(?:s)?)(?!\\w)"))
    (?:scam(?<!\\w[\\s\\S]{4})(?:s)?)(?!\\w)
    >>> print(literal_first(r"(?<!\\w)(?:a|b)(?!\\w)"))  # an alternation stays as it is
    (?<!\\w)(?:a|b)(?!\\w)
    """
    head, tail = r"(?<!\w)(?:", r")(?!\w)"
    inner = source[len(head) : -len(tail)]
    whole = source.startswith(head) and source.endswith(tail)
    prefix = _LITERAL_PREFIX.match(inner).group()
    if not (whole and prefix and split_alternatives(inner) == [inner]):
        return source
    return f"(?:{prefix}(?<!\\w[\\s\\S]{{{len(prefix)}}}){inner[len(prefix) :]}{tail}"


def split_alternatives(inner: str) -> list[str] | None:
    """The top-level alternatives of the inside of a group (``a|b(?:c|d)`` -> ``a``,
    ``b(?:c|d)``), or None if its brackets do not balance.

    >>> split_alternatives("a|b(?:c|d)|[|]"), split_alternatives("a)|(b")
    (['a', 'b(?:c|d)', '[|]'], None)
    """
    out, start, depth, in_class, i = [], 0, 0, False, 0
    while i < len(inner):
        ch = inner[i]
        if ch == "\\":
            i += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if inner[i + 1 : i + 2] == "]":  # "[]...]": the "]" is a member
                i += 1
        elif ch in "()":
            depth += 1 if ch == "(" else -1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            out.append(inner[start:i])
            start = i + 1
        i += 1
    if depth or in_class:
        return None
    out.append(inner[start:])
    return out


# Letters and digits not followed by a quantifier: a literal every match starts with.
_LITERAL_PREFIX = re.compile(r"(?:[^\W_](?![?*+{]))*")


def simple_source(source: str) -> str:
    """A translated pattern for text folded by :func:`fold_separators` (cheaper to compile).

    >>> import re
    >>> bool(re.fullmatch(simple_source(pattern_regex("cross border")), matchable("Cross\u2013border")))
    True
    """
    for unicode_class, plain in _SIMPLE:
        source = source.replace(unicode_class, plain)
    return source
