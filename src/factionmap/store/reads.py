"""Read queries over the knowledge base: every SQL the query and export layers need."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from factionmap.resolve.names import fold_key


def _rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    return [dict(row) for row in conn.execute(sql, params)]


def documents(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """All documents (without their text), oldest ingest first."""
    return _rows(
        conn,
        "SELECT id, file, url, outlet, title, published, language, author, verified"
        " FROM documents ORDER BY ingested_at, id",
    )


def document_texts(conn: sqlite3.Connection) -> dict[str, str]:
    """Cleaned text of every document, by id."""
    return {row["id"]: row["text"] for row in conn.execute("SELECT id, text FROM documents")}


def entities(conn: sqlite3.Connection, entity_type: str | None = None) -> list[dict[str, Any]]:
    """Entities with their mention counts, most mentioned first."""
    sql = (
        "SELECT e.*, COUNT(m.id) AS mention_count, COUNT(DISTINCT m.doc_id) AS doc_count"
        " FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id"
    )
    params: tuple = ()
    if entity_type:
        sql += " WHERE e.type = ?"
        params = (entity_type.upper(),)
    sql += " GROUP BY e.id ORDER BY mention_count DESC, e.name"
    rows = _rows(conn, sql, params)
    for row in rows:
        row["roles"] = json.loads(row["roles"] or "[]")
        row["geo"] = json.loads(row["geo"]) if row.get("geo") else None
    return rows


def aliases(conn: sqlite3.Connection) -> dict[str, list[dict[str, str]]]:
    """Aliases of every entity, by entity id, in insertion order."""
    found: dict[str, list[dict[str, str]]] = {}
    for row in conn.execute("SELECT entity_id, alias, kind FROM aliases ORDER BY rowid"):
        found.setdefault(row["entity_id"], []).append({"alias": row["alias"], "kind": row["kind"]})
    return found


def mentions(conn: sqlite3.Connection, entity_id: str | None = None) -> list[dict[str, Any]]:
    """Mentions in document order, optionally of one entity."""
    sql = "SELECT entity_id, doc_id, start, end, text, source FROM mentions"
    params: tuple = ()
    if entity_id:
        sql += " WHERE entity_id = ?"
        params = (entity_id,)
    return _rows(conn, sql + " ORDER BY doc_id, start", params)


def find_entities(conn: sqlite3.Connection, text: str) -> list[str]:
    """Ids of entities whose id, name or alias matches `text`, best match first."""
    exact = [
        row["entity_id"]
        for row in conn.execute(
            "SELECT a.entity_id, COUNT(m.id) AS n FROM aliases a"
            " LEFT JOIN mentions m ON m.entity_id = a.entity_id"
            " WHERE a.fold = ? OR a.entity_id = ? GROUP BY a.entity_id ORDER BY n DESC",
            (fold_key(text), text),
        )
    ]
    if exact:
        return exact
    pattern = f"%{text.lower()}%"
    return [
        row["entity_id"]
        for row in conn.execute(
            "SELECT a.entity_id, COUNT(m.id) AS n FROM aliases a"
            " LEFT JOIN mentions m ON m.entity_id = a.entity_id"
            " WHERE lower(a.alias) LIKE ? GROUP BY a.entity_id ORDER BY n DESC",
            (pattern,),
        )
    ]


def alias_matches(conn: sqlite3.Connection, fold: str) -> list[dict[str, Any]]:
    """Aliases whose folded key is `fold`, with their entity's name, type, curation and
    mention count."""
    return _rows(
        conn,
        "SELECT a.alias, a.entity_id, e.name, e.type, e.actor_key,"
        " (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions"
        " FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE a.fold = ?",
        (fold,),
    )


def entity_exists(conn: sqlite3.Connection, entity_id: str) -> bool:
    """True when an entity has this id."""
    return conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is not None


def all_aliases(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every (alias, entity) pair with the entity's name, type and mention count."""
    return _rows(
        conn,
        "SELECT a.alias, a.entity_id, e.name, e.type, e.actor_key, COALESCE(n.c, 0) AS mentions"
        " FROM aliases a JOIN entities e ON e.id = a.entity_id LEFT JOIN"
        " (SELECT entity_id, COUNT(*) AS c FROM mentions GROUP BY entity_id) n"
        " ON n.entity_id = e.id",
    )


