-- Migration: which extractor mechanism proposed each relation (records.py Relation.mechanism),
-- so precision can be read per mechanism and a reader sees how a fact was found. Relations
-- stored before it have none recorded.
ALTER TABLE relations ADD COLUMN mechanism TEXT NOT NULL DEFAULT '';
