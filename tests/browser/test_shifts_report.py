"""The "Strengthened / softened" panel, row chips and filter in a real headless Chromium.

The report compares a real ASEAN-U.S. statement with our revised edition of it
(``benchmarks/labels/shifts/editions``); the expected numbers come from the JSON of the same
comparison.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from policydrift.compare.shifts import DIRECTIONS

EDITIONS = Path(__file__).resolve().parents[2] / "benchmarks" / "labels" / "shifts" / "editions"
OLD, NEW = EDITIONS / "e-asean-us-vision.old.md", EDITIONS / "e-asean-us-vision.new.md"


@pytest.fixture(scope="module")
def report(drift, tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("shifts-report") / "report.html"
    drift("compare", OLD, NEW, "-o", path)
    return path, json.loads(drift("compare", OLD, NEW, "--format", "json"))


def test_the_panel_is_on_the_first_screen_with_the_counts(page, report) -> None:
    _, data = report
    box = page.page.locator("#shifts").bounding_box()
    assert box is not None
    assert box["y"] < 900, "the panel starts on the first screen"
    counts = page.page.eval_on_selector_all(
        ".shift-counts li",
        "els => els.map(li => [li.querySelector('.shift-chip').textContent, li.textContent])",
    )
    shown = {name: int(text.split()[-1]) for name, text in counts}
    assert shown == {d: data["figures"]["shifts"][d] for d in DIRECTIONS}
    listed = page.page.eval_on_selector_all("table.shift-list tbody tr", "els => els.length")
    assert listed == sum(len(row["shifts"]) for row in data["rows"])


def test_rows_carry_their_chips(page, report) -> None:
    _, data = report
    chips = page.page.eval_on_selector_all(
        "#diff tr.row:not(.ghost)", "els => els.map(r => r.querySelectorAll('.shift-chip').length)"
    )
    assert chips == [len(row["shifts"]) for row in data["rows"]]


@pytest.mark.parametrize("direction", ["softened", "hedged"])
def test_the_filter_shows_only_rows_of_one_direction(page, report, direction) -> None:
    _, data = report
    expected = sum(any(s["direction"] == direction for s in row["shifts"]) for row in data["rows"])
    assert expected > 0
    page.page.check(f"input[name='shift-filter'][value='{direction}']")
    assert page.visible_count("#diff tr.row:not(.ghost)") == expected
    assert int(page.page.inner_text("#visible-count")) == expected
    page.page.check("input[name='shift-filter'][value='']")
    assert page.visible_count("#diff tr.row:not(.ghost)") == len(data["rows"])
