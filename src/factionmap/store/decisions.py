"""The analyst's decisions: stored once, then re-applied to the derived store after every write.

Modelled on nomenklatura's judgements: a decision names what it is about, carries who took
it, when and why, and is never derived from the articles. Entities are derived, so an entity
decision names its entities by id and by *anchors*, spans of their mentions: after a
re-extraction has renumbered the entities, the entity holding an anchor is the one meant.
Applying a decision that already holds changes nothing, so they can all be re-applied after
every ingest and after a full re-extraction.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from factionmap.resolve.names import fold_key, slug
from factionmap.store.db import transaction
from factionmap.store.history import refresh_histories

ENTITY_KINDS = ("merge", "split", "rename", "retype", "not_same")
CLAIM_KINDS = ("reject", "confirm")
NEEDS_WHY = ("merge", "split", "not_same", "reject")
ENTITY_TYPES = ("PERSON", "ORG", "LOCATION")
_ANCHORS = 60  # enough spread over documents to find an entity again, small enough to store


class KeptApart(ValueError):
    """A merge of two entities an analyst has said are different actors."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One stored decision, as read back."""

    id: int
    kind: str
    subjects: list[dict[str, Any]]
    value: dict[str, Any] | None
    who: str
    decided_at: str
    why: str | None


@dataclass(slots=True)
class Applied:
    """What one pass of `apply_decisions` did."""

    changed: list[int]  # decisions that changed the store in this pass
    unresolved: list[int]  # entity decisions none of whose entities is in the store now


def default_analyst() -> str:
    """Who takes a decision when nobody says: the operating-system user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        return "analyst"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _decision(row: sqlite3.Row) -> Decision:
    return Decision(
        id=row["id"],
        kind=row["kind"],
        subjects=json.loads(row["subjects"]),
        value=json.loads(row["value"]) if row["value"] else None,
        who=row["who"],
        decided_at=row["decided_at"],
        why=row["why"],
    )


def all_decisions(conn: sqlite3.Connection) -> list[Decision]:
    """Every decision, in the order taken."""
    return [_decision(r) for r in conn.execute("SELECT * FROM decisions ORDER BY id")]


def _anchors(conn: sqlite3.Connection, entity_id: str) -> list[list[Any]]:
    """Spans of an entity's mentions, the first of every document before second ones."""
    rows = conn.execute(
        "SELECT doc_id, start, end FROM mentions WHERE entity_id = ? ORDER BY doc_id, start",
        (entity_id,),
    ).fetchall()
    seen: set[str] = set()
    first: list[list[Any]] = []
    rest: list[list[Any]] = []
    for r in rows:
        (rest if r["doc_id"] in seen else first).append([r["doc_id"], r["start"], r["end"]])
        seen.add(r["doc_id"])
    return (first + rest)[:_ANCHORS]


