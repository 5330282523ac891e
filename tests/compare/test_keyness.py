"""Keyness: words and phrases whose use differs between two sides, and lexicon gaps."""

from __future__ import annotations

import math
import re
from functools import cache

import pytest
from helpers import DATA, statement
from hypothesis import given
from hypothesis import strategies as st
from policydrift.compare.themes.keyness import (
    key_terms,
    lexicon_gaps,
    log_odds_dirichlet,
    phrases,
    smoothed_log_ratio,
    term_counts,
    tokens,
    word_total,
)
from policydrift.compare.themes.lexicon import load_lexicon
from policydrift.compare.themes.terms import sentence_names, sentence_terms
from policydrift.compare.themes.words import STOPWORDS
from policydrift.corpus import read_statement
from policydrift.corpus.models import Statement

LEXICON = load_lexicon()


@cache
def seed(number: str) -> Statement:
    (path,) = (DATA / "seeds").glob(f"{number}_*.txt")
    return read_statement(path)


@cache
def background() -> tuple[Statement, ...]:
    files = sorted((DATA / "seeds").glob("*.txt")) + sorted((DATA / "whitehouse").glob("*/*.md"))
    return tuple(read_statement(p) for p in files)


def test_phrases_never_cross_a_sentence_or_punctuation():
    s = statement("x", "We discussed online.", "Scams grew, online scams too.")
    counts = term_counts([s], max_n=3)
    assert counts["online scams"] == 1  # only inside the second sentence
    assert counts["discussed online"] == 1
    assert "online scams grew" not in counts
    assert "grew online" not in counts


def test_phrases_do_not_start_or_end_with_function_words():
    terms = [t for t, *_ in phrases("Recovery of funds for the victims of scams.", max_n=3)]
    assert "recovery of funds" in terms
    assert "of funds" not in terms
    assert "victims of" not in terms
    assert "the victims" not in terms
    assert "for" not in terms
    assert "the" not in terms


def test_numbers_and_single_letters_are_not_terms():
    terms = [t for t, *_ in phrases("The U.S. pledged US$200 in 2025 for 5G.", max_n=2)]
    assert "2025" not in terms
    assert "u" not in terms
    assert "s" not in terms
    assert "5g" in terms


def test_word_total_counts_words_only():
    # the, and, 5g, in: "U.S." is two single letters, "2025" has no letter
    assert word_total([statement("x", "The U.S. and 5G in 2025.")]) == 4


def _phrases_by_definition(text: str, max_n: int) -> list[tuple[str, int, int, int]]:
    """Terms as the docstring of :func:`phrases` defines them, from :func:`tokens`: runs of
    words (2+ characters with a letter) joined by spaces or a hyphen; words, then n-grams."""
    runs: list[list[tuple[str, int, int]]] = [[]]
    last_end = None
    for word, start, end in tokens(text):
        is_word = len(word) >= 2 and re.search(r"[^\W\d_]", word) is not None
        gap = text[last_end:start] if last_end is not None else ""
        if not is_word or (gap and not (gap.isspace() or gap in "-\u2010\u2011")):
            runs.append([])
        if is_word:
            runs[-1].append((word, start, end))
        last_end = end
    out = [(w, 1, a, b) for run in runs for w, a, b in run if w not in STOPWORDS]
    for n in range(2, max_n + 1):
        for run in runs:
            for i in range(len(run) - n + 1):
                part = run[i : i + n]
                if part[0][0] not in STOPWORDS and part[-1][0] not in STOPWORDS:
                    out.append((" ".join(w for w, _, _ in part), n, part[0][1], part[-1][2]))
    return out


@given(
    st.lists(
        st.sampled_from(
            [
                "the",
                "Online",
                "scams",
                "of",
                "e-commerce",
                "COVID-19",
                "U.S.",
                "5G",
                "2025",
                "organised",
                "ASEAN's",
                "sector-led",
                "a",
                ",",
                " - ",
                "\u2010",
                "\u2011",
                "  ",
                "\n",
                ";",
                "Œuvre",
                "d\u2019Ivoire",
                "--",
                "x",
            ]
        ),  # fmt: skip
        max_size=30,
    ),
    st.sampled_from(["", " "]),
    st.integers(1, 4),
)
def test_phrases_are_the_runs_of_words_of_the_tokens(parts, sep, max_n):
    text = sep.join(parts)
    assert list(phrases(text, max_n=max_n)) == _phrases_by_definition(text, max_n)
    words = sum(1 for w, _, _ in tokens(text) if len(w) >= 2 and re.search(r"[^\W\d_]", w))
    assert sentence_terms(text, max_n)[1] == words  # the denominators of key_terms
    terms, counted = sentence_terms(text, max_n)
    assert sentence_names(text, max_n) == ([t for t, *_ in terms], counted)  # what is counted


