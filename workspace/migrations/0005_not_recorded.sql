-- Schema version 5: what nobody recorded stays not recorded. Whether a
-- person lives in the settlement may now be unknown (NULL) besides yes (1)
-- and no (0); an organisation's base, commitment and influence and a
-- consortium's status may be empty, which their columns always allowed.
-- SQLite cannot drop a NOT NULL constraint in place: the column is made
-- anew beside the old one, which then goes. Existing answers are kept.

ALTER TABLE people RENAME COLUMN resident TO resident_before_5;
ALTER TABLE people ADD COLUMN resident INTEGER CHECK (resident IN (0, 1));
UPDATE people SET resident = resident_before_5;
ALTER TABLE people DROP COLUMN resident_before_5;
