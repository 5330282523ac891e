"""Hostile text in every place a report shows it: nothing runs, everything reads as text.

Statements come scraped from the web, so a statement's text, its title, its file name, its
series and a theme label may all carry markup. Each payload of ``xss_payloads.txt`` (the OWASP
XSS filter evasion cheat sheet and payloads aimed at the places a report can break out of) goes
into real reports through the real CLI. In the browser:

- a test hook (``window.__xss``, with alert/confirm/prompt turned into recorders, installed
  before any page script) records any execution, and must stay empty after every control of
  the page has been used;
- the DOM must hold no element, attribute or URL that a payload could have introduced (event
  handlers, script URLs, frames, meta refreshes, scripts not allowed by the page's own CSP);
- every sentence, title and file name must be shown as text, exactly.

Each check runs twice: with the page's Content-Security-Policy, as users see it, and with the
CSP bypassed, which proves that escaping alone already stops every payload.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from policydrift.corpus.read import read_statement

HERE = Path(__file__).parent
PAYLOADS = [
    line
    for line in (HERE / "xss_payloads.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("# ")
]
# Payloads that can be a file or folder name (no '/', at most 200 bytes with a suffix).
NAME_PAYLOADS = [p for p in PAYLOADS if "/" not in p and len(p.encode()) <= 200]
SUMMARY: dict[str, dict] = {}

# What a drift report may contain; anything else came from a payload.
AUDIT = r"""
() => {
  const bad = [];
  const say = (el, why) => bad.push(`<${el.tagName.toLowerCase()}> ${why}`);
  const scheme = /^([a-z][a-z0-9+.-]*):/i;
  const clean = v => v.replace(/[\u0000-\u0020\u007f-\u009f]+/g, "").toLowerCase();
  const urlAttrs = ["href", "xlink:href", "src", "action", "formaction", "data", "srcdoc",
    "background", "poster", "lowsrc", "dynsrc", "codebase", "cite", "longdesc", "ping"];
  const never = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base",
    "bgsound", "link", "marquee", "keygen", "video", "audio", "source", "xss", "xmp",
    "noscript", "form", "textarea", "animate", "set", "foreignobject", "math", "template",
    "portal", "dialog", "isindex", "layer", "ilayer", "param"]);
  const metaOk = m => m.hasAttribute("charset") ||
    ["content-security-policy"].includes((m.getAttribute("http-equiv") || "").toLowerCase()) ||
    ["viewport", "generator", "referrer", "color-scheme", "description"].includes(
      (m.getAttribute("name") || "").toLowerCase());
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (never.has(tag)) say(el, "is never part of a report");
    if (tag === "meta" && !metaOk(el)) say(el, "unexpected meta " + el.outerHTML.slice(0, 80));
    if (tag === "meta" && el.parentElement !== document.head) say(el, "meta outside <head>");
    if (tag === "style" && el.parentElement !== document.head && !el.closest("svg defs"))
      say(el, "style outside <head> and chart definitions");
    if (tag === "script" && el.hasAttribute("src")) say(el, "script with a src");
    const control = el.type === "checkbox" || (el.type === "radio" && el.name === "view") ||
      (el.type === "search" && el.id === "row-search");
    if (tag === "input" && !control) say(el, "input of type " + el.type);
    if (tag === "select" && el.id !== "theme-select") say(el, "unexpected select");
    if ((tag === "img" || tag === "image") &&
        !clean(el.getAttribute("src") || el.getAttribute("href") ||
               el.getAttribute("xlink:href") || "").startsWith("data:image/"))
      say(el, "image not inlined as data:image/");
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = clean(attr.value);
      if (name.startsWith("on")) say(el, `event handler ${name}=${attr.value.slice(0, 60)}`);
      if (urlAttrs.includes(name)) {
        const m = value.match(scheme);
        const ok = !m || ["http", "https"].includes(m[1]) ||
          (m[1] === "data" && value.startsWith("data:image/"));
        if (!ok) say(el, `${name} with scheme ${m[1]}: ${attr.value.slice(0, 60)}`);
      }
      if (name === "style" && /(url\s*\(|expression|javascript|behavior|binding|@import)/.test(value))
        say(el, `style ${attr.value.slice(0, 60)}`);
    }
  }
  for (const s of document.querySelectorAll("style")) {
    if (/(javascript:|expression\s*\(|@import|behavior\s*:|-moz-binding)/i.test(s.textContent))
      say(s, "stylesheet with script or import");
  }
  const scripts = [...document.scripts]
    .filter(s => !["application/json", "application/ld+json"].includes((s.type || "").toLowerCase()))
    .map(s => s.textContent);
  return {bad, scripts};
}
"""

# Use every control of a report, so that handlers bound to any of them would fire.
PLAY = r"""
async () => {
  const wait = () => new Promise(r => setTimeout(r, 0));
  for (const d of document.querySelectorAll("details")) d.open = true;
  for (const box of document.querySelectorAll("input[type=checkbox]")) {
    box.click(); await wait(); box.click(); await wait();
  }
  for (const b of document.querySelectorAll("button")) { b.click(); await wait(); b.click(); }
  for (const r of document.querySelectorAll("input[type=radio]")) { r.click(); await wait(); }
  const search = document.getElementById("row-search");
  if (search) for (const q of ["<img src=x onerror=alert(1)>", "\"><script>alert(2)</script>", ""]) {
    search.value = q; search.dispatchEvent(new Event("input")); await wait();
  }
  const sel = document.getElementById("theme-select");
  if (sel) for (const o of sel.options) {
    sel.value = o.value; sel.dispatchEvent(new Event("change")); await wait();
  }
  for (const k of ["n", "n", "p", "j", "k"])
    document.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true}));
  const sample = sel => [...document.querySelectorAll(sel)].slice(0, 10);
  for (const a of [...sample("a[href^='#']"), ...sample("a.movelink"), ...sample("a.row-link")]) {
    a.click();
  }
  await wait();
  for (const el of document.querySelectorAll(".sent, td, th, h1, h2, code, q, mark, text")) {
    for (const t of ["mouseover", "mouseenter", "focus", "click"])
      el.dispatchEvent(new Event(t, {bubbles: true}));
  }
  await new Promise(r => setTimeout(r, 50));
}
"""


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _squash(text: str) -> str:
    return "".join(text.split())


def _front(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, width=1_000_000) + "---\n\n"


def _literal(text: str) -> str:
    """Markdown for ``text`` itself: every ASCII punctuation character backslash-escaped, so the
    parser reads raw HTML, emphasis and links in a payload as the characters they are."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


