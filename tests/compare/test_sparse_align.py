"""Alignment without the all-pairs matrix: the exhaustive banded path against the plain dense
algorithm, the blocked (word index) path against the exhaustive one, matching and scanning."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import numpy as np
import pytest
from helpers import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policydrift.compare import CompareOptions
from policydrift.compare import compare as _compare
from policydrift.compare.align import align as _align
from policydrift.compare.align import unique_identical
from policydrift.compare.classify import Unit, oriented_rows
from policydrift.compare.groups import grow_group
from policydrift.compare.matching import match_graph, pair_weights
from policydrift.compare.pair_scan import admissible_pairs, scan_pairs
from policydrift.compare.similarity import score_matrix
from policydrift.compare.sparse_align import blocked_pairs
from policydrift.corpus import read_statement
from policydrift.corpus.normalize import normalise_key
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

SERIES = sorted(
    [DATA / "seeds", *(p for p in (DATA / "whitehouse").iterdir() if p.is_dir())],
    key=lambda p: p.name,
)
RATIO = CompareOptions(scorer="ratio")


def align(*args, **kwargs):
    """The ``ratio`` path (the one these tests are about), rows without closest counterparts
    (only the exhaustive path knows them)."""
    kwargs.setdefault("scorer", "ratio")
    return [replace(r, closest=None, closest_score=None) for r in _align(*args, **kwargs)]


def compare(old, new, **kwargs):
    return _compare(old, new, RATIO, **kwargs)


def same_rows(a, b) -> bool:
    strip = [replace(r, closest=None, closest_score=None) for r in a]
    return strip == [replace(r, closest=None, closest_score=None) for r in b]


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the plain dense algorithm, as compare.align computed it with the whole score matrix -----


def dense_align(old_keys, new_keys, threshold=60.0, split_threshold=80.0):
    """Reference: full float32 matrix, one assignment over it, groups read from it."""
    old_keys, new_keys = list(old_keys), list(new_keys)
    swap = old_keys > new_keys
    a, b = (new_keys, old_keys) if swap else (old_keys, new_keys)
    anchors = unique_identical(a, b)
    scores = np.full((len(a), len(b)), -1.0, dtype=np.float32)
    rest_a = [i for i in range(len(a)) if i not in {x for x, _ in anchors}]
    rest_b = [j for j in range(len(b)) if j not in {y for _, y in anchors}]
    if rest_a and rest_b:
        block = score_matrix([a[i] for i in rest_a], [b[j] for j in rest_b], workers=1)
        scores[np.ix_(rest_a, rest_b)] = block
    pairs = sorted(anchors + _dense_match(scores, threshold))
    for i, j in anchors:
        scores[i, j] = 100.0
    splits = _dense_candidates(a, b, scores, pairs, split_threshold)
    merges = _dense_candidates(b, a, scores.T, [(j, i) for i, j in pairs], split_threshold)
    ranked = sorted(
        [(g[0], 0, g) for g in splits] + [(g[0], 1, g) for g in merges],
        key=lambda t: (-t[0], t[1], t[2][1], t[2][2]),
    )
    used = (set(), set())
    groups = ([], [])
    for _, d, g in ranked:
        singles, parts = (used[0], used[1]) if d == 0 else (used[1], used[0])
        span = set(range(g[2], g[3] + 1))
        if g[1] in singles or span & parts:
            continue
        singles.add(g[1])
        parts.update(span)
        groups[d].append(g)
    ga = {g[1] for g in groups[0]} | {k for g in groups[1] for k in range(g[2], g[3] + 1)}
    gb = {g[1] for g in groups[1]} | {k for g in groups[0] for k in range(g[2], g[3] + 1)}
    units = [
        Unit((i,), (j,), round(float(scores[i, j]), 2))
        for i, j in pairs
        if i not in ga and j not in gb
    ]
    units += [Unit((g[1],), tuple(range(g[2], g[3] + 1)), g[0]) for g in groups[0]]
    units += [Unit(tuple(range(g[2], g[3] + 1)), (g[1],), g[0]) for g in groups[1]]
    return oriented_rows(units, a, b, swap=swap)


def _dense_match(scores, threshold):
    allowed = scores >= threshold
    rows = np.flatnonzero(allowed.any(axis=1))
    cols = np.flatnonzero(allowed.any(axis=0))
    if rows.size == 0:
        return []
    n, m = scores.shape
    distance = np.abs((rows[:, None] + 0.5) / n - (cols[None, :] + 0.5) / m)
    sub = scores[np.ix_(rows, cols)].astype(np.float64)
    weight = np.where(allowed[np.ix_(rows, cols)], sub + 1e-3 - 1e-6 * distance, 0.0)
    r, c = linear_sum_assignment(weight, maximize=True)
    keep = allowed[rows[r], cols[c]]
    return sorted(zip(rows[r][keep].tolist(), cols[c][keep].tolist(), strict=True))


def _dense_candidates(a, b, scores, pairs, split_threshold):
    match_a, match_b = np.full(len(a), -1), np.full(len(b), -1)
    for i, j in pairs:
        match_a[i], match_b[j] = j, i
    if len(b) < 2:
        return []
    free_b = match_b < 0
    best_a = scores.max(axis=1)
    out = []
    for i in np.flatnonzero(best_a + 5.0 <= 100.0).tolist():
        j = int(match_a[i])
        if j < 0:
            masked = np.where(free_b, scores[i], -1.0)
            j = int(masked.argmax())
            if masked[j] < 0:
                continue
        current, lo, hi = grow_group(a[i], b, free_b, j, float(scores[i, j]), fuzz.ratio)
        if (
            hi > lo
            and current >= split_threshold
            and current >= best_a[i] + 5.0
            and current >= process.extractOne(a[i], b, scorer=fuzz.ratio)[1] + 5.0
        ):
            out.append((round(float(current), 2), i, lo, hi))
    return out


# --- generated revisions of real sentences ----------------------------------------------


def _pool() -> list[str]:
    seen: dict[str, str] = {}
    for path in sorted([*DATA.glob("seeds/*.txt"), *DATA.glob("whitehouse/*/*.md")]):
        for s in read_statement(path).sentences:
            seen.setdefault(s.key, s.text)
    return list(seen.values())


POOL = _pool()
VOCAB = sorted({w for text in POOL for w in text.split() if w.isalpha()})


def revision(texts: list[str], rng: random.Random) -> list[str]:
    """Words edited (up to a third), sentences dropped, added, moved, split and merged."""
    out = list(texts)
    for _ in range(rng.randrange(2, 12)):
        action = rng.choice(["edit", "edit", "drop", "insert", "move", "split", "merge"])
        if not out:
            action = "insert"
        k = rng.randrange(len(out)) if out else 0
        words = out[k].split(" ") if out else []
        if action == "edit":
            for _ in range(rng.randrange(1, max(2, len(words) // 3))):
                words[rng.randrange(len(words))] = rng.choice(VOCAB)
            out[k] = " ".join(words)
        elif action == "drop":
            del out[k]
        elif action == "insert":
            out.insert(k, rng.choice(POOL))
        elif action == "move":
            out.insert(rng.randrange(len(out)), out.pop(k))
        elif action == "split" and len(words) >= 8:
            cuts = sorted(rng.sample(range(2, len(words) - 1), rng.randrange(1, 3)))
            parts = [words[x:y] for x, y in itertools.pairwise([0, *cuts, len(words)])]
            out[k : k + 1] = [" ".join(p) for p in parts if p]
        elif action == "merge" and k + 1 < len(out):
            out[k : k + 2] = [out[k] + " " + out[k + 1]]
    return out


cases = st.builds(
    lambda picks, seed: (picks, seed),
    st.lists(st.integers(0, len(POOL) - 1), min_size=0, max_size=30, unique=True),
    st.integers(0, 2**32 - 1),
)


def keys_of(picks: list[int], seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    old = [POOL[k] for k in picks]
    return [normalise_key(t) for t in old], [normalise_key(t) for t in revision(old, rng)]


@SETTINGS
@given(cases)
def test_banded_scoring_gives_the_rows_of_the_whole_matrix(case) -> None:
    old, new = keys_of(*case)
    assert align(old, new) == dense_align(old, new)
    assert align(old, new, threshold=40, split_threshold=70) == dense_align(old, new, 40, 70)


@SETTINGS
@given(cases)
def test_blocked_path_gives_the_rows_of_the_exhaustive_path(case) -> None:
    old, new = keys_of(*case)
    assert align(old, new, exhaustive_max_cells=0) == align(old, new)


def _series_pairs():
    for folder in SERIES:
        files = sorted([*folder.glob("*.txt"), *folder.glob("*.md")])
        yield from itertools.permutations(files, 2)


@pytest.mark.slow
def test_blocked_path_on_every_pair_of_sample_editions() -> None:
    """Every ordered pair of editions of one series (76 comparisons): the same rows."""
    statements = {}
    checked = 0
    for a, b in _series_pairs():
        for p in (a, b):
            statements.setdefault(p, read_statement(p))
        old, new = statements[a], statements[b]
        assert same_rows(compare(old, new, exhaustive_max_cells=0).rows, compare(old, new).rows), (
            a,
            b,
        )
        old_keys = [s.key for s in old.sentences]
        new_keys = [s.key for s in new.sentences]
        assert align(old_keys, new_keys) == dense_align(old_keys, new_keys), (a, b)
        checked += 1
    assert checked == 76


def test_blocked_path_scores_a_fraction_of_the_pairs(monkeypatch) -> None:
    """Above the size, no score matrix of the remaining sentences is ever made."""
    texts = POOL[:300]
    old = [normalise_key(t) for t in texts]
    new = [normalise_key(t) for t in revision(texts, random.Random(3))]
    expected = align(old, new)
    cells: list[int] = []
    real = process.cdist

    def counting(queries, choices, **kwargs):
        out = real(queries, choices, **kwargs)
        cells.append(out.size)
        return out

    monkeypatch.setattr(process, "cdist", counting)
    assert align(old, new, exhaustive_max_cells=0) == expected
    rest = len(old) * len(new)
    assert max(cells) < rest / 10
    assert sum(cells) < rest / 2


def test_size_parameter_is_checked() -> None:
    with pytest.raises(ValueError, match=r"exhaustive_max_cells must be an integer >= 0: -1"):
        align(["a"], ["b"], exhaustive_max_cells=-1)


# --- the pieces ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.lists(st.sampled_from([0.0, 61.0, 70.0, 70.0, 85.5, 100.0]), min_size=81, max_size=81),
)
def test_matching_by_components_is_optimal(n, m, values) -> None:
    scores = np.array(values[: n * m], dtype=np.float32).reshape(n, m)
    i, j = np.nonzero(scores >= 60)
    weight = np.where(scores >= 60, scores.astype(np.float64) + 1e-3, 0.0)
    if i.size:
        weight[i, j] = pair_weights(i, j, scores[i, j], n, m)
    r, c = linear_sum_assignment(weight, maximize=True)
    best = weight[r, c].sum()
    for max_cells in (4_000_000, 0):  # dense blocks, then the sparse solver
        pairs = match_graph(i, j, scores[i, j], n, m, max_cells=max_cells)
        assert len({p for p, _ in pairs}) == len(pairs) == len({q for _, q in pairs})
        assert all(scores[p, q] >= 60 for p, q in pairs)
        assert sum(weight[p, q] for p, q in pairs) == pytest.approx(best, abs=1e-9)


def test_scan_keeps_exactly_the_admissible_scores_and_the_best_ones() -> None:
    texts = [POOL[k] for k in range(0, 400, 3)]
    a = [normalise_key(t) for t in texts]
    b = [normalise_key(t) for t in revision(texts, random.Random(7))]
    full = score_matrix(a, b)
    for threshold in (60.0, 45.5):
        r, c = np.nonzero(full >= threshold)
        scan = scan_pairs(a, b, threshold=threshold, top=4)
        assert scan.i.tolist() == r.tolist()
        assert scan.j.tolist() == c.tolist()
        assert (scan.score == full[r, c]).all()
        i, j, s = admissible_pairs(a, b, threshold=threshold)
        assert (i == scan.i).all()
        assert (j == scan.j).all()
        assert (s == scan.score).all()
        for row in range(len(a)):
            top, score = scan.tops.best(row)
            scored = np.flatnonzero(scan.tops.scored(row))
            expected = sorted(scored.tolist(), key=lambda col: (-full[row, col], col))[:4]
            assert top.tolist() == expected
            assert (score == full[row, top]).all()
            # every unscored partner is too far in length to reach the threshold
            unscored = np.setdiff1d(np.arange(len(b)), scored)
            assert (full[row, unscored] < threshold).all()


def test_blocked_pairs_are_exact_scores_at_or_above_the_threshold() -> None:
    texts = [POOL[k] for k in range(1, 500, 2)]
    a = [normalise_key(t) for t in texts]
    b = [normalise_key(t) for t in revision(texts, random.Random(11))]
    full = score_matrix(a, b)
    i, j, s = blocked_pairs(a, b, threshold=60)
    assert (s == full[i, j]).all()
    assert (s >= 60).all()
    r, c = np.nonzero(full >= 60)
    assert i.tolist() == r.tolist()
    assert j.tolist() == c.tolist()
