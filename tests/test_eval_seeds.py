"""The evaluation gate: the seed articles, ingested by the real CLI, scored against the gold file.

Floors may only be lowered on purpose. The seeds, gold file and scorer live in ../shared,
beside the repository; the tests skip when it is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluation import furniture_mentions, ingest_and_export, load_json, score, time_right

pytestmark = [pytest.mark.slow, pytest.mark.model]

# The issues' minimums are entity 0.90, relation 0.70 (time right on 75 %), event 0.60 and
# quote 0.90; the floors sit above them, near what the extractors reach, to catch regressions.
FLOORS = {"entity": 0.95, "relation": 0.85, "event": 0.80, "quote": 0.95}
TIME_RIGHT_FLOOR = 0.75


@pytest.fixture(scope="module")
def seed_export(shared_dir: Path, tmp_path_factory) -> Path:
    """The seeds ingested with their metadata and exported as JSON, through the CLI."""
    seeds = shared_dir / "seeds"
    return ingest_and_export(seeds, seeds / "seeds.jsonl", tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="module")
def scores(shared_dir: Path, seed_export: Path) -> tuple[dict[str, float], str]:
    """The scorer's four F1 figures, and its full verbose report for failure messages."""
    return score(
        shared_dir / "tools" / "score.py", shared_dir / "gold" / "seeds.gold.json", seed_export
    )


@pytest.mark.parametrize("layer", sorted(FLOORS))
def test_eval_seeds_f1_floor(scores, layer: str) -> None:
    # Entities rely on the curated actor dictionary and gazetteer (data/actors, data/gazetteer):
    # without them entity F1 on the seeds was 0.85.
    figures, report = scores
    assert figures[layer] >= FLOORS[layer], report


def test_eval_seeds_relation_time_right(scores) -> None:
    _, report = scores
    assert time_right(report) >= TIME_RIGHT_FLOOR, report


def _gold_key(document: dict, gold_docs: dict) -> str | None:
    """The gold document a stored document is, by URL or by the gold key in its file name."""
    for key, meta in gold_docs.items():
        if meta.get("url") and meta.get("url") == document.get("url"):
            return key
    return next((key for key in gold_docs if key in (document.get("file") or "")), None)


def test_eval_seeds_no_entity_from_furniture(shared_dir: Path, seed_export: Path) -> None:
    gold = load_json(shared_dir / "gold" / "seeds.gold.json")
    kb = load_json(seed_export)
    keys = {d["id"]: _gold_key(d, gold["docs"]) for d in kb["documents"]}
    assert set(keys.values()) == set(gold["docs"])
    assert furniture_mentions(kb, gold, keys) == []
