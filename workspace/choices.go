package workspace

import (
	"net/mail"
	"strings"
	"time"
)

// Choice is one allowed value of a fixed list: the stored key and the label
// users read.
type Choice struct {
	Key   string
	Label string
}

// The fixed lists of the domain. Keys are stored in the file and never change;
// labels may.
var (
	OrganisationKinds = []Choice{
		{"local-government", "County / local-government department"},
		{"national-government", "National government"},
		{"elected-office", "Elected office"},
		{"ngo", "CSO / NGO"},
		{"federation-support-ngo", "Federation-support NGO"},
		{"federation", "Urban poor federation"},
		{"cbo", "Community-based organisation"},
		{"academia", "Academia"},
		{"private-sector", "Private sector"},
		{"utility", "Utility"},
		{"media", "Media"},
		{"funder", "Funder"},
		{"international", "International / regional organisation"},
		{"other", "Other"},
	}
	Bases = []Choice{
		{"local", "Local"}, {"national", "National"}, {"regional", "Regional"}, {"international", "International"},
	}
	Commitments = []Choice{
		{"prospective", "Prospective"}, {"approached", "Approached"}, {"committed", "Committed"},
		{"active", "Active"}, {"withdrawn", "Withdrawn"},
	}
	Stances = []Choice{
		{"supportive", "Supportive"}, {"leaning-supportive", "Leaning supportive"}, {"neutral", "Neutral"},
		{"leaning-opposed", "Leaning opposed"}, {"opposed", "Opposed"}, {"unknown", "Not known"},
	}
	Influences = []Choice{{"high", "High"}, {"medium", "Medium"}, {"low", "Low"}}
	Genders    = []Choice{{"", "Not recorded"}, {"female", "Female"}, {"male", "Male"}, {"other", "Other"}}
	AgeBands   = []Choice{
		{"", "Not recorded"}, {"under-18", "Under 18"}, {"18-24", "18–24"}, {"25-35", "25–35"},
		{"36-59", "36–59"}, {"60+", "60 and over"},
	}
	ConsortiumStatuses = []Choice{
		{"forming", "Forming"}, {"data-collection", "Data collection"}, {"planning", "Planning"},
		{"plan-drafted", "Plan drafted"}, {"validated", "Validated with residents"},
		{"ratified", "Ratified"}, {"implementing", "Implementing"},
	}
	RoleGroups = []Choice{
		{"advocacy", "Advocacy"}, {"central-leadership", "Central leadership"},
		{"constituency-leadership", "Constituency leadership"}, {"community", "Community"},
		{"civil-society", "Civil society"}, {"technical-planning", "Technical planning"},
	}
	RoleScopes = []Choice{
		{"initiative", "Whole initiative"}, {"consortium", "One consortium"}, {"unit", "One community unit"},
	}
	RoleHolders = []Choice{{"person", "A person"}, {"organisation", "An organisation"}, {"either", "A person or an organisation"}}
	UnitLevels  = []Choice{{"area", "Area"}, {"segment", "Segment"}, {"cluster", "Cluster"}, {"cell", "Cell"}}
	GapKinds    = []Choice{
		{"expertise", "Expertise"}, {"staff-time", "Staff time"}, {"funding", "Funding"}, {"data", "Data"},
		{"equipment", "Equipment"}, {"venue-logistics", "Venue / logistics"}, {"other", "Other"},
	}
	Priorities  = []Choice{{"high", "High"}, {"medium", "Medium"}, {"low", "Low"}}
	GapStatuses = []Choice{
		{"open", "Open"}, {"recruiting", "Recruiting"}, {"partly-filled", "Partly filled"},
		{"filled", "Filled"}, {"dropped", "Dropped"},
	}
	CandidateStages = []Choice{
		{"identified", "Identified"}, {"approached", "Approached"}, {"interested", "Interested"},
		{"committed", "Committed"}, {"declined", "Declined"},
	}
	MeetingKinds = []Choice{
		{"inter-consortia", "Inter-consortia meeting"}, {"consortium", "Consortium meeting"},
		{"central-leadership", "Central leadership meeting"}, {"community-forum", "Community planning forum"},
		{"public-meeting", "Public meeting"},
	}
)

// Label returns the label of key in choices, or key itself when unknown.
func Label(choices []Choice, key string) string {
	for _, c := range choices {
		if c.Key == key {
			return c.Label
		}
	}
	return key
}

// FindChoice finds the key of a choice given its key or label, ignoring case
// and surrounding space.
func FindChoice(choices []Choice, s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, c := range choices {
		if strings.EqualFold(c.Key, s) || strings.EqualFold(c.Label, s) {
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
			labels = append(labels, c.Label)
		}
	}
	if value == "" {
		return invalid(field, "%s is required: choose one of %s.", field, strings.Join(labels, ", "))
	}
	return invalid(field, "%s “%s” is not allowed: choose one of %s.", field, value, strings.Join(labels, ", "))
}

func required(field, value string) error {
	if strings.TrimSpace(value) == "" {
		return invalid(field, "%s is required.", field)
	}
	return nil
}

func maxLength(field, value string, n int) error {
	if len([]rune(value)) > n {
		return invalid(field, "%s is too long: at most %d characters.", field, n)
	}
	return nil
}

// DateLayout is how dates are written in the file: 2026-11-27.
const DateLayout = "2006-01-02"

func checkDate(field, value string, needed bool) error {
	if value == "" {
		if needed {
			return invalid(field, "%s is required: write it as YYYY-MM-DD, for example 2026-03-31.", field)
		}
		return nil
	}
	if _, err := time.Parse(DateLayout, value); err != nil {
		return invalid(field, "%s “%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31.", field, value)
	}
	return nil
}

func checkEmail(field, value string) error {
	if value == "" {
		return nil
	}
	a, err := mail.ParseAddress(value)
	if err != nil || a.Address != value || !strings.Contains(value[strings.LastIndex(value, "@")+1:], ".") {
		return invalid(field, "%s “%s” is not an e-mail address: write it like name@example.org.", field, value)
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
