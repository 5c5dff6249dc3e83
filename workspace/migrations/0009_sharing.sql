-- Schema version 9, for sharing: when each field of a record was last changed, and by
-- which copy, so that two copies changing different fields of one record
-- both keep their change when they merge. A field with no row here has not
-- changed since its record was made. Local edits are noted by the triggers
-- below (arrived_at ''); a merge writes the stamps of the values it takes,
-- with when they arrived, after the trigger (which it overrides).
-- A later migration adding a column to one of these tables must recreate its
-- field trigger with the new column.

-- A copy that syncs through a shared place (a folder, a county server)
-- remembers it, and when it last synced; neither travels with a copy.
ALTER TABLE this_copy ADD COLUMN sync_place TEXT NOT NULL DEFAULT '';
ALTER TABLE this_copy ADD COLUMN last_synced TEXT NOT NULL DEFAULT '';

CREATE TABLE field_stamps (
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    col         TEXT NOT NULL,
    updated_at  TEXT NOT NULL,               -- when the field was changed, in the copy that changed it
    copy_id     TEXT NOT NULL,               -- the copy that changed it
    arrived_at  TEXT NOT NULL DEFAULT '',    -- when that change arrived here from another copy ('' made here)
    PRIMARY KEY (tbl, row_id, col)
);

CREATE TRIGGER fields_update_initiative AFTER UPDATE ON initiative WHEN NEW.name IS NOT OLD.name OR NEW.settlement IS NOT OLD.settlement OR NEW.city IS NOT OLD.city OR NEW.country IS NOT OLD.country OR NEW.vision IS NOT OLD.vision OR NEW.currency IS NOT OLD.currency OR NEW.language IS NOT OLD.language OR NEW.created_at IS NOT OLD.created_at BEGIN
    DELETE FROM field_stamps WHERE tbl = 'initiative' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'settlement' WHERE NEW.settlement IS NOT OLD.settlement
            UNION ALL SELECT 'city' WHERE NEW.city IS NOT OLD.city
            UNION ALL SELECT 'country' WHERE NEW.country IS NOT OLD.country
            UNION ALL SELECT 'vision' WHERE NEW.vision IS NOT OLD.vision
            UNION ALL SELECT 'currency' WHERE NEW.currency IS NOT OLD.currency
            UNION ALL SELECT 'language' WHERE NEW.language IS NOT OLD.language
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'initiative', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'name' AS c WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'settlement' WHERE NEW.settlement IS NOT OLD.settlement
            UNION ALL SELECT 'city' WHERE NEW.city IS NOT OLD.city
            UNION ALL SELECT 'country' WHERE NEW.country IS NOT OLD.country
            UNION ALL SELECT 'vision' WHERE NEW.vision IS NOT OLD.vision
            UNION ALL SELECT 'currency' WHERE NEW.currency IS NOT OLD.currency
            UNION ALL SELECT 'language' WHERE NEW.language IS NOT OLD.language
            UNION ALL SELECT 'created_at' WHERE NEW.created_at IS NOT OLD.created_at);
