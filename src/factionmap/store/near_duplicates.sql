-- Migration: near-duplicate articles. A copy (syndicated or lightly edited) is linked to the
-- stored article it repeats and never analysed again: its assertions are the original's and
-- must count once. Signatures are MinHash values over word shingles; bands index them.
CREATE TABLE document_signatures (
    doc_id      TEXT PRIMARY KEY REFERENCES documents(id),
    signature   BLOB NOT NULL
);
CREATE TABLE signature_bands (
    band        TEXT NOT NULL,
    doc_id      TEXT NOT NULL REFERENCES documents(id)
);
CREATE INDEX signature_bands_band ON signature_bands(band);
CREATE TABLE document_copies (
    id          TEXT PRIMARY KEY,  -- the copy's own id (hash of its cleaned text)
    of_doc      TEXT NOT NULL REFERENCES documents(id),
    similarity  REAL NOT NULL,     -- estimated share of word shingles in common
    file        TEXT NOT NULL,
    url         TEXT,
    outlet      TEXT,
    title       TEXT,
    published   TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX document_copies_of ON document_copies(of_doc);
