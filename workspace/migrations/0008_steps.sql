-- Schema version 8: steps, so that a change can be undone. Every user
-- action is one write transaction; it opens a step, and the triggers below
-- keep, for every row the action touches, the row as it was before (NULL
-- when it did not exist yet), once per step. The outer statement's conflict
-- clause would override one in a trigger, hence NOT EXISTS, not OR IGNORE.
-- Undoing a step writes those rows back as a new change of this copy, which
-- is itself a step (to redo it).
-- The change log is not kept here: an undo is logged like any change.

CREATE TABLE steps (
    id            INTEGER PRIMARY KEY,          -- in the order they were made
    at            TEXT NOT NULL,                -- the stamp of the step's changes
    author        TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT 'change', -- change, undo or redo
    action        TEXT NOT NULL DEFAULT '',     -- what it did, to name it: create, update, delete, import, merge
    entity        TEXT NOT NULL DEFAULT '',     -- the kind of record, as the change log names it
    title         TEXT NOT NULL DEFAULT '',     -- the record, or the file imported or merged
    reverses      INTEGER,                      -- for an undo or a redo: the step it reverses
    reversed_by   INTEGER,                      -- the step that reversed this one
    first_change  INTEGER NOT NULL DEFAULT 0,   -- the change log's rowids it wrote: after first_change
    last_change   INTEGER NOT NULL DEFAULT 0,   -- up to last_change
    changes       INTEGER NOT NULL DEFAULT 0,   -- entries of the change log the action named wrote
    open          INTEGER NOT NULL DEFAULT 0    -- 1 while its transaction runs
);
CREATE INDEX steps_open ON steps(open) WHERE open;

CREATE TABLE step_rows (
    step    INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
    tbl     TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    before  TEXT,                               -- the row as JSON before the step; NULL: it did not exist
    UNIQUE (step, tbl, row_id)                  -- the one index: every insert of an import pays for it
);

