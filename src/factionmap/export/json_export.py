"""The JSON export: exactly the contract in shared/ontology.md."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from factionmap.export.registry import register
from factionmap.store import reads


def _evidence(row: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"doc": row["doc_id"], "start": row["start"], "end": row["end"], "text": row["text"]}]


def _time(start: str | None = None, end: str | None = None, as_of: str | None = None) -> dict:
    return {k: v for k, v in (("start", start), ("end", end), ("as_of", as_of)) if v}


def knowledge_base(conn: sqlite3.Connection) -> dict[str, Any]:
    """The whole knowledge base as the export contract's dictionary."""
    all_aliases = reads.aliases(conn)
    mentions_by_entity: dict[str, list[dict[str, Any]]] = {}
    for m in reads.mentions(conn):
        mentions_by_entity.setdefault(m["entity_id"], []).append(
            {"doc": m["doc_id"], "start": m["start"], "end": m["end"], "text": m["text"]}
        )
    entities = []
    for e in reads.entities(conn):
        names = [a["alias"] for a in all_aliases.get(e["id"], []) if a["alias"] != e["name"]]
        former = [a["alias"] for a in all_aliases.get(e["id"], []) if a["kind"] == "former_name"]
        item: dict[str, Any] = {
            "id": e["id"],
            "name": e["name"],
            "type": e["type"],
            "subtype": e["subtype"],
            "aliases": list(dict.fromkeys(names)),
            "mentions": mentions_by_entity.get(e["id"], []),
        }
        if former:
            item["former_names"] = list(dict.fromkeys(former))
        if e["roles"]:
            item["roles"] = e["roles"]
        if e["wikidata"]:
            item["wikidata"] = e["wikidata"]
        if e["geo"]:
            item["geo"] = e["geo"]
        entities.append(item)
    relations = [
        {
            "subject": r["subject"],
            "predicate": r["predicate"],
            "object": r["object"],
            "subject_name": r["subject_name"],
            "object_name": r["object_name"],
            "time": _time(r["time_start"], r["time_end"], r["time_as_of"]),
            "polarity": r["polarity"],
            "attributed_to": r["attributed_to"],
            "confidence": r["confidence"],
            "evidence": _evidence(r),
        }
        for r in reads.relations(conn)
    ]
    places = {e["id"]: e["geo"] for e in entities if e.get("geo")}
    events = []
    for ev in reads.events(conn):
        event: dict[str, Any] = {
            "type": ev["type"],
            "source": ev["source"],
            "target": ev["target"],
            "location": ev["location"],
            "time": {"date": ev["date"], "precision": ev["precision"]} if ev["date"] else {},
            "attributed_to": ev["attributed_to"],
            "evidence": _evidence(ev),
        }
        if ev["location"] in places:
            # Events inherit their place's point and ACLED precision, as map layers expect.
            geo = places[ev["location"]]
            event["geo"] = {k: geo.get(k) for k in ("lat", "lon", "precision")}
        events.append(event)
    quotes = [
        {
            "speaker": q["speaker"],
            "text": q["text"],
            "cue": q["cue"],
            "doc": q["doc_id"],
            "start": q["start"],
            "end": q["end"],
        }
        for q in reads.quotes(conn)
    ]
    documents = [{**d, "verified": bool(d["verified"])} for d in reads.documents(conn)]
    return {
        "documents": documents,
        "entities": entities,
        "relations": relations,
        "events": events,
        "quotes": quotes,
    }


@register("json")
def export_json(conn: sqlite3.Connection, output: Path) -> None:
    """Write the knowledge base as JSON (UTF-8, non-ASCII kept)."""
    output.write_text(
        json.dumps(knowledge_base(conn), ensure_ascii=False, indent=1), encoding="utf-8"
    )
