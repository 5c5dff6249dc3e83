package workspace

import (
	"database/sql/driver"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"cpw/translate"
)

// Choice is one allowed value of a fixed list: the stored key and the label
// users read.
type Choice struct {
	Key   string
	Label string
}

// The fixed lists of the domain. Keys are stored in the file and never change;
// labels may. A label is never a word Fyne's lang reserves ("Other", "One",
// "ID"…): its translation file would not load.
var (
	OrganisationKinds = []Choice{
		{"local-government", msg("County / local-government department")},
		{"national-government", msg("National government")},
		{"elected-office", msg("Elected office")},
		{"ngo", msg("CSO / NGO")},
		{"federation-support-ngo", msg("Federation-support NGO")},
		{"federation", msg("Urban poor federation")},
		{"cbo", msg("Community-based organisation")},
		{"academia", msg("Academia")},
		{"private-sector", msg("Private sector")},
		{"utility", msg("Utility")},
		{"media", msg("Media")},
		{"funder", msg("Funder")},
		{"international", msg("International / regional organisation")},
		{"other", msg("Other organisation")},
	}
	Bases = []Choice{
		{"", msg("Not recorded")}, {"local", msg("Local")}, {"national", msg("National")}, {"regional", msg("Regional")}, {"international", msg("International")},
	}
	Commitments = []Choice{
		{"", msg("Not recorded")}, {"prospective", msg("Prospective")}, {"approached", msg("Approached")}, {"committed", msg("Committed")},
		{"active", msg("Active")}, {"withdrawn", msg("Withdrawn")},
	}
	Stances = []Choice{
		{"supportive", msg("Supportive")}, {"leaning-supportive", msg("Leaning supportive")}, {"neutral", msg("Neutral")},
		{"leaning-opposed", msg("Leaning opposed")}, {"opposed", msg("Opposed")}, {"unknown", msg("Not known")},
	}
	Influences = []Choice{{"", msg("Not recorded")}, {"high", msg("High")}, {"medium", msg("Medium")}, {"low", msg("Low")}}
	Genders    = []Choice{{"", msg("Not recorded")}, {"female", msg("Female")}, {"male", msg("Male")}, {"other", msg("Other gender")}}
	AgeBands   = []Choice{
		{"", msg("Not recorded")}, {"under-18", msg("Under 18")}, {"18-24", msg("18–24")}, {"25-35", msg("25–35")},
		{"36-59", msg("36–59")}, {"60+", msg("60 and over")},
	}
	ConsortiumStatuses = []Choice{
		{"", msg("Not recorded")}, {"forming", msg("Forming")}, {"data-collection", msg("Data collection")}, {"planning", msg("Planning")},
		{"plan-drafted", msg("Plan drafted")}, {"validated", msg("Validated with residents")},
		{"ratified", msg("Ratified")}, {"implementing", msg("Implementing")},
	}
	// Bases are why a person may be recorded, as the data protection law
	// asks: their consent, a public role they hold, or another lawful basis.
	LawfulBases = []Choice{{"", msg("Not recorded")}, {"consent", msg("Their consent")}, {"public role", msg("A public role")}, {"other", msg("Another lawful basis")}}
	// Residences says whether a person lives in the settlement (see Answer).
	Residences = []Choice{{"", msg("Not recorded")}, {"yes", msg("Lives in the settlement")}, {"no", msg("Lives elsewhere")}}
	RoleGroups = []Choice{
		{"advocacy", msg("Advocacy")}, {"central-leadership", msg("Central leadership")},
		{"constituency-leadership", msg("Constituency leadership")}, {"community", msg("Community")},
		{"civil-society", msg("Civil society")}, {"technical-planning", msg("Technical planning")},
	}
	RoleScopes = []Choice{
		{"initiative", msg("Whole initiative")}, {"consortium", msg("One consortium")}, {"unit", msg("One community unit")},
	}
	RoleHolders = []Choice{{"person", msg("A person")}, {"organisation", msg("An organisation")}, {"either", msg("A person or an organisation")}}
	UnitLevels  = []Choice{{"area", msg("Area")}, {"segment", msg("Segment")}, {"cluster", msg("Cluster")}, {"cell", msg("Cell")}}
	GapKinds    = []Choice{
		{"expertise", msg("Expertise")}, {"staff-time", msg("Staff time")}, {"funding", msg("Funding")}, {"data", msg("Data")},
		{"equipment", msg("Equipment")}, {"venue-logistics", msg("Venue / logistics")}, {"other", msg("Other need")},
	}
	Priorities  = []Choice{{"high", msg("High")}, {"medium", msg("Medium")}, {"low", msg("Low")}}
	GapStatuses = []Choice{
		{"open", msg("Not yet filled")}, {"recruiting", msg("Recruiting")}, {"partly-filled", msg("Partly filled")},
		{"filled", msg("Filled")}, {"dropped", msg("Dropped")},
	}
	CandidateStages = []Choice{
		{"identified", msg("Identified")}, {"approached", msg("Approached")}, {"interested", msg("Interested")},
		{"committed", msg("Committed")}, {"declined", msg("Declined")},
	}
	MeetingKinds = []Choice{
		{"inter-consortia", msg("Inter-consortia meeting")}, {"consortium", msg("Consortium meeting")},
		{"central-leadership", msg("Central leadership meeting")}, {"community-forum", msg("Community planning forum")},
		{"public-meeting", msg("Public meeting")},
	}
)

