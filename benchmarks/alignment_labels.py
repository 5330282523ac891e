"""Hand-made sentence alignments of consecutive editions: load, check, and start a new file.

The label files live in ``benchmarks/labels/alignment/*.yaml`` (rules in the README there).
Each names its two statement files (relative to the repository), lists the sentences of both
sides as drift splits them (index, a hash of the text, the text), and links every sentence to
its counterpart(s) or to nothing, with a relation from :data:`RELATIONS`.

Start a file for a new pair (sentences filled in, links left to the labeller)::

    .venv/bin/python benchmarks/alignment_labels.py skeleton OLD NEW > labels/alignment/x.yaml

Check every file against the current sentence splitting::

    .venv/bin/python benchmarks/alignment_labels.py check
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "benchmarks" / "labels" / "alignment"

RELATIONS = (
    "same",  # identical words (case, punctuation, spacing and markup aside)
    "edited",  # the same sentence with a few words changed
    "trimmed",  # the new sentence is the old one with a clause or phrase cut
    "extended",  # the new sentence is the old one with a clause or phrase added
    "split",  # one old sentence restated as several new ones
    "merged",  # several old sentences restated as one new one
    "reworded",  # the same point in mostly different words
    "loose",  # only a topical successor; not a required link
    "none",  # no counterpart on the other side
)
LINKED = tuple(r for r in RELATIONS if r not in ("loose", "none"))
SPLITS = ("TUNE", "TEST")


def text_hash(text: str) -> str:
    """The short hash recorded for a sentence text (first 12 hex digits of its SHA-1).

    >>> text_hash("We act now.")
    '6cde3fde1e35'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Link:
    """One labelled link: old and new sentence indexes (one side empty for ``none``)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    rel: str
    note: str = ""

    def pairs(self) -> list[tuple[int, int]]:
        """Every (old, new) index pair of the link (all of them for split/merged)."""
        return [(i, j) for i in self.old for j in self.new]


@dataclass(frozen=True)
class LabelledSide:
    """One side of a labelled pair: its statement file (relative to the repository) and the
    hashes of its sentences as labelled."""

    path: str
    hashes: tuple[str, ...]

    def keys(self) -> list[str]:
        """The comparison keys of the file's sentences, as drift reads it now."""
        from policydrift.corpus import read_statement

        return [s.key for s in read_statement(ROOT / self.path).sentences]


@dataclass(frozen=True)
class LabelledPair:
    """The labels of one edition pair, as read from its file."""

    name: str
    split: str
    formulaic: bool
    old: LabelledSide
    new: LabelledSide
    links: tuple[Link, ...]
    file: Path
    echoes: tuple[tuple[int, int], ...] = ()

    @property
    def sentences(self) -> int:
        """Sentences on both sides."""
        return len(self.old.hashes) + len(self.new.hashes)

    def pairs_by_relation(self) -> dict[tuple[int, int], str]:
        """Every labelled (old, new) pair with its relation (``none`` links have none)."""
        return {p: link.rel for link in self.links for p in link.pairs()}

    def neutral_pairs(self) -> set[tuple[int, int]]:
        """Pairs a prediction may hold without being right or wrong: ``loose`` links and echoes."""
        loose = {p for link in self.links if link.rel == "loose" for p in link.pairs()}
        return loose | set(self.echoes)


def _indexes(value: object, where: str) -> tuple[int, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in items):
        msg = f"{where}: indexes must be integers: {value!r}"
        raise ValueError(msg)
    return tuple(items)


def _side(data: dict[str, Any]) -> LabelledSide:
    return LabelledSide(str(data["path"]), tuple(s["sha"] for s in data["sentences"]))


