"""The evaluation gate: the seed articles, ingested by the real CLI, scored against the gold file.

Floors may only be lowered on purpose. The seeds, gold file and scorer live in ../shared,
beside the repository; the tests skip when it is not there.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factionmap.cli import app
from factionmap.resolve.names import surface_key

pytestmark = [pytest.mark.slow, pytest.mark.model]

# The issues' minimums are entity 0.90, relation 0.70 (time right on 75 %), event 0.60 and
# quote 0.90; the floors sit above them, near what the extractors reach, to catch regressions.
FLOORS = {"entity": 0.95, "relation": 0.85, "event": 0.80, "quote": 0.95}
TIME_RIGHT_FLOOR = 0.75
TIME_RIGHT = re.compile(r"time right on (?P<right>\d+)/(?P<total>\d+)")
FIGURES = re.compile(
    r"F1 entity=(?P<entity>[\d.]+) relation=(?P<relation>[\d.]+) event=(?P<event>[\d.]+) "
    r"quote=(?P<quote>[\d.]+)"
)


@pytest.fixture(scope="module")
def seed_export(shared_dir: Path, tmp_path_factory) -> Path:
    """The seeds ingested with their metadata and exported as JSON, through the CLI."""
    folder = tmp_path_factory.mktemp("seeds")
    db, output = folder / "kb.sqlite", folder / "kb.json"
    seeds = shared_dir / "seeds"
    runner = CliRunner()
    ingested = runner.invoke(
        app, ["ingest", str(seeds), "--meta", str(seeds / "seeds.jsonl"), "--db", str(db)]
    )
    assert ingested.exit_code == 0, ingested.output
    exported = runner.invoke(
        app, ["export", "--db", str(db), "--format", "json", "-o", str(output)]
    )
    assert exported.exit_code == 0, exported.output
    return output


@pytest.fixture(scope="module")
def scores(shared_dir: Path, seed_export: Path) -> tuple[dict[str, float], str]:
    """The scorer's four F1 figures, and its full verbose report for failure messages."""
    completed = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "tools" / "score.py"),
            str(shared_dir / "gold" / "seeds.gold.json"),
            str(seed_export),
            "-v",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    last = completed.stdout.strip().splitlines()[-1]
    match = FIGURES.fullmatch(last)
    assert match, completed.stdout
    return {k: float(v) for k, v in match.groupdict().items()}, completed.stdout


@pytest.mark.parametrize("layer", sorted(FLOORS))
def test_eval_seeds_f1_floor(scores, layer: str) -> None:
    # Entities rely on the curated actor dictionary and gazetteer (data/actors, data/gazetteer):
    # without them entity F1 on the seeds was 0.85.
    figures, report = scores
    assert figures[layer] >= FLOORS[layer], report


def test_eval_seeds_relation_time_right(scores) -> None:
    _, report = scores
    match = TIME_RIGHT.search(report)
    assert match, report
    right, total = int(match["right"]), int(match["total"])
    assert total > 0 and right / total >= TIME_RIGHT_FLOOR, report


def _gold_key(document: dict, gold_docs: dict) -> str | None:
    """The gold document a stored document is, by URL or by the gold key in its file name."""
    for key, meta in gold_docs.items():
        if meta.get("url") and meta.get("url") == document.get("url"):
            return key
    return next((key for key in gold_docs if key in (document.get("file") or "")), None)


def test_eval_seeds_no_entity_from_furniture(shared_dir: Path, seed_export: Path) -> None:
    gold = json.loads((shared_dir / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
    kb = json.loads(seed_export.read_text(encoding="utf-8"))
    keys = {d["id"]: _gold_key(d, gold["docs"]) for d in kb["documents"]}
    assert set(keys.values()) == set(gold["docs"])
    furniture = {
        doc: [surface_key(s) for s in strings] for doc, strings in gold["not_content"].items()
    }
    offending = [
        (keys[m["doc"]], m["text"], e["id"])
        for e in kb["entities"]
        for m in e["mentions"]
        if any(
            not_content == surface_key(m["text"]) or not_content in surface_key(m["text"])
            for not_content in furniture.get(keys[m["doc"]], [])
        )
    ]
    assert offending == []
