"""GeoJSON: events at their place, and places that some actor is said to control."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from factionmap.export.registry import register
from factionmap.store import reads


def _point(geo: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [geo["lon"], geo["lat"]]}


def features(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """GeoJSON features for located events and controlled places."""
    entities = {e["id"]: e for e in reads.entities(conn)}

    def names(ids: list[str]) -> list[str]:
        return [entities[i]["name"] for i in ids if i in entities]

    found: list[dict[str, Any]] = []
    for ev in reads.events(conn):
        place = entities.get(ev["location"] or "")
        if not place or not place["geo"]:
            continue
        found.append(
            {
                "type": "Feature",
                "geometry": _point(place["geo"]),
                "properties": {
                    "kind": "event",
                    "event_type": ev["type"],
                    "date": ev["date"],
                    "precision": ev["precision"],
                    "source": names(ev["source"]),
                    "target": names(ev["target"]),
                    "location": place["name"],
                    "geo_precision": place["geo"].get("precision"),
                    "evidence": ev["text"],
                    "doc": ev["doc_id"],
                    "start": ev["start"],
                    "end": ev["end"],
                    "outlet": ev["outlet"],
                    "url": ev["url"],
                },
            }
        )
    for rel in reads.relations(conn):
        place = entities.get(rel["object"])
        if rel["predicate"] != "controls" or not place or not place["geo"]:
            continue
        found.append(
            {
                "type": "Feature",
                "geometry": _point(place["geo"]),
                "properties": {
                    "kind": "control",
                    "controller": rel["subject_name"],
                    "place": place["name"],
                    "start": rel["time_start"],
                    "end": rel["time_end"],
                    "as_of": rel["time_as_of"],
                    "polarity": rel["polarity"],
                    "geo_precision": place["geo"].get("precision"),
                    "evidence": rel["text"],
                    "doc": rel["doc_id"],
                    "start_char": rel["start"],
                    "end_char": rel["end"],
                },
            }
        )
    return found


@register("geojson")
def export_geojson(conn: sqlite3.Connection, output: Path) -> None:
    """Write events and controlled places as a GeoJSON FeatureCollection."""
    collection = {"type": "FeatureCollection", "features": features(conn)}
    output.write_text(json.dumps(collection, ensure_ascii=False, indent=1), encoding="utf-8")
