-- Schema version 3: settings kept in the workspace itself, such as the
-- thresholds of the health checks, so that every copy checks alike.

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    copy_id     TEXT NOT NULL
);

-- The vacancy check looks for the assignment that follows an ended one.
CREATE INDEX assignments_follows ON assignments(follows_id) WHERE follows_id IS NOT NULL;
