-- Schema version 4: what this copy knows of the copies it met. When a copy
-- is made, or another copy is merged in, the highest change stamp of each
-- side is kept, so that the next merge can tell what changed on which side
-- since then.

CREATE TABLE copy_meetings (
    peer_copy_id    TEXT PRIMARY KEY,   -- the other copy
    their_high      TEXT NOT NULL,      -- the newest stamp of theirs we had seen
    our_high        TEXT NOT NULL,      -- our newest stamp right after meeting them
    met_at          TEXT NOT NULL
);

-- When a row came in from another copy, the time it arrived here, which can
-- be later than the time it was changed (updated_at, which travels with the
-- row). A copy merging this one later counts the row as new since they met.
-- Rows changed here leave it empty: their updated_at is their arrival.
ALTER TABLE initiative ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE sectors ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE consortia ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE consortium_members ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE roles ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE assignments ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE gap_candidates ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation_sectors ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE consortium_sectors ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting_consortia ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting_attendees ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE tombstones ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';

-- A deletion that only gave a record the id another copy chose for it (the
-- same partner entered in two copies) names that id, so that other copies
-- make the same change instead of deleting the record.
ALTER TABLE tombstones ADD COLUMN replaced_by TEXT NOT NULL DEFAULT '';