END;
CREATE TRIGGER fields_delete_initiative AFTER DELETE ON initiative BEGIN
    DELETE FROM field_stamps WHERE tbl = 'initiative' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_sectors AFTER UPDATE ON sectors WHEN NEW.name IS NOT OLD.name OR NEW.description IS NOT OLD.description OR NEW.position IS NOT OLD.position BEGIN
    DELETE FROM field_stamps WHERE tbl = 'sectors' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'description' WHERE NEW.description IS NOT OLD.description
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'sectors', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'name' AS c WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'description' WHERE NEW.description IS NOT OLD.description
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position);
END;
CREATE TRIGGER fields_delete_sectors AFTER DELETE ON sectors BEGIN
    DELETE FROM field_stamps WHERE tbl = 'sectors' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_organisations AFTER UPDATE ON organisations WHEN NEW.name IS NOT OLD.name OR NEW.acronym IS NOT OLD.acronym OR NEW.kind IS NOT OLD.kind OR NEW.base IS NOT OLD.base OR NEW.interests IS NOT OLD.interests OR NEW.commitment IS NOT OLD.commitment OR NEW.stance IS NOT OLD.stance OR NEW.influence IS NOT OLD.influence OR NEW.notes IS NOT OLD.notes BEGIN
    DELETE FROM field_stamps WHERE tbl = 'organisations' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'acronym' WHERE NEW.acronym IS NOT OLD.acronym
            UNION ALL SELECT 'kind' WHERE NEW.kind IS NOT OLD.kind
            UNION ALL SELECT 'base' WHERE NEW.base IS NOT OLD.base
            UNION ALL SELECT 'interests' WHERE NEW.interests IS NOT OLD.interests
            UNION ALL SELECT 'commitment' WHERE NEW.commitment IS NOT OLD.commitment
            UNION ALL SELECT 'stance' WHERE NEW.stance IS NOT OLD.stance
            UNION ALL SELECT 'influence' WHERE NEW.influence IS NOT OLD.influence
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'organisations', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'name' AS c WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'acronym' WHERE NEW.acronym IS NOT OLD.acronym
            UNION ALL SELECT 'kind' WHERE NEW.kind IS NOT OLD.kind
            UNION ALL SELECT 'base' WHERE NEW.base IS NOT OLD.base
            UNION ALL SELECT 'interests' WHERE NEW.interests IS NOT OLD.interests
            UNION ALL SELECT 'commitment' WHERE NEW.commitment IS NOT OLD.commitment
            UNION ALL SELECT 'stance' WHERE NEW.stance IS NOT OLD.stance
            UNION ALL SELECT 'influence' WHERE NEW.influence IS NOT OLD.influence
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
END;
CREATE TRIGGER fields_delete_organisations AFTER DELETE ON organisations BEGIN
    DELETE FROM field_stamps WHERE tbl = 'organisations' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_units AFTER UPDATE ON units WHEN NEW.parent_id IS NOT OLD.parent_id OR NEW.level IS NOT OLD.level OR NEW.name IS NOT OLD.name OR NEW.households IS NOT OLD.households BEGIN
    DELETE FROM field_stamps WHERE tbl = 'units' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'parent_id' WHERE NEW.parent_id IS NOT OLD.parent_id
            UNION ALL SELECT 'level' WHERE NEW.level IS NOT OLD.level
            UNION ALL SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'households' WHERE NEW.households IS NOT OLD.households);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'units', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'parent_id' AS c WHERE NEW.parent_id IS NOT OLD.parent_id
            UNION ALL SELECT 'level' WHERE NEW.level IS NOT OLD.level
            UNION ALL SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'households' WHERE NEW.households IS NOT OLD.households);
