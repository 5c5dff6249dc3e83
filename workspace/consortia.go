package workspace

import "strings"

// Consortium is a sector planning consortium: local government and civil
// society partners planning one theme together.
type Consortium struct {
	ID        string
	Code      string // short and unique, such as WSE
	Name      string
	Purpose   string
	Status    string   // one of ConsortiumStatuses
	SectorIDs []string // the themes it plans
	Stamp
}

func (c *Consortium) table() table {
	return table{"consortia", msg("consortium"), msg("consortia"), []string{"code", "name", "purpose", "status"}}
}
func (c *Consortium) key() *string        { return &c.ID }
func (c *Consortium) stamp() *Stamp       { return &c.Stamp }
func (c *Consortium) title() string       { return c.Code }
func (c *Consortium) fields() []any       { return []any{&c.Code, &c.Name, &c.Purpose, &c.Status} }
func (c *Consortium) check(*tx) error     { return c.Validate() }
func (c *Consortium) links() []linkValues { return []linkValues{{consortiumSectors, c.SectorIDs}} }
func (c *Consortium) loadLinks(q querier) error {
	m, err := linkedIDs(q, consortiumSectors, c.ID)
	c.SectorIDs = m[c.ID]
	return err
}

// Validate checks the consortium's fields. An empty status stays not
// recorded.
func (c *Consortium) Validate() error {
	clean(&c.Code, &c.Name)
	c.Code = strings.ToUpper(c.Code)
	if strings.ContainsAny(c.Code, " \t/\\") {
		return invalid("Code", "Code “%s” must be one short word without spaces or slashes, such as WSE.", c.Code)
	}
	return firstError(required(msg("Code"), c.Code), maxLength(msg("Code"), c.Code, 12), required(msg("Name"), c.Name),
		maxLength(msg("Name"), c.Name, 200), checkChoice(msg("Status"), c.Status, ConsortiumStatuses))
}

// Consortia returns every consortium by code, with its sectors.
func (f *File) Consortia() ([]Consortium, error) {
	out, err := list[Consortium](f.reader(), "", "code")
	if err != nil {
		return nil, err
	}
	m, err := linkedIDs(f.reader(), consortiumSectors)
	for i := range out {
		out[i].SectorIDs = m[out[i].ID]
	}
	return out, err
}

// Consortium returns one consortium.
func (f *File) Consortium(id string) (Consortium, error) {
	return getRecord[Consortium](f.reader(), id)
}

// ConsortiumByCode finds a consortium by its code, ignoring case.
func (f *File) ConsortiumByCode(code string) (Consortium, error) {
	var id string
	if err := f.reader().QueryRow("SELECT id FROM consortia WHERE code = ?", strings.TrimSpace(code)).Scan(&id); err != nil {
		return Consortium{}, newError(ErrNotFound, "There is no consortium with the code “%s”.", code)
	}
	return f.Consortium(id)
}

// CreateConsortium adds a consortium.
func (f *File) CreateConsortium(c Consortium) (Consortium, error) { return createRecord(f, c) }

// UpdateConsortium changes a consortium.
func (f *File) UpdateConsortium(c Consortium) (Consortium, error) { return updateRecord(f, c) }

// DeleteConsortium deletes a consortium, with its memberships, once no
// assignment, gap or meeting refers to it.
func (f *File) DeleteConsortium(id string) error { return deleteRecord[Consortium](f, id) }

// ConsortiumMember is an organisation's membership of a consortium.
type ConsortiumMember struct {
	ID             string
	ConsortiumID   string
	OrganisationID string
	Contribution   string // what it brings: expertise, staff, data, funds
	JoinedOn       string
	LeftOn         string // "" while it is a member
	Stamp
}

func (m *ConsortiumMember) table() table {
	return table{"consortium_members", msg("consortium member"), msg("consortium memberships"), []string{"consortium_id", "organisation_id", "contribution", "joined_on", "left_on"}}
}
func (m *ConsortiumMember) key() *string  { return &m.ID }
func (m *ConsortiumMember) stamp() *Stamp { return &m.Stamp }
func (m *ConsortiumMember) title() string { return "membership" }
func (m *ConsortiumMember) describe(q querier) string {
	return nameOf(q, "organisations", "name", m.OrganisationID) + " in " + nameOf(q, "consortia", "code", m.ConsortiumID)
}
func (m *ConsortiumMember) fields() []any {
	return []any{refField{&m.ConsortiumID, "consortia", msg("Consortium"), cascade}, ref(&m.OrganisationID, "organisations", msg("Organisation")),
		&m.Contribution, &m.JoinedOn, &m.LeftOn}
}

// Validate checks the membership's fields.
func (m *ConsortiumMember) Validate() error {
	clean(&m.Contribution, &m.JoinedOn, &m.LeftOn)
	if m.JoinedOn != "" && m.LeftOn != "" && m.LeftOn < m.JoinedOn {
		return invalid("Left on", "Left on (%s) cannot be before joined on (%s).", m.LeftOn, m.JoinedOn)
	}
	return firstError(required(msg("Consortium"), m.ConsortiumID), required(msg("Organisation"), m.OrganisationID),
		checkDate(msg("Joined on"), m.JoinedOn, false), checkDate(msg("Left on"), m.LeftOn, false))
}

func (m *ConsortiumMember) check(t *tx) error {
	if err := m.Validate(); err != nil {
		return err
	}
	var n int
	err := t.QueryRow("SELECT count(*) FROM consortium_members WHERE consortium_id = ? AND organisation_id = ? AND left_on = '' AND id <> ?",
		m.ConsortiumID, m.OrganisationID, m.ID).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 && m.LeftOn == "" {
		return invalid("Organisation", "This organisation is already a current member of the consortium.")
	}
	return nil
}

// Members returns the memberships of a consortium ("" for every consortium),
// current and past.
func (f *File) Members(consortiumID string) ([]ConsortiumMember, error) {
	if consortiumID == "" {
		return list[ConsortiumMember](f.reader(), "", "consortium_id, joined_on")
	}
	return list[ConsortiumMember](f.reader(), "consortium_id = ?", "joined_on, id", consortiumID)
}

// CreateMember adds an organisation to a consortium.
func (f *File) CreateMember(m ConsortiumMember) (ConsortiumMember, error) { return createRecord(f, m) }

// UpdateMember changes a membership; set LeftOn when an organisation leaves.
func (f *File) UpdateMember(m ConsortiumMember) (ConsortiumMember, error) { return updateRecord(f, m) }

// DeleteMember deletes a membership entered by mistake.
func (f *File) DeleteMember(id string) error { return deleteRecord[ConsortiumMember](f, id) }