def entity_subject(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    """How a decision names an entity that is in the store now; None if there is none."""
    row = conn.execute(
        "SELECT id, name, type, actor_key FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if row is None:
        return None
    return {**dict(row), "anchors": _anchors(conn, entity_id)}


def locate(conn: sqlite3.Connection, subject: dict[str, Any]) -> str | None:
    """The entity a decision's subject is now: the one holding most of its anchors (its own id
    breaks a tie), else the entity still under its id, else None."""
    hits: Counter[str] = Counter()
    for doc, start, end in subject.get("anchors", []):
        for row in conn.execute(
            "SELECT entity_id FROM mentions WHERE doc_id = ? AND start < ? AND end > ?",
            (doc, end, start),
        ):
            hits[row["entity_id"]] += 1
    if hits:
        best = max(hits.values())
        tied = sorted(e for e, n in hits.items() if n == best)
        return subject["id"] if subject["id"] in tied else tied[0]
    found = conn.execute("SELECT 1 FROM entities WHERE id = ?", (subject["id"],)).fetchone()
    return subject["id"] if found else None


def _insert(
    conn: sqlite3.Connection,
    kind: str,
    subjects: list[dict[str, Any]],
    value: dict[str, Any] | None,
    who: str,
    why: str | None,
    claim: tuple[str, int, int, str] | None = None,
) -> int:
    if kind in NEEDS_WHY and not (why or "").strip():
        raise ValueError(f"a {kind} decision needs a reason (--why)")
    cursor = conn.execute(
        "INSERT INTO decisions (kind, subjects, value, who, decided_at, why, claim_doc,"
        " claim_start, claim_end, claim_predicate) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            kind,
            json.dumps(subjects, ensure_ascii=False),
            json.dumps(value, ensure_ascii=False) if value is not None else None,
            who,
            _now(),
            why,
            *(claim or (None, None, None, None)),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _take(
    conn: sqlite3.Connection,
    kind: str,
    subjects: list[dict[str, Any]],
    value: dict[str, Any] | None,
    who: str,
    why: str | None,
) -> Decision:
    """Store an entity decision and apply it, in one transaction."""
    with transaction(conn):
        number = _insert(conn, kind, subjects, value, who, why)
        decision = _decision(
            conn.execute("SELECT * FROM decisions WHERE id = ?", (number,)).fetchone()
        )
        _apply(conn, decision)
    return decision


def merge(
    conn: sqlite3.Connection, keep: str, other: str, who: str, why: str
) -> tuple[Decision, str]:
    """Decide that two stored entities are one actor; returns the decision and the id that
    holds them both (the curated one when only one is curated, else `keep`)."""
    first, second = entity_subject(conn, keep), entity_subject(conn, other)
    assert first is not None and second is not None, "callers check that both exist"
    for earlier, a, b in kept_apart(conn):
        if {a, b} == {keep, other}:
            raise KeptApart(
                f"decision #{earlier.id} says they are different actors ({earlier.why})"
            )
    decision = _take(conn, "merge", [first, second], None, who, why)
    survivor = locate(conn, first)
    assert survivor is not None
    return decision, survivor


def not_same(conn: sqlite3.Connection, first: str, second: str, who: str, why: str) -> Decision:
    """Decide that two stored entities are different actors: no later ingest, re-extraction
    or merge decision joins them, and review stops offering the pair. Each side keeps the
    names it held apart from the other's, which later documents' names are weighed against."""
    subjects = []
    for entity_id in (first, second):
        subject = entity_subject(conn, entity_id)
        assert subject is not None, "callers check that both exist"
        subject["names"] = [
            r["alias"]
            for r in conn.execute(
                "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY rowid", (entity_id,)
            )
        ]
        subjects.append(subject)
    return _take(conn, "not_same", subjects, None, who, why)


def kept_apart(conn: sqlite3.Connection) -> list[tuple[Decision, str, str]]:
    """Every not-same decision with the two entities it is about now (when both are found)."""
    found = []
    for decision in all_decisions(conn):
        if decision.kind != "not_same":
            continue
        first, second = (locate(conn, s) for s in decision.subjects)
        if first and second:
            found.append((decision, first, second))
    return found


def own_names(decision: Decision) -> tuple[set[str], set[str]]:
    """The folded names each side of a not-same decision held that the other did not."""
    first, second = ({fold_key(n) for n in s.get("names", [s["name"]])} for s in decision.subjects)
    return first - second, second - first


def _split_id(conn: sqlite3.Connection, entity_type: str, name: str) -> str:
    # "_s" never ends an id the resolver makes (those end in a slug or a number), so a
    # split-off entity cannot meet a namesake when the store is re-extracted.
    base = f"{entity_type.lower()[:3]}_{slug(name)}_s"
    number = 1
    while conn.execute(
        "SELECT 1 FROM entities WHERE id = ? UNION ALL SELECT 1 FROM decisions"
        " WHERE kind = 'split' AND json_extract(value, '$.id') = ?",
        (f"{base}{number}", f"{base}{number}"),
    ).fetchone():
        number += 1
    return f"{base}{number}"


def split(
    conn: sqlite3.Connection,
    entity_id: str,
    mention_ids: Iterable[int],
    name: str | None,
    who: str,
    why: str,
) -> Decision:
    """Decide that some mentions of an entity are another actor: they move to a new entity
    (named `name`, else by the first moved mention's text) with the facts that rest on them."""
    source = entity_subject(conn, entity_id)
    assert source is not None, "callers check that the entity exists"
    ids = list(mention_ids)
    rows = conn.execute(
        "SELECT doc_id, start, end, text FROM mentions WHERE entity_id = ?"
        f" AND id IN ({','.join('?' * len(ids))}) ORDER BY doc_id, start",
        (entity_id, *ids),
    ).fetchall()
    assert rows, "callers check that the mentions belong to the entity"
    moved = [[r["doc_id"], r["start"], r["end"]] for r in rows]
    moved_keys = {tuple(m) for m in moved}
    source["anchors"] = [a for a in source["anchors"] if tuple(a) not in moved_keys]
    row = conn.execute("SELECT type, subtype FROM entities WHERE id = ?", (entity_id,)).fetchone()
    new_name = name or rows[0]["text"]
    value = {
        "id": _split_id(conn, row["type"], new_name),
        "name": new_name,
        "type": row["type"],
        "subtype": row["subtype"],
        "mentions": moved,
    }
    return _take(conn, "split", [source], value, who, why)


def rename(
    conn: sqlite3.Connection, entity_id: str, name: str, who: str, why: str | None
) -> Decision:
    """Decide an entity's canonical name; the old name stays an alias."""
    subject = entity_subject(conn, entity_id)
    assert subject is not None, "callers check that the entity exists"
    return _take(conn, "rename", [subject], {"name": name}, who, why)


def retype(
    conn: sqlite3.Connection,
    entity_id: str,
    entity_type: str,
    subtype: str | None,
    who: str,
    why: str | None,
) -> Decision:
    """Decide an entity's type (PERSON, ORG, LOCATION) and subtype."""
    subject = entity_subject(conn, entity_id)
    assert subject is not None, "callers check that the entity exists"
    return _take(conn, "retype", [subject], {"type": entity_type, "subtype": subtype}, who, why)


def decide_claim(
    conn: sqlite3.Connection, relation_id: int, decision: str, why: str | None, who: str
) -> dict | None:
    """Store an analyst's reject/confirm of one stored relation; None if no such relation.
    Keyed by where the claim rests, so it holds for the claim after any re-extraction."""
    row = conn.execute(
        "SELECT subject, predicate, object, doc_id, start, end FROM relations WHERE id = ?",
        (relation_id,),
    ).fetchone()
    if row is None:
        return None
    claim = (row["doc_id"], row["start"], row["end"], row["predicate"])
    subject = dict(zip(("doc", "start", "end", "predicate"), claim, strict=True))
    with transaction(conn):
        _insert(conn, decision, [subject], None, who, why, claim)
        refresh_histories(conn, [(row["subject"], row["predicate"], row["object"])])
    return dict(row)


def apply_decisions(conn: sqlite3.Connection) -> Applied:
    """Re-apply every entity decision, in the order taken, in one transaction (after an
    ingest or a re-extraction). Claim decisions need no pass: the overlay is read live."""
    applied = Applied([], [])
    decisions = [d for d in all_decisions(conn) if d.kind in ENTITY_KINDS]
    if not decisions:
        return applied
    with transaction(conn):
        for decision in decisions:
            outcome = _apply(conn, decision)
            if outcome is None:
                applied.unresolved.append(decision.id)
            elif outcome:
                applied.changed.append(decision.id)
    return applied


def _apply(conn: sqlite3.Connection, decision: Decision) -> bool | None:
    """Make the store agree with one decision: True if that changed it, False if it already
    agreed, None if the entities it names are not in the store."""
    value = decision.value or {}
    if decision.kind == "merge":
        return _apply_merge(conn, decision.subjects)
    if decision.kind == "split":
        return _apply_split(conn, decision.subjects[0], value)
    if decision.kind == "not_same":
        return _apply_not_same(conn, decision)
    target = locate(conn, decision.subjects[0])
    if target is None:
        return None
    if decision.kind == "rename":
        return _rename(conn, target, value["name"])
    if decision.kind == "retype":
        return _retype(conn, target, value["type"], value.get("subtype"))
    raise ValueError(f"not an entity decision: {decision.kind}")


def _apply_merge(conn: sqlite3.Connection, subjects: list[dict[str, Any]]) -> bool | None:
    located = [locate(conn, s) for s in subjects]
    # A curated actor re-created under its own key by a later document is the same actor.
    located += [
        s["id"]
        for s in subjects
        if s.get("actor_key")
        and conn.execute("SELECT 1 FROM entities WHERE id = ?", (s["id"],)).fetchone()
    ]
    ids = list(dict.fromkeys(e for e in located if e))
    if not ids:
        return None
    curated = [
        e
        for e in ids
        if conn.execute("SELECT actor_key FROM entities WHERE id = ?", (e,)).fetchone()[0]
    ]
    survivor = curated[0] if len(curated) == 1 else ids[0]
    # "Never the same" outweighs "the same", whichever was decided first.
    apart = {frozenset((a, b)) for _, a, b in kept_apart(conn)}
    changed = False
    for other in ids:
        if other != survivor and frozenset((survivor, other)) not in apart:
            _fold(conn, survivor, other)
            changed = True
    return changed


def _apply_not_same(conn: sqlite3.Connection, decision: Decision) -> bool | None:
    """Two entities said to differ that a re-extraction (or an earlier merge decision) made one
    are parted again: the mentions of the second side's anchors, and every mention of the
    joined entity named only by the second side's own names, move to an entity of its own."""
    first, second = decision.subjects
    first_names, second_names = own_names(decision)
    if second.get("actor_key") and not first.get("actor_key"):
        # The curated side keeps the joined entity; the other one moves out.
        first, second, second_names = second, first, first_names
    at_first, at_second = locate(conn, first), locate(conn, second)
    if at_first is None or at_second is None:
        return None
    if at_first != at_second:
        return False
    anchored = {tuple(a) for a in second["anchors"]}
    moving = [
        [r["doc_id"], r["start"], r["end"]]
        for r in conn.execute(
            "SELECT doc_id, start, end, text FROM mentions WHERE entity_id = ?", (at_first,)
        )
        if (r["doc_id"], r["start"], r["end"]) in anchored or fold_key(r["text"]) in second_names
    ]
    if not moving:
        return False
    joined = conn.execute("SELECT type, subtype FROM entities WHERE id = ?", (at_first,)).fetchone()
    taken = conn.execute("SELECT 1 FROM entities WHERE id = ?", (second["id"],)).fetchone()
    value = {
        "id": _split_id(conn, joined["type"], second["name"]) if taken else second["id"],
        "name": second["name"],
        "type": second.get("type") or joined["type"],
        "subtype": joined["subtype"],
        "mentions": moving,
    }
    return _apply_split(conn, {**second, "anchors": []}, value)


def _fold(conn: sqlite3.Connection, keep: str, gone: str) -> None:
    """Move everything of entity `gone` onto `keep` and delete `gone`."""
    keys = _fact_keys(conn, {keep, gone})
    kept = conn.execute("SELECT * FROM entities WHERE id = ?", (keep,)).fetchone()
    lost = conn.execute("SELECT * FROM entities WHERE id = ?", (gone,)).fetchone()
    roles = json.loads(kept["roles"] or "[]")
    roles += [r for r in json.loads(lost["roles"] or "[]") if r not in roles]
    conn.execute(
        "UPDATE entities SET roles = ?, geo = COALESCE(geo, ?), wikidata = COALESCE(wikidata, ?),"
        " subtype = COALESCE(subtype, ?) WHERE id = ?",
        (json.dumps(roles), lost["geo"], lost["wikidata"], lost["subtype"], keep),
    )
    conn.execute(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, fold, kind) SELECT ?, alias, fold,"
        " CASE kind WHEN 'name' THEN 'alias' ELSE kind END FROM aliases WHERE entity_id = ?"
        " ORDER BY rowid",
        (keep, gone),
    )
    conn.execute("DELETE FROM aliases WHERE entity_id = ?", (gone,))
    conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (keep, gone))
    for table, column in _ENTITY_COLUMNS:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (keep, gone))
    conn.execute(
        "UPDATE OR IGNORE event_actors SET entity_id = ? WHERE entity_id = ?", (keep, gone)
    )
    conn.execute("DELETE FROM event_actors WHERE entity_id = ?", (gone,))
    # "A fought B" is no fact about one actor once A and B are the same.
    conn.execute("DELETE FROM relations WHERE subject = ? AND object = ?", (keep, keep))
    conn.execute("DELETE FROM entities WHERE id = ?", (gone,))
    _refresh(conn, keys | _fact_keys(conn, {keep}))