CREATE TRIGGER step_insert_initiative BEFORE INSERT ON initiative BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'initiative', NEW.id, (SELECT json_object('id', id, 'name', name, 'settlement', settlement, 'city', city, 'country', country,
            'vision', vision, 'currency', currency, 'language', language, 'created_at', created_at,
            'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM initiative WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'initiative' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_initiative BEFORE UPDATE ON initiative BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'initiative', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'settlement', OLD.settlement, 'city', OLD.city,
            'country', OLD.country, 'vision', OLD.vision, 'currency', OLD.currency,
            'language', OLD.language, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'initiative' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'initiative', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'initiative' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_initiative BEFORE DELETE ON initiative BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'initiative', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'settlement', OLD.settlement, 'city', OLD.city,
            'country', OLD.country, 'vision', OLD.vision, 'currency', OLD.currency,
            'language', OLD.language, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'initiative' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_sectors BEFORE INSERT ON sectors BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'sectors', NEW.id, (SELECT json_object('id', id, 'name', name, 'description', description, 'position', position,
            'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM sectors WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'sectors' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_sectors BEFORE UPDATE ON sectors BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'sectors', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'description', OLD.description,
            'position', OLD.position, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'sectors' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'sectors', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'sectors' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_sectors BEFORE DELETE ON sectors BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'sectors', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'description', OLD.description,
            'position', OLD.position, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'sectors' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_organisations BEFORE INSERT ON organisations BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'organisations', NEW.id, (SELECT json_object('id', id, 'name', name, 'acronym', acronym, 'kind', kind, 'base', base,
            'interests', interests, 'commitment', commitment, 'stance', stance,
            'influence', influence, 'notes', notes, 'updated_at', updated_at, 'copy_id', copy_id,
            'arrived_at', arrived_at) FROM organisations WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'organisations' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_organisations BEFORE UPDATE ON organisations BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'organisations', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'acronym', OLD.acronym, 'kind', OLD.kind,
            'base', OLD.base, 'interests', OLD.interests, 'commitment', OLD.commitment,
            'stance', OLD.stance, 'influence', OLD.influence, 'notes', OLD.notes,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'organisations' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'organisations', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'organisations' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_organisations BEFORE DELETE ON organisations BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'organisations', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'acronym', OLD.acronym, 'kind', OLD.kind,
            'base', OLD.base, 'interests', OLD.interests, 'commitment', OLD.commitment,
            'stance', OLD.stance, 'influence', OLD.influence, 'notes', OLD.notes,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'organisations' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_organisation_sectors BEFORE INSERT ON organisation_sectors BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'organisation_sectors', NEW.id, (SELECT json_object('id', id, 'organisation_id', organisation_id, 'sector_id', sector_id,
            'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM organisation_sectors WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'organisation_sectors' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_organisation_sectors BEFORE UPDATE ON organisation_sectors BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'organisation_sectors', OLD.id, json_object('id', OLD.id, 'organisation_id', OLD.organisation_id, 'sector_id', OLD.sector_id,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'organisation_sectors' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'organisation_sectors', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'organisation_sectors' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_organisation_sectors BEFORE DELETE ON organisation_sectors BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'organisation_sectors', OLD.id, json_object('id', OLD.id, 'organisation_id', OLD.organisation_id, 'sector_id', OLD.sector_id,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'organisation_sectors' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_units BEFORE INSERT ON units BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'units', NEW.id, (SELECT json_object('id', id, 'parent_id', parent_id, 'level', level, 'name', name,
            'households', households, 'updated_at', updated_at, 'copy_id', copy_id,
            'arrived_at', arrived_at) FROM units WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'units' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_units BEFORE UPDATE ON units BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'units', OLD.id, json_object('id', OLD.id, 'parent_id', OLD.parent_id, 'level', OLD.level, 'name', OLD.name,
            'households', OLD.households, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'units' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'units', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'units' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_units BEFORE DELETE ON units BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'units', OLD.id, json_object('id', OLD.id, 'parent_id', OLD.parent_id, 'level', OLD.level, 'name', OLD.name,
            'households', OLD.households, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'units' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_people BEFORE INSERT ON people BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'people', NEW.id, (SELECT json_object('id', id, 'name', name, 'organisation_id', organisation_id, 'position', position,
            'phone', phone, 'email', email, 'gender', gender, 'age_band', age_band,
            'home_unit_id', home_unit_id, 'notes', notes, 'updated_at', updated_at,
            'copy_id', copy_id, 'arrived_at', arrived_at, 'resident', resident,
            'survey_id', survey_id, 'household_size', household_size,
            'household_women', household_women, 'household_men', household_men,
            'household_children', household_children, 'household_youth', household_youth) FROM people WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'people' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_people BEFORE UPDATE ON people BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'people', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'organisation_id', OLD.organisation_id,
            'position', OLD.position, 'phone', OLD.phone, 'email', OLD.email, 'gender', OLD.gender,
            'age_band', OLD.age_band, 'home_unit_id', OLD.home_unit_id, 'notes', OLD.notes,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at,
            'resident', OLD.resident, 'survey_id', OLD.survey_id,
            'household_size', OLD.household_size, 'household_women', OLD.household_women,
            'household_men', OLD.household_men, 'household_children', OLD.household_children,
            'household_youth', OLD.household_youth)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'people' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'people', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'people' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_people BEFORE DELETE ON people BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'people', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'organisation_id', OLD.organisation_id,
            'position', OLD.position, 'phone', OLD.phone, 'email', OLD.email, 'gender', OLD.gender,
            'age_band', OLD.age_band, 'home_unit_id', OLD.home_unit_id, 'notes', OLD.notes,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at,
            'resident', OLD.resident, 'survey_id', OLD.survey_id,
            'household_size', OLD.household_size, 'household_women', OLD.household_women,
            'household_men', OLD.household_men, 'household_children', OLD.household_children,
            'household_youth', OLD.household_youth)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'people' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_consortia BEFORE INSERT ON consortia BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortia', NEW.id, (SELECT json_object('id', id, 'code', code, 'name', name, 'purpose', purpose, 'status', status,
            'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM consortia WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortia' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_consortia BEFORE UPDATE ON consortia BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortia', OLD.id, json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'purpose', OLD.purpose,
            'status', OLD.status, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortia' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortia', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortia' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_consortia BEFORE DELETE ON consortia BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortia', OLD.id, json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'purpose', OLD.purpose,
            'status', OLD.status, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortia' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_consortium_sectors BEFORE INSERT ON consortium_sectors BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortium_sectors', NEW.id, (SELECT json_object('id', id, 'consortium_id', consortium_id, 'sector_id', sector_id,
            'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM consortium_sectors WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortium_sectors' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_consortium_sectors BEFORE UPDATE ON consortium_sectors BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortium_sectors', OLD.id, json_object('id', OLD.id, 'consortium_id', OLD.consortium_id, 'sector_id', OLD.sector_id,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortium_sectors' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortium_sectors', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortium_sectors' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_consortium_sectors BEFORE DELETE ON consortium_sectors BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortium_sectors', OLD.id, json_object('id', OLD.id, 'consortium_id', OLD.consortium_id, 'sector_id', OLD.sector_id,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortium_sectors' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_consortium_members BEFORE INSERT ON consortium_members BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortium_members', NEW.id, (SELECT json_object('id', id, 'consortium_id', consortium_id, 'organisation_id', organisation_id,
            'contribution', contribution, 'joined_on', joined_on, 'left_on', left_on,
            'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM consortium_members WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortium_members' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_consortium_members BEFORE UPDATE ON consortium_members BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortium_members', OLD.id, json_object('id', OLD.id, 'consortium_id', OLD.consortium_id,
            'organisation_id', OLD.organisation_id, 'contribution', OLD.contribution,
            'joined_on', OLD.joined_on, 'left_on', OLD.left_on, 'updated_at', OLD.updated_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortium_members' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortium_members', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortium_members' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_consortium_members BEFORE DELETE ON consortium_members BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'consortium_members', OLD.id, json_object('id', OLD.id, 'consortium_id', OLD.consortium_id,
            'organisation_id', OLD.organisation_id, 'contribution', OLD.contribution,
            'joined_on', OLD.joined_on, 'left_on', OLD.left_on, 'updated_at', OLD.updated_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'consortium_members' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_roles BEFORE INSERT ON roles BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'roles', NEW.id, (SELECT json_object('id', id, 'key', key, 'name', name, 'role_group', role_group, 'scope', scope,
            'unit_level', unit_level, 'is_key', is_key, 'holder', holder,
            'description', description, 'responsibilities', responsibilities, 'position', position,
            'retired_on', retired_on, 'updated_at', updated_at, 'copy_id', copy_id,
            'arrived_at', arrived_at) FROM roles WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'roles' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_roles BEFORE UPDATE ON roles BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'roles', OLD.id, json_object('id', OLD.id, 'key', OLD.key, 'name', OLD.name, 'role_group', OLD.role_group,
            'scope', OLD.scope, 'unit_level', OLD.unit_level, 'is_key', OLD.is_key,
            'holder', OLD.holder, 'description', OLD.description,
            'responsibilities', OLD.responsibilities, 'position', OLD.position,
            'retired_on', OLD.retired_on, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'roles' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'roles', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'roles' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_roles BEFORE DELETE ON roles BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'roles', OLD.id, json_object('id', OLD.id, 'key', OLD.key, 'name', OLD.name, 'role_group', OLD.role_group,
            'scope', OLD.scope, 'unit_level', OLD.unit_level, 'is_key', OLD.is_key,
            'holder', OLD.holder, 'description', OLD.description,
            'responsibilities', OLD.responsibilities, 'position', OLD.position,
            'retired_on', OLD.retired_on, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'roles' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_assignments BEFORE INSERT ON assignments BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'assignments', NEW.id, (SELECT json_object('id', id, 'role_id', role_id, 'person_id', person_id,
            'organisation_id', organisation_id, 'consortium_id', consortium_id, 'unit_id', unit_id,
            'start_on', start_on, 'end_on', end_on, 'end_reason', end_reason,
            'follows_id', follows_id, 'notes', notes, 'updated_at', updated_at, 'copy_id', copy_id,
            'arrived_at', arrived_at) FROM assignments WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'assignments' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_assignments BEFORE UPDATE ON assignments BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'assignments', OLD.id, json_object('id', OLD.id, 'role_id', OLD.role_id, 'person_id', OLD.person_id,
            'organisation_id', OLD.organisation_id, 'consortium_id', OLD.consortium_id,
            'unit_id', OLD.unit_id, 'start_on', OLD.start_on, 'end_on', OLD.end_on,
            'end_reason', OLD.end_reason, 'follows_id', OLD.follows_id, 'notes', OLD.notes,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'assignments' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'assignments', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'assignments' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_assignments BEFORE DELETE ON assignments BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'assignments', OLD.id, json_object('id', OLD.id, 'role_id', OLD.role_id, 'person_id', OLD.person_id,
            'organisation_id', OLD.organisation_id, 'consortium_id', OLD.consortium_id,
            'unit_id', OLD.unit_id, 'start_on', OLD.start_on, 'end_on', OLD.end_on,
            'end_reason', OLD.end_reason, 'follows_id', OLD.follows_id, 'notes', OLD.notes,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'assignments' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_tombstones BEFORE INSERT ON tombstones BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'tombstones', NEW.id, (SELECT json_object('id', id, 'entity', entity, 'deleted_at', deleted_at, 'copy_id', copy_id,
            'arrived_at', arrived_at, 'replaced_by', replaced_by) FROM tombstones WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'tombstones' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_tombstones BEFORE UPDATE ON tombstones BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'tombstones', OLD.id, json_object('id', OLD.id, 'entity', OLD.entity, 'deleted_at', OLD.deleted_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at, 'replaced_by', OLD.replaced_by)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'tombstones' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'tombstones', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'tombstones' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_tombstones BEFORE DELETE ON tombstones BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'tombstones', OLD.id, json_object('id', OLD.id, 'entity', OLD.entity, 'deleted_at', OLD.deleted_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at, 'replaced_by', OLD.replaced_by)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'tombstones' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_gaps BEFORE INSERT ON gaps BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'gaps', NEW.id, (SELECT json_object('id', id, 'consortium_id', consortium_id, 'title', title, 'kind', kind,
            'role_id', role_id, 'priority', priority, 'status', status,
            'estimated_cost', estimated_cost, 'secured', secured,
            'filled_by_org_id', filled_by_org_id, 'filled_by_person_id', filled_by_person_id,
            'notes', notes, 'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM gaps WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'gaps' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_gaps BEFORE UPDATE ON gaps BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'gaps', OLD.id, json_object('id', OLD.id, 'consortium_id', OLD.consortium_id, 'title', OLD.title, 'kind', OLD.kind,
            'role_id', OLD.role_id, 'priority', OLD.priority, 'status', OLD.status,
            'estimated_cost', OLD.estimated_cost, 'secured', OLD.secured,
            'filled_by_org_id', OLD.filled_by_org_id,
            'filled_by_person_id', OLD.filled_by_person_id, 'notes', OLD.notes,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'gaps' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'gaps', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'gaps' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_gaps BEFORE DELETE ON gaps BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'gaps', OLD.id, json_object('id', OLD.id, 'consortium_id', OLD.consortium_id, 'title', OLD.title, 'kind', OLD.kind,
            'role_id', OLD.role_id, 'priority', OLD.priority, 'status', OLD.status,
            'estimated_cost', OLD.estimated_cost, 'secured', OLD.secured,
            'filled_by_org_id', OLD.filled_by_org_id,
            'filled_by_person_id', OLD.filled_by_person_id, 'notes', OLD.notes,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'gaps' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_gap_candidates BEFORE INSERT ON gap_candidates BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'gap_candidates', NEW.id, (SELECT json_object('id', id, 'gap_id', gap_id, 'organisation_id', organisation_id, 'stage', stage,
            'notes', notes, 'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM gap_candidates WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'gap_candidates' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_gap_candidates BEFORE UPDATE ON gap_candidates BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'gap_candidates', OLD.id, json_object('id', OLD.id, 'gap_id', OLD.gap_id, 'organisation_id', OLD.organisation_id,
            'stage', OLD.stage, 'notes', OLD.notes, 'updated_at', OLD.updated_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'gap_candidates' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'gap_candidates', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'gap_candidates' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_gap_candidates BEFORE DELETE ON gap_candidates BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'gap_candidates', OLD.id, json_object('id', OLD.id, 'gap_id', OLD.gap_id, 'organisation_id', OLD.organisation_id,
            'stage', OLD.stage, 'notes', OLD.notes, 'updated_at', OLD.updated_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'gap_candidates' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_meetings BEFORE INSERT ON meetings BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meetings', NEW.id, (SELECT json_object('id', id, 'kind', kind, 'title', title, 'held_on', held_on, 'place', place,
            'residents_women', residents_women, 'residents_men', residents_men,
            'residents_youth', residents_youth, 'notes', notes, 'updated_at', updated_at,
            'copy_id', copy_id, 'arrived_at', arrived_at) FROM meetings WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meetings' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_meetings BEFORE UPDATE ON meetings BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meetings', OLD.id, json_object('id', OLD.id, 'kind', OLD.kind, 'title', OLD.title, 'held_on', OLD.held_on,
            'place', OLD.place, 'residents_women', OLD.residents_women,
            'residents_men', OLD.residents_men, 'residents_youth', OLD.residents_youth,
            'notes', OLD.notes, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meetings' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meetings', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meetings' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_meetings BEFORE DELETE ON meetings BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meetings', OLD.id, json_object('id', OLD.id, 'kind', OLD.kind, 'title', OLD.title, 'held_on', OLD.held_on,
            'place', OLD.place, 'residents_women', OLD.residents_women,
            'residents_men', OLD.residents_men, 'residents_youth', OLD.residents_youth,
            'notes', OLD.notes, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meetings' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_meeting_consortia BEFORE INSERT ON meeting_consortia BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meeting_consortia', NEW.id, (SELECT json_object('id', id, 'meeting_id', meeting_id, 'consortium_id', consortium_id,
            'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM meeting_consortia WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meeting_consortia' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_meeting_consortia BEFORE UPDATE ON meeting_consortia BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meeting_consortia', OLD.id, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'consortium_id', OLD.consortium_id,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meeting_consortia' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meeting_consortia', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meeting_consortia' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_meeting_consortia BEFORE DELETE ON meeting_consortia BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meeting_consortia', OLD.id, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'consortium_id', OLD.consortium_id,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meeting_consortia' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_meeting_attendees BEFORE INSERT ON meeting_attendees BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meeting_attendees', NEW.id, (SELECT json_object('id', id, 'meeting_id', meeting_id, 'person_id', person_id, 'updated_at', updated_at,
            'copy_id', copy_id, 'arrived_at', arrived_at) FROM meeting_attendees WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meeting_attendees' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_meeting_attendees BEFORE UPDATE ON meeting_attendees BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meeting_attendees', OLD.id, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'person_id', OLD.person_id,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meeting_attendees' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meeting_attendees', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meeting_attendees' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_meeting_attendees BEFORE DELETE ON meeting_attendees BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'meeting_attendees', OLD.id, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'person_id', OLD.person_id,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'meeting_attendees' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_decisions BEFORE INSERT ON decisions BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'decisions', NEW.id, (SELECT json_object('id', id, 'meeting_id', meeting_id, 'position', position, 'text', text,
            'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM decisions WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'decisions' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_decisions BEFORE UPDATE ON decisions BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'decisions', OLD.id, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'text', OLD.text,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'decisions' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'decisions', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'decisions' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_decisions BEFORE DELETE ON decisions BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'decisions', OLD.id, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'text', OLD.text,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'decisions' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_actions BEFORE INSERT ON actions BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'actions', NEW.id, (SELECT json_object('id', id, 'meeting_id', meeting_id, 'position', position, 'text', text,
            'owner_id', owner_id, 'due_on', due_on, 'done_on', done_on, 'updated_at', updated_at,
            'copy_id', copy_id, 'arrived_at', arrived_at) FROM actions WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'actions' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_actions BEFORE UPDATE ON actions BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'actions', OLD.id, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'text', OLD.text,
            'owner_id', OLD.owner_id, 'due_on', OLD.due_on, 'done_on', OLD.done_on,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'actions' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'actions', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'actions' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_actions BEFORE DELETE ON actions BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'actions', OLD.id, json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'text', OLD.text,
            'owner_id', OLD.owner_id, 'due_on', OLD.due_on, 'done_on', OLD.done_on,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'actions' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER step_insert_settings BEFORE INSERT ON settings BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'settings', NEW.key, (SELECT json_object('key', key, 'value', value, 'updated_at', updated_at, 'copy_id', copy_id,
            'arrived_at', arrived_at) FROM settings WHERE key = NEW.key)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'settings' AND x.row_id = NEW.key AND x.step = s.id);
END;
CREATE TRIGGER step_update_settings BEFORE UPDATE ON settings BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'settings', OLD.key, json_object('key', OLD.key, 'value', OLD.value, 'updated_at', OLD.updated_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'settings' AND x.row_id = OLD.key AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'settings', NEW.key, NULL FROM steps s WHERE s.open AND NEW.key IS NOT OLD.key
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'settings' AND x.row_id = NEW.key AND x.step = s.id);
END;
CREATE TRIGGER step_delete_settings BEFORE DELETE ON settings BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'settings', OLD.key, json_object('key', OLD.key, 'value', OLD.value, 'updated_at', OLD.updated_at,
            'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'settings' AND x.row_id = OLD.key AND x.step = s.id);
END;

CREATE TRIGGER step_insert_activities BEFORE INSERT ON activities BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'activities', NEW.id, (SELECT json_object('id', id, 'organisation_id', organisation_id, 'sector_id', sector_id,
            'unit_id', unit_id, 'place', place, 'description', description, 'status', status,
            'start_on', start_on, 'end_on', end_on, 'notes', notes, 'updated_at', updated_at,
            'copy_id', copy_id, 'arrived_at', arrived_at) FROM activities WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'activities' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_activities BEFORE UPDATE ON activities BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'activities', OLD.id, json_object('id', OLD.id, 'organisation_id', OLD.organisation_id, 'sector_id', OLD.sector_id,
            'unit_id', OLD.unit_id, 'place', OLD.place, 'description', OLD.description,
            'status', OLD.status, 'start_on', OLD.start_on, 'end_on', OLD.end_on,
            'notes', OLD.notes, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'activities' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'activities', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'activities' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_activities BEFORE DELETE ON activities BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'activities', OLD.id, json_object('id', OLD.id, 'organisation_id', OLD.organisation_id, 'sector_id', OLD.sector_id,
            'unit_id', OLD.unit_id, 'place', OLD.place, 'description', OLD.description,
            'status', OLD.status, 'start_on', OLD.start_on, 'end_on', OLD.end_on,
            'notes', OLD.notes, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id,
            'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'activities' AND x.row_id = OLD.id AND x.step = s.id);
END;

-- What this copy knows of the copies it met changes with a merge, and goes
-- back with the merge's undo: the next merge then sees both copies'
-- changes since as new, and a change the undo reverted as a conflict.
CREATE TRIGGER step_insert_copy_meetings BEFORE INSERT ON copy_meetings BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'copy_meetings', NEW.peer_copy_id, (SELECT json_object('peer_copy_id', peer_copy_id, 'their_high', their_high, 'our_high', our_high, 'met_at', met_at) FROM copy_meetings WHERE peer_copy_id = NEW.peer_copy_id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'copy_meetings' AND x.row_id = NEW.peer_copy_id AND x.step = s.id);
END;
CREATE TRIGGER step_update_copy_meetings BEFORE UPDATE ON copy_meetings BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'copy_meetings', OLD.peer_copy_id, json_object('peer_copy_id', OLD.peer_copy_id, 'their_high', OLD.their_high, 'our_high', OLD.our_high, 'met_at', OLD.met_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'copy_meetings' AND x.row_id = OLD.peer_copy_id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'copy_meetings', NEW.peer_copy_id, NULL FROM steps s WHERE s.open AND NEW.peer_copy_id IS NOT OLD.peer_copy_id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'copy_meetings' AND x.row_id = NEW.peer_copy_id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_copy_meetings BEFORE DELETE ON copy_meetings BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'copy_meetings', OLD.peer_copy_id, json_object('peer_copy_id', OLD.peer_copy_id, 'their_high', OLD.their_high, 'our_high', OLD.our_high, 'met_at', OLD.met_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'copy_meetings' AND x.row_id = OLD.peer_copy_id AND x.step = s.id);
END;
