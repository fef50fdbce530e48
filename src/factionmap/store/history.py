"""Writes of the actor graph over time: derived validity intervals (the analyst's decisions on
claims, read here as an overlay, are stored by store/decisions.py)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

from factionmap.history.grades import OPENING, Outlets, credibility, load_outlets, source_counts
from factionmap.history.intervals import (
    SYMMETRIC,
    HistoryKey,
    ended_keys,
    ending_key,
    history_key,
    intervals,
)
from factionmap.history.periods import first_day
from factionmap.records import Assertion

# Each claim with its document and the report it counts as, when not its own: the longer
# report containing it (document_origins), else the stored original it translates.
_CLAIMS = (
    "SELECT r.id, r.subject, r.predicate, r.object, r.polarity, r.time_start, r.time_end,"
    " r.time_as_of, r.doc_id, d.published, d.outlet, d.verified,"
    f" substr(d.text, 1, {OPENING}) AS opening, r.text AS evidence,"
    " (SELECT name FROM entities e WHERE e.id = r.attributed_to) AS attributed,"
    f" rep.id AS report_doc, rep.outlet AS report_outlet, substr(rep.text, 1, {OPENING})"
    " AS report_opening, CASE WHEN rep.id IS NULL THEN d.translated_from END AS original,"
    " (SELECT kind FROM decisions x WHERE x.claim_doc = r.doc_id"
    "  AND x.claim_start = r.start AND x.claim_end = r.end AND x.claim_predicate = r.predicate"
    "  ORDER BY x.id DESC LIMIT 1) AS decision"
    " FROM relations r JOIN documents d ON d.id = r.doc_id"
    " LEFT JOIN documents rep ON rep.id = COALESCE("
    "  (SELECT o.of_doc FROM document_origins o WHERE o.doc_id = r.doc_id),"
    "  (SELECT t.id FROM documents t WHERE t.url = d.translated_from AND t.id != d.id"
    "   ORDER BY t.rowid LIMIT 1))"
)


def assertion_of(row: sqlite3.Row) -> Assertion:
    """A relations row (joined with its document) as an Assertion."""
    return Assertion(
        id=row["id"],
        subject=row["subject"],
        predicate=row["predicate"],
        object=row["object"],
        polarity=row["polarity"],
        start=row["time_start"],
        end=row["time_end"],
        as_of=row["time_as_of"],
        reported=row["published"],
        doc=row["doc_id"],
        outlet=row["outlet"],
        verified=bool(row["verified"]),
        opening=row["opening"],
        report_doc=row["report_doc"],
        report_outlet=row["report_outlet"],
        report_opening=row["report_opening"],
        original=row["original"],
        attributed=row["attributed"],
        evidence=row["evidence"] or "",
    )


def claims(
    conn: sqlite3.Connection, where: str = "", params: tuple = (), known_on: str | None = None
) -> dict[HistoryKey, list[Assertion]]:
    """Claims not rejected by the analyst, grouped by fact; `known_on` keeps only what had
    been reported by that date (report time)."""
    clauses = [f"({where})"] if where else []
    args: list = list(params)
    if known_on:
        clauses.append("d.published IS NOT NULL AND d.published <= ?")
        args.append(known_on + "~")  # "~" sorts after every digit: 2019-03 admits 2019-03-31
    sql = _CLAIMS + (" WHERE " + " AND ".join(clauses) if clauses else "")
    grouped: dict[HistoryKey, list[Assertion]] = defaultdict(list)
    for row in conn.execute(sql, args):
        if row["decision"] == "reject":
            continue
        grouped[history_key(row["subject"], row["predicate"], row["object"])].append(
            assertion_of(row)
        )
    return grouped


def interval_rows(
    key: HistoryKey, facts: list[Assertion], outlets: Outlets, endings: Sequence[Assertion] = ()
) -> list[tuple]:
    """The history_intervals rows of one fact; `endings`: claims of the fact that ends it."""
    asserted, denied = source_counts(facts, outlets)
    reported = min((a.reported for a in facts if a.reported), default=None)
    cred = credibility(facts, outlets)
    rows = []
    for seq, span in enumerate(intervals(facts, endings)):
        rows.append(
            (
                *key,
                seq,
                span.start,
                span.end,
                first_day(span.start) if span.start else None,
                first_day(span.end) if span.end else None,
                span.start_basis,
                span.start_evidence,
                span.end_evidence,
                len(facts),
                len(asserted),
                len(denied),
                cred,
                reported,
            )
        )
    return rows


def refresh_histories(
    conn: sqlite3.Connection, keys: Iterable[HistoryKey], outlets: Outlets | None = None
) -> None:
    """Recompute the intervals of these facts (call inside the writing transaction)."""
    outlets = outlets or load_outlets()
    touched = {history_key(*k) for k in keys}
    touched |= {ended for key in touched for ended in ended_keys(key)}
    for key in touched:
        conn.execute(
            "DELETE FROM history_intervals WHERE subject = ? AND predicate = ? AND object = ?",
            key,
        )
        facts = _claims_of(conn, key)
        if not facts:
            continue
        ending = ending_key(key)
        endings = _claims_of(conn, ending) if ending else []
        conn.executemany(
            "INSERT INTO history_intervals VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            interval_rows(key, facts, outlets, endings),
        )
    log_changes(conn, touched)


# Generations of history_changes kept: a reader further behind loads the intervals afresh.
KEPT_CHANGES = 100_000


def log_changes(conn: sqlite3.Connection, keys: Iterable[HistoryKey] | None) -> None:
    """Record that the intervals of these facts (None: of every fact) were rewritten, in the
    transaction that rewrote them, for the read models that follow the store."""
    rows = [(None, None, None)] if keys is None else sorted(keys)
    if not rows:
        return
    conn.executemany(
        "INSERT INTO history_changes (subject, predicate, object) VALUES (?,?,?)", rows
    )
    conn.execute(
        "DELETE FROM history_changes WHERE generation <= last_insert_rowid() - ?", (KEPT_CHANGES,)
    )


def _claims_of(conn: sqlite3.Connection, key: HistoryKey) -> list[Assertion]:
    subject, predicate, obj = key
    where = "r.subject = ? AND r.predicate = ? AND r.object = ?"
    params: tuple = (subject, predicate, obj)
    if predicate in SYMMETRIC:
        where = f"({where}) OR (r.subject = ? AND r.predicate = ? AND r.object = ?)"
        params += (obj, predicate, subject)
    return claims(conn, where, params).get(key, [])


def rebuild_histories(conn: sqlite3.Connection, outlets: Outlets | None = None) -> int:
    """Recompute every history (after merges, decisions or a new outlets file); returns
    how many facts have one. Runs in its own transaction."""
    outlets = outlets or load_outlets()
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM history_intervals")
        grouped = claims(conn)
        for key, facts in grouped.items():
            ending = ending_key(key)
            endings = grouped.get(ending, []) if ending else []
            conn.executemany(
                "INSERT INTO history_intervals VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                interval_rows(key, facts, outlets, endings),
            )
        log_changes(conn, None)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return len(grouped)
