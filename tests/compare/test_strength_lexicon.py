"""The strength lexicon: the built-in scales, user files that extend it, line-numbered errors."""

from __future__ import annotations

import pytest
from helpers import refuses_unreadable
from policydrift.compare.diff import tokenize, word_opcodes
from policydrift.compare.models import AlignedRow
from policydrift.compare.shifts.detect import row_shifts
from policydrift.compare.shifts.lexicon import load_strength, parse_strength
from policydrift.corpus.errors import StrengthFileError

BUILTIN = load_strength()


def directions(old: str, new: str, lexicon) -> list[tuple[str, str]]:
    a, b = tuple(tokenize(old)), tuple(tokenize(new))
    row = AlignedRow("edited", (0,), (0,), 90.0, tuple(word_opcodes(a, b)), a, b)
    return [(s.scale, s.direction) for s in row_shifts(row, lexicon)]


def test_the_builtin_lexicon_has_the_scales_of_the_issue():
    assert [s.id for s in BUILTIN.scales] == [
        "commitment", "necessity", "stance", "support", "intensity", "hedges", "negation",
    ]  # fmt: skip
    grade = {
        BUILTIN.get(m.scale).id + ":" + text: m.grade
        for text in ("must", "intend", "consider", "essential", "importance", "condemn",
                     "deplore", "support", "welcome", "note", "strongly", "immediately")
        for m in BUILTIN.find(f"We {text} it.")
    }  # fmt: skip
    assert grade["commitment:must"] > grade["commitment:intend"] > grade["commitment:consider"]
    assert grade["necessity:essential"] > grade["necessity:importance"]
    assert grade["stance:condemn"] > grade["stance:deplore"]
    assert grade["support:support"] > grade["support:welcome"] > grade["support:note"]
    assert grade["intensity:immediately"] > grade["intensity:strongly"]


def test_will_that_only_predicts_and_month_may_are_no_markers():
    assert BUILTIN.find("Threats will remain high and the meeting will be held in May 2026.") == []
    assert [m.scale for m in BUILTIN.find("We will act.")] == ["commitment"]


def test_a_user_file_adds_a_marker(tmp_path):
    old, new = "Members vow to share threat data.", "Members may share threat data."
    assert directions(old, new, BUILTIN) == [("commitment", "softened")]  # "may" alone
    user = tmp_path / "mine.yaml"
    user.write_text(
        "scales:\n  - id: commitment\n    levels:\n      - grade: 4\n        markers: [vow(s) to]\n",
        encoding="utf-8",
    )
    lexicon = load_strength(user)
    assert lexicon.sources == ("builtin", str(user))
    assert directions(
        "Members share threat data.", "Members vow to share threat data.", lexicon
    ) == [("commitment", "strengthened")]
    assert (
        directions("Members share threat data.", "Members vow to share threat data.", BUILTIN) == []
    )


def test_a_user_file_adds_a_hedge_and_a_new_scale(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "scales:\n"
        "  - id: hedges\n    markers: [as circumstances permit]\n"
        "  - id: secrecy\n    label: Secrecy\n    kind: graded\n    levels:\n"
        "      - grade: 2\n        markers: [in confidence]\n",
        encoding="utf-8",
    )
    lexicon = load_strength(user)
    assert lexicon.scales[-1].id == "secrecy"
    assert directions("We share data.", "We share data, as circumstances permit.", lexicon) == [
        ("hedges", "hedged")
    ]
    assert directions("We share data.", "We share data in confidence.", lexicon) == [
        ("secrecy", "strengthened")
    ]


def test_extend_false_stands_alone(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "extend: false\nscales:\n  - id: hedges\n    label: Hedges\n    kind: hedge\n"
        "    markers: [if need be]\n",
        encoding="utf-8",
    )
    lexicon = load_strength(user)
    assert [s.id for s in lexicon.scales] == ["hedges"]
    assert directions("We act.", "We must act.", lexicon) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("scales: [\n", "line 2: not valid YAML"),
        ("", "the strength lexicon is empty"),
        ("scale: []\n", "line 1: unknown key 'scale' in the top level"),
        ("scales:\n  - id: Bad Id\n    markers: [x]\n", "line 2: scale id must be snake_case"),
        ("scales:\n  - id: x\n    label: X\n    kind: graded\n    levels:\n      - grade: 9\n"
         "        markers: [y]\n", "line 6: grade must be a whole number from -3 to 5: 9"),
        ("scales:\n  - id: x\n    label: X\n    kind: hedge\n    markers:\n      - a\n      - b(\n",
         "line 7: scale 'x': marker 'b(': '(' at column 2 is never closed"),
        ("scales:\n  - id: x\n    kind: loud\n    markers: [a]\n", "line 3: kind must be one of"),
        ("scales:\n  - id: x\n    label: X\n    kind: graded\n    markers: [a]\n",
         "line 5: a graded scale lists its markers under 'levels'"),
        ("scales:\n  - id: x\n    label: X\n    markers: [a]\n  - id: x\n    label: Y\n"
         "    markers: [b]\n", "line 5: scale id 'x' already defined on line 2"),
        ("scales:\n  - id: x\n    label: X\n", "line 2: scale 'x' needs either 'levels'"),
    ],
)  # fmt: skip
def test_malformed_files_name_the_line(text, message):
    with pytest.raises(StrengthFileError) as info:
        parse_strength(text, source="mine.yaml")
    assert str(info.value).startswith("mine.yaml: ")
    assert message in str(info.value)


def test_a_new_scale_needs_a_label(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("scales:\n  - id: secrecy\n    markers: [in confidence]\n", encoding="utf-8")
    with pytest.raises(StrengthFileError, match="line 2: scale 'secrecy' is not built in"):
        load_strength(user)


def test_unreadable_files(tmp_path):
    refuses_unreadable(load_strength, StrengthFileError, tmp_path, "strength lexicon file")
