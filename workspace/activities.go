package workspace

// Activity is what an organisation does where: a line of a partner's 3W/4W
// matrix (who does what where), such as water kiosks in one segment. The
// place is a community unit when the partner's place names one; otherwise
// the place as the partner wrote it is kept, so that nothing they said is
// lost and a unit can be chosen later.
type Activity struct {
	ID             string
	OrganisationID string // who does it
	SectorID       string // "" when not recorded
	UnitID         string // the community unit where it happens, "" when none is known
	Place          string // where it happens as written, when that names no unit
	Description    string // what is done
	Status         string // one of ActivityStatuses
	StartOn        string
	EndOn          string
	Notes          string
	Stamp
}

// ActivityStatuses say how far an activity has come. 3W matrices write
// them in many ways (pipeline, on-going, done…): the import reads those.
var ActivityStatuses = []Choice{
	{"", msg("Not recorded")}, {"planned", msg("Planned")}, {"ongoing", msg("Ongoing")}, {"completed", msg("Completed")},
}

func (a *Activity) table() table {
	return table{"activities", msg("activity"), msg("activities"),
		[]string{"organisation_id", "sector_id", "unit_id", "place", "description", "status", "start_on", "end_on", "notes"}}
}
func (a *Activity) key() *string  { return &a.ID }
func (a *Activity) stamp() *Stamp { return &a.Stamp }
func (a *Activity) title() string { return a.Description }
func (a *Activity) describe(q querier) string {
	return nameOf(q, "organisations", "name", a.OrganisationID) + ": " + a.Description
}
func (a *Activity) fields() []any {
	return []any{refField{&a.OrganisationID, "organisations", msg("Organisation"), cascade},
		refField{&a.SectorID, "sectors", msg("Sector"), setNull},
		ref(&a.UnitID, "units", msg("Community unit")), &a.Place, &a.Description, &a.Status, &a.StartOn, &a.EndOn, &a.Notes}
}
func (a *Activity) check(*tx) error { return a.Validate() }

// Validate checks the activity's fields.
func (a *Activity) Validate() error {
	clean(&a.Place, &a.Description, &a.StartOn, &a.EndOn)
	if err := firstError(required(msg("Organisation"), a.OrganisationID), required(msg("Activity"), a.Description),
		maxLength(msg("Activity"), a.Description, 300), maxLength(msg("Place"), a.Place, 200),
		checkChoice(msg("Status"), a.Status, ActivityStatuses), checkDate(msg("Start"), a.StartOn, false),
		checkDate(msg("End"), a.EndOn, false)); err != nil {
		return err
	}
	if a.StartOn != "" && a.EndOn != "" && a.EndOn < a.StartOn {
		return invalid(msg("End"), "The activity cannot end (%s) before it starts (%s).", a.EndOn, a.StartOn)
	}
	return nil
}

// ActivityFilter narrows a list of activities; empty fields do not narrow.
type ActivityFilter struct {
	OrganisationID string
	UnitID         string
}

// Activities returns the activities matching filter, by organisation and
// what is done.
func (f *File) Activities(filter ActivityFilter) ([]Activity, error) {
	var c conditions
	c.equal("organisation_id", filter.OrganisationID)
	c.equal("unit_id", filter.UnitID)
	return list[Activity](f.reader(), c.where(), "organisation_id, description COLLATE NOCASE, place COLLATE NOCASE, id", c.args...)
}

// Activity returns one activity.
func (f *File) Activity(id string) (Activity, error) { return getRecord[Activity](f.reader(), id) }

// CreateActivity adds an activity.
func (f *File) CreateActivity(a Activity) (Activity, error) { return createRecord(f, a) }

// UpdateActivity changes an activity.
func (f *File) UpdateActivity(a Activity) (Activity, error) { return updateRecord(f, a) }

// DeleteActivity deletes an activity.
func (f *File) DeleteActivity(id string) error { return deleteRecord[Activity](f, id) }
