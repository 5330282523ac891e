"""Page furniture: the parts of a scraped or published page that are not the statement.

Rules are general, line by line, never written for one file:

- navigation and sharing lines ("Navigation", "Next", "Previous <headline>", "[Print](#)",
  "Suggest to a friend", "Font Size:"), comment forms ("Leave a reply", "Your email address will
  not be published."), copyright, contact and address lines ("Contact us", "Tel:"), a line that is
  only a date (and time), a "Source: ..." or "Photo: ..." line, a bare URL, a line that breaks off
  at an open parenthesis (a photo caption cut from its picture), and lines without a single letter
  or digit (rules, ``<!-- -->``, lone ``**``);
- text markers: "Begin Text:" (what comes before it is an editor's preface), "End Text", "###",
  "-30-" and a trailing "(End)" (what comes after them is not the statement);
- a heading that opens a list of other pages ("Related News", "Related Topics", "Read more",
  "See also", "Most read", ...) ends the statement: everything after it is furniture, once some
  statement text came before it;
- a wire-service dateline that opens the first paragraph ("Publisher (example.com) - ");
- a signature block at the very end: lines in capitals without a verb ("JOSEPH R. BIDEN JR.",
  "THE WHITE HOUSE,") and date lines, unless the line goes on from a prose line just above it
  that ends mid-sentence (a wrapped "...on their Destruction / (BTWC)." is the statement's);
- the first line when it repeats the statement's title from its metadata (compared by key).

Everything removed is returned as :class:`~policydrift.corpus.models.Furniture` with a short reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydrift.corpus.models import Furniture
from policydrift.corpus.normalize import normalise_key
from policydrift.corpus.sentences import strip_span

__all__ = ["strip_furniture"]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_LINE = re.compile(  # possessive blanks: linear even on a line of tabs
    r"(?:(?:updated|published|posted(?: on)?|released|last updated|date|time)\s*+:?\s*+)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    rf"|{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{4}})"
    r"(?:\s*+[,|\-]?\s*+\d{1,2}:\d{2}(?::\d{2})?\s*+(?:[ap]\.?m\.?)?\s*+(?:[a-z]{2,4}|gmt[+-]\d+)?)?"
    r"\s*+[.,]?",
    re.I,
)
_NAVIGATION = frozenset(
    """navigation|menu|main menu|home|homepage|skip to content|skip to main content|back to top
    |top|share|share this|share this article|share this page|share this story|print
    |print this page|print this article|print page|email|e-mail|email this|email this page
    |suggest to a friend|send to a friend|tell a friend|forward to a friend|bookmark|tweet
    |facebook|twitter|linkedin|whatsapp|telegram|weibo|wechat|next|previous|prev|next article
    |previous article|next story|previous story|next post|previous post
    |this is already the last article|this is already the first article|font size|text size
    |font|a a a|a+ a-|subscribe|log in|login|sign in|sign up|register|search|close|print version
    |printer-friendly version|printer friendly version|download pdf|listen|audio|video|photos
    |gallery|advertisement|sponsored|loading|comments (0)|name *|email *|website|submit
    |post comment|submit comment|cancel reply""".replace("\n", "|").split("|")
)
_TAIL_HEADINGS = frozenset(
    """related|related news|related topics|related articles|related stories|related posts
    |related content|related links|related reading|related coverage|related items
    |related information|read more|read also|also read|see also|more news|other news
    |more stories|more from this section|you may also like|you might also like|you may like
    |recommended|recommended for you|recommended articles|most read|most popular|most viewed
    |most shared|popular|popular news|trending|latest news|latest|top stories|editor's picks
    |editors' picks|more in this category|leave a reply|leave a comment|post a comment
    |add a comment|add comment|comments|no comment|no comments|write a comment
    |your comment""".replace("\n", "|").split("|")
)
_NAV_PREFIX = re.compile(
    r"(?:font size|text size|share (?:this|on)|print this|email this"
    r"|your email address will not be published|required fields are marked|save my name, email"
    r")\b|(?:tags?|keywords|filed under|categor(?:y|ies)|topics)\s*:",
    re.I,
)
_PREV_NEXT = re.compile(
    r"(?:previous|prev|next)(?:\s+(?:article|story|post|page|news))?\s*[:»«>›<‹|\-]*\s+[\"“‘'(\[]*[A-Z0-9]"
)
_COPYRIGHT = re.compile(
    r"\A\W*(?:copyright\s*(?:©|\(c\)|\d{4}|by\b|,)|©|\(c\)\s*\d{4})|all rights reserved|©", re.I
)
_CONTACT = re.compile(
    r"(?:contact us|contact|address|add|tel|telephone|phone|fax|e-?mail|hotline|postcode"
    r"|postal code|zip code)\s*[:：]|contact us\b",
    re.I,
)
_SOURCE = re.compile(
    r"(?:source|sources|by|author|authors|reporter|reporters|editor|edited by|written by"
    r"|posted by|translated by|translator)\s*[:：]\s*\S",
    re.I,
)
_CAPTION = re.compile(
    r"\(?(?:photo|photos|image|picture|caption|credit|photo credit)s?\s*[:：]", re.I
)
_URL = re.compile(r"<?(?:https?://|www\.)\S+?>?|(?:[a-z0-9\-]+\.)+[a-z]{2,6}(?:/\S*)?", re.I)
_BEGIN = re.compile(
    r"(?:begin(?:ning)?|start)\s+(?:of\s+)?(?:the\s+)?text(?:\s+of\s+[\w' ]{1,40})?\s*:?"
    r"|text begins:?",
    re.I,
)
_END = re.compile(
    r"(?:\\?#\s*){3}|-\s*30\s*-|-+\s*end\s*-+|\(end\)|end(?:\s+of)?\s+(?:the\s+)?"
    r"(?:text|statement)\b\.?|text ends\.?",
    re.I,
)
_TRAILING_END = re.compile(r"(?<!\s)\s*+\((?:end|END|End)\)\s*\Z")
_END_MARKS = ("(end)", "(END)", "(End)")
_DATELINE = re.compile(
    r"\s*[A-Z][^\n()]{1,60}?\s*\((?P<agency>[^()\n]{2,40})\)\s*[–—-]{1,2}\s+(?=\S)"
)
_NAVIGATION = frozenset(" ".join(item.split()) for item in _NAVIGATION) - {""}
_TAIL_HEADINGS = frozenset(" ".join(item.split()) for item in _TAIL_HEADINGS) - {""}
_AGENCIES_WORDS = (
    "xinhua vna afp ap reuters bernama antara pna kpl nna kyodo yonhap tass bloomberg "
    "upi ians pti anadolu efe dpa ansa aap cna ndo vov qdnd "
)
_AGENCIES = frozenset(_AGENCIES_WORDS.split())
_MARKUP = re.compile(r"\A[#>*_\s]+|(?<![*_\s])[*_\s]+\Z")
_LINK = re.compile(r"\A\[([^\]]*)\]\([^)]*\)\Z")
_MAYBE_NAVIGATION = "navigation?"
_LONGEST_RULED = 300
_SIGNATURE_MAX_LINES = 6
_TAIL_MIN_WORDS = 20  # more than a headline
_PREFACE_MAX_LINES = 10


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    blank: bool
    reason: str | None = None
    keep_start: int | None = None  # inline furniture cut from the start of the line
    keep_end: int | None = None  # inline furniture cut from the end of the line


def strip_furniture(
    text: str, *, start: int = 0, title: str = ""
) -> tuple[list[tuple[int, int]], list[Furniture]]:
    """Split ``text[start:]`` into kept spans and furniture, by the general rules above.

    Kept spans are ``(start, end)`` offsets into ``text`` with no surrounding whitespace, in
    order; a span boundary is always a paragraph boundary. ``title`` is the statement's title
    from its metadata: a first line with the same key is furniture ("title").

    >>> body = "The ministers of the member states met in Hanoi. They agreed on a plan to fight online fraud."
    >>> text = f"Related text\\n\\n{body}\\n\\nRelated News\\n\\nOther."
    >>> spans, furniture = strip_furniture(text)
    >>> [text[a:b] for a, b in spans] == [f"Related text\\n\\n{body}"]
    True
    >>> [(f.text, f.reason) for f in furniture]
    [('Related News\\n\\nOther.', "after 'Related News'")]
    """
    if not 0 <= start <= len(text):
        msg = f"start must be in [0, {len(text)}]: {start!r}"
        raise ValueError(msg)
    lines = _split_lines(text, start)
    previous: _Line | None = None
    for i, line in enumerate(lines):
        if not line.blank and not _continues(previous, line):
            line.reason = _line_reason(line.text)
            if line.reason == "caption" and i + 1 < len(lines) and not lines[i + 1].blank:
                line.reason = None  # a wrapped line that happens to end at '('
        previous = line
    _resolve_previous_next(lines)
    _mark_preface(lines)
    _mark_tail(lines)
    _mark_title(lines, title)
    _mark_dateline(lines)
    _mark_signature(lines)
    return _spans(text, lines), _furniture(text, lines)


def _split_lines(text: str, start: int) -> list[_Line]:
    lines = []
    pos = start
    n = len(text)
    while pos <= n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        line = text[pos:end]
        lines.append(_Line(pos, end, line, not line or line.isspace()))
        pos = end + 1
    return lines


def _continues(previous: _Line | None, line: _Line) -> bool:
    """Whether ``line`` carries on the previous line's sentence (a hard-wrapped paragraph).

    Such a line is never furniture on its own, whatever it looks like ('May 2022.' after
    '... on 12-13').
    """
    if previous is None or previous.blank or previous.reason is not None:
        return False
    if _END.fullmatch(line.text.strip()):
        return False
    tail = previous.text.rstrip()
    return bool(tail) and tail[-1] not in '.!?:;)]"”’*'


def _bare(line: str) -> str:
    """The line without surrounding whitespace, Markdown emphasis or heading marks, or a link."""
    s = _MARKUP.sub("", line.strip())
    link = _LINK.match(s)
    if link:
        s = link.group(1).strip()
    return s


def _line_reason(line: str) -> str | None:
    if len(line) > _LONGEST_RULED and len(line.split(maxsplit=1)) > 1:
        return None  # every rule is for short lines (a URL has no whitespace)
    if _END.fullmatch(line.strip()):
        return "end mark"
    s = _bare(line)
    if not s:
        return "markup" if line.strip() else None
    if _END.fullmatch(s):
        return "end mark"
    if not any(ch.isalnum() for ch in s):
        return "markup"
    folded = " ".join(s.casefold().split()).strip(" :|»«›‹>")
    if folded in _TAIL_HEADINGS:
        return "tail heading"
    if _BEGIN.fullmatch(s):
        return "text marker"
    if folded in _NAVIGATION or (len(s) <= 80 and _NAV_PREFIX.match(s)):
        return "navigation"
    short = len(s) <= 200
    if short and _PREV_NEXT.match(s) and s[-1] not in ".;:!?" and 3 <= len(s.split()) <= 20:
        return _MAYBE_NAVIGATION
    if _DATE_LINE.fullmatch(s):
        return "date line"
    if short and _COPYRIGHT.search(s):
        return "copyright"
    if short and _CONTACT.match(s):
        return "contact details"
    if len(s) <= 100 and _SOURCE.match(s):
        return "source line"
    if len(s) <= 200 and (_CAPTION.match(s) or s.endswith("(")):
        return "caption"
    if _URL.fullmatch(s):
        return "URL"
    return None


def _resolve_previous_next(lines: list[_Line]) -> None:
    """'Previous <headline>' is navigation only beside other furniture or at either end."""
    shown = [line for line in lines if not line.blank]
    for i, line in enumerate(shown):
        if line.reason != _MAYBE_NAVIGATION:
            continue
        neighbours = shown[max(0, i - 1) : i] + shown[i + 1 : i + 2]
        beside = len(neighbours) < 2 or any(n.reason is not None for n in neighbours)
        line.reason = "navigation" if beside else None


def _content(lines: list[_Line]) -> list[int]:
    return [i for i, line in enumerate(lines) if not line.blank and line.reason is None]


def _mark_preface(lines: list[_Line]) -> None:
    seen = 0
    for i, line in enumerate(lines):
        if line.blank:
            continue
        if line.reason == "text marker":
            for j in range(i):
                if not lines[j].blank and lines[j].reason is None:
                    lines[j].reason = f"preface before '{_bare(line.text)}'"
            return
        seen += 1
        if seen >= _PREFACE_MAX_LINES:
            return


def _mark_tail(lines: list[_Line]) -> None:
    words = 0
    for i, line in enumerate(lines):
        if line.blank:
            continue
        if line.reason is None:
            ends = line.text.rstrip().endswith(_END_MARKS)  # (needed for a match: a quick test)
            trailing = _TRAILING_END.search(line.text) if ends else None
            if trailing and trailing.start() > 0:
                line.keep_end = line.start + trailing.start()
                _cut_after(lines, i + 1, "after '(End)'")
                return
            words += len(line.text.split())
        elif line.reason in ("tail heading", "end mark") and words >= _TAIL_MIN_WORDS:
            label = _bare(line.text) or line.text.strip()
            _cut_after(lines, i, f"after '{label}'")
            return
        elif line.reason == "tail heading":
            line.reason = "navigation"


def _cut_after(lines: list[_Line], first: int, reason: str) -> None:
    for line in lines[first:]:
        if not line.blank:
            line.reason = reason


def _mark_title(lines: list[_Line], title: str) -> None:
    key = normalise_key(title) if title else ""
    content = _content(lines)
    if key and content and normalise_key(lines[content[0]].text) == key:
        lines[content[0]].reason = "title"


def _mark_dateline(lines: list[_Line]) -> None:
    for i in _content(lines)[:2]:
        line = lines[i]
        found = _DATELINE.match(line.text)
        if not found:
            continue
        agency = found.group("agency").strip()
        if "." in agency or agency.casefold() in _AGENCIES:
            line.keep_start = line.start + found.end()
            return


def _mark_signature(lines: list[_Line]) -> None:
    content = _content(lines)
    marked = 0
    for i in reversed(content[1:]):
        s = _bare(lines[i].text)
        if _continues_prose(lines, i):
            return
        if _DATE_LINE.fullmatch(s) or _is_capitals_name(s):
            lines[i].reason = "signature block"
            marked += 1
            if marked >= _SIGNATURE_MAX_LINES:
                return
        else:
            return


def _continues_prose(lines: list[_Line], i: int) -> bool:
    """Line ``i`` goes on from the line just above it: prose that ends mid-sentence."""
    if i == 0 or lines[i - 1].blank or lines[i - 1].reason is not None:
        return False
    above = _bare(lines[i - 1].text)
    return (
        bool(above)
        and above[-1].isalnum()
        and any(ch.islower() for ch in above)
        and not _DATE_LINE.fullmatch(above)
    )


def _is_capitals_name(s: str) -> bool:
    """'JOSEPH R. BIDEN JR.', 'THE WHITE HOUSE,': capitals, a few words, no clause punctuation."""
    if len(s) > 60 or len(s.split()) > 6:  # (first: a paragraph of prose ends here)
        return False
    letters = [ch for ch in s if ch.isalpha()]
    return (
        bool(letters)
        and all(ch.isupper() for ch in letters)  # caseless scripts (Chinese) are not capitals
        and s[-1] not in ":;!?"
    )


def _spans(text: str, lines: list[_Line]) -> list[tuple[int, int]]:
    spans: list[list[int]] = []
    open_span = False
    for line in lines:
        if line.blank:
            continue
        if line.reason is not None:
            open_span = False
            continue
        a = line.start if line.keep_start is None else line.keep_start
        b = line.end if line.keep_end is None else line.keep_end
        if open_span and line.keep_start is None:
            spans[-1][1] = b
        else:
            spans.append([a, b])
        open_span = line.keep_end is None
    out = []
    for a, b in spans:
        a, b = strip_span(text, a, b)
        if a < b:
            out.append((a, b))
    return out


def _furniture(text: str, lines: list[_Line]) -> list[Furniture]:
    pieces: list[tuple[int, int, str]] = []
    for line in lines:
        if line.blank:
            continue
        if line.reason is None:
            if line.keep_start is not None:
                pieces.append((line.start, line.keep_start, "dateline"))
            if line.keep_end is not None:
                pieces.append((line.keep_end, line.end, "end mark"))
            continue
        last = pieces[-1] if pieces else None
        if last and last[2] == line.reason and not text[last[1] : line.start].strip():
            pieces[-1] = (last[0], line.end, line.reason)
        else:
            pieces.append((line.start, line.end, line.reason))
    out = []
    for a, b, reason in pieces:
        a, b = strip_span(text, a, b)
        if a < b:
            out.append(Furniture(text=text[a:b], start=a, end=b, reason=reason))
    return out
