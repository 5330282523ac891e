"""``drift compare A B C ...`` through the real CLI: order, --base, outputs, one test per error."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import DATA, fails, wrote
from helpers import compare_cli as drift

NOTICES = sorted((DATA / "whitehouse" / "cyber_emergency_continuation_notices").glob("*.md"))
SHUFFLED = [str(NOTICES[k]) for k in (2, 0, 3, 1)]
DATES = ["2021-03-29", "2022-03-30", "2023-03-29", "2024-03-26"]
UNKNOWN = (
    "--base: no edition is '{}': give first, last, previous, a date, an id, one of the files "
    "or a number from 1 to {} (date order)"
)


def as_json(*args: object, input: bytes | None = None) -> dict:
    result = drift(*args, "--format", "json", input=input)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return json.loads(result.stdout)


def pairs(data: dict) -> list[tuple[str, str]]:
    return [(c["old"]["date"][:4], c["new"]["date"][:4]) for c in data["comparisons"]]


# -- order and base ---------------------------------------------------------------------------


def test_shuffled_notices_in_date_order_against_2021():
    data = as_json(*SHUFFLED)
    assert [e["date"] for e in data["editions"]] == DATES
    assert [e["path"] for e in data["editions"]] == [str(p) for p in NOTICES]
    assert (data["mode"], data["order"]) == ("base", "date")
    assert data["base"] == NOTICES[0].stem
    assert pairs(data) == [("2021", "2022"), ("2021", "2023"), ("2021", "2024")]
    assert all(e["shared_share"] > 0.99 for e in data["editions"][1:])


def test_previous_is_a_chain_of_three_pairs_with_near_total_reuse():
    data = as_json(*SHUFFLED, "--base", "previous")
    assert (data["mode"], data["base"]) == ("previous", None)
    assert pairs(data) == [("2021", "2022"), ("2022", "2023"), ("2023", "2024")]
    for c in data["comparisons"]:
        assert c["figures"]["new_reused_share"] > 0.99
        assert {k: v for k, v in c["figures"]["counts"].items() if v}.keys() <= {
            "same", "edited", "dropped",
        }  # fmt: skip


@pytest.mark.parametrize(
    ("base", "year"),
    [
        ("last", "2024"),
        ("3", "2023"),
        ("2022", "2022"),
        (NOTICES[1].stem, "2022"),
        (SHUFFLED[0], "2023"),
        (NOTICES[3].name, "2024"),
    ],
)
def test_base_by_keyword_number_date_id_or_file(base, year):
    data = as_json(*SHUFFLED, "--base", base)
    assert data["base"].startswith(year)
    assert all(data["base"] in (c["old"]["id"], c["new"]["id"]) for c in data["comparisons"])
    assert all(c["old"]["date"] < c["new"]["date"] for c in data["comparisons"])


def test_each_pair_is_the_two_file_comparison():
    data = as_json(*SHUFFLED, "--base", "previous")
    two = as_json(NOTICES[1], NOTICES[2])
    assert data["comparisons"][1] == two


def test_base_with_two_files_gives_the_several_editions_report():
    data = as_json(NOTICES[3], NOTICES[1], "--base", "first")
    assert pairs(data) == [("2022", "2024")]
    assert "rows" not in data
    # Without --base: the two-file report, in date order (--as-given keeps the order given).
    result = drift(NOTICES[3], NOTICES[1], "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Note: compared in date order: 2022-03-30 -> 2024-03-26")
    plain = json.loads(result.stdout)
    assert (plain["old"]["date"], plain["new"]["date"]) == ("2022-03-30", "2024-03-26")
    given = as_json(NOTICES[3], NOTICES[1], "--as-given")
    assert (given["old"]["date"], given["new"]["date"]) == ("2024-03-26", "2022-03-30")


def test_undated_files_keep_the_order_given_and_say_so(tmp_path):
    paths = []
    for year, source in zip(
        ("2023", "2021", "2022"), (NOTICES[2], NOTICES[0], NOTICES[1]), strict=True
    ):
        body = source.read_text(encoding="utf-8").split("\n---\n", 1)[1]  # no front matter
        path = tmp_path / f"notice{year}.txt"  # a year glued to a word is not a date
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    result = drift(*paths, "--base", "previous", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Note: kept in the order given, as not all editions are dated ({', '.join(map(str, paths))})\n"
    )
    data = json.loads(result.stdout)
    assert data["order"] == "given"
    assert [e["id"] for e in data["editions"]] == ["notice2023", "notice2021", "notice2022"]


# -- outputs ----------------------------------------------------------------------------------


def test_terminal_summary():
    result = drift(*SHUFFLED)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert (
        lines[0] == "4 editions in date order, each compared with the base: edition 1, 2021-03-29"
    )
    rows = [line.split() for line in lines[1:] if line[:1].isdigit()]
    assert [r[1] for r in rows] == DATES
    assert [r[3] for r in rows] == ["base", "1\u21922", "1\u21923", "1\u21924"]
    assert "scorer model, threshold 60, split threshold 80, passages of 6+ words" in lines


def test_html_report_to_a_file(tmp_path):
    target = tmp_path / "editions.html"
    result = drift(*SHUFFLED, "-o", target)
    wrote(result, target, "html, 3 pairs, 24 rows")
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('<section class="comparison"') == 3
    assert html.count('<tr id="c2-row-') == 8
    assert "<del>2021</del>" in html
    assert "<ins>2024</ins>" in html
    assert [p.name for p in tmp_path.iterdir()] == ["editions.html"]


def test_csv_on_stdout():
    result = drift(*SHUFFLED, "--base", "previous", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0])[:3] == ["old_id", "new_id", "row"]
    assert len(rows) == 8 + 6 + 6
    edited = [r for r in rows if r["kind"] == "edited"]
    assert [(r["old_id"][:4], r["new_id"][:4]) for r in edited] == [
        ("2021", "2022"), ("2022", "2023"), ("2023", "2024"),
    ]  # fmt: skip
    assert "April 1, 2023" in edited[1]["new_text"]


def test_no_themes_leaves_themes_out():
    data = as_json(*SHUFFLED, "--no-themes")
    assert all(c["themes"] is None for c in data["comparisons"])
    assert all(e["themes_new"] is None for e in data["editions"])
    themed = as_json(*SHUFFLED)
    assert all(c["themes"] is not None for c in themed["comparisons"])


def test_stdin_for_one_of_the_files():
    data = as_json(SHUFFLED[0], "-", SHUFFLED[2], input=NOTICES[0].read_bytes())
    assert [e["date"] for e in data["editions"]] == ["2021-03-29", "2023-03-29", "2024-03-26"]
    assert data["editions"][0]["path"] == "-"


def test_same_output_every_run(tmp_path):
    for ext in ("html", "json", "csv"):
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        assert drift(*SHUFFLED, "-o", a).exit_code == 0
        assert drift(*reversed(SHUFFLED), "-o", b, "--workers", "1").exit_code == 0
        assert a.read_bytes() == b.read_bytes()


# -- errors: one line, exit 2 -------------------------------------------------------------------


def test_unknown_base():
    fails(drift(*SHUFFLED, "--base", "2019"), UNKNOWN.format("2019", 4))


def test_base_number_out_of_range():
    fails(drift(*SHUFFLED[:3], "--base", "4"), UNKNOWN.format("4", 3))


def test_base_year_shared_by_two_editions(tmp_path):
    text = NOTICES[1].read_text(encoding="utf-8")
    twin = tmp_path / "twin.md"
    twin.write_text(text.replace("date: '2022-03-30'", "date: '2022-09-30'"), encoding="utf-8")
    fails(
        drift(*SHUFFLED, twin, "--base", "2022"),
        "--base: 2 editions are dated 2022: give the full date, the id or the file",
    )


def test_same_file_twice():
    fails(
        drift(SHUFFLED[0], SHUFFLED[1], SHUFFLED[0]),
        f"{SHUFFLED[0]}: is given more than once: give each edition once",
    )


def test_stdin_twice():
    fails(
        drift("-", SHUFFLED[0], "-"),
        "standard input can be read only once: give '-' for one file only",
    )


def test_one_file_only():
    fails(drift(SHUFFLED[0]), "Missing argument 'NEW'. (see 'drift compare --help')")


def test_missing_third_file():
    fails(drift(*SHUFFLED[:2], "no/such.md"), "no/such.md: no such file")
