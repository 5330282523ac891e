"""The sentence lists rendered in Python read exactly as the template wrote them (escaped)."""

from __future__ import annotations

import gc

from policydrift.reports.page import environment
from policydrift.reports.timeline.html import render_timeline_html, render_timeline_pages
from policydrift.reports.timeline.lines import Escaped, quote_lines, sentence_lines
from policydrift.reports.timeline.models import Link, Quote, SentenceLine
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
            assert ev.html.__html__() == quotes_tpl.render(quotes=ev.quotes)
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
