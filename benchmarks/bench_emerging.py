"""Are drift's emerging phrases language a careful reader would report? Precision and recall
against hand labels.

Run: ``.venv/bin/python benchmarks/bench_emerging.py`` (deterministic; a few seconds).
``--errors`` also lists every wrong and every missed term with its judgement.

Labels: ``benchmarks/labels/emerging/labels.yaml`` (rules, and which series are TUNE and which
TEST, in the README there): for each series of the sample corpus with two editions or more
and each edition after the first, every candidate term (what keyness offers the list: the top
24 terms leaning to that edition against all earlier ones, no theme covering them, in two
sentences or more) judged ``yes`` or ``no`` with a reason, by reading.

The list is made as the timeline makes it (the latest edition against all earlier ones, the
first eight). Two lists are measured on every case:

- ``engine``: :func:`policydrift.compare.themes.emerging.emerging_phrases` as it is today;
- ``baseline``: the rule before the hand labels (every candidate, multi-word first, no name or
  rise rule), written out here (:func:`baseline`) so that it stays the same baseline.

Figures: ``precision`` (listed terms judged yes), ``recall`` (terms judged yes that are listed,
of all judged yes among the candidates; the list holds eight at most, so recall is bounded).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from policydrift.compare.themes.emerging import emerging_phrases
from policydrift.compare.themes.keyness import key_terms
from policydrift.compare.themes.lexicon import load_lexicon
from policydrift.compare.themes.models import KeyTerm
from policydrift.compare.themes.terms import TermMemo
from policydrift.corpus.collection import SAMPLE_CORPUS, load_corpus

LABELS = Path(__file__).resolve().parent / "labels" / "emerging" / "labels.yaml"
SHOWN = 8  # terms listed per edition, as in the reports
POOL = 24  # candidates keyness offers, as the timeline asks for them

Lister = Callable[[Sequence[KeyTerm]], Sequence[KeyTerm]]


@dataclass
class Figures:
    shown: int = 0
    right: int = 0
    labelled_yes: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)
    unlabelled: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        p = f"{self.right / self.shown:.2f}" if self.shown else "   -"
        r = f"{self.right / self.labelled_yes:.2f}" if self.labelled_yes else "   -"
        return (
            f"precision {p} ({self.right}/{self.shown})  "
            f"recall {r} ({self.right}/{self.labelled_yes})"
        )


def baseline(terms: Sequence[KeyTerm]) -> tuple[KeyTerm, ...]:
    """The list before the hand labels: every candidate, multi-word phrases first."""
    fresh = [t for t in terms if not t.themes and t.leaning == "new" and len(t.uses) >= 2]
    return tuple(sorted(fresh, key=lambda t: t.words == 1)[:SHOWN])


def engine(terms: Sequence[KeyTerm]) -> tuple[KeyTerm, ...]:
    return emerging_phrases(terms, top=SHOWN)


def load_cases(split: str | None = None) -> list[dict]:
    cases = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["cases"]
    return [c for c in cases if split is None or c["split"] == split]


def evaluate(lister: Lister, split: str) -> Figures:
    """The figures of ``lister`` on the cases of ``split``."""
    lexicon = load_lexicon()
    statements = {s.id: s for s in load_corpus(SAMPLE_CORPUS).statements}
    memo = TermMemo(3)
    out = Figures()
    for case in load_cases(split):
        old = [statements[i] for i in case["earlier"]]
        new = [statements[case["latest"]]]
        terms = key_terms(old, new, lexicon=lexicon, top=POOL, leaning="new", memo=memo)
        judged: dict[str, str] = case["terms"]
        shown = [t.term for t in lister(terms)]
        where = case["latest"][:40]
        out.labelled_yes += sum(v == "yes" for v in judged.values())
        for term in shown:
            out.shown += 1
            verdict = judged.get(term)
            if verdict is None:
                out.unlabelled.append((where, term))
            elif verdict == "yes":
                out.right += 1
            else:
                out.wrong.append((where, term, verdict))
        out.missed += [(where, t) for t, v in judged.items() if v == "yes" and t not in shown]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list wrong and missed terms")
    args = parser.parse_args(argv)
    for split in ("TUNE", "TEST"):
        cases = load_cases(split)
        print(
            f"{split} ({len(cases)} editions, {sum(len(c['terms']) for c in cases)} terms judged)"
        )
        for name, lister in (("engine", engine), ("baseline", baseline)):
            figures = evaluate(lister, split)
            print(f"  {name:<9} {figures.line()}")
            if figures.unlabelled:
                print(f"    NOT LABELLED (relabel): {figures.unlabelled}")
            if args.errors and name == "engine":
                for where, term, verdict in figures.wrong:
                    print(f"    wrong   {where}  {term!r}: {verdict}")
                for where, term in figures.missed:
                    print(f"    missed  {where}  {term!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
