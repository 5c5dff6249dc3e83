-- Schema version 3: settings kept in the workspace itself, such as the
-- thresholds of the health checks, so that every copy checks alike.

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    copy_id     TEXT NOT NULL
);