_ENTITY_COLUMNS = (
    ("relations", "subject"),
    ("relations", "object"),
    ("relations", "attributed_to"),
    ("events", "location"),
    ("events", "attributed_to"),
    ("quotes", "speaker"),
)


def _fact_keys(conn: sqlite3.Connection, ids: set[str]) -> set[tuple[str, str, str]]:
    marks = ",".join("?" * len(ids))
    found = {
        (r["subject"], r["predicate"], r["object"])
        for r in conn.execute(
            f"SELECT subject, predicate, object FROM relations WHERE subject IN ({marks})"
            f" OR object IN ({marks})",
            (*ids, *ids),
        )
    }
    found |= {
        (r["subject"], r["predicate"], r["object"])
        for r in conn.execute(
            f"SELECT subject, predicate, object FROM history_intervals WHERE subject IN ({marks})"
            f" OR object IN ({marks})",
            (*ids, *ids),
        )
    }
    return found


def _refresh(conn: sqlite3.Connection, keys: set[tuple[str, str, str]]) -> None:
    for key in keys:
        conn.execute(
            "DELETE FROM history_intervals WHERE subject = ? AND predicate = ? AND object = ?", key
        )
    refresh_histories(conn, keys)


def _apply_split(
    conn: sqlite3.Connection, source: dict[str, Any], value: dict[str, Any]
) -> bool | None:
    new_id = value["id"]
    moving: list[sqlite3.Row] = []
    for doc, start, end in value["mentions"]:
        moving += conn.execute(
            "SELECT id, entity_id, doc_id, start, end, text FROM mentions"
            " WHERE doc_id = ? AND start < ? AND end > ? AND entity_id != ?",
            (doc, end, start, new_id),
        ).fetchall()
    if not moving:
        exists = conn.execute("SELECT 1 FROM entities WHERE id = ?", (new_id,)).fetchone()
        return False if exists else None
    if not conn.execute("SELECT 1 FROM entities WHERE id = ?", (new_id,)).fetchone():
        conn.execute(
            "INSERT INTO entities (id, name, type, subtype, roles) VALUES (?,?,?,?,'[]')",
            (new_id, value["name"], value["type"], value.get("subtype")),
        )
    names = [(value["name"], "name")] + [(m["text"], "alias") for m in moving]
    conn.executemany(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, fold, kind) VALUES (?,?,?,?)",
        [(new_id, n, fold_key(n), kind) for n, kind in names],
    )
    sources = {m["entity_id"] for m in moving}
    keys = _fact_keys(conn, sources)
    by_doc: dict[tuple[str, str], list[sqlite3.Row]] = {}
    for m in moving:
        by_doc.setdefault((m["doc_id"], m["entity_id"]), []).append(m)
    conn.executemany(
        "UPDATE mentions SET entity_id = ? WHERE id = ?", [(new_id, m["id"]) for m in moving]
    )
    for (doc, old), moved in by_doc.items():
        _move_facts(conn, doc, old, new_id, moved)
    _refresh(conn, keys | _fact_keys(conn, sources | {new_id}))
    return True


