"""The review lists on a real SQLite store filled row by row with sentences the team wrote:
which pairs are offered for merging, which entities are flagged, and which are left alone."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from factionmap.resolve.names import fold_key
from factionmap.resolve.review import merge_candidates, suspicious_entities
from factionmap.store.db import connect

# (entity id, name, type, curated key, [(document, sentence)]): each sentence names the entity
# by the alias given first in it, between the markers.
ENTITIES = [
    ("isis", "Islamic State", "ORG", "isis", [("d1", "[ISIS] fighters attacked the base.")]),
    ("org_isis", "Isis", "ORG", None, [("d2", "[Isis] claimed the bombing on Friday.")]),
    ("sohr", "SOHR", "ORG", None, [("d1", "The [SOHR] monitor counted the dead.")]),
    ("org_syrian_observatory_for_human_rights", "Syrian Observatory for Human Rights", "ORG",
     None, [("d3", "The [Syrian Observatory for Human Rights] said ten died.")]),
    ("ahrar_al_sham", "Ahrar al-Sham", "ORG", "ahrar_al_sham",
     [("d1", "[Ahrar al-Sham] denied it.")]),
    ("org_ahrar_al_sham_eastern_sector", "Ahrar al-Sham Eastern Sector", "ORG", None,
     [("d2", "The [Ahrar al-Sham Eastern Sector] joined HTS.")]),
    ("per_ahmad_al_ali", "Ahmad al-Ali", "PERSON", None,
     [("d1", "A teacher, [Ahmad al-Ali], joined the protest.")]),
    ("per_ahmed_ali_saleh", "Ahmed Ali Saleh", "PERSON", None,
     [("d3", "The guard was once led by [Ahmed Ali Saleh].")]),
    ("org_government_of", "Government of", "ORG", None,
     [("d1", "The [Government of] Turkey protested.")]),
    ("org_state", "State", "ORG", None, [("d2", "The [State] Department said the state of the"
                                                " road and the state of the town were bad.")]),
    ("org_hassan_karimi", "Hassan Karimi", "ORG", None,
     [("d3", "[Hassan Karimi] said the talks had failed.")]),
    ("org_century_international", "Century International", "ORG", None,
     [("d1", "A fellow at [Century International] said so.")]),
    ("per_briton", "Briton", "PERSON", None,
     [("d1", "A [Briton] was detained."), ("d2", "A [Briton] was freed."),
      ("d3", "A [Briton] fought with the YPG.")]),
    ("place_atma", "Atma", "LOCATION", "place:atma",
     [("d1", "[Atma] leads the list."), ("d2", "The camp at [Atma] grew.")]),
]  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    with closing(connect(tmp_path / "kb.sqlite")) as conn:
        texts: dict[str, list[str]] = {}
        spans = []
        for entity_id, name, kind, key, uses in ENTITIES:
            conn.execute(
                "INSERT INTO entities (id, name, type, actor_key) VALUES (?,?,?,?)",
                (entity_id, name, kind, key),
            )
            for doc, sentence in uses:
                before, rest = sentence.split("[", 1)
                alias, after = rest.split("]", 1)
                offset = sum(len(s) + 1 for s in texts.get(doc, []))
                texts.setdefault(doc, []).append(before + alias + after)
                start = offset + len(before)
                spans.append((entity_id, doc, start, start + len(alias), alias))
                conn.execute(
                    "INSERT OR IGNORE INTO aliases (entity_id, alias, fold, kind) VALUES (?,?,?,?)",
                    (entity_id, alias, fold_key(alias), "alias"),
                )
            conn.execute(
                "INSERT OR IGNORE INTO aliases (entity_id, alias, fold, kind) VALUES (?,?,?,?)",
                (entity_id, name, fold_key(name), "name"),
            )
        for doc, sentences in texts.items():
            conn.execute(
                "INSERT INTO documents (id, file, text, ingested_at) VALUES (?,?,?,?)",
                (doc, f"{doc}.txt", " ".join(sentences), "2026-01-01T00:00:00+00:00"),
            )
        conn.executemany(
            "INSERT INTO mentions (entity_id, doc_id, start, end, text, source)"
            " VALUES (?,?,?,?,?,'model')",
            spans,
        )
        yield conn


def pairs(conn: sqlite3.Connection) -> dict[frozenset[str], tuple[str, ...]]:
    return {frozenset((c.first.id, c.second.id)): c.reasons for c in merge_candidates(conn)}


def test_review_offers_spelling_and_acronym_variants(store: sqlite3.Connection) -> None:
    found = pairs(store)
    assert "same name: 'ISIS' / 'Isis'" in found[frozenset(("isis", "org_isis"))]
    sohr = found[frozenset(("sohr", "org_syrian_observatory_for_human_rights"))]
    assert "'SOHR' is the initials of 'Syrian Observatory for Human Rights'" in sohr


def test_review_keeps_parts_and_namesakes_apart(store: sqlite3.Connection) -> None:
    found = pairs(store)
    assert frozenset(("ahrar_al_sham", "org_ahrar_al_sham_eastern_sector")) not in found
    assert frozenset(("per_ahmad_al_ali", "per_ahmed_ali_saleh")) not in found


def test_review_candidates_carry_an_evidence_sentence(store: sqlite3.Connection) -> None:
    isis = next(c for c in merge_candidates(store) if "org_isis" in (c.first.id, c.second.id))
    side = isis.first if isis.first.id == "org_isis" else isis.second
    assert side.example and side.example.endswith("Isis claimed the bombing on Friday.")


def test_review_flags_suspicious_entities(store: sqlite3.Connection) -> None:
    flagged = {s.entity.id: " ".join(s.reasons) for s in suspicious_entities(store)}
    assert "fragment of a longer name" in flagged["org_government_of"]
    assert "generic name" in flagged["org_state"]
    assert "'state' is a common word in its documents (2×)" in flagged["org_state"]
    assert "shaped like a person's" in flagged["org_hassan_karimi"]
    assert "a lone name across 3 documents" in flagged["per_briton"]
    for fine in ("org_century_international", "place_atma", "isis", "sohr"):
        assert fine not in flagged, flagged.get(fine)


def test_review_flags_uses_that_contradict_the_type(store: sqlite3.Connection) -> None:
    store.execute(
        "INSERT INTO relations (subject, predicate, object, doc_id, start, end, text)"
        " VALUES ('place_atma', 'controls', 'org_isis', 'd1', 0, 4, 'Atma')"
    )
    flagged = {s.entity.id: " ".join(s.reasons) for s in suspicious_entities(store)}
    assert "used as LOCATION in 1 relations" in flagged["org_isis"]
