-- Migration: what the graph's read model needs to follow the store without reloading it, and
-- what corroboration needs to count one report once.
--
-- history_changes logs, in the transaction that rewrites them, the facts whose intervals
-- changed: a reader holding the intervals of generation g re-reads only the facts logged
-- after g. A row with a NULL subject says every fact changed (a full rebuild). store_identity
-- tells a store from another one later put at the same path (re-extraction replaces the file).
CREATE TABLE history_changes (
    generation  INTEGER PRIMARY KEY AUTOINCREMENT,
    subject     TEXT,
    predicate   TEXT,
    object      TEXT
);
CREATE TABLE store_identity (id TEXT NOT NULL);
INSERT INTO store_identity (id) VALUES (lower(hex(randomblob(16))));
INSERT INTO history_changes (subject) VALUES (NULL);

-- A translation names the article it translates (its URL): it counts once with it.
ALTER TABLE documents ADD COLUMN translated_from TEXT;
CREATE INDEX documents_url ON documents(url);
CREATE INDEX documents_translated_from ON documents(translated_from);
-- A short report wholly inside a longer one (agency copy republished shortened) counts as
-- the longer one. Found through a sample of word-shingle hashes (those ≡ 0 mod the sampling
-- rate, so that a shingle is sampled in every document that has it).
CREATE TABLE document_shingles (
    hash        INTEGER NOT NULL,
    doc_id      TEXT NOT NULL REFERENCES documents(id)
);
CREATE INDEX document_shingles_hash ON document_shingles(hash);
CREATE INDEX document_shingles_doc ON document_shingles(doc_id);
CREATE TABLE document_origins (
    doc_id      TEXT PRIMARY KEY REFERENCES documents(id),
    of_doc      TEXT NOT NULL REFERENCES documents(id),
    share       REAL NOT NULL      -- share of the shorter text's sampled shingles in the longer
);
CREATE INDEX document_origins_of ON document_origins(of_doc);