def _move_facts(
    conn: sqlite3.Connection, doc: str, old: str, new: str, moved: list[sqlite3.Row]
) -> None:
    """Facts of one document that rest on moved mentions follow them: all of them when the old
    entity has no mention left there, else those whose evidence holds a moved mention and
    none of the old entity's."""
    left = conn.execute(
        "SELECT start, end FROM mentions WHERE doc_id = ? AND entity_id = ?", (doc, old)
    ).fetchall()

    def follows(start: int, end: int) -> bool:
        if not left:
            return True
        inside = any(start <= m["start"] and m["end"] <= end for m in moved)
        return inside and not any(start <= m["start"] and m["end"] <= end for m in left)

    for table, column in _ENTITY_COLUMNS:
        rows = conn.execute(
            f"SELECT id, start, end FROM {table} WHERE doc_id = ? AND {column} = ?", (doc, old)
        ).fetchall()
        conn.executemany(
            f"UPDATE {table} SET {column} = ? WHERE id = ?",
            [(new, r["id"]) for r in rows if follows(r["start"], r["end"])],
        )
    rows = conn.execute(
        "SELECT ev.id, ev.start, ev.end FROM events ev JOIN event_actors a ON a.event_id = ev.id"
        " WHERE ev.doc_id = ? AND a.entity_id = ?",
        (doc, old),
    ).fetchall()
    conn.executemany(
        "UPDATE OR IGNORE event_actors SET entity_id = ? WHERE event_id = ? AND entity_id = ?",
        [(new, r["id"], old) for r in rows if follows(r["start"], r["end"])],
    )
    conn.execute("DELETE FROM relations WHERE subject = ? AND object = ?", (new, new))


