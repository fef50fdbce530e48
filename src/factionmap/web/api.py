"""The JSON API under /api/: thin routes over the query layer and the store's reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import Response

from factionmap.errors import FactionmapError
from factionmap.history.periods import holds_at, parse_prefix
from factionmap.query import graph as graphs
from factionmap.query.profiles import sentence_around
from factionmap.store import reads
from factionmap.store.db import connect

router = APIRouter(prefix="/api")
MEMBERSHIP = ("member_of", "part_of", "leader_of", "founder_of", "backed_by", "allied_with")


def database(request: Request) -> Iterator[sqlite3.Connection]:
    """One connection per request to the server's knowledge base."""
    with closing(connect(request.app.state.db, shared_across_threads=True)) as conn:
        yield conn


Db = Annotated[sqlite3.Connection, Depends(database)]


def _date(value: str | None, name: str) -> str | None:
    if value is not None and parse_prefix(value) is None:
        raise HTTPException(422, f"{name}: invalid date {value!r}; use 2021, 2021-09 or 2021-09-14")
    return value


def _entity_or_404(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any]:
    entity = reads.entity(conn, entity_id)
    if entity is None:
        raise HTTPException(404, f"no actor with id {entity_id!r}")
    return entity


def _actor_id(conn: sqlite3.Connection, name: str) -> str:
    """The id of the actor a name, alias or id denotes (the focus and actor filters take
    what an analyst types), else 404 with the CLI's message (ambiguous, did you mean)."""
    from factionmap.query.profiles import resolve_actor

    try:
        return resolve_actor(conn, name)
    except FactionmapError as exc:
        raise HTTPException(404, str(exc)) from None


def _cite(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the sentence their span sits in and the source article's details."""
    texts = reads.texts_of(conn, {r["doc_id"] for r in rows})
    docs = {d["id"]: d for d in reads.documents_by_id(conn, {r["doc_id"] for r in rows})}
    cited = []
    for row in rows:
        text = texts.get(row["doc_id"], "")
        doc = docs.get(row["doc_id"], {})
        cited.append(
            {
                **row,
                "sentence": sentence_around(text, row["start"], row["end"]),
                "outlet": doc.get("outlet"),
                "url": doc.get("url"),
                "published": doc.get("published"),
                "title": doc.get("title"),
            }
        )
    return cited


@router.get("/actors")
def actors(
    conn: Db, q: str | None = None, type: str | None = None, limit: int = Query(200, le=5000)
) -> list[dict[str, Any]]:
    """Actors, most mentioned first; `q` matches any alias or spelling."""
    rows = reads.entities(conn, type)
    if q:
        wanted = reads.find_entities(conn, q)
        order = {entity_id: n for n, entity_id in enumerate(wanted)}
        rows = sorted((r for r in rows if r["id"] in order), key=lambda r: order[r["id"]])
    names = reads.aliases(conn)
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "type": r["type"],
            "subtype": r["subtype"],
            "mentions": r["mention_count"],
            "documents": r["doc_count"],
            "aliases": [a["alias"] for a in names.get(r["id"], []) if a["alias"] != r["name"]],
        }  # fmt: skip
        for r in rows[:limit]
    ]


@router.get("/actor/{entity_id}")
def actor(conn: Db, entity_id: str) -> dict[str, Any]:
    """One actor: names, roles, affiliation timeline, relations, events, quotes, with evidence."""
    entity = _entity_or_404(conn, entity_id)
    grades = _grades(conn)
    relations = [
        {**r, "grade": grades.get(r["id"])}
        for r in _cite(conn, reads.relations(conn, (entity_id,)))
    ]
    mentions = reads.mentions(conn, entity_id)
    quotes_about = reads.quotes_mentioning(conn, entity_id)
    return {
        "entity": entity,
        "aliases": reads.entity_aliases(conn, entity_id),
        "timeline": [
            row
            for row in reads.history_intervals_of(conn, entity_id)
            if row["predicate"] in MEMBERSHIP or row["predicate"] == "controls"
        ],  # fmt: skip
        "relations": relations,
        "events": _cite(conn, reads.events_of(conn, entity_id)),
        "quotes_by": _cite(conn, reads.quotes_by(conn, entity_id)),
        "quotes_about": _cite(conn, quotes_about),
        "mentions": _cite(conn, mentions[:40]),
        "mention_count": len(mentions),
    }