// Answer is a yes-or-no fact that may not be recorded: "" (not recorded),
// "yes" or "no". A workbook or a form that says nothing leaves it "", and
// the checks then treat it as not known rather than as a no. It is stored
// as NULL, 1 or 0.
type Answer string

// The answers.
const (
	NotRecorded Answer = ""
	Yes         Answer = "yes"
	No          Answer = "no"
)

// AnswerOf is the answer true or false gives.
func AnswerOf(b bool) Answer {
	if b {
		return Yes
	}
	return No
}

// Value stores the answer as NULL, 1 or 0.
func (a Answer) Value() (driver.Value, error) {
	switch a {
	case Yes:
		return int64(1), nil
	case No:
		return int64(0), nil
	}
	return nil, nil
}

// Scan reads NULL, 1 or 0.
func (a *Answer) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*a = NotRecorded
	case int64:
		*a = AnswerOf(v != 0)
	case bool:
		*a = AnswerOf(v)
	default:
		return fmt.Errorf("unexpected %T in a yes-or-no field", src)
	}
	return nil
}

// Shown is the choice's label in the language of the package's messages, as
// the window shows it. (Label itself is the English, as workbooks carry it.)
func (c Choice) Shown() string { return sayPlain(c.Label) }

// Label returns the label of key in choices, in the language of the
// package's messages, or key itself when unknown.
func Label(choices []Choice, key string) string {
	return LabelIn(choices, key, say)
}

// LabelIn returns the label of key in choices worded by tr (a brief's
// language), or key itself when unknown.
func LabelIn(choices []Choice, key string, tr translate.Func) string {
	for _, c := range choices {
		if c.Key == key {
			if c.Label == "" {
				return ""
			}
			return tr(c.Label)
		}
	}
	return key
}

// EnglishLabel returns the English label of key in choices, as workbooks
// carry it whatever the window's language, or key itself when unknown.
func EnglishLabel(choices []Choice, key string) string {
	return LabelIn(choices, key, translate.English)
}

// FindChoice finds the key of a choice given its key or its label in English
// or in the window's language, ignoring case and surrounding space.
func FindChoice(choices []Choice, s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, c := range choices {
		if strings.EqualFold(c.Key, s) || strings.EqualFold(c.Label, s) || strings.EqualFold(c.Shown(), s) {
			return c.Key, true
		}
	}
	return "", false
}

func checkChoice(field, value string, choices []Choice) error {
	for _, c := range choices {
		if c.Key == value {
			return nil
		}
	}
	// The labels people read, not the keys stored.
	labels := make([]string, 0, len(choices))
	for _, c := range choices {
		if c.Key != "" {
			labels = append(labels, c.Shown())
		}
	}
	if value == "" {
		return invalid(field, "%s is required: choose one of %s.", sayPlain(field), strings.Join(labels, ", "))
	}
	return invalid(field, "%s “%s” is not allowed: choose one of %s.", sayPlain(field), value, strings.Join(labels, ", "))
}

func required(field, value string) error {
	if strings.TrimSpace(value) == "" {
		return invalid(field, "%s is required.", sayPlain(field))
	}
	return nil
}

func maxLength(field, value string, n int) error {
	if len([]rune(value)) > n {
		return invalid(field, "%s is too long: at most %d characters.", sayPlain(field), n)
	}
	return nil
}

// DateLayout is how dates are written in the file: 2026-11-27.
const DateLayout = "2006-01-02"

func checkDate(field, value string, needed bool) error {
	if value == "" {
		if needed {
			return invalid(field, "%s is required: write it as YYYY-MM-DD, for example 2026-03-31.", sayPlain(field))
		}
		return nil
	}
	if _, err := time.Parse(DateLayout, value); err != nil {
		return invalid(field, "%s “%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31.", sayPlain(field), value)
	}
	return nil
}

func checkEmail(field, value string) error {
	if value == "" {
		return nil
	}
	a, err := mail.ParseAddress(value)
	if err != nil || a.Address != value || !strings.Contains(value[strings.LastIndex(value, "@")+1:], ".") {
		return invalid(field, "%s is not an e-mail address: write it like name@example.org.", sayPlain(field)) // the address itself is never repeated in an error
	}
	return nil
}

// firstError returns the first non-nil error.
func firstError(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// clean trims surrounding space from each string.
func clean(ps ...*string) {
	for _, p := range ps {
		*p = strings.TrimSpace(*p)
	}
}
