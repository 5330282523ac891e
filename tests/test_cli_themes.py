"""``drift themes OLD NEW``: terminal table, JSON, CSV, user lexicons and every error."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import DATA
from policydrift.cli import cli
from policydrift.compare.themes.lexicon import load_lexicon

SEEDS = DATA / "seeds"
OLD = str(next(SEEDS.glob("002_*.txt")))  # 2017 ministerial conference (news report)
NEW = str(next(SEEDS.glob("000_*.txt")))  # 2025 U.S.-ASEAN cyber policy dialogue
THEMES = len(load_lexicon())
CYBER_THEMES = len(load_lexicon(lexicons="cyber"))


def run(*args: str):
    return CliRunner().invoke(cli, ["themes", *map(str, args)])


def test_terminal_table_flags_with_evidence():
    result = run(OLD, NEW)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    (scams,) = [line for line in lines if line.startswith("Online scams and fraud ")]
    assert scams.split()[-7:] == ["new", "0", "8", "0.00", "21.45", "0->6", "5.09"]
    (ransom,) = [line for line in lines if line.startswith("Ransomware ")]
    assert ransom.split()[1:4] == ["dropped", "1", "0"]
    assert "**ransom wares**" in result.output
    assert "Key words and phrases beyond the lexicon" in result.output
    assert "At these lengths (271 words in OLD, 373 in NEW)" in " ".join(lines)
    assert all(line == line.rstrip() for line in lines)
    assert "themes on neither side not shown" in result.output


def test_all_lists_absent_themes():
    result = run(OLD, NEW, "--all")
    assert result.exit_code == 0
    assert "absent" in result.output
    assert "not shown" not in result.output


def test_json_for_pandas_users():
    result = run(OLD, NEW, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == 1
    assert len(data["themes"]) == THEMES
    by_id = {t["theme"]: t for t in data["themes"]}
    assert by_id["online_scams"]["status"] == "new"
    assert by_id["ransomware"]["status"] == "dropped"
    assert by_id["ransomware"]["evidence"][0]["matches"][0]["text"] == "ransom wares"
    assert isinstance(data["reframings"], list)
    assert data["keyness"]
    assert {"term", "old_count", "new_count"} <= set(data["keyness"][0])
    assert "p_value" not in json.dumps(data)
    frame = pd.DataFrame(data["themes"])
    assert list(frame.columns[:3]) == ["theme", "label", "status"]


def test_csv_holds_the_theme_rows_with_evidence_joined(tmp_path):
    out = tmp_path / "themes.csv"
    result = run(OLD, NEW, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"Wrote {out} (csv" in result.output
    frame = pd.read_csv(out)
    assert len(frame) == THEMES
    row = frame.set_index("theme").loc["ransomware"]
    assert row["status"] == "dropped"
    assert row["old_count"] == 1
    assert row["evidence"].startswith("old#4: ")
    assert "ransom wares" in row["evidence"]
    scams = frame.set_index("theme").loc["online_scams", "evidence"]
    assert scams.count(" | new#") == 5


def test_csv_to_stdout_is_the_same_bytes(tmp_path):
    out = tmp_path / "t.csv"
    run(OLD, NEW, "-o", out)
    result = run(OLD, NEW, "--format", "csv")
    assert result.output == out.read_text(encoding="utf-8")
    assert pd.read_csv(io.StringIO(result.output)).shape[0] == THEMES


def test_json_file_from_extension_and_deterministic(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run(OLD, NEW, "-o", first).exit_code == 0
    assert run(OLD, NEW, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text("utf-8"))["schema"] == 1


def test_min_new_option():
    data = json.loads(run(OLD, NEW, "--min-new", "2", "--format", "json").output)
    by_id = {t["theme"]: t["status"] for t in data["themes"]}
    assert by_id["online_scams"] == "new"
    assert by_id["ransomware"] == "trace"
    assert data["options"]["min_new"] == 2


def test_user_lexicon_extends_the_builtin(tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(
        "themes:\n  - id: golden_eye\n    label: Golden Eye\n    patterns: [golden eye]\n",
        encoding="utf-8",
    )
    data = json.loads(run(OLD, NEW, "--themes", lexicon, "--format", "json").output)
    by_id = {t["theme"]: t for t in data["themes"]}
    assert len(by_id) == THEMES + 1
    assert by_id["golden_eye"]["status"] == "dropped"
    assert data["lexicon"]["sources"] == ["builtin", "builtin", str(lexicon)]
    used = [(p["name"], p["size"]) for p in data["lexicon"]["lexicons"]]
    assert used == [("cyber", CYBER_THEMES), ("policy", THEMES - CYBER_THEMES), ("mine", 1)]


def test_lexicon_option_chooses_the_builtin_lexicons():
    data = json.loads(run(OLD, NEW, "--lexicon", "policy", "--format", "json").output)
    assert [p["name"] for p in data["lexicon"]["lexicons"]] == ["policy"]
    assert "online_scams" not in {t["theme"] for t in data["themes"]}
    both = json.loads(run(OLD, NEW, "--lexicon", "cyber,policy", "--format", "json").output)
    assert both == json.loads(run(OLD, NEW, "--format", "json").output)


def test_unknown_lexicon_is_one_clean_error():
    result = run(OLD, NEW, "--lexicon", "cyber,sports")
    assert result.exit_code == 2
    assert result.output == "Error: --lexicon: unknown lexicon 'sports' (built in: cyber, policy)\n"


def test_prior_corpus_switches_keyness_to_log_odds():
    data = json.loads(run(OLD, NEW, "--prior", SEEDS, "--format", "json", "--top", "3").output)
    assert data["keyness_method"] == "log_odds_dirichlet"
    assert len(data["keyness"]) == 6
    assert all(k["z"] is not None for k in data["keyness"])
    assert data["options"]["background"] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-new", "0"], "Error: --min-new: must be at least 1, not 0"),
        (["--min-count", "0"], "Error: --min-count: must be at least 1, not 0"),
        (["--min-ratio", "1"], "Error: --min-ratio: must be greater than 1, not 1"),
        (["--top", "-1"], "Error: --top: must be at least 0, not -1"),
    ],
)
def test_bad_options_are_one_line_exit_2(args, message):
    result = run(OLD, NEW, *args)
    assert result.exit_code == 2
    assert result.output == message + "\n"


def test_malformed_theme_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("themes:\n  - id: x\n    label: X\n    patterns: [scam(s]\n", encoding="utf-8")
    result = run(OLD, NEW, "--themes", bad)
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {bad}: line 4: theme 'x': pattern 'scam(s': '(' at column 5 is never closed\n"
    )


def test_missing_theme_file(tmp_path):
    result = run(OLD, NEW, "--themes", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'nope.yaml'}: theme file not found\n"


def test_missing_statement_file(tmp_path):
    result = run(tmp_path / "nope.txt", NEW)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {tmp_path / 'nope.txt'}: ")


def test_unwritable_output_fails_before_work(tmp_path):
    result = run(OLD, NEW, "-o", tmp_path / "missing" / "t.json")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["themes", "-h"])
    assert result.exit_code == 0
    assert "drift themes 2017.txt 2025.txt" in result.output