def relations(conn: sqlite3.Connection, entity_ids: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Relations, optionally those touching any of the given entities, in date order."""
    sql = (
        "SELECT r.*, d.published, s.name AS subject_name, o.name AS object_name"
        " FROM relations r JOIN documents d ON d.id = r.doc_id"
        " JOIN entities s ON s.id = r.subject JOIN entities o ON o.id = r.object"
    )
    params: tuple = ()
    if entity_ids:
        marks = ",".join("?" * len(entity_ids))
        sql += f" WHERE r.subject IN ({marks}) OR r.object IN ({marks})"
        params = entity_ids + entity_ids
    sql += " ORDER BY COALESCE(r.time_start, r.time_as_of, r.time_end, d.published, ''), r.id"
    return _rows(conn, sql, params)


# Only acts told as having taken place are events to timelines, maps and tables; the others
# (planned, negated, demanded, possible) stay stored and the JSON export lists them apart.
_HAPPENED = "ev.modality IN ('asserted', 'reported')"


def events(conn: sqlite3.Connection, happened_only: bool = True) -> list[dict[str, Any]]:
    """Events with their source and target ids, in date order (with `happened_only`, those
    told as having taken place)."""
    rows = _rows(
        conn,
        "SELECT ev.*, d.published, d.outlet, d.url FROM events ev"
        " JOIN documents d ON d.id = ev.doc_id"
        + (f" WHERE {_HAPPENED}" if happened_only else "")
        + " ORDER BY COALESCE(ev.date, d.published, ''), ev.id",
    )
    actors: dict[int, dict[str, list[str]]] = {}
    for row in conn.execute("SELECT event_id, entity_id, role FROM event_actors ORDER BY rowid"):
        actors.setdefault(row["event_id"], {"source": [], "target": []})[row["role"]].append(
            row["entity_id"]
        )
    for row in rows:
        found = actors.get(row["id"], {"source": [], "target": []})
        row["source"], row["target"] = found["source"], found["target"]
    return rows


def quotes(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Quotes with speaker names, in document order."""
    return _rows(
        conn,
        "SELECT q.*, e.name AS speaker_name, d.published FROM quotes q"
        " LEFT JOIN entities e ON e.id = q.speaker JOIN documents d ON d.id = q.doc_id"
        " ORDER BY d.published, q.doc_id, q.start",
    )


def counts(conn: sqlite3.Connection) -> dict[str, Any]:
    """Row counts per table and entities per type."""
    tables = ("documents", "entities", "aliases", "mentions", "relations", "events", "quotes")
    totals: dict[str, Any] = {
        table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables
    }
    totals["by_type"] = {
        row["type"]: row["n"]
        for row in conn.execute("SELECT type, COUNT(*) AS n FROM entities GROUP BY type")
    }
    totals["unverified_documents"] = conn.execute(
        "SELECT COUNT(*) FROM documents WHERE verified = 0"
    ).fetchone()[0]
    return totals


def facts_per_place(conn: sqlite3.Connection) -> dict[str, int]:
    """How many relations and events point at each entity as object or location."""
    found: dict[str, int] = {}
    for row in conn.execute(
        "SELECT object AS id, COUNT(*) AS n FROM relations GROUP BY object"
        " UNION ALL SELECT location AS id, COUNT(*) AS n FROM events"
        " WHERE location IS NOT NULL GROUP BY location"
    ):
        found[row["id"]] = found.get(row["id"], 0) + row["n"]
    return found


def relation_evidence(conn: sqlite3.Connection, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Evidence of the given relations (sentence span, document, outlet, date), by id."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        row["id"]: row
        for row in _rows(
            conn,
            "SELECT r.id, r.doc_id, r.start, r.end, r.text, r.polarity, r.predicate,"
            " d.outlet, d.published, d.url, d.verified FROM relations r"
            f" JOIN documents d ON d.id = r.doc_id WHERE r.id IN ({marks})",
            tuple(sorted(ids)),
        )
    }


def history_intervals(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every derived validity interval, fact by fact, oldest first."""
    return _rows(
        conn,
        "SELECT * FROM history_intervals ORDER BY subject, predicate, object, seq",
    )


def relation_decisions(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The latest analyst decision on each stored relation that has one."""
    return _rows(
        conn,
        "SELECT r.id AS relation, x.kind AS decision, x.why, x.who, x.decided_at"
        " FROM decisions x JOIN relations r ON r.doc_id = x.claim_doc"
        " AND r.start = x.claim_start AND r.end = x.claim_end AND r.predicate = x.claim_predicate"
        " ORDER BY x.id",
    )


def entity(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    """One entity with its mention and document counts."""
    rows = _rows(
        conn,
        "SELECT e.*, (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) AS mention_count,"
        " (SELECT COUNT(DISTINCT m.doc_id) FROM mentions m WHERE m.entity_id = e.id) AS doc_count"
        " FROM entities e WHERE e.id = ?",
        (entity_id,),
    )
    if not rows:
        return None
    row = rows[0]
    row["roles"] = json.loads(row["roles"] or "[]")
    row["geo"] = json.loads(row["geo"]) if row.get("geo") else None
    return row


def entity_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Canonical name of every entity, by id."""
    return {row["id"]: row["name"] for row in conn.execute("SELECT id, name FROM entities")}


def entity_aliases(conn: sqlite3.Connection, entity_id: str) -> list[dict[str, str]]:
    """Aliases of one entity, in insertion order."""
    return _rows(
        conn,
        "SELECT alias, kind FROM aliases WHERE entity_id = ? ORDER BY rowid",
        (entity_id,),
    )


def texts_of(conn: sqlite3.Connection, doc_ids: set[str]) -> dict[str, str]:
    """Cleaned text of the given documents, by id."""
    if not doc_ids:
        return {}
    marks = ",".join("?" * len(doc_ids))
    return {
        row["id"]: row["text"]
        for row in conn.execute(
            f"SELECT id, text FROM documents WHERE id IN ({marks})", tuple(doc_ids)
        )
    }


def events_of(conn: sqlite3.Connection, entity_id: str) -> list[dict[str, Any]]:
    """Events told as having taken place that an entity is a source, target or location of,
    in date order."""
    rows = _rows(
        conn,
        "SELECT ev.*, d.published, d.outlet, d.url FROM events ev"
        " JOIN documents d ON d.id = ev.doc_id"
        f" WHERE {_HAPPENED} AND (ev.id IN (SELECT event_id FROM event_actors"
        " WHERE entity_id = ?) OR ev.location = ?)"
        " ORDER BY COALESCE(ev.date, d.published, ''), ev.id",
        (entity_id, entity_id),
    )
    if not rows:
        return rows
    actors: dict[int, dict[str, list[str]]] = {}
    marks = ",".join("?" * len(rows))
    for row in conn.execute(
        f"SELECT event_id, entity_id, role FROM event_actors WHERE event_id IN ({marks})"
        " ORDER BY rowid",
        tuple(r["id"] for r in rows),
    ):
        actors.setdefault(row["event_id"], {"source": [], "target": []})[row["role"]].append(
            row["entity_id"]
        )
    for row in rows:
        found = actors.get(row["id"], {"source": [], "target": []})
        row["source"], row["target"] = found["source"], found["target"]
    return rows


def quotes_by(conn: sqlite3.Connection, entity_id: str) -> list[dict[str, Any]]:
    """Quotes an entity is the speaker of, in document order."""
    return _rows(
        conn,
        "SELECT q.*, d.published FROM quotes q JOIN documents d ON d.id = q.doc_id"
        " WHERE q.speaker = ? ORDER BY d.published, q.doc_id, q.start",
        (entity_id,),
    )


def documents_by_id(conn: sqlite3.Connection, doc_ids: set[str]) -> list[dict[str, Any]]:
    """Metadata (no text) of the given documents."""
    if not doc_ids:
        return []
    marks = ",".join("?" * len(doc_ids))
    return _rows(
        conn,
        "SELECT id, file, url, outlet, title, published, language, author, verified"
        f" FROM documents WHERE id IN ({marks})",
        tuple(doc_ids),
    )


def quotes_mentioning(conn: sqlite3.Connection, entity_id: str) -> list[dict[str, Any]]:
    """Quotes whose quoted words mention an entity (quotes about it)."""
    return _rows(
        conn,
        "SELECT DISTINCT q.*, d.published FROM quotes q JOIN documents d ON d.id = q.doc_id"
        " JOIN mentions m ON m.doc_id = q.doc_id AND m.start >= q.start AND m.end <= q.end"
        " WHERE m.entity_id = ? ORDER BY d.published, q.doc_id, q.start",
        (entity_id,),
    )


def history_intervals_of(conn: sqlite3.Connection, entity_id: str) -> list[dict[str, Any]]:
    """Validity intervals of the facts an entity is subject or object of."""
    return _rows(
        conn,
        "SELECT h.*, s.name AS subject_name, o.name AS object_name FROM history_intervals h"
        " JOIN entities s ON s.id = h.subject JOIN entities o ON o.id = h.object"
        " WHERE h.subject = ? OR h.object = ? ORDER BY COALESCE(h.from_day, ''), h.predicate",
        (entity_id, entity_id),
    )


def mention_counts(conn: sqlite3.Connection, entity_ids: set[str]) -> dict[str, int]:
    """How many mentions each of the given entities has."""
    if not entity_ids:
        return {}
    marks = ",".join("?" * len(entity_ids))
    return {
        row["entity_id"]: row["n"]
        for row in conn.execute(
            f"SELECT entity_id, COUNT(*) AS n FROM mentions WHERE entity_id IN ({marks})"
            " GROUP BY entity_id",
            tuple(entity_ids),
        )
    }


def date_range(conn: sqlite3.Connection) -> dict[str, str | None]:
    """Earliest and latest dated fact (valid time of histories, event dates, publication)."""
    row = conn.execute(
        "SELECT MIN(d) AS first, MAX(d) AS last FROM ("
        " SELECT substr(valid_from, 1, 7) AS d FROM history_intervals WHERE valid_from IS NOT NULL"
        " UNION ALL SELECT substr(valid_to, 1, 7) FROM history_intervals WHERE valid_to IS NOT NULL"
        " UNION ALL SELECT substr(date, 1, 7) FROM events WHERE date IS NOT NULL"
        " UNION ALL SELECT substr(published, 1, 7) FROM documents WHERE published IS NOT NULL)"
    ).fetchone()

    def month(value: str | None) -> str | None:
        return value if value is None or len(value) >= 7 else f"{value}-01"

    return {"first": month(row["first"]), "last": month(row["last"])}


def mention_ids(
    conn: sqlite3.Connection, entity_id: str, doc_prefix: str, start: int | None = None
) -> list[int]:
    """Ids of an entity's mentions in the document whose id starts with `doc_prefix`
    (as `factionmap actor` prints it), all of them or the one starting at `start`."""
    sql = "SELECT id FROM mentions WHERE entity_id = ? AND doc_id LIKE ? ESCAPE '\\'"
    prefix = doc_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params: tuple = (entity_id, prefix + "%")
    if start is not None:
        sql += " AND start = ?"
        params += (start,)
    return [row["id"] for row in conn.execute(sql + " ORDER BY doc_id, start", params)]


def mentions_by_id(conn: sqlite3.Connection, ids: list[int]) -> list[dict[str, Any]]:
    """The given mentions (entity, document, span, text)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return _rows(
        conn,
        f"SELECT id, entity_id, doc_id, start, end, text FROM mentions WHERE id IN ({marks})",
        tuple(ids),
    )


def decisions(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every analyst decision, oldest first, with subjects and value decoded."""
    rows = _rows(conn, "SELECT * FROM decisions ORDER BY id")
    for row in rows:
        row["subjects"] = json.loads(row["subjects"])
        row["value"] = json.loads(row["value"]) if row["value"] else None
    return rows


def first_mention(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    """An entity's first mention in document order."""
    rows = _rows(
        conn,
        "SELECT doc_id, start, end, text FROM mentions WHERE entity_id = ?"
        " ORDER BY doc_id, start LIMIT 1",
        (entity_id,),
    )
    return rows[0] if rows else None


def document_neighbours(conn: sqlite3.Connection, entity_ids: set[str]) -> dict[str, set[str]]:
    """Per given entity, the other entities named in the documents it is named in."""
    if not entity_ids:
        return {}
    docs_of: dict[str, set[str]] = {}
    members: dict[str, set[str]] = {}
    for row in conn.execute("SELECT DISTINCT doc_id, entity_id FROM mentions"):
        members.setdefault(row["doc_id"], set()).add(row["entity_id"])
        if row["entity_id"] in entity_ids:
            docs_of.setdefault(row["entity_id"], set()).add(row["doc_id"])
    return {e: set().union(*(members[d] for d in docs)) - {e} for e, docs in docs_of.items()}


def lowercase_uses(
    conn: sqlite3.Connection, names: dict[str, str], documents: int = 5
) -> dict[str, int]:
    """Per entity id, how often its (one-word) name is written in lower case in the first
    `documents` documents it is named in: "state", "coalition", "briton" as plain words."""
    found: dict[str, int] = {}
    for entity_id, name in names.items():
        word = name.lower()
        if not word.isalpha():
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
        rows = conn.execute(
            "SELECT d.text FROM documents d WHERE d.id IN (SELECT DISTINCT doc_id FROM mentions"
            " WHERE entity_id = ? LIMIT ?)",
            (entity_id, documents),
        )
        count = sum(len(pattern.findall(row["text"])) for row in rows)
        if count:
            found[entity_id] = count
    return found


def relation_ends(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Subject, predicate and object of every relation."""
    return _rows(conn, "SELECT subject, predicate, object FROM relations")
