package workspace

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
)

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
	// SurveyID is the survey submission the person came from (KoboToolbox's
	// _uuid, ODK Central's KEY), so that a later export of the survey
	// updates them; "" for the others. No two people share one.
	SurveyID string
	// The household the person heads or answered a survey for: its members
	// in all, and its women, men, children (under 18) and youth (18 to 35),
	// each not recorded unless said.
	HouseholdSize, HouseholdWomen, HouseholdMen, HouseholdChildren, HouseholdYouth Count
	// Basis is why the person may be recorded: one of LawfulBases. With consent,
	// ConsentOn, ConsentHow and ConsentBy say when and how it was given and
	// who took it; WithdrawnOn is the day it was withdrawn.
	Basis, ConsentOn, ConsentHow, ConsentBy, WithdrawnOn string
	// ErasedOn is the stamp of the person's erasure ("" if not erased): the
	// row stays for the roles they held, without any personal field.
	ErasedOn string
	Stamp
}

func (p *Person) table() table {
	return table{"people", msg("person"), msg("people"), []string{"name", "organisation_id", "position", "phone", "email", "gender", "age_band", "resident", "home_unit_id", "notes",
		"survey_id", "household_size", "household_women", "household_men", "household_children", "household_youth",
		"basis", "consent_on", "consent_how", "consent_by", "withdrawn_on", "erased_on"}}
}
func (p *Person) key() *string  { return &p.ID }
func (p *Person) stamp() *Stamp { return &p.Stamp }
func (p *Person) title() string { return p.Name }
func (p *Person) fields() []any {
	return []any{&p.Name, ref(&p.OrganisationID, "organisations", msg("Organisation")), &p.Position, &p.Phone, &p.Email,
		&p.Gender, &p.AgeBand, &p.Resident, ref(&p.HomeUnitID, "units", msg("Home unit")), &p.Notes,
		optional(&p.SurveyID), &p.HouseholdSize, &p.HouseholdWomen, &p.HouseholdMen, &p.HouseholdChildren, &p.HouseholdYouth,
		&p.Basis, &p.ConsentOn, &p.ConsentHow, &p.ConsentBy, &p.WithdrawnOn, &p.ErasedOn}
}
func (p *Person) check(t *tx) error {
	// A change to an erased person that reaches the file is refused by the
	// trigger people_stay_erased (schema 11) as well.
	if p.ErasedOn != "" {
		var was Person
		if err := load(t, &was, p.ID); err == nil {
			same := *p
			same.Stamp = was.Stamp
			if same == was {
				return nil // nothing changes: an exported workbook read back
			}
		}
		return newError(ErrInvalid, "This person was erased: their record keeps no personal data and cannot be changed. Add them again as a new person if they agree to be recorded.")
	}
	if erased, err := t.erasedSubmission(p.SurveyID); err != nil {
		return err
	} else if erased && nameOf(t, "people", "id", p.ID) == "" {
		return invalid(msg("Survey ID"), "This survey submission is of a person who was erased at their request, so it is not recorded again.")
	}
	return p.Validate()
}

// Validate checks the person's fields.
func (p *Person) Validate() error {
	clean(&p.Name, &p.Position, &p.Phone, &p.Email, &p.SurveyID, &p.ConsentOn, &p.ConsentHow, &p.ConsentBy, &p.WithdrawnOn)
	if p.ErasedOn != "" {
		return nil // an erased person is blank on purpose; erase.go refuses changes to them
	}
	if err := p.checkHousehold(); err != nil {
		return err
	}
	if strings.Trim(p.Phone, "+0123456789 -()./") != "" {
		return invalid(msg("Phone"), "A phone number may hold only digits, spaces, + - ( ) . and /.") // the number itself is never repeated in an error
	}
	if p.Phone != "" && !phoneLongEnough(p.Phone) {
		return invalid(msg("Phone"), "The phone number is too short: write it in full, with at least 7 digits.")
	}
	return firstError(required(msg("Name"), p.Name), maxLength(msg("Name"), p.Name, 200), maxLength(msg("Phone"), p.Phone, 40),
		checkEmail(msg("E-mail"), p.Email), checkChoice(msg("Gender"), p.Gender, Genders), checkChoice(msg("Age band"), p.AgeBand, AgeBands),
		checkChoice(msg("Resident"), string(p.Resident), Residences), maxLength(msg("Survey ID"), p.SurveyID, 200),
		p.checkConsent())
}

// checkConsent checks the basis and the consent's dates: consent given
// needs the basis "consent", and is withdrawn no earlier than it was given.
func (p *Person) checkConsent() error {
	if err := firstError(checkChoice(msg("Basis"), p.Basis, LawfulBases), checkDate(msg("Consent given on"), p.ConsentOn, false),
		checkDate(msg("Consent withdrawn on"), p.WithdrawnOn, false), maxLength(msg("How consent was given"), p.ConsentHow, 200),
		maxLength(msg("Consent taken by"), p.ConsentBy, 200)); err != nil {
		return err
	}
	if p.Basis != "consent" && (p.ConsentOn != "" || p.ConsentHow != "" || p.ConsentBy != "" || p.WithdrawnOn != "") {
		return invalid(msg("Basis"), "Consent is recorded, so the basis is “%s”: choose it, or clear the consent's fields.", sayPlain(msg("Their consent")))
	}
	if p.WithdrawnOn != "" && p.ConsentOn != "" && p.WithdrawnOn < p.ConsentOn {
		return invalid(msg("Consent withdrawn on"), "Consent cannot be withdrawn (%s) before it was given (%s).", p.WithdrawnOn, p.ConsentOn)
	}
	return nil
}

// checkHousehold checks the head-counts of the person's household: none
// below 0, and none more than its members in all, when that is known.
func (p *Person) checkHousehold() error {
	size, sized := p.HouseholdSize.Get()
	for _, c := range []struct {
		field string
		count Count
	}{{msg("Household size"), p.HouseholdSize}, {msg("Household women"), p.HouseholdWomen}, {msg("Household men"), p.HouseholdMen},
		{msg("Household children"), p.HouseholdChildren}, {msg("Household youth"), p.HouseholdYouth}} {
		n, ok := c.count.Get()
		switch {
		case ok && n < 0:
			return invalid(c.field, "Head-counts cannot be negative.")
		case ok && sized && n > size:
			return invalid(c.field, "%s is %d, more than the %d members of the household in all.", sayPlain(c.field), n, size)
		}
	}
	return nil
}

// Count is a number of people that may be not recorded, such as the women
// of a household: the zero Count is not recorded, which a count of 0 is not.
// It is stored as NULL or the number.
type Count struct {
	n     int
	known bool
}

// CountOf is the count n.
func CountOf(n int) Count { return Count{n: n, known: true} }

// Get returns the number, and whether it is recorded.
func (c Count) Get() (int, bool) { return c.n, c.known }

// String writes the number, or nothing when it is not recorded.
func (c Count) String() string {
	if !c.known {
		return ""
	}
	return strconv.Itoa(c.n)
}

// Value stores the count as its number, or NULL.
func (c Count) Value() (driver.Value, error) {
	if !c.known {
		return nil, nil
	}
	return int64(c.n), nil
}

// Scan reads NULL or a number.
func (c *Count) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c = Count{}
	case int64:
		*c = CountOf(int(v))
	default:
		return fmt.Errorf("unexpected %T in a count", src)
	}
	return nil
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
