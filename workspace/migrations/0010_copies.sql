-- Schema version 10: copies made for sharing. A copy may be made without its
-- people's contact details (phone, e-mail), or without those and the fields
-- the law counts as sensitive (gender, age band). It remembers what it was
-- made without, and since when, so that merging or syncing it never reads the
-- fields it lacks as deletions, and never lets them in. Copies made of it
-- are made without them too.
ALTER TABLE this_copy ADD COLUMN left_out TEXT NOT NULL DEFAULT ''
    CHECK (left_out IN ('', 'contacts', 'contacts sensitive'));
ALTER TABLE this_copy ADD COLUMN left_out_at TEXT NOT NULL DEFAULT '';  -- when they were first left out

-- Every copy this workspace made: when, by whom, for whom, and what it left
-- out. The register is this file's own: a copy starts an empty one.
CREATE TABLE copies_made (
    copy_id   TEXT PRIMARY KEY,            -- the copy's own id
    made_at   TEXT NOT NULL,
    made_by   TEXT NOT NULL DEFAULT '',
    made_for  TEXT NOT NULL DEFAULT '',
    left_out  TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT ''     -- the copy's name, without its folder
);
