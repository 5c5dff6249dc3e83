-- Schema version 2: resource gaps with candidate organisations, and meetings
-- with their consortia, attendees, decisions and follow-up actions.

CREATE TABLE gaps (
    id                  TEXT PRIMARY KEY,
    consortium_id       TEXT REFERENCES consortia(id) ON DELETE RESTRICT,  -- NULL: the whole initiative
    title               TEXT NOT NULL,
    kind                TEXT NOT NULL,
    role_id             TEXT REFERENCES roles(id) ON DELETE SET NULL,
    priority            TEXT NOT NULL,
    status              TEXT NOT NULL,
    estimated_cost      INTEGER NOT NULL DEFAULT 0,
    secured             INTEGER NOT NULL DEFAULT 0,
    filled_by_org_id    TEXT REFERENCES organisations(id) ON DELETE SET NULL,
    filled_by_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
    notes               TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL,
    copy_id             TEXT NOT NULL
);
CREATE UNIQUE INDEX gaps_title_in_consortium ON gaps(coalesce(consortium_id, ''), title COLLATE NOCASE);

CREATE TABLE gap_candidates (
    id              TEXT PRIMARY KEY,
    gap_id          TEXT NOT NULL REFERENCES gaps(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    stage           TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL,
    UNIQUE (gap_id, organisation_id)
);
CREATE INDEX gap_candidates_organisation ON gap_candidates(organisation_id);

CREATE TABLE meetings (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    held_on         TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    residents_women INTEGER NOT NULL DEFAULT 0,
    residents_men   INTEGER NOT NULL DEFAULT 0,
    residents_youth INTEGER NOT NULL DEFAULT 0,
    notes           TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL
);
CREATE INDEX meetings_held_on ON meetings(held_on);

CREATE TABLE meeting_consortia (
    id              TEXT PRIMARY KEY,
    meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    consortium_id   TEXT NOT NULL REFERENCES consortia(id) ON DELETE RESTRICT,
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL,
    UNIQUE (meeting_id, consortium_id)
);
CREATE INDEX meeting_consortia_consortium ON meeting_consortia(consortium_id);

CREATE TABLE meeting_attendees (
    id              TEXT PRIMARY KEY,
    meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id       TEXT NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL,
    UNIQUE (meeting_id, person_id)
);
CREATE INDEX meeting_attendees_person ON meeting_attendees(person_id);

CREATE TABLE decisions (
    id              TEXT PRIMARY KEY,
    meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL DEFAULT 0,
    text            TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL
);
CREATE INDEX decisions_meeting ON decisions(meeting_id);

CREATE TABLE actions (
    id              TEXT PRIMARY KEY,
    meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL DEFAULT 0,
    text            TEXT NOT NULL,
    owner_id        TEXT REFERENCES people(id) ON DELETE SET NULL,
    due_on          TEXT NOT NULL DEFAULT '',
    done_on         TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    copy_id         TEXT NOT NULL
);
CREATE INDEX actions_meeting ON actions(meeting_id);
CREATE INDEX actions_owner ON actions(owner_id);
