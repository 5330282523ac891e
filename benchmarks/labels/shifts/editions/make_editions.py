"""Write our own revised editions of real statements (the sample corpus runs short of edits).

Each edition takes sentences of a real statement of the sample corpus verbatim (the OLD file)
and revises some of them by hand (the NEW file): the revisions are the (find, replace) pairs
in ``revisions.yaml`` beside this script, written by reading each sentence as a drafter would revise it (firmer or weaker
commitments, support and stance words, hedges added or dropped, negations, clauses trimmed or
moved, and neutral edits: dates, names, lists, synonyms). Edition ``g`` is wholly ours: old
sentences carrying a hedge or a negation that the new edition removes. The files are checked in;
this script only documents how they were made and re-creates them.

    .venv/bin/python benchmarks/labels/shifts/editions/make_editions.py
"""

from __future__ import annotations

from pathlib import Path

import yaml
from policydrift.corpus.collection import read_one

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[3] / "corpus" / "data"

REVISIONS = HERE / "revisions.yaml"


def write(path: Path, date: str, title: str, sentences: list[str]) -> None:
    body = "\n\n".join(sentences)
    path.write_text(f'---\ndate: {date}\ntitle: "{title}"\n---\n\n{body}\n', encoding="utf-8")


def main() -> None:
    revisions = yaml.safe_load(REVISIONS.read_text(encoding="utf-8"))
    for name, edition in revisions["editions"].items():
        source = edition["source"]
        statement = read_one(str(DATA / source))
        old, new = [], []
        for index, changes in edition["sentences"].items():
            text = " ".join(statement.sentences[index].text.split())
            revised = text
            for find, replace in changes or ():
                if find not in revised:
                    msg = f"{name} {index}: {find!r} not in {revised!r}"
                    raise SystemExit(msg)
                revised = revised.replace(find, replace, 1)
            old.append(text)
            new.append(revised)
        title = f"Our revision of {statement.title or source}"
        write(HERE / f"{name}.old.md", edition["old_date"], title, old)
        write(HERE / f"{name}.new.md", edition["new_date"], title, new)
    ours = revisions["ours"]
    write(HERE / "g-ours.old.md", "2024-01-01", "Our own sentences", [p["old"] for p in ours])
    write(HERE / "g-ours.new.md", "2025-01-01", "Our own sentences", [p["new"] for p in ours])


if __name__ == "__main__":
    main()
