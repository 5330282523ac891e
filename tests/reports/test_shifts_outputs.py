"""Strength shifts in every output: JSON, CSV (read back by pandas), the terminal summary, the
several-editions and timeline reports, and ``--strength FILE`` on the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner
from policydrift.cli import cli
from policydrift.compare.shifts import DIRECTIONS
from policydrift.corpus.collection import SAMPLE_CORPUS

EDITIONS = Path(__file__).resolve().parents[2] / "benchmarks" / "labels" / "shifts" / "editions"
OLD, NEW = EDITIONS / "c-quad-cyber.old.md", EDITIONS / "c-quad-cyber.new.md"


def drift(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="drift")


def test_json_rows_and_figures_carry_the_shifts():
    data = json.loads(drift("compare", OLD, NEW, "--format", "json").output)
    assert list(data["figures"]["shifts"]) == [*DIRECTIONS, "rows", "mixed"]
    assert data["strength_lexicon"]["name"] == "drift-strength"
    shifts = [s for row in data["rows"] for s in row["shifts"]]
    assert all(list(s) == ["scale", "direction", "old_words", "new_words"] for s in shifts)
    assert {"scale": "commitment", "direction": "softened", "old_words": "committed",
            "new_words": "intend"} in shifts  # fmt: skip
    total = sum(data["figures"]["shifts"][d] for d in DIRECTIONS)
    assert total == len(shifts)
    assert all(
        row["shifts"] == [] for row in data["rows"] if row["kind"] in ("same", "new", "dropped")
    )


def test_csv_rows_carry_the_same_shifts():
    text = drift("compare", OLD, NEW, "--format", "csv").output
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False)
    data = json.loads(drift("compare", OLD, NEW, "--format", "json").output)
    assert list(frame["shift_directions"]) == [
        ";".join(dict.fromkeys(s["direction"] for s in row["shifts"])) for row in data["rows"]
    ]
    assert "softened commitment: 'committed' -> 'intend'" in " ".join(frame["shifts"])


def test_the_terminal_summary_has_one_line_of_counts():
    lines = drift("compare", OLD, NEW).output.splitlines()
    found = [line for line in lines if line.startswith("shifts ")]
    data = json.loads(drift("compare", OLD, NEW, "--format", "json").output)["figures"]["shifts"]
    assert found == [f"shifts   {data['strengthened']} strengthened, {data['softened']} softened, "
                     f"{data['hedged']} hedged ({data['rows']} rows)"]  # fmt: skip


def test_a_user_strength_file_on_the_command_line(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Members share threat data.\n\nThe group meets yearly.\n", encoding="utf-8")
    new.write_text(
        "Members vow to share threat data.\n\nThe group meets yearly.\n", encoding="utf-8"
    )
    assert "shifts   none in the changed rows" in drift("compare", old, new).output
    mine = tmp_path / "mine.yaml"
    mine.write_text("scales:\n  - id: commitment\n    levels:\n      - grade: 4\n"
                    "        markers: [vow(s) to]\n", encoding="utf-8")  # fmt: skip
    result = drift("compare", old, new, "--strength", mine)
    assert "shifts   1 strengthened (1 row)" in result.output
    mine.write_text("scales:\n  - id: commitment\n    levels:\n      - grade: 7\n"
                    "        markers: [vow(s) to]\n", encoding="utf-8")  # fmt: skip
    result = drift("compare", old, new, "--strength", mine)
    assert result.exit_code == 2
    assert result.output.strip().endswith(
        f"Error: {mine}: line 4: grade must be a whole number from -3 to 5: 7"
    )


def test_several_editions_count_shifts_per_pair_and_theme(tmp_path):
    folder = SAMPLE_CORPUS / "whitehouse" / "asean_us"
    files = [*sorted(folder.glob("*.md")), EDITIONS / "e-asean-us-vision.new.md"]
    data = json.loads(drift("compare", *files, "--format", "json").output)
    read = [e for e in data["editions"] if e["comparison"] is not None]
    assert all(set(e["shifts"]) == {"counts", "themes"} for e in read)
    ours = next(e for e in read if e["path"].endswith("e-asean-us-vision.new.md"))
    assert ours["shifts"]["counts"]["strengthened"] >= 8
    by_theme = ours["shifts"]["themes"]
    assert sum(c["hedged"] for c in by_theme.values()) >= 3  # a shift counts under each theme
    html = drift("compare", *files, "-o", tmp_path / "m.html")
    assert html.exit_code == 0
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "Strengthened / softened, pair by pair" in page
    assert "shift-chip" in page
    summary = drift("compare", *files).output
    assert "strength shifts (strengthened, softened, hedged...):" in summary


def test_timeline_counts_shifts_per_edition(tmp_path):
    out = tmp_path / "t.csv"
    result = drift(
        "timeline", SAMPLE_CORPUS / "whitehouse", "--series", "asean_us", "--no-cache", "-o", out
    )
    assert result.exit_code == 0, result.output
    editions = pd.read_csv(tmp_path / "t.editions.csv")
    assert list(editions.columns[-6:]) == list(DIRECTIONS)
    assert editions["strengthened"].isna().tolist() == [True, False, False]
    assert editions["strengthened"].iloc[2] >= 1  # DECLARE TO -> COMMIT TO, "the need to pursue"
    data = json.loads(drift("timeline", SAMPLE_CORPUS / "whitehouse", "--series", "asean_us",
                            "--no-cache", "--format", "json").stdout)  # fmt: skip
    assert data["editions"][0]["shift_themes"] is None
    assert isinstance(data["editions"][2]["shift_themes"], dict)