@dataclass(frozen=True)
class Hostile:
    """A hostile report and what it must show as text."""

    path: Path
    sentences: dict[str, str]  # data-sentence ref -> expected text
    titles: list[str]
    names: list[str]
    labels: list[str]
    places: Counter  # where payloads were put, and how many there


def _hostile_pair(folder: Path, places: Counter) -> tuple[Path, Path, list[str]]:
    """Two statements whose text, titles, sources and file names are all payloads."""
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / f"{NAME_PAYLOADS[0]}.md"
    new = folder / f"{NAME_PAYLOADS[1]}.md"
    title_old = " ".join(PAYLOADS[: len(PAYLOADS) // 2])
    title_new = " ".join(PAYLOADS[len(PAYLOADS) // 2 :])
    body_old = "\n\n".join(_literal(f"Paragraph {n}: {p}") for n, p in enumerate(PAYLOADS))
    # The new edition keeps, edits, drops, moves and adds payload sentences, so payloads also
    # land in word-diff marks, ghost rows and passages.
    kept = [
        f"Paragraph {n}: {p}" + (" alert(document.domain) added" if n % 3 == 0 else "")
        for n, p in enumerate(PAYLOADS)
        if n % 7
    ]
    kept = kept[5:] + kept[:5]
    kept.append(
        "An added sentence: <script>alert('new')</script> and <b onmouseover=alert(2)>b</b>."
    )
    places.update(
        {
            "statement text": len(PAYLOADS) + len(kept),
            "title": len(PAYLOADS),
            "file name": 2,
            "source URL": 2,
        }
    )
    source = "javascript:alert('source')//https://example.org"
    old.write_text(
        _front({"title": title_old, "date": "2023-01-01", "source_url": source}) + body_old + "\n",
        encoding="utf-8",
    )
    new.write_text(
        _front({"title": title_new, "date": "2024-01-01", "source_url": PAYLOADS[5]})
        + "\n\n".join(map(_literal, kept))
        + "\n",
        encoding="utf-8",
    )
    return old, new, [title_old, title_new]


def _themes_file(folder: Path, places: Counter) -> tuple[Path, list[str]]:
    """A user lexicon whose theme labels are payloads, matching words of the payloads."""
    labels = [PAYLOADS[1], PAYLOADS[7], "</option></select><script>alert('label')</script>"]
    themes = [
        {
            "id": "hostile_alert",
            "label": labels[0],
            "description": PAYLOADS[2],
            "patterns": ["alert"],
        },
        {
            "id": "hostile_script",
            "label": labels[1],
            "description": PAYLOADS[3],
            "patterns": ["script"],
        },
        {
            "id": "hostile_image",
            "label": labels[2],
            "description": PAYLOADS[4],
            "patterns": ["img"],
        },
    ]
    places.update({"theme label": len(labels), "theme description": len(themes)})
    path = folder / "hostile-themes.yaml"
    path.write_text(yaml.safe_dump({"themes": themes}, allow_unicode=True), encoding="utf-8")
    return path, labels


def _expected_sentences(old: Path, new: Path) -> dict[str, str]:
    out = {}
    for side, path in (("old", old), ("new", new)):
        statement = read_statement(path)
        for s in statement.sentences:
            out[f"{side}:{s.index}"] = _collapse(s.text)
        if side == "old":
            covered = _squash("".join(s.text for s in statement.sentences))
            covered += _squash("".join(f.text for f in statement.furniture))
            missing = [p for p in PAYLOADS if _squash(p) not in covered]
            assert not missing, f"payloads not in any sentence or furniture: {missing[:3]}"
    return out


@pytest.fixture(scope="module")
def hostile_compare(tmp_path_factory, drift) -> Hostile:
    folder = tmp_path_factory.mktemp("xss-compare")
    places: Counter = Counter()
    old, new, titles = _hostile_pair(folder / "in", places)
    themes, labels = _themes_file(folder, places)
    report = folder / "report.html"
    drift("compare", old, new, "--themes", themes, "-o", report)
    return Hostile(
        report, _expected_sentences(old, new), titles, [old.name, new.name], labels, places
    )


def _csp_hashes(loaded) -> set[str]:
    csp = loaded.page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    return set(re.findall(r"'sha256-([A-Za-z0-9+/=]+)'", csp))


def _audit(loaded) -> list[str]:
    """Everything wrong in the page's DOM, scripts included (checked against the CSP hashes)."""
    found = loaded.page.evaluate(AUDIT)
    bad = list(found["bad"])
    allowed = _csp_hashes(loaded)
    for text in found["scripts"]:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        if digest not in allowed:
            bad.append(f"<script> not allowed by the page's CSP: {text[:80]!r}")
    return bad


def _record(name: str, places: Counter, ran: int, bad: int) -> None:
    """Keep the figures of docs/hardening.md in artifacts/xss-summary.json."""
    SUMMARY[name] = {
        "payloads": len(PAYLOADS),
        "placements": sum(places.values()),
        "places": dict(sorted(places.items())),
        "ran": ran,
        "dom_findings": bad,
    }
    out = Path(__file__).resolve().parents[2] / "artifacts"
    out.mkdir(exist_ok=True)
    (out / "xss-summary.json").write_text(json.dumps(SUMMARY, indent=2, sort_keys=True) + "\n")


def test_payload_list_is_the_cheat_sheet_and_more() -> None:
    assert len(PAYLOADS) >= 60
    assert len(set(PAYLOADS)) == len(PAYLOADS), "no duplicates"
    assert len(NAME_PAYLOADS) >= 10
    for needle in ("</script>", "javascript:", "onerror=", "<!--", "<svg", "<iframe", "<meta"):
        assert any(needle.lower() in p.lower() for p in PAYLOADS), needle


@pytest.mark.parametrize("csp", ["csp", "csp-bypassed"])
def test_compare_report_runs_no_payload(hostile_compare, open_report, csp) -> None:
    _runs_no_payload(open_report, hostile_compare.path, "compare", hostile_compare.places, csp)


def _runs_no_payload(open_report, report: Path, name: str, places: Counter, csp: str) -> None:
    """Every payload played on ``report`` (with its CSP or bypassing it): none runs, none
    makes a request, no markup out of place; the count goes to the summary as ``name/csp``."""
    loaded = open_report(report, bypass_csp=csp == "csp-bypassed")
    loaded.page.evaluate(PLAY)
    ran = loaded.xss_records() + loaded.dialogs
    bad = _audit(loaded)
    _record(f"{name}/{csp}", places, len(ran), len(bad))
    assert ran == [], f"payloads ran: {ran}"
    assert bad == [], "\n".join(bad[:20])
    assert loaded.page_errors == []
    assert loaded.requests == [], f"payloads made requests: {loaded.requests[:5]}"
    if csp == "csp":
        assert loaded.console_errors == [], loaded.console_errors[:5]


def test_compare_report_shows_payloads_as_text(hostile_compare, open_report) -> None:
    loaded = open_report(hostile_compare.path)
    shown = loaded.page.eval_on_selector_all(
        "#diff .sent[data-sentence]",
        "els => els.map(e => [e.getAttribute('data-sentence'), e.textContent])",
    )
    shown = {ref: _collapse(text) for ref, text in shown}
    assert shown == hostile_compare.sentences
    title = _collapse(loaded.page.title())
    headings = _collapse(loaded.page.inner_text(".statements"))
    for expected in hostile_compare.titles:
        assert _collapse(expected) in title
        assert _collapse(expected) in headings
    codes = loaded.page.eval_on_selector_all(
        ".statement code", "els => els.map(e => e.textContent)"
    )
    assert codes == hostile_compare.names
    options = loaded.page.eval_on_selector_all(
        "#theme-select option", "els => els.map(e => e.getAttribute('data-label'))"
    )
    for label in hostile_compare.labels:
        assert label in options, f"theme label not shown as text: {label}"


def test_hook_and_audit_catch_an_unescaped_payload(hostile_compare, open_report, tmp_path) -> None:
    """The checks above can fail: the same report with one payload pasted in raw is caught."""
    html = hostile_compare.path.read_text(encoding="utf-8")
    opening = re.search(r'<div class="sent" data-sentence="new:0"[^>]*>', html)
    assert opening is not None
    raw = "<img src=x onerror=\"alert('raw')\"><script>window.__xss.push('raw')</script>"
    broken = tmp_path / "broken.html"
    broken.write_text(html[: opening.end()] + raw + html[opening.end() :], encoding="utf-8")
    loaded = open_report(broken, bypass_csp=True)
    loaded.page.wait_for_timeout(50)
    assert sorted(map(str, loaded.xss_records())) == ["['alert', 'raw']", "raw"]
    problems = _audit(loaded)
    assert any("onerror" in p for p in problems), problems
    assert any("not allowed by the page's CSP" in p for p in problems), problems
    assert any("data:image/" in p for p in problems), problems
    # With the CSP in force the browser itself refuses both, and says so.
    guarded = open_report(broken)
    guarded.page.wait_for_timeout(50)
    assert guarded.xss_records() == []
    assert any("Content Security Policy" in e for e in guarded.console_errors)


# ------------------------------------------------------------------------------------ timeline

REAL = [
    "The participants condemned ransomware attacks against critical infrastructure.",
    "They committed to build capacity and share threat information across the region.",
    "Member States will strengthen cooperation on cybercrime and online scams.",
]


def _hostile_corpus(folder: Path, places: Counter) -> tuple[Path, list[str], list[str]]:
    """Two series of three editions: payloads in folder, file, series, title, text, source."""
    series_dir = folder / "corpus" / NAME_PAYLOADS[2]
    series_dir.mkdir(parents=True)
    titles, series = [], [NAME_PAYLOADS[2]]
    for n in range(3):
        chunk = PAYLOADS[n::3]
        body = [*REAL[: n + 1], *(_literal(f"Item {k}: {p}") for k, p in enumerate(chunk))]
        title = f"{PAYLOADS[10 + n]} edition {n}"
        titles.append(title)
        front = {"title": title, "date": f"202{n}-05-01", "source_url": PAYLOADS[20 + n]}
        name = f"{NAME_PAYLOADS[3 + n]}-{n}.md"
        places.update({"statement text": len(chunk), "title": 1, "source URL": 1, "file name": 1})
        (series_dir / name).write_text(_front(front) + "\n\n".join(body) + "\n", encoding="utf-8")
    plain = folder / "corpus" / "plain"
    plain.mkdir()
    manifest_series = "</td></tr></table><script>alert('manifest series')</script>/\"'&"
    series.append(manifest_series)
    rows = ["file,date,title,series"]
    for n in range(3):
        title = f"{PAYLOADS[30 + n]} plain {n}"
        titles.append(title)
        text = "\n\n".join([*REAL, *PAYLOADS[40 + 10 * n : 50 + 10 * n]])
        (plain / f"plain-{n}.txt").write_text(text + "\n", encoding="utf-8")
        places.update({"statement text": 10, "title": 1})
        cells = [f"plain-{n}.txt", f"202{n}-06-01", title, manifest_series]
        rows.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    (plain / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    places.update({"series name (folder)": 1, "series name (manifest)": 1})
    return folder / "corpus", titles, series


@pytest.fixture(scope="module")
def hostile_timeline(tmp_path_factory, drift) -> tuple:
    folder = tmp_path_factory.mktemp("xss-timeline")
    places: Counter = Counter()
    corpus, titles, series = _hostile_corpus(folder, places)
    themes, labels = _themes_file(folder, places)
    report = folder / "timeline.html"
    drift("timeline", corpus, "--themes", themes, "--no-cache", "-o", report)
    data = json.loads(
        drift("timeline", corpus, "--themes", themes, "--no-cache", "--format", "json")
    )
    assert {s["name"] for s in data["series"]} == set(series)
    return report, data, titles, series, labels, places


@pytest.mark.parametrize("csp", ["csp", "csp-bypassed"])
def test_timeline_report_runs_no_payload(hostile_timeline, open_report, csp) -> None:
    report, *_, places = hostile_timeline
    _runs_no_payload(open_report, report, "timeline", places, csp)


def test_timeline_report_shows_payloads_as_text(hostile_timeline, open_report) -> None:
    report, data, titles, series, labels, _ = hostile_timeline
    loaded = open_report(report)
    page = loaded.page
    listed = page.eval_on_selector_all(
        "details.sentences li[id]", "els => els.map(e => e.textContent)"
    )
    listed = " ".join(_collapse(t) for t in listed)
    missing = [s["text"] for s in data["sentences"] if _collapse(s["text"]) not in listed]
    assert missing == [], f"{len(missing)} sentences not shown as text, e.g. {missing[:2]}"
    covered = _squash(" ".join(s["text"] for s in data["sentences"]))
    assert [p for p in PAYLOADS if _squash(p) not in covered] == []
    body = _collapse(page.eval_on_selector("body", "b => b.textContent"))
    for text in [*titles, *series, *labels]:
        assert _collapse(text) in body, f"not shown as text: {text}"
    headings = page.eval_on_selector_all("section.series h2", "els => els.map(e => e.textContent)")
    assert sorted(_collapse(h) for h in headings) == sorted(_collapse(s) for s in series)
