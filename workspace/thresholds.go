package workspace

import (
	"fmt"
	"strconv"
)

// Thresholds are the limits the health checks apply. Each workspace keeps its
// own, so that every copy of it checks alike.
type Thresholds struct {
	KeyRoleLimit         int `json:"key_role_limit"`         // key roles one person may hold at once
	MinCentralTeam       int `json:"min_central_team"`       // members the central leadership team needs
	MinEngagementOrgs    int `json:"min_engagement_orgs"`    // organisations the community engagement team draws on
	InterConsortiaDays   int `json:"inter_consortia_days"`   // days allowed between inter-consortia meetings
	VacancyDays          int `json:"vacancy_days"`           // days a key role may stay empty after its holder left
	MobilizerGenderShare int `json:"mobilizer_gender_share"` // most mobilizers of one gender, in percent
}

// DefaultThresholds are the thresholds of a new workspace.
var DefaultThresholds = Thresholds{
	KeyRoleLimit: 3, MinCentralTeam: 2, MinEngagementOrgs: 2, InterConsortiaDays: 120, VacancyDays: 30, MobilizerGenderShare: 70,
}

// ThresholdField describes one threshold for forms and messages.
type ThresholdField struct {
	Key      string
	Label    string // in English, as the history logs it; Shown gives it in the window's language
	Min, Max int
	value    func(*Thresholds) *int
}

// Shown is the field's label in the language of the package's messages, as
// the window shows it.
func (f ThresholdField) Shown() string { return sayPlain(f.Label) }

// Get returns the field's value in t.
func (f ThresholdField) Get(t Thresholds) int { return *f.value(&t) }

// Set sets the field's value in t.
func (f ThresholdField) Set(t *Thresholds, v int) { *f.value(t) = v }

// ThresholdFields lists the thresholds in the order forms show them.
var ThresholdFields = []ThresholdField{
	{"key_role_limit", msg("Key roles one person may hold at once"), 1, 20, func(t *Thresholds) *int { return &t.KeyRoleLimit }},
	{"min_central_team", msg("Fewest members of the central leadership team"), 1, 50, func(t *Thresholds) *int { return &t.MinCentralTeam }},
	{"min_engagement_orgs", msg("Fewest organisations in the community engagement team"), 1, 50, func(t *Thresholds) *int { return &t.MinEngagementOrgs }},
	{"inter_consortia_days", msg("Longest gap between inter-consortia meetings (days)"), 7, 730, func(t *Thresholds) *int { return &t.InterConsortiaDays }},
	{"vacancy_days", msg("Days a key role may stay empty after its holder left"), 0, 365, func(t *Thresholds) *int { return &t.VacancyDays }},
	{"mobilizer_gender_share", msg("Largest share of mobilizers of one gender (%)"), 50, 100, func(t *Thresholds) *int { return &t.MobilizerGenderShare }},
}

// Validate checks that every threshold is within its range.
func (t Thresholds) Validate() error {
	for _, f := range ThresholdFields {
		if v := f.Get(t); v < f.Min || v > f.Max {
			return invalid(f.Label, "%s must be between %d and %d, not %d.", f.Shown(), f.Min, f.Max, v)
		}
	}
	return nil
}

// Thresholds returns the workspace's thresholds; those never set keep their defaults.
func (f *File) Thresholds() (Thresholds, error) { return thresholdsIn(f.reader()) }

func thresholdsIn(q querier) (Thresholds, error) {
	t := DefaultThresholds
	rows, err := q.Query("SELECT key, value FROM settings WHERE key LIKE 'threshold.%'")
	if err != nil {
		return t, internal("reading the thresholds", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return t, internal("reading the thresholds", err)
		}
		// A value out of range (from a hand-edited or damaged copy) keeps the default.
		for _, field := range ThresholdFields {
			if "threshold."+field.Key == k {
				if n, err := strconv.Atoi(v); err == nil && n >= field.Min && n <= field.Max {
					field.Set(&t, n)
				}
			}
		}
	}
	return t, internal("reading the thresholds", rows.Err())
}

// SetThresholds stores the workspace's thresholds and logs what changed.
func (f *File) SetThresholds(t Thresholds) error { return f.setThresholds(nil, t) }

// SetThresholdsFrom stores the thresholds a dialog changed from those it
// read: one another window or program changed meanwhile keeps its value
// unless the dialog changed it too, to another value, which is refused with
// a sentence naming both values.
func (f *File) SetThresholdsFrom(read, t Thresholds) error { return f.setThresholds(&read, t) }

func (f *File) setThresholds(read *Thresholds, t Thresholds) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return f.write(func(tx *tx) error {
		old, err := thresholdsIn(tx) // as it is now, inside the write
		if err != nil {
			return err
		}
		for _, field := range ThresholdFields {
			before, after := field.Get(old), field.Get(t)
			if read != nil {
				was := field.Get(*read)
				if after == was {
					continue // the dialog left it: what is saved now stays
				}
				if before != was && before != after {
					return &Error{Code: ErrConflict, Field: field.Shown(), FieldKey: field.Label,
						Message: say("%s was changed to %d by another window or program after you opened the thresholds; you set %d. Open them again to see the newest values.", field.Shown(), before, after)}
				}
			}
			if before == after {
				continue
			}
			key := "threshold." + field.Key
			err := tx.putSetting(key, strconv.Itoa(after))
			if err != nil {
				return err
			}
			tx.nameStep("update", "setting", field.Label)
			if err := tx.logChange("setting", key, "update", fmt.Sprintf("%s: %d → %d", field.Label, before, after)); err != nil {
				return err
			}
		}
		return nil
	})
}
