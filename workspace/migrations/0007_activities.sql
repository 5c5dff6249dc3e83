-- Schema version 7: what each organisation does where. A partner's 3W/4W
-- matrix (who does what where) gives, row by row, an activity of an
-- organisation, in a sector, at a place: the community unit when the
-- place names one, else the place as the partner wrote it, with its status
-- and dates. An activity belongs to its organisation and goes with it; a
-- unit in use cannot be deleted; a sector deleted leaves the activity
-- without one.

CREATE TABLE activities (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    sector_id       TEXT REFERENCES sectors(id) ON DELETE SET NULL,
    unit_id         TEXT REFERENCES units(id) ON DELETE RESTRICT,
    place           TEXT NOT NULL DEFAULT '',   -- where, as written, when it names no unit
    description     TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT '',   -- planned, ongoing, completed; '' not recorded
    start_on        TEXT NOT NULL DEFAULT '',
    end_on          TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL,
    arrived_at      TEXT NOT NULL DEFAULT ''
);
-- One organisation's activity at one place in one sector is one record: a
-- 3W imported again, or the same activity entered in two copies, finds it.
CREATE UNIQUE INDEX activities_natural ON activities(organisation_id, coalesce(unit_id, ''), place COLLATE NOCASE,
    coalesce(sector_id, ''), description COLLATE NOCASE);
CREATE INDEX activities_unit ON activities(unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX activities_sector ON activities(sector_id) WHERE sector_id IS NOT NULL;
