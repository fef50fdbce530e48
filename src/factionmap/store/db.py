"""The SQLite store: connection, named migrations, and the one writer of the knowledge base."""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from factionmap.errors import Errors, FactionmapError
from factionmap.ingest.containment import shingle_sample
from factionmap.records import DocEntity, Document, Event, Mention, Quote, Relation
from factionmap.resolve.names import fold_key
from factionmap.store.history import refresh_histories
from factionmap.store.origins import fact_keys_of, link_report


def _script(name: str) -> Callable[[], str]:
    return lambda: (resources.files("factionmap.store") / name).read_text(encoding="utf-8")


# Named migrations, applied in order; PRAGMA user_version records how many have run.
MIGRATIONS: list[tuple[str, Callable[[], str]]] = [
    ("0001_knowledge_base", _script("schema.sql")),
    ("0002_history", _script("history.sql")),
    ("0003_near_duplicates", _script("near_duplicates.sql")),
    ("0004_decisions", _script("decisions.sql")),
    ("0005_mention_geo", _script("mention_geo.sql")),
    ("0006_not_same_decisions", _script("not_same.sql")),
    ("0007_modality", _script("modality.sql")),
    ("0008_history_changes", _script("history_changes.sql")),
    ("0009_relation_mechanism", _script("relation_mechanism.sql")),
]
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path | str, shared_across_threads: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) a factionmap database and bring its schema up to date.

    `shared_across_threads`: the web server opens a connection in one worker thread and may
    use it from another, one request at a time."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise FactionmapError(Errors.E011, str(path), detail="it is a directory")
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=not shared_across_threads)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL: readers (CLI, web) keep reading while an ingest writes. NORMAL sync in WAL
        # loses no committed transaction when the process is killed, only on power loss.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 10000")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise FactionmapError(Errors.E011, str(path), detail=str(exc)) from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise FactionmapError(Errors.E010, None, path=path, found=version, supported=SCHEMA_VERSION)
    for number, (_, script) in enumerate(MIGRATIONS[version:], start=version + 1):
        # executescript commits any open transaction first, so the script carries its own
        # BEGIN/COMMIT: each migration and its version bump land together or not at all.
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script()}\nPRAGMA user_version = {int(number)};\nCOMMIT;"
            )
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return conn


@contextmanager
def writer_lock(path: Path | str) -> Iterator[None]:
    """Hold the store's one-writer lock for a whole ingest; a second writer is refused.

    Two ingests interleaving documents would each resolve against a stale entity index, so
    the second is refused with a clear message instead. The kernel drops the lock when the
    holder dies, even by kill -9, so a crashed run never leaves the store locked."""
    path = Path(path)
    lock_path = path.with_name(path.name + ".lock")
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the block
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise FactionmapError(Errors.E040, str(path), pid=holder) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


class transaction:  # noqa: N801 - used as a context manager like `with transaction(conn)`
    """BEGIN IMMEDIATE … COMMIT, rolling back on any error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def has_document(conn: sqlite3.Connection, doc_id: str) -> bool:
    """True when a document with this id is already stored, as an article or as a copy."""
    return (
        conn.execute(
            "SELECT 1 FROM documents WHERE id = ? UNION ALL SELECT 1 FROM document_copies"
            " WHERE id = ?",
            (doc_id, doc_id),
        ).fetchone()
        is not None
    )


def stored_signatures(conn: sqlite3.Connection, bands: list[str]) -> dict[str, bytes]:
    """Signatures of the stored documents sharing at least one band key."""
    if not bands:
        return {}
    marks = ",".join("?" * len(bands))
    return {
        row["doc_id"]: row["signature"]
        for row in conn.execute(
            "SELECT doc_id, signature FROM document_signatures WHERE doc_id IN"
            f" (SELECT doc_id FROM signature_bands WHERE band IN ({marks}))",
            bands,
        )
    }


def write_copy(
    conn: sqlite3.Connection, document: Document, of_doc: str, similarity: float
) -> None:
    """Link a near-duplicate article to the stored one it repeats, in one transaction."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO document_copies (id, of_doc, similarity, file, url, outlet, title,"
            " published, ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                document.id,
                of_doc,
                similarity,
                document.file,
                document.url,
                document.outlet,
                document.title,
                document.published,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )


