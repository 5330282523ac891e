"""The lists rendered in Python (sentences, theme rows, evidence) read exactly as the template
wrote them (escaped)."""

from __future__ import annotations

import gc

from policydrift.reports.page import environment
from policydrift.reports.timeline.html import render_timeline_html, render_timeline_pages
from policydrift.reports.timeline.lines import (
    Escaped,
    evidence_blocks,
    quote_lines,
    sentence_lines,
    step_lines,
    track_lines,
)
from policydrift.reports.timeline.models import (
    Cell,
    Evidence,
    Link,
    Quote,
    Segment,
    SentenceLine,
    StepView,
    TrackRow,
)
from policydrift.reports.timeline.pages import build_timeline_pages
from policydrift.reports.timeline.view import build_timeline_report

# The template's own loops, as they were before the lists moved to Python.
LINES = """{% for line in lines %}
      <li id="{{ line.anchor }}" class="c-{{ line.cls }}"><span class="n">{{ line.number }}</span> <span class="badge k-{{ line.cls }}">{{ line.label }}</span>{% if line.formulaic %} <span class="tag formulaic">formulaic</span>{% endif %} {{ line.text }}
        <span class="meta">{% if line.source %}source: {% if line.source.anchor %}<a href="{{ line.source.anchor }}">{{ line.source.label }}</a>{% else %}{{ line.source.label }}{% endif %}{% if line.score %} ({{ line.score }}){% endif %} · {% endif %}lineage {% if line.lineage.anchor %}<a href="{{ line.lineage.anchor }}">{{ line.lineage.label }}</a>{% else %}{{ line.lineage.label }}{% endif %}{% if line.themes %} · themes: {{ line.themes }}{% endif %}</span></li>
{% endfor %}
"""  # noqa: E501
QUOTES = """{% for q in quotes %}
        <li>{% if q.link.anchor %}<a href="{{ q.link.anchor }}">{{ q.link.label }}</a>{% else %}{{ q.link.label }}{% endif %} {{ q.text }}</li>
{% endfor %}
"""  # noqa: E501
TRACKS = """{% for r in rows %}
    <tr{% if r.anchor %} id="{{ r.anchor }}"{% endif %}><th scope="row"><span class="label">{{ r.label }}</span>{% if r.detail %}<span class="detail">{{ r.detail }}</span>{% endif %}</th><td><span class="status s-{{ r.status }}" title="{{ r.status_help }}">{{ r.status }}</span></td><td class="trend">{% if r.trend %}<svg class="spark" viewBox="0 0 60 16" width="60" height="16" role="img" aria-label="{{ r.trend_title }}"><title>{{ r.trend_title }}</title><polyline points="{{ r.trend }}"/></svg>{% endif %}</td><td>{{ r.first }}</td><td>{{ r.last }}</td><td class="num">{{ r.editions }}</td>{% for c in r.cells %}<td class="num cell{% if c.count %} on{% endif %}">{% if c.anchor %}<a href="#{{ c.anchor }}">{{ c.count }}</a>{% else %}·{% endif %}</td>{% endfor %}</tr>
{% endfor %}
"""  # noqa: E501
EVIDENCE = """{% for ev in evidence %}
    <div class="ev" id="{{ ev.anchor }}">
      <h4>{{ ev.title }}</h4>
{% if by_series %}
      <ul>{% for w in ev.links %}<li>{% if w.anchor %}<a href="{{ w.anchor }}">{{ w.label }}</a>{% else %}{{ w.label }}{% endif %}</li>{% endfor %}</ul>
{% else %}
      <ul>
{% for q in ev.quotes %}
        <li>{% if q.link.anchor %}<a href="{{ q.link.anchor }}">{{ q.link.label }}</a>{% else %}{{ q.link.label }}{% endif %} {{ q.text }}</li>
{% endfor %}
      </ul>
{% if ev.links %}<p class="muted">and {{ ev.links|length }} more: {% for w in ev.links %}<a href="{{ w.anchor }}">{{ w.label }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
{% if ev.more %}<p class="muted">and {{ ev.more }} more sentences, in the sections of their series.</p>{% endif %}
{% endif %}
    </div>
{% endfor %}
"""  # noqa: E501

STEPS = """{% for st in steps %}
      <li><span class="where"><a href="{{ st.link.anchor }}">{{ st.link.label }}</a> <span class="badge k-{{ st.kind|replace('+', '-')|replace(' ', '-') }}">{{ st.kind }}</span>{% if st.score %} <span class="score" title="similarity to the previous step">{{ st.score }}</span>{% endif %}</span>
        {% if not st.segments %}<p class="diff unchanged">unchanged</p>{% else %}<p class="diff">{% for seg in st.segments %}{% if seg.mark == 'del' %}<del>{{ seg.text }}</del>{% elif seg.mark == 'ins' %}<ins>{{ seg.text }}</ins>{% else %}{{ seg.text }}{% endif %}{% endfor %}</p>{% endif %}</li>
{% endfor %}
"""  # noqa: E501


