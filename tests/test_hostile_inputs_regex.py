"""Every built-in regular expression runs in linear time on adversarial text.

Python's ``re`` backtracks: ``[*_\\s]+\\Z`` searched over 100 KB of tabs tries every start
and scans the rest from each (quadratic; 28 s at 100 KB, hours at 5 MB, and Ctrl-C waits
because ``re`` never checks for signals). Each case runs in a child process with a time
limit, so a regression fails its own test instead of hanging the suite.

- Every compiled pattern of the reader (``policydrift.corpus.*``), the terminal filter and the
  theme pattern language is run with ``match``, ``fullmatch`` and ``search``/``sub`` on
  strings built to make backtracking engines explode (runs of whitespace, tabs, dashes,
  stars, markers, dots...). A pattern the code only ever anchors (``match``/``fullmatch``) is
  listed in :data:`ANCHORED`, and a test checks the source never searches with it.
- The reader's whole pipeline (furniture, sentences, HTML and Markdown) reads 100 KB
  adversarial documents within the limit.

Linear work on 16,000 characters takes milliseconds; quadratic work takes seconds. The limits are
generous (a loaded machine passes) yet far below a quadratic run.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CORPUS_SOURCE = Path(__file__).resolve().parents[1] / "corpus"
# Patterns only ever used anchored (match / fullmatch at a given position): searching them is
# not how drift runs them, and some are quadratic that way by design of the rule.
ANCHORED = {
    "policydrift.corpus.furniture._END",
    "policydrift.corpus.furniture._URL",
    "policydrift.corpus.furniture._DATELINE",
    "policydrift.corpus.furniture._DATE_LINE",
    "policydrift.corpus.furniture._BEGIN",
    "policydrift.corpus.furniture._NAV_PREFIX",
    "policydrift.corpus.furniture._PREV_NEXT",
    "policydrift.corpus.furniture._CONTACT",
    "policydrift.corpus.furniture._SOURCE",
    "policydrift.corpus.furniture._CAPTION",
    "policydrift.corpus.furniture._LINK",
    "policydrift.corpus.paragraphs.MARKER",
    "policydrift.corpus.paragraphs.LONE_MARKER",
    "policydrift.corpus.sentences._INITIALS",
    "policydrift.corpus.manifest._DATE",
    "policydrift.corpus.manifest._TIME",
    "policydrift.corpus.frontmatter._OPEN",
    "policydrift.corpus.frontmatter._ISO_PREFIX",
    "policydrift.corpus.discover._DOC_NAME",
    "policydrift.corpus.collection._LINE",
    "policydrift.corpus.formats.pdf_layout._PAGE_NUMBER",
}

_PROBE = textwrap.dedent(
    """
    import importlib, pkgutil, re, sys, time
    import policydrift.corpus as C
    from policydrift.reports import terminal
    anchored = set(sys.argv[1].split(","))
    n = int(sys.argv[2])
    patterns = []
    for info in sorted(pkgutil.walk_packages(C.__path__, "policydrift.corpus."), key=lambda m: m.name):
        name = info.name
        for attr, value in sorted(vars(importlib.import_module(name)).items()):
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                patterns.append((f"{name}.{attr}", value))
    for attr in ("_SEQUENCES", "_UNPRINTABLE"):
        patterns.append((f"policydrift.reports.terminal.{attr}", getattr(terminal, attr)))
    units = [" ", "\\t", "\\n", " \\n", "\\u00a0 \\t", "-", "*", "_ ", "# ", "a", "1", "a.",
             "a-", "(", "\\"'", "Mr. ", "; and ", "\\u3002", "A. ", "12 ", "- ", ". ", "\\x1b[",
             "\\x1b]", "\\x9b1", ";", "ab ", "* ", "**", "-\\t"]

    def strings(size):
        out = []
        for unit in units:
            run = unit * (size // len(unit))
            out += [run, "a" + run + "x", "updated" + run + "!"]
        return out

    def cost(pattern, ops, texts):
        start = time.perf_counter()
        for s in texts:
            for op in ops:
                if op == "sub":
                    pattern.sub("", s)
                else:
                    getattr(pattern, op)(s)
        return time.perf_counter() - start

    small, big = strings(n), strings(8 * n)
    print(len(patterns), "patterns", len(small), "strings", flush=True)
    for name, pattern in patterns:
        ops = ("match", "fullmatch") if name in anchored else ("match", "fullmatch", "search", "sub")
        print("pattern", name, flush=True)
        t_small = min(cost(pattern, ops, small) for _ in range(3))
        t_big = min(cost(pattern, ops, big) for _ in range(2))
        print("cost", name, f"{t_small:.4f}", f"{t_big:.4f}", flush=True)
    print("done", flush=True)
    """
)


def _bounded(code: str, args: list[str], seconds: float) -> str:
    """Run ``code`` in a child Python; fail (naming the last thing it printed) past ``seconds``."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        last = out.strip().splitlines()[-1] if out.strip() else "(nothing)"
        pytest.fail(f"still running after {seconds} s; last step: {last}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.timeout(120)
def test_every_builtin_pattern_is_linear_on_adversarial_strings() -> None:
    """Eight times the text costs about eight times the time (quadratic work costs 64 times).

    Each pattern's cost over all the strings is measured at 2,000 and 16,000 characters in
    one child process (the best of three and of two runs, against the noise of a loaded
    machine); a ratio above 24 with at least 2 s of work fails, naming the pattern (below
    that, cache effects make even linear work look superlinear; a quadratic pattern costs
    tens of seconds here). The
    child's time limit catches a pattern that is worse than quadratic.
    """
    out = _bounded(_PROBE, [",".join(sorted(ANCHORED)), "2000"], 90)
    assert out.strip().endswith("done")
    assert int(out.split()[0]) >= 40  # every pattern was found
    slow = []
    for line in out.splitlines():
        if line.startswith("cost "):
            _, name, small, big = line.split()
            if float(big) > 2.0 and float(big) > 24 * max(float(small), 1e-4):
                slow.append(
                    f"{name}: {float(small):.3f} s at 2,000 chars, {float(big):.3f} s at 16,000"
                )
    assert not slow, "superlinear: " + "; ".join(slow)


def test_anchored_patterns_are_never_searched() -> None:
    """The patterns tested anchored only are used anchored only, in the source."""
    for dotted in sorted(ANCHORED):
        module, attr = dotted.rsplit(".", 1)
        relative = module.removeprefix("policydrift.corpus.").replace(".", "/")
        source = (CORPUS_SOURCE / f"{relative}.py").read_text(encoding="utf-8")
        uses = re.findall(rf"\b{attr}\.(\w+)\(", source)
        assert uses, f"{dotted} is not used"
        assert set(uses) <= {"match", "fullmatch"}, f"{dotted} used with {sorted(set(uses))}"
        assert not re.search(rf"{attr}\.pattern\b(?!\s*\+)", source.replace("_LONE_MARKER", "")), (
            dotted
        )


_PIPELINE = textwrap.dedent(
    """
    import pathlib, sys, tempfile
    from policydrift.corpus.read import read_statement
    n = int(sys.argv[1])
    folder = pathlib.Path(tempfile.mkdtemp())
    bodies = {
        "tabs": "We met.\\n" + "a" + "\\t" * n + "b\\n\\nThey agreed.\\n",
        "spaces": "We met.\\n" + " " * n + "x\\n\\nThey agreed.\\n",
        "blank-lines": "We met.\\n" + " \\n" * (n // 2) + "They agreed.\\n",
        "dashes": "We met.\\n\\n" + "-" * n + "\\n\\nThey agreed.\\n",
        "stars": "We met.\\n\\n" + "*" * n + "\\n\\nThey agreed.\\n",
        "markers": "We met.\\n\\n" + "- " * (n // 2) + "\\n\\nThey agreed.\\n",
        "end-marks": "We met.\\n\\n" + "(end) " * (n // 6) + "\\n\\nThey agreed.\\n",
        "date-words": "We met.\\n\\nupdated" + "\\t" * n + "x\\n\\nThey agreed.\\n",
        "semicolons": "We met; " + ";" * n + " and they agreed.\\n",
        "dots": "We met " + ". " * (n // 2) + "and they agreed.\\n",
    }
    for name, body in bodies.items():
        for suffix, wrap in ((".txt", "{}"), (".md", "---\\ntitle: x\\n---\\n{}"),
                             (".html", "<html><body><p>{}</p></body></html>")):
            print("document", name, suffix, flush=True)
            path = folder / f"{name}{suffix}"
            path.write_text(wrap.format(body), encoding="utf-8")
            try:
                read_statement(path)
            except Exception as exc:  # refusals are fine; only time matters here
                if type(exc).__name__ != "InputError":
                    raise
    print("done", flush=True)
    """
)


@pytest.mark.timeout(180)
def test_reader_pipeline_is_linear_on_adversarial_documents() -> None:
    """100 KB documents of whitespace, dashes, markers... are read (or refused) in seconds."""
    out = _bounded(_PIPELINE, ["100000"], 30)
    assert out.strip().endswith("done")


_THEMES = textwrap.dedent(
    """
    import sys
    from policydrift.compare.themes.lexicon import parse_lexicon
    lexicon = parse_lexicon(sys.argv[1], source="hostile.yaml")
    texts = ["a" * 60 + "!", "a" * 2000 + "!", "ab " * 600, "-" * 2000, "a-" * 1000,
             " " * 2000 + "x", "a" * 1000 + "-" * 1000 + "!"]
    for theme in lexicon:
        for text in texts:
            print("theme", theme.id, text[:4], flush=True)
            theme.spans(text)
    print("done", flush=True)
    """
)
HOSTILE_LEXICON = """\
extend: false
themes:
  - id: stars
    label: Repeated stars
    patterns: ["a*****b", "***x", "a**-**b"]
  - id: dashes
    label: Repeated dashes
    patterns: ["x--------y", "a- - - -b"]
  - id: mixed
    label: Stars and dashes
    patterns: ["*-*-*-*x", "-*-*-*-y", "a*-*b"]
"""


@pytest.mark.timeout(60)
def test_theme_patterns_with_repeated_wildcards_are_collapsed() -> None:
    """User patterns repeating ``*`` and ``-`` run in bounded time on long words (one
    60-letter word against ``a*****b`` never ended before)."""
    out = _bounded(_THEMES, [HOSTILE_LEXICON], 20)
    assert out.strip().endswith("done")


def test_too_many_wildcards_in_one_pattern_is_refused() -> None:
    from policydrift.compare.themes.lexicon import parse_lexicon
    from policydrift.corpus.errors import ThemeFileError

    text = "themes:\n  - id: many\n    label: Many\n    patterns: ['a*b*c*d']\n"
    with pytest.raises(ThemeFileError, match=r"line 4: .*3 '\*' wildcards; at most 2"):
        parse_lexicon(text, source="mine.yaml")