@dataclass(frozen=True, slots=True)
class StoredEntity:
    """What the writer needs to know of an entity that is already stored."""

    id: str
    name: str
    type: str
    actor_key: str | None


def load_alias_index(
    conn: sqlite3.Connection,
) -> tuple[dict[str, StoredEntity], dict[str, list[str]]]:
    """All stored entities, and every name each is known under."""
    entities = {
        row["id"]: StoredEntity(row["id"], row["name"], row["type"], row["actor_key"])
        for row in conn.execute("SELECT id, name, type, actor_key FROM entities")
    }
    names: dict[str, list[str]] = {}
    for row in conn.execute("SELECT entity_id, alias FROM aliases"):
        names.setdefault(row["entity_id"], []).append(row["alias"])
    return entities, names


def write_document(
    conn: sqlite3.Connection,
    document: Document,
    entities: list[DocEntity],
    global_ids: Mapping[str, str],
    new_entities: Mapping[str, DocEntity],
    relations: tuple[Relation, ...],
    events: tuple[Event, ...],
    quotes: tuple[Quote, ...],
    extra: Mapping[str, dict] | None = None,
    *,
    mention_geo: Mapping[tuple[int, int], dict] | None = None,
    signature: tuple[bytes, list[str]] | None = None,
    ingested_at: str | None = None,
) -> None:
    """Store one document and everything extracted from it in one transaction.

    `mention_geo`: the point of each place mention, by (start, end); the points of the
    document's place entities are then chosen again from all their stored mentions.
    `signature`: its near-duplicate signature and band keys, so later copies find it;
    `ingested_at`: keep the time of the first ingest when re-extracting.
    """
    extra = extra or {}
    mention_geo = mention_geo or {}
    with transaction(conn):
        conn.execute(
            "INSERT INTO documents (id, file, url, outlet, title, published, language, author,"
            " verified, text, ingested_at, translated_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                document.id,
                document.file,
                document.url,
                document.outlet,
                document.title,
                document.published,
                document.language,
                document.author,
                int(document.verified),
                document.text,
                ingested_at or datetime.now(UTC).isoformat(timespec="seconds"),
                document.translated_from,
            ),
        )
        for global_id, entity in new_entities.items():
            attrs = extra.get(global_id, {})
            conn.execute(
                "INSERT INTO entities (id, name, type, subtype, actor_key, wikidata, roles, geo)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (
                    global_id,
                    entity.name,
                    entity.type,
                    entity.subtype,
                    entity.actor_key,
                    attrs.get("wikidata"),
                    json.dumps(list(entity.roles)),
                    json.dumps(attrs["geo"]) if attrs.get("geo") else None,
                ),
            )
        for entity in entities:
            global_id = global_ids[entity.local_id]
            if entity.roles:
                _merge_roles(conn, global_id, entity.roles)
            names = [(entity.name, "name")]
            names += [(alias, "alias") for alias in entity.aliases]
            names += [(former, "former_name") for former in entity.former_names]
            conn.executemany(
                "INSERT OR IGNORE INTO aliases (entity_id, alias, fold, kind) VALUES (?,?,?,?)",
                [(global_id, name, fold_key(name), kind) for name, kind in names],
            )
            conn.executemany(
                "INSERT INTO mentions (entity_id, doc_id, start, end, text, source, geo)"
                " VALUES (?,?,?,?,?,?,?)",
                [
                    (global_id, m.doc, m.start, m.end, m.text, m.source, _geo_json(mention_geo, m))
                    for m in entity.mentions
                ],
            )
        refresh_entity_points(
            conn, {global_ids[e.local_id] for e in entities if e.type == "LOCATION"}
        )
        _write_assertions(conn, document, global_ids, relations, events, quotes)
        if signature is not None:
            conn.execute(
                "INSERT INTO document_signatures (doc_id, signature) VALUES (?,?)",
                (document.id, signature[0]),
            )
            conn.executemany(
                "INSERT INTO signature_bands (band, doc_id) VALUES (?,?)",
                [(band, document.id) for band in signature[1]],
            )
        regraded = link_report(conn, document.id, document.url, shingle_sample(document.text))
        refresh_histories(
            conn, [(global_ids[r.subject], r.predicate, global_ids[r.object]) for r in relations
                   if r.subject in global_ids and r.object in global_ids]
            + fact_keys_of(conn, regraded)
        )  # fmt: skip


