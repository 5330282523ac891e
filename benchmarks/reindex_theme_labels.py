"""Re-point theme labels at their sentences after the reader changed sentence numbers.

Run: ``.venv/bin/python benchmarks/reindex_theme_labels.py`` (rewrites
``benchmarks/labels/themes/flags.csv`` in place). Each label keeps its verdict and rule; its
``sentence`` index and ``text`` are moved to the sentence of the same statement whose text,
markup characters aside, is the labelled one (``fuzz.ratio`` >= 90, best match). A label whose
sentence is gone is reported and dropped; nothing is judged again here.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "benchmarks" / "labels" / "themes" / "flags.csv"


def plain(text: str) -> str:
    return " ".join(re.sub(r"[*_#<>]|</?sup>", " ", text).split()).casefold()


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus

    statements = {s.id: s for s in load_corpus(SAMPLE_CORPUS, cache=False).statements}
    with LABELS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    kept, moved, lost = [], 0, 0
    for row in rows:
        st = statements[row["statement"]]
        target = plain(row["text"])
        scores = [(fuzz.ratio(target, plain(s.text)), s.index) for s in st.sentences]
        score, index = max(scores)
        if score < 90:
            lost += 1
            print(
                f"lost: {row['statement'][:30]} #{row['sentence']} {row['theme']}: {row['text'][:70]}"
            )
            continue
        moved += index != int(row["sentence"])
        text = " ".join(st.sentences[index].text.split())
        kept.append({**row, "sentence": str(index), "text": text})
    kept.sort(key=lambda r: (r["split"] != "TUNE", r["statement"], int(r["sentence"]), r["theme"]))
    with LABELS.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    print(f"{len(kept)} labels kept ({moved} moved to another sentence number), {lost} lost")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
