-- Migration 1: the knowledge base. Every fact row carries its document and character span.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,   -- hash of the cleaned text
    file        TEXT NOT NULL,
    url         TEXT,
    outlet      TEXT,
    title       TEXT,
    published   TEXT,               -- ISO prefix, precision kept
    language    TEXT NOT NULL DEFAULT 'en',
    author      TEXT,
    verified    INTEGER NOT NULL DEFAULT 1,
    text        TEXT NOT NULL,      -- cleaned text: every offset refers to it
    ingested_at TEXT NOT NULL
);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('PERSON', 'ORG', 'LOCATION')),
    subtype     TEXT,
    actor_key   TEXT,               -- curated dictionary key, when the actor is curated
    wikidata    TEXT,
    roles       TEXT NOT NULL DEFAULT '[]',   -- JSON list of titles and roles
    geo         TEXT                -- JSON object for places, when resolved
);

CREATE TABLE aliases (
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    alias       TEXT NOT NULL,
    fold        TEXT NOT NULL,      -- transliteration-folded key used for matching
    kind        TEXT NOT NULL DEFAULT 'alias',   -- name, alias, former_name
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX aliases_fold ON aliases(fold);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    source      TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_doc ON mentions(doc_id);

CREATE TABLE relations (
    id            INTEGER PRIMARY KEY,
    subject       TEXT NOT NULL REFERENCES entities(id),
    predicate     TEXT NOT NULL,
    object        TEXT NOT NULL REFERENCES entities(id),
    time_start    TEXT,
    time_end      TEXT,
    time_as_of    TEXT,
    polarity      TEXT NOT NULL DEFAULT 'asserted',
    attributed_to TEXT REFERENCES entities(id),
    confidence    REAL NOT NULL DEFAULT 0.5,
    doc_id        TEXT NOT NULL REFERENCES documents(id),
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    text          TEXT NOT NULL
);
CREATE INDEX relations_subject ON relations(subject);
CREATE INDEX relations_object ON relations(object);

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    type          TEXT NOT NULL,
    mode          TEXT,
    location      TEXT REFERENCES entities(id),
    date          TEXT,
    precision     TEXT,
    attributed_to TEXT REFERENCES entities(id),
    doc_id        TEXT NOT NULL REFERENCES documents(id),
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    text          TEXT NOT NULL
);

CREATE TABLE event_actors (
    event_id    INTEGER NOT NULL REFERENCES events(id),
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    role        TEXT NOT NULL CHECK (role IN ('source', 'target')),
    PRIMARY KEY (event_id, entity_id, role)
);
CREATE INDEX event_actors_entity ON event_actors(entity_id);

CREATE TABLE quotes (
    id          INTEGER PRIMARY KEY,
    speaker     TEXT REFERENCES entities(id),
    text        TEXT NOT NULL,
    cue         TEXT,
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL
);
CREATE INDEX quotes_speaker ON quotes(speaker);
