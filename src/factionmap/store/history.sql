-- Migration: the actor graph over time. history_intervals is derived from relations (rebuilt
-- for the facts a document touches, in the same transaction); assertion_decisions is the
-- analyst's overlay and is never derived.
CREATE TABLE history_intervals (
    subject        TEXT NOT NULL,
    predicate      TEXT NOT NULL,
    object         TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    valid_from     TEXT,               -- ISO prefix as the evidence gives it; NULL: open past
    valid_to       TEXT,               -- NULL: still holds on the latest evidence
    from_day       TEXT,               -- first day of valid_from, for indexed window queries
    to_day         TEXT,               -- first day of valid_to
    start_basis    TEXT,               -- text | as_of | reported
    start_relation INTEGER,            -- relations.id the start rests on
    end_relation   INTEGER,
    assertions     INTEGER NOT NULL,
    sources        INTEGER NOT NULL,   -- independent sources asserting it
    denials        INTEGER NOT NULL,   -- independent sources denying it
    credibility    INTEGER NOT NULL,   -- Admiralty 1-6
    first_reported TEXT,
    PRIMARY KEY (subject, predicate, object, seq)
);
CREATE INDEX history_window ON history_intervals(from_day, to_day);
CREATE INDEX history_object ON history_intervals(object);
CREATE INDEX relations_fact ON relations(subject, predicate, object);

CREATE TABLE assertion_decisions (
    id          INTEGER PRIMARY KEY,
    -- keyed by where the claim rests, so that a decision survives re-extraction
    doc_id      TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    predicate   TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('reject', 'confirm')),
    why         TEXT,
    who         TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);
CREATE INDEX assertion_decisions_claim ON assertion_decisions(doc_id, start, end, predicate);