END;
CREATE TRIGGER fields_delete_units AFTER DELETE ON units BEGIN
    DELETE FROM field_stamps WHERE tbl = 'units' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_people AFTER UPDATE ON people WHEN NEW.name IS NOT OLD.name OR NEW.organisation_id IS NOT OLD.organisation_id OR NEW.position IS NOT OLD.position OR NEW.phone IS NOT OLD.phone OR NEW.email IS NOT OLD.email OR NEW.gender IS NOT OLD.gender OR NEW.age_band IS NOT OLD.age_band OR NEW.home_unit_id IS NOT OLD.home_unit_id OR NEW.notes IS NOT OLD.notes OR NEW.resident IS NOT OLD.resident OR NEW.survey_id IS NOT OLD.survey_id OR NEW.household_size IS NOT OLD.household_size OR NEW.household_women IS NOT OLD.household_women OR NEW.household_men IS NOT OLD.household_men OR NEW.household_children IS NOT OLD.household_children OR NEW.household_youth IS NOT OLD.household_youth BEGIN
    DELETE FROM field_stamps WHERE tbl = 'people' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'organisation_id' WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position
            UNION ALL SELECT 'phone' WHERE NEW.phone IS NOT OLD.phone
            UNION ALL SELECT 'email' WHERE NEW.email IS NOT OLD.email
            UNION ALL SELECT 'gender' WHERE NEW.gender IS NOT OLD.gender
            UNION ALL SELECT 'age_band' WHERE NEW.age_band IS NOT OLD.age_band
            UNION ALL SELECT 'home_unit_id' WHERE NEW.home_unit_id IS NOT OLD.home_unit_id
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes
            UNION ALL SELECT 'resident' WHERE NEW.resident IS NOT OLD.resident
            UNION ALL SELECT 'survey_id' WHERE NEW.survey_id IS NOT OLD.survey_id
            UNION ALL SELECT 'household_size' WHERE NEW.household_size IS NOT OLD.household_size
            UNION ALL SELECT 'household_women' WHERE NEW.household_women IS NOT OLD.household_women
            UNION ALL SELECT 'household_men' WHERE NEW.household_men IS NOT OLD.household_men
            UNION ALL SELECT 'household_children' WHERE NEW.household_children IS NOT OLD.household_children
            UNION ALL SELECT 'household_youth' WHERE NEW.household_youth IS NOT OLD.household_youth);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'people', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'name' AS c WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'organisation_id' WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position
            UNION ALL SELECT 'phone' WHERE NEW.phone IS NOT OLD.phone
            UNION ALL SELECT 'email' WHERE NEW.email IS NOT OLD.email
            UNION ALL SELECT 'gender' WHERE NEW.gender IS NOT OLD.gender
            UNION ALL SELECT 'age_band' WHERE NEW.age_band IS NOT OLD.age_band
            UNION ALL SELECT 'home_unit_id' WHERE NEW.home_unit_id IS NOT OLD.home_unit_id
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes
            UNION ALL SELECT 'resident' WHERE NEW.resident IS NOT OLD.resident
            UNION ALL SELECT 'survey_id' WHERE NEW.survey_id IS NOT OLD.survey_id
            UNION ALL SELECT 'household_size' WHERE NEW.household_size IS NOT OLD.household_size
            UNION ALL SELECT 'household_women' WHERE NEW.household_women IS NOT OLD.household_women
            UNION ALL SELECT 'household_men' WHERE NEW.household_men IS NOT OLD.household_men
            UNION ALL SELECT 'household_children' WHERE NEW.household_children IS NOT OLD.household_children
            UNION ALL SELECT 'household_youth' WHERE NEW.household_youth IS NOT OLD.household_youth);
END;
CREATE TRIGGER fields_delete_people AFTER DELETE ON people BEGIN
    DELETE FROM field_stamps WHERE tbl = 'people' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_consortia AFTER UPDATE ON consortia WHEN NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name OR NEW.purpose IS NOT OLD.purpose OR NEW.status IS NOT OLD.status BEGIN
    DELETE FROM field_stamps WHERE tbl = 'consortia' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'code' WHERE NEW.code IS NOT OLD.code
            UNION ALL SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'purpose' WHERE NEW.purpose IS NOT OLD.purpose
            UNION ALL SELECT 'status' WHERE NEW.status IS NOT OLD.status);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'consortia', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'code' AS c WHERE NEW.code IS NOT OLD.code
            UNION ALL SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'purpose' WHERE NEW.purpose IS NOT OLD.purpose
            UNION ALL SELECT 'status' WHERE NEW.status IS NOT OLD.status);
END;
CREATE TRIGGER fields_delete_consortia AFTER DELETE ON consortia BEGIN
    DELETE FROM field_stamps WHERE tbl = 'consortia' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_consortium_members AFTER UPDATE ON consortium_members WHEN NEW.consortium_id IS NOT OLD.consortium_id OR NEW.organisation_id IS NOT OLD.organisation_id OR NEW.contribution IS NOT OLD.contribution OR NEW.joined_on IS NOT OLD.joined_on OR NEW.left_on IS NOT OLD.left_on BEGIN
    DELETE FROM field_stamps WHERE tbl = 'consortium_members' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'consortium_id' WHERE NEW.consortium_id IS NOT OLD.consortium_id
            UNION ALL SELECT 'organisation_id' WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'contribution' WHERE NEW.contribution IS NOT OLD.contribution
            UNION ALL SELECT 'joined_on' WHERE NEW.joined_on IS NOT OLD.joined_on
            UNION ALL SELECT 'left_on' WHERE NEW.left_on IS NOT OLD.left_on);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'consortium_members', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'consortium_id' AS c WHERE NEW.consortium_id IS NOT OLD.consortium_id
            UNION ALL SELECT 'organisation_id' WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'contribution' WHERE NEW.contribution IS NOT OLD.contribution
            UNION ALL SELECT 'joined_on' WHERE NEW.joined_on IS NOT OLD.joined_on
            UNION ALL SELECT 'left_on' WHERE NEW.left_on IS NOT OLD.left_on);