def _grades(conn: sqlite3.Connection) -> dict[int, str]:
    from factionmap.export.json_export import relation_grades

    return {rel: item["grade"] for rel, item in relation_grades(conn).items() if "grade" in item}


@router.get("/relations")
def relations(conn: Db, a: str, b: str) -> dict[str, Any]:
    """Everything between two actors (ids), in date order."""
    _entity_or_404(conn, a), _entity_or_404(conn, b)
    rows = [r for r in reads.relations(conn, (a,)) if {r["subject"], r["object"]} == {a, b}]
    events = [ev for ev in reads.events_of(conn, a) if b in ev["source"] or b in ev["target"]]
    return {"relations": _cite(conn, rows), "events": _cite(conn, events)}


@router.get("/events")
def events(
    conn: Db, type: str | None = None, actor: str | None = None, since: str | None = None,
    limit: int = Query(500, le=10000),
) -> list[dict[str, Any]]:  # fmt: skip
    """Events by date (the timeline), filtered by PLOVER type, actor id and start date."""
    _date(since, "since")
    rows = reads.events_of(conn, _actor_id(conn, actor)) if actor else reads.events(conn)
    if type:
        rows = [ev for ev in rows if ev["type"] == type.upper()]
    if since:
        rows = [ev for ev in rows if ev["date"] and ev["date"] >= since]
    return _cite(conn, rows[-limit:])


