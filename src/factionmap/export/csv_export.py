"""ACLED-style event table: one row per event, with its evidence sentence and source."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from factionmap.export.registry import register
from factionmap.store import reads

COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "admin1",
    "admin2",
    "country",
    "notes",
    "source",
    "source_url",
    "attributed_to",
    "doc_id",
    "start",
    "end",
)


def event_rows(conn: sqlite3.Connection) -> list[dict[str, object]]:
    """Events as flat ACLED-style rows (actors joined with '; ')."""
    entities = {e["id"]: e for e in reads.entities(conn)}

    def names(ids: list[str]) -> str:
        return "; ".join(entities[i]["name"] for i in ids if i in entities)

    rows = []
    for ev in reads.events(conn):
        place = entities.get(ev["location"]) if ev["location"] else None
        geo = (place or {}).get("geo") or {}
        rows.append(
            {
                "event_id": ev["id"],
                "event_date": ev["date"] or "",
                "time_precision": ev["precision"] or "",
                "event_type": ev["type"],
                "actor1": names(ev["source"]),
                "actor2": names(ev["target"]),
                "location": place["name"] if place else "",
                "latitude": geo.get("lat", ""),
                "longitude": geo.get("lon", ""),
                "geo_precision": geo.get("precision", ""),
                "admin1": geo.get("admin1") or "",
                "admin2": geo.get("admin2") or "",
                "country": geo.get("country") or "",
                "notes": ev["text"],
                "source": ev["outlet"] or "",
                "source_url": ev["url"] or "",
                "attributed_to": names([ev["attributed_to"]]) if ev["attributed_to"] else "",
                "doc_id": ev["doc_id"],
                "start": ev["start"],
                "end": ev["end"],
            }
        )
    return rows


@register("csv")
def export_csv(conn: sqlite3.Connection, output: Path) -> None:
    """Write events as an ACLED-style CSV table."""
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(event_rows(conn))
