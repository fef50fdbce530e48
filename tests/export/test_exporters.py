"""Every export format, on the bundled sample ingested by the real pipeline."""

from __future__ import annotations

import csv
import json
import sqlite3
import xml.etree.ElementTree as ET
from contextlib import closing
from pathlib import Path

import pytest

from factionmap.export.csv_export import COLUMNS
from factionmap.export.registry import exporter, formats
from factionmap.pipeline import ingest
from factionmap.records import HAPPENED, MODALITIES
from factionmap.store.db import connect

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]
HOSTILE = (
    'Fighters of the "Free" Army & others clashed with Hay\'at Tahrir al-Sham in Sarmada on '
    "Monday, residents said. The Turkish-backed Syrian National Army, which controls Azaz "
    '<script>alert("x")</script>, accused HTS of shelling the town.\n'
)


@pytest.fixture(scope="module")
def knowledge_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples plus an article full of markup characters, in one SQLite file."""
    folder = tmp_path_factory.mktemp("kb")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "kb.sqlite"
    examples = ROOT / "examples" / "articles"
    report = ingest([examples, folder / "hostile.txt"], db, examples / "meta.jsonl")
    assert report.failures == []
    return db


def _export(db: Path, name: str, tmp_path: Path) -> Path:
    output = tmp_path / f"kb.{name}"
    with closing(connect(db)) as conn:
        exporter(name)(conn, output)
    return output


def test_exporters_registry_lists_builtins() -> None:
    assert {"json", "csv", "graphml", "geojson"} <= set(formats())


def test_exporters_json_contract_and_provenance(knowledge_base: Path, tmp_path: Path) -> None:
    kb = json.loads(_export(knowledge_base, "json", tmp_path).read_text(encoding="utf-8"))
    contract = {"documents", "entities", "relations", "events", "quotes"}
    extra = {"histories", "lineage", "conflicts", "decisions", "events_not_happened"}
    assert set(kb) == contract | extra
    with closing(sqlite3.connect(knowledge_base)) as conn:
        texts = dict(conn.execute("SELECT id, text FROM documents"))
        published = dict(conn.execute("SELECT id, published FROM documents"))
    ids = {e["id"] for e in kb["entities"]}
    for entity in kb["entities"]:
        assert {"id", "name", "type", "subtype", "aliases", "mentions"} <= set(entity)
        for m in entity["mentions"]:
            assert texts[m["doc"]][m["start"] : m["end"]] == m["text"]
    assert kb["relations"] and kb["events"] and kb["quotes"]
    for item in kb["relations"] + kb["events"]:
        for ev in item["evidence"]:
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]
    for rel in kb["relations"]:
        assert {rel["subject"], rel["object"]} <= ids
        assert rel["polarity"] in ("asserted", "negated", "possible")
        assert rel["modality"] in MODALITIES
        if rel["time_basis"] == "reported":  # untimed by the text: as of its report
            assert rel["time"]["as_of"] == published[rel["evidence"][0]["doc"]]
            assert rel["polarity"] == "asserted"
        assert rel["polarity"] != "negated" or rel["modality"] == "negated"
        assert (rel["attributed_to"] is None) or rel["attributed_to"] in ids
    for event in kb["events"]:
        assert set(event["source"]) | set(event["target"]) <= ids
        assert event["modality"] in HAPPENED  # the scored list holds only what happened
        if event["time_basis"] == "reported":
            assert event["time"]["date"] == published[event["evidence"][0]["doc"]]
    assert any(r["time_basis"] == "reported" for r in kb["relations"])
    for event in kb["events_not_happened"]:
        assert event["modality"] in set(MODALITIES) - HAPPENED
        for ev in event["evidence"]:
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]
    for quote in kb["quotes"]:
        assert texts[quote["doc"]][quote["start"] : quote["end"]] == quote["text"]
        assert quote["speaker"] is None or quote["speaker"] in ids


def test_exporters_csv_is_acled_shaped(knowledge_base: Path, tmp_path: Path) -> None:
    with _export(knowledge_base, "csv", tmp_path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with closing(sqlite3.connect(knowledge_base)) as conn:
        events = conn.execute(
            "SELECT COUNT(*) FROM events WHERE modality IN ('asserted', 'reported')"
        ).fetchone()[0]
    assert len(rows) == events > 0
    assert tuple(rows[0]) == COLUMNS
    located = [r for r in rows if r["location"]]
    assert located, "some event should have a place"
    for row in located:
        if row["latitude"]:
            assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180
            assert row["geo_precision"] in {"1", "2", "3"}
    assert all(row["notes"] and row["event_type"].isupper() for row in rows)


def test_exporters_graphml_parses_despite_markup_in_text(
    knowledge_base: Path, tmp_path: Path
) -> None:
    root = ET.parse(_export(knowledge_base, "graphml", tmp_path)).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    edges = list(root.iterfind(".//g:edge", ns))
    with closing(sqlite3.connect(knowledge_base)) as conn:
        assert len(nodes) == conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
    assert edges
    for edge in edges:
        assert edge.get("source") in nodes and edge.get("target") in nodes
    evidence = [d.text or "" for d in root.iterfind(".//g:data[@key='e_evidence']", ns)]
    # The article's markup comes back as text, not as elements of the document.
    assert any('<script>alert("x")</script>' in text for text in evidence)


def test_exporters_geojson_points_are_valid(knowledge_base: Path, tmp_path: Path) -> None:
    collection = json.loads(_export(knowledge_base, "geojson", tmp_path).read_text("utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert {f["properties"]["kind"] for f in features} == {"event", "control"}
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
