"""Evaluation gates on public annotated real text kept in tests/data (PLOVER records, re3d).

Floors sit just under what landed main measured on 2026-12-02 (see the README's quality
table); they may only be lowered on purpose, and should rise with every extraction gain.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.evaluation import ingest_and_export
from tests.evaluation_real import (
    plover_figures,
    re3d_entity_figures,
    re3d_figures,
    words,
    write_plover_articles,
    write_re3d_articles,
)

PLOVER_FLOORS = {"type": 0.48, "source": 0.95, "target": 0.54}  # h-frames, 2026-12-03
# re3d floors over all documents and over each fixed part (tests/evaluation_real.re3d_part):
# "dev" is read while developing, "check" only scored now and then. Measured 2026-12-03:
# recall where both entities are found 0.29 all, 0.40 dev, 0.19 check; synonyms 0.39.
# Issue 8 (identity), measured 2026-12-03 on h2-identity2: name↔name synonym pairs on one
# entity 23/23 (was 17/23 counting names no mention held), all synonym pairs 0.64 (dev 0.56,
# check 0.82); no gold person mostly typed ORG among the 20 most frequent.
# After merging the issue-7 branches (relations, events with modality, quotes and entities)
# with identity: recall where both are found 0.25 all, 0.37 dev, 0.14 check (the check part
# has 21 such relations, so one relation is 0.05): floors just under, the drop recorded.
# Descriptions beside names (h3-identity3): all synonym pairs 0.78 (dev 0.76, check 0.82).
# h3-relations3 (2026-12-03, precision pass: demonyms only locate places, "the Iraqi city of
# Mosul" is Mosul): 0.32 all, 0.45 dev, 0.19 check; floors just under.
RE3D_FLOORS = {
    "recall_both_found": 0.30,
    "synonyms_one_entity": 0.74,
    "synonym_names_one_entity": 0.80,
}
RE3D_PART_FLOORS = {"dev": 0.43, "check": 0.17}
RE3D_MAX_PERSONS_AS_ORG = 0
# Mention-level entity figures over all re3d documents (tests/evaluation_real.
# re3d_entity_figures), measured 2026-12-03 on h3-entities3: mentions overlapping a gold
# actor or place 0.894 (a lower bound: re3d leaves lists of countries unannotated), gold
# proper names found 0.887 (landed main: 0.884 / 0.895; names of meetings and agreements,
# which re3d types Organisation, are no entities in our ontology).
RE3D_ENTITY_FLOORS = {"mention_precision_lower_bound": 0.88, "name_recall": 0.87}


def _ingested(articles: Path, folder: Path) -> tuple[dict, dict[str, str]]:
    export = ingest_and_export(articles, None, folder)
    with closing(sqlite3.connect(folder / "kb.sqlite")) as conn:
        texts = dict(conn.execute("SELECT id, text FROM documents"))
    return json.loads(export.read_text(encoding="utf-8")), texts


@pytest.fixture(scope="module")
def plover(tmp_path_factory) -> dict[str, float]:
    folder = tmp_path_factory.mktemp("plover")
    return plover_figures(*_ingested(write_plover_articles(folder / "p.jsonl"), folder))


@pytest.fixture(scope="module")
def re3d_kb(tmp_path_factory) -> tuple[dict, dict[str, str]]:
    folder = tmp_path_factory.mktemp("re3d")
    return _ingested(write_re3d_articles(folder / "r.jsonl"), folder)


@pytest.fixture(scope="module")
def re3d(re3d_kb) -> dict[str, float]:
    return re3d_figures(*re3d_kb)


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("figure", sorted(PLOVER_FLOORS))
def test_eval_real_plover_floor(plover, figure: str) -> None:
    assert plover[figure] >= PLOVER_FLOORS[figure], plover


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("figure", sorted(RE3D_FLOORS))
def test_eval_real_re3d_floor(re3d, figure: str) -> None:
    assert re3d[figure] >= RE3D_FLOORS[figure], re3d


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("part", sorted(RE3D_PART_FLOORS))
def test_eval_real_re3d_part_recall_floor(re3d_kb, part: str) -> None:
    figures = re3d_figures(*re3d_kb, part=part)
    assert figures["recall_both_found"] >= RE3D_PART_FLOORS[part], figures


@pytest.mark.slow
@pytest.mark.model
def test_eval_real_re3d_persons_not_typed_org(re3d) -> None:
    assert re3d["persons_as_org"] <= RE3D_MAX_PERSONS_AS_ORG, re3d


def _kb(entities: list[dict], events: list[dict]) -> dict:
    return {"entities": entities, "events": events, "relations": [], "documents": []}


def test_eval_real_plover_scorer_counts_type_source_and_target(monkeypatch) -> None:
    import tests.evaluation_real as real

    records = [
        {
            "event": "FIGHT",
            "text": "Israeli troops shelled Gaza.",
            "source": [{"actorText": "Israeli troops"}],
            "target": [{"actorText": "Gaza"}],
        },
        {"event": "AGREE", "text": "Iran agreed.", "source": [{"actorText": "Iran"}], "target": []},
    ]
    monkeypatch.setattr(real, "plover_records", lambda: records)
    entities = [
        {"id": "isr", "name": "Israel", "aliases": [], "mentions": [{"text": "Israeli"}]},
        {"id": "gaza", "name": "Gaza", "aliases": [], "mentions": []},
    ]
    events = [
        {"type": "ASSAULT", "source": ["isr"], "target": ["gaza"], "evidence": [{"doc": "d1"}]}
    ]
    figures = plover_figures(
        _kb(entities, events), {"d1": "Israeli troops shelled Gaza.", "d2": "Iran agreed."}
    )
    assert figures == {"records": 2, "type": 0.5, "source": 1.0, "target": 1.0}
    wrong_target = [{**events[0], "target": ["isr"]}]
    assert plover_figures(_kb(entities, wrong_target), {"d1": records[0]["text"]})["target"] == 0.0


def test_eval_real_words_ignore_articles_and_case() -> None:
    assert words("The Islamic State of Iraq") == {"islamic", "state", "iraq"}


def test_eval_real_re3d_parts_fixed_and_both_used() -> None:
    from tests.evaluation_real import re3d_documents, re3d_part

    parts = [re3d_part(doc["_id"]) for doc in re3d_documents()]
    assert parts == [re3d_part(doc["_id"]) for doc in re3d_documents()]
    assert 0.2 < parts.count("check") / len(parts) < 0.5


@pytest.mark.parametrize(
    ("value", "named"),
    [("the SDF", True), ("The Coalition", True), ("strikes", False), ("We", False),
     ("the city of Mosul", False), ("ISIL", True)],
)  # fmt: skip
def test_eval_real_re3d_named_actors_only(value: str, named: bool) -> None:
    from tests.evaluation_real import _proper

    assert _proper(value) is named


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("figure", sorted(RE3D_ENTITY_FLOORS))
def test_eval_real_re3d_entity_floor(re3d_kb, figure: str) -> None:
    figures = re3d_entity_figures(*re3d_kb)
    assert figures[figure] >= RE3D_ENTITY_FLOORS[figure], figures
