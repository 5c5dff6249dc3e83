-- Schema version 11: residents' personal data. Each person carries the basis
-- on which they are recorded (their consent, a public role, or another
-- basis), when and how consent was given and who took it, when it was
-- withdrawn, and when the person was erased. An erased person keeps their
-- row, so that the roles they held stay readable ("an erased person"), but
-- none of their personal fields; erased_on travels with copies, and a merge
-- or a sync never lets another copy's values of such a person back in.
ALTER TABLE people ADD COLUMN basis TEXT NOT NULL DEFAULT ''
    CHECK (basis IN ('', 'consent', 'public role', 'other'));
ALTER TABLE people ADD COLUMN consent_on TEXT NOT NULL DEFAULT '';    -- the day consent was given
ALTER TABLE people ADD COLUMN consent_how TEXT NOT NULL DEFAULT '';   -- signed form, spoken before a witness, …
ALTER TABLE people ADD COLUMN consent_by TEXT NOT NULL DEFAULT '';    -- who took it
ALTER TABLE people ADD COLUMN withdrawn_on TEXT NOT NULL DEFAULT '';  -- the day consent was withdrawn
ALTER TABLE people ADD COLUMN erased_on TEXT NOT NULL DEFAULT '';     -- the stamp of the erasure

-- The triggers of schemas 8 and 9 name every column of people: they are
-- made again with the new ones.
DROP TRIGGER step_insert_people;
DROP TRIGGER step_update_people;
DROP TRIGGER step_delete_people;
DROP TRIGGER fields_update_people;


CREATE TRIGGER step_insert_people BEFORE INSERT ON people BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'people', NEW.id, (SELECT json_object('id', id, 'name', name, 'organisation_id', organisation_id, 'position', position,
            'phone', phone, 'email', email, 'gender', gender, 'age_band', age_band,
            'home_unit_id', home_unit_id, 'notes', notes, 'updated_at', updated_at, 'copy_id', copy_id,
            'arrived_at', arrived_at, 'resident', resident, 'survey_id', survey_id,
            'household_size', household_size, 'household_women', household_women,
            'household_men', household_men, 'household_children', household_children,
            'household_youth', household_youth, 'basis', basis, 'consent_on', consent_on,
            'consent_how', consent_how, 'consent_by', consent_by, 'withdrawn_on', withdrawn_on,
            'erased_on', erased_on) FROM people WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'people' AND x.row_id = NEW.id AND x.step = s.id);
END;

