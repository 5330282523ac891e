"""How often is a theme flag right? Precision of drift's theme flags, judged by reading.

Run: ``.venv/bin/python benchmarks/bench_themes.py`` (one process, about 20 s).

A *flag* is one evidence sentence of a theme that ``drift compare`` calls new, dropped,
reframed, rising or falling, on consecutive editions of the sample corpus (each series of
``corpus/data/whitehouse`` in date order, and the five seed statements in date order). The
labels (``benchmarks/labels/themes/flags.csv``, rules in its README) say, for a sentence and a
theme, whether the sentence is about that theme, judged by reading the sentence. Every flag
either system below raises was labelled.

Two systems on the same pairs, both with the built-in lexicons (cyber and policy):

- **context**: the lexicons as shipped (context rules and date bounds applied);
- **words only**: the same patterns with every context rule and date bound removed (a guarded
  pattern counts wherever it occurs): the baseline the context rules are measured against.

Precision = right / labelled flags, printed for the TUNE part (series looked at while writing
the rules) and the TEST part (series not tuned on); the goal is >= 0.95 on TEST. ``--todo
FILE`` writes the flags that have no label yet (to label by reading, never by copying drift's
answer).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "benchmarks" / "labels" / "themes" / "flags.csv"
# Series read while writing and adjusting the rules (TUNE); the rest is TEST.
TUNE = ("cyber_awareness_month_proclamations", "cyber_emergency_continuation_notices", "seeds")
TEST = ("asean_us", "quad_senior_cyber_group", "counter_ransomware_initiative")


def groups(statements):
    """{group: statements in date order}: whitehouse series, and the seeds as one group."""
    found: dict[str, list] = {}
    for s in statements:
        group = "seeds" if "seeds" in Path(s.path).parts else Path(s.path).parent.name
        found.setdefault(group, []).append(s)
    return {g: sorted(v, key=lambda s: (s.date or "", s.id)) for g, v in sorted(found.items())}


def words_only(lexicon):
    """The lexicon with context rules and date bounds removed (guarded patterns made plain)."""
    from policydrift.compare.themes.lexicon import make_theme

    themes = tuple(
        replace(
            make_theme(
                t.id, t.label, patterns=list(t.patterns), acronyms=list(t.acronyms),
                exclude=list(t.exclude), description=t.description, cap_major=t.cap_major,
            ),
            line=t.line,
        )
        for t in lexicon.themes
    )  # fmt: skip
    return replace(lexicon, themes=themes, name=lexicon.name + " (words only)")


def flags(grouped, lexicon) -> dict[tuple[str, str, int, str], str]:
    """{(group, statement id, sentence index, theme): sentence text} for every flag raised."""
    from policydrift.compare import compare
    from policydrift.compare.models import ThemeOptions

    options = ThemeOptions(lexicon=lexicon)
    found = {}
    for group, statements in grouped.items():
        for old, new in zip(statements, statements[1:], strict=False):
            themes = compare(old, new, themes=options).themes
            for change in themes.flagged:
                for e in change.evidence:
                    st = old if e.side == "old" else new
                    found[(group, st.id, e.sentence, change.theme)] = e.text
    return found


def read_labels() -> dict[tuple[str, int, str], dict[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as f:
        return {(r["statement"], int(r["sentence"]), r["theme"]): r for r in csv.DictReader(f)}


def score(raised, labels) -> dict[str, Counter]:
    out = {"TUNE": Counter(), "TEST": Counter()}
    for (group, statement, sentence, theme), text in raised.items():
        part = "TUNE" if group in TUNE else "TEST"
        label = labels.get((statement, sentence, theme))
        if label is None:
            out[part]["unlabelled"] += 1
        elif " ".join(label["text"].split())[:60] != " ".join(text.split())[:60]:
            out[part]["stale"] += 1  # the sentence moved: segmentation changed since labelling
        else:
            out[part][label["verdict"]] += 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--todo", type=Path, help="write unlabelled flags to this CSV")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from policydrift.compare.themes.lexicon import load_lexicon
    from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus

    grouped = groups(load_corpus(SAMPLE_CORPUS, cache=False).statements)
    assert set(grouped) == set(TUNE) | set(TEST), sorted(grouped)
    lexicon = load_lexicon()
    systems = {
        "context": flags(grouped, lexicon),
        "words only": flags(grouped, words_only(lexicon)),
    }
    labels = read_labels() if LABELS.exists() else {}
    pairs = sum(len(v) - 1 for v in grouped.values())
    print(f"{pairs} pairs of consecutive editions; {len(labels)} labelled sentence-theme flags")
    print(f"{'system':<12} {'part':<5} {'flags':>6} {'right':>6} {'wrong':>6} {'unlab.':>6} "
          f"{'precision':>9}")  # fmt: skip
    for name, raised in systems.items():
        for part, c in score(raised, labels).items():
            judged = c["right"] + c["wrong"]
            precision = f"{c['right'] / judged:.3f}" if judged else "-"
            total = judged + c["unlabelled"] + c["stale"]
            print(
                f"{name:<12} {part:<5} {total:>6} {c['right']:>6} {c['wrong']:>6} "
                f"{c['unlabelled'] + c['stale']:>6} {precision:>9}"
            )
    refused = set(systems["words only"]) - set(systems["context"])
    verdicts = Counter(
        labels[(s, i, t)]["verdict"] for _, s, i, t in refused if (s, i, t) in labels
    )
    print(
        f"Flags the context rules refused: {len(refused)} "
        f"({verdicts['wrong']} judged wrong, {verdicts['right']} judged right)"
    )
    if args.todo:
        todo = {
            k: v
            for raised in systems.values()
            for k, v in raised.items()
            if (k[1], k[2], k[3]) not in labels
        }
        with args.todo.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["split", "statement", "sentence", "theme", "verdict", "rule", "text"])
            for (group, statement, sentence, theme), text in sorted(todo.items()):
                part = "TUNE" if group in TUNE else "TEST"
                writer.writerow([part, statement, sentence, theme, "", "", " ".join(text.split())])
        print(f"{len(todo)} unlabelled flags written to {args.todo}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
