"""Real documents through the real CLI: editions in date order, dates from file names, sections
in JSON, CSV and the report, spelling folded in the word diff, flat corpus folders."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA
from policydrift.cli import cli
from policydrift.corpus import read_statement

NOTICES = DATA / "whitehouse" / "cyber_emergency_continuation_notices"
VISION = next((DATA / "whitehouse" / "asean_us").glob("2022-05-13-*.md"))


def drift(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="drift")


class _Text(HTMLParser):
    """The visible text of a page (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> tuple[Path, Path]:
    """The 2022 joint vision (bold section titles, <sup>, escapes) and a later edition: one
    section renamed, one section's sentences dropped with its title, one sentence added."""
    folder = tmp_path_factory.mktemp("vision")
    text = VISION.read_text(encoding="utf-8")
    old = folder / "2022-05-13-vision.md"
    old.write_text(text, encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    body = re.sub(r"\*\*Promoting (Maritime Cooperation\s*\*\*)", r"**\1", body)
    start = re.search(r"\*\*Supporting Sub-regional Development\s*\*\*", body).start()
    end = re.search(r"\*\*Leveraging Technologies and Promoting Innovation\s*\*\*", body).start()
    body = body[:start] + body[end:]
    body = re.sub(
        r"(\*\*Addressing Climate Change\s*\*\*)",
        r"\1\n\nWe will launch a new climate resilience fund.",
        body,
    )
    new = folder / "2023-vision.md"  # dated by its name alone (no front matter)
    new.write_text(body, encoding="utf-8")
    return old, new


def test_two_dated_files_are_compared_in_date_order(editions, tmp_path) -> None:
    old, new = editions
    result = drift("compare", new, old, "-o", tmp_path / "r.json")  # newest first
    assert result.exit_code == 0, result.output
    assert "Note: compared in date order: 2022-05-13 -> 2023" in result.stderr
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (data["old"]["date"], data["old"]["date_source"]) == ("2022-05-13", "front matter")
    assert (data["new"]["date"], data["new"]["date_source"]) == ("2023", "file name")
    assert data["figures"]["counts"]["new"] == 1  # the added sentence, not the old ones
    result = drift("compare", new, old, "--as-given", "-o", tmp_path / "g.json")
    assert result.exit_code == 0
    assert "date order" not in result.stderr
    given = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert given["old"]["date"] == "2023"
    assert given["figures"]["counts"]["dropped"] == 1


def test_same_day_files_keep_the_order_given(tmp_path) -> None:
    a, b = (next(NOTICES.glob(f"{y}-*.md")) for y in ("2022", "2023"))
    (tmp_path / "2023-03-29-a.txt").write_text(read_statement(a).text, encoding="utf-8")
    (tmp_path / "2023-03-29-b.txt").write_text(read_statement(b).text, encoding="utf-8")
    result = drift("compare", tmp_path / "2023-03-29-b.txt", tmp_path / "2023-03-29-a.txt")
    assert result.exit_code == 0
    assert "date order" not in result.stderr
    assert result.stdout.splitlines()[0].startswith("old  2023-03-29-b (2023-03-29)")


def test_sections_in_json_csv_and_report(editions, tmp_path) -> None:
    old, new = editions
    assert drift("compare", old, new, "-o", tmp_path / "r.json").exit_code == 0
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    titles = [s["title"] for s in data["old"]["sections"]]
    assert "Promoting Maritime Cooperation" in titles
    assert all("section" in s for s in data["new"]["sentences"])
    assert {s["section"] for s in data["new"]["sentences"]} >= {"Maritime Cooperation", None}
    # No heading is a sentence; a renamed section is one entry, not a dropped and a new one.
    assert not any(s["text"] in titles for s in data["old"]["sentences"])
    kinds = {(s["kind"], s["old_title"], s["new_title"]) for s in data["sections"]}
    assert ("renamed", "Promoting Maritime Cooperation", "Maritime Cooperation") in kinds
    assert ("dropped", "Supporting Sub-regional Development", None) in kinds
    climate = next(s for s in data["sections"] if s["new_title"] == "Addressing Climate Change")
    assert (climate["kind"], climate["new_rows"]) == ("same", 1)
    dropped = next(s for s in data["sections"] if s["kind"] == "dropped")
    assert dropped["dropped_rows"] >= 3
    # CSV: every row carries its section, read back by the csv module.
    assert drift("compare", old, new, "-o", tmp_path / "r.csv").exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8"))))
    assert {r["section"] for r in rows if r["kind"] == "new"} == {"Addressing Climate Change"}
    # HTML: a table of contents with counts, each entry jumping to its first row.
    assert drift("compare", old, new, "-o", tmp_path / "r.html").exit_code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    toc = html.split('<nav class="sections"', 1)[1].split("</nav>", 1)[0]
    assert "<del>Promoting Maritime Cooperation</del> &rarr; Maritime Cooperation" in toc
    assert "1 new, 0 dropped, 0 edited" in toc
    for anchor in re.findall(r'href="#(row-\d+)"', toc):
        assert f'id="{anchor}"' in html
    text = visible_text(html)
    assert "date from front matter" in text
    assert "date from file name" in text
    for markup in ("**", "<sup>", "</u>", "\\###", "](http"):
        assert markup not in text


def _british() -> dict[str, str]:
    lines = files("policydrift.compare").joinpath("spelling_en.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in lines.splitlines() if not line.startswith("#"))
    return {american: british for british, american in pairs}


def test_british_spellings_and_dash_spacing_are_hidden_and_counted(tmp_path) -> None:
    source = read_statement(VISION)
    old = tmp_path / "old.txt"
    old.write_text(source.text, encoding="utf-8")
    british = _british()
    changed = 0

    def anglicise(found: re.Match[str]) -> str:
        nonlocal changed
        word = found.group()
        if word in british:
            changed += 1
            return british[word]
        return word

    text = re.sub(r"\b[a-z]+\b", anglicise, source.text)
    text, dashes = re.subn(r"(\w)-(Pacific)", r"\1 - \2", text)
    assert changed >= 5
    assert dashes >= 2
    new = tmp_path / "new.txt"
    new.write_text(text, encoding="utf-8")
    result = drift("compare", old, new)
    assert result.exit_code == 0, result.output
    assert f"{changed + dashes} spelling-only edits, hidden" in result.stdout
    assert drift("compare", old, new, "-o", tmp_path / "r.json").exit_code == 0
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert all(op[0] == "equal" for row in data["rows"] for op in row["ops"])
    assert data["figures"]["spelling_hidden"] == changed + dashes
    assert drift("compare", old, new, "-o", tmp_path / "r.html").exit_code == 0
    assert "spelling-only edits, hidden" in visible_text((tmp_path / "r.html").read_text())
    shown = drift("compare", old, new, "--show-spelling", "-o", tmp_path / "s.json")
    assert shown.exit_code == 0
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    replaced = [op for row in data["rows"] for op in row["ops"] if op[0] == "replace"]
    assert len(replaced) >= changed // 2
    assert data["figures"]["spelling_hidden"] == 0


def test_a_flat_folder_is_one_series_named_after_it(tmp_path) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    for path in NOTICES.glob("*.md"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = drift("timeline", folder, "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(s["name"], len(s["editions"])) for s in data["series"]] == [("notices", 4)]


def test_date_from_pdf_is_said_on_the_terminal(tmp_path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    text = " ".join(read_statement(next(NOTICES.glob("2022-*.md"))).text.split())
    pdf.multi_cell(0, 6, text.encode("latin-1", "replace").decode("latin-1"))
    (tmp_path / "a.pdf").write_bytes(bytes(pdf.output()))
    (tmp_path / "b.txt").write_text(read_statement(next(NOTICES.glob("2023-*.md"))).text)
    result = drift("compare", tmp_path / "a.pdf", tmp_path / "b.txt")
    assert result.exit_code == 0
    assert "PDF metadata" not in result.output
    result = drift("compare", tmp_path / "a.pdf", tmp_path / "b.txt", "--date-from", "pdf")
    assert result.exit_code == 0
    assert re.search(r"Note: .*a\.pdf: date \d{4}-\d\d-\d\d from PDF metadata", result.stderr)
    assert "date from PDF metadata" in result.stdout
