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
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from corpus.read import read_statement

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
    if (tag === "style" && el.parentElement !== document.head) say(el, "style outside <head>");
    if (tag === "script" && el.hasAttribute("src")) say(el, "script with a src");
    if (tag === "input" && el.type !== "checkbox") say(el, "input of type " + el.type);
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
  const sel = document.getElementById("theme-select");
  if (sel) for (const o of sel.options) {
    sel.value = o.value; sel.dispatchEvent(new Event("change")); await wait();
  }
  for (const k of ["n", "n", "p", "j", "k"])
    document.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true}));
  const links = [...document.querySelectorAll("a[href^='#']")];
  for (const a of links.filter((a, i) => i < 20 || a.matches(".movelink, .row-link"))) {
    a.click(); await wait();
  }
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


@dataclass(frozen=True)
class Hostile:
    """A hostile report and what it must show as text."""

    path: Path
    sentences: dict[str, str]  # data-sentence ref -> expected text
    titles: list[str]
    names: list[str]
    labels: list[str]
    placements: int


def _hostile_pair(folder: Path) -> tuple[Path, Path, list[str]]:
    """Two statements whose text, titles, sources and file names are all payloads."""
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / f"{NAME_PAYLOADS[0]}.md"
    new = folder / f"{NAME_PAYLOADS[1]}.md"
    title_old = " ".join(PAYLOADS[: len(PAYLOADS) // 2])
    title_new = " ".join(PAYLOADS[len(PAYLOADS) // 2 :])
    body_old = "\n\n".join(f"Paragraph {n}: {p}" for n, p in enumerate(PAYLOADS))
    # The new edition keeps, edits, drops, moves and adds payload sentences, so payloads also
    # land in word-diff marks, ghost rows and passages.
    kept = [
        f"Paragraph {n}: {p}" + (" alert(document.domain) added" if n % 3 == 0 else "")
        for n, p in enumerate(PAYLOADS)
        if n % 7
    ]
    kept = kept[5:] + kept[:5]
    kept.append("An added sentence: <script>alert('new')</script> and <b onmouseover=alert(2)>b</b>.")
    source = "javascript:alert('source')//https://example.org"
    old.write_text(
        _front({"title": title_old, "date": "2023-01-01", "source_url": source}) + body_old + "\n",
        encoding="utf-8",
    )
    new.write_text(
        _front({"title": title_new, "date": "2024-01-01", "source_url": PAYLOADS[5]})
        + "\n\n".join(kept)
        + "\n",
        encoding="utf-8",
    )
    return old, new, [title_old, title_new]


def _themes_file(folder: Path) -> tuple[Path, list[str]]:
    """A user lexicon whose theme labels are payloads, matching words of the payloads."""
    labels = [PAYLOADS[1], PAYLOADS[7], "</option></select><script>alert('label')</script>"]
    themes = [
        {"id": "hostile_alert", "label": labels[0], "description": PAYLOADS[2], "patterns": ["alert"]},
        {"id": "hostile_script", "label": labels[1], "description": PAYLOADS[3], "patterns": ["script"]},
        {"id": "hostile_image", "label": labels[2], "description": PAYLOADS[4], "patterns": ["img"]},
    ]
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
    old, new, titles = _hostile_pair(folder / "in")
    themes, labels = _themes_file(folder)
    report = folder / "report.html"
    drift("compare", old, new, "-o", report)
    placements = len(PAYLOADS) * 2 + 2 + len(labels) + 3 + 1  # text x2, names, labels, descr., url
    return Hostile(
        report, _expected_sentences(old, new), titles, [old.name, new.name], labels, placements
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


def _record(name: str, tried: int, ran: int, bad: int) -> None:
    SUMMARY[name] = {"payloads": len(PAYLOADS), "placements": tried, "ran": ran, "dom": bad}
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
    loaded = open_report(hostile_compare.path, bypass_csp=csp == "csp-bypassed")
    loaded.page.evaluate(PLAY)
    ran = loaded.xss_records() + loaded.dialogs
    bad = _audit(loaded)
    _record(f"compare/{csp}", hostile_compare.placements, len(ran), len(bad))
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
    codes = loaded.page.eval_on_selector_all(".statement code", "els => els.map(e => e.textContent)")
    assert codes == hostile_compare.names
    options = loaded.page.eval_on_selector_all(
        "#theme-select option", "els => els.map(e => e.getAttribute('data-label'))"
    )
    for label in hostile_compare.labels:
        assert label in options, f"theme label not shown as text: {label}"


def test_hook_and_audit_catch_an_unescaped_payload(hostile_compare, open_report, tmp_path) -> None:
    """The checks above can fail: the same report with one payload pasted in raw is caught."""
    html = hostile_compare.path.read_text(encoding="utf-8")
    marker = 'data-sentence="new:0">'
    assert marker in html
    raw = "<img src=x onerror=\"alert('raw')\"><script>window.__xss.push('raw')</script>"
    broken = tmp_path / "broken.html"
    broken.write_text(html.replace(marker, marker + raw, 1), encoding="utf-8")
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