END;
CREATE TRIGGER fields_delete_consortium_members AFTER DELETE ON consortium_members BEGIN
    DELETE FROM field_stamps WHERE tbl = 'consortium_members' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_roles AFTER UPDATE ON roles WHEN NEW.key IS NOT OLD.key OR NEW.name IS NOT OLD.name OR NEW.role_group IS NOT OLD.role_group OR NEW.scope IS NOT OLD.scope OR NEW.unit_level IS NOT OLD.unit_level OR NEW.is_key IS NOT OLD.is_key OR NEW.holder IS NOT OLD.holder OR NEW.description IS NOT OLD.description OR NEW.responsibilities IS NOT OLD.responsibilities OR NEW.position IS NOT OLD.position OR NEW.retired_on IS NOT OLD.retired_on BEGIN
    DELETE FROM field_stamps WHERE tbl = 'roles' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'key' WHERE NEW.key IS NOT OLD.key
            UNION ALL SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'role_group' WHERE NEW.role_group IS NOT OLD.role_group
            UNION ALL SELECT 'scope' WHERE NEW.scope IS NOT OLD.scope
            UNION ALL SELECT 'unit_level' WHERE NEW.unit_level IS NOT OLD.unit_level
            UNION ALL SELECT 'is_key' WHERE NEW.is_key IS NOT OLD.is_key
            UNION ALL SELECT 'holder' WHERE NEW.holder IS NOT OLD.holder
            UNION ALL SELECT 'description' WHERE NEW.description IS NOT OLD.description
            UNION ALL SELECT 'responsibilities' WHERE NEW.responsibilities IS NOT OLD.responsibilities
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position
            UNION ALL SELECT 'retired_on' WHERE NEW.retired_on IS NOT OLD.retired_on);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'roles', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'key' AS c WHERE NEW.key IS NOT OLD.key
            UNION ALL SELECT 'name' WHERE NEW.name IS NOT OLD.name
            UNION ALL SELECT 'role_group' WHERE NEW.role_group IS NOT OLD.role_group
            UNION ALL SELECT 'scope' WHERE NEW.scope IS NOT OLD.scope
            UNION ALL SELECT 'unit_level' WHERE NEW.unit_level IS NOT OLD.unit_level
            UNION ALL SELECT 'is_key' WHERE NEW.is_key IS NOT OLD.is_key
            UNION ALL SELECT 'holder' WHERE NEW.holder IS NOT OLD.holder
            UNION ALL SELECT 'description' WHERE NEW.description IS NOT OLD.description
            UNION ALL SELECT 'responsibilities' WHERE NEW.responsibilities IS NOT OLD.responsibilities
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position
            UNION ALL SELECT 'retired_on' WHERE NEW.retired_on IS NOT OLD.retired_on);