def test_smoothed_log_ratio_is_antisymmetric():
    assert smoothed_log_ratio(3, 0, 500, 400) == pytest.approx(-smoothed_log_ratio(0, 3, 400, 500))
    assert smoothed_log_ratio(2, 2, 500, 500) == 0
    assert smoothed_log_ratio(0, 3, 500, 500) == pytest.approx(math.log2(3.5 / 0.5))


def test_log_odds_matches_the_formula():
    y_i, y_j, n_i, n_j, a, a0 = 6, 1, 400, 500, 2.0, 3000.0
    expected = math.log((y_i + a) / (n_i + a0 - y_i - a)) - math.log(
        (y_j + a) / (n_j + a0 - y_j - a)
    )
    delta, z = log_odds_dirichlet(y_j, y_i, n_j, n_i, a, a0)
    assert delta == pytest.approx(expected)
    assert z == pytest.approx(expected / math.sqrt(1 / (y_i + a) + 1 / (y_j + a)))
    back, zback = log_odds_dirichlet(y_i, y_j, n_i, n_j, a, a0)
    assert (back, zback) == pytest.approx((-delta, -z))
    with pytest.raises(ValueError, match="need 0 < alpha < alpha0"):
        log_odds_dirichlet(1, 1, 10, 10, 0, 10)


def count_in(statement_: Statement, phrase: str) -> int:
    """Uses of ``phrase`` as whole words; a hyphen separates words ("anti-scam" holds "scam"),
    as the lexicon's whole-word matching does."""
    words = r"[\s-]+".join(map(re.escape, phrase.split()))
    rx = re.compile(r"(?<!\w)" + words + r"(?!\w)", re.I)
    return sum(len(rx.findall(s.text)) for s in statement_.sentences)


def test_seed_key_terms_with_counts_read_from_the_texts():
    old, new = seed("002"), seed("000")
    terms = {k.term: k for k in key_terms([old], [new], lexicon=LEXICON)}
    scam = terms["scam"]
    assert (scam.old_count, scam.new_count) == (count_in(old, "scam"), count_in(new, "scam"))
    assert scam.leaning == "new"
    assert scam.themes == ("online_scams",)
    assert scam.example is not None
    assert scam.example.side == "new"
    assert scam.example.matched == ("scam",)
    economy = terms["digital economy"]
    assert economy.new_count == 0
    assert economy.old_count == count_in(old, "digital economy")
    assert economy.leaning == "old"
    assert economy.themes == ("digital_economy",)
    assert all(k.log_odds is None and k.z is None for k in terms.values())


def test_ranking_new_leaning_first_then_old():
    terms = key_terms([seed("002")], [seed("000")], top=5)
    assert [k.leaning for k in terms] == ["new"] * 5 + ["old"] * 5
    ratios = [abs(k.log_ratio) for k in terms[:5]]
    assert ratios == sorted(ratios, reverse=True)


def test_one_leaning_is_that_part_of_both():
    old, new = [seed("002"), seed("001")], [seed("000")]
    both = key_terms(old, new, top=8, lexicon=LEXICON)
    assert {k.leaning for k in both} == {"new", "old"}
    for leaning in ("new", "old"):
        alone = key_terms(old, new, top=8, lexicon=LEXICON, leaning=leaning)
        assert alone == tuple(k for k in both if k.leaning == leaning)
    with pytest.raises(ValueError, match="leaning must be 'new', 'old' or None: 'up'"):
        key_terms(old, new, leaning="up")


def test_a_phrase_hides_its_parts_only_when_counts_are_equal():
    old = statement("a", "We met in Singapore to discuss regional cooperation on cyber policy.")
    new = statement(
        "b", "Online scam operations grew.", "Online scam operations spread.", "Scam calls."
    )
    terms = {k.term: (k.old_count, k.new_count) for k in key_terms([old], [new], top=50)}
    assert terms["online scam operations"] == (0, 2)
    assert "online scam" not in terms
    assert "scam operations" not in terms
    assert terms["scam"] == (0, 3)


def test_informative_dirichlet_prior_from_a_background_corpus():
    terms = key_terms([seed("002")], [seed("000")], background=background(), top=10)
    assert all(k.z is not None and k.log_odds is not None for k in terms)
    new_side = [k for k in terms if k.leaning == "new"]
    zs = [abs(k.z) for k in new_side]
    assert zs == sorted(zs, reverse=True)
    assert all(k.z > 0 and k.log_odds > 0 for k in new_side)
    assert "scam" in [k.term for k in new_side]


def test_lexicon_gaps_are_uncovered_key_terms_phrases_first():
    terms = key_terms([seed("003")], [seed("004")], lexicon=LEXICON)
    gaps = lexicon_gaps(terms, top=50)
    assert gaps
    assert all(not g.themes for g in gaps)
    assert {g.term for g in gaps} == {k.term for k in terms if not k.themes}
    sizes = [g.words > 1 for g in gaps]
    assert sizes == sorted(sizes, reverse=True)
    covered = {k.term: k.themes for k in terms if k.themes}
    assert covered["covid-19"] == ("covid19",)


