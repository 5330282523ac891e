"""Several editions at once (compare.multi) on the real notices, proclamations and seeds."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.compare.engine import compare
from policydrift.compare.models import CompareOptions, ThemeOptions
from policydrift.compare.multi import compare_many, date_order, distinct_ids, resolve_base
from policydrift.compare.themes.lexicon import load_lexicon
from policydrift.corpus.collection import SAMPLE_CORPUS, read_one
from policydrift.corpus.errors import InputError, OptionError
from policydrift.corpus.models import Statement

WHITEHOUSE = SAMPLE_CORPUS / "whitehouse"
NOTICE_FILES = sorted((WHITEHOUSE / "cyber_emergency_continuation_notices").glob("*.md"))
PROCLAMATION_FILES = sorted((WHITEHOUSE / "cyber_awareness_month_proclamations").glob("*.md"))
YEARS = ["2021", "2022", "2023", "2024"]
UNKNOWN = (
    "--base: no edition is '{}': give first, last, previous, a date, an id, one of the files "
    "or a number from 1 to 4 (date order)"
)


@pytest.fixture(scope="module")
def notices() -> list[Statement]:
    return [read_one(f) for f in NOTICE_FILES]


def edition(sid: str, path: str, date: str | None = None) -> Statement:
    """An edition without text: what resolve_base and date_order read of it."""
    return Statement(sid, path, "", "", (), date=date)


def shuffled(items: list, seed: int = 7) -> list:
    out = list(items)
    random.Random(seed).shuffle(out)
    assert out != items
    return out


def years(statements) -> list[str]:
    return [s.date[:4] for s in statements]


def test_shuffled_notices_come_out_in_date_order_with_2021_as_base(notices):
    m = compare_many(shuffled(notices))
    assert years(m.editions) == YEARS
    assert (m.mode, m.order, m.base) == ("base", "date", notices[0].id)
    assert [(c.old.date[:4], c.new.date[:4]) for c in m.comparisons] == [
        ("2021", "2022"),
        ("2021", "2023"),
        ("2021", "2024"),
    ]
    base, *others = m.summaries
    assert (base.reference, base.comparison, base.shared_share, base.counts) == (
        None,
        None,
        None,
        {},
    )
    for n, e in enumerate(others):
        c = m.comparisons[n]
        assert (e.reference, e.comparison, e.later) == (notices[0].id, n, True)
        assert e.shared_share == c.figures.new_reused_share
        assert e.shared_share > 0.99  # only the year changed
        # 2021 carries two heading lines ('NOTICE', the title in capitals) that later editions lack
        assert {k: v for k, v in e.counts.items() if v} == {"same": 5, "edited": 1, "dropped": 2}
    assert base.words == m.comparisons[0].figures.old_words


def test_previous_gives_a_chain_of_three_pairs_with_near_total_reuse(notices):
    m = compare_many(shuffled(notices, 3), base="previous")
    assert (m.mode, m.base) == ("previous", None)
    pairs = [(c.old.date[:4], c.new.date[:4]) for c in m.comparisons]
    assert pairs == [("2021", "2022"), ("2022", "2023"), ("2023", "2024")]
    for c in m.comparisons:
        assert c.figures.new_reused_share > 0.99
        assert c.figures.old_retained_share > 0.93
    assert m.summaries[0].reference is None
    assert [e.reference for e in m.summaries[1:]] == [s.id for s in m.editions[:-1]]
    later = [c for c in m.comparisons if c.old.date > "2022"]
    assert all(c.figures.counts["same"] == 5 and c.figures.counts["edited"] == 1 for c in later)


def test_comparisons_are_the_engines_own(notices):
    options = CompareOptions(threshold=70, min_passage_words=8)
    m = compare_many(notices, base="previous", options=options)
    for c in m.comparisons:
        again = compare(c.old, c.new, options)
        assert c.rows == again.rows
        assert c.figures == again.figures
        assert c.passages == again.passages
        assert c.options == options


def test_a_base_in_the_middle_keeps_times_direction(notices):
    m = compare_many(notices, base="2")  # the 2022 notice
    assert m.base == notices[1].id
    assert [(c.old.date[:4], c.new.date[:4]) for c in m.comparisons] == [
        ("2021", "2022"),
        ("2022", "2023"),
        ("2022", "2024"),
    ]
    first = m.summaries[0]
    assert (first.later, first.reference, first.comparison) == (False, notices[1].id, 0)
    # seen from the older edition: the share of ITS words kept in the base
    assert first.shared_share == m.comparisons[0].figures.old_retained_share
    assert m.summaries[2].shared_share == m.comparisons[1].figures.new_reused_share


def test_last_reads_every_edition_against_the_newest(notices):
    m = compare_many(list(reversed(notices)), base="last")
    assert m.base == notices[-1].id
    assert all(c.new.id == notices[-1].id for c in m.comparisons)
    assert [e.later for e in m.summaries] == [False, False, False, False]


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("first", 0),
        ("last", 3),
        ("previous", None),
        ("3", 2),
        (3, 2),
        (" 4 ", 3),
        ("2023-03-29-notice-on-the-continuation-of-the-national-emergency-with-respect-to-"
         "significant-malicious-cyber-enabled-activities-3", 2),
        (str(NOTICE_FILES[1]), 1),
        ("2023", 2),
        ("2024-03", 3),
        ("2022-03-30", 1),
        (NOTICE_FILES[3].name, 3),
    ],
)  # fmt: skip
def test_base_values(notices, base, expected):
    assert resolve_base(notices, base) == expected


def test_a_file_path_matches_however_it_is_spelled(notices):
    folder = NOTICE_FILES[0].parent
    spelled = f"{folder}/./../{folder.name}/{NOTICE_FILES[2].name}"
    assert resolve_base(notices, spelled) == 2


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("2020", UNKNOWN.format("2020")),
        ("2022-04", UNKNOWN.format("2022-04")),
        ("0", UNKNOWN.format("0")),
        ("5", UNKNOWN.format("5")),
        ("-1", UNKNOWN.format("-1")),
        ("", UNKNOWN.format("")),
        ("2021-03-29-notice", UNKNOWN.format("2021-03-29-notice")),
    ],
)
def test_bad_base_values_are_one_line_option_errors(notices, base, message):
    with pytest.raises(OptionError) as caught:
        compare_many(notices, base=base)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_a_year_or_month_shared_by_two_editions_is_refused():
    eds = [edition("a", "a.md", "2022-03-01"), edition("b", "b.md", "2022-09-30")]
    with pytest.raises(OptionError) as caught:
        resolve_base(eds, "2022")
    assert str(caught.value) == (
        "--base: 2 editions are dated 2022: give the full date, the id or the file"
    )
    assert resolve_base(eds, "2022-09") == 1
    assert resolve_base(eds, "2022-03-01") == 0


def test_an_id_wins_over_a_number_and_a_keyword_over_an_id():
    eds = [
        edition("2022", "v/2022.md", "2022"),
        edition("1", "v/1.md", "2023"),
        edition("last", "v/last.md", "2024"),
    ]
    assert resolve_base(eds, "1") == 1  # the file named 1, not the first edition
    assert resolve_base(eds, "2022") == 0
    assert resolve_base(eds, "3") == 2  # no id '3': a position
    assert resolve_base(eds, "last") == 2
    assert resolve_base(eds, "v/1.md") == 1


def test_a_file_name_shared_by_two_editions_needs_its_folder():
    eds = [edition("v1/x.md", "v1/x.md", "2022"), edition("v2/x.md", "v2/x.md", "2023")]
    with pytest.raises(OptionError, match=r"^--base: 2 editions are files named 'x.md': give "):
        resolve_base(eds, "x.md")
    assert resolve_base(eds, "v2/x.md") == 1


def test_undated_editions_keep_the_order_given():
    a = edition("a", "a.txt", "2023-01-01")
    b = edition("b", "b.txt")
    c = edition("c", "c.txt", "2021")
    assert date_order([a, b, c]) == ((a, b, c), "given")
    assert date_order([a, c]) == ((c, a), "date")
    same = replace(c, id="d")
    assert date_order([a, same, c]) == ((same, c, a), "date")  # ties keep the order given
    year = replace(c, id="y", date="2023")
    assert date_order([a, year])[0] == (year, a)  # a year alone sorts first in its year


def test_undated_real_editions(tmp_path, notices):
    paths = []
    for year, s in zip(YEARS, notices, strict=True):
        path = tmp_path / f"edition{year}.txt"  # a year glued to a word is not a date
        path.write_text(s.text, encoding="utf-8")  # plain text: no date
        paths.append(path)
    order = [paths[2], paths[0], paths[1]]
    m = compare_many([read_one(p) for p in order], base="previous")
    assert m.order == "given"
    assert m.undated == ("edition2023", "edition2021", "edition2022")
    assert [c.new.id for c in m.comparisons] == ["edition2021", "edition2022"]
    # A year at the edge of the name dates the file: the editions go in date order.
    named = [p.with_name(p.stem.replace("edition", "edition-") + ".txt") for p in order]
    for p, q in zip(order, named, strict=True):
        p.rename(q)
    m = compare_many([read_one(p) for p in named], base="previous")
    assert m.order == "date"
    assert m.undated == ()
    assert [s.date_source for s in m.editions] == ["file name"] * 3


def test_same_file_twice_is_an_error_and_same_names_are_told_apart(notices, tmp_path):
    again = str(NOTICE_FILES[0].parent / "." / NOTICE_FILES[0].name)
    with pytest.raises(InputError) as caught:
        distinct_ids([notices[0], notices[1], replace(notices[0], path=again)])
    assert str(caught.value).endswith(": is given more than once: give each edition once")
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    for folder, s in (("v1", notices[0]), ("v2", notices[3])):
        (tmp_path / folder / "notice.txt").write_text(s.text, encoding="utf-8")
    a, b = (read_one(tmp_path / v / "notice.txt") for v in ("v1", "v2"))
    assert a.id == b.id == "notice"
    m = compare_many([a, b])
    assert [s.id for s in m.editions] == [
        str(tmp_path / "v1" / "notice.txt"),
        str(tmp_path / "v2" / "notice.txt"),
    ]
    assert m.comparisons[0].figures.new_reused_share > 0.99


def test_themes_ride_along_with_each_pair():
    statements = [read_one(f) for f in PROCLAMATION_FILES[:3]]
    lexicon = load_lexicon()
    m = compare_many(statements, base="previous", themes=ThemeOptions(lexicon=lexicon, min_new=1))
    for e in m.summaries[1:]:
        themes = m.comparisons[e.comparison].themes
        assert themes is not None
        assert e.themes_new == tuple(c.theme for c in themes.by_status("new"))
        assert e.themes_dropped == tuple(c.theme for c in themes.by_status("dropped"))
    # 2021 -> 2022: online scams appear (a theme the proclamations pick up in 2022), in a
    # sentence that rewords the 2021 advice (limit what you share, update your software), so
    # the theme is reframed there rather than new
    (scams,) = [c for c in m.comparisons[0].themes.changes if c.theme == "online_scams"]
    assert (scams.status, scams.old_count, scams.new_count) == ("reframed", 0, 1)
    assert "phishing" in scams.evidence[0].text
    plain = compare_many(statements, base="previous")
    assert all(c.themes is None for c in plain.comparisons)
    assert all(e.themes_new is None for e in plain.summaries)


def test_seed_statements_dated_by_their_manifest():
    seeds = sorted((SAMPLE_CORPUS / "seeds").glob("*.txt"))
    statements = [read_one(p) for p in reversed(seeds)]
    assert all(s.date for s in statements)
    m = compare_many(statements, base="last")
    dates = [s.date for s in m.editions]
    assert dates == sorted(dates)
    assert m.base == m.editions[-1].id
    assert len(m.comparisons) == len(seeds) - 1


def test_argument_checks(notices):
    with pytest.raises(ValueError, match="at least two statements, not 1"):
        compare_many(notices[:1])
    with pytest.raises(TypeError, match="statements must be Statement objects"):
        compare_many([notices[0], "x.md"])
    with pytest.raises(TypeError, match="options must be CompareOptions"):
        compare_many(notices, options={"threshold": 60})
    with pytest.raises(ValueError, match="min_new must be an integer >= 1: 0"):
        compare_many(notices, themes=ThemeOptions(min_new=0))
    with pytest.raises(TypeError, match="base must be a string or an int"):
        resolve_base(notices, 2.0)


def test_frame_has_one_line_per_edition(notices):
    frame = compare_many(notices).to_frame()
    assert list(frame["position"]) == [1, 2, 3, 4]
    assert frame["reference"].isna().tolist() == [True, False, False, False]
    assert list(frame["same"][1:]) == [5, 5, 5]


@settings(max_examples=25, deadline=None)
@given(
    order=st.permutations(range(4)),
    base=st.sampled_from(["first", "last", "previous", "1", "2", "3", "4"]),
)
def test_any_order_and_base_give_a_consistent_set_of_pairs(notices, order, base):
    m = compare_many([notices[k] for k in order], base=base)
    assert years(m.editions) == YEARS
    ids = [s.id for s in m.editions]
    assert len(m.comparisons) == 3
    for c in m.comparisons:
        assert ids.index(c.old.id) < ids.index(c.new.id)  # time's direction
    if m.mode == "base":
        assert all(m.base in (c.old.id, c.new.id) for c in m.comparisons)
        read = [c.new.id if c.old.id == m.base else c.old.id for c in m.comparisons]
        assert read == [i for i in ids if i != m.base]
    else:
        assert [(c.old.id, c.new.id) for c in m.comparisons] == list(
            zip(ids, ids[1:], strict=False)
        )
    assert sum(e.comparison is None for e in m.summaries) == 1
