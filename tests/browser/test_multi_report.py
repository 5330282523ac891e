"""The several-editions compare report in a real headless Chromium: offline, filters, print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTICES = sorted(
    (
        Path(__file__).resolve().parents[2]
        / "corpus/data/whitehouse/cyber_emergency_continuation_notices"
    ).glob("*.md")
)


@pytest.fixture(scope="module")
def report(drift, tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("multi-report")
    path = folder / "notices.html"
    drift("compare", *reversed(NOTICES), "--base", "previous", "-o", path)
    data = json.loads(drift("compare", *NOTICES, "--base", "previous", "--format", "json"))
    return path, data


def _rows(loaded, selector: str) -> int:
    return loaded.visible_count(selector)


def test_one_section_per_pair_in_date_order(page, report) -> None:
    _, data = report
    titles = page.page.eval_on_selector_all(
        "section.comparison", "els => els.map(e => e.dataset.title)"
    )
    assert len(titles) == len(data["comparisons"]) == 3
    assert titles == sorted(titles), "pairs follow date order whatever the order given"
    for n, comparison in enumerate(data["comparisons"], start=1):
        assert _rows(page, f"#c{n}-diff tr.row:not(.ghost)") == len(comparison["rows"])


def test_changes_only_hides_same_rows_in_every_table(page, report) -> None:
    _, data = report
    same = sum(c["figures"]["counts"]["same"] for c in data["comparisons"])
    total = sum(len(c["rows"]) for c in data["comparisons"])
    assert same > 0
    before = _rows(page, "table.diff tr.row:not(.ghost)")
    assert before == total
    page.page.check("#only-changes")
    assert _rows(page, "table.diff tr.row:not(.ghost)") == total - same
    assert _rows(page, 'table.diff tr.row[data-kind="same"]') == 0
    page.page.uncheck("#only-changes")
    assert _rows(page, "table.diff tr.row:not(.ghost)") == total


def test_prints_to_pdf_and_screenshot(page, artifacts) -> None:
    pdf = page.page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000
    page.page.screenshot(path=str(artifacts / "multi-report.png"), full_page=True)
