"""The store: named migrations, one writer, one transaction per document."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from factionmap.errors import FactionmapError
from factionmap.records import DocEntity, Document, Event, Evidence, Mention, Quote, Relation
from factionmap.resolve.names import fold_key
from factionmap.store import db as store
from factionmap.store import reads

TEXT = (
    "The leader of the National Army, Mustafa Sejri, blamed the interim government. "
    "“We will not allow anyone to impose their decision on us,” Sejri said."
)
TABLES = (
    "documents",
    "entities",
    "aliases",
    "mentions",
    "relations",
    "events",
    "event_actors",
    "quotes",
)


def span(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def mention(doc: Document, surface: str, entity_type, nth: int = 0) -> Mention:
    start, end = span(doc.text, surface, nth)
    return Mention(doc.id, start, end, surface, entity_type)


def evidence(doc: Document, surface: str) -> Evidence:
    start, end = span(doc.text, surface)
    return Evidence(doc.id, start, end, surface)


@pytest.fixture
def document() -> Document:
    return Document(
        id="d1",
        text=TEXT,
        file="articles/sejri.txt",
        outlet="Baladi News",
        published="2023-01",
        verified=False,
    )


@pytest.fixture
def extracted(document: Document):
    """Entities, ids and assertions of the composed document, as the pipeline hands them over."""
    sejri = DocEntity(
        "L0",
        "Mustafa Sejri",
        "PERSON",
        None,
        (mention(document, "Mustafa Sejri", "PERSON"), mention(document, "Sejri", "PERSON", 1)),
        aliases=("Sejri",),
        roles=("leader",),
    )
    army = DocEntity(
        "L1",
        "National Army",
        "ORG",
        "armed_group",
        (mention(document, "National Army", "ORG"),),
        actor_key="sna",
    )
    government = DocEntity(
        "L2",
        "interim government",
        "ORG",
        "political",
        (mention(document, "interim government", "ORG"),),
    )
    ids = {"L0": "per_mustafa_sejri", "L1": "sna", "L2": "org_interim_government"}
    new = {ids[e.local_id]: e for e in (sejri, army, government)}
    sentence = TEXT.split(". ")[0] + "."
    relations = (
        Relation("L0", "leader_of", "L1", evidence(document, sentence)),
        Relation("L0", "leader_of", "L0", evidence(document, sentence)),  # self-loop: dropped
        Relation("L0", "member_of", "L9", evidence(document, sentence)),  # unknown id: dropped
    )
    events = (
        Event(
            "ACCUSE",
            ("L0",),
            ("L2",),
            evidence(document, sentence),
            date="2023-01",
            precision="month",
        ),
    )
    quoted = "We will not allow anyone to impose their decision on us,"
    start, end = span(TEXT, quoted)
    quotes = (Quote(quoted, document.id, start, end, speaker="L0", cue="said"),)
    return [sejri, army, government], ids, new, relations, events, quotes


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_db_migration_sets_user_version(db_path: Path) -> None:
    with closing(store.connect(db_path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        assert store.SCHEMA_VERSION == len(store.MIGRATIONS)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert set(TABLES) <= names
    # Opening again runs nothing twice (a second CREATE TABLE would fail).
    with closing(store.connect(db_path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION


def test_db_failed_migration_rolls_back(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.connect(db_path).close()
    applied = store.SCHEMA_VERSION
    broken = ("0099_broken", lambda: "CREATE TABLE half_done (x);\nINSERT INTO missing VALUES (1);")
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, broken])
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    with pytest.raises(sqlite3.OperationalError):
        store.connect(db_path)
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == applied
        assert (
            conn.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchone() is None
        )


def test_db_newer_schema_is_refused(db_path: Path) -> None:
    with closing(store.connect(db_path)) as conn:
        conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    with pytest.raises(FactionmapError, match="newer factionmap"):
        store.connect(db_path)


@pytest.mark.parametrize("content", [b"this is a text file, not SQLite\n" * 40, b"\x00" * 4096])
def test_db_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kb.sqlite"
    path.write_bytes(content)
    with pytest.raises(FactionmapError, match="not a factionmap database"):
        store.connect(path)


def test_db_directory_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(FactionmapError, match="it is a directory"):
        store.connect(tmp_path)


def test_db_write_document_stores_everything(db_path: Path, document, extracted) -> None:
    entities, ids, new, relations, events, quotes = extracted
    with closing(store.connect(db_path)) as conn:
        store.write_document(conn, document, entities, ids, new, relations, events, quotes)
        assert store.has_document(conn, "d1")
        assert counts(conn) == {
            "documents": 1,
            "entities": 3,
            "aliases": 4,
            "mentions": 4,
            "relations": 1,
            "events": 1,
            "event_actors": 2,
            "quotes": 1,
        }
        row = conn.execute("SELECT * FROM documents").fetchone()
        assert (row["text"], row["verified"], row["published"]) == (TEXT, 0, "2023-01")
        for m in reads.mentions(conn):
            assert TEXT[m["start"] : m["end"]] == m["text"]
        aliases = {
            (r["alias"], r["fold"], r["kind"]) for r in conn.execute("SELECT * FROM aliases")
        }
        assert ("Sejri", fold_key("Sejri"), "alias") in aliases
        assert ("Mustafa Sejri", fold_key("Mustafa Sejri"), "name") in aliases
        [relation] = reads.relations(conn)
        assert (relation["subject"], relation["predicate"], relation["object"]) == (
            "per_mustafa_sejri",
            "leader_of",
            "sna",
        )
        [event] = reads.events(conn)
        assert (event["source"], event["target"]) == (
            ["per_mustafa_sejri"],
            ["org_interim_government"],
        )
        [quote] = reads.quotes(conn)
        assert quote["speaker"] == "per_mustafa_sejri"
        assert TEXT[quote["start"] : quote["end"]] == quote["text"]


def test_db_events_keep_their_modality(db_path: Path, document, extracted) -> None:
    entities, ids, new, relations, events, quotes = extracted
    planned = Event("ASSAULT", ("L1",), ("L2",), events[0].evidence, modality="planned")
    with closing(store.connect(db_path)) as conn:
        store.write_document(
            conn, document, entities, ids, new, relations, (*events, planned), quotes
        )
        stored = {r["type"]: r["modality"] for r in conn.execute("SELECT * FROM events")}
        assert stored == {"ACCUSE": "asserted", "ASSAULT": "planned"}
        # Timelines, maps and tables see what happened; the store keeps the rest.
        assert [e["type"] for e in reads.events(conn)] == ["ACCUSE"]
        assert [e["type"] for e in reads.events_of(conn, "sna")] == []
        assert {e["type"] for e in reads.events(conn, happened_only=False)} == {"ACCUSE", "ASSAULT"}


def undo_history_changes(conn) -> None:  # noqa: ANN001
    """Take a store back to before migration 0008_history_changes."""
    for table in ("document_origins", "document_shingles", "store_identity", "history_changes"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP INDEX documents_url")
    conn.execute("DROP INDEX documents_translated_from")
    conn.execute("ALTER TABLE documents DROP COLUMN translated_from")


def test_db_modality_migration_reads_old_rows(db_path: Path, document, extracted) -> None:
    entities, ids, new, relations, events, quotes = extracted
    denied = Relation("L0", "member_of", "L2", relations[0].evidence, polarity="negated")
    with closing(store.connect(db_path)) as conn:
        store.write_document(conn, document, entities, ids, new, (denied,), events, quotes)
        # Back to the schema before the modality migration, as a store written by an older version.
        conn.execute("ALTER TABLE relations DROP COLUMN mechanism")  # 0009, undone first
        undo_history_changes(conn)
        conn.execute("ALTER TABLE events DROP COLUMN date_basis")
        conn.execute("DROP INDEX events_modality")
        conn.execute("ALTER TABLE events DROP COLUMN modality")
        conn.execute("ALTER TABLE relations DROP COLUMN modality")
        before = [n for n, _ in store.MIGRATIONS].index("0007_modality")
        assert before == store.SCHEMA_VERSION - 3, "later migrations would need undoing too"
        conn.execute(f"PRAGMA user_version = {before}")
    with closing(store.connect(db_path)) as conn:
        [event] = conn.execute("SELECT modality, date_basis FROM events").fetchall()
        assert tuple(event) == ("asserted", "text")
        [relation] = conn.execute("SELECT modality FROM relations").fetchall()
        assert relation[0] == "negated"


def test_db_relations_keep_their_mechanism(db_path: Path, document, extracted) -> None:
    entities, ids, new, relations, events, quotes = extracted
    found = Relation("L0", "member_of", "L2", relations[0].evidence, mechanism="role")
    with closing(store.connect(db_path)) as conn:
        store.write_document(conn, document, entities, ids, new, (found,), events, quotes)
        assert [r["mechanism"] for r in reads.relations(conn)] == ["role"]
        # A store written before the mechanism was recorded reads it as unknown.
        conn.execute("ALTER TABLE relations DROP COLUMN mechanism")
        before = [n for n, _ in store.MIGRATIONS].index("0009_relation_mechanism")
        conn.execute(f"PRAGMA user_version = {before}")
    with closing(store.connect(db_path)) as conn:
        assert [r["mechanism"] for r in reads.relations(conn)] == [""]


def test_db_roles_merge_across_documents(db_path: Path, document, extracted) -> None:
    entities, ids, new, *_ = extracted
    second = Document(id="d2", text="Commander Mustafa Sejri spoke.", file="b.txt")
    again = DocEntity(
        "L0",
        "Mustafa Sejri",
        "PERSON",
        None,
        (Mention("d2", 10, 23, "Mustafa Sejri", "PERSON"),),
        roles=("commander",),
    )
    with closing(store.connect(db_path)) as conn:
        store.write_document(conn, document, entities, ids, new, (), (), ())
        store.write_document(conn, second, [again], {"L0": "per_mustafa_sejri"}, {}, (), (), ())
        roles = conn.execute("SELECT roles FROM entities WHERE id='per_mustafa_sejri'").fetchone()
        assert json.loads(roles[0]) == ["leader", "commander"]


def test_db_failing_write_rolls_back(
    db_path: Path, document, extracted, monkeypatch: pytest.MonkeyPatch
) -> None:
    entities, ids, new, relations, events, quotes = extracted
    first = Document(id="d0", text="Sejri left Azaz.", file="a.txt")
    earlier = DocEntity(
        "L0", "Azaz", "LOCATION", None, (Mention("d0", 11, 15, "Azaz", "LOCATION"),)
    )
    with closing(store.connect(db_path)) as conn:
        store.write_document(
            conn, first, [earlier], {"L0": "loc_azaz"}, {"loc_azaz": earlier}, (), (), ()
        )
        before = counts(conn)

        def disk_full(*args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full (simulated)")

        # The document, its entities, aliases and mentions are written before the assertions.
        monkeypatch.setattr(store, "_write_assertions", disk_full)
        with pytest.raises(sqlite3.OperationalError, match="simulated"):
            store.write_document(conn, document, entities, ids, new, relations, events, quotes)
        assert not conn.in_transaction
        assert counts(conn) == before
        assert not store.has_document(conn, "d1")
        assert store.has_document(conn, "d0")
        assert [e["id"] for e in reads.entities(conn)] == ["loc_azaz"]


def test_db_same_document_twice_is_refused_and_kept(db_path: Path, document, extracted) -> None:
    entities, ids, new, relations, events, quotes = extracted
    with closing(store.connect(db_path)) as conn:
        store.write_document(conn, document, entities, ids, new, relations, events, quotes)
        before = counts(conn)
        with pytest.raises(sqlite3.IntegrityError):
            store.write_document(conn, document, entities, ids, new, relations, events, quotes)
        assert counts(conn) == before


def test_db_set_entity_geo(db_path: Path, document, extracted) -> None:
    entities, ids, new, *_ = extracted
    with closing(store.connect(db_path)) as conn:
        store.write_document(conn, document, entities, ids, new, (), (), ())
        store.set_entity_geo(conn, "sna", {"lat": 36.58, "lon": 37.04, "source": "test"})
        [row] = [e for e in reads.entities(conn) if e["id"] == "sna"]
        assert row["geo"] == {"lat": 36.58, "lon": 37.04, "source": "test"}


def _dump(db: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(db)) as conn:
        return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in TABLES}


@pytest.mark.model
def test_db_reingest_is_a_no_op(db_path: Path, data_dir: Path) -> None:
    from factionmap.pipeline import ingest

    articles = data_dir / "articles"
    first = ingest([articles], db_path, articles / "meta.jsonl")
    assert (first.added, first.unchanged, first.failures) == (4, 0, [])
    before = _dump(db_path)
    again = ingest([articles], db_path, articles / "meta.jsonl")
    assert (again.added, again.unchanged, again.failures) == (0, 4, [])
    assert _dump(db_path) == before
