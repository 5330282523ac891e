"""The built-in lexicons kept as built between runs are the lexicons built from their YAML,
field for field, and a kept entry that is corrupt, forged or stale is never used."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from policydrift.compare.shifts import lexicon as strength
from policydrift.compare.themes import lexicon as themes
from policydrift.compare.themes import lexicon_base
from policydrift.compare.themes.rules import ContextRule
from policydrift.compare.themes.theme import Theme
from policydrift.corpus.derived_cache import DerivedStore


def _fields(obj) -> dict:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def test_the_json_form_holds_every_field():
    assert {*themes._THEME_FIELDS, "rules"} == {f.name for f in dataclasses.fields(Theme)}
    assert set(themes._RULE_FIELDS) == {f.name for f in dataclasses.fields(ContextRule)}
    assert {*strength._SCALE_FIELDS, "regexes", "exclude_regex"} == {
        f.name for f in dataclasses.fields(strength.Scale)
    }


@pytest.mark.parametrize("name", sorted(themes.BUILTIN_LEXICONS))
def test_a_kept_theme_lexicon_is_the_built_one_field_for_field(name):
    text = Path(themes.__file__).with_name(themes.BUILTIN_LEXICONS[name]).read_text("utf-8")
    built = themes.parse_lexicon(text, source=themes.BUILTIN, name=name)
    kept = themes.lexicon_from_json(json.loads(json.dumps(themes.lexicon_to_json(built))))
    assert _fields(kept) | {"themes": None} == _fields(built) | {"themes": None}
    assert len(kept.themes) == len(built.themes)
    for a, b in zip(kept.themes, built.themes, strict=True):
        assert _fields(a) == _fields(b)  # the compiled sources, anchors and pieces too
        assert [_fields(r) for r in a.rules] == [_fields(r) for r in b.rules]
        text = "Cyber norms and maritime norms; ransomware, AI and 5G in the Indo-Pacific."
        assert a.spans(text) == b.spans(text)


def test_the_kept_strength_lexicon_is_the_built_one_field_for_field():
    text = Path(strength.__file__).with_name("strength.yaml").read_text("utf-8")
    built = strength.parse_strength(text, source=strength.BUILTIN)
    kept = strength.strength_from_json(json.loads(json.dumps(strength.strength_to_json(built))))
    assert kept == built
    for a, b in zip(kept.scales, built.scales, strict=True):
        assert _fields(a) == _fields(b)  # compiled expressions compare by source and flags


def _keep(tmp_path, monkeypatch, text: str):
    """Build a one-theme lexicon from ``text`` through the cache in ``tmp_path``."""
    monkeypatch.setenv("DRIFT_CACHE_DIR", str(tmp_path / "cache"))
    file = tmp_path / "lexicon.yaml"
    file.write_text(text, encoding="utf-8")
    calls = []

    def build(source: str):
        calls.append(source)
        return themes.parse_lexicon(source, name="mine")

    lexicon = lexicon_base.builtin_lexicon(
        "themes-test", file, build, themes.lexicon_to_json, themes.lexicon_from_json
    )
    return lexicon, calls


THEME = "themes:\n  - id: scams\n    label: Scams\n    patterns: [online scam(s)]\n"


def test_kept_entries_are_read_back_and_rebuilt_when_the_file_or_entry_changes(
    tmp_path, monkeypatch
):
    first, calls = _keep(tmp_path, monkeypatch, THEME)
    assert calls
    assert first.get("scams").spans("Online scams rise.") == [(0, 12)]
    again, calls = _keep(tmp_path, monkeypatch, THEME)
    assert calls == []
    assert again == first
    changed, calls = _keep(tmp_path, monkeypatch, THEME.replace("Scams", "Fraud"))
    assert calls
    assert changed.get("scams").label == "Fraud"
    store = DerivedStore("lexicons", tmp_path / "cache")
    for entry in store.path("x").parent.iterdir():  # every entry forged: none is used
        entry.write_bytes(entry.read_bytes().replace(b"Scams", b"Theft"))
    forged, calls = _keep(tmp_path, monkeypatch, THEME)
    assert calls
    assert forged.get("scams").label == "Scams"


def test_an_unwritable_cache_only_means_building(tmp_path, monkeypatch):
    (tmp_path / "cache").write_text("a file, not a folder")
    lexicon, calls = _keep(tmp_path, monkeypatch, THEME)
    assert calls
    assert lexicon.get("scams").label == "Scams"
    lexicon, calls = _keep(tmp_path, monkeypatch, THEME)
    assert calls  # nothing could be kept


def test_kept_expressions_are_exactly_what_re_compiles(tmp_path, monkeypatch):
    import re

    from policydrift.compare.themes import expressions

    monkeypatch.setenv("DRIFT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(expressions, "_KNOWN", {})
    file = Path(themes.__file__).with_name(themes.BUILTIN_LEXICONS["cyber"])

    def load():
        return lexicon_base.builtin_lexicon(
            "themes-cyber",
            file,
            lambda text: themes.parse_lexicon(text, source=themes.BUILTIN, name="cyber"),
            themes.lexicon_to_json,
            themes.lexicon_from_json,
            lambda lexicon: [e for t in lexicon.themes for e in t.expressions()],
        )

    load()  # built: every expression checked against re.compile, then kept
    monkeypatch.setattr(expressions, "_KNOWN", {})
    lexicon = load()  # read back
    sources = [e for t in lexicon.themes for e in t.expressions()]
    assert set(expressions._KNOWN) == set(sources)
    for source in sources:
        assert expressions.compile_expression(source) == re.compile(source)  # flags and code
    expressions._KNOWN["cyber"] = [32, "00", 0, {}, []]  # not code the engine takes
    assert expressions.compile_expression("cyber") == re.compile("cyber")
    assert "cyber" not in expressions._KNOWN
    wrong = dict(expressions.expressions_to_json(["a+"]), key="another Python")
    expressions.remember(wrong)
    assert "a+" not in expressions._KNOWN
