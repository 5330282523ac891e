"""Write the timeline outputs of fixed corpora to a folder, or check them against such a folder.

A speed-up of ``drift timeline`` must not change what it finds. This script builds the timeline
of the sample corpus (as ``drift timeline`` does: built-in lexicons and strength lexicon; with
and without ``--exclude-formulaic``) and of a 300-statement synthetic corpus
(``timeline_corpus.synth_corpus``), and writes each one's JSON and HTML pages:

    python benchmarks/check_timeline_same.py --write /tmp/before    # on the code before
    python benchmarks/check_timeline_same.py --against /tmp/before  # on the code after

``--against`` rebuilds the same outputs and names every file that differs (and the first
differing JSON path), exit code 1 if any does. ``--only json`` skips the HTML (a deliberate
change of the pages, such as a more compact index, is then checked on the JSON alone).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from policydrift.compare.shifts.lexicon import load_strength  # noqa: E402
from policydrift.compare.timeline.build import build_timeline  # noqa: E402
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus  # noqa: E402
from policydrift.reports.timeline.html import (  # noqa: E402
    render_timeline_html,
    render_timeline_pages,
)
from policydrift.reports.timeline.pages import should_split  # noqa: E402
from policydrift.reports.timeline.tables import timeline_to_json  # noqa: E402
from timeline_corpus import synth_corpus  # noqa: E402


def outputs(
    corpus: Path, label: str, *, exclude: bool = False, html: bool = True
) -> dict[str, str]:
    """File name -> text of the timeline of ``corpus`` (JSON, and the HTML pages)."""
    statements = load_corpus(corpus, cache=False).statements
    timeline = build_timeline(statements, exclude_formulaic=exclude, strength=load_strength(None))
    out = {f"{label}.json": timeline_to_json(timeline)}
    if html:
        if should_split(timeline):
            pages = render_timeline_pages(timeline, index="index.html", prefix="series-")
        else:
            pages = {"index.html": render_timeline_html(timeline)}
        out.update({f"{label}.{name}": text for name, text in pages.items()})
    return out


def all_outputs(html: bool) -> dict[str, str]:
    """The outputs of every checked corpus."""
    out = outputs(SAMPLE_CORPUS, "sample", html=html)
    out.update(outputs(SAMPLE_CORPUS, "sample-excluded", exclude=True, html=html))
    with tempfile.TemporaryDirectory() as tmp:
        out.update(outputs(synth_corpus(Path(tmp), 300), "synth300", html=html))
    return out


def first_difference(a: Any, b: Any, path: str = "$") -> str:
    """The JSON path of the first place where ``a`` and ``b`` differ."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        for key in dict.fromkeys([*a, *b]):
            if key not in a or key not in b:
                return f"{path}.{key}: missing on one side"
            if a[key] != b[key]:
                return first_difference(a[key], b[key], f"{path}.{key}")
        return f"{path}: key order"
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}[{k}]")
    return f"{path}: {str(a)[:200]!r} != {str(b)[:200]!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="folder to write the outputs to")
    group.add_argument("--against", type=Path, help="folder of earlier outputs to check against")
    parser.add_argument("--only", choices=["json"], help="check the JSON only")
    args = parser.parse_args()
    found = all_outputs(html=args.only is None)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for name, text in found.items():
            (args.write / name).write_text(text, encoding="utf-8")
        print(f"wrote {len(found)} files to {args.write}")
        return 0
    bad = 0
    for name, text in found.items():
        before = args.against / name
        if not before.exists():
            print(f"{name}: not in {args.against}")
            bad += 1
            continue
        old = before.read_text(encoding="utf-8")
        if old == text:
            continue
        bad += 1
        where = ""
        if name.endswith(".json"):
            where = ": " + first_difference(json.loads(old), json.loads(text))
        print(f"{name}: DIFFERENT{where}")
    print(f"{len(found) - bad} of {len(found)} files identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