def test_no_key_terms_between_a_statement_and_itself():
    assert key_terms([seed("004")], [seed("004")]) == ()


@given(st.integers(0, 50), st.integers(0, 50), st.integers(1, 5000), st.integers(1, 5000))
def test_log_ratio_sign_follows_the_rates(o, n, no, nn):
    value = smoothed_log_ratio(o, n, no, nn)
    assert (value > 0) == ((n + 0.5) / nn > (o + 0.5) / no)


def test_keyness_and_theme_counts_agree_on_hyphenated_compounds():
    from policydrift.compare.themes.coding import code_statement, theme_counts

    new = statement(
        "b",
        "We support private sector-led growth.",
        "The private sector will help.",
        "Private-sector partners joined.",
    )
    old = statement(
        "a", "Ministers met in Singapore to discuss regional cooperation on many topics."
    )
    terms = {k.term: k for k in key_terms([old], [new], lexicon=LEXICON, top=50)}
    mentions, _ = theme_counts(new, code_statement(new, LEXICON), "public_private_partnership")
    assert terms["private sector"].new_count == mentions == 3
    assert terms["private sector"].themes == ("public_private_partnership",)


def test_spelling_variants_are_one_term_and_stop_words_never_listed():
    old = statement("a", "We recognise the programme.", "We recognise its behaviour.")
    new = statement(
        "b", "We recognize the program.", "We recognize its behavior.", "People since last."
    )
    terms = {k.term for k in key_terms([old], [new], top=50, min_count=1)}
    assert not terms & {"recognize", "recognise", "program", "programme", "behavior"}
    assert not terms & {"people", "since", "last"}


def test_a_term_absent_from_the_shorter_side_does_not_lean_to_it():
    topics = ["maritime law", "maritime law", "trade", "energy", "health"] * 4
    earlier = [
        statement(f"e{k}", f"We discussed {topic} at length with our partners.")
        for k, topic in enumerate(topics)
    ]
    latest = [statement("latest", "Online scams grew.", "Online scams spread.")]
    found = key_terms(earlier, latest, top=50, leaning="new")
    assert found
    assert all(k.new_count > 0 for k in found)
    assert "maritime law" not in {k.term for k in found}  # 8 uses before, none now
    assert "online scams" in {k.term for k in found}


def _emerging(folder: str, pattern: str) -> list[str]:
    """The emerging phrases of a series' last edition against all earlier ones, as the timeline
    lists them."""
    from policydrift.compare.themes.emerging import emerging_phrases

    editions = [read_statement(p) for p in sorted((DATA / "whitehouse" / folder).glob(pattern))]
    terms = key_terms(editions[:-1], editions[-1:], lexicon=LEXICON, top=24, leaning="new")
    return [t.term for t in emerging_phrases(terms)]


def test_emerging_words_are_names_and_rises_beyond_chance():
    # Proclamations 2021-2024 against 2025: "earlier" and "companies" were used twice in the
    # four earlier editions together and twice in 2025 (not a rise a reader would report);
    # "American" went from 11 uses to 12 in the latest alone (G2 16.7)
    found = _emerging("cyber_awareness_month_proclamations", "*.md")
    assert "earlier" not in found
    assert "companies" not in found
    assert "american" in found
    assert "protections" not in found  # a common word alone, not a name


def test_emerging_single_words_are_names_not_common_words():
    # Quad Senior Cyber Group, December 2023 against the two before: the names are listed,
    # the common verbs and nouns a reader would not report are not
    found = _emerging("quad_senior_cyber_group", "*.md")
    assert {"qscg", "tokyo"} <= set(found)
    assert not {"reaffirmed", "welcomed", "recognition"} & set(found)


def test_a_name_opening_with_a_function_word_is_read_whole():
    # "First" and "New" are function words: no phrase may start with one, except inside a name
    terms = [t for t, *_ in phrases("We thank the First Lady and our partners in New Zealand.")]
    assert "first lady" in terms
    assert "new zealand" in terms
    assert "first" not in terms  # never a term alone
    assert "new" not in terms
    # a sentence's first word, or a word in capitals throughout, opens no name
    assert "first lady" not in [t for t, *_ in phrases("First Lady programmes grew.")]
    assert "hereby declare" not in [t for t, *_ in phrases("WE HEREBY DECLARE our aims.")]
    found = _emerging("cyber_awareness_month_proclamations", "*.md")
    assert "first lady" in found
    assert "lady" not in found


def test_month_names_are_dates_not_emerging_language():
    # ASEAN-U.S. 2023 against 2022: "on 6 September 2023" twice is a date; Jakarta (once
    # before, three times now) is listed
    found = _emerging("asean_us", "*.md")
    assert "september" not in found
    assert "jakarta" in found