CREATE TRIGGER step_update_people BEFORE UPDATE ON people BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'people', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'organisation_id', OLD.organisation_id,
            'position', OLD.position, 'phone', OLD.phone, 'email', OLD.email, 'gender', OLD.gender,
            'age_band', OLD.age_band, 'home_unit_id', OLD.home_unit_id, 'notes', OLD.notes,
            'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at,
            'resident', OLD.resident, 'survey_id', OLD.survey_id, 'household_size', OLD.household_size,
            'household_women', OLD.household_women, 'household_men', OLD.household_men,
            'household_children', OLD.household_children, 'household_youth', OLD.household_youth,
            'basis', OLD.basis, 'consent_on', OLD.consent_on, 'consent_how', OLD.consent_how,
            'consent_by', OLD.consent_by, 'withdrawn_on', OLD.withdrawn_on, 'erased_on', OLD.erased_on)
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
            'resident', OLD.resident, 'survey_id', OLD.survey_id, 'household_size', OLD.household_size,
            'household_women', OLD.household_women, 'household_men', OLD.household_men,
            'household_children', OLD.household_children, 'household_youth', OLD.household_youth,
            'basis', OLD.basis, 'consent_on', OLD.consent_on, 'consent_how', OLD.consent_how,
            'consent_by', OLD.consent_by, 'withdrawn_on', OLD.withdrawn_on, 'erased_on', OLD.erased_on)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'people' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER fields_update_people AFTER UPDATE ON people WHEN NEW.name IS NOT OLD.name OR NEW.organisation_id IS NOT OLD.organisation_id OR NEW.position IS NOT OLD.position OR NEW.phone IS NOT OLD.phone OR NEW.email IS NOT OLD.email OR NEW.gender IS NOT OLD.gender OR NEW.age_band IS NOT OLD.age_band OR NEW.home_unit_id IS NOT OLD.home_unit_id OR NEW.notes IS NOT OLD.notes OR NEW.resident IS NOT OLD.resident OR NEW.survey_id IS NOT OLD.survey_id OR NEW.household_size IS NOT OLD.household_size OR NEW.household_women IS NOT OLD.household_women OR NEW.household_men IS NOT OLD.household_men OR NEW.household_children IS NOT OLD.household_children OR NEW.household_youth IS NOT OLD.household_youth OR NEW.basis IS NOT OLD.basis OR NEW.consent_on IS NOT OLD.consent_on OR NEW.consent_how IS NOT OLD.consent_how OR NEW.consent_by IS NOT OLD.consent_by OR NEW.withdrawn_on IS NOT OLD.withdrawn_on OR NEW.erased_on IS NOT OLD.erased_on BEGIN
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
            UNION ALL SELECT 'household_youth' WHERE NEW.household_youth IS NOT OLD.household_youth
            UNION ALL SELECT 'basis' WHERE NEW.basis IS NOT OLD.basis
            UNION ALL SELECT 'consent_on' WHERE NEW.consent_on IS NOT OLD.consent_on
            UNION ALL SELECT 'consent_how' WHERE NEW.consent_how IS NOT OLD.consent_how
            UNION ALL SELECT 'consent_by' WHERE NEW.consent_by IS NOT OLD.consent_by
            UNION ALL SELECT 'withdrawn_on' WHERE NEW.withdrawn_on IS NOT OLD.withdrawn_on
            UNION ALL SELECT 'erased_on' WHERE NEW.erased_on IS NOT OLD.erased_on);
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
            UNION ALL SELECT 'household_youth' WHERE NEW.household_youth IS NOT OLD.household_youth
            UNION ALL SELECT 'basis' WHERE NEW.basis IS NOT OLD.basis
            UNION ALL SELECT 'consent_on' WHERE NEW.consent_on IS NOT OLD.consent_on
            UNION ALL SELECT 'consent_how' WHERE NEW.consent_how IS NOT OLD.consent_how
            UNION ALL SELECT 'consent_by' WHERE NEW.consent_by IS NOT OLD.consent_by
            UNION ALL SELECT 'withdrawn_on' WHERE NEW.withdrawn_on IS NOT OLD.withdrawn_on
            UNION ALL SELECT 'erased_on' WHERE NEW.erased_on IS NOT OLD.erased_on);
END;

-- Every erasure this copy knows of: the person's id, when, and by which
-- copy. It travels with copies and merges even when the person's record is
-- deleted afterwards, or was entered twice under another id, so that no
-- copy ever lets their data back in. survey_key is a hash of the survey
-- submission the person came from, if any, so that the same submission
-- imported again, here or in another copy, is known as theirs.
CREATE TABLE erasures (
    person_id   TEXT PRIMARY KEY,
    erased_at   TEXT NOT NULL,
    copy_id     TEXT NOT NULL,
    survey_key  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX erasures_survey ON erasures(survey_key) WHERE survey_key <> '';

-- An erased person stays erased: no statement of any program version, nor
-- an undo, gives their record a personal field again.
CREATE TRIGGER people_stay_erased BEFORE UPDATE ON people
WHEN OLD.erased_on <> '' AND (NEW.erased_on = '' OR NEW.name IS NOT OLD.name OR NEW.position <> '' OR NEW.phone <> ''
    OR NEW.email <> '' OR NEW.gender <> '' OR NEW.age_band <> '' OR NEW.home_unit_id IS NOT NULL OR NEW.notes <> ''
    OR NEW.survey_id IS NOT NULL OR NEW.household_size IS NOT NULL OR NEW.household_women IS NOT NULL
    OR NEW.household_men IS NOT NULL OR NEW.household_children IS NOT NULL OR NEW.household_youth IS NOT NULL
    OR NEW.consent_on <> '' OR NEW.consent_how <> '' OR NEW.consent_by <> '' OR NEW.withdrawn_on <> '')
BEGIN
    SELECT RAISE(ABORT, 'an erased person stays erased');
END;
