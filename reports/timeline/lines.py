"""The longest lists of a timeline page, as HTML: the parts rendered in Python rather than in
its template.

A series page lists every sentence of every edition with its class, source, lineage and themes
(26,000 lines at 1,000 statements, about a dozen values each), a table of counts per theme and
edition (64,000 cells), and the sentences behind each count (24,000 blocks). Through the
template, each value is one call of jinja2's escaping, which makes a ``markupsafe.Markup``
object (half of the page's rendering time). Here each line is one format string, and each
distinct value is escaped once per series with the same ``markupsafe.escape`` (a sentence's
text, its themes, lineage and labels recur in every edition that keeps it), so the page reads
exactly as the template wrote it (``benchmarks/check_timeline_same.py``;
``tests/reports/test_timeline_lines.py`` renders the template's own loops beside them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup, escape
from policydrift.reports.timeline.models import (
    Evidence,
    Link,
    Quote,
    SentenceLine,
    StepView,
    TrackRow,
)

__all__ = ["Escaped", "Fragments", "Later", "quote_lines", "sentence_lines"]


class Escaped:
    """``markupsafe.escape`` of values, each distinct value escaped once, as plain text.

    >>> e = Escaped(); e('<b> & "q"'), e(12)
    ('&lt;b&gt; &amp; &#34;q&#34;', '12')
    """

    def __init__(self) -> None:
        self._done: dict[str | int, str] = {}  # (an int never equals a str)

    def __call__(self, value: str | int) -> str:
        out = self._done.get(value)
        if out is None:
            escaped = escape(value)
            # text with nothing to escape is kept as it is, not copied
            out = self._done[value] = value if escaped == value else str(escaped)
        return out


class Later:
    """HTML made only when the template writes it (jinja2 calls ``__html__``): a report's view
    models are all built before its pages are rendered, and the lists would otherwise all be
    held at once (50 MB more at 1,000 statements).

    >>> Later(lambda: Markup("<b>x</b>")).__html__()
    Markup('<b>x</b>')
    """

    def __init__(self, render: Callable[[], Markup]) -> None:
        self._render = render

    def __html__(self) -> Markup:
        return self._render()


def _link(e: Escaped, link: Link) -> str:
    if link.anchor:
        return f'<a href="{e(link.anchor)}">{e(link.label)}</a>'
    return e(link.label)


def sentence_lines(lines: Iterable[SentenceLine], e: Escaped) -> Markup:
    """The ``<li>`` of each sentence line, each on its lines as the template indents them.

    >>> line = SentenceLine("x-1", 1, "A <b> c.", "new", "new", False, None, "",
    ...                     Link("L1", "#x-l1"), "")
    >>> print(sentence_lines([line], Escaped()), end="")
          <li id="x-1" class="c-new"><span class="n">1</span> <span class="badge k-new">new</span> A &lt;b&gt; c.
            <span class="meta">lineage <a href="#x-l1">L1</a></span></li>
    """
    out = []
    for line in lines:
        cls = e(line.cls)
        tag = ' <span class="tag formulaic">formulaic</span>' if line.formulaic else ""
        source = ""
        if line.source is not None:
            score = f" ({e(line.score)})" if line.score else ""
            source = f"source: {_link(e, line.source)}{score} · "
        themes = f" · themes: {e(line.themes)}" if line.themes else ""
        out.append(
            f'      <li id="{e(line.anchor)}" class="c-{cls}"><span class="n">{e(line.number)}'
            f'</span> <span class="badge k-{cls}">{e(line.label)}</span>{tag} {e(line.text)}\n'
            f'        <span class="meta">{source}lineage {_link(e, line.lineage)}{themes}'
            "</span></li>\n"
        )
    return Markup("".join(out))


def quote_lines(quotes: Iterable[Quote], e: Escaped) -> Markup:
    """The ``<li>`` of each quoted sentence of a theme count (its link, then its text).

    >>> print(quote_lines([Quote(Link("2021 #2", "#x-2"), "Ransom & more.")], Escaped()), end="")
            <li><a href="#x-2">2021 #2</a> Ransom &amp; more.</li>
    """
    return Markup("".join(f"        <li>{_link(e, q.link)} {e(q.text)}</li>\n" for q in quotes))


def _spark(r: TrackRow, e: Escaped) -> str:
    if not r.trend:
        return ""
    title = e(r.trend_title)
    return (
        '<svg class="spark" viewBox="0 0 60 16" width="60" height="16" role="img" '
        f'aria-label="{title}"><title>{title}</title><polyline points="{e(r.trend)}"/></svg>'
    )


def _cell(count: int, anchor: str, e: Escaped) -> str:
    on = " on" if count else ""
    inner = f'<a href="#{e(anchor)}">{e(count)}</a>' if anchor else "·"
    return f'<td class="num cell{on}">{inner}</td>'


def track_lines(rows: Iterable[TrackRow], e: Escaped) -> Markup:
    """The ``<tr>`` of each theme or initiative row: label, status, trend, first and last
    edition, then its count in each column, linked to its evidence.

    >>> from policydrift.reports.timeline.models import Cell
    >>> row = TrackRow("Scams", "", "new", "first seen", "2021", "2021", 1, (Cell(2, "x-t1-1"),))
    >>> print(track_lines([row], Escaped()), end="")  # doctest: +NORMALIZE_WHITESPACE
        <tr><th scope="row"><span class="label">Scams</span></th><td><span class="status
        s-new" title="first seen">new</span></td><td class="trend"></td><td>2021</td><td>2021</td><td
        class="num">1</td><td class="num cell on"><a href="#x-t1-1">2</a></td></tr>
    """
    out = []
    for r in rows:
        ident = f' id="{e(r.anchor)}"' if r.anchor else ""
        detail = f'<span class="detail">{e(r.detail)}</span>' if r.detail else ""
        cells = "".join(_cell(c.count, c.anchor, e) for c in r.cells)
        out.append(
            f'    <tr{ident}><th scope="row"><span class="label">{e(r.label)}</span>{detail}</th>'
            f'<td><span class="status s-{e(r.status)}" title="{e(r.status_help)}">'
            f'{e(r.status)}</span></td><td class="trend">{_spark(r, e)}</td><td>{e(r.first)}'
            f'</td><td>{e(r.last)}</td><td class="num">{e(r.editions)}</td>{cells}</tr>\n'
        )
    return Markup("".join(out))


def evidence_blocks(evidence: Iterable[Evidence], e: Escaped, *, by_series: bool) -> Markup:
    """The block of each theme or initiative count: its sentences quoted and the others linked
    (``by_series``: the series carrying it, on the index of a split report).

    >>> ev = Evidence("x-t1-1", "Scams in 2021", (Quote(Link("2021 #2", "#x-2"), "A & b."),))
    >>> print(evidence_blocks([ev], Escaped(), by_series=False), end="")
        <div class="ev" id="x-t1-1">
          <h4>Scams in 2021</h4>
          <ul>
            <li><a href="#x-2">2021 #2</a> A &amp; b.</li>
          </ul>
        </div>
    """
    out = []
    for ev in evidence:
        out.append(f'    <div class="ev" id="{e(ev.anchor)}">\n      <h4>{e(ev.title)}</h4>\n')
        if by_series:
            items = "".join(f"<li>{_link(e, w)}</li>" for w in ev.links)
            out.append(f"      <ul>{items}</ul>\n")
        else:
            out.append(f"      <ul>\n{quote_lines(ev.quotes, e)}      </ul>\n")
            if ev.links:
                links = ", ".join(f'<a href="{e(w.anchor)}">{e(w.label)}</a>' for w in ev.links)
                out.append(f'<p class="muted">and {len(ev.links)} more: {links}</p>')
            if ev.more:
                out.append(
                    f'<p class="muted">and {e(ev.more)} more sentences, in the sections of '
                    "their series.</p>"
                )
        out.append("    </div>\n")
    return Markup("".join(out))


_MARKS = {"del": ("<del>", "</del>"), "ins": ("<ins>", "</ins>")}


def step_lines(steps: Iterable[StepView], e: Escaped) -> Markup:
    """The ``<li>`` of each step of a lineage: where, its kind and score, then the words
    removed and added since the step before.

    >>> from policydrift.reports.timeline.models import Segment
    >>> step = StepView(Link("2021 #2", "#x-2"), "edited", "80.0", (Segment("We "), Segment("now", "del")))
    >>> print(step_lines([step], Escaped()), end="")  # doctest: +NORMALIZE_WHITESPACE
          <li><span class="where"><a href="#x-2">2021 #2</a> <span class="badge k-edited">edited</span>
          <span class="score" title="similarity to the previous step">80.0</span></span>
        <p class="diff">We <del>now</del></p></li>
    """
    out = []
    for st in steps:
        kind = e(st.kind.replace("+", "-").replace(" ", "-"))
        score = (
            f' <span class="score" title="similarity to the previous step">{e(st.score)}</span>'
            if st.score
            else ""
        )
        if st.segments:
            runs = []
            for seg in st.segments:
                start, end = _MARKS.get(seg.mark, ("", ""))
                runs.append(f"{start}{e(seg.text)}{end}")
            diff = f'<p class="diff">{"".join(runs)}</p>'
        else:
            diff = '<p class="diff unchanged">unchanged</p>'
        out.append(
            f'      <li><span class="where"><a href="{e(st.link.anchor)}">{e(st.link.label)}</a> '
            f'<span class="badge k-{kind}">{e(st.kind)}</span>{score}</span>\n{diff}</li>\n'
        )
    return Markup("".join(out))


class Fragments:
    """The parts of one page rendered here, as its template calls them (``html.tracks(rows)``),
    each distinct value escaped once per page."""

    def __init__(self) -> None:
        self._escaped = Escaped()

    def tracks(self, rows: Iterable[TrackRow]) -> Markup:
        return track_lines(rows, self._escaped)

    def evidence(self, evidence: Iterable[Evidence], by_series: bool) -> Markup:
        return evidence_blocks(evidence, self._escaped, by_series=by_series)

    def steps(self, steps: Iterable[StepView]) -> Markup:
        return step_lines(steps, self._escaped)
