"""Writes of the reports documents count as for corroboration: a short report wholly inside
a longer stored one (ingest/containment.py), and translations of a stored original."""

from __future__ import annotations

import sqlite3

from factionmap.ingest.containment import CONTAINED, MIN_SAMPLE

STOCK_PHRASE = 200  # documents sharing one sampled shingle past which it is not compared


def link_report(
    conn: sqlite3.Connection, doc_id: str, url: str | None, sample: list[int]
) -> set[str]:
    """Store a new document's shingle sample and link what contains it or what it contains;
    returns the other documents whose report changed (their facts are graded again): the
    shorter ones it contains, and the stored translations of it (found by its URL)."""
    conn.executemany(
        "INSERT INTO document_shingles (hash, doc_id) VALUES (?,?)", [(h, doc_id) for h in sample]
    )
    changed: set[str] = set()
    if url:
        changed |= {
            row[0]
            for row in conn.execute(
                "SELECT id FROM documents WHERE translated_from = ? AND id != ?", (url, doc_id)
            )
        }
    if len(sample) < MIN_SAMPLE:
        return changed
    mine = len(sample)
    overlaps = conn.execute(
        "SELECT s.doc_id, count(*) AS shared,"
        " (SELECT count(*) FROM document_shingles t WHERE t.doc_id = s.doc_id) AS size"
        " FROM document_shingles m JOIN document_shingles s ON s.hash = m.hash"
        " WHERE m.doc_id = ? AND s.doc_id != ?"
        # A shingle in very many documents is a stock phrase, no sign of copying; skipping
        # it keeps each write from reading every document that has it.
        " AND (SELECT count(*) FROM document_shingles c WHERE c.hash = m.hash) <= ?"
        " GROUP BY s.doc_id",
        (doc_id, doc_id, STOCK_PHRASE),
    ).fetchall()
    containers = [
        (shared / mine, size, other)
        for other, shared, size in overlaps
        if size > mine and shared >= CONTAINED * mine
    ]
    if containers:
        share, _, container = max(containers)
        conn.execute(
            "INSERT INTO document_origins (doc_id, of_doc, share) VALUES (?,?,?)",
            (doc_id, _report_of(conn, container), share),
        )
        return changed
    for other, shared, size in overlaps:
        if MIN_SAMPLE <= size <= mine and shared >= CONTAINED * size:
            # A shorter stored report turns out to be inside this one: it, and whatever was
            # counted as it, now count as this one.
            conn.execute(
                "INSERT OR IGNORE INTO document_origins (doc_id, of_doc, share) VALUES (?,?,?)",
                (other, doc_id, shared / size),
            )
            moved = {
                row[0]
                for row in conn.execute(
                    "SELECT doc_id FROM document_origins WHERE of_doc = ?", (other,)
                )
            }
            conn.execute("UPDATE document_origins SET of_doc = ? WHERE of_doc = ?", (doc_id, other))
            changed |= {other} | moved
    return changed


def _report_of(conn: sqlite3.Connection, doc_id: str) -> str:
    """The report a document counts as (itself, unless contained in another)."""
    row = conn.execute("SELECT of_doc FROM document_origins WHERE doc_id = ?", (doc_id,)).fetchone()
    return row[0] if row else doc_id


def fact_keys_of(conn: sqlite3.Connection, doc_ids: set[str]) -> list[tuple[str, str, str]]:
    """The facts the documents' relations assert."""
    if not doc_ids:
        return []
    marks = ",".join("?" * len(doc_ids))
    return [
        (row[0], row[1], row[2])
        for row in conn.execute(
            f"SELECT DISTINCT subject, predicate, object FROM relations WHERE doc_id IN ({marks})",
            tuple(doc_ids),
        )
    ]
