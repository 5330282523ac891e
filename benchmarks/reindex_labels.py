"""Re-index the alignment labels after a change of what a sentence is (run by hand, once).

When Markdown markup left the sentences and headings became sections (issue 12), the labelled
sentences kept their meaning but changed their text (``**WE**,`` -> ``WE,``) and their indexes
(a heading is no longer a sentence). This script maps every labelled sentence to the sentence
of the current reader with the same words (compared by the comparison key after removing
Markdown emphasis, escapes, link targets and HTML tags), in order; it drops the links of
sentences that are now headings (``none`` links, or ``same``/``edited`` links between two
headings: headings are compared as sections now), and rewrites each file's sentence lists
(index, hash, text) and the indexes in its links and echoes. No label is decided here: every
relation and note is kept as it was written. Anything it cannot map is printed and the file
is left alone.

Run: ``.venv/bin/python benchmarks/reindex_labels.py [--write]``
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from alignment_labels import LABELS, ROOT, text_hash
from policydrift.corpus import read_statement
from policydrift.corpus.normalize import normalise_key

_MARKUP = re.compile(r"<[^>]+>|\]\([^)]*\)|[*_\\]")


def key(text: str) -> str:
    return normalise_key(_MARKUP.sub("", text))


def mapping(labelled: list[dict], path: str) -> tuple[dict[int, int], list[str], list]:
    """Old label index -> current index, the problems, and the current sentences."""
    statement = read_statement(ROOT / path)
    current = statement.sentences
    headings = {key(s.title) for s in statement.sections}
    found: dict[int, int] = {}
    problems: list[str] = []
    j = 0
    for item in labelled:
        k = key(item["text"])
        at = next((n for n in range(j, len(current)) if key(current[n].text) == k), None)
        if at is None:
            if k not in headings:
                problems.append(f"{path}: sentence {item['i']} not found: {item['text'][:70]!r}")
            continue
        found[item["i"]] = at
        j = at + 1
    unmatched = sorted(set(range(len(current))) - set(found.values()))
    problems += [
        f"{path}: new sentence {n} has no label: {current[n].text[:70]!r}" for n in unmatched
    ]
    return found, problems, current


def reindex(path: Path) -> tuple[str | None, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    maps, problems, sides = {}, [], {}
    for side in ("old", "new"):
        maps[side], found, sides[side] = mapping(data[side]["sentences"], data[side]["path"])
        problems += found
    links = []
    for link in data["links"]:
        old = [maps["old"][i] for i in link["old"] if i in maps["old"]]
        new = [maps["new"][i] for i in link["new"] if i in maps["new"]]
        lost = len(old) < len(link["old"]) or len(new) < len(link["new"])
        if lost and (old or new) and link["rel"] != "none":
            if old or new:
                problems.append(f"link {link} loses some of its sentences (headings)")
            continue
        if not old and not new:
            continue  # a heading's link: headings are compared as sections
        links.append({**link, "old": old, "new": new})
    echoes = [
        {**e, "old": maps["old"][e["old"]], "new": maps["new"][e["new"]]}
        for e in data.get("echoes") or ()
        if e["old"] in maps["old"] and e["new"] in maps["new"]
    ]
    if problems:
        return None, problems
    out = [f"# {path.stem}: alignment labels (rules: README.md)\n"]
    head = {"split": data["split"], "formulaic": data["formulaic"]}
    for side in ("old", "new"):
        head[side] = {
            "path": data[side]["path"],
            "sentences": [
                {"i": s.index, "sha": text_hash(s.text), "text": " ".join(s.text.split())}
                for s in sides[side]
            ],
        }
    out.append(yaml.safe_dump(head, sort_keys=False, allow_unicode=True, width=100))
    out.append("links:\n")
    for link in links:
        line = yaml.safe_dump(link, sort_keys=False, allow_unicode=True, width=100,
                              default_flow_style=True)  # fmt: skip
        out.append("  - " + line.rstrip("\n").replace("\n", "\n  ") + "\n")
    if echoes:
        out.append(
            "echoes:  # second, weaker counterparts of sentences linked elsewhere: "
            "neither right nor wrong\n"
        )
        for echo in echoes:
            line = yaml.safe_dump(echo, sort_keys=False, allow_unicode=True, width=100,
                                  default_flow_style=True)  # fmt: skip
            out.append("  - " + line.rstrip("\n").replace("\n", "\n  ") + "\n")
    return "".join(out), []


def main(argv: list[str]) -> int:
    bad = 0
    for path in sorted(LABELS.glob("*.yaml")):
        text, problems = reindex(path)
        for problem in problems:
            print(f"{path.name}: {problem}")
        bad += len(problems)
        if text is not None and "--write" in argv:
            path.write_text(text, encoding="utf-8")
    print(f"{bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
