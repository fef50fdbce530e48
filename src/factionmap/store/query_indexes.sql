-- Migration: indexes the query layer needs on a large store. An actor's events include
-- those at it as a place (events.location), which without an index scanned every event; its
-- mentions are read in document order.
CREATE INDEX events_location ON events(location);
CREATE INDEX mentions_entity_doc ON mentions(entity_id, doc_id, start);
