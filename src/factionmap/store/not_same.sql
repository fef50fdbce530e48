-- Migration: a sixth entity decision, 'not_same' (two entities are different actors and must
-- never be merged). SQLite cannot change a CHECK in place, so the table is rebuilt as it was
-- with the wider kind list; ids, and so the order decisions are applied in, are kept.
CREATE TABLE decisions_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL
                CHECK (kind IN ('merge', 'split', 'rename', 'retype', 'not_same',
                                'reject', 'confirm')),
    subjects    TEXT NOT NULL,      -- JSON list: [{"id", "name", "anchors": [[doc, start, end]]}]
                                    -- or, for a claim, [{"doc", "start", "end", "predicate"}]
    value       TEXT,               -- JSON: the new name, type, split-off entity
    who         TEXT NOT NULL,
    decided_at  TEXT NOT NULL,      -- UTC, ISO 8601
    why         TEXT,
    claim_doc   TEXT,               -- reject/confirm: the claim's key, indexed for the overlay
    claim_start INTEGER,
    claim_end   INTEGER,
    claim_predicate TEXT,
    CHECK (kind NOT IN ('merge', 'split', 'not_same', 'reject') OR (why IS NOT NULL AND why != ''))
);
INSERT INTO decisions_new SELECT id, kind, subjects, value, who, decided_at, why,
    claim_doc, claim_start, claim_end, claim_predicate FROM decisions ORDER BY id;
DROP TABLE decisions;
ALTER TABLE decisions_new RENAME TO decisions;
CREATE INDEX decisions_claim ON decisions(claim_doc, claim_start, claim_end, claim_predicate);