def _same_as_the_templates(report) -> set[tuple]:
    """Asserts each list of ``report`` reads as the template's loops wrote it; the kinds of
    rows and blocks seen."""
    tpl = environment().from_string
    kinds: set[tuple] = set()
    for section in report.sections:
        for rows in (section.themes, section.initiatives):
            assert track_lines(rows, Escaped()) == tpl(TRACKS).render(rows=rows)
            kinds.update(("row", bool(r.anchor), bool(r.detail), bool(r.trend)) for r in rows)
        by_series = section.by_series
        assert evidence_blocks(section.evidence, Escaped(), by_series=by_series) == tpl(
            EVIDENCE
        ).render(evidence=section.evidence, by_series=by_series)
        kinds.update(("ev", by_series, bool(e.links), bool(e.more)) for e in section.evidence)
        for line in section.lineages:
            assert step_lines(line.steps, Escaped()) == tpl(STEPS).render(steps=line.steps)
            kinds.update(("step", x.kind, bool(x.score), bool(x.segments)) for x in line.steps)
    return kinds


def test_theme_rows_and_evidence_are_the_templates_on_one_page_and_split(timeline):
    kinds = _same_as_the_templates(build_timeline_report(timeline))
    for _, report in build_timeline_pages(timeline, index="index.html", prefix="p-"):
        kinds |= _same_as_the_templates(report)
    # rows with and without an anchor and a trend; evidence by series, with links, with more
    assert {k[1] for k in kinds if k[0] == "row"} == {True, False}
    assert {k[3] for k in kinds if k[0] == "row"} == {True, False}
    assert {("ev", True, True, False), ("ev", False, False, False)} <= kinds
    assert any(k[:3] == ("ev", False, True) for k in kinds)
    assert any(k[0] == "ev" and k[3] for k in kinds)
    # steps: a first appearance, edited with a score and a diff, unchanged
    assert {k[1] for k in kinds if k[0] == "step"} >= {"first appearance", "edited"}
    assert {(k[2], k[3]) for k in kinds if k[0] == "step"} >= {(True, True), (False, True)}


def test_sample_corpus_lists_are_the_templates(timeline):
    lines_tpl = environment().from_string(LINES)
    quotes_tpl = environment().from_string(QUOTES)
    report = build_timeline_report(timeline)
    kinds = set()
    for section in report.sections:
        for listed in section.sentences:
            assert listed.html.__html__() == lines_tpl.render(lines=listed.lines)
            kinds.update(
                (bool(x.source), bool(x.source and x.source.anchor), bool(x.score), x.formulaic)
                for x in listed.lines
            )
        for ev in section.evidence:
            assert quote_lines(ev.quotes, Escaped()) == quotes_tpl.render(quotes=ev.quotes)
    assert len(kinds) >= 4  # with and without a source, its link, a score, formulaic


def test_hostile_text_is_escaped_as_the_template_escapes_it():
    text = "<script>alert('x')</script> & \"quoted\" {{ braces }}"
    line = SentenceLine(
        '"><b>',
        3,
        text,
        "new",
        "new <i>",
        True,
        Link("<src>", "#a&b"),
        "0.9<",
        Link("L&", ""),
        "themes & <more>",
    )
    quote = Quote(Link("2021 <b>", ""), text)
    e = Escaped()
    assert sentence_lines([line, line], e) == environment().from_string(LINES).render(
        lines=[line, line]
    )
    assert quote_lines([quote], e) == environment().from_string(QUOTES).render(quotes=[quote])
    row = TrackRow('<t> & "x"', "<d>", "new'", '"h"', "<f>", "<l>", 2, (Cell(1, '"><a'), Cell(0, "")),
                   "1,2 <3", "t<", '"a')  # fmt: skip
    assert track_lines([row], e) == environment().from_string(TRACKS).render(rows=[row])
    steps = (
        StepView(Link("<l>", '"#s'), "merged+split <x>", "9<", (Segment("a<"), Segment("&", "del"),
                 Segment('"i"', "ins"))),
        StepView(Link("l", "#s"), "same", "", ()),
    )  # fmt: skip
    assert step_lines(steps, e) == environment().from_string(STEPS).render(steps=steps)
    links = (Link("<w>", '"#x'), Link("&", ""))
    for by_series in (True, False):
        ev = Evidence('"><x', "<title>", (quote,), 2, links)
        assert evidence_blocks([ev], e, by_series=by_series) == environment().from_string(
            EVIDENCE
        ).render(evidence=[ev], by_series=by_series)
    assert "<script>" not in sentence_lines([line], e)


def test_rendering_leaves_no_reference_cycles_for_the_paused_collector(timeline):
    """The garbage collector is paused while the pages are made (reports/timeline/html.py):
    that frees nothing only because rendering makes no cyclic garbage, checked here."""
    gc.collect()
    gc.disable()
    try:
        render_timeline_html(timeline)
        render_timeline_pages(timeline, index="index.html", prefix="p-")
        assert not gc.isenabled()  # a caller's pause stands
        assert gc.collect() == 0
    finally:
        gc.enable()
    render_timeline_html(timeline)
    assert gc.isenabled()  # and the collector runs again after rendering
