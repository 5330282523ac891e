"""The lists of sentences of a timeline page, as HTML: the parts rendered in Python rather than
in its template.

A series page lists every sentence of every edition with its class, source, lineage and themes
(26,000 lines at 1,000 statements, about a dozen values each), and quotes the sentences behind
each theme count. Through the template, each value is one call of jinja2's escaping, which makes
a ``markupsafe.Markup`` object (half of the page's rendering time). Here each line is one format
string, and each distinct value is escaped once per series with the same ``markupsafe.escape``
(a sentence's text, its themes, lineage and labels recur in every edition that keeps it), so
the page reads exactly as the template wrote it (``benchmarks/check_timeline_same.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup, escape
from policydrift.reports.timeline.models import Link, Quote, SentenceLine

__all__ = ["Escaped", "Later", "quote_lines", "sentence_lines"]


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
