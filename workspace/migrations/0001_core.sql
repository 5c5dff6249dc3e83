-- Schema version 1: the initiative, its sectors, partners, people, consortia,
-- the role catalogue, role assignments, the community structure, the change log
-- and tombstones. Every row carries a UUID key, updated_at and the id of the
-- copy that last changed it, so that copies edited apart can be merged.

CREATE TABLE initiative (
    id          TEXT PRIMARY KEY,             -- the workspace id, shared by all copies
    name        TEXT NOT NULL,
    settlement  TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    vision      TEXT NOT NULL DEFAULT '',
    currency    TEXT NOT NULL DEFAULT 'KES',
    language    TEXT NOT NULL DEFAULT 'en',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    copy_id     TEXT NOT NULL
);

-- This file's own identity: one row. A copy made for sharing gets a new copy_id.
CREATE TABLE this_copy (
    copy_id     TEXT PRIMARY KEY,
    made_at     TEXT NOT NULL,
    made_from   TEXT NOT NULL DEFAULT ''       -- copy_id of the file it was copied from
);

CREATE TABLE sectors (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    copy_id     TEXT NOT NULL
);

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    acronym     TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    kind        TEXT NOT NULL,
    base        TEXT NOT NULL,
    interests   TEXT NOT NULL DEFAULT '',
    commitment  TEXT NOT NULL,
    stance      TEXT NOT NULL,
    influence   TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    copy_id     TEXT NOT NULL
);
CREATE UNIQUE INDEX organisations_acronym ON organisations(acronym) WHERE acronym <> '';

CREATE TABLE organisation_sectors (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    sector_id       TEXT NOT NULL REFERENCES sectors(id) ON DELETE CASCADE,
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL,
    UNIQUE (organisation_id, sector_id)
);
CREATE INDEX organisation_sectors_sector ON organisation_sectors(sector_id);

CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    parent_id   TEXT REFERENCES units(id) ON DELETE RESTRICT,
    level       TEXT NOT NULL,                  -- area, segment, cluster, cell
    name        TEXT NOT NULL,
    households  INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    copy_id     TEXT NOT NULL
);
CREATE UNIQUE INDEX units_name_in_parent ON units(coalesce(parent_id, ''), name COLLATE NOCASE);
CREATE INDEX units_level ON units(level);

CREATE TABLE people (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    organisation_id TEXT REFERENCES organisations(id) ON DELETE RESTRICT,
    position        TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    gender          TEXT NOT NULL DEFAULT '',
    age_band        TEXT NOT NULL DEFAULT '',
    resident        INTEGER NOT NULL DEFAULT 0,
    home_unit_id    TEXT REFERENCES units(id) ON DELETE RESTRICT,
    notes           TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL
);
CREATE INDEX people_organisation ON people(organisation_id);
CREATE INDEX people_home_unit ON people(home_unit_id);
CREATE INDEX people_name ON people(name COLLATE NOCASE);

CREATE TABLE consortia (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    purpose     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    copy_id     TEXT NOT NULL
);

CREATE TABLE consortium_sectors (
    id              TEXT PRIMARY KEY,
    consortium_id   TEXT NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
    sector_id       TEXT NOT NULL REFERENCES sectors(id) ON DELETE CASCADE,
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL,
    UNIQUE (consortium_id, sector_id)
);

CREATE TABLE consortium_members (
    id              TEXT PRIMARY KEY,
    consortium_id   TEXT NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    contribution    TEXT NOT NULL DEFAULT '',
    joined_on       TEXT NOT NULL DEFAULT '',
    left_on         TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL
);
CREATE INDEX consortium_members_consortium ON consortium_members(consortium_id);
CREATE INDEX consortium_members_organisation ON consortium_members(organisation_id);

CREATE TABLE roles (
    id                  TEXT PRIMARY KEY,
    key                 TEXT UNIQUE,            -- stable key of a seeded role; NULL for roles users add
    name                TEXT NOT NULL COLLATE NOCASE UNIQUE,
    role_group          TEXT NOT NULL,
    scope               TEXT NOT NULL,          -- initiative, consortium, unit
    unit_level          TEXT NOT NULL DEFAULT '',
    is_key              INTEGER NOT NULL DEFAULT 0,
    holder              TEXT NOT NULL,          -- person, organisation, either
    description         TEXT NOT NULL DEFAULT '',
    responsibilities    TEXT NOT NULL DEFAULT '',
    position            INTEGER NOT NULL DEFAULT 0,
    retired_on          TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL,
    copy_id             TEXT NOT NULL
);

CREATE TABLE assignments (
    id              TEXT PRIMARY KEY,
    role_id         TEXT NOT NULL REFERENCES roles(id) ON DELETE RESTRICT,
    person_id       TEXT REFERENCES people(id) ON DELETE RESTRICT,
    organisation_id TEXT REFERENCES organisations(id) ON DELETE RESTRICT,
    consortium_id   TEXT REFERENCES consortia(id) ON DELETE RESTRICT,
    unit_id         TEXT REFERENCES units(id) ON DELETE RESTRICT,
    start_on        TEXT NOT NULL,
    end_on          TEXT NOT NULL DEFAULT '',
    end_reason      TEXT NOT NULL DEFAULT '',
    follows_id      TEXT REFERENCES assignments(id) ON DELETE SET NULL,
    notes           TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL,
    CHECK ((person_id IS NULL) <> (organisation_id IS NULL))
);
CREATE INDEX assignments_role ON assignments(role_id);
CREATE INDEX assignments_person ON assignments(person_id);
CREATE INDEX assignments_organisation ON assignments(organisation_id);
CREATE INDEX assignments_consortium ON assignments(consortium_id);
CREATE INDEX assignments_unit ON assignments(unit_id);

CREATE TABLE changes (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT '',
    copy_id     TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,                  -- create, update, delete
    summary     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX changes_at ON changes(at);
CREATE INDEX changes_entity ON changes(entity, entity_id);

-- A deleted row leaves its id here so that a merge does not bring it back.
CREATE TABLE tombstones (
    id          TEXT PRIMARY KEY,
    entity      TEXT NOT NULL,
    deleted_at  TEXT NOT NULL,
    copy_id     TEXT NOT NULL
);
