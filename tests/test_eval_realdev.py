"""The real development set (tests/data/realdev): manifests and gold are committed, the texts
are rebuilt into an ignored folder (`python tests/realdev.py --from DIR`).

The gate scores the dev split only; the blind split is scored by hand at the end of a piece of
work (`python tests/realdev.py --score --blind`) and recorded in the README before any tuning.
Floors sit just under what the extractor reached when they were set; they may only be lowered
on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.evaluation_realdev import (
    GOLD,
    Article,
    RealdevError,
    article_gold,
    available,
    copy_texts,
    evaluate,
    event_time_right,
    load_scorer,
    manifest_articles,
    sha256_of,
    text_problem,
)

# Reached on the dev split when the gate was set (2026-12-03, 32 articles): entity 0.89,
# relation 0.35, event 0.31, quote 0.66; time right on 14/32 matched facts with a gold time
# (measured again after merging main with the frame layer: per-article figures moved, the
# totals at two decimals did not).
# Relations raised by h2-relations2 (2026-12-03): 0.58 (P 0.86, R 0.44; before 0.42).
# Quotes and entities measured again after the issue-7 work on speakers and in-document
# names (2026-12-03, same 32 articles): entity 0.95 (P 0.95 R 0.96), quote 0.97 (P 0.98
# R 0.96).
# Events and time raised on h2-events2 (2026-12-03): event 0.38 (P 0.44, R 0.33), time right
# on 38/41 (6/7 relations, 32/34 events) once undated news is dated by its report.
# All branches of the round merged (2026-12-03): entity 0.96, relation 0.64 (P 0.87, R 0.51),
# event 0.41 (P 0.46, R 0.37), quote 0.97; time right on 42/50.
# Just under the dev split of sets A–E (68 articles) at the end of the third round,
# 2026-12-03: 0.95 / 0.54 / 0.45 / 0.87, time right 74 %.
FLOORS = {"entity": 0.94, "relation": 0.52, "event": 0.43, "quote": 0.85}
TIME_RIGHT_FLOOR = 0.72
BLIND_ENDINGS = ("04", "08", "12", "16", "20", "22")


@pytest.fixture(scope="module")
def dev_figures(shared_dir: Path, tmp_path_factory) -> dict:
    articles = manifest_articles()
    dev = [a for a in articles if a.split == "dev"]
    problems = [p for a in dev if (p := text_problem(a))]
    if not dev or problems:
        pytest.skip(
            f"real dev texts absent ({len(problems)} of {len(dev)} missing or changed): "
            "rebuild them with `python tests/realdev.py --from DIR`"
        )
    return evaluate(shared_dir / "tools" / "score.py", dev, tmp_path_factory.mktemp("realdev"))


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("layer", sorted(FLOORS))
def test_eval_realdev_dev_f1_floor(dev_figures: dict, layer: str) -> None:
    assert dev_figures[layer] >= FLOORS[layer], dev_figures["report"]


@pytest.mark.slow
@pytest.mark.model
def test_eval_realdev_dev_time_right_floor(dev_figures: dict) -> None:
    # Relations (the scorer's count) and events (ours) together.
    assert dev_figures["time_right"] >= TIME_RIGHT_FLOOR, dev_figures["report"]


def test_eval_realdev_manifests_and_gold_agree() -> None:
    # Every listed article has a gold file describing it under the same url and date, and the
    # blind quarter is the one the guidelines name.
    articles = manifest_articles()
    for a in articles:
        article_gold(a)
        assert a.split == ("blind" if a.id.endswith(BLIND_ENDINGS) else "dev"), a.id
    assert {p.stem for p in GOLD.glob("*.json")} == {a.id for a in articles}


def _manifest(folder: Path, rows: list[dict]) -> None:
    lines = "\n".join(json.dumps(r) for r in rows)
    (folder / "manifest-x.jsonl").write_text(lines + "\n", encoding="utf-8")


def _row(**fields: str) -> dict:
    base = dict.fromkeys(("url", "outlet", "published", "title", "query", "rank"), "x")
    return {**base, "id": "rx01", "sha256": "0" * 64, "split": "dev", **fields}


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([{"id": "rx01"}], "manifest-x.jsonl:1: missing url"),
        ([_row(split="test")], "manifest-x.jsonl:1: split 'test' is not dev or blind"),
        ([_row(), _row()], "manifest-x.jsonl:2: id rx01 listed twice"),
    ],
)
def test_eval_realdev_bad_manifest_is_one_line(tmp_path: Path, rows, problem: str) -> None:
    _manifest(tmp_path, rows)
    with pytest.raises(RealdevError, match=f"^{problem}"):
        manifest_articles(tmp_path)


def test_eval_realdev_copy_checks_each_sha(tmp_path: Path) -> None:
    source, texts = tmp_path / "source", tmp_path / "texts"
    source.mkdir()
    (source / "rx01.txt").write_text("Clashes erupted in Manbij.", encoding="utf-8")
    (source / "rx02.txt").write_text("Edited after annotation.", encoding="utf-8")
    good = Article("rx01", "u1", "o", "2025", "t", sha256_of(source / "rx01.txt"), "dev")
    changed = Article("rx02", "u2", "o", "2025", "t", "0" * 64, "dev")
    absent = Article("rx03", "u3", "o", "2025", "t", "0" * 64, "blind")
    problems = copy_texts(source, [good, changed, absent], texts)
    assert [p.split(": ", 1)[1][:11] for p in problems] == ["sha256 diff", "missing (o,"]
    assert [a.id for a in available([good, changed, absent], "dev", texts)] == ["rx01"]
    assert not (texts / "rx02.txt").exists()


def test_eval_realdev_event_time_counts_matched_events_only(shared_dir: Path) -> None:
    scorer = load_scorer(shared_dir / "tools" / "score.py")
    gold = {
        "docs": {"rx01": {"url": "u1"}},
        "entities": [
            {"id": "sdf", "names": ["SDF"], "docs": ["rx01"]},
            {"id": "sna", "names": ["SNA"], "docs": ["rx01"]},
        ],
        "events": [
            {
                "doc": "rx01",
                "type": "ASSAULT",
                "source": ["sna"],
                "target": ["sdf"],
                "time": "2024-12",
            },
            {"doc": "rx01", "type": "CONSULT", "source": ["sdf"], "target": [], "time": "2025-03"},
            {"doc": "rx01", "type": "PROTEST", "source": ["sdf"], "target": [], "time": "2025"},
        ],
    }
    kb = {
        "documents": [{"id": "h1", "url": "u1"}],
        "entities": [{"id": "a", "name": "SNA"}, {"id": "b", "name": "SDF"}],
        "events": [
            {
                "type": "ASSAULT",
                "source": ["a"],
                "target": ["b"],
                "time": {"date": "2024-12-09"},
                "evidence": [{"doc": "h1"}],
            },
            {
                "type": "CONSULT",
                "source": ["b"],
                "target": [],
                "time": {"date": "2024-03-10"},
                "evidence": [{"doc": "h1"}],
            },
        ],
    }
    assert event_time_right(scorer, gold, kb) == (1, 2)
