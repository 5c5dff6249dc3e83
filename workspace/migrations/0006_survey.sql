-- Schema version 6: households from partners' surveys. A person imported
-- from a survey tool's export (KoboToolbox, ODK Central) keeps the id of
-- the submission they came from, so that a later export of the same form
-- updates them rather than adding them again; no two people share one. The
-- household they head or answered for is counted: its members in all, and
-- its women, men, children and youth; NULL where the survey did not say.

ALTER TABLE people ADD COLUMN survey_id TEXT;
ALTER TABLE people ADD COLUMN household_size INTEGER CHECK (household_size >= 0);
ALTER TABLE people ADD COLUMN household_women INTEGER CHECK (household_women >= 0);
ALTER TABLE people ADD COLUMN household_men INTEGER CHECK (household_men >= 0);
ALTER TABLE people ADD COLUMN household_children INTEGER CHECK (household_children >= 0);
ALTER TABLE people ADD COLUMN household_youth INTEGER CHECK (household_youth >= 0);
CREATE UNIQUE INDEX people_survey_id ON people(survey_id COLLATE NOCASE) WHERE survey_id IS NOT NULL;
