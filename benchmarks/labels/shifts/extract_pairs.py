"""List the changed sentence pairs of the sample corpus (and of our own editions), for labelling.

Every two editions of the sample corpus are compared with drift's default options (older on the
OLD side); every row with both sides whose words differ (the kinds of
:data:`policydrift.compare.shifts.CHANGED_KINDS`) is written to ``pairs.tsv`` once, with a stable
id, the file pair, the kind, both texts and an inline word diff (``[-old-]{+new+}``) to read.
The editions in ``editions/`` (ours, see README.md) are paired the same way. Shift labels are NOT
produced here: they are written by hand in ``labels.tsv`` after reading each pair.

    .venv/bin/python benchmarks/labels/shifts/extract_pairs.py
"""

from __future__ import annotations

import csv
import hashlib
import itertools
from pathlib import Path

from policydrift.compare import compare
from policydrift.corpus.collection import read_one

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "corpus" / "data"
OUT = HERE / "pairs.tsv"
CHANGED = ("edited", "moved+edited", "split", "merged", "trimmed", "extended", "reworded")


def corpus_files() -> list[Path]:
    files = sorted(DATA.glob("whitehouse/*/*.md")) + sorted(DATA.glob("seeds/*.txt"))
    return [f for f in files if f.name not in ("README.md", "SOURCE.md")]


def edition_pairs() -> list[tuple[Path, Path]]:
    """Our own revised editions: ``NAME.old.md`` against ``NAME.new.md``."""
    return [(old, old.with_name(old.name.replace(".old.", ".new.")))
            for old in sorted((HERE / "editions").glob("*.old.md"))]  # fmt: skip


def inline_diff(row) -> str:
    out = []
    for tag, i1, i2, j1, j2 in row.ops:
        old, new = "".join(row.old_words[i1:i2]), "".join(row.new_words[j1:j2])
        if tag == "equal":
            out.append(old)
        else:
            out.append((f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else ""))
    return "".join(out)


def main() -> None:
    files = corpus_files()
    statements = {f: read_one(str(f)) for f in files}
    pairs = []
    for a, b in itertools.combinations(files, 2):
        if (statements[a].date or "", a.name) > (statements[b].date or "", b.name):
            a, b = b, a
        pairs.append((a, b))
    pairs += edition_pairs()
    seen: set[str] = set()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(
            ("id", "source", "old_file", "new_file", "kind", "old_text", "new_text", "diff")
        )
        for a, b in pairs:
            old_st = statements.get(a) or read_one(str(a))
            new_st = statements.get(b) or read_one(str(b))
            c = compare(old_st, new_st)
            for row in c.rows:
                if row.kind not in CHANGED:
                    continue
                old = " ".join(s.text for s in c.sentences("old", row))
                new = " ".join(s.text for s in c.sentences("new", row))
                pid = hashlib.sha1(f"{old}\x00{new}".encode()).hexdigest()[:10]
                if pid in seen:
                    continue
                seen.add(pid)
                source = "ours" if "editions" in a.parts else "corpus"
                rel = [str(p.relative_to(HERE if source == "ours" else DATA)) for p in (a, b)]
                flat = [" ".join(t.split()) for t in (old, new, inline_diff(row))]
                writer.writerow((pid, source, *rel, row.kind, *flat))


if __name__ == "__main__":
    main()
