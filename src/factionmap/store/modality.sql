-- Migration: how surely each event and relation holds, as its frame tells it (records.py
-- Modality). Events stored before it were all told as having happened; relations keep their
-- polarity's reading (a denial is negated, a possibility possible).
ALTER TABLE events ADD COLUMN modality TEXT NOT NULL DEFAULT 'asserted';
ALTER TABLE relations ADD COLUMN modality TEXT NOT NULL DEFAULT 'asserted';
UPDATE relations SET modality = polarity WHERE polarity IN ('negated', 'possible');
CREATE INDEX events_modality ON events(modality);
-- Whether an event's date is one its clause gives ('text') or, for news told as happening at
-- the time of the report with no date of its own, the report's date ('reported').
ALTER TABLE events ADD COLUMN date_basis TEXT;
UPDATE events SET date_basis = 'text' WHERE date IS NOT NULL;
