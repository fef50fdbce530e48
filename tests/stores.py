"""Helpers for tests that compare whole stores: a real corpus, and a store's canonical dump."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

# Columns that record when, not what: everything else must match exactly.
VOLATILE = {"ingested_at", "decided_at"}
# Tables that tell one store from another by design (a random id made with the store).
IDENTITY = {"store_identity"}


def real_corpus(data_dir: Path, folder: Path, limit: int | None = None) -> Path:
    """The re3d source documents (real press releases and encyclopaedia text) as JSONL."""
    folder.mkdir()
    lines = []
    for source in sorted((data_dir / "re3d").glob("*/documents.json")):
        for raw in source.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                record = json.loads(raw)
                lines.append(
                    {
                        "id": record["_id"],
                        "text": record["text"],
                        "title": record.get("title"),
                        "url": record.get("sourceUrl"),
                        "outlet": record.get("sourceName"),
                    }
                )
    lines = lines[:limit]
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def canonical(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that record wall-clock time."""
    with closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]  # fmt: skip
        dump = {}
        for table in (t for t in tables if t not in IDENTITY):
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in VOLATILE]
            dump[table] = sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)
        return dump
