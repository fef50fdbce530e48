-- Migration: one table for every analyst decision (the model: nomenklatura judgements).
-- Entity decisions (merge, split, rename, retype) name their entities by id *and* by anchors,
-- the character spans of some of their mentions, because ids are derived and may change on a
-- re-extraction while the spans of a stored document never do. Claim decisions (reject,
-- confirm) are keyed by where the claim rests (document, span, predicate). Nothing here is
-- derived: re-extraction keeps this table and re-applies it.
CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL
                CHECK (kind IN ('merge', 'split', 'rename', 'retype', 'reject', 'confirm')),
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
    CHECK (kind NOT IN ('merge', 'split', 'reject') OR (why IS NOT NULL AND why != ''))
);
CREATE INDEX decisions_claim ON decisions(claim_doc, claim_start, claim_end, claim_predicate);

INSERT INTO decisions (kind, subjects, value, who, decided_at, why,
                       claim_doc, claim_start, claim_end, claim_predicate)
SELECT decision,
       json_array(json_object('doc', doc_id, 'start', start, 'end', end, 'predicate', predicate)),
       NULL, who, decided_at, COALESCE(why, CASE decision WHEN 'reject' THEN '(not given)' END),
       doc_id, start, end, predicate
FROM assertion_decisions ORDER BY id;
DROP TABLE assertion_decisions;