@router.get("/quotes")
def quotes(conn: Db, speaker: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
    """Quotes, optionally by one speaker id or containing some words."""
    rows = reads.quotes_by(conn, speaker) if speaker else reads.quotes(conn)
    if q:
        rows = [row for row in rows if q.lower() in row["text"].lower()]
    return _cite(conn, rows[:500])


@router.get("/graph")
def graph(
    conn: Db,
    as_of: str,
    around: str | None = None,
    depth: int = Query(2, ge=1, le=6),
    predicate: Annotated[list[str] | None, Query()] = None,
    type: Annotated[list[str] | None, Query()] = None,
    max_credibility: int = Query(6, ge=1, le=6),
    min_reliability: str = Query("F", pattern="^[A-F]$"),
    limit: int = Query(300, ge=1, le=20000),
) -> dict[str, Any]:
    """The network valid at `as_of`: nodes sized by mentions, edges with interval and grade;
    `max_credibility` (1-6) and `min_reliability` (A-F: of the most reliable outlet asserting
    the fact) keep the better graded; past `limit` edges, the best-corroborated facts between
    the most-mentioned actors."""
    _date(as_of, "as_of")
    if around:
        around = _actor_id(conn, around)
    network = graphs.as_of_graph(conn, as_of, around, depth)
    edges = [
        e for e in network.edges
        if (not predicate or e.predicate in predicate) and e.credibility <= max_credibility
    ]  # fmt: skip
    if min_reliability != "F":
        letters = _best_reliability(conn)
        edges = [e for e in edges if _reliability_of(e, letters) <= min_reliability]
    counts = reads.mention_counts(conn, {n["id"] for n in network.nodes})
    allowed = {n["id"] for n in network.nodes if not type or n["type"] in type}
    edges = [e for e in edges if e.subject in allowed and e.object in allowed]
    total = len(edges)
    if total > limit:
        edges = sorted(
            edges,
            key=lambda e: (-e.sources, e.credibility,
                           -min(counts.get(e.subject, 0), counts.get(e.object, 0))),
        )[:limit]  # fmt: skip
    kept = {e.subject for e in edges} | {e.object for e in edges} | ({around} if around else set())
    nodes = [{**n, "mentions": counts.get(n["id"], 0)} for n in network.nodes if n["id"] in kept]
    return {
        "as_of": as_of,
        "total_edges": total,
        "undated": graphs.undated_facts(conn),
        "nodes": nodes,
        "edges": [
            {
                "subject": e.subject,
                "predicate": e.predicate,
                "object": e.object,
                "valid_from": e.valid_from,
                "valid_to": e.valid_to,
                "via": e.via,
                "credibility": e.credibility,
                "sources": e.sources,
                "contested": e.denials > 0,
                "evidence": e.start_relation or e.end_relation,
            }  # fmt: skip
            for e in edges
        ],
    }


def _best_reliability(conn: sqlite3.Connection) -> dict[tuple[str, str, str], str]:
    """Per fact, the reliability letter of the most reliable outlet asserting it."""
    from factionmap.history.grades import load_outlets
    from factionmap.store.history import claims

    outlets = load_outlets()
    return {
        key: min(outlets.reliability(a.outlet, a.verified) for a in asserted)
        for key, facts in claims(conn).items()
        if (asserted := [a for a in facts if a.polarity == "asserted"])
    }


def _reliability_of(edge: graphs.Edge, letters: dict[tuple[str, str, str], str]) -> str:
    from factionmap.history.intervals import history_key

    if edge.via:  # carried along a merger: the membership it carries
        merged = edge.via.split(": ", 1)[1]
        found = [letters.get((edge.subject, p, merged), "F") for p in graphs.CARRIED_AS]
        return min(found)
    return letters.get(history_key(edge.subject, edge.predicate, edge.object), "F")


@router.get("/places")
def places(conn: Db, as_of: str | None = None) -> list[dict[str, Any]]:
    """Located places with their controllers as of a date, and located events."""
    _date(as_of, "as_of")
    controllers: dict[str, list[str]] = {}
    for row in reads.history_intervals(conn):
        if row["predicate"] == "controls" and (
            as_of is None or holds_at(row["valid_from"], row["valid_to"], as_of)
        ):
            controllers.setdefault(row["object"], []).append(row["subject"])
    names = reads.entity_names(conn)
    found = []
    for row in reads.entities(conn, "LOCATION"):
        if not row["geo"]:
            continue
        held = controllers.get(row["id"], [])
        found.append(
            {
                "id": row["id"],
                "name": row["name"],
                "lat": row["geo"]["lat"],
                "lon": row["geo"]["lon"],
                "precision": row["geo"].get("precision"),
                "mentions": row["mention_count"],
                "controllers": [{"id": c, "name": names.get(c, c)} for c in held],
            }  # fmt: skip
        )
    return found


@router.get("/search")
def search(conn: Db, q: str) -> dict[str, Any]:
    """Actors (any alias, any spelling), places and quotes matching `q`."""
    found = actors(conn, q=q, type=None, limit=50)
    return {
        "actors": [a for a in found if a["type"] != "LOCATION"],
        "places": [a for a in found if a["type"] == "LOCATION"],
        "quotes": quotes(conn, speaker=None, q=q)[:50],
    }


@router.get("/conflicts")
def conflicts(conn: Db) -> list[dict[str, Any]]:
    """Competing claims with the relations on each side (the review page)."""
    rows = graphs.conflicts(conn)
    evidence = reads.relation_evidence(conn, {r for c in rows for r in c.relations})
    return [
        {
            "kind": c.kind,
            "facts": [list(f) for f in c.facts],
            "period": c.period,
            "claims": [evidence[r] for r in c.relations if r in evidence],
        }  # fmt: skip
        for c in rows
    ]


@router.get("/review")
def review(conn: Db, limit: int = Query(50, ge=1, le=1000)) -> dict[str, Any]:
    """What `factionmap review` lists: merge candidates and suspicious entities, with evidence."""
    from factionmap.resolve.review import merge_candidates, suspicious_entities

    return {
        "candidates": [
            {"score": c.score, "first": c.first.as_dict(), "second": c.second.as_dict(),
             "reasons": list(c.reasons)}
            for c in merge_candidates(conn)[:limit]
        ],
        "suspicious": [
            {"entity": s.entity.as_dict(), "reasons": list(s.reasons)}
            for s in suspicious_entities(conn)[:limit]
        ],
    }  # fmt: skip


@router.get("/decisions")
def decisions(conn: Db) -> list[dict[str, Any]]:
    """Every analyst decision, oldest first, with what it holds for now and the sentences it
    rests on."""
    from factionmap.store.decisions import describe_all

    found = describe_all(conn)
    texts = reads.texts_of(conn, {e["doc"] for d in found for e in d["evidence"]})
    for d in found:
        d.pop("subjects")  # anchors: for re-applying, not for reading
        d["evidence"] = [
            {**e, "sentence": sentence_around(texts[e["doc"]], e["start"], e["end"])}
            for e in d["evidence"][:6]
            if e["doc"] in texts
        ]
    return found


@router.post("/decisions")
def decide(
    request: Request, conn: Db, decision: str,
    relation: int | None = None,
    entity: Annotated[list[str] | None, Query()] = None,
    value: str | None = None,
    mentions: Annotated[list[int] | None, Query()] = None,
    why: str | None = None, who: str | None = None,
    x_factionmap_token: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:  # fmt: skip
    """Take a decision from the page, stored exactly as the CLI stores it (needs
    --allow-edits and the token): reject/confirm a `relation`; merge two `entity` ids, or say
    they are not the same (not_same); split
    `mentions` off an `entity` (`value`: the new name); rename (`value`: name) or retype
    (`value`: TYPE or TYPE/subtype) an `entity`."""
    from factionmap.records import ENTITY_TYPES
    from factionmap.store import decisions as store

    if not request.app.state.allow_edits:
        raise HTTPException(403, "edits are off; start the server with --allow-edits")
    if x_factionmap_token != request.app.state.token:
        raise HTTPException(403, "missing or wrong X-Factionmap-Token")
    if decision not in store.ENTITY_KINDS + store.CLAIM_KINDS:
        raise HTTPException(
            422, f"decision must be one of {', '.join(store.ENTITY_KINDS + store.CLAIM_KINDS)}"
        )
    if decision in store.NEEDS_WHY and not (why or "").strip():
        raise HTTPException(422, f"a {decision} needs a reason (why)")
    analyst = (who or "").strip() or store.default_analyst()
    if decision in store.CLAIM_KINDS:
        if relation is None:
            raise HTTPException(422, f"a {decision} needs a relation id")
        row = store.decide_claim(conn, relation, decision, why, analyst)
        if row is None:
            raise HTTPException(404, f"no relation with id {relation}")
        return {"relation": relation, "decision": decision}
    ids = entity or []
    for entity_id in ids:
        _entity_or_404(conn, entity_id)
    pair = decision in ("merge", "not_same")
    if len(ids) != (2 if pair else 1) or len(set(ids)) != len(ids):
        raise HTTPException(
            422, f"a {decision} names {'two different' if pair else 'one'} entity ids"
        )
    if decision == "merge":
        try:
            taken, survivor = store.merge(conn, ids[0], ids[1], analyst, (why or "").strip())
        except store.KeptApart as exc:
            raise HTTPException(409, str(exc)) from None
        return {"decision": taken.id, "kind": "merge", "entity": survivor}
    if decision == "not_same":
        taken = store.not_same(conn, ids[0], ids[1], analyst, (why or "").strip())
        return {"decision": taken.id, "kind": "not_same", "entity": ids[0]}
    if decision == "split":
        own = {
            m["id"] for m in reads.mentions_by_id(conn, mentions or []) if m["entity_id"] == ids[0]
        }
        if not own or own != set(mentions or []):
            raise HTTPException(422, "a split names mention ids of the entity")
        if len(own) >= _entity_or_404(conn, ids[0])["mention_count"]:
            raise HTTPException(422, "that is every mention of the entity; rename or retype it")
        taken = store.split(conn, ids[0], sorted(own), value, analyst, (why or "").strip())
        return {"decision": taken.id, "kind": "split", "entity": (taken.value or {})["id"]}
    if not (value or "").strip():
        raise HTTPException(422, f"a {decision} needs a value")
    assert value is not None
    if decision == "rename":
        taken = store.rename(conn, ids[0], value.strip(), analyst, why)
    else:
        kind, _, subtype = value.partition("/")
        if kind.upper() not in ENTITY_TYPES:
            raise HTTPException(422, "type must be PERSON, ORG or LOCATION (or ORG/subtype)")
        taken = store.retype(conn, ids[0], kind.upper(), subtype.strip() or None, analyst, why)
    return {"decision": taken.id, "kind": decision, "entity": ids[0]}


@router.get("/range")
def date_range(conn: Db) -> dict[str, str | None]:
    """The earliest and latest month the knowledge base has facts for (the time slider)."""
    return reads.date_range(conn)


@router.get("/document/{doc_id}")
def document(conn: Db, doc_id: str) -> dict[str, Any]:
    """A source article's cleaned text and metadata (offsets of all evidence refer to it)."""
    docs = reads.documents_by_id(conn, {doc_id})
    if not docs:
        raise HTTPException(404, f"no document {doc_id!r}")
    return {**docs[0], "text": reads.texts_of(conn, {doc_id})[doc_id]}


@router.get("/export/{fmt}")
def export(request: Request, fmt: str) -> Response:
    """The knowledge base in one of the export formats, as a download."""
    import tempfile

    from factionmap.export.registry import exporter

    try:
        write = exporter(fmt)
    except FactionmapError as exc:
        raise HTTPException(404, str(exc)) from None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"factionmap.{fmt}"
        with closing(connect(request.app.state.db)) as conn:
            write(conn, target)
        data = target.read_bytes()
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="factionmap.{fmt}"'},
    )