END;
CREATE TRIGGER fields_delete_roles AFTER DELETE ON roles BEGIN
    DELETE FROM field_stamps WHERE tbl = 'roles' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_assignments AFTER UPDATE ON assignments WHEN NEW.role_id IS NOT OLD.role_id OR NEW.person_id IS NOT OLD.person_id OR NEW.organisation_id IS NOT OLD.organisation_id OR NEW.consortium_id IS NOT OLD.consortium_id OR NEW.unit_id IS NOT OLD.unit_id OR NEW.start_on IS NOT OLD.start_on OR NEW.end_on IS NOT OLD.end_on OR NEW.end_reason IS NOT OLD.end_reason OR NEW.follows_id IS NOT OLD.follows_id OR NEW.notes IS NOT OLD.notes BEGIN
    DELETE FROM field_stamps WHERE tbl = 'assignments' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'role_id' WHERE NEW.role_id IS NOT OLD.role_id
            UNION ALL SELECT 'person_id' WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'organisation_id' WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'consortium_id' WHERE NEW.consortium_id IS NOT OLD.consortium_id
            UNION ALL SELECT 'unit_id' WHERE NEW.unit_id IS NOT OLD.unit_id
            UNION ALL SELECT 'start_on' WHERE NEW.start_on IS NOT OLD.start_on
            UNION ALL SELECT 'end_on' WHERE NEW.end_on IS NOT OLD.end_on
            UNION ALL SELECT 'end_reason' WHERE NEW.end_reason IS NOT OLD.end_reason
            UNION ALL SELECT 'follows_id' WHERE NEW.follows_id IS NOT OLD.follows_id
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'assignments', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'role_id' AS c WHERE NEW.role_id IS NOT OLD.role_id
            UNION ALL SELECT 'person_id' WHERE NEW.person_id IS NOT OLD.person_id
            UNION ALL SELECT 'organisation_id' WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'consortium_id' WHERE NEW.consortium_id IS NOT OLD.consortium_id
            UNION ALL SELECT 'unit_id' WHERE NEW.unit_id IS NOT OLD.unit_id
            UNION ALL SELECT 'start_on' WHERE NEW.start_on IS NOT OLD.start_on
            UNION ALL SELECT 'end_on' WHERE NEW.end_on IS NOT OLD.end_on
            UNION ALL SELECT 'end_reason' WHERE NEW.end_reason IS NOT OLD.end_reason
            UNION ALL SELECT 'follows_id' WHERE NEW.follows_id IS NOT OLD.follows_id
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
END;
CREATE TRIGGER fields_delete_assignments AFTER DELETE ON assignments BEGIN
    DELETE FROM field_stamps WHERE tbl = 'assignments' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_gaps AFTER UPDATE ON gaps WHEN NEW.consortium_id IS NOT OLD.consortium_id OR NEW.title IS NOT OLD.title OR NEW.kind IS NOT OLD.kind OR NEW.role_id IS NOT OLD.role_id OR NEW.priority IS NOT OLD.priority OR NEW.status IS NOT OLD.status OR NEW.estimated_cost IS NOT OLD.estimated_cost OR NEW.secured IS NOT OLD.secured OR NEW.filled_by_org_id IS NOT OLD.filled_by_org_id OR NEW.filled_by_person_id IS NOT OLD.filled_by_person_id OR NEW.notes IS NOT OLD.notes BEGIN
    DELETE FROM field_stamps WHERE tbl = 'gaps' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'consortium_id' WHERE NEW.consortium_id IS NOT OLD.consortium_id
            UNION ALL SELECT 'title' WHERE NEW.title IS NOT OLD.title
            UNION ALL SELECT 'kind' WHERE NEW.kind IS NOT OLD.kind
            UNION ALL SELECT 'role_id' WHERE NEW.role_id IS NOT OLD.role_id
            UNION ALL SELECT 'priority' WHERE NEW.priority IS NOT OLD.priority
            UNION ALL SELECT 'status' WHERE NEW.status IS NOT OLD.status
            UNION ALL SELECT 'estimated_cost' WHERE NEW.estimated_cost IS NOT OLD.estimated_cost
            UNION ALL SELECT 'secured' WHERE NEW.secured IS NOT OLD.secured
            UNION ALL SELECT 'filled_by_org_id' WHERE NEW.filled_by_org_id IS NOT OLD.filled_by_org_id
            UNION ALL SELECT 'filled_by_person_id' WHERE NEW.filled_by_person_id IS NOT OLD.filled_by_person_id
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'gaps', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'consortium_id' AS c WHERE NEW.consortium_id IS NOT OLD.consortium_id
            UNION ALL SELECT 'title' WHERE NEW.title IS NOT OLD.title
            UNION ALL SELECT 'kind' WHERE NEW.kind IS NOT OLD.kind
            UNION ALL SELECT 'role_id' WHERE NEW.role_id IS NOT OLD.role_id
            UNION ALL SELECT 'priority' WHERE NEW.priority IS NOT OLD.priority
            UNION ALL SELECT 'status' WHERE NEW.status IS NOT OLD.status
            UNION ALL SELECT 'estimated_cost' WHERE NEW.estimated_cost IS NOT OLD.estimated_cost
            UNION ALL SELECT 'secured' WHERE NEW.secured IS NOT OLD.secured
            UNION ALL SELECT 'filled_by_org_id' WHERE NEW.filled_by_org_id IS NOT OLD.filled_by_org_id
            UNION ALL SELECT 'filled_by_person_id' WHERE NEW.filled_by_person_id IS NOT OLD.filled_by_person_id
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
END;
CREATE TRIGGER fields_delete_gaps AFTER DELETE ON gaps BEGIN
    DELETE FROM field_stamps WHERE tbl = 'gaps' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_gap_candidates AFTER UPDATE ON gap_candidates WHEN NEW.gap_id IS NOT OLD.gap_id OR NEW.organisation_id IS NOT OLD.organisation_id OR NEW.stage IS NOT OLD.stage OR NEW.notes IS NOT OLD.notes BEGIN
    DELETE FROM field_stamps WHERE tbl = 'gap_candidates' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'gap_id' WHERE NEW.gap_id IS NOT OLD.gap_id
            UNION ALL SELECT 'organisation_id' WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'stage' WHERE NEW.stage IS NOT OLD.stage
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'gap_candidates', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'gap_id' AS c WHERE NEW.gap_id IS NOT OLD.gap_id
            UNION ALL SELECT 'organisation_id' WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'stage' WHERE NEW.stage IS NOT OLD.stage
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
END;
CREATE TRIGGER fields_delete_gap_candidates AFTER DELETE ON gap_candidates BEGIN
    DELETE FROM field_stamps WHERE tbl = 'gap_candidates' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_meetings AFTER UPDATE ON meetings WHEN NEW.kind IS NOT OLD.kind OR NEW.title IS NOT OLD.title OR NEW.held_on IS NOT OLD.held_on OR NEW.place IS NOT OLD.place OR NEW.residents_women IS NOT OLD.residents_women OR NEW.residents_men IS NOT OLD.residents_men OR NEW.residents_youth IS NOT OLD.residents_youth OR NEW.notes IS NOT OLD.notes BEGIN
    DELETE FROM field_stamps WHERE tbl = 'meetings' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'kind' WHERE NEW.kind IS NOT OLD.kind
            UNION ALL SELECT 'title' WHERE NEW.title IS NOT OLD.title
            UNION ALL SELECT 'held_on' WHERE NEW.held_on IS NOT OLD.held_on
            UNION ALL SELECT 'place' WHERE NEW.place IS NOT OLD.place
            UNION ALL SELECT 'residents_women' WHERE NEW.residents_women IS NOT OLD.residents_women
            UNION ALL SELECT 'residents_men' WHERE NEW.residents_men IS NOT OLD.residents_men
            UNION ALL SELECT 'residents_youth' WHERE NEW.residents_youth IS NOT OLD.residents_youth
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'meetings', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'kind' AS c WHERE NEW.kind IS NOT OLD.kind
            UNION ALL SELECT 'title' WHERE NEW.title IS NOT OLD.title
            UNION ALL SELECT 'held_on' WHERE NEW.held_on IS NOT OLD.held_on
            UNION ALL SELECT 'place' WHERE NEW.place IS NOT OLD.place
            UNION ALL SELECT 'residents_women' WHERE NEW.residents_women IS NOT OLD.residents_women
            UNION ALL SELECT 'residents_men' WHERE NEW.residents_men IS NOT OLD.residents_men
            UNION ALL SELECT 'residents_youth' WHERE NEW.residents_youth IS NOT OLD.residents_youth
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
END;
CREATE TRIGGER fields_delete_meetings AFTER DELETE ON meetings BEGIN
    DELETE FROM field_stamps WHERE tbl = 'meetings' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_decisions AFTER UPDATE ON decisions WHEN NEW.meeting_id IS NOT OLD.meeting_id OR NEW.position IS NOT OLD.position OR NEW.text IS NOT OLD.text BEGIN
    DELETE FROM field_stamps WHERE tbl = 'decisions' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'meeting_id' WHERE NEW.meeting_id IS NOT OLD.meeting_id
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'decisions', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'meeting_id' AS c WHERE NEW.meeting_id IS NOT OLD.meeting_id
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text);
END;
CREATE TRIGGER fields_delete_decisions AFTER DELETE ON decisions BEGIN
    DELETE FROM field_stamps WHERE tbl = 'decisions' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_actions AFTER UPDATE ON actions WHEN NEW.meeting_id IS NOT OLD.meeting_id OR NEW.position IS NOT OLD.position OR NEW.text IS NOT OLD.text OR NEW.owner_id IS NOT OLD.owner_id OR NEW.due_on IS NOT OLD.due_on OR NEW.done_on IS NOT OLD.done_on BEGIN
    DELETE FROM field_stamps WHERE tbl = 'actions' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'meeting_id' WHERE NEW.meeting_id IS NOT OLD.meeting_id
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'owner_id' WHERE NEW.owner_id IS NOT OLD.owner_id
            UNION ALL SELECT 'due_on' WHERE NEW.due_on IS NOT OLD.due_on
            UNION ALL SELECT 'done_on' WHERE NEW.done_on IS NOT OLD.done_on);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'actions', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'meeting_id' AS c WHERE NEW.meeting_id IS NOT OLD.meeting_id
            UNION ALL SELECT 'position' WHERE NEW.position IS NOT OLD.position
            UNION ALL SELECT 'text' WHERE NEW.text IS NOT OLD.text
            UNION ALL SELECT 'owner_id' WHERE NEW.owner_id IS NOT OLD.owner_id
            UNION ALL SELECT 'due_on' WHERE NEW.due_on IS NOT OLD.due_on
            UNION ALL SELECT 'done_on' WHERE NEW.done_on IS NOT OLD.done_on);
