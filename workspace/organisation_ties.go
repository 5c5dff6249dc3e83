package workspace

// What an organisation's page reads about it besides its own fields: its
// people, memberships, gaps and the roles its people hold. An organisation
// of a settlement the size of Mukuru may have thousands of people, so those
// are read a page at a time with their count.

// OrganisationPeople returns the first limit people of an organisation, by
// name, and how many it has in all.
func (f *File) OrganisationPeople(orgID string, limit int) ([]Person, int, error) {
	var n int
	if err := f.reader().QueryRow("SELECT count(*) FROM people WHERE organisation_id = ?", orgID).Scan(&n); err != nil {
		return nil, 0, internal(say("reading %s", sayPlain(msg("people"))), err)
	}
	// list puts the order last, so the limit rides on it.
	people, err := list[Person](f.reader(), "organisation_id = ?", "name COLLATE NOCASE, id LIMIT ?", orgID, limit)
	return people, n, err
}

// MembershipsOf returns an organisation's memberships of consortia, current
// and past, earliest joined first.
func (f *File) MembershipsOf(orgID string) ([]ConsortiumMember, error) {
	return list[ConsortiumMember](f.reader(), "organisation_id = ?", "joined_on, id", orgID)
}

// GapsFilledBy returns the resource gaps an organisation filled, by title.
func (f *File) GapsFilledBy(orgID string) ([]ResourceGap, error) {
	return list[ResourceGap](f.reader(), "filled_by_org_id = ?", "title, id", orgID)
}

// Candidacy is a resource gap an organisation was approached to fill, with
// how far the approach got.
type Candidacy struct {
	Gap       ResourceGap
	Candidate GapCandidate
}

// CandidaciesOf returns the gaps an organisation is a candidate for, by the
// gap's title.
func (f *File) CandidaciesOf(orgID string) ([]Candidacy, error) {
	candidates, err := list[GapCandidate](f.reader(), "organisation_id = ?", "rowid", orgID)
	if err != nil || len(candidates) == 0 {
		return nil, err
	}
	gaps, err := list[ResourceGap](f.reader(), "id IN (SELECT gap_id FROM gap_candidates WHERE organisation_id = ?)", "title, id", orgID)
	if err != nil {
		return nil, err
	}
	var out []Candidacy
	for _, g := range gaps {
		for _, c := range candidates {
			if c.GapID == g.ID {
				out = append(out, Candidacy{Gap: g, Candidate: c})
			}
		}
	}
	return out, nil
}

// AssignmentsOfPeopleIn returns the first limit assignments that the people
// of an organisation hold on a day (YYYY-MM-DD), newest start first, and
// how many they hold in all.
func (f *File) AssignmentsOfPeopleIn(orgID, on string, limit int) ([]Assignment, int, error) {
	where := "person_id IN (SELECT id FROM people WHERE organisation_id = ?) AND start_on <= ? AND (end_on = '' OR end_on > ?)"
	var n int
	if err := f.reader().QueryRow("SELECT count(*) FROM assignments WHERE "+where, orgID, on, on).Scan(&n); err != nil {
		return nil, 0, internal(say("reading %s", sayPlain(msg("assignments"))), err)
	}
	as, err := list[Assignment](f.reader(), where, "start_on DESC, id LIMIT ?", orgID, on, on, limit)
	return as, n, err
}