def _geo_json(mention_geo: Mapping[tuple[int, int], dict], mention: Mention) -> str | None:
    geo = mention_geo.get((mention.start, mention.end))
    return json.dumps(geo) if geo else None


def refresh_entity_points(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> None:
    """Set each entity's point to the one most of its mentions, in every document, have.

    Ties go to the more precise reading, then the earliest stored. An entity none of whose
    mentions was placed keeps the point it has.
    """
    for entity_id in entity_ids:
        row = conn.execute(
            "SELECT geo FROM mentions WHERE entity_id = ? AND geo IS NOT NULL"
            " GROUP BY json_extract(geo, '$.name'), json_extract(geo, '$.lat'),"
            " json_extract(geo, '$.lon')"
            " ORDER BY COUNT(*) DESC, MIN(json_extract(geo, '$.precision')), MIN(id) LIMIT 1",
            (entity_id,),
        ).fetchone()
        if row is not None:
            conn.execute("UPDATE entities SET geo = ? WHERE id = ?", (row["geo"], entity_id))


def _merge_roles(conn: sqlite3.Connection, entity_id: str, roles: tuple[str, ...]) -> None:
    row = conn.execute("SELECT roles FROM entities WHERE id = ?", (entity_id,)).fetchone()
    known = json.loads(row["roles"]) if row else []
    merged = known + [r for r in roles if r not in known]
    if merged != known:
        conn.execute("UPDATE entities SET roles = ? WHERE id = ?", (json.dumps(merged), entity_id))


def _write_assertions(
    conn: sqlite3.Connection,
    document: Document,
    ids: Mapping[str, str],
    relations: tuple[Relation, ...],
    events: tuple[Event, ...],
    quotes: tuple[Quote, ...],
) -> None:
    def gid(local: str | None) -> str | None:
        return ids.get(local) if local else None

    for rel in relations:
        subject, obj = gid(rel.subject), gid(rel.object)
        if subject is None or obj is None or subject == obj:
            continue
        conn.execute(
            "INSERT INTO relations (subject, predicate, object, time_start, time_end, time_as_of,"
            " polarity, modality, attributed_to, confidence, mechanism, doc_id, start, end, text)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                subject,
                rel.predicate,
                obj,
                rel.time.start,
                rel.time.end,
                rel.time.as_of,
                rel.polarity,
                rel.modality,
                gid(rel.attributed_to),
                rel.confidence,
                rel.mechanism,
                document.id,
                rel.evidence.start,
                rel.evidence.end,
                rel.evidence.text,
            ),
        )
    for event in events:
        cursor = conn.execute(
            "INSERT INTO events (type, mode, modality, location, date, precision, date_basis,"
            " attributed_to, doc_id, start, end, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                event.type,
                event.mode,
                event.modality,
                gid(event.location),
                event.date,
                event.precision,
                event.date_basis,
                gid(event.attributed_to),
                document.id,
                event.evidence.start,
                event.evidence.end,
                event.evidence.text,
            ),
        )
        actors = {(gid(a), "source") for a in event.source} | {
            (gid(a), "target") for a in event.target
        }
        conn.executemany(
            "INSERT OR IGNORE INTO event_actors (event_id, entity_id, role) VALUES (?,?,?)",
            [(cursor.lastrowid, entity, role) for entity, role in actors if entity],
        )
    conn.executemany(
        "INSERT INTO quotes (speaker, text, cue, doc_id, start, end) VALUES (?,?,?,?,?,?)",
        [(gid(q.speaker), q.text, q.cue, document.id, q.start, q.end) for q in quotes],
    )


def set_entity_geo(conn: sqlite3.Connection, entity_id: str, geo: dict) -> None:
    """Record where a place entity is."""
    with transaction(conn):
        conn.execute("UPDATE entities SET geo = ? WHERE id = ?", (json.dumps(geo), entity_id))