END;
CREATE TRIGGER fields_delete_actions AFTER DELETE ON actions BEGIN
    DELETE FROM field_stamps WHERE tbl = 'actions' AND row_id = OLD.id;
END;

CREATE TRIGGER fields_update_activities AFTER UPDATE ON activities WHEN NEW.organisation_id IS NOT OLD.organisation_id OR NEW.sector_id IS NOT OLD.sector_id OR NEW.unit_id IS NOT OLD.unit_id OR NEW.place IS NOT OLD.place OR NEW.description IS NOT OLD.description OR NEW.status IS NOT OLD.status OR NEW.start_on IS NOT OLD.start_on OR NEW.end_on IS NOT OLD.end_on OR NEW.notes IS NOT OLD.notes BEGIN
    DELETE FROM field_stamps WHERE tbl = 'activities' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'organisation_id' WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'sector_id' WHERE NEW.sector_id IS NOT OLD.sector_id
            UNION ALL SELECT 'unit_id' WHERE NEW.unit_id IS NOT OLD.unit_id
            UNION ALL SELECT 'place' WHERE NEW.place IS NOT OLD.place
            UNION ALL SELECT 'description' WHERE NEW.description IS NOT OLD.description
            UNION ALL SELECT 'status' WHERE NEW.status IS NOT OLD.status
            UNION ALL SELECT 'start_on' WHERE NEW.start_on IS NOT OLD.start_on
            UNION ALL SELECT 'end_on' WHERE NEW.end_on IS NOT OLD.end_on
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'activities', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'organisation_id' AS c WHERE NEW.organisation_id IS NOT OLD.organisation_id
            UNION ALL SELECT 'sector_id' WHERE NEW.sector_id IS NOT OLD.sector_id
            UNION ALL SELECT 'unit_id' WHERE NEW.unit_id IS NOT OLD.unit_id
            UNION ALL SELECT 'place' WHERE NEW.place IS NOT OLD.place
            UNION ALL SELECT 'description' WHERE NEW.description IS NOT OLD.description
            UNION ALL SELECT 'status' WHERE NEW.status IS NOT OLD.status
            UNION ALL SELECT 'start_on' WHERE NEW.start_on IS NOT OLD.start_on
            UNION ALL SELECT 'end_on' WHERE NEW.end_on IS NOT OLD.end_on
            UNION ALL SELECT 'notes' WHERE NEW.notes IS NOT OLD.notes);
END;
CREATE TRIGGER fields_delete_activities AFTER DELETE ON activities BEGIN
    DELETE FROM field_stamps WHERE tbl = 'activities' AND row_id = OLD.id;
END;
