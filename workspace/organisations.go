package workspace

// Sector is a planning theme, such as water, sanitation and energy.
type Sector struct {
	ID          string
	Name        string
	Description string
	Position    int // order in lists
	Stamp
}

func (s *Sector) table() table {
	return table{"sectors", msg("sector"), msg("sectors"), []string{"name", "description", "position"}}
}
func (s *Sector) key() *string    { return &s.ID }
func (s *Sector) stamp() *Stamp   { return &s.Stamp }
func (s *Sector) title() string   { return s.Name }
func (s *Sector) fields() []any   { return []any{&s.Name, &s.Description, &s.Position} }
func (s *Sector) check(*tx) error { return s.Validate() }

// Validate checks the sector's fields.
func (s *Sector) Validate() error {
	clean(&s.Name)
	return firstError(required(msg("Name"), s.Name), maxLength(msg("Name"), s.Name, 120))
}

// Sectors returns the sectors in their order.
func (f *File) Sectors() ([]Sector, error) { return list[Sector](f.reader(), "", "position, name") }

// Sector returns one sector.
func (f *File) Sector(id string) (Sector, error) { return getRecord[Sector](f.reader(), id) }

// CreateSector adds a sector.
func (f *File) CreateSector(s Sector) (Sector, error) { return createRecord(f, s) }

// UpdateSector changes a sector.
func (f *File) UpdateSector(s Sector) (Sector, error) { return updateRecord(f, s) }

// DeleteSector deletes a sector; organisations and consortia lose it from their sectors.
func (f *File) DeleteSector(id string) error { return deleteRecord[Sector](f, id) }

// Organisation is a partner or stakeholder of the initiative.
type Organisation struct {
	ID         string
	Name       string
	Acronym    string
	Kind       string // one of OrganisationKinds
	Base       string // one of Bases: where it is rooted
	Interests  string // what it wants from the initiative
	Commitment string // one of Commitments
	Stance     string // one of Stances, for the stakeholder map
	Influence  string // one of Influences, for the stakeholder map
	Notes      string
	SectorIDs  []string // sectors of expertise
	Stamp
}

func (o *Organisation) table() table {
	return table{"organisations", msg("organisation"), msg("organisations"), []string{"name", "acronym", "kind", "base", "interests", "commitment", "stance", "influence", "notes"}}
}
func (o *Organisation) key() *string  { return &o.ID }
func (o *Organisation) stamp() *Stamp { return &o.Stamp }
func (o *Organisation) title() string { return o.Name }
func (o *Organisation) fields() []any {
	return []any{&o.Name, &o.Acronym, &o.Kind, &o.Base, &o.Interests, &o.Commitment, &o.Stance, &o.Influence, &o.Notes}
}
func (o *Organisation) links() []linkValues { return []linkValues{{organisationSectors, o.SectorIDs}} }
func (o *Organisation) loadLinks(q querier) error {
	m, err := linkedIDs(q, organisationSectors, o.ID)
	o.SectorIDs = m[o.ID]
	return err
}
func (o *Organisation) check(*tx) error { return o.Validate() }

// Validate checks the organisation's fields. An empty stance is "not
// known"; an empty base, commitment or influence stays not recorded: it is
// never guessed.
func (o *Organisation) Validate() error {
	clean(&o.Name, &o.Acronym)
	if o.Stance == "" {
		o.Stance = "unknown"
	}
	return firstError(
		required(msg("Name"), o.Name), maxLength(msg("Name"), o.Name, 200), maxLength(msg("Acronym"), o.Acronym, 20),
		checkChoice(msg("Kind"), o.Kind, OrganisationKinds), checkChoice(msg("Base"), o.Base, Bases),
		checkChoice(msg("Commitment"), o.Commitment, Commitments), checkChoice(msg("Stance"), o.Stance, Stances),
		checkChoice(msg("Influence"), o.Influence, Influences))
}

// Organisations returns every organisation by name, with its sectors.
func (f *File) Organisations() ([]Organisation, error) {
	out, err := list[Organisation](f.reader(), "", "name")
	if err != nil {
		return nil, err
	}
	m, err := linkedIDs(f.reader(), organisationSectors)
	for i := range out {
		out[i].SectorIDs = m[out[i].ID]
	}
	return out, err
}

// Organisation returns one organisation.
func (f *File) Organisation(id string) (Organisation, error) {
	return getRecord[Organisation](f.reader(), id)
}

// CreateOrganisation adds an organisation.
func (f *File) CreateOrganisation(o Organisation) (Organisation, error) { return createRecord(f, o) }

// UpdateOrganisation changes an organisation.
func (f *File) UpdateOrganisation(o Organisation) (Organisation, error) { return updateRecord(f, o) }

// DeleteOrganisation deletes an organisation that nothing refers to any more.
func (f *File) DeleteOrganisation(id string) error { return deleteRecord[Organisation](f, id) }
