-- Migration 3: every place mention keeps its own point; an entity's point is chosen from all
-- of them (store/db.py refresh_entity_points), instead of being fixed at its first reading.
ALTER TABLE mentions ADD COLUMN geo TEXT;   -- JSON object, when the mention was placed
