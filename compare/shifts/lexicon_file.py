"""The strength lexicon file format: YAML nodes to checked scales, failing with line numbers.

:func:`read_scales` parses the text into YAML nodes (which keep their line numbers), checks
every key and value, and builds the scales with :func:`policydrift.compare.shifts.lexicon.make_scale`;
the first problem raises :class:`StrengthFileError` naming its line. See ``docs/shifts.md``.
"""

from __future__ import annotations

from typing import Any

from policydrift.compare.themes.lexicon_file import LexiconReader, compose_lexicon
from policydrift.corpus.errors import StrengthFileError


def read_scales(text: str, *, source: str) -> tuple[dict[str, Any], list]:
    """The checked top-level values and the scales of a strength lexicon file.

    >>> read_scales("scales:\\n  - id: hedges\\n    markers:\\n      - where(\\n",
    ...             source="mine.yaml")
    Traceback (most recent call last):
    ...
    policydrift.corpus.errors.StrengthFileError: mine.yaml: line 4: scale 'hedges': marker 'where(': '(' at column 6 is never closed
    """
    from policydrift.compare.shifts.lexicon import TOP_KEYS

    reader = _Reader(source)
    empty = "the strength lexicon is empty; it needs a 'scales:' list"
    root = compose_lexicon(text, source=source, error=StrengthFileError, empty=empty)
    fields = reader.top(root, TOP_KEYS, "scales", "strength lexicon")
    top = reader.identity(fields)
    return top, reader.each_unique(fields["scales"].value, reader.scale, "scale")


class _Reader(LexiconReader):
    """The theme lexicon's node reader, failing with :class:`StrengthFileError`."""

    error = StrengthFileError

    def patterns(self, node, what: str, scale_id: str) -> list[str]:
        """The items of a marker or exclude list, each checked (line of the first bad one)."""
        from policydrift.compare.shifts.lexicon import compile_patterns

        items = self.texts(node, what)
        if not items:
            self.fail(node, f"{what} must be a non-empty list ('- item' lines or [a, b])")
        kind = "marker" if what == "markers" else "exclude"
        try:
            compile_patterns([item for item, _ in items], kind)
        except ValueError:  # find the item, for its line
            for item, item_node in items:
                try:
                    compile_patterns([item], kind)
                except ValueError as exc:
                    self.fail(item_node, f"scale {scale_id!r}: {exc}")
        return [item for item, _ in items]

    def scale(self, node):
        import yaml
        from policydrift.compare.shifts.lexicon import (
            GRADES,
            KINDS,
            LEVEL_KEYS,
            SCALE_ID,
            SCALE_KEYS,
            make_scale,
        )

        fields = self.mapping(node, "a scale", SCALE_KEYS)
        if "id" not in fields:
            self.fail(node, "scale without 'id'")
        scale_id = self.text(fields["id"], "id")
        if not SCALE_ID.fullmatch(scale_id):
            self.fail(fields["id"], f"scale id must be snake_case (a-z, 0-9, _): {scale_id!r}")
        kind = self.text(fields["kind"], "kind") if "kind" in fields else None
        if kind is not None and kind not in KINDS:
            self.fail(fields["kind"], f"kind must be one of {', '.join(KINDS)}: {kind!r}")
        if ("levels" in fields) == ("markers" in fields):
            self.fail(node, f"scale {scale_id!r} needs either 'levels' (graded, intensity) "
                            "or 'markers' (hedge, negation), not both")  # fmt: skip
        levels: list[tuple[int, list[str]]] = []
        if "markers" in fields:
            if kind in ("graded", "intensity"):
                self.fail(fields["markers"], f"a {kind} scale lists its markers under 'levels'")
            levels.append((1, self.patterns(fields["markers"], "markers", scale_id)))
        else:
            if kind in ("hedge", "negation"):
                self.fail(fields["levels"], f"a {kind} scale lists 'markers', not 'levels'")
            items = fields["levels"]
            if not isinstance(items, yaml.SequenceNode) or not items.value:
                self.fail(items, "'levels' must be a non-empty list of '- grade: N' entries")
            for level in items.value:
                level_fields = self.mapping(level, "a level", LEVEL_KEYS)
                for required in LEVEL_KEYS:
                    if required not in level_fields:
                        self.fail(level, f"level without {required!r}")
                grade = self.integer(level_fields["grade"], "grade")
                if grade not in GRADES:
                    self.fail(
                        level_fields["grade"], f"grade must be a whole number from -3 to 5: {grade}"
                    )
                levels.append((grade, self.patterns(level_fields["markers"], "markers", scale_id)))
        exclude = (
            self.patterns(fields["exclude"], "exclude", scale_id) if "exclude" in fields else []
        )
        return make_scale(
            scale_id,
            self.text(fields["label"], "label") if "label" in fields else "",
            kind or ("graded" if "levels" in fields else "hedge"),
            levels,
            exclude=exclude,
            source=self.source,
            line=node.start_mark.line + 1,
            replace=self.boolean(fields["replace"], "replace") if "replace" in fields else False,
        )