def _rename(conn: sqlite3.Connection, entity_id: str, name: str) -> bool:
    current = conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if current["name"] == name:
        return False
    conn.execute(
        "UPDATE aliases SET kind = 'alias' WHERE entity_id = ? AND kind = 'name'", (entity_id,)
    )
    conn.execute(
        "INSERT INTO aliases (entity_id, alias, fold, kind) VALUES (?,?,?,'name')"
        " ON CONFLICT (entity_id, alias) DO UPDATE SET kind = 'name'",
        (entity_id, name, fold_key(name)),
    )
    conn.execute("UPDATE entities SET name = ? WHERE id = ?", (name, entity_id))
    return True


def _retype(
    conn: sqlite3.Connection, entity_id: str, entity_type: str, subtype: str | None
) -> bool:
    current = conn.execute(
        "SELECT type, subtype FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if (current["type"], current["subtype"]) == (entity_type, subtype):
        return False
    conn.execute(
        "UPDATE entities SET type = ?, subtype = ? WHERE id = ?", (entity_type, subtype, entity_id)
    )
    return True


def _claim_relation(conn: sqlite3.Connection, subject: dict[str, Any]) -> int | None:
    row = conn.execute(
        "SELECT id FROM relations WHERE doc_id = ? AND start = ? AND end = ? AND predicate = ?"
        " ORDER BY id LIMIT 1",
        (subject["doc"], subject["start"], subject["end"], subject["predicate"]),
    ).fetchone()
    return row["id"] if row else None


def describe_all(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every decision as the export, the review page and `factionmap decisions` show it:
    what it was about then, what it holds for now (`now`: current entity or relation ids),
    and the spans it rests on (`evidence`)."""
    names = {r["id"]: r["name"] for r in conn.execute("SELECT id, name FROM entities")}
    found = []
    for d in all_decisions(conn):
        value = d.value or {}
        evidence: list[dict[str, Any]] = []
        if d.kind in CLAIM_KINDS:
            claim = d.subjects[0]
            relation = _claim_relation(conn, claim)
            now: list[Any] = [relation] if relation else []
            about = f"relation #{relation or '?'} ({claim['predicate']})"
            evidence.append({k: claim[k] for k in ("doc", "start", "end")})
        else:
            now = [locate(conn, s) for s in d.subjects]
            about = " + ".join(f"{s['name']} [{s['id']}]" for s in d.subjects)
            for s in d.subjects:
                evidence += [{"doc": a[0], "start": a[1], "end": a[2]} for a in s["anchors"][:2]]
            if d.kind == "split":
                evidence += [{"doc": a[0], "start": a[1], "end": a[2]} for a in value["mentions"]]
        shown = {
            "merge": "one actor",
            "split": f"{len(value.get('mentions', []))} mentions → {value.get('name')}"
            f" [{value.get('id')}]",
            "rename": str(value.get("name")),
            "not_same": "different actors",
            "retype": f"{value.get('type')}"
            + (f"/{value['subtype']}" if value.get("subtype") else ""),
        }.get(d.kind, "")
        found.append(
            {
                "id": d.id,
                "kind": d.kind,
                "subjects": d.subjects,
                "value": d.value,
                "who": d.who,
                "when": d.decided_at,
                "why": d.why,
                "about": about,
                "value_text": shown,
                "now": [{"id": e, "name": names.get(e)} if isinstance(e, str) else e for e in now],
                "evidence": evidence,
            }
        )
    return found
