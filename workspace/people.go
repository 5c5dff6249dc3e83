package workspace

import "strings"

// Person is someone who holds or may hold a role. Contact details are
// personal data: briefs leave them out unless asked.
type Person struct {
	ID             string
	Name           string
	OrganisationID string // "" for residents without one
	Position       string
	Phone          string
	Email          string
	Gender         string // one of Genders
	AgeBand        string // one of AgeBands
	Resident       Answer // lives in the settlement: one of Residences
	HomeUnitID     string // the community unit the person lives in, if known
	Notes          string
	Stamp
}

func (p *Person) table() table {
	return table{"people", msg("person"), msg("people"), []string{"name", "organisation_id", "position", "phone", "email", "gender", "age_band", "resident", "home_unit_id", "notes"}}
}
func (p *Person) key() *string  { return &p.ID }
func (p *Person) stamp() *Stamp { return &p.Stamp }
func (p *Person) title() string { return p.Name }
func (p *Person) fields() []any {
	return []any{&p.Name, ref(&p.OrganisationID, "organisations", msg("Organisation")), &p.Position, &p.Phone, &p.Email,
		&p.Gender, &p.AgeBand, &p.Resident, ref(&p.HomeUnitID, "units", msg("Home unit")), &p.Notes}
}
func (p *Person) check(*tx) error { return p.Validate() }

// Validate checks the person's fields.
func (p *Person) Validate() error {
	clean(&p.Name, &p.Position, &p.Phone, &p.Email)
	if strings.Trim(p.Phone, "+0123456789 -()./") != "" {
		return invalid("Phone", "Phone “%s” may hold only digits, spaces, + - ( ) . and /.", p.Phone)
	}
	if p.Phone != "" && !phoneLongEnough(p.Phone) {
		return invalid("Phone", "Phone “%s” is too short for a phone number: write it in full, with at least 7 digits.", p.Phone)
	}
	return firstError(required(msg("Name"), p.Name), maxLength(msg("Name"), p.Name, 200), maxLength(msg("Phone"), p.Phone, 40),
		checkEmail(msg("E-mail"), p.Email), checkChoice(msg("Gender"), p.Gender, Genders), checkChoice(msg("Age band"), p.AgeBand, AgeBands),
		checkChoice(msg("Resident"), string(p.Resident), Residences))
}

// phoneLongEnough reports whether each number of a phone field has the 7
// digits every phone number has at least: "0712 345 001", or two numbers as
// "020 123 4567 / 0712 345 001".
func phoneLongEnough(phone string) bool {
	for _, number := range strings.Split(phone, " / ") {
		digits := 0
		for _, c := range number {
			if c >= '0' && c <= '9' {
				digits++
			}
		}
		if digits < 7 {
			return false
		}
	}
	return true
}

// PersonFilter narrows a list of people; empty fields do not narrow.
type PersonFilter struct {
	OrganisationID string
	HomeUnitID     string
	NameContains   string
}

// People returns the people matching filter, by name.
func (f *File) People(filter PersonFilter) ([]Person, error) {
	var c conditions
	c.equal("organisation_id", filter.OrganisationID)
	c.equal("home_unit_id", filter.HomeUnitID)
	if filter.NameContains != "" {
		c.add("name LIKE ? ESCAPE '\\'", "%"+likeEscape(filter.NameContains)+"%")
	}
	return list[Person](f.reader(), c.where(), "name COLLATE NOCASE, id", c.args...)
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// Person returns one person.
func (f *File) Person(id string) (Person, error) { return getRecord[Person](f.reader(), id) }

// CreatePerson adds a person.
func (f *File) CreatePerson(p Person) (Person, error) { return createRecord(f, p) }

// UpdatePerson changes a person.
func (f *File) UpdatePerson(p Person) (Person, error) { return updateRecord(f, p) }

// DeletePerson deletes a person who holds and held no role. Someone who left
// a role stays, so that the history stays readable.
func (f *File) DeletePerson(id string) error { return deleteRecord[Person](f, id) }
