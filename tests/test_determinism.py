"""Same inputs and options, same bytes: whatever the workers, locale, time zone or hash seed.

Each variant runs the real CLI in a fresh Python process with its own environment and writes
every output format of ``drift compare`` and ``drift timeline``; the files must be identical
byte for byte across variants. The variants differ in ``--workers``, ``LC_ALL``/``LANG``,
``TZ``, ``PYTHONHASHSEED`` (set and dict order), and cold or warm statement cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from policydrift.corpus.collection import SAMPLE_CORPUS

WHITEHOUSE = SAMPLE_CORPUS / "whitehouse"
CRI = WHITEHOUSE / "counter_ransomware_initiative"
OLD = CRI / "2023-11-01-international-counter-ransomware-initiative-2023-joint-statement.md"
NEW = CRI / "2024-10-02-international-counter-ransomware-initiative-2024-joint-statement.md"
SEEDS = SAMPLE_CORPUS / "seeds"

# Runs every command of one variant in one process (the CLI exits through SystemExit).
DRIVER = """
import json, sys
from policydrift.cli import cli
failures = []
for args in json.loads(sys.argv[1]):
    try:
        cli.main(args, prog_name="drift")
    except SystemExit as exc:
        if exc.code not in (0, None):
            failures.append((args, exc.code))
sys.exit(1 if failures else 0)
"""

VARIANTS = {
    "default": {"workers": None, "env": {}, "cache": "off"},
    "one-worker-C-locale-chatham": {
        "workers": 1,
        "env": {"LC_ALL": "C", "LANG": "C", "TZ": "Pacific/Chatham", "PYTHONHASHSEED": "1"},
        "cache": "cold",
    },
    "two-workers-turkish-newfoundland": {
        "workers": 2,
        "env": {
            "LC_ALL": "C.UTF-8",
            "LANG": "tr_TR.UTF-8",
            "LC_COLLATE": "tr_TR.UTF-8",
            "TZ": "America/St_Johns",
            "PYTHONHASHSEED": "2024",
        },
        "cache": "warm",
    },
}


def _commands(
    out: Path, corpus: Path, pairs: list[tuple[Path, Path]], variant: dict
) -> list[list[str]]:
    workers = [] if variant["workers"] is None else ["--workers", str(variant["workers"])]
    cache = ["--no-cache"] if variant["cache"] == "off" else []
    commands = []
    for n, (old, new) in enumerate(pairs):
        for ext in ("html", "json", "csv"):
            commands.append(
                ["compare", str(old), str(new), *workers, "-o", str(out / f"compare-{n}.{ext}")]
            )
    for ext in ("html", "json", "csv"):
        commands.append(["timeline", str(corpus), *cache, "-o", str(out / f"timeline.{ext}")])
    return commands


def _run_variant(name: str, variant: dict, base: Path, corpus: Path, pairs) -> dict[str, bytes]:
    out = base / name
    out.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "PYTHONHASH")) and k not in ("TZ", "LANG")
    }
    env.update(variant["env"])
    env["DRIFT_CACHE_DIR"] = str(base / "cache")
    commands = _commands(out, corpus, pairs, variant)
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(commands)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
        cwd=base,
    )
    assert proc.returncode == 0, f"{name}: {proc.stderr[-2000:]}"
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_outputs_are_byte_identical_across_workers_locale_time_zone_and_hash_seed(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    for series in ("cyber_emergency_continuation_notices", "asean_us"):
        shutil.copytree(WHITEHOUSE / series, corpus / series)
    pairs = [
        (OLD, NEW),
        (SEEDS / "002_23602f18eb2f6ed8.txt", SEEDS / "000_a03e204da53f589a.txt"),
    ]
    outputs = {
        name: _run_variant(name, variant, tmp_path, corpus, pairs)
        for name, variant in VARIANTS.items()
    }
    reference = outputs["default"]
    expected = {f"compare-{n}.{ext}" for n in range(len(pairs)) for ext in ("html", "json", "csv")}
    assert expected <= set(reference), sorted(reference)
    assert {"timeline.html", "timeline.json"} <= set(reference)
    assert sum(1 for n in reference if n.startswith("timeline.") and n.endswith(".csv")) >= 2
    assert all(len(data) > 100 for data in reference.values())
    for name, files in outputs.items():
        assert sorted(files) == sorted(reference), name
        different = [f for f in reference if files[f] != reference[f]]
        assert different == [], f"{name}: not byte-identical to the default run: {different}"
    # The variants really did differ: the cache was filled by the cold run and used by the warm.
    assert any((tmp_path / "cache").rglob("*")), "the statement cache was never written"
