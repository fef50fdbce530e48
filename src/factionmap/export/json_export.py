"""The JSON export: exactly the contract in shared/ontology.md."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from factionmap.export.registry import register
from factionmap.records import HAPPENED
from factionmap.store import reads
from factionmap.store.decisions import describe_all


def _evidence(row: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"doc": row["doc_id"], "start": row["start"], "end": row["end"], "text": row["text"]}]


def _time(start: str | None = None, end: str | None = None, as_of: str | None = None) -> dict:
    return {k: v for k, v in (("start", start), ("end", end), ("as_of", as_of)) if v}


def _relation_time(row: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """A relation's time and where it comes from: "text", or "reported" when the text gives
    none and the fact holds as of its report, as its history reads it too (an interval's
    start with basis "reported")."""
    found = _time(row["time_start"], row["time_end"], row["time_as_of"])
    if not found and row["polarity"] == "asserted" and row["published"]:
        return {"as_of": row["published"]}, "reported"
    return found, "text" if found else None


def _event_time(row: dict[str, Any]) -> dict[str, Any]:
    if not row["date"]:
        return {}
    return {"date": row["date"], "precision": row["precision"]}


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
    grades = relation_grades(conn)
    relations = [
        {
            "id": r["id"],
            "subject": r["subject"],
            "predicate": r["predicate"],
            "object": r["object"],
            "subject_name": r["subject_name"],
            "object_name": r["object_name"],
            "time": _relation_time(r)[0],
            "time_basis": _relation_time(r)[1],
            "polarity": r["polarity"],
            "modality": r["modality"],
            "attributed_to": r["attributed_to"],
            "confidence": r["confidence"],
            "mechanism": r["mechanism"],
            "evidence": _evidence(r),
            **grades.get(r["id"], {}),
        }
        for r in reads.relations(conn)
    ]
    places = {e["id"]: e["geo"] for e in entities if e.get("geo")}
    events: list[dict[str, Any]] = []
    not_happened: list[dict[str, Any]] = []
    for ev in reads.events(conn, happened_only=False):
        event: dict[str, Any] = {
            "type": ev["type"],
            "source": ev["source"],
            "target": ev["target"],
            "location": ev["location"],
            "time": _event_time(ev),
            # "reported": no date in its sentence, told as news of the report's date
            "time_basis": ev["date_basis"] if ev["date"] else None,
            "attributed_to": ev["attributed_to"],
            "modality": ev["modality"],
            "evidence": _evidence(ev),
        }
        if ev["location"] in places:
            # Events inherit their place's point and ACLED precision, as map layers expect.
            geo = places[ev["location"]]
            event["geo"] = {k: geo.get(k) for k in ("lat", "lon", "precision")}
        (events if ev["modality"] in HAPPENED else not_happened).append(event)
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
        # Acts told as planned, negated, demanded or possible: kept with their modality, apart
        # from `events`, which holds only what is told as having happened.
        "events_not_happened": not_happened,
        "quotes": quotes,
        **graph_over_time(conn, {e["id"] for e in entities}),
        # Already applied to everything above; carried so that another tool (or another
        # store) can see, and re-apply, what the analyst decided and why.
        "decisions": [
            {k: d[k] for k in ("id", "kind", "subjects", "value", "who", "when", "why", "now")}
            for d in describe_all(conn)
        ],
    }


def relation_grades(conn: sqlite3.Connection) -> dict[int, dict[str, Any]]:
    """Per relation id: its Admiralty grade and the analyst's latest decision, if any."""
    from factionmap.history.grades import grade, load_outlets
    from factionmap.store.history import claims

    outlets = load_outlets()
    found: dict[int, dict[str, Any]] = {}
    for facts in claims(conn).values():
        for claim in facts:
            found[claim.id] = {"grade": grade(claim, facts, outlets)}
    for row in reads.relation_decisions(conn):
        found.setdefault(row["relation"], {})["decision"] = {
            k: row[k] for k in ("decision", "why", "who", "decided_at")
        }
    return found


def graph_over_time(conn: sqlite3.Connection, entity_ids: set[str]) -> dict[str, Any]:
    """The export's history part: intervals per fact with the evidence of each bound,
    lineage of organisations, and competing claims."""
    from factionmap.query.graph import conflicts, lineage

    rows = reads.history_intervals(conn)
    evidence = reads.relation_evidence(
        conn, {r for row in rows for r in (row["start_relation"], row["end_relation"]) if r}
    )

    def cite(rel: int | None) -> dict[str, Any] | None:
        said = evidence.get(rel) if rel else None
        if said is None:
            return None
        return {"relation": rel, **_evidence(said)[0], "outlet": said["outlet"]}

    histories: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        key = (row["subject"], row["predicate"], row["object"])
        item = histories.setdefault(
            key,
            {
                "subject": row["subject"],
                "predicate": row["predicate"],
                "object": row["object"],
                "credibility": row["credibility"],
                "sources": row["sources"],
                "denials": row["denials"],
                "intervals": [],
            },
        )
        item["intervals"].append(
            {
                "start": row["valid_from"],
                "end": row["valid_to"],
                "start_basis": row["start_basis"],
                "start_evidence": cite(row["start_relation"]),
                "end_evidence": cite(row["end_relation"]),
            }
        )
    lineages = []
    for entity_id in sorted(entity_ids):
        found = lineage(conn, entity_id)
        if found and (found["former_names"] or found["links"]):
            found["links"] = [
                {"subject": e.subject, "predicate": e.predicate, "object": e.object,
                 "start": e.valid_from, "evidence": cite(e.start_relation)}
                for e in found["links"]
            ]  # fmt: skip
            lineages.append(found)
    return {
        "histories": list(histories.values()),
        "lineage": lineages,
        "conflicts": [
            {
                "kind": c.kind,
                "facts": [list(f) for f in c.facts],
                "relations": list(c.relations),
                "period": c.period,
            }
            for c in conflicts(conn)
        ],  # fmt: skip
    }


@register("json")
def export_json(conn: sqlite3.Connection, output: Path) -> None:
    """Write the knowledge base as JSON (UTF-8, non-ASCII kept)."""
    output.write_text(
        json.dumps(knowledge_base(conn), ensure_ascii=False, indent=1), encoding="utf-8"
    )