def read_pair(path: Path) -> LabelledPair:
    """One label file as a :class:`LabelledPair` (structure only; see :func:`check_pair`)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    links = []
    for n, item in enumerate(data.get("links") or []):
        where = f"{path.name}: link {n}"
        links.append(
            Link(
                _indexes(item.get("old"), where),
                _indexes(item.get("new"), where),
                str(item.get("rel")),
                str(item.get("note") or ""),
            )
        )
    return LabelledPair(
        name=path.stem,
        split=str(data["split"]),
        formulaic=bool(data.get("formulaic", False)),
        old=_side(data["old"]),
        new=_side(data["new"]),
        links=tuple(links),
        file=path,
        echoes=tuple((int(e["old"]), int(e["new"])) for e in data.get("echoes") or ()),
    )


def load_labels(split: str | None = None) -> list[LabelledPair]:
    """Every labelled pair, or those of one split (``"TUNE"`` or ``"TEST"``), by name."""
    if split is not None and split not in SPLITS:
        msg = f"split must be one of {SPLITS}: {split!r}"
        raise ValueError(msg)
    pairs = [read_pair(p) for p in sorted(LABELS.glob("*.yaml"))]
    return [p for p in pairs if split is None or p.split == split]


def check_pair(pair: LabelledPair) -> list[str]:
    """Problems of one label file against the current sentence splitting (empty: consistent).

    Checks: the split name, the relations, the sentence hashes against
    ``read_statement(path).sentences``, every sentence of each side in exactly one link, and
    the shape of each link (``none``: one side empty and one sentence; ``split``: one old,
    several new; ``merged``: several old, one new; everything else: one old, one new).
    """
    from policydrift.corpus import read_statement

    problems = []
    if pair.split not in SPLITS:
        problems.append(f"split {pair.split!r} not in {SPLITS}")
    for side, labelled in (("old", pair.old), ("new", pair.new)):
        path, hashes = labelled.path, labelled.hashes
        sentences = read_statement(ROOT / path).sentences
        actual = tuple(text_hash(s.text) for s in sentences)
        if actual != hashes:
            problems.append(f"{side} {path}: sentences differ from the labelled ones")
        seen: dict[int, int] = {}
        for link in pair.links:
            for i in getattr(link, side):
                seen[i] = seen.get(i, 0) + 1
        missing = sorted(set(range(len(hashes))) - set(seen))
        twice = sorted(i for i, c in seen.items() if c > 1)
        outside = sorted(i for i in seen if not 0 <= i < len(hashes))
        if missing:
            problems.append(f"{side} sentences without a label: {missing}")
        if twice:
            problems.append(f"{side} sentences labelled more than once: {twice}")
        if outside:
            problems.append(f"{side} indexes out of range: {outside}")
    labelled = pair.pairs_by_relation()
    for i, j in pair.echoes:
        if not (0 <= i < len(pair.old.hashes) and 0 <= j < len(pair.new.hashes)):
            problems.append(f"echo old {i} / new {j}: index out of range")
        elif (i, j) in labelled:
            problems.append(f"echo old {i} / new {j} is already a link")
    for n, link in enumerate(pair.links):
        shape = (len(link.old), len(link.new))
        if link.rel not in RELATIONS:
            problems.append(f"link {n}: unknown relation {link.rel!r}")
        elif link.rel == "none":
            if sorted(shape) != [0, 1]:
                problems.append(f"link {n}: a none link holds one sentence of one side")
        elif link.rel == "split":
            if shape[0] != 1 or shape[1] < 2:
                problems.append(f"link {n}: a split link holds one old and several new")
        elif link.rel == "merged":
            if shape[1] != 1 or shape[0] < 2:
                problems.append(f"link {n}: a merged link holds several old and one new")
        elif shape != (1, 1):
            problems.append(f"link {n}: a {link.rel} link holds one old and one new")
    return problems


def skeleton(old_path: str, new_path: str, name: str = "") -> str:
    """A new label file for OLD -> NEW: both sentence lists, no links yet."""
    from policydrift.corpus import read_statement

    def side(path: str) -> dict:
        rel = Path(path).resolve().relative_to(ROOT).as_posix()
        sents = read_statement(ROOT / rel).sentences
        items = [
            {"i": s.index, "sha": text_hash(s.text), "text": " ".join(s.text.split())}
            for s in sents
        ]
        return {"path": rel, "sentences": items}

    data = {
        "split": "TUNE",
        "formulaic": False,
        "old": side(old_path),
        "new": side(new_path),
        "links": [],
    }
    head = f"# {name or Path(new_path).stem}: alignment labels (rules: README.md)\n"
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def main(argv: list[str]) -> int:
    if argv[:1] == ["skeleton"] and len(argv) == 3:
        sys.stdout.write(skeleton(argv[1], argv[2]))
        return 0
    if argv == ["check"]:
        bad = 0
        for pair in load_labels():
            for problem in check_pair(pair):
                print(f"{pair.file.name}: {problem}")
                bad += 1
        print(f"{len(load_labels())} label files, {bad} problems")
        return 1 if bad else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
